"""In a real browser: a tenant has a page open, a visit to her home is planned, and the bell's count goes up
without reloading (static/js/notifications.js over ws/me/), announced politely to screen readers.

Served by a real daphne process (the fixtures of tests/e2e/test_live_discussion.py), so it needs PostgreSQL and
the settings' channel layer (Redis): `services`, and the system Chromium: `browser`.
"""

import threading

import pytest
from django.db import connection
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, browser  # noqa: F401  (a fixture)
from tests.e2e.steps import log_in
from tests.e2e.test_live_discussion import live_site  # noqa: F401  (a fixture)
from tests.factories import PASSWORD, TenantProfileFactory, project_in_execution

from .conftest import appointment_for, emit_committed

pytestmark = [pytest.mark.browser, pytest.mark.services]

LIVE = 15_000  # ms: generous, but only ever waited out when something is broken


def test_the_bell_counts_a_new_notification_without_reloading(browser, live_site, transactional_db):  # noqa: F811
    project = project_in_execution(homes=2)
    household = project.home_plans.first().household
    priya = TenantProfileFactory(household=household, display_name="Priya", language="en").user
    context = browser.new_context(base_url=live_site, locale="en-GB", viewport=PHONE)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        log_in(page, priya.email, PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("My renovation")
        page.evaluate("window.stillTheSamePage = true")  # gone if the page reloads
        bell = page.locator("#notification-bell")
        expect(bell).to_have_attribute("data-live-state", "connected")
        expect(page.locator("#notification-count")).to_have_text("")

        appointment = appointment_for(project, household)

        # In a thread of its own, as a request would be: Playwright keeps an event loop in this one.
        def plan_visit():
            try:
                emit_committed("appointment.planned", project=project, actor=None, appointment=appointment)
            finally:
                connection.close()

        worker = threading.Thread(target=plan_visit)
        worker.start()
        worker.join()

        expect(page.locator("#notification-count")).to_have_text("1 unread notification", timeout=LIVE)
        expect(page.locator("[data-bell-announcer]")).to_have_text("1 unread notification", timeout=LIVE)
        assert page.evaluate("window.stillTheSamePage") is True
        bell.click()
        expect(page.get_by_role("link", name="A visit to your home is planned")).to_be_visible()
    finally:
        context.close()
