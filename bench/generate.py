"""Mitros-scale data for the benchmark, in bulk: `python -m bench.generate --scale 1` (on PostgreSQL).

At scale 1: 30,000 homes in 600 complexes with 25,000 activated tenants (tenants.seed_scale), 60 projects of
500 homes each with a home plan per household, a proposal open for voting in 40 of them with 20,000 votes,
300,000 posts (one thread of 5,000 replies, one of 2,000, the rest in threads of 50), and 100,000
notifications. Scale 0.1 is one tenth of everything (`make bench-quick`), except the 2,000-reply thread, which
the benchmark reads at every scale. Rows are written with bulk inserts and explicit primary keys (a post's
materialised path contains its own id); sequences are moved past them afterwards.

It also writes bench/var/world.json: the addresses to load and a signed-in session for each simulated person,
made directly in the session store (a benchmark measures pages, not the login form).
"""

import argparse
import json
import os
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renovatie.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from decisions.models import Ballot, BallotChange, Choice, Proposal, ProposalVersion  # noqa: E402
from feedback.models import Post, Thread  # noqa: E402
from notifications.models import EmailRhythm, Kind, Notification  # noqa: E402
from projects.models import HomePlan, Phase, RenovationProject  # noqa: E402
from tenants.models import Corporation, Household, Membership, Organisation, TenantProfile  # noqa: E402

User = get_user_model()
CORPORATION = "mitros-bench"
WORLD = Path(__file__).resolve().parent / "var" / "world.json"
BATCH = 5000
BENCH_USERS = 500  # tenants of the first project with a session: the load's people and the websocket clients


def scaled(number, scale, minimum=1):
    return max(minimum, round(number * scale))


def _move_sequence(model):
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")


def _next_id(model):
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def projects_with_plans(corporation, count):
    """`count` projects in execution, each over ten complexes, with a home plan for every household."""
    complexes = list(corporation.complexes.order_by("pk"))
    per_project = max(1, len(complexes) // count)
    projects = []
    for number in range(count):
        project = RenovationProject.objects.create(
            corporation=corporation,
            name=f"Bench project {number + 1}",
            slug=f"bench-{number + 1}",
            summary="Isolatie, kozijnen en ventilatie.",
            phase=Phase.EXECUTION,
        )
        project.complexes.set(complexes[number * per_project : (number + 1) * per_project])
        projects.append(project)
    plans = [
        HomePlan(project=project, household_id=household_id)
        for project in projects
        for household_id in Household.objects.filter(dwelling__complex__projects=project).values_list("pk", flat=True)
    ]
    HomePlan.objects.bulk_create(plans, batch_size=BATCH)
    return projects


def proposals_with_votes(projects, votes, staff):
    """An open, published proposal on the first projects until `votes` households voted (70% agree)."""
    now = timezone.now()
    left, proposals = votes, []
    for project in projects:
        if left <= 0:
            break
        proposal = Proposal.objects.create(
            project=project,
            title="Verduurzaming",
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=21),
            status=Proposal.Status.OPEN,
        )
        version = ProposalVersion.objects.create(
            proposal=proposal,
            number=1,
            renovation_works="Isolatie",
            maintenance_works="Voegwerk",
            rent_increase=Decimal("25.00"),
            rent_increase_reasons="Lagere energiekosten",
            duration_weeks=3,
            tenants_stay_home=True,
            starts_on=now.date(),
            completes_on=(now + timedelta(days=200)).date(),
            other_allowances="Geen",
            social_plan_reference="Sociaal plan 2026",
            published_at=now - timedelta(days=7),
            published_by=staff,
        )
        proposal.current_version = version
        proposal.save(update_fields=["current_version"])
        households = list(HomePlan.objects.filter(project=project).values_list("household_id", flat=True))
        version.scope.set(households)
        voters = households[: min(left, len(households))]
        ballots = [
            Ballot(
                proposal=proposal,
                household_id=household_id,
                version=version,
                choice=Choice.AGREE if index % 10 < 7 else Choice.DISAGREE,
                cast_at=now - timedelta(minutes=index),
            )
            for index, household_id in enumerate(voters)
        ]
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        BallotChange.objects.bulk_create(
            [
                BallotChange(ballot=ballot, to_choice=ballot.choice, version_number=1, changed_at=ballot.cast_at)
                for ballot in ballots
            ],
            batch_size=BATCH,
        )
        left -= len(voters)
        proposals.append(proposal)
    return proposals


def thread_with_replies(project, authors, replies, title, start_id):
    """A question with `replies` replies: every tenth a reply to a reply, the rest to the opening post."""
    now = timezone.now()
    thread = Thread.objects.create(
        project=project,
        kind=Thread.Kind.QUESTION,
        title=title,
        author=authors[0],
        created_at=now - timedelta(days=30),
        last_activity_at=now,
        reply_count=replies,
    )
    posts, post_id = [], start_id
    opening = Post(
        id=post_id,
        thread=thread,
        depth=0,
        path=Post.path_segment(post_id),
        author=authors[0],
        body="Wanneer komen de steigers?",
        body_html="<p>Wanneer komen de steigers?</p>",
        created_at=thread.created_at,
    )
    posts.append(opening)
    parent = opening
    for number in range(replies):
        post_id += 1
        under = parent if number % 10 == 9 else opening
        text = f"Reactie {number + 1}: bij ons op de tweede verdieping is het ook zo."
        post = Post(
            id=post_id,
            thread=thread,
            parent_id=under.id,
            depth=under.depth + 1,
            path=under.path + Post.path_segment(post_id),
            author=authors[(number + 1) % len(authors)],
            body=text,
            body_html=f"<p>{text}</p>",
            created_at=thread.created_at + timedelta(seconds=number * 30),
        )
        posts.append(post)
        if under is opening:
            parent = post
    Post.objects.bulk_create(posts, batch_size=BATCH)
    return thread, post_id + 1


