"""The results of a poll, aggregated only, and the rule for who may see them when.

Shares are of voters: in a multiple-choice poll one voter can pick several answers, so the shares add up to more
than 100%. The response rate is the voters as a share of the households of the project (household polls) or of
the tenants of those households (person polls), counted when the results are read.

Nobody sees who voted what, staff included: these are the only numbers that leave the votes table.
"""

import hashlib
from dataclasses import dataclass

from django.db.models import Count

from projects.permissions import ProjectRole

from .models import Poll, PollVote
from .selectors import project_households, project_people


@dataclass(frozen=True)
class OptionResult:
    label: str
    votes: int
    share: float  # of the voters, 0.0–1.0


@dataclass(frozen=True)
class Results:
    options: tuple
    voters: int
    eligible: int
    multiple: bool

    @property
    def response_rate(self):
        return _share(self.voters, self.eligible)

    @property
    def fingerprint(self):
        """A short mark of these numbers, so a page that shows them can ask "anything new?" (polls.views.tenant)."""
        numbers = [self.voters, self.eligible, *(option.votes for option in self.options)]
        return hashlib.sha256(repr(numbers).encode()).hexdigest()[:16]


def _share(part, whole):
    return part / whole if whole else 0.0


def results(poll):
    """Counts per option and the response rate, in three queries."""
    options = poll.options.annotate(vote_count=Count("votes")).order_by("position", "pk")
    voters = PollVote.objects.filter(poll=poll).count()
    eligible = (project_people if poll.per_person else project_households)(poll.project).count()
    return Results(
        options=tuple(
            OptionResult(label=option.label, votes=option.vote_count, share=_share(option.vote_count, voters))
            for option in options
        ),
        voters=voters,
        eligible=eligible,
        multiple=poll.is_multiple,
    )


def results_visible(poll, role, now=None):
    """Whether someone with `role` in the poll's project may see its results now.

    Staff always. Households and contractors: a live poll's results while it is open and after; an after-closing
    poll's once voting has ended; a staff-only poll's never. Nobody outside the project, and nobody but staff
    sees anything of a draft.
    """
    if role == ProjectRole.STAFF:
        return True
    if role < ProjectRole.HOUSEHOLD or poll.status == Poll.Status.DRAFT:
        return False
    if poll.results_visibility == Poll.Visibility.LIVE:
        return True
    if poll.results_visibility == Poll.Visibility.AFTER_CLOSING:
        return poll.voting_ended(now)
    return False
