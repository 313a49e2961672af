"""Writes on consultation sessions: planning, changing and cancelling them, registrations, attendance, minutes.

Rules chosen here, each one on purpose:
- Capacity counts households, not people: a session "for about ten households" has ten places. Every
  registration locks the session row first, so two households registering at the same moment take turns and
  the last place is given once (tests/meetings/test_capacity_race.py).
- A household registers at most once per session (a database constraint). Cancelling keeps the row with
  `cancelled_at`; registering again reuses it, so the history of one household is one row.
- Registering and cancelling are possible until the session starts; a cancelled session takes nothing.
- Staff cannot lower the capacity below the households already registered: nobody loses a place they had.
- Attendance and minutes belong to a session that has started (attendance from its day, at the door).
Permission checks (is this a member of the household, is this staff) belong to the caller, which knows who asks.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renovatie.events import emit
from tenants.models import Household

from .models import MAX_PEOPLE, Registration, Session


class MeetingError(Exception):
    """Something a person tried that cannot be done; the message is for them."""


EDITABLE_FIELDS = ("kind", "title", "description", "place", "starts_at", "ends_at", "capacity")


def _check_times_and_capacity(starts_at, ends_at, capacity):
    if ends_at <= starts_at:
        raise MeetingError(_("The session must end after it starts."))
    if capacity is None or capacity < 1:
        raise MeetingError(_("A session needs at least one place."))


def too_few_places_message(taken):
    return ngettext(
        "%(count)d household is already registered. The number of places cannot be lower than that.",
        "%(count)d households are already registered. The number of places cannot be lower than that.",
        taken,
    ) % {"count": taken}


def _locked(session):
    return Session.objects.select_for_update(of=("self",)).select_related("project").get(pk=session.pk)


def registered_households(session):
    """The households with a place at `session` (cancelled registrations left out)."""
    return list(
        Household.objects.filter(
            session_registrations__session=session, session_registrations__cancelled_at__isnull=True
        ).select_related("dwelling")
    )


@transaction.atomic
def plan_session(project, *, kind, title, place, starts_at, ends_at, capacity, by, description=""):
    """A new session of `project`, open for registration until it starts."""
    _check_times_and_capacity(starts_at, ends_at, capacity)
    if starts_at <= timezone.now():
        raise MeetingError(_("A new session must start in the future."))
    session = Session.objects.create(
        project=project,
        kind=kind,
        title=title,
        description=description,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        created_by=by,
    )
    emit("session.planned", project=project, actor=by, session=session)
    return session


@transaction.atomic
def change_session(session, *, by, **changes):
    """Change what, where, when or how many places; the registered households hear of it ("session.changed")."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable on a session: {sorted(unknown)}")
    session = _locked(session)
    if session.is_cancelled:
        raise MeetingError(_("This session is cancelled and can no longer be changed."))
    values = {name: changes.get(name, getattr(session, name)) for name in EDITABLE_FIELDS}
    _check_times_and_capacity(values["starts_at"], values["ends_at"], values["capacity"])
    taken = session.registrations.active().count()
    if values["capacity"] < taken:
        raise MeetingError(too_few_places_message(taken))
    changed = [name for name in EDITABLE_FIELDS if values[name] != getattr(session, name)]
    if not changed:
        return session
    if "starts_at" in changed and values["starts_at"] <= timezone.now() < session.starts_at:
        raise MeetingError(_("A session that is still to come cannot be moved into the past."))
    for name in changed:
        setattr(session, name, values[name])
    if "starts_at" in changed:
        session.reminder_sent_at = None  # a new day gets its own reminder
        changed.append("reminder_sent_at")
    session.save(update_fields=changed)
    emit(
        "session.changed",
        project=session.project,
        actor=by,
        session=session,
        households=registered_households(session),
    )
    return session


@transaction.atomic
def cancel_session(session, *, by):
    """Cancel a session that has not ended; the registered households hear of it ("session.cancelled")."""
    session = _locked(session)
    if session.is_cancelled:
        raise MeetingError(_("This session is already cancelled."))
    if timezone.now() >= session.ends_at:
        raise MeetingError(_("This session has already taken place."))
    session.status = Session.Status.CANCELLED
    session.cancelled_at = timezone.now()
    session.save(update_fields=["status", "cancelled_at"])
    emit(
        "session.cancelled",
        project=session.project,
        actor=by,
        session=session,
        households=registered_households(session),
    )
    return session


def household_in_project(household, project):
    """True when `household` is an active household whose home is in one of the project's complexes."""
    return household.is_active and project.complexes.filter(pk=household.dwelling.complex_id).exists()


