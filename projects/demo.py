"""The demo's renovation projects, added by `manage.py seed_demo` so `make run` shows a living project.

Kanaleneiland-Noord is in execution: every home has its own plan (windows, insulation and ventilation, about half
with a new bathroom, a third with a new kitchen), choices with deadlines, compensation, one temporary home,
visits done, missed, today and proposed, news with a photo, documents and promises kept, broken, open and late.
The demo tenant (huurder@, Marshallaan 12-B) has a proposed visit to confirm and two choices to make. Zuilen is a
second project, still at the proposal.

Dates are relative to today, so the demo looks current whenever it is built. Writes go through the services
(which log and emit) where one exists; history that happened "before today" (phase changes, resolved promises)
is then dated back directly. Running it again changes nothing: the project's web address marks it as done.
"""

import io
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from tenants.models import Household, HouseholdNeeds

from . import appointments, services
from .appointments import SlotPlan
from .models import (
    AllowanceRate,
    Appointment,
    AppointmentChange,
    ChoiceOption,
    ChoiceTopic,
    Commitment,
    Compensation,
    HomeChoice,
    HomePlan,
    Milestone,
    Phase,
    PhaseChange,
    RenovationProject,
    TemporaryHome,
    Update,
    Visibility,
    WorkItem,
)

PROJECT_SLUG = "kanaleneiland-noord"
SECOND_SLUG = "zuilen-daken"
VISIT = "Opname en inmeten"

# Demo figures, NOT the legal amounts. The statutory minimum moving allowance (art. 7:220 BW) is set every
# year by the "Regeling minimumbijdrage verhuis- en inrichtingskosten bij renovatie", with its own effective date
# (around 1 March); staff look up each year's amount and date and enter them under Admin → Allowance rates.
DEMO_MOVING_ALLOWANCE_RATES = (
    (datetime(2025, 2, 1).date(), Decimal("7569.00")),
    (datetime(2026, 2, 1).date(), Decimal("7800.00")),
)


@dataclass(frozen=True)
class Work:
    kind: str
    description: str
    preparation: str
    water: int = 0  # days without water, kitchen, shower
    kitchen: int = 0
    shower: int = 0


WINDOWS = Work("windows", "Nieuwe kunststof kozijnen met HR++-glas.", "Maak een meter voor de ramen vrij.")
INSULATION = Work("insulation", "Spouwmuur- en vloerisolatie.", "Zorg dat het luik naar de kruipruimte vrij is.")
VENTILATION = Work(
    "ventilation", "Mechanische ventilatie met CO₂-sensor.", "Zorg dat de plafonds in keuken en badkamer vrij zijn."
)
BATHROOM = Work(
    "bathroom", "Nieuwe badkamer en toilet.", "Maak de badkamer leeg; douchen kan in de douchewagen.", water=1, shower=8
)
KITCHEN = Work(
    "kitchen", "Nieuwe keuken in de indeling die u kiest.", "Maak de keukenkastjes leeg.", water=1, kitchen=5
)


def days(n):
    return timezone.localdate() + timedelta(days=n)


def at(day, hour):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


@transaction.atomic
def seed_projects(corporation, users):
    """Add the demo projects to `corporation`; `users` are the demo accounts by login. Returns the project in
    execution, or None when the demo projects exist already."""
    if RenovationProject.objects.filter(slug=PROJECT_SLUG).exists():
        return None
    for valid_from, amount in DEMO_MOVING_ALLOWANCE_RATES:
        AllowanceRate.objects.get_or_create(
            kind=AllowanceRate.Kind.MOVING, valid_from=valid_from, defaults={"amount": amount}
        )
    lead, contractor_user = users["projectleider"], users["aannemer"]
    mitros = lead.memberships.get().organisation
    contractor = contractor_user.memberships.get().organisation
    project = create_project(corporation, lead, contractor)
    plans = create_home_plans(
        project, coach=users["medewerker"], special={"huurder": users["huurder"], "mohamed": users["mohamed"]}
    )
    create_choices(project, plans, keep_open=users["huurder"])
    create_compensation_and_temporary_home(plans, leaver=users["mohamed"])
    create_visits(project, contractor, contractor_user, plans, keep_proposed=users["huurder"])
    create_household_needs(plans, users["huurder"])
    create_news_and_documents(project, lead, mitros, contractor_user, contractor)
    create_commitments(project, lead, mitros, contractor_user, contractor)
    create_second_project(corporation, lead)
    return project


