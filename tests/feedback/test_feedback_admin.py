"""The discussions in the admin: staff see their own corporation's threads (in a project or in a complex), posts,
reports, suspensions and moderation log, never another corporation's; posts and the log are read-only and hiding
goes through the moderation services, so it is logged."""

import pytest
from django.contrib import admin

from feedback import moderation
from feedback.models import Flag, LiveEvent, ModerationAction, Post, PostingSuspension, Thread
from tests.factories import ComplexFactory, household_of, staff_member, superuser, tenant
from tests.feedback.moderation_world import build_world, start_thread

pytestmark = pytest.mark.django_db

ADMIN_LISTS = {
    Thread: "/admin/feedback/thread/",
    Post: "/admin/feedback/post/",
    Flag: "/admin/feedback/flag/",
    PostingSuspension: "/admin/feedback/postingsuspension/",
    ModerationAction: "/admin/feedback/moderationaction/",
}


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def world():
    """In corporation A: a project thread and a complex thread, a report, a suspension and log lines; in
    corporation B: the same."""
    world = build_world()
    world.corporations = {}
    for name, corporation, staff in (("a", world.corporation, world.staff), ("b", world.other_corporation, None)):
        staff = staff or staff_member(corporation)
        complex_ = ComplexFactory(corporation=corporation)
        member = tenant(household_of(corporation, complex=complex_))
        thread, opening = start_thread(member, f"Complexdraad {name}", "Tekst", complex=complex_)
        moderation.flag(opening, tenant(household_of(corporation, complex=complex_)), f"Melding {name}")
        moderation.suspend_member(member, corporation, staff, f"Schorsing {name}")
        world.corporations[name] = {"staff": staff, "thread": thread, "post": opening}
    return world


def rows(response):
    return list(response.context["cl"].result_list)


@pytest.mark.parametrize("model", list(ADMIN_LISTS), ids=lambda model: model.__name__)
def test_staff_see_only_their_own_corporations_rows(client, world, model):
    client.force_login(world.staff)

    listed = rows(client.get(ADMIN_LISTS[model]))

    mine = {"a"}
    assert listed, "corporation A has rows of every kind"
    for row in listed:
        assert _corporation_of(row, world) in mine


@pytest.mark.parametrize("model", list(ADMIN_LISTS), ids=lambda model: model.__name__)
def test_a_superuser_sees_every_corporations_rows(client, world, model):
    client.force_login(superuser())

    listed = rows(client.get(ADMIN_LISTS[model]))

    assert {_corporation_of(row, world) for row in listed} == {"a", "b"}


def test_both_kinds_of_thread_are_listed_for_their_corporations_staff(client, world):
    client.force_login(world.staff)

    listed = rows(client.get(ADMIN_LISTS[Thread]))

    assert set(listed) == {world.thread, world.corporations["a"]["thread"]}


def test_staff_cannot_open_another_corporations_post(client, world):
    client.force_login(world.staff)

    response = client.get(f"/admin/feedback/post/{world.corporations['b']['post'].pk}/change/")

    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_post_in_the_admin_shows_its_text_read_only_with_links_to_moderate(client, world):
    client.force_login(world.staff)

    response = client.get(f"/admin/feedback/post/{world.reply.pk}/change/")

    page = response.content.decode()
    assert "<p>Jullie zijn allemaal idioten.</p>" in page
    assert 'name="body"' not in page and 'name="hidden_reason"' not in page
    assert f"/beheer/moderatie/berichten/{world.reply.pk}/verbergen/" in page


def test_showing_posts_again_from_the_admin_goes_through_the_log(client, world):
    moderation.hide(world.reply, world.staff, "Scheldwoorden")
    client.force_login(world.staff)

    client.post(
        ADMIN_LISTS[Post], {"action": "restore_posts", "_selected_action": [world.reply.pk], "index": 0}, follow=True
    )

    world.reply.refresh_from_db()
    assert not world.reply.is_hidden
    assert ModerationAction.objects.filter(action="restore", post=world.reply, actor=world.staff).exists()


def test_lifting_a_suspension_from_the_admin_goes_through_the_log(client, world):
    client.force_login(world.staff)
    suspension = PostingSuspension.objects.get(corporation=world.corporation)

    client.post(
        ADMIN_LISTS[PostingSuspension], {"action": "lift", "_selected_action": [suspension.pk], "index": 0}, follow=True
    )

    suspension.refresh_from_db()
    assert suspension.lifted_at is not None
    assert ModerationAction.objects.filter(action="lift", member=suspension.user).exists()


def test_nobody_adds_or_changes_log_lines_and_live_events_are_not_in_the_admin(client, world):
    client.force_login(world.staff)

    assert client.get("/admin/feedback/moderationaction/add/").status_code == 403
    assert client.get("/admin/feedback/flag/add/").status_code == 403
    assert client.get("/admin/feedback/postingsuspension/add/").status_code == 403
    assert LiveEvent not in admin.site._registry


def _corporation_of(row, world):
    """'a' or 'b': whose row this is."""
    if isinstance(row, PostingSuspension | ModerationAction):
        corporation_id = row.corporation_id
    else:
        thread = {Thread: lambda: row, Post: lambda: row.thread, Flag: lambda: row.post.thread}[type(row)]()
        corporation_id = thread.corporation_id
    return "a" if corporation_id == world.corporation.pk else "b"
