"""Writes on polls: making and changing a poll, opening and closing it, and voting.

Rules chosen here, each one on purpose:
- A poll can be changed (question, answers, rules) only while nobody has voted: a changed question would make the
  votes already given mean something else. A closed poll is never changed.
- Opening needs at least two answers and a planned closing moment (if any) in the future.
- A household poll takes one vote per household: any tenant of the household may give or change it, and the
  latest counts; staff may enter one given on paper (`record_household_vote`). A person poll takes one vote per
  tenant. Contractors and staff never vote themselves.
- Voting locks the poll row, so votes and closing take turns: no vote lands after a poll is closed, and two
  members of one household voting at the same moment give one vote (the unique constraints back this up).
Permission checks on pages (may this person see this poll) belong to the caller; the services check the voter.
"""

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renovatie.events import emit

from .models import Poll, PollOption, PollVote
from .selectors import household_of_user, project_households

MAX_OPTIONS = 20  # the staff form says so in its help text (polls.forms.PollForm)
EDITABLE_FIELDS = ("question", "explanation", "kind", "max_choices", "voters", "results_visibility", "closes_at")


class PollError(Exception):
    """Something a person tried that cannot be done; the message is for them."""


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _clean_options(labels):
    labels = [label.strip() for label in labels if label and label.strip()]
    if len(labels) < 2:
        raise PollError(_("Give at least two answers to choose from."))
    if len(labels) > MAX_OPTIONS:
        raise PollError(_("Give at most %(max)s answers.") % {"max": MAX_OPTIONS})
    if len({label.casefold() for label in labels}) != len(labels):
        raise PollError(_("Each answer may appear only once."))
    if any(len(label) > 200 for label in labels):
        raise PollError(_("An answer may be at most 200 characters long."))
    return labels


def _check_rules(fields, option_count):
    if not (fields.get("question") or "").strip():
        raise PollError(_("Please write the question."))
    if fields.get("kind") == Poll.Kind.SINGLE:
        fields["max_choices"] = None
    max_choices = fields.get("max_choices")
    if max_choices is not None and not 1 <= max_choices <= option_count:
        raise PollError(
            _("The most answers someone can choose must be between 1 and the number of answers (%(count)s).")
            % {"count": option_count}
        )


@transaction.atomic
def create_poll(project, *, options, by, **fields):
    """A draft poll with its answers in the given order. `fields` are Poll fields from EDITABLE_FIELDS."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable fields of a poll: {sorted(unknown)}")
    labels = _clean_options(options)
    _check_rules(fields, len(labels))
    poll = Poll.objects.create(project=project, created_by=by, **fields)
    PollOption.objects.bulk_create(
        PollOption(poll=poll, label=label, position=position) for position, label in enumerate(labels, 1)
    )
    return poll


@transaction.atomic
def update_poll(poll, *, by, options=None, **fields):
    """Change a poll nobody has voted on yet; `options`, when given, replace the answers."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable fields of a poll: {sorted(unknown)}")
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status == Poll.Status.CLOSED:
        raise PollError(_("This poll is closed and can no longer be changed."))
    if poll.votes.exists():
        raise PollError(_("Someone has voted already, so this poll can no longer be changed."))
    labels = _clean_options(options) if options is not None else list(poll.options.values_list("label", flat=True))
    merged = {name: getattr(poll, name) for name in EDITABLE_FIELDS} | fields
    _check_rules(merged, len(labels))
    if poll.status == Poll.Status.OPEN:
        _check_closing_moment(merged["closes_at"])
    for name, value in merged.items():
        setattr(poll, name, value)
    poll.save(update_fields=list(EDITABLE_FIELDS))
    if options is not None:
        poll.options.all().delete()
        PollOption.objects.bulk_create(
            PollOption(poll=poll, label=label, position=position) for position, label in enumerate(labels, 1)
        )
    return poll


def _check_closing_moment(closes_at):
    if closes_at is not None and closes_at <= timezone.now():
        raise PollError(_("The closing moment must be in the future."))


