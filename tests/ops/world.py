"""A small world in the database of DATABASE_URL, for tests whose servers run in other processes:
`python -m tests.ops.world` prints what the test needs as JSON (addresses, ids, a signed-in session per person).

One project of three homes with an open proposal and a problem report (with a photo) by Carol. Alice and Bob
live together (one household), Carol next door. Carol asked for an e-mail at once when someone replies to her.
The third household, without an account, voted on paper (staff entered it).
"""

import json

from bench.generate import signed_in  # sets Django up for the database of DATABASE_URL
from decisions import services as decisions
from feedback import services as feedback
from feedback.models import Thread
from notifications.models import EmailRhythm, Kind, Preference
from tests.decisions.conftest import COMPLETE, make_proposal
from tests.factories import project_in_execution, staff_member, tenant
from tests.feedback.conftest import png


def build():
    project = project_in_execution(homes=3)
    first, second, third = [plan.household for plan in project.home_plans.order_by("pk")]
    alice, bob, carol = tenant(first), tenant(first), tenant(second)
    staff = staff_member(project.corporation)
    proposal, version = make_proposal(project, staff, **COMPLETE)
    decisions.publish_version(proposal, version, by=staff)
    proposal.refresh_from_db()
    decisions.record_paper_vote(proposal, third, "agree", entered_by=staff)
    Preference.objects.create(user=carol, kind=Kind.REPLIES, email=EmailRhythm.IMMEDIATE)
    thread = feedback.start_thread(
        kind=Thread.Kind.PROBLEM,
        title="Vocht in de badkamer",
        body="Er zit schimmel achter de tegels.",
        author=carol,
        project=project,
        photos=[(png("vocht.png"), "Zwarte schimmel op de voegen")],
    )
    return {
        "project": project.slug,
        "proposal": proposal.pk,
        "thread": thread.pk,
        "opening": thread.posts.get().pk,
        "households": {"alice": first.pk, "bob": first.pk, "carol": second.pk, "on_paper": third.pk},
        "emails": {"alice": alice.email, "bob": bob.email, "carol": carol.email},
        "sessions": {name: signed_in(user) for name, user in {"alice": alice, "bob": bob, "carol": carol}.items()},
        "photo": thread.photos.get().image.name,
    }


if __name__ == "__main__":
    print(json.dumps(build()))
