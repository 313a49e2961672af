"""The demo's discussions, added by `manage.py seed_demo` after the projects, so `make run` shows neighbours talking.

In Kanaleneiland-Noord: a question answered officially by the project lead, a problem report in the stairwell
answered by the contractor and resolved, an idea with a lot of support, an experience with replies five levels
deep (and one reply reported as advertising, waiting in the moderation queue), and a question nobody has
answered yet. In the complex Zuilen: a thread between neighbours, answered by staff.

Everything is written through feedback.services and feedback.moderation (which number live events and emit
events), then dated back to when it "happened", so answer times and "newest first" look real. Ten neighbours get
an account without a password (they cannot log in; they make the support and the replies believable). Running it
again changes nothing: a thread in the demo project marks it as done.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from projects.demo import PROJECT_SLUG
from projects.models import RenovationProject
from tenants.models import Household, TenantProfile

from . import moderation, services
from .models import Post, Thread, ThreadStatusChange

EMAIL_DOMAIN = "demo.renovatie.nl"

# (street, number, addition, the name neighbours see): tenants who take part but have no demo login.
NEIGHBOURS = (
    ("Marshallaan", 2, "A", "Wim, nr. 2"),
    ("Marshallaan", 4, "B", "Samira"),
    ("Marshallaan", 6, "C", "Joke van Leeuwen"),
    ("Marshallaan", 8, "A", "Dennis, nr. 8"),
    ("Marshallaan", 10, "D", "Aysel"),
    ("Marshallaan", 14, "A", "Gerrit"),
    ("Columbuslaan", 1, "B", "Karin, nr. 1"),
    ("Columbuslaan", 3, "C", "Youssef"),
    ("Columbuslaan", 9, "A", "Marieke"),
    ("Columbuslaan", 11, "D", "Tom en Lisa"),
    ("Prinses Christinalaan", 19, "", "Riet, nr. 19"),
    ("Julianaweg", 112, "bis", "Bas"),
)


@dataclass
class Conversation:
    """Writes through the services, then dates each step back to `hours_ago` before now."""

    now: object

    def at(self, hours_ago):
        return self.now - timedelta(hours=hours_ago)

    def start(self, hours_ago, author, kind, title, body, **place):
        thread = services.start_thread(kind=kind, title=title, body=body, author=author, **place)
        when = self.at(hours_ago)
        Thread.objects.filter(pk=thread.pk).update(created_at=when, last_activity_at=when)
        Post.objects.filter(thread=thread).update(created_at=when)
        thread.refresh_from_db()
        return thread, thread.posts.get(parent__isnull=True)

    def reply(self, hours_ago, parent, author, body):
        post = services.reply(parent, body, author)
        post.created_at = when = self.at(hours_ago)
        Post.objects.filter(pk=post.pk).update(created_at=when)
        Thread.objects.filter(pk=post.thread_id).update(last_activity_at=when)
        return post

    def official(self, post, by):
        services.mark_official(post, by)
        ThreadStatusChange.objects.filter(thread_id=post.thread_id, changed_by=by).update(changed_at=post.created_at)

    def status(self, thread, to_status, by, hours_ago):
        services.change_status(thread, to_status, by)
        change = ThreadStatusChange.objects.filter(thread=thread).order_by("-pk").first()
        ThreadStatusChange.objects.filter(pk=change.pk).update(changed_at=self.at(hours_ago))


def neighbour_accounts(corporation):
    """The NEIGHBOURS' accounts by display name, made once, without a usable password."""
    people = {}
    for street, number, addition, name in NEIGHBOURS:
        household = Household.objects.active().get(
            dwelling__complex__corporation=corporation,
            dwelling__street=street,
            dwelling__house_number=number,
            dwelling__addition=addition,
        )
        login = f"buur-{street.split()[-1].lower()}-{number}{addition.lower()}"
        user, created = get_user_model().objects.get_or_create(
            email=f"{login}@{EMAIL_DOMAIN}", defaults={"first_name": name.split(",")[0]}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            TenantProfile.objects.create(user=user, household=household, display_name=name)
        people[name] = user
    return people


@transaction.atomic
def seed_threads(corporation, users):
    """Add the demo discussions; `users` are the demo accounts by login. Returns the number of threads made, or
    0 when the demo project is missing or has discussions already."""
    project = RenovationProject.objects.filter(slug=PROJECT_SLUG, corporation=corporation).first()
    if project is None or Thread.objects.filter(project=project).exists():
        return 0
    people = neighbour_accounts(corporation)
    talk = Conversation(now=timezone.now())
    where = {"project": project}
    working_from_home(talk, where, users, people)
    leak_in_the_stairwell(talk, where, users, people)
    bicycle_shed(talk, where, users, people)
    new_bathroom(talk, where, users, people)
    ventilation_question(talk, where, people)
    zuilen = corporation.complexes.get(name="Zuilen")
    zuilen_courtyard(talk, {"complex": zuilen}, users, people)
    return Thread.objects.filter(project=project).count() + Thread.objects.filter(complex=zuilen).count()


def working_from_home(talk, where, users, people):
    """A question answered officially by the project lead; open → answered."""
    thread, opening = talk.start(
        150,
        users["huurder"],
        Thread.Kind.QUESTION,
        "Kan ik thuiswerken als de kozijnen worden vervangen?",
        "Ik werk drie dagen per week thuis. Hoeveel dagen is het werk in mijn woning, en is het erg lawaaiig?",
        **where,
    )
    first = talk.reply(148, opening, people["Samira"], "Goede vraag, ik werk ook thuis. Ik wil het ook graag weten.")
    talk.reply(147, first, users["mohamed"], "Bij mijn broer in Overvecht duurde het twee dagen per woning.")
    answer = talk.reply(
        126,
        opening,
        users["projectleider"],
        "Het vervangen van de kozijnen duurt **twee dagen** per woning. De eerste ochtend is het lawaaiig "
        "(slopen). Wilt u die dag ergens anders werken? In buurthuis De Kanaalbrug is een stille werkplek vrij.",
    )
    talk.official(answer, users["projectleider"])
    talk.reply(120, answer, users["huurder"], "Dank u wel, dan reserveer ik de werkplek voor de eerste dag.")
    for supporter in (people["Samira"], people["Dennis, nr. 8"], users["mohamed"]):
        services.toggle_support(thread, supporter)


def leak_in_the_stairwell(talk, where, users, people):
    """A problem report in the stairwell: the contractor answers officially, it is planned, then resolved."""
    thread, opening = talk.start(
        100,
        users["mohamed"],
        Thread.Kind.PROBLEM,
        "Lekkage in het portiek van nr. 12 na de kozijnwissel",
        "Sinds de nieuwe kozijnen in het trappenhuis zijn geplaatst, loopt er bij regen water langs het raam "
        "op de tweede verdieping. De traptreden zijn dan glad.",
        location=Thread.Location.STAIRWELL,
        **where,
    )
    talk.reply(98, opening, users["huurder"], "Ik zag het gisteren ook. Voorzichtig met de kinderen op de trap!")
    answer = talk.reply(
        80,
        opening,
        users["aannemer"],
        "Dank voor de melding. De kitnaad aan de buitenkant is niet goed afgewerkt. Donderdag komt onze monteur "
        "het herstellen, tussen 8.00 en 12.00 uur. U hoeft daarvoor niet thuis te zijn.",
    )
    talk.official(answer, users["aannemer"])
    talk.status(thread, Thread.Status.PLANNED, users["medewerker"], 79)
    talk.reply(30, answer, users["mohamed"], "Het is gemaakt en het is droog gebleven met de regen van vannacht.")
    talk.status(thread, Thread.Status.RESOLVED, users["medewerker"], 28)
    for supporter in (users["huurder"], people["Wim, nr. 2"], people["Aysel"], people["Youssef"]):
        services.toggle_support(thread, supporter)


def bicycle_shed(talk, where, users, people):
    """An idea with a lot of support."""
    thread, opening = talk.start(
        200,
        users["bewonerscommissie"],
        Thread.Kind.IDEA,
        "Een overdekte fietsenstalling in de binnentuin",
        "Nu de binnentuin toch opnieuw wordt ingericht: kunnen we een overdekte, afsluitbare fietsenstalling "
        "krijgen? Dan staan de fietsen niet meer in het portiek. Steun dit idee als u het ook wilt.",
        **where,
    )
    talk.reply(190, opening, people["Gerrit"], "Graag, en dan ook een plek voor een scootmobiel met stopcontact.")
    talk.reply(170, opening, people["Karin, nr. 1"], "Mooi idee. Wel graag verlichting, het is daar 's avonds donker.")
    for supporter in (
        users["huurder"],
        users["mohamed"],
        *(people[name] for name in NEIGHBOURS_IN_KANALENEILAND),
    ):
        services.toggle_support(thread, supporter)


NEIGHBOURS_IN_KANALENEILAND = [name for street, _n, _a, name in NEIGHBOURS if street in ("Marshallaan", "Columbuslaan")]


def new_bathroom(talk, where, users, people):
    """An experience with replies five levels deep, and a reply reported as advertising (in the queue)."""
    thread, opening = talk.start(
        60,
        people["Joke van Leeuwen"],
        Thread.Kind.EXPERIENCE,
        "Onze badkamer is klaar: zo ging het",
        "Acht dagen zonder douche klinkt lang, maar de douchewagen voor de deur was schoon en warm. "
        "Tip: zet de spullen uit de badkamer al een dag eerder in dozen.",
        **where,
    )
    level = opening
    for hours_ago, author, body in (
        (58, users["huurder"], "Wat fijn om te horen. Mocht u kiezen welke tegels u kreeg?"),
        (57, people["Joke van Leeuwen"], "Ja, uit drie kleuren. Wij kozen de lichtgrijze."),
        (55, users["huurder"], "Die heb ik ook aangekruist. Is de vloer niet glad?"),
        (54, people["Joke van Leeuwen"], "Nee, het zijn antislip-tegels. Ook met natte voeten niet glad."),
        (50, people["Marieke"], "Goed om te weten, wij hebben een kleine die nog vaak uitglijdt."),
    ):
        level = talk.reply(hours_ago, level, author, body)
    advert = talk.reply(
        40,
        opening,
        people["Tom en Lisa"],
        "Wilt u ook een nieuwe badkamer zonder wachten? Bel Klusbedrijf Snel & Goedkoop, 10% korting voor buren!",
    )
    moderation.flag(advert, users["huurder"], "Reclame voor een klusbedrijf, dat hoort hier niet.")
    services.toggle_support(thread, users["mohamed"])


def ventilation_question(talk, where, people):
    """A question nobody has answered yet."""
    talk.start(
        5,
        people["Youssef"],
        Thread.Kind.QUESTION,
        "Wanneer worden de nieuwe ventilatieroosters afgesteld?",
        "Bij ons tocht het sinds de nieuwe roosters. Komt er nog iemand om ze af te stellen, of moet ik dat zelf doen?",
        **where,
    )


def zuilen_courtyard(talk, where, users, people):
    """A thread among the neighbours of the complex Zuilen, answered officially by staff."""
    thread, opening = talk.start(
        72,
        users["henk"],
        Thread.Kind.QUESTION,
        "Wie zorgt er voor de heg tussen de achtertuinen?",
        "De heg achter de Prinses Christinalaan is erg hoog geworden. Is dat van Mitros of van ons samen?",
        **where,
    )
    talk.reply(70, opening, people["Riet, nr. 19"], "Vroeger kwam de hovenier van Mitros, maar al twee jaar niet meer.")
    talk.reply(69, opening, people["Bas"], "Ik help graag mee snoeien als Mitros het gereedschap regelt.")
    answer = talk.reply(
        48,
        opening,
        users["medewerker"],
        "De heg is van Mitros. De hovenier snoeit hem in de week van 14 oktober. Bas, leuk dat u wilt helpen: "
        "bij de buurtklusdag in het voorjaar zoeken we mensen.",
    )
    talk.official(answer, users["medewerker"])
    services.toggle_support(thread, people["Riet, nr. 19"])