@transaction.atomic
def open_poll(poll, *, by):
    """Open a draft poll for voting from now on."""
    poll = Poll.objects.select_for_update().select_related("project").get(pk=poll.pk)
    if poll.status != Poll.Status.DRAFT:
        status = poll.get_status_display()
        raise PollError(_("Only a draft poll can be opened. This poll is %(status)s.") % {"status": status})
    if poll.options.count() < 2:
        raise PollError(_("Give at least two answers to choose from."))
    _check_closing_moment(poll.closes_at)
    poll.status = Poll.Status.OPEN
    poll.opens_at = timezone.now()
    poll.save(update_fields=["status", "opens_at"])
    emit("poll.opened", project=poll.project, actor=by, poll=poll)
    return poll


@transaction.atomic
def close_poll(poll, *, by):
    """Close an open poll now (or, past its planned closing moment, record that it closed then)."""
    poll = Poll.objects.select_for_update().select_related("project").get(pk=poll.pk)
    if poll.status == Poll.Status.CLOSED:
        raise PollError(_("This poll is already closed."))
    if poll.status != Poll.Status.OPEN:
        raise PollError(_("Only an open poll can be closed."))
    now = timezone.now()
    if poll.closes_at is None or poll.closes_at > now:
        poll.closes_at = now
    poll.status = Poll.Status.CLOSED
    poll.save(update_fields=["status", "closes_at"])
    emit("poll.closed", project=poll.project, actor=by, poll=poll)
    return poll


def close_due_polls(now=None):
    """Close every open poll whose planned closing moment has passed (a periodic job); returns how many."""
    now = now or timezone.now()
    closed = 0
    for poll in Poll.objects.filter(status=Poll.Status.OPEN, closes_at__lte=now):
        try:
            close_poll(poll, by=None)
        except PollError:  # closed by staff in the meantime
            continue
        closed += 1
    return closed


def _chosen_options(poll, option_ids):
    wanted = {int(option_id) for option_id in option_ids}
    if not wanted:
        raise PollError(_("Please choose an answer."))
    options = list(poll.options.filter(pk__in=wanted))
    if len(options) != len(wanted):
        raise PollError(_("That answer does not belong to this poll."))
    if not poll.is_multiple and len(options) > 1:
        raise PollError(_("Please choose one answer."))
    if poll.max_choices is not None and len(options) > poll.max_choices:
        raise PollError(
            ngettext(
                "Please choose at most %(max)s answer.", "Please choose at most %(max)s answers.", poll.max_choices
            )
            % {"max": poll.max_choices}
        )
    return options


def cast_vote(poll, user, option_ids):
    """`user`, a tenant of a household of the poll's project, gives (or changes) their vote: the ids of the chosen
    answers. In a household poll it is the household's vote, in a person poll their own."""
    return _record(poll, option_ids, user=user)


def record_household_vote(poll, household, option_ids):
    """A household's vote in a household poll given another way (on paper at a meeting, at the door), entered by
    staff. Like every vote it is anonymous: nothing records who entered it."""
    return _record(poll, option_ids, household=household)


@transaction.atomic
def _record(poll, option_ids, *, user=None, household=None):
    # Locking the poll makes votes and closing take turns, and one household's members vote one after the other.
    poll = Poll.objects.select_for_update(of=("self",)).select_related("project").get(pk=poll.pk)
    now = timezone.now()
    if poll.status == Poll.Status.DRAFT:
        raise PollError(_("This poll is not open yet."))
    if not poll.accepts_votes(now):
        raise PollError(_("This poll is closed. You can no longer vote."))
    if user is not None:
        household = household_of_user(user) if user.is_authenticated else None
    elif poll.per_person:
        raise PollError(_("In this poll every tenant votes for themselves."))
    if household is None or not project_households(poll.project).filter(pk=household.pk).exists():
        raise PollError(_("Only the households of this project can vote in this poll."))
    options = _chosen_options(poll, option_ids)
    key = {"user": user} if poll.per_person else {"household": household}
    vote = PollVote.objects.filter(poll=poll, **key).first()
    if vote is None:
        try:
            with transaction.atomic():
                vote = PollVote.objects.create(poll=poll, cast_at=now, changed_at=now, **key)
        except IntegrityError as error:  # the unique constraints: one vote per household or person, whatever the timing
            raise PollError(_("Your vote was changed at the same moment. Please try again.")) from error
    else:
        vote.changed_at = now
        vote.save(update_fields=["changed_at"])
    vote.options.set(options)
    return vote
