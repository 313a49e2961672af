"""Moderation as people meet it: reporting a post, the reports that hide it until staff look, staff hiding with a
reason, showing again, dismissing reports, suspending a member (all their posts hidden, posting blocked, the
reason shown to them) and lifting it, each act in the audit log."""

import pytest
from django.core.exceptions import ValidationError

from feedback import moderation, services
from feedback.models import Flag, LiveEvent, ModerationAction, Post
from renovatie import events
from tests.feedback.moderation_world import build_world, complex_of, start_thread, write_post

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False
    settings.FLAGS_TO_HIDE = 3


@pytest.fixture
def world():
    return build_world()


def flag_url(post):
    return f"/gesprekken/{post.thread_id}/bericht/{post.pk}/melden/"


def thread_page(client, user, world):
    client.force_login(user)
    return client.get(f"/gesprekken/{world.thread.pk}/", **ENGLISH).content.decode()


def report(client, user, post, reason="Dit is onaardig."):
    client.force_login(user)
    return client.post(flag_url(post), {"reason": reason}, **ENGLISH)


def test_a_neighbour_reports_a_post_with_a_reason_and_is_thanked(client, world):
    response = report(client, world.neighbours[0], world.reply, "Scheldwoorden")

    assert response.status_code == 302
    assert Flag.objects.get(post=world.reply).reason == "Scheldwoorden"
    page = client.get(response["Location"], **ENGLISH).content.decode()
    assert "Thank you. Staff will look at this post." in page


def test_a_second_report_of_the_same_post_by_the_same_person_is_refused_with_a_clear_message(client, world):
    report(client, world.neighbours[0], world.reply)

    response = report(client, world.neighbours[0], world.reply, "Nog een keer")

    assert response.status_code == 200
    assert "You have reported this post already. Staff will look at it." in response.content.decode()
    assert Flag.objects.filter(post=world.reply).count() == 1
    world.reply.refresh_from_db()
    assert world.reply.flag_count == 1


def test_a_report_needs_a_reason(client, world):
    response = report(client, world.neighbours[0], world.reply, "   ")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Flag.objects.exists()


def test_nobody_reports_their_own_post(world):
    with pytest.raises(ValidationError, match="your own post"):
        moderation.flag(world.reply, world.author, "Oeps")


def test_the_third_report_hides_the_post_until_staff_have_looked(client, world, django_capture_on_commit_callbacks):
    for neighbour in world.neighbours[:2]:
        report(client, neighbour, world.reply)
    world.reply.refresh_from_db()
    assert not world.reply.is_hidden

    with django_capture_on_commit_callbacks(execute=True):
        report(client, world.neighbours[2], world.reply)

    world.reply.refresh_from_db()
    assert world.reply.is_hidden and world.reply.hidden_by is None
    assert ModerationAction.objects.get(action="auto_hide").post == world.reply
    assert LiveEvent.objects.filter(name="post.updated", post=world.reply).exists()


def test_a_hidden_post_shows_why_in_its_place_to_tenants_and_its_text_to_staff(client, world):
    moderation.hide(world.reply, world.staff, "Scheldwoorden horen hier niet.")

    tenant_sees = thread_page(client, world.neighbours[0], world)
    staff_sees = thread_page(client, world.staff, world)

    assert "Hidden by staff: Scheldwoorden horen hier niet." in tenant_sees
    assert "idioten" not in tenant_sees
    assert "Hidden by staff: Scheldwoorden horen hier niet." in staff_sees
    assert "idioten" in staff_sees


def test_a_post_hidden_by_reports_says_so_in_its_place(client, world):
    for neighbour in world.neighbours:
        moderation.flag(world.reply, neighbour, "Onaardig")

    page = thread_page(client, world.neighbours[0], world)

    assert "Hidden until staff have looked at it" in page
    assert "idioten" not in page


def test_staff_hide_a_post_with_a_reason_from_the_post_itself(client, world):
    client.force_login(world.staff)

    form = client.get(f"/beheer/moderatie/berichten/{world.reply.pk}/verbergen/", **ENGLISH)
    response = client.post(
        f"/beheer/moderatie/berichten/{world.reply.pk}/verbergen/", {"reason": "Scheldwoorden"}, **ENGLISH
    )

    assert "Everyone sees this reason in place of the post." in form.content.decode()
    assert response.status_code == 302
    world.reply.refresh_from_db()
    assert (world.reply.hidden_reason, world.reply.hidden_by) == ("Scheldwoorden", world.staff)


def test_hiding_without_a_reason_changes_nothing(client, world):
    client.force_login(world.staff)

    response = client.post(f"/beheer/moderatie/berichten/{world.reply.pk}/verbergen/", {"reason": ""}, **ENGLISH)

    assert response.status_code == 200
    world.reply.refresh_from_db()
    assert not world.reply.is_hidden


