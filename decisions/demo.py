"""The demo's proposal, added by `manage.py seed_demo` so a visitor can vote and watch the count move.

Zuilen is the project at the proposal phase, but its homes have no plans yet, so no household would be in scope
(decisions.services.default_scope). The demo proposal is therefore a supplementary one in Kanaleneiland-Noord:
solar panels and a covered bicycle shed, on top of the renovation already under way. It is complete and open
(version 1 published, voting opened yesterday and closes in three weeks); about half of the 60 households voted,
most agree, some do not, one voted on paper at the door. The demo tenant (huurder@, Fatma) is in scope and has
not voted yet, so a visitor who logs in as her can vote.

Votes go through the services (which emit, so live pages would hear of them, and write the audit trail); their
moments, and those of the matching audit entries, are then spread over the day since voting opened. Running it
again changes nothing: a proposal in the project marks it as done.

A second proposal, new front doors, had its voting period end yesterday with 80% agreeing: it waits for staff to
close it, print the certified result and the written notices (the "done when" of issue 5). Its moments are moved
into the past after the votes, as the demo does with the first one's.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from projects.demo import PROJECT_SLUG
from projects.models import RenovationProject
from tenants.models import TenantProfile

from . import services
from .models import AuditEntry, Ballot, BallotChange, Choice, Proposal, ProposalVersion

TITLE = "Zonnepanelen op de daken en een overdekte fietsenstalling"
CONTENT = {
    "renovation_works": (
        "Zonnepanelen op alle daken van de portiekflats; de opbrengst wordt per woning verrekend. Een overdekte, "
        "afsluitbare fietsenstalling in de binnentuin, met verlichting en laadpunten voor e-bikes en scootmobielen."
    ),
    "maintenance_works": "De dakbedekking wordt hersteld op de plekken waar de panelen komen.",
    "rent_increase": Decimal("9.50"),
    "rent_increase_reasons": (
        "De panelen leveren per woning naar verwachting € 15 tot € 20 per maand aan stroom op. De huur stijgt met "
        "€ 9,50 per maand; u houdt dus geld over."
    ),
    "duration_weeks": 6,
    "tenants_stay_home": True,
    "other_allowances": "Geen: er wordt niet in uw woning gewerkt.",
    "social_plan_reference": "Sociaal Plan Renovatie Kanaleneiland-Noord, vastgesteld met de bewonerscommissie.",
}
PAPER_VOTER = ("Columbuslaan", 3, "A")  # voted at the door with the resident coach


def days_from_today(n):
    return timezone.localdate() + timedelta(days=n)


@transaction.atomic
def seed_proposals(corporation, users):
    """Add the demo proposal; `users` are the demo accounts by login. Returns it, or None when the demo project is
    missing or has a proposal already."""
    project = RenovationProject.objects.filter(slug=PROJECT_SLUG, corporation=corporation).first()
    if project is None or Proposal.objects.filter(project=project).exists():
        return None
    lead, now = users["projectleider"], timezone.now()
    proposal = services.create_proposal(
        project, title=TITLE, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=21), by=lead
    )
    version = services.update_draft(
        proposal.versions.get(),
        by=lead,
        starts_on=days_from_today(90),
        completes_on=days_from_today(132),
        **CONTENT,
    )
    services.publish_version(proposal, version, by=lead)
    # Drafted some days ago and published just before voting opened, as it would have been.
    Proposal.objects.filter(pk=proposal.pk).update(created_at=now - timedelta(days=5))
    ProposalVersion.objects.filter(pk=version.pk).update(
        created_at=now - timedelta(days=5), published_at=now - timedelta(days=1, hours=2)
    )
    trail = AuditEntry.objects.filter(proposal=proposal)  # the audit trail tells the same story (demo only)
    trail.filter(action__in=[AuditEntry.Action.DRAFTED, AuditEntry.Action.CONTENT_CHANGED]).update(
        at=now - timedelta(days=5)
    )
    trail.filter(action=AuditEntry.Action.PUBLISHED).update(at=now - timedelta(days=1, hours=2))
    proposal.refresh_from_db()
    cast_demo_votes(proposal, keep_open=users["huurder"], coach=users["medewerker"])
    seed_ended_vote(project, lead)
    return proposal


ENDED_TITLE = "Nieuwe voordeuren met een veiligheidsslot"
ENDED_CONTENT = {
    **CONTENT,
    "renovation_works": "Nieuwe voordeuren met hang- en sluitwerk volgens het Politiekeurmerk Veilig Wonen.",
    "maintenance_works": "De deurkozijnen worden geschilderd.",
    "rent_increase": Decimal("3.00"),
    "rent_increase_reasons": "Een inbraakwerende deur met een beter slot.",
    "duration_weeks": 2,
}


def seed_ended_vote(project, lead):
    """The proposal whose voting ended yesterday, 48 of 60 households agreeing, not yet closed by staff."""
    now = timezone.now()
    proposal = services.create_proposal(
        project, title=ENDED_TITLE, opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(days=1), by=lead
    )
    version = services.update_draft(
        proposal.versions.get(),
        by=lead,
        starts_on=days_from_today(30),
        completes_on=days_from_today(44),
        **ENDED_CONTENT,
    )
    services.publish_version(proposal, version, by=lead)
    proposal.refresh_from_db()
    scope = list(proposal.current_version.scope.order_by("pk"))
    for index, household in enumerate(scope[:54]):
        choice = Choice.AGREE if index < 48 else Choice.DISAGREE
        services.record_paper_vote(proposal, household, choice, entered_by=lead)
    opened, closed = now - timedelta(days=15), now - timedelta(days=1)
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=opened - timedelta(days=5), opens_at=opened, closes_at=closed
    )
    ProposalVersion.objects.filter(pk=version.pk).update(created_at=opened - timedelta(days=5), published_at=opened)
    step = (closed - opened) / (len(scope) + 1)
    for index, ballot in enumerate(Ballot.objects.filter(proposal=proposal).order_by("pk")):
        moment = opened + step * (index + 1)
        Ballot.objects.filter(pk=ballot.pk).update(cast_at=moment)
        BallotChange.objects.filter(ballot=ballot).update(changed_at=moment)
    AuditEntry.objects.filter(proposal=proposal).update(at=opened)
    return proposal


def cast_demo_votes(proposal, *, keep_open, coach):
    """Every second household in street order votes, except `keep_open`'s: about one in six of them disagrees, and
    the household at PAPER_VOTER (if it is one of them) votes on paper, entered by `coach`."""
    scope = list(
        proposal.current_version.scope.select_related("dwelling").order_by(
            "dwelling__street", "dwelling__house_number", "dwelling__addition"
        )
    )
    members = {
        profile.household_id: profile.user
        for profile in TenantProfile.objects.filter(household__in=scope).select_related("user").order_by("-pk")
    }
    own_household = keep_open.tenant_profile.household_id
    voters = [household for household in scope[::2] if household.pk != own_household]
    started = proposal.opens_at
    step = (timezone.now() - started) / (len(voters) + 1)
    for index, household in enumerate(voters):
        choice = Choice.DISAGREE if index % 6 == 5 else Choice.AGREE
        dwelling = household.dwelling
        if (dwelling.street, dwelling.house_number, dwelling.addition) == PAPER_VOTER:
            ballot = services.record_paper_vote(proposal, household, Choice.AGREE, entered_by=coach)
        else:
            ballot = services.cast_vote(proposal, household, choice, by=members.get(household.pk))
        moment = started + step * (index + 1)  # spread over the day since voting opened
        Ballot.objects.filter(pk=ballot.pk).update(cast_at=moment)
        BallotChange.objects.filter(ballot=ballot).update(changed_at=moment)
        AuditEntry.objects.filter(proposal=proposal, action=AuditEntry.Action.VOTE, household=household).update(
            at=moment
        )