def create_project(corporation, lead, contractor):
    project = RenovationProject.objects.create(
        corporation=corporation,
        name="Kanaleneiland-Noord: duurzaam en comfortabel",
        slug=PROJECT_SLUG,
        summary=(
            "De 60 portiekwoningen aan de Marshallaan en de Columbuslaan krijgen nieuwe kozijnen met HR++-glas, "
            "isolatie en mechanische ventilatie. Ongeveer de helft krijgt ook een nieuwe badkamer, een derde een "
            "nieuwe keuken. U blijft tijdens het werk thuis wonen, tenzij uw plan iets anders zegt."
        ),
        reason=(
            "De woningen uit 1958 zijn tochtig en vochtig en hebben energielabel E of F. Na de renovatie zijn ze "
            "label B: comfortabeler en met een lagere energierekening. 78% van de huishoudens stemde in."
        ),
        starts_on=days(-7),
        ends_on=days(240),
        phase=Phase.EXECUTION,
        contact_name="Ruud Bakker, projectleider Mitros",
        contact_phone="030 000 00 00",
        contact_email="projectleider@demo.renovatie.nl",
        created_at=timezone.now() - timedelta(days=420),
    )
    project.complexes.add(corporation.complexes.get(name="Kanaleneiland-Noord"))
    project.contractors.add(contractor)
    record_phase_history(
        project,
        lead,
        [(-400, Phase.PROPOSAL), (-250, Phase.CONSULTATION), (-150, Phase.PREPARATION), (-14, Phase.EXECUTION)],
    )
    for title, due, done in [
        ("Informatieavond in buurthuis De Kanaalbrug", -380, True),
        ("Bewoners stemmen in met het voorstel (78%)", -200, True),
        ("Modelwoning open aan de Columbuslaan 1", -60, True),
        ("Start werk aan de Columbuslaan", -7, True),
        ("Start werk aan de Marshallaan", 35, False),
        ("Oplevering en schouw per woning", 210, False),
        ("Evaluatie met de bewonerscommissie", 240, False),
    ]:
        Milestone.objects.create(project=project, title=title, due_on=days(due), done_on=days(due) if done else None)
    return project


def record_phase_history(project, lead, steps):
    """Phase changes that happened before the demo was built, dated back (the service would date them today)."""
    previous = Phase.INITIATIVE
    for day, phase in steps:
        changed_at = at(days(day), 10)
        PhaseChange.objects.create(
            project=project, from_phase=previous, to_phase=phase, changed_by=lead, changed_at=changed_at
        )
        previous = phase


