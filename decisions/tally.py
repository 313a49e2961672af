"""The count of a proposal, aggregated only: how many agree, disagree or did not vote, never who.

Art. 7:220(3) of the Dutch civil code presumes a renovation proposal for ten or more homes reasonable when 70%
or more of the tenants agree. Agreement is a share of every household in scope, so a household that did not
vote counts as not agreeing. Only ballots cast on the version households are voting on now count (see
decisions.services.publish_version). The 70% line uses whole numbers, so exactly 70% passes and no rounding can
tip a result.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Ballot, Choice, ProposalVersion

THRESHOLD_PERCENT = 70
MINIMUM_HOMES = 10


@dataclass(frozen=True)
class Tally:
    scope: int
    agree: int
    disagree: int

    @property
    def no_vote(self):
        return self.scope - self.agree - self.disagree

    @property
    def agreement_share(self):
        """Agree as a fraction of all households in scope (0.0 when nobody is in scope)."""
        return self.agree / self.scope if self.scope else 0.0

    @property
    def response_rate(self):
        return (self.agree + self.disagree) / self.scope if self.scope else 0.0

    @property
    def reaches_70(self):
        return self.scope > 0 and self.agree * 100 >= self.scope * THRESHOLD_PERCENT

    @property
    def ten_homes(self):
        return self.scope >= MINIMUM_HOMES

    @property
    def presumed_reasonable(self):
        return self.reaches_70 and self.ten_homes


def tally(proposal):
    """Count the proposal's current version in two queries (none before a version is published)."""
    version_id = proposal.current_version_id
    if version_id is None:
        return Tally(scope=0, agree=0, disagree=0)
    in_scope = ProposalVersion.scope.through.objects.filter(proposalversion_id=version_id)
    scope = in_scope.count()
    counts = Ballot.objects.filter(
        proposal=proposal, version_id=version_id, household_id__in=in_scope.values("household_id")
    ).aggregate(
        agree=Count("pk", filter=Q(choice=Choice.AGREE)),
        disagree=Count("pk", filter=Q(choice=Choice.DISAGREE)),
    )
    return Tally(scope=scope, agree=counts["agree"], disagree=counts["disagree"])