def test_staff_show_a_hidden_post_again_and_its_reports_are_closed(client, world):
    for neighbour in world.neighbours:
        moderation.flag(world.reply, neighbour, "Onaardig")
    client.force_login(world.staff)

    response = client.post(f"/beheer/moderatie/berichten/{world.reply.pk}/tonen/", **ENGLISH)

    assert response.status_code == 302
    world.reply.refresh_from_db()
    assert not world.reply.is_hidden and world.reply.flag_count == 0
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    assert "idioten" in thread_page(client, world.neighbours[0], world)


def test_dismissing_the_reports_shows_a_post_the_reports_hid(world):
    for neighbour in world.neighbours:
        moderation.flag(world.reply, neighbour, "Onaardig")

    moderation.dismiss_flags(world.reply, world.staff)

    world.reply.refresh_from_db()
    assert not world.reply.is_hidden and world.reply.flag_count == 0


def test_dismissing_reports_keeps_a_post_staff_hid_hidden(world):
    moderation.hide(world.reply, world.staff, "Scheldwoorden")

    with pytest.raises(ValidationError):
        moderation.dismiss_flags(world.reply, world.staff)

    world.reply.refresh_from_db()
    assert world.reply.is_hidden


def test_suspending_the_author_hides_all_their_posts_and_blocks_posting(
    client, world, django_capture_on_commit_callbacks
):
    elsewhere, elsewhere_opening = start_thread(
        world.author, "Andere corporatie", "Hallo", complex=complex_of(world.other_corporation)
    )
    heard = []
    events.subscribe("member.suspended", heard.append)
    client.force_login(world.staff)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/beheer/moderatie/berichten/{world.reply.pk}/schorsen/",
                {"reason": "Herhaaldelijk scheldwoorden"},
                **ENGLISH,
            )
    finally:
        events.unsubscribe("member.suspended", heard.append)

    assert response.status_code == 302
    hidden = Post.objects.filter(author=world.author, hidden_at__isnull=False)
    assert set(hidden) == {world.opening, world.reply}
    assert not Post.objects.get(pk=elsewhere_opening.pk).is_hidden  # another corporation's discussion
    assert LiveEvent.objects.filter(name="post.updated", post__in=hidden).count() == 2
    assert [event.data["reason"] for event in heard] == ["Herhaaldelijk scheldwoorden"]
    with pytest.raises(services.Suspended):
        services.reply(world.opening, "Nog één ding", world.author)


def test_the_suspended_member_is_told_why_on_the_discussion_pages(client, world):
    moderation.suspend_member(world.author, world.corporation, world.staff, "Herhaaldelijk scheldwoorden")

    page = thread_page(client, world.author, world)

    assert "You cannot post in these discussions at the moment." in page
    assert "Herhaaldelijk scheldwoorden" in page
    assert f"/gesprekken/{world.thread.pk}/bericht/{world.opening.pk}/reageren/" not in page


def test_the_confirmation_says_exactly_what_will_happen(client, world):
    client.force_login(world.staff)

    page = client.get(f"/beheer/moderatie/berichten/{world.reply.pk}/schorsen/", **ENGLISH).content.decode()

    name = world.author.tenant_profile.display_name
    assert f"2 posts will be hidden and {name} cannot post until you lift it." in page


def test_a_member_cannot_be_suspended_twice_at_once(world):
    moderation.suspend_member(world.author, world.corporation, world.staff, "Scheldwoorden")

    with pytest.raises(ValidationError, match="suspended already"):
        moderation.suspend_member(world.author, world.corporation, world.staff, "Nog eens")


def test_lifting_the_suspension_lets_the_member_post_again(client, world):
    suspension = moderation.suspend_member(world.author, world.corporation, world.staff, "Scheldwoorden")
    client.force_login(world.staff)

    response = client.post(f"/beheer/moderatie/schorsingen/{suspension.pk}/opheffen/", **ENGLISH)

    assert response.status_code == 302
    suspension.refresh_from_db()
    assert suspension.lifted_at is not None
    assert "You cannot post" not in thread_page(client, world.author, world)
    services.reply(world.opening, "Sorry, buren.", world.author)
    assert Post.objects.get(pk=world.reply.pk).is_hidden  # the hidden posts stay hidden unless staff say so


def test_lifting_can_show_the_posts_the_suspension_hid(client, world):
    moderation.hide(world.opening, world.staff, "Eerder verborgen")
    suspension = moderation.suspend_member(world.author, world.corporation, world.staff, "Scheldwoorden")
    client.force_login(world.staff)

    client.post(f"/beheer/moderatie/schorsingen/{suspension.pk}/opheffen/", {"restore_posts": "on"}, **ENGLISH)

    assert not Post.objects.get(pk=world.reply.pk).is_hidden
    assert Post.objects.get(pk=world.opening.pk).hidden_reason == "Eerder verborgen"


