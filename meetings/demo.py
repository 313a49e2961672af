"""The demo's consultation sessions, added by `manage.py seed_demo`, in Kanaleneiland-Noord.

A small group in the model home next week (ten places, six taken), an information evening in two weeks (a few
households registered already) and a small group held last week: eight households registered, seven came, and
its minutes are published. The demo tenant (huurder@, Fatma) is not registered for anything yet, so a visitor who
logs in as her can register. Registrations go through the services (which emit); the past session is planned
and filled as if it were coming and then dated back, as projects.demo does with history.

Running it again changes nothing: a session in the project marks it as done.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from projects.demo import PROJECT_SLUG
from projects.models import RenovationProject
from tenants.models import Household, TenantProfile

from . import services
from .models import Registration, Session

MODEL_HOME = "Modelwoning Marshallaan 2-A (begane grond)"
COMMUNITY_CENTRE = "Buurtcentrum Kanaleneiland, Marco Pololaan 6"
SMALL_GROUP = {
    "kind": Session.Kind.SMALL_GROUP,
    "title": "Kijken in de modelwoning",
    "description": (
        "In de modelwoning ziet u hoe uw woning eruitziet na de renovatie: de nieuwe kozijnen, de isolatie en de "
        "ventilatie met CO₂-sensor.\n\n"
        "- We zijn met ongeveer tien huishoudens, dus er is tijd voor al uw vragen.\n"
        "- Uw bewonersbegeleider Sanne de Vries is erbij.\n"
        "- Koffie en thee staan klaar."
    ),
    "place": MODEL_HOME,
    "capacity": 10,
}
EVENING = {
    "kind": Session.Kind.INFORMATION_EVENING,
    "title": "Informatieavond: de planning per portiek",
    "description": (
        "De aannemer vertelt wanneer uw portiek aan de beurt is en wat u in die weken merkt. Daarna kunt u vragen "
        "stellen aan de aannemer en aan Mitros."
    ),
    "place": COMMUNITY_CENTRE,
    "capacity": 60,
}
MINUTES = """Acht huishoudens hadden zich aangemeld, zeven waren er.

**Wat er gevraagd werd**

- *Blijft de vensterbank?* Ja, de vensterbank blijft. Waar hij beschadigd raakt, krijgt u een nieuwe.
- *Maakt de ventilatie lawaai?* In de modelwoning stond hij op de middelste stand; bijna niemand hoorde hem.
- *Wat als ik overdag niet thuis ben?* Dat kan. Spreek met de aannemer af waar de sleutel ligt.

**Wat er nu gebeurt**

- Mitros zet de antwoorden ook bij de veelgestelde vragen.
- Wie de modelwoning nog wil zien, kan zich aanmelden voor de volgende kleine groep.
"""


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def households_of(project, *, leave_out):
    """The project's households in street order, without `leave_out` (the demo tenant's household)."""
    return list(
        Household.objects.active()
        .filter(dwelling__complex__in=project.complexes.all())
        .exclude(pk=leave_out)
        .select_related("dwelling")
        .order_by("dwelling__street", "dwelling__house_number", "dwelling__addition")
    )


def register(session, households, members, coach):
    """Each household registers itself when it has an account; otherwise the coach registers it after a call."""
    for index, household in enumerate(households):
        services.register_household(session, household, people=1 + index % 3, by=members.get(household.pk) or coach)


@transaction.atomic
def seed_sessions(corporation, users):
    """Add the demo sessions; returns a one-line summary, or None when the project is missing or has sessions."""
    project = RenovationProject.objects.filter(slug=PROJECT_SLUG, corporation=corporation).first()
    if project is None or Session.objects.filter(project=project).exists():
        return None
    lead, coach = users["projectleider"], users["medewerker"]
    today = timezone.localdate()
    households = households_of(project, leave_out=users["huurder"].tenant_profile.household_id)
    profiles = TenantProfile.objects.filter(household__in=households).select_related("user").order_by("pk")
    members = {profile.household_id: profile.user for profile in profiles}

    next_week = today + timedelta(days=7)
    small = services.plan_session(
        project, starts_at=at(next_week, 14), ends_at=at(next_week, 15, 30), by=lead, **SMALL_GROUP
    )
    taken = households[:6]
    register(small, taken, members, coach)

    in_two_weeks = today + timedelta(days=14)
    evening = services.plan_session(
        project, starts_at=at(in_two_weeks, 19, 30), ends_at=at(in_two_weeks, 21), by=lead, **EVENING
    )
    register(evening, households[20:32:3], members, coach)

    held = create_past_session(
        project, households[40:48], members, lead=lead, coach=coach, day=today - timedelta(days=6)
    )
    return (
        f"Demo sessions: a small group in the model home ({len(taken)} of {small.capacity} places taken), "
        f"an information evening and a past session with minutes ({held.title})."
    )


def create_past_session(project, households, members, *, lead, coach, day):
    """A small group held on `day`: planned and filled as if it were coming, then dated back; all but one came."""
    soon = timezone.localdate() + timedelta(days=1)
    session = services.plan_session(
        project, starts_at=at(soon, 10), ends_at=at(soon, 11, 30), by=lead, **{**SMALL_GROUP, "capacity": 10}
    )
    register(session, households, members, coach)
    planned_at = at(day - timedelta(days=14), 9)
    Session.objects.filter(pk=session.pk).update(
        starts_at=at(day, 10),
        ends_at=at(day, 11, 30),
        created_at=planned_at,
        reminder_sent_at=at(day - timedelta(days=1), 7, 10),
    )
    for index, registration in enumerate(Registration.objects.filter(session=session).order_by("pk")):
        Registration.objects.filter(pk=registration.pk).update(
            registered_at=planned_at + timedelta(hours=5 * (index + 1))
        )
    session.refresh_from_db()
    services.record_attendance(session, [household.pk for household in households[:-1]], by=coach)
    services.save_minutes(session, MINUTES, publish=True, by=coach)
    Session.objects.filter(pk=session.pk).update(minutes_published_at=at(day + timedelta(days=1), 16))
    return session
