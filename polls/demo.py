"""The demo's polls, added by `manage.py seed_demo` so a visitor can think along and watch the results move.

Both are in Kanaleneiland-Noord, one vote per household:
- open: "Welke kleur krijgen de voordeuren?", single choice, results live; opened four days ago, closes in ten
  days; 20 of the 60 households voted. The demo tenant (huurder@, Fatma) has not, so a visitor can.
- closed: the design of the courtyard, up to two answers, results after closing; closed a week ago with 31 votes.

Votes go in through polls.services (as votes given on paper or online would); their moments are then spread over
the time the poll was open. Running it again changes nothing: a poll in the project marks it as done.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from projects.demo import PROJECT_SLUG
from projects.models import RenovationProject

from . import services
from .models import Poll, PollVote
from .selectors import project_households

DOORS = "Welke kleur krijgen de voordeuren?"
DOORS_EXPLANATION = (
    "Bij de renovatie krijgen alle portieken **nieuwe voordeuren**. U kiest samen de kleur. "
    "De kleur met de meeste stemmen wordt het.\n\n"
    "Bekijk de kleurstalen in de modelwoning aan de Marshallaan 4-A."
)
DOOR_COLOURS = ["Donkergroen", "Antraciet", "Bordeauxrood", "Okergeel"]
DOOR_VOTES = [0] * 8 + [1] * 6 + [2] * 4 + [3] * 2  # 20 households, by answer

COURTYARD = "Wat wilt u het liefst in de binnentuin?"
COURTYARD_EXPLANATION = "De binnentuin wordt na de renovatie opnieuw ingericht. U kunt **twee** dingen kiezen."
COURTYARD_OPTIONS = ["Speeltoestellen voor kinderen", "Een moestuin", "Bankjes en bloemen", "Meer bomen en schaduw"]
COURTYARD_VOTES = [(0, 2), (2,), (1, 3), (2, 3), (0,), (3,), (1, 2)] * 4 + [(2,), (0, 2), (3,)]  # 31 households


@transaction.atomic
def seed_polls(corporation, users):
    """Create the demo's polls once; return a one-line summary for the console, or None when nothing was added."""
    project = RenovationProject.objects.filter(slug=PROJECT_SLUG, corporation=corporation).first()
    if project is None or Poll.objects.filter(project=project).exists():
        return None
    lead, now = users["projectleider"], timezone.now()
    own = users["huurder"].tenant_profile.household_id
    households = [
        household
        for household in project_households(project).order_by(
            "dwelling__street", "dwelling__house_number", "dwelling__addition"
        )
        if household.pk != own
    ]

    courtyard = services.create_poll(
        project,
        question=COURTYARD,
        explanation=COURTYARD_EXPLANATION,
        kind=Poll.Kind.MULTIPLE,
        max_choices=2,
        results_visibility=Poll.Visibility.AFTER_CLOSING,
        options=COURTYARD_OPTIONS,
        by=lead,
    )
    services.open_poll(courtyard, by=lead)
    _vote(courtyard, households[5:36], COURTYARD_VOTES)
    services.close_poll(courtyard, by=lead)
    _date_back(courtyard, opened=now - timedelta(days=28), closed=now - timedelta(days=7))

    doors = services.create_poll(
        project,
        question=DOORS,
        explanation=DOORS_EXPLANATION,
        kind=Poll.Kind.SINGLE,
        results_visibility=Poll.Visibility.LIVE,
        closes_at=now + timedelta(days=10),
        options=DOOR_COLOURS,
        by=lead,
    )
    services.open_poll(doors, by=lead)
    _vote(doors, households[::3], [(answer,) for answer in DOOR_VOTES])
    _date_back(doors, opened=now - timedelta(days=4), closed=None)
    return f"Polls: 2 in Kanaleneiland-Noord (front doors open, {len(DOOR_VOTES)} votes; courtyard closed)"


def _vote(poll, households, answers):
    """The households vote the answers (positions in the poll's options), one after the other."""
    options = list(poll.options.values_list("pk", flat=True))
    for household, chosen in zip(households, answers, strict=False):
        services.record_household_vote(poll, household, [options[position] for position in chosen])


def _date_back(poll, *, opened, closed):
    """Date the poll and its votes back to when they happened: votes spread over the time the poll was open."""
    end = closed or timezone.now()
    Poll.objects.filter(pk=poll.pk).update(created_at=opened - timedelta(days=2), opens_at=opened)
    if closed is not None:
        Poll.objects.filter(pk=poll.pk).update(closes_at=closed)
    votes = list(PollVote.objects.filter(poll=poll).order_by("pk"))
    step = (end - opened) / (len(votes) + 1)
    for index, vote in enumerate(votes, 1):
        vote.cast_at = vote.changed_at = opened + step * index
    PollVote.objects.bulk_update(votes, ["cast_at", "changed_at"])