def _check_open_for_registration(session, now):
    if session.is_cancelled:
        raise MeetingError(_("This session is cancelled."))
    if now >= session.starts_at:
        raise MeetingError(_("This session has already started. Registering or cancelling is no longer possible."))


@transaction.atomic
def register_household(session, household, *, people=1, by):
    """Give `household` a place at `session` for `people` people (1–4), or change the number of people.

    `by` is the member of the household who registers, or staff registering a household that called in.
    """
    if not 1 <= people <= MAX_PEOPLE:
        raise MeetingError(_("You can register 1 to %(max)d people.") % {"max": MAX_PEOPLE})
    session = _locked(session)  # registrations of one session take turns from here: capacity holds
    _check_open_for_registration(session, timezone.now())
    if not household_in_project(household, session.project):
        raise MeetingError(_("This session is not for your home, so you cannot register for it."))
    registration = Registration.objects.filter(session=session, household=household).first()
    if registration is not None and registration.is_active:
        registration.people = people
        registration.save(update_fields=["people"])
        return registration
    if session.registrations.active().count() >= session.capacity:
        raise MeetingError(_("This session is full. Please choose another session."))
    now = timezone.now()
    if registration is None:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    session=session, household=household, people=people, registered_by=by, registered_at=now
                )
        except IntegrityError as error:  # cannot happen while the session is locked; the constraint is the net
            raise MeetingError(_("Your household was registered at the same moment. Please check again.")) from error
    else:
        registration.people = people
        registration.registered_by = by
        registration.registered_at = now
        registration.cancelled_at = None
        registration.attended = False
        registration.save(update_fields=["people", "registered_by", "registered_at", "cancelled_at", "attended"])
    emit("session.registered", project=session.project, actor=by, session=session, household=household)
    return registration


@transaction.atomic
def cancel_registration(session, household, *, by):
    """Give the household's place back, until the session starts."""
    session = _locked(session)
    _check_open_for_registration(session, timezone.now())
    registration = Registration.objects.active().filter(session=session, household=household).first()
    if registration is None:
        raise MeetingError(_("Your household is not registered for this session."))
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["cancelled_at"])
    return registration


def _check_has_begun(session, message):
    if session.is_cancelled:
        raise MeetingError(_("This session is cancelled."))
    if timezone.localdate() < timezone.localdate(session.starts_at):
        raise MeetingError(message)


@transaction.atomic
def record_attendance(session, attended_household_ids, *, by):
    """Mark which registered households came (all others: did not come). From the day of the session."""
    session = _locked(session)
    _check_has_begun(session, _("Attendance can be recorded from the day of the session."))
    attended = set(attended_household_ids)
    registrations = list(session.registrations.active().select_for_update())
    unknown = attended - {registration.household_id for registration in registrations}
    if unknown:
        raise MeetingError(_("Only households that are registered can be marked as present."))
    changed = []
    for registration in registrations:
        came = registration.household_id in attended
        if registration.attended != came:
            registration.attended = came
            registration.attendance_recorded_by = by
            changed.append(registration)
    Registration.objects.bulk_update(changed, ["attended", "attendance_recorded_by"])
    return len(attended)


@transaction.atomic
def record_walk_in(session, household, *, people=1, by):
    """Staff add a household that came without registering, marked as present. From the day of the session; the
    capacity is not checked, as the household is there already."""
    if not 1 <= people <= MAX_PEOPLE:
        raise MeetingError(_("You can register 1 to %(max)d people.") % {"max": MAX_PEOPLE})
    session = _locked(session)
    _check_has_begun(session, _("Attendance can be recorded from the day of the session."))
    if not household_in_project(household, session.project):
        raise MeetingError(_("This household does not live in the project."))
    registration, created = Registration.objects.get_or_create(
        session=session,
        household=household,
        defaults={"people": people, "registered_by": by, "attended": True, "attendance_recorded_by": by},
    )
    if not created:
        registration.people = people
        registration.cancelled_at = None
        registration.attended = True
        registration.attendance_recorded_by = by
        registration.save(update_fields=["people", "cancelled_at", "attended", "attendance_recorded_by"])
    return registration


@transaction.atomic
def save_minutes(session, minutes, *, publish, by):
    """Store the minutes (Markdown); `publish` shows them to the project's households, False takes them back."""
    session = _locked(session)
    _check_has_begun(session, _("Minutes can be written once the session has taken place."))
    minutes = (minutes or "").strip()
    if publish and not minutes:
        raise MeetingError(_("Write the minutes before publishing them."))
    session.minutes = minutes
    if publish and session.minutes_published_at is None:
        session.minutes_published_at = timezone.now()
    elif not publish:
        session.minutes_published_at = None
    session.save(update_fields=["minutes", "minutes_published_at"])
    return session