def test_every_act_of_moderation_is_in_the_audit_log(client, world):
    for neighbour in world.neighbours:
        moderation.flag(world.reply, neighbour, "Onaardig")
    moderation.dismiss_flags(world.reply, world.staff)
    moderation.hide(world.reply, world.staff, "Scheldwoorden")
    moderation.restore(world.reply, world.staff)
    suspension = moderation.suspend_member(world.author, world.corporation, world.staff, "Herhaaldelijk")
    moderation.lift_suspension(suspension, world.staff)
    client.force_login(world.staff)

    page = client.get("/beheer/moderatie/logboek/", **ENGLISH).content.decode()

    assert list(ModerationAction.objects.order_by("pk").values_list("action", flat=True)) == [
        "auto_hide",
        "dismiss_flags",
        "hide",
        "restore",
        "suspend",
        "hide",
        "hide",
        "lift",
    ]
    for shown in ("hidden after flags", "flags dismissed", "shown again", "member suspended", "suspension lifted"):
        assert shown in page
    assert "Herhaaldelijk" in page and "automatically, after reports" in page


def test_the_queue_shows_reported_posts_with_the_reasons(client, world):
    moderation.flag(world.reply, world.neighbours[0], "Scheldwoorden tegen buren")
    client.force_login(world.staff)

    page = client.get("/beheer/moderatie/", **ENGLISH).content.decode()

    assert "Scheldwoorden tegen buren" in page
    assert "idioten" in page
    assert "1 open report" in page


def test_the_suspensions_page_lists_who_is_suspended_and_why(client, world):
    moderation.suspend_member(world.author, world.corporation, world.staff, "Herhaaldelijk scheldwoorden")
    client.force_login(world.staff)

    page = client.get("/beheer/moderatie/schorsingen/", **ENGLISH).content.decode()

    assert world.author.tenant_profile.display_name in page
    assert "Herhaaldelijk scheldwoorden" in page
    assert "Lift the suspension" in page


def test_the_house_rules_say_how_many_reports_hide_a_post(client, settings):
    settings.FLAGS_TO_HIDE = 4

    page = client.get("/huisregels/", **ENGLISH).content.decode()

    assert "Be respectful." in page
    assert "When 4 people report a post, it is hidden until staff have looked at it." in page


def test_the_post_controls_offer_a_report_to_neighbours_and_moderation_to_staff(client, world):
    moderation.flag(world.reply, world.neighbours[0], "Onaardig")

    neighbour_sees = thread_page(client, world.neighbours[1], world)
    author_sees = thread_page(client, world.author, world)
    staff_sees = thread_page(client, world.staff, world)

    assert flag_url(world.reply) in neighbour_sees
    assert flag_url(world.reply) not in author_sees  # not on one's own post
    assert f"/beheer/moderatie/berichten/{world.reply.pk}/verbergen/" not in neighbour_sees
    assert f"/beheer/moderatie/berichten/{world.reply.pk}/verbergen/" in staff_sees
    assert f"/beheer/moderatie/berichten/{world.reply.pk}/schorsen/" in staff_sees
    assert "1 open report" in staff_sees


# --- Query counts: each staff list is a fixed number of queries however much there is ------------------------


def _many_reported_posts(world, count):
    for index in range(count):
        post = write_post(world.thread, world.author, f"Bericht {index}", parent=world.opening)
        for neighbour in world.neighbours[:2]:
            moderation.flag(post, neighbour, f"Reden {index}")


@pytest.mark.parametrize("extra", [1, 30])
def test_the_queue_costs_the_same_queries_for_few_and_many_reports(client, world, extra, django_assert_max_num_queries):
    _many_reported_posts(world, extra)
    client.force_login(world.staff)

    with django_assert_max_num_queries(9):
        response = client.get("/beheer/moderatie/", **ENGLISH)

    assert response.status_code == 200


@pytest.mark.parametrize("extra", [1, 30])
def test_the_log_costs_the_same_queries_for_few_and_many_acts(client, world, extra, django_assert_max_num_queries):
    for index in range(extra):
        post = write_post(world.thread, world.neighbours[index % 3], f"Bericht {index}", parent=world.opening)
        moderation.hide(post, world.staff, f"Reden {index}")
    client.force_login(world.staff)

    with django_assert_max_num_queries(8):
        response = client.get("/beheer/moderatie/logboek/", **ENGLISH)

    assert response.status_code == 200
