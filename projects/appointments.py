"""Home visits: contractors plan slots in bulk and propose one to each home; tenants confirm or pick another.

Double booking is impossible by construction: a partial unique constraint allows one live (not cancelled)
appointment per slot, so when two tenants race for the same free slot, the database lets exactly one win and
the other gets `SlotTaken`. Every change is logged (AppointmentChange) and emitted as an event.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from renovatie.events import emit

from .models import Appointment, AppointmentChange, HomePlan, VisitSlot

LIVE = [Appointment.Status.PROPOSED, Appointment.Status.CONFIRMED, Appointment.Status.DONE, Appointment.Status.MISSED]


class AppointmentError(Exception):
    """Something a person tried that cannot be done; the message is for them."""


class SlotTaken(AppointmentError):
    pass


@dataclass(frozen=True)
class SlotPlan:
    """What a contractor asks for: teams visiting on the given weekdays between two dates, N visits a day each."""

    first_day: object
    last_day: object
    teams: tuple
    day_starts: time
    visit_minutes: int
    visits_per_day: int
    purpose: str
    weekdays: tuple = (0, 1, 2, 3, 4)

    def slot_times(self):
        tz = timezone.get_current_timezone()
        day = self.first_day
        while day <= self.last_day:
            if day.weekday() in self.weekdays:
                start = datetime.combine(day, self.day_starts, tzinfo=tz)
                for n in range(self.visits_per_day):
                    begins = start + timedelta(minutes=n * self.visit_minutes)
                    yield begins, begins + timedelta(minutes=self.visit_minutes)
            day += timedelta(days=1)


def free_slots(project, *, purpose=None):
    """Slots in the future that hold no live appointment, soonest first."""
    taken = Appointment.objects.filter(slot=OuterRef("pk"), status__in=LIVE)
    slots = VisitSlot.objects.filter(project=project, starts_at__gt=timezone.now()).exclude(Exists(taken))
    if purpose is not None:
        slots = slots.filter(purpose=purpose)
    return slots.order_by("starts_at", "team")


@transaction.atomic
def plan_slots(project, contractor, plan: SlotPlan, *, by):
    """Create the slots of `plan` (slots that already exist are kept). Returns the number created."""
    if plan.last_day < plan.first_day:
        raise AppointmentError(_("The last day must not be before the first day."))
    if not plan.teams or plan.visits_per_day < 1 or plan.visit_minutes < 15:
        raise AppointmentError(_("Give at least one team, one visit a day and visits of at least 15 minutes."))
    if plan.visits_per_day * plan.visit_minutes > 14 * 60:
        raise AppointmentError(_("That many visits do not fit in one working day."))
    before = VisitSlot.objects.filter(project=project).count()
    VisitSlot.objects.bulk_create(
        [
            VisitSlot(project=project, contractor=contractor, team=team, purpose=plan.purpose, starts_at=s, ends_at=e)
            for s, e in plan.slot_times()
            for team in plan.teams
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    created = VisitSlot.objects.filter(project=project).count() - before
    emit("slots.planned", project=project, actor=by, count=created)
    return created


@transaction.atomic
def propose_to_homes(project, *, purpose, by, home_plans=None):
    """Give every home without a live appointment for `purpose` the next free slot, in street order."""
    has_live = Appointment.objects.filter(home_plan=OuterRef("pk"), slot__purpose=purpose, status__in=LIVE)
    homes = (
        (home_plans if home_plans is not None else HomePlan.objects.filter(project=project))
        .exclude(Exists(has_live))
        .order_by("household__dwelling__street", "household__dwelling__house_number", "household__dwelling__addition")
    )
    slots = list(free_slots(project, purpose=purpose).select_for_update()[: homes.count()])
    appointments = [Appointment(home_plan=home, slot=slot) for home, slot in zip(homes, slots, strict=False)]
    Appointment.objects.bulk_create(appointments)
    AppointmentChange.objects.bulk_create(
        AppointmentChange(appointment=a, to_slot=a.slot, to_status=a.status, changed_by=by) for a in appointments
    )
    for appointment in appointments:
        emit("appointment.planned", project=project, actor=by, appointment=appointment)
    return appointments


def _locked(appointment):
    return Appointment.objects.select_for_update().select_related("slot", "home_plan__project").get(pk=appointment.pk)


def _log(appointment, *, by, from_status, from_slot=None, note=""):
    AppointmentChange.objects.create(
        appointment=appointment,
        from_slot=from_slot or appointment.slot,
        to_slot=appointment.slot,
        from_status=from_status,
        to_status=appointment.status,
        changed_by=by,
        note=note,
    )


@transaction.atomic
def confirm(appointment, *, by):
    appointment = _locked(appointment)
    if appointment.status != Appointment.Status.PROPOSED:
        raise AppointmentError(_("This appointment can no longer be confirmed."))
    appointment.status = Appointment.Status.CONFIRMED
    appointment.save(update_fields=["status"])
    _log(appointment, by=by, from_status=Appointment.Status.PROPOSED)
    emit("appointment.confirmed", project=appointment.home_plan.project, actor=by, appointment=appointment)
    return appointment


def move(appointment, new_slot, *, by, note=""):
    """Move to another free slot of the same project and purpose; confirmed at once, since the tenant chose it."""
    try:
        with transaction.atomic():
            appointment = _locked(appointment)
            if appointment.status not in (Appointment.Status.PROPOSED, Appointment.Status.CONFIRMED):
                raise AppointmentError(_("This appointment can no longer be changed."))
            if (
                new_slot.project_id != appointment.slot.project_id
                or new_slot.purpose != appointment.slot.purpose
                or new_slot.starts_at <= timezone.now()
            ):
                raise AppointmentError(_("Please pick one of the free times shown."))
            old_slot, old_status = appointment.slot, appointment.status
            appointment.slot = new_slot
            appointment.status = Appointment.Status.CONFIRMED
            appointment.save(update_fields=["slot", "status"])
            _log(appointment, by=by, from_status=old_status, from_slot=old_slot, note=note)
            emit(
                "appointment.moved",
                project=appointment.home_plan.project,
                actor=by,
                appointment=appointment,
                from_slot=old_slot,
            )
            return appointment
    except IntegrityError as error:
        raise SlotTaken(_("Someone else just took this time. Please pick another one.")) from error


@transaction.atomic
def record_visit(appointment, *, outcome, by, note=""):
    """The contractor marks a visit done or missed."""
    if outcome not in (Appointment.Status.DONE, Appointment.Status.MISSED):
        raise AppointmentError(_("A visit is either done or missed."))
    appointment = _locked(appointment)
    if appointment.status not in (Appointment.Status.PROPOSED, Appointment.Status.CONFIRMED):
        raise AppointmentError(_("This visit was already recorded."))
    old_status = appointment.status
    appointment.status = outcome
    appointment.save(update_fields=["status"])
    _log(appointment, by=by, from_status=old_status, note=note)
    emit(f"appointment.{outcome}", project=appointment.home_plan.project, actor=by, appointment=appointment)
    return appointment


# --- Planning a batch from the contractor's page: size check, slots, and a proposed time for every home ---

MAX_SLOTS_AT_ONCE = 3000


def slot_count(plan: SlotPlan):
    """How many slots `plan` asks for, counted without making them (a typo in a year must not hang a request)."""
    if plan.last_day < plan.first_day:
        return 0
    weekdays = set(plan.weekdays)
    full_weeks, rest = divmod((plan.last_day - plan.first_day).days + 1, 7)
    days = full_weeks * len(weekdays) + sum(1 for n in range(rest) if (plan.first_day.weekday() + n) % 7 in weekdays)
    return days * max(plan.visits_per_day, 0) * len(plan.teams)


def homes_without_appointment(project, *, purpose):
    """The project's homes that have no live appointment for `purpose` yet."""
    has_live = Appointment.objects.filter(home_plan=OuterRef("pk"), slot__purpose=purpose, status__in=LIVE)
    return HomePlan.objects.filter(project=project).exclude(Exists(has_live))


