"""Four languages: Dutch first, English, Turkish and Arabic (right to left). Everyone picks theirs on every page;
a tenant's pick is kept on their profile, so e-mails and the bell follow it; a string a catalogue lacks shows in
Dutch, never blank and never as the English msgid."""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import trans_real

from tenants.forms import AccountDetailsForm
from tests.factories import CorporationFactory, TenantProfileFactory, staff_member

pytestmark = pytest.mark.django_db


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_the_switcher_offers_every_language_in_its_own_name(client):
    page = client.get("/accounts/login/").content.decode()
    options = re.findall(r'<option value="(\w+)" lang="(\w+)" dir="(\w+)"[^>]*>([^<]+)</option>', page)
    assert options == [
        ("nl", "nl", "ltr", "Nederlands"),
        ("en", "en", "ltr", "English"),
        ("tr", "tr", "ltr", "Türkçe"),
        ("ar", "ar", "rtl", "العربيّة"),
    ]


def test_arabic_pages_read_right_to_left_and_turkish_left_to_right(client):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert html_tag(client.get("/accounts/login/")) == '<html lang="ar" dir="rtl">'
    client.post("/i18n/setlang/", {"language": "tr", "next": "/"})
    assert html_tag(client.get("/accounts/login/")) == '<html lang="tr" dir="ltr">'


def test_a_tenants_choice_is_kept_on_their_profile(client):
    profile = TenantProfileFactory(language="nl")
    client.force_login(profile.user)
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/mijn-renovatie/"})
    assert response.status_code == 302 and response["Location"] == "/mijn-renovatie/"
    profile.refresh_from_db()
    assert profile.language == "ar"


def test_a_language_the_site_does_not_offer_is_not_kept(client):
    profile = TenantProfileFactory(language="tr")
    client.force_login(profile.user)
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    profile.refresh_from_db()
    assert profile.language == "tr"


def test_staff_without_a_profile_switch_language_too(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    client.force_login(staff_member(CorporationFactory()))
    client.post("/i18n/setlang/", {"language": "tr", "next": "/"})
    assert html_tag(client.get("/beheer/")) == '<html lang="tr" dir="ltr">'


def test_dates_and_numbers_follow_the_language():
    day = datetime.date(2026, 3, 5)
    with translation.override("ar"):
        assert date_format(day) == "5 مارس، 2026"
    with translation.override("tr"):
        assert date_format(day) == "05 Mart 2026"
        assert number_format(3.5, 1) == "3,5"


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_a_string_missing_from_a_catalogue_shows_in_dutch(monkeypatch, language):
    catalogue = trans_real.translation(language)
    monkeypatch.setattr(catalogue, "_catalog", trans_real.TranslationCatalog())
    with translation.override(language):
        assert translation.gettext("My renovation") == "Mijn renovatie"


def test_a_new_tenant_picks_their_language_in_its_own_name_while_making_their_account():
    with translation.override("nl"):
        choices = list(AccountDetailsForm().fields["language"].choices)
    assert choices == [("nl", "Nederlands"), ("en", "English"), ("tr", "Türkçe"), ("ar", "العربيّة")]


@pytest.mark.parametrize(
    "count, words",
    [(0, "لا توجد ردود"), (1, "ردّ واحد"), (2, "ردّان"), (3, "3 ردود"), (11, "11 ردًّا"), (100, "100 ردّ")],
)
def test_arabic_counts_take_all_six_plural_forms(count, words):
    with translation.override("ar"):
        shown = translation.ngettext("%(counter)s reply", "%(counter)s replies", count) % {"counter": count}
    assert shown == words