def discussions(projects, total_posts):
    """The big threads in the first project, then threads of 50 posts spread over all projects."""
    first = projects[0]
    authors = list(
        TenantProfile.objects.filter(household__home_plans__project=first).values_list("user", flat=True)[:200]
    )
    authors = list(User.objects.filter(pk__in=authors))
    next_id = _next_id(Post)
    biggest = scaled(5000, total_posts / 300_000, minimum=2000)
    big, next_id = thread_with_replies(first, authors, biggest, "Steigers en planning", next_id)
    thread_2000, next_id = thread_with_replies(first, authors, 2000, "Ventilatie in de badkamer", next_id)
    written = biggest + 2000 + 2
    number = 0
    while written < total_posts:
        project = projects[number % len(projects)]
        _thread, next_id = thread_with_replies(project, authors, 49, f"Vraag {number + 1}", next_id)
        written += 50
        number += 1
    _move_sequence(Post)
    return {"big_thread": big, "thread_2000": thread_2000, "threads": number + 2}


def notifications(corporation, projects, count):
    users = list(
        TenantProfile.objects.filter(household__dwelling__complex__corporation=corporation).values_list(
            "user_id", "household__home_plans__project_id"
        )[: max(1, count // 4)]
    )
    now = timezone.now()
    Notification.objects.bulk_create(
        (
            Notification(
                recipient_id=users[index % len(users)][0],
                kind=Kind.PROJECT,
                event="update.posted",
                project_id=users[index % len(users)][1] or projects[0].pk,
                params={"project": projects[0].name},
                created_at=now - timedelta(minutes=index),
                read_at=now if index % 3 else None,
                email_rhythm=EmailRhythm.DAILY,
            )
            for index in range(count)
        ),
        batch_size=BATCH,
    )


def signed_in(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def staff_of(corporation):
    organisation = Organisation.objects.create(
        corporation=corporation, name="Bench corporatie", kind=Organisation.Kind.CORPORATION
    )
    user = User.objects.create_user(email=f"staff@{CORPORATION}.example.org", password="bench")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.STAFF)
    return user


def generate(scale):
    started = time.monotonic()
    if Corporation.objects.filter(slug=CORPORATION).exists():
        raise SystemExit(f"{CORPORATION} exists already: drop the benchmark database first (bench.run does).")
    homes = scaled(30_000, scale, minimum=500)
    call_command("seed_scale", dwellings=homes, tenants=scaled(25_000, scale), corporation=CORPORATION)
    corporation = Corporation.objects.get(slug=CORPORATION)
    with transaction.atomic():
        staff = staff_of(corporation)
        projects = projects_with_plans(corporation, scaled(60, scale, minimum=2))
        proposals = proposals_with_votes(projects, scaled(20_000, scale), staff)
        threads = discussions(projects, scaled(300_000, scale))
        notifications(corporation, projects, scaled(100_000, scale))
    first = projects[0]
    tenants = list(
        User.objects.filter(tenant_profile__household__home_plans__project=first).order_by("pk")[:BENCH_USERS]
    )
    world = {
        "scale": scale,
        "project": first.slug,
        "proposal": proposals[0].pk,
        "thread_2000": threads["thread_2000"].pk,
        "thread_2000_opening": threads["thread_2000"].posts.order_by("path").values_list("pk", flat=True).first(),
        "tenant_sessions": [signed_in(user) for user in tenants],
        "tenant_households": [user.tenant_profile.household_id for user in tenants],
        "staff_session": signed_in(staff),
        "counts": {
            "homes": homes,
            "tenants": TenantProfile.objects.filter(household__dwelling__complex__corporation=corporation).count(),
            "projects": len(projects),
            "votes": Ballot.objects.filter(proposal__project__corporation=corporation).count(),
            "posts": Post.objects.filter(thread__project__corporation=corporation).count(),
            "threads": threads["threads"],
            "notifications": Notification.objects.count(),
        },
        "seconds": round(time.monotonic() - started, 1),
    }
    WORLD.parent.mkdir(exist_ok=True)
    WORLD.write_text(json.dumps(world, indent=2))
    analyse()
    return world


def analyse():
    """Fresh planner statistics after the bulk load, as autovacuum would have them on a site that has been running:
    without them PostgreSQL planned the dashboard's counts for 300 dwellings, not 30,000 (sequential scans)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    world = generate(parser.parse_args().scale)
    print(json.dumps({"counts": world["counts"], "seconds": world["seconds"]}))


if __name__ == "__main__":
    main()
