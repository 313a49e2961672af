"""On a 360 px phone the pages are styled and nothing makes the page scroll sideways."""

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import FITS_THE_SCREEN, log_in
from tests.factories import PASSWORD, ComplexFactory, HouseholdFactory, staff_member

pytestmark = pytest.mark.browser


def assert_styled_and_fits(page):
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "block"
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
    assert page.evaluate(FITS_THE_SCREEN), page.url


@pytest.mark.parametrize("path", ["/", "/activeren/", "/accounts/login/"])
def test_public_page_is_styled_and_fits_a_phone(page, path):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_styled_and_fits(page)


def test_staff_start_page_keeps_its_wide_table_inside_the_screen(page, settings):
    settings.REQUIRE_STAFF_2FA = False
    complex_ = ComplexFactory(name="Kanaleneiland-Noord")
    HouseholdFactory(dwelling__complex=complex_)
    user = staff_member(complex_.corporation)

    log_in(page, user.email, PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Management")
    expect(page.get_by_role("rowheader", name="Kanaleneiland-Noord")).to_be_visible()
    assert_styled_and_fits(page)