def create_home_plans(project, *, coach, special):
    """A plan for every home in street order; the homes of the `special` demo tenants get a bathroom and kitchen."""
    households = list(
        Household.objects.active()
        .filter(dwelling__complex__in=project.complexes.all())
        .select_related("dwelling")
        .order_by("dwelling__street", "dwelling__house_number", "dwelling__addition")
    )
    special_households = {user.tenant_profile.household_id for user in special.values()}
    plans, items = [], []
    for i, household in enumerate(households):
        first_street = household.dwelling.street == "Columbuslaan"
        starts = days(-7 + 7 * (i // 8)) if first_street else days(35 + 7 * ((i - 28) // 8))
        bathroom = i % 2 == 0 or household.pk in special_households
        kitchen = i % 3 == 0 or household.pk in special_households
        plan = HomePlan(
            project=project,
            household=household,
            coach=coach,
            starts_on=starts,
            ends_on=starts + timedelta(days=21 if bathroom else 10),
        )
        plan.has_bathroom, plan.has_kitchen = bathroom, kitchen
        plans.append(plan)
    HomePlan.objects.bulk_create(plans)
    for plan in plans:
        work = [WINDOWS, INSULATION, VENTILATION] + [BATHROOM] * plan.has_bathroom + [KITCHEN] * plan.has_kitchen
        for n, item in enumerate(work):
            starts = plan.starts_on + timedelta(days=2 * n)
            items.append(
                WorkItem(
                    home_plan=plan,
                    kind=item.kind,
                    description=item.description,
                    tenant_preparation=item.preparation,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=2 if n < 3 else 8),
                    days_without_water=item.water,
                    days_without_kitchen=item.kitchen,
                    days_without_shower=item.shower,
                )
            )
    WorkItem.objects.bulk_create(items)
    return plans


def create_choices(project, plans, *, keep_open):
    """Tile colour for the homes with a new bathroom, kitchen layout for those with a new kitchen; every fourth
    home has chosen already, the demo tenant has not."""
    own = keep_open.tenant_profile.household_id
    for title, description, deadline, applies, options in [
        (
            "Tegelkleur badkamer",
            "De kleur van de wandtegels in uw nieuwe badkamer.",
            18,
            "has_bathroom",
            [("Wit glans", 0), ("Lichtgrijs mat", 0), ("Antraciet mat", 150)],
        ),
        (
            "Keukenindeling",
            "Een rechte keuken langs de wand, of een hoekkeuken met meer werkruimte.",
            30,
            "has_kitchen",
            [("Rechte keuken", 0), ("Hoekkeuken", 450)],
        ),
    ]:
        topic = ChoiceTopic.objects.create(
            project=project, title=title, description=description, deadline=days(deadline)
        )
        made = [ChoiceOption.objects.create(topic=topic, label=label, extra_cost=cost) for label, cost in options]
        HomeChoice.objects.bulk_create(
            HomeChoice(
                home_plan=plan,
                topic=topic,
                option=made[i % len(made)] if i % 4 == 1 and plan.household_id != own else None,
                decided_at=timezone.now() - timedelta(days=3) if i % 4 == 1 and plan.household_id != own else None,
            )
            for i, plan in enumerate(p for p in plans if getattr(p, applies))
        )


def create_compensation_and_temporary_home(plans, *, leaver):
    """A social-plan allowance for every new bathroom; one household moves to a temporary home for its work, so
    it is owed the moving allowance at the rate valid on its moving day."""
    Compensation.objects.bulk_create(
        Compensation(
            home_plan=plan,
            kind=Compensation.Kind.SOCIAL_PLAN,
            description="Tegemoetkoming ongemak badkamerrenovatie (sociaal plan)",
            amount=Decimal("150.00"),
            reference_date=plan.starts_on,
            status=Compensation.Status.PAID if plan.starts_on < days(0) else Compensation.Status.OWED,
            paid_on=plan.starts_on if plan.starts_on < days(0) else None,
        )
        for plan in plans
        if plan.has_bathroom
    )
    plan = next(p for p in plans if p.household_id == leaver.tenant_profile.household_id)
    plan.must_leave_home = True
    plan.notes = "Omdat er in uw woning ook asbest wordt verwijderd, woont u tijdens het werk in een wisselwoning."
    plan.save(update_fields=["must_leave_home", "notes"])
    home = TemporaryHome.objects.create(
        home_plan=plan,
        address="Marco Polohof 12, 3526 Utrecht (wisselwoning, gemeubileerd)",
        moves_in_on=plan.starts_on - timedelta(days=2),
        moves_out_on=plan.ends_on + timedelta(days=3),
        rent_rule=TemporaryHome.RentRule.OWN_RENT,
    )
    Compensation.objects.create(home_plan=plan, kind=Compensation.Kind.MOVING, reference_date=home.moves_in_on)


def create_visits(project, contractor, by, plans, *, keep_proposed):
    """The survey visit: 16 homes visited three weeks ago (two missed), four today, the rest proposed over the
    coming three weeks, a third of those confirmed (never the demo tenant's, who is to confirm it)."""
    past_monday, next_monday = days(-21 - days(0).weekday()), days(7 - days(0).weekday())
    for first, last, teams, starts in [
        (past_monday, past_monday + timedelta(days=4), ("Team Kozijnen",), time(8)),
        (days(0), days(0), ("Team Installaties",), time(9)),
        (next_monday, next_monday + timedelta(days=18), ("Team Kozijnen", "Team Installaties"), time(8)),
    ]:
        plan = SlotPlan(first, last, teams, starts, 60, 4, VISIT, weekdays=tuple(range(7 if first == last else 5)))
        appointments.plan_slots(project, contractor, plan, by=by)
    past = list(project.visit_slots.filter(starts_at__lt=at(days(0), 0)).order_by("starts_at", "team")[:16])
    today = list(project.visit_slots.filter(starts_at__range=(at(days(0), 0), at(days(1), 0))).order_by("starts_at"))
    for n, (plan, slot) in enumerate(zip(plans[:20], past + today, strict=True)):
        appointment = Appointment.objects.create(
            home_plan=plan, slot=slot, created_at=slot.starts_at - timedelta(days=14)
        )
        AppointmentChange.objects.create(
            appointment=appointment,
            to_slot=slot,
            to_status=appointment.status,
            changed_by=by,
            changed_at=appointment.created_at,
        )
        appointments.confirm(appointment, by=by)
        if n < 16:
            outcome = Appointment.Status.MISSED if n in (5, 11) else Appointment.Status.DONE
            appointments.record_visit(
                appointment, outcome=outcome, by=by, note="Niemand thuis." if outcome == "missed" else ""
            )
    own = keep_proposed.tenant_profile.household_id
    for n, appointment in enumerate(appointments.propose_to_homes(project, purpose=VISIT, by=by)):
        if n % 3 == 0 and appointment.home_plan.household_id != own:
            appointments.confirm(appointment, by=by)


def create_household_needs(plans, tenant_user):
    """What a few households want visitors to know (the contractor's day list shows the visit-relevant part)."""
    today = [plan.household for plan in plans[16:20]]
    for household, values in [
        (tenant_user.tenant_profile.household, {"pets": "Kat (blijft in de slaapkamer)", "works_from_home": True}),
        (today[1], {"mobility": "Loopt met een rollator", "needs_helper_present": True, "preferred_language": "Turks"}),
        (
            today[2],
            {"medical": "Longziekte: graag stofarm werken", "visit_notes": "Bel twee keer aan, de bel is zacht."},
        ),
    ]:
        HouseholdNeeds.objects.update_or_create(household=household, defaults=values)


def create_news_and_documents(project, lead, mitros, contractor_user, contractor):
    photo = SimpleUploadedFile("steigers-columbuslaan.png", facade_png(), content_type="image/png")
    started = services.post_update(
        project,
        author=lead,
        organisation=mitros,
        title="Het werk aan de Columbuslaan is begonnen",
        body="Deze week staan de steigers bij de eerste portieken. De aannemer begint met de kozijnen; uw "
        "bewonersconsulent Sanne de Vries loopt elke dinsdagochtend langs voor vragen.",
        photos=[(photo, "Tekening van de portiekflat aan de Columbuslaan met steigers langs de gevel")],
    )
    planning = services.post_update(
        project,
        author=contractor_user,
        organisation=contractor,
        title="Opname en inmeten aan de Marshallaan",
        body="Alle woningen aan de Marshallaan hebben een voorstel voor het bezoek gekregen. Past de tijd niet? "
        "Kies op Mijn renovatie zelf een andere vrije tijd.",
    )
    Update.objects.filter(pk=started.pk).update(published_at=timezone.now() - timedelta(days=6))
    Update.objects.filter(pk=planning.pk).update(published_at=timezone.now() - timedelta(days=1))
    for title, visibility, lines in [
        (
            "Projectbrochure Kanaleneiland-Noord",
            Visibility.PUBLIC,
            [
                "Kanaleneiland-Noord: duurzaam en comfortabel",
                "Nieuwe kozijnen, isolatie en ventilatie.",
                "Demo-document.",
            ],
        ),
        (
            "Sociaal plan (werkversie)",
            Visibility.STAFF,
            ["Sociaal plan Kanaleneiland-Noord - werkversie", "Alleen voor medewerkers.", "Demo-document."],
        ),
    ]:
        upload = SimpleUploadedFile(f"{title.split()[0].lower()}.pdf", tiny_pdf(lines), content_type="application/pdf")
        services.add_document(project, uploaded_by=lead, title=title, upload=upload, visibility=visibility)


def create_commitments(project, lead, mitros, contractor_user, contractor):
    """Promises through the services, then dated back: kept on time, kept late, broken, open and late."""
    staff, builder = (lead, mitros), (contractor_user, contractor)
    for title, (owner, organisation), due, outcome, resolved, note in [
        ("Informatieavond voor de start van het werk", staff, -30, "kept", -35, "41 huishoudens kwamen."),
        ("Modelwoning op zaterdag open", staff, -50, "kept", -55, "Zes zaterdagen open geweest."),
        ("Steigers bij Columbuslaan 1 binnen zes weken weg", builder, -20, "kept", -12, "Acht dagen later: regen."),
        ("Twee weken vooraf bericht over het bezoek", builder, -25, "broken", -24, "Vier brieven te laat; excuses."),
        ("Bouwafval elke vrijdag opgehaald", builder, 14, None, None, ""),
        ("Speelplek achter de Marshallaan weer vrij", builder, -5, None, None, ""),
    ]:
        commitment = services.record_commitment(
            project, title=title, description="", owner=owner, organisation=organisation, due_on=days(due), by=lead
        )
        if outcome:
            services.resolve_commitment(commitment, status=outcome, note=note, by=lead)
            Commitment.objects.filter(pk=commitment.pk).update(resolved_on=days(resolved))
        Commitment.objects.filter(pk=commitment.pk).update(created_at=timezone.now() - timedelta(days=90))


def create_second_project(corporation, lead):
    project = RenovationProject.objects.create(
        corporation=corporation,
        name="Zuilen: nieuwe daken en isolatie",
        slug=SECOND_SLUG,
        summary="De eengezinswoningen aan de Prinses Christinalaan en de Julianaweg krijgen nieuwe daken met isolatie.",
        reason="De daken uit 1932 zijn aan het eind van hun leven; met isolatie dalen de stookkosten.",
        starts_on=days(200),
        ends_on=days(420),
        phase=Phase.PROPOSAL,
        contact_name="Ruud Bakker, projectleider Mitros",
        contact_email="projectleider@demo.renovatie.nl",
        created_at=timezone.now() - timedelta(days=120),
    )
    project.complexes.add(corporation.complexes.get(name="Zuilen"))
    record_phase_history(project, lead, [(-30, Phase.PROPOSAL)])
    for title, due, done in [
        ("Bewonersavond over het voorstel", -40, True),
        ("Stemming over het voorstel", 21, False),
        ("Start werk", 200, False),
    ]:
        Milestone.objects.create(project=project, title=title, due_on=days(due), done_on=days(due) if done else None)
    return project


# --- Generated files: no downloads -----------------------------------------------------------------------


def facade_png():
    """A drawing of a four-storey portiekflat with scaffolding, as a PNG."""
    image = Image.new("RGB", (800, 500), (198, 226, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 430, 800, 500), fill=(120, 150, 90))
    draw.rectangle((80, 90, 720, 440), fill=(150, 72, 52))
    for floor in range(4):
        for column in range(8):
            x, y = 110 + column * 78, 110 + floor * 80
            draw.rectangle((x, y, x + 50, y + 50), fill=(235, 240, 245), outline=(60, 60, 60), width=3)
    for x in range(60, 760, 70):
        draw.line((x, 70, x, 440), fill=(90, 90, 90), width=4)
    for y in range(70, 440, 80):
        draw.line((50, y, 750, y), fill=(200, 160, 40), width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def tiny_pdf(lines):
    """A valid one-page PDF showing `lines` (ASCII), written by hand: objects, cross-reference table, trailer."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    text = "BT /F1 14 Tf 72 770 Td 20 TL " + " ".join(f"({line}) '" for line in escaped) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",  # noqa: E501
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("ascii")),
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return pdf
