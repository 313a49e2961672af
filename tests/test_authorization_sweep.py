"""Every page of the site, found from the URL resolver (so a new page cannot escape), requested as people who
must not reach the demo corporation's things: anonymous visitors, and the tenant, contractor and staff member of
another corporation. None of them may read a page about one of its projects, households or documents (GET gives
the login page, 403, 404 or 405) or change anything (POST likewise), and no request by anyone may fail with a
server error. The demo's own tenant, contractor, representative and staff member open every page too: no 500.

The objects in the URLs are the demo's (`manage.py seed_demo`), mapped in tests/demo_pages.py.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.demo_pages import PARAMETER, address, demo_objects, demo_user, routes
from tests.factories import CorporationFactory, contractor_member, household_of, staff_member, tenant
from tests.permission_table import LOGIN

pytestmark = pytest.mark.django_db

# Pages meant for everyone, signed in or not (a POST there is a form meant for anyone, or shows the page again).
# The unsubscribe link is a signed one-click page: whoever holds the link may use it (tests/notifications proves
# it cannot be forged).
PUBLIC = {
    "home",
    "house_rules",
    "activate",
    "activate_account",
    "project_detail",
    "project_photo",
    "notification_unsubscribe",
    "privacy",
}
# Pages without an object in the address show the visitor's own things; outsiders may open them (200).
REFUSED = {LOGIN, 403, 404, 405}


def verdict(response):
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return LOGIN
    return response.status_code


def outsiders():
    """People with no business in the demo corporation: (label, user or None)."""
    elsewhere = CorporationFactory(name="Andere corporatie", slug="andere")
    return [
        ("anonymous", None),
        ("tenant elsewhere", tenant(household_of(elsewhere))),
        ("contractor elsewhere", contractor_member(elsewhere)),
        ("staff elsewhere", staff_member(elsewhere)),
    ]


def test_no_page_lets_an_outsider_in_and_no_page_fails(client, settings, tmp_path):
    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=StringIO())
    objects = demo_objects()
    pages = [(name, route, address(name, route, objects)) for name, route in routes()]
    without_object = [name for name, _route, url in pages if url is None]
    pages = [(name, route, url) for name, route, url in pages if url is not None]
    failures, checked = [], 0

    for label, user in outsiders():
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, route, url in pages:
            about_demo = PARAMETER.search(route) is not None
            for method in ("GET", "POST"):
                response = client.get(url) if method == "GET" else client.post(url, {})
                got = verdict(response)
                checked += 1
                if response.status_code >= 500:
                    failures.append(f"{label} {method} {url}: server error")
                elif name in PUBLIC:
                    continue
                elif (about_demo or user is None) and got not in REFUSED:
                    failures.append(f"{label} {method} {url}: {got}, expected the login page, 403, 404 or 405")

    for login in ("huurder", "aannemer", "bewonerscommissie", "medewerker"):
        client.force_login(demo_user(login))
        for _name, _route, url in pages:
            checked += 1
            if client.get(url).status_code >= 500:
                failures.append(f"{login} GET {url}: server error")

    assert not failures, f"{len(failures)} of {checked} requests wrong:\n" + "\n".join(failures)
    assert len(without_object) <= len(pages) // 10, f"the demo lacks objects for: {without_object}"
