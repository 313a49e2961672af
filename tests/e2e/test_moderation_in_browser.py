"""Moderation on a 360 px phone: a neighbour reports a rude reply from the post itself, staff find it in the queue
with the reason, hide it with a reason of their own, and the neighbour sees that reason in its place."""

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import FITS_THE_SCREEN, log_in
from tests.factories import PASSWORD
from tests.feedback.moderation_world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reported_post_is_hidden_by_staff_from_the_queue_on_a_phone(page, settings):
    settings.REQUIRE_STAFF_2FA = False
    world = build_world()
    profile = world.neighbours[0].tenant_profile
    profile.language = "en"  # logging in switches to the profile's language; the browser test reads English
    profile.save()

    log_in(page, world.neighbours[0].email, PASSWORD)
    page.goto(f"/gesprekken/{world.thread.pk}/")
    page.locator(f"#post-{world.reply.pk}").get_by_role("link", name="Report").click()
    page.get_by_label("What is wrong with this post?").fill("Hij scheldt de buren uit.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("Thank you. Staff will look at this post.")).to_be_visible()
    assert page.evaluate(FITS_THE_SCREEN), page.url

    page.context.clear_cookies()
    log_in(page, world.staff.email, PASSWORD)
    page.goto("/beheer/moderatie/")
    expect(page.get_by_text("Hij scheldt de buren uit.")).to_be_visible()
    assert page.evaluate(FITS_THE_SCREEN), page.url
    page.get_by_label("Reason for hiding (everyone sees it)").fill("Schelden hoort hier niet.")
    page.get_by_role("button", name="Hide with this reason").click()
    expect(page.get_by_text("The post is hidden. The reason is shown in its place.")).to_be_visible()
    expect(page.get_by_text("Nothing is waiting.")).to_be_visible()

    page.goto(f"/beheer/moderatie/berichten/{world.reply.pk}/schorsen/")
    expect(page.get_by_text("cannot post until you lift it")).to_be_visible()
    assert page.evaluate(FITS_THE_SCREEN), page.url

    page.context.clear_cookies()
    log_in(page, world.neighbours[0].email, PASSWORD)
    page.goto(f"/gesprekken/{world.thread.pk}/")
    expect(page.locator(f"#post-{world.reply.pk}")).to_contain_text("Hidden by staff: Schelden hoort hier niet.")
    expect(page.locator(f"#post-{world.reply.pk}")).not_to_contain_text("idioten")
