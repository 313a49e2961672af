"""`manage.py seed_demo`: a believable Utrecht demo for `make run`.

Mitros with three complexes (about 150 homes, one household each), a contractor, a tenant organisation, a
handful of activated tenants and one unused letter code, so a visitor can log in as every role or try the
activation by letter. All demo accounts share one published password, so the command refuses to run with
DEBUG off unless told `--force`.

Running it again rebuilds nothing: it says the demo exists, issues a fresh code for the demo letter (only a
digest of a code is stored, so the previous one cannot be shown again) and prints the logins. Delete
var/db.sqlite3 to start from scratch.

Later features add to the demo with a small function that takes the `Demo` and is called from `build_demo`.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from advice.demo import seed_advice
from decisions.demo import seed_proposals
from feedback.demo import seed_threads
from meetings.demo import seed_sessions
from notifications.demo import seed_notifications
from polls.demo import seed_polls
from projects.demo import seed_projects
from surveys.demo import seed_surveys
from tenants.invitations import issue_letters
from tenants.models import Complex, Corporation, Dwelling, Household, Membership, Organisation, TenantProfile

DEMO_PASSWORD = "renovatie-demo"
EMAIL_DOMAIN = "demo.renovatie.nl"
CORPORATION_NAME = "Mitros"
CORPORATION_SLUG = "mitros"
CITY = "Utrecht"
# Letters PostNL uses in postcodes (no F, I, O, Q, U, Y), in order.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


@dataclass(frozen=True)
class Street:
    """Homes on one street: house numbers, the additions per number (floors of a flat) and its postcodes."""

    name: str
    postcode_area: str  # the four digits
    first_letters: str  # the letters of the first postcode; later homes get the following ones
    numbers: tuple
    additions: tuple = ("",)
    homes_per_postcode: int = 8
    extra_additions: dict = field(default_factory=dict)  # number -> more additions, e.g. {112: ("bis",)}


@dataclass(frozen=True)
class ComplexPlan:
    code: str
    name: str
    streets: tuple


COMPLEXES = (
    ComplexPlan(
        "1104",
        "Kanaleneiland-Noord",  # portiekflats from 1958, four floors per entrance
        (
            Street("Marshallaan", "3527", "TE", tuple(range(2, 18, 2)), additions=("A", "B", "C", "D")),
            Street("Columbuslaan", "3526", "EP", tuple(range(1, 15, 2)), additions=("A", "B", "C", "D")),
        ),
    ),
    ComplexPlan(
        "2207",
        "Zuilen",  # terraced family houses from the 1930s
        (
            Street("Prinses Christinalaan", "3553", "AK", tuple(range(1, 45, 2)), homes_per_postcode=12),
            Street(
                "Julianaweg",
                "3553",
                "CD",
                tuple(range(100, 134, 2)),
                homes_per_postcode=12,
                extra_additions={112: ("bis",)},
            ),
        ),
    ),
    ComplexPlan(
        "3312",
        "Overvecht",  # a gallery flat, ten homes per gallery
        (Street("Zambesidreef", "3563", "CM", tuple(range(201, 251)), homes_per_postcode=10),),
    ),
)


@dataclass(frozen=True)
class Person:
    """A demo account: e-mail local part, name, and for tenants their home and the name neighbours see."""

    login: str
    first_name: str
    last_name: str
    role_label: str
    address: tuple | None = None  # (street, house number, addition)
    display_name: str = ""
    language: str = "nl"


STAFF = Person("medewerker", "Sanne", "de Vries", "Corporation staff (Mitros)")
PROJECT_LEAD = Person("projectleider", "Ruud", "Bakker", "Project lead (Mitros)")
CONTRACTOR = Person("aannemer", "Kees", "van der Linden", "Contractor (Bouwbedrijf Van der Linden)")
REPRESENTATIVE = Person(
    "bewonerscommissie",
    "Ans",
    "van Dijk",
    "Tenant representative (bewonerscommissie)",
    address=("Columbuslaan", 5, "A"),
    display_name="Ans van Dijk",
)
TENANTS = (
    Person("huurder", "Fatma", "Yilmaz", "Tenant", ("Marshallaan", 12, "B"), "Fatma, nr. 12"),
    Person("henk", "Henk", "Jansen", "Tenant", ("Prinses Christinalaan", 17, ""), "Henk"),
    Person("mohamed", "Mohamed", "El Amrani", "Tenant", ("Marshallaan", 12, "D"), "Mohamed"),
    Person(
        "tenant",
        "Priya",
        "Raman",
        "Tenant, English interface",
        ("Zambesidreef", 214, ""),
        "Priya, nr. 214",
        language="en",
    ),
)
# The household whose letter code is printed for visitors to try the activation.
LETTER_ADDRESS = ("Columbuslaan", 7, "C")


@dataclass
class Demo:
    """What the demo consists of, for the functions that add to it."""

    corporation: Corporation
    complexes: dict = field(default_factory=dict)  # name -> Complex
    organisations: dict = field(default_factory=dict)  # kind -> Organisation
    users: dict = field(default_factory=dict)  # login -> User

    def household_at(self, street, house_number, addition=""):
        return Household.objects.active().get(
            dwelling__complex__corporation=self.corporation,
            dwelling__street=street,
            dwelling__house_number=house_number,
            dwelling__addition=addition,
        )


def describe(person):
    """The role, and for a tenant the name neighbours see and the home: 'Tenant: Fatma, nr. 12 (Marshallaan 12-B)'."""
    if not person.address:
        return person.role_label
    street, number, addition = person.address
    return f"{person.role_label}: {person.display_name} ({street} {number}{'-' + addition if addition else ''})"


def email_for(login):
    return f"{login}@{EMAIL_DOMAIN}"


def postcode(street, index):
    """The postcode of the index-th home on a street: consecutive homes share one, then the letters move on."""
    step = index // street.homes_per_postcode
    first, second = (POSTCODE_LETTERS.index(letter) for letter in street.first_letters)
    first, second = divmod(first * len(POSTCODE_LETTERS) + second + step, len(POSTCODE_LETTERS))
    return f"{street.postcode_area}{POSTCODE_LETTERS[first]}{POSTCODE_LETTERS[second]}"


def dwellings_on(street, complex_):
    homes = [
        (number, addition)
        for number in street.numbers
        for addition in street.additions + street.extra_additions.get(number, ())
    ]
    return [
        Dwelling(
            complex=complex_,
            street=street.name,
            house_number=number,
            addition=addition,
            postcode=postcode(street, index),
            city=CITY,
        )
        for index, (number, addition) in enumerate(homes)
    ]


def create_housing_stock(demo):
    """Three complexes, their dwellings and one active household per dwelling, in a few bulk inserts."""
    for plan in COMPLEXES:
        complex_ = Complex.objects.create(corporation=demo.corporation, code=plan.code, name=plan.name, city=CITY)
        demo.complexes[plan.name] = complex_
        Dwelling.objects.bulk_create(dwelling for street in plan.streets for dwelling in dwellings_on(street, complex_))
    rng = random.Random(2024)  # the same demo every time
    dwellings = Dwelling.objects.filter(complex__corporation=demo.corporation).select_related("complex")
    Household.objects.bulk_create(
        Household(
            dwelling=dwelling,
            tenancy_reference=f"HO{dwelling.complex.code}{index:04d}",
            started_on=date(1985, 1, 1) + timedelta(days=rng.randrange(39 * 365)),
        )
        for index, dwelling in enumerate(dwellings.order_by("complex__code", "street", "house_number", "addition"))
    )


def create_user(person):
    user = get_user_model()(email=email_for(person.login), first_name=person.first_name, last_name=person.last_name)
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def create_organisations(demo):
    """Mitros itself (staff and a project lead), the contractor and the tenant organisation, with a user each."""
    members = (
        (
            CORPORATION_NAME,
            Organisation.Kind.CORPORATION,
            ((STAFF, Membership.Role.STAFF), (PROJECT_LEAD, Membership.Role.PROJECT_LEAD)),
        ),
        ("Bouwbedrijf Van der Linden", Organisation.Kind.CONTRACTOR, ((CONTRACTOR, Membership.Role.CONTRACTOR),)),
        (
            "Bewonerscommissie Kanaleneiland",
            Organisation.Kind.TENANT_ORGANISATION,
            ((REPRESENTATIVE, Membership.Role.TENANT_REPRESENTATIVE),),
        ),
    )
    for name, kind, people in members:
        organisation = Organisation.objects.create(corporation=demo.corporation, name=name, kind=kind)
        demo.organisations[kind] = organisation
        for person, role in people:
            user = demo.users.get(person.login) or create_user(person)
            demo.users[person.login] = user
            Membership.objects.create(user=user, organisation=organisation, role=role)


def create_tenants(demo):
    """Tenants who already activated their account, each linked to their household."""
    for person in (REPRESENTATIVE, *TENANTS):
        user = demo.users.get(person.login) or create_user(person)
        demo.users[person.login] = user
        TenantProfile.objects.create(
            user=user,
            household=demo.household_at(*person.address),
            display_name=person.display_name,
            language=person.language,
        )


@transaction.atomic
def build_demo():
    demo = Demo(corporation=Corporation.objects.create(name=CORPORATION_NAME, slug=CORPORATION_SLUG))
    create_housing_stock(demo)
    create_organisations(demo)
    create_tenants(demo)
    return demo


def existing_demo(corporation):
    logins = [person.login for person in (STAFF, PROJECT_LEAD, CONTRACTOR, REPRESENTATIVE, *TENANTS)]
    users = get_user_model().objects.filter(email__in=[email_for(login) for login in logins])
    return Demo(
        corporation=corporation,
        complexes={complex_.name: complex_ for complex_ in corporation.complexes.all()},
        organisations={organisation.kind: organisation for organisation in corporation.organisations.all()},
        users={user.email.split("@")[0]: user for user in users},
    )


def issue_demo_letter(demo):
    """A fresh code for the demo letter; it replaces the code printed by an earlier run."""
    try:
        household = demo.household_at(*LETTER_ADDRESS)
    except Household.DoesNotExist as error:
        raise CommandError(
            f"A corporation {CORPORATION_SLUG!r} exists but is not the demo; seed_demo leaves it alone."
        ) from error
    (letter,) = issue_letters([household], issued_by=demo.users.get(STAFF.login))
    return letter


class Command(BaseCommand):
    help = "Create the Utrecht demo (Mitros, three complexes, demo logins) for `make run`; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (the demo password is public)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with a public password; it runs only with DEBUG=1.")
        corporation = Corporation.objects.filter(slug=CORPORATION_SLUG).first()
        if corporation:
            self.stdout.write(f"The demo corporation {corporation} already exists; it was left as it is.")
            demo = existing_demo(corporation)
        else:
            demo = build_demo()
            homes = Dwelling.objects.filter(complex__corporation=demo.corporation).count()
            self.stdout.write(self.style.SUCCESS(f"Demo created: {demo.corporation}, {homes} homes in Utrecht."))
        letter = issue_demo_letter(demo)  # refuses a corporation that is not the demo, before anything is added
        if seed_projects(demo.corporation, demo.users):
            self.stdout.write(self.style.SUCCESS("Demo projects created: Kanaleneiland-Noord (in execution), Zuilen."))
        if threads := seed_threads(demo.corporation, demo.users):
            self.stdout.write(self.style.SUCCESS(f"Demo discussions created: {threads} threads with replies."))
        if proposal := seed_proposals(demo.corporation, demo.users):
            self.stdout.write(self.style.SUCCESS(f"Demo proposal open for voting: {proposal.title}."))
        for seed in (seed_advice, seed_sessions, seed_polls, seed_surveys, seed_notifications):
            if summary := seed(demo.corporation, demo.users):
                self.stdout.write(self.style.SUCCESS(summary))
        self.print_logins(letter)

    def print_logins(self, letter):
        site = settings.SITE_URL.rstrip("/")
        people = (TENANTS[0], REPRESENTATIVE, CONTRACTOR, STAFF, PROJECT_LEAD, *TENANTS[1:])
        width = max(len(email_for(person.login)) for person in people)
        lines = [
            "",
            "=" * 78,
            f"  Renovatieplatform demo: {site}/",
            "",
            f"  Log in at {site}/accounts/login/ with any account below. Password for all: {DEMO_PASSWORD}",
            "",
        ]
        lines += [f"    {email_for(person.login):<{width}}  {describe(person)}" for person in people]
        lines += [
            "",
            "  Try the activation by letter, as a tenant who has not joined yet:",
            f"    open {site}/activeren/ and type the code  {letter.code}",
            f"    (the letter for {letter.household.dwelling.address})",
            "",
        ]
        if settings.REQUIRE_STAFF_2FA:
            lines.append("  Staff must set up two-factor authentication (TOTP) when they first log in.")
        else:
            lines.append(
                "  Two-factor authentication for staff is OFF in this demo (make run sets REQUIRE_STAFF_2FA=0);"
            )
            lines.append("  production requires it.")
        lines += ["=" * 78, ""]
        self.stdout.write("\n".join(lines))
