"""Retention: a household that moved out longer ago than PRIVACY_RETENTION_DAYS has its personal data erased, by
the nightly task, the management command, or staff of its own corporation from /beheer/privacy/. Idempotent."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from decisions.tally import tally
from feedback.models import Post
from privacy.models import PrivacyEvent
from privacy.retention import households_due
from privacy.tasks import erase_moved_out_households
from tenants.models import HouseholdNeeds, Invitation, TenantProfile
from tests.factories import (
    CorporationFactory,
    contractor_member,
    household_of,
    staff_member,
    tenant,
)
from tests.permission_table import LOGIN, outcome

pytestmark = pytest.mark.django_db
PAGE = "/beheer/privacy/"


def move_out(household, days_ago):
    household.ended_on = timezone.localdate() - timedelta(days=days_ago)
    household.save(update_fields=["ended_on"])


@pytest.fixture
def moved_out(households, people, traces):
    """Anna and Ben's household left three years ago; Carla's left last month."""
    move_out(households[0], 3 * 365)
    move_out(households[1], 30)
    Invitation.objects.create(
        household=households[0], code_digest="x" * 64, expires_at=timezone.now() - timedelta(days=900)
    )
    return households[0]


def test_the_default_retention_is_two_years():
    assert django_settings.PRIVACY_RETENTION_DAYS == 730


def test_only_households_that_left_longer_ago_than_the_retention_are_due(moved_out, households):
    assert list(households_due()) == [moved_out]


def test_the_command_erases_accounts_needs_and_letters_and_keeps_votes_and_messages(moved_out, people, traces):
    before = tally(traces["proposal"])
    out = StringIO()
    call_command("erase_moved_out_households", stdout=out)
    assert "1 households erased." in out.getvalue() or "1 huishoudens gewist." in out.getvalue()
    assert not get_user_model().objects.filter(pk__in=[people["anna"].pk, people["ben"].pk]).exists()
    assert get_user_model().objects.filter(pk=people["carla"].pk).exists()
    assert not HouseholdNeeds.objects.filter(household=moved_out).exists()
    assert not Invitation.objects.filter(household=moved_out).exists()
    assert tally(traces["proposal"]) == before
    assert Post.objects.get(pk=traces["post"].pk).author is None
    event = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED)
    assert event.household == moved_out and event.counts["accounts_deleted"] == 2


def test_running_it_again_changes_nothing(moved_out):
    first = erase_moved_out_households()
    second = erase_moved_out_households()
    assert first["households"] == 1 and second == {}
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED).count() == 1
    assert list(households_due()) == []


def test_the_dry_run_only_counts(moved_out):
    out = StringIO()
    call_command("erase_moved_out_households", "--dry-run", stdout=out)
    assert "1 " in out.getvalue()
    assert TenantProfile.objects.filter(household=moved_out).count() == 2


def test_a_shorter_retention_setting_makes_the_recent_leaver_due(settings, moved_out, households):
    settings.PRIVACY_RETENTION_DAYS = 7
    assert set(households_due()) == {moved_out, households[1]}


def test_a_member_who_also_works_for_an_organisation_keeps_the_account_without_the_profile(moved_out, project):
    worker = contractor_member(project.corporation)
    TenantProfile.objects.create(user=worker, household=moved_out, display_name="Dirk")
    erase_moved_out_households()
    assert get_user_model().objects.filter(pk=worker.pk).exists()
    assert not TenantProfile.objects.filter(user=worker).exists()


def test_the_nightly_task_is_in_the_beat_schedule():
    entry = django_settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert entry["task"] == "privacy.tasks.erase_moved_out_households"


def test_staff_see_the_households_due_and_erase_them_all(client, moved_out, staff_user):
    client.force_login(staff_user)
    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert moved_out.dwelling.address in page and "1 huishouden moet gewist worden" in page
    response = client.post(PAGE)
    assert response.status_code == 302
    assert PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED).by == staff_user
    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Er hoeft nu geen huishouden gewist te worden." in page


def test_staff_erase_one_household(client, moved_out, staff_user):
    client.force_login(staff_user)
    response = client.post(f"/beheer/privacy/huishoudens/{moved_out.pk}/wissen/")
    assert response.status_code == 302
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED, household=moved_out).exists()


def test_a_household_that_is_not_due_is_not_erased(client, moved_out, households, staff_user, people):
    client.force_login(staff_user)
    for household in (households[1], households[3]):  # left last month; still lives there
        client.post(f"/beheer/privacy/huishoudens/{household.pk}/wissen/")
    assert not PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED).exists()
    assert get_user_model().objects.filter(pk=people["carla"].pk).exists()


def test_staff_of_another_corporation_neither_see_nor_erase_the_household(client, moved_out):
    other = staff_member(CorporationFactory())
    client.force_login(other)
    assert moved_out.dwelling.address not in client.get(PAGE).content.decode()
    assert client.post(f"/beheer/privacy/huishoudens/{moved_out.pk}/wissen/").status_code == 404
    client.post(PAGE)
    assert not PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED).exists()


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", LOGIN), ("tenant", 403), ("other tenant", 403), ("contractor", 403), ("staff", 200)]
    + [("other staff", 200)],
)
def test_who_may_open_the_retention_page(client, project, people, role, expected):
    elsewhere = CorporationFactory()
    users = {
        "tenant": people["anna"],
        "other tenant": tenant(household_of(elsewhere)),
        "contractor": contractor_member(project.corporation),
        "staff": staff_member(project.corporation),
        "other staff": staff_member(elsewhere),
    }
    if role != "anonymous":
        client.force_login(users[role])
    assert outcome(client.get(PAGE)) == expected
    assert outcome(client.post(PAGE)) in ({LOGIN, 403} if expected != 200 else {f"→ {PAGE}"})


def test_the_retention_page_costs_the_same_queries_for_few_and_many_households(
    client, staff_user, project, django_assert_max_num_queries
):
    from tests.factories import HouseholdFactory

    complex_ = project.complexes.get()
    client.force_login(staff_user)

    def leave(count):
        for _ in range(count):
            household = HouseholdFactory(dwelling__complex=complex_)
            move_out(household, 1000)
            PrivacyEvent.objects.create(
                kind=PrivacyEvent.Kind.EXPORT, household=household, corporation=project.corporation
            )

    leave(2)
    # session and user 2, viewer 2, bell 1, households due 1 and their count 1, privacy log 1
    with django_assert_max_num_queries(8):
        assert client.get(PAGE).status_code == 200
    leave(20)
    with django_assert_max_num_queries(8):
        page = client.get(PAGE).content.decode()
    assert page.count("/wissen/") == 22
