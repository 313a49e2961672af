"""Data for the moderation tests: a project of corporation A with a tenant's thread and replies, written straight
to the database (paths and counters as feedback.services keeps them), so these tests depend on moderation only."""

from dataclasses import dataclass

from django.utils.html import escape

from feedback.models import Post, Thread
from projects.models import RenovationProject
from tenants.models import Corporation, Membership, Organisation
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    MembershipFactory,
    OrganisationFactory,
    household_of,
    project_in_execution,
    staff_member,
    superuser,
    tenant,
)


def write_post(thread, author, body, parent=None):
    post = Post.objects.create(
        thread=thread,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        path=f"new-{thread.pk}-{Post.objects.count()}",
        author=author,
        body=body,
        body_html=f"<p>{escape(body)}</p>",
    )
    post.path = (parent.path if parent else "") + Post.path_segment(post.pk)
    Post.objects.filter(pk=post.pk).update(path=post.path)
    if parent is not None:
        thread.reply_count += 1
        thread.save(update_fields=["reply_count"])
    return post


def start_thread(author, title, body, *, project=None, complex=None, kind=Thread.Kind.QUESTION):
    thread = Thread.objects.create(project=project, complex=complex, kind=kind, title=title, author=author)
    return thread, write_post(thread, author, body)


@dataclass
class World:
    corporation: Corporation
    other_corporation: Corporation
    project: RenovationProject
    thread: Thread
    opening: Post
    reply: Post
    author: object  # the tenant who started the thread
    neighbours: list  # three more tenants of the project
    staff: object
    contractor: object


def build_world():
    """Corporation A's project with a thread by a tenant, a rude reply by that same tenant, three neighbours, the
    contractor and a staff member; corporation B exists next door."""
    project = project_in_execution(homes=4)
    corporation = project.corporation
    homes = [plan.household for plan in project.home_plans.select_related("household")]
    author = tenant(homes[0])
    neighbours = [tenant(home) for home in homes[1:4]]
    contractor_org = OrganisationFactory(corporation=corporation, kind=Organisation.Kind.CONTRACTOR)
    project.contractors.add(contractor_org)
    contractor = MembershipFactory(organisation=contractor_org, role=Membership.Role.CONTRACTOR).user
    thread, opening = start_thread(author, "Schimmel in de badkamer", "Wie heeft er ook last van?", project=project)
    reply = write_post(thread, author, "Jullie zijn allemaal idioten.", parent=opening)
    return World(
        corporation=corporation,
        other_corporation=CorporationFactory(),
        project=project,
        thread=thread,
        opening=opening,
        reply=reply,
        author=author,
        neighbours=neighbours,
        staff=staff_member(corporation),
        contractor=contractor,
    )


def person(role, world):
    """One person per row of the permission tables."""
    make = {
        "anonymous": lambda: None,
        "tenant": lambda: world.neighbours[0],
        "tenant elsewhere": lambda: tenant(household_of(world.corporation)),
        "contractor": lambda: world.contractor,
        "staff": lambda: world.staff,
        "staff of another": lambda: staff_member(world.other_corporation),
        "superuser": superuser,
    }
    return make[role]()


def complex_of(corporation):
    return ComplexFactory(corporation=corporation)
