"""Staff per project: what was sent to whom, by which channel and whether it went out; and letters for the
households that are not online, printed in a batch and marked as sent on paper."""

import pytest
from django.core import mail

from notifications.models import LetterBatch, PaperNotice
from notifications.tasks import send_daily_digests
from tests.factories import TenantProfileFactory

from .conftest import appointment_for, committed, emit_committed
from .test_recipients import post_news

pytestmark = pytest.mark.django_db


def plan_visit(project, household):
    emit_committed("appointment.planned", project=project, actor=None, appointment=appointment_for(project, household))


def test_the_log_shows_who_got_what_by_which_channel(client, project, households, dutch, english, staff_user):
    plan_visit(project, households[0])
    post_news(project, staff_user)
    client.force_login(staff_user)
    page = client.get(f"/beheer/projecten/{project.slug}/meldingen/").content.decode()
    assert "Fatma" in page and "Priya" in page
    assert "Er is een bezoek aan uw woning gepland" in page
    assert "verstuurd</span>" in page  # the appointment, mailed at once
    assert "in het volgende overzicht" in page  # the news, waiting for the digest


def test_the_log_shows_a_digest_that_went_out(client, project, dutch, staff_user):
    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    assert len(mail.outbox) == 1
    client.force_login(staff_user)
    page = client.get(f"/beheer/projecten/{project.slug}/meldingen/").content.decode()
    assert "verstuurd</span>" in page and "(overzicht)" in page


def test_the_log_queries_do_not_grow_with_the_notifications(
    client, project, households, dutch, staff_user, django_assert_max_num_queries
):
    client.force_login(staff_user)
    post_news(project, staff_user)
    with django_assert_max_num_queries(14):
        client.get(f"/beheer/projecten/{project.slug}/meldingen/")
    for household in households[2:]:
        TenantProfileFactory(household=household)
    for _ in range(10):
        post_news(project, staff_user)
    plan_visit(project, households[0])
    with django_assert_max_num_queries(14):
        page = client.get(f"/beheer/projecten/{project.slug}/meldingen/")
    assert page.content.decode().count("<tr>") == 1 + 1 + 10 * 3 + 1  # the header, then every notification


def test_households_with_an_account_get_no_paper(project, households, dutch):
    plan_visit(project, households[0])
    assert not PaperNotice.objects.exists()


def test_a_household_without_an_account_gets_the_notice_on_paper(client, project, households, staff_user):
    plan_visit(project, households[2])
    client.force_login(staff_user)
    page = client.get(f"/beheer/projecten/{project.slug}/meldingen/brieven/").content.decode()
    assert households[2].dwelling.street in page and "Er is een bezoek aan uw woning gepland" in page


def test_project_news_is_not_sent_on_paper(project, households, staff_user):
    post_news(project, staff_user)
    assert not PaperNotice.objects.exists()


def test_staff_print_a_letter_per_household_and_mark_it_sent(client, project, households, staff_user):
    plan_visit(project, households[2])
    plan_visit(project, households[2])
    plan_visit(project, households[3])
    client.force_login(staff_user)
    response = client.post(f"/beheer/projecten/{project.slug}/meldingen/brieven/nieuw/")
    batch = LetterBatch.objects.get()
    assert response["Location"] == f"/beheer/projecten/{project.slug}/meldingen/brieven/{batch.pk}/"
    letters = client.get(response["Location"]).content.decode()
    assert letters.count('<article class="letter"') == 2
    assert letters.count("Er is een bezoek aan uw woning gepland") == 3
    assert not PaperNotice.objects.filter(batch__isnull=True).exists()

    client.post(f"/beheer/projecten/{project.slug}/meldingen/brieven/{batch.pk}/verstuurd/")
    batch.refresh_from_db()
    assert (batch.posted_by, batch.posted_at is not None) == (staff_user, True)


def test_making_letters_with_nothing_waiting_says_so(client, project, staff_user):
    client.force_login(staff_user)
    response = client.post(f"/beheer/projecten/{project.slug}/meldingen/brieven/nieuw/", follow=True)
    assert "Er wachten geen berichten op een brief." in response.content.decode()
    assert not LetterBatch.objects.exists()


def test_letters_marked_sent_twice_say_so_and_keep_the_first_date(client, project, households, staff_user):
    plan_visit(project, households[2])
    client.force_login(staff_user)
    client.post(f"/beheer/projecten/{project.slug}/meldingen/brieven/nieuw/")
    batch = LetterBatch.objects.get()
    url = f"/beheer/projecten/{project.slug}/meldingen/brieven/{batch.pk}/verstuurd/"
    client.post(url)
    first = LetterBatch.objects.get().posted_at
    response = client.post(url, follow=True)
    assert "Deze brieven staan al als verstuurd." in response.content.decode()
    assert LetterBatch.objects.get().posted_at == first