@dataclass(frozen=True)
class BatchOutcome:
    """What a contractor is told after planning: slots made, homes given a time, homes still without one."""

    created: int = 0
    proposed: int = 0
    still_without: int | None = None


@transaction.atomic
def propose_times(project, *, purpose, by):
    """Propose a free slot to every home without a live appointment for `purpose`; say how many are left over
    because the slots ran out."""
    proposed = propose_to_homes(project, purpose=purpose, by=by)
    still_without = homes_without_appointment(project, purpose=purpose).count()
    return BatchOutcome(proposed=len(proposed), still_without=still_without)


@transaction.atomic
def plan_batch(project, contractor, plan: SlotPlan, *, by, propose=False):
    """Plan the slots of `plan` (at most MAX_SLOTS_AT_ONCE) and, if asked, propose them to the homes at once."""
    if slot_count(plan) > MAX_SLOTS_AT_ONCE:
        raise AppointmentError(
            _("That would make more than %(max)s slots at once. Plan a shorter period or fewer visits a day.")
            % {"max": number_format(MAX_SLOTS_AT_ONCE, force_grouping=True)}
        )
    created = plan_slots(project, contractor, plan, by=by)
    if not propose:
        return BatchOutcome(created=created)
    outcome = propose_times(project, purpose=plan.purpose, by=by)
    return BatchOutcome(created=created, proposed=outcome.proposed, still_without=outcome.still_without)
