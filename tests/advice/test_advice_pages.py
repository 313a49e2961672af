"""What staff and the committee see and do on the advice pages, the hooks in shared pages, the admin, and what the
pages cost in queries (pinned, and the same for one request or twelve)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advice import services
from advice.clocks import clocks_for
from advice.models import AdviceRequest, CommitteeDocument
from advice.selectors import overdue_filter, overdue_for_staff
from tests.factories import CorporationFactory, OrganisationFactory, project_in_execution, staff_member, tenant

from .conftest import days_ago, new_request, pdf, sent_request

pytestmark = pytest.mark.django_db
DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl"}


def text_of(response):
    return response.content.decode()


def overdue_response(project, organisation, staff_user, representative, subject="Balkons"):
    """A request whose advice came 20 days ago without agreeing, and no response: the response is overdue."""
    advice = sent_request(project, organisation, staff_user, sent_days_ago=60, subject=subject)
    return services.record_advice(advice, received_on=days_ago(20), agrees=False, text="Nee", by=representative)


# --- staff pages ---------------------------------------------------------------------------------------------


def test_the_staff_list_shows_every_clock_and_flags_an_overdue_one_in_words(
    client, project, organisation, staff_user, representative, sent
):
    overdue_response(project, organisation, staff_user, representative)
    client.force_login(staff_user)
    page = text_of(client.get(f"/beheer/projecten/{project.slug}/advies/", **DUTCH))
    assert "Balkons" in page and "Renovatieplan 2027" in page
    assert '<span class="badge badge-error">te laat</span>' in page
    assert "nog 14 dagen" in page  # the running advice clock of `sent`: 28 of 42 days gone
    assert "Reactie met redenen (binnen 14 dagen)" in page


def test_staff_start_a_request_and_land_on_its_page(client, project, organisation, staff_user):
    client.force_login(staff_user)
    response = client.post(
        f"/beheer/projecten/{project.slug}/advies/nieuw/",
        {"organisation": organisation.pk, "subject": "Nieuwe keukens"},
        follow=True,
        **DUTCH,
    )
    advice = AdviceRequest.objects.get()
    assert response.redirect_chain[-1][0] == f"/beheer/projecten/{project.slug}/advies/{advice.pk}/"
    assert "Voeg nu de documenten van het informatiepakket toe" in text_of(response)


def test_an_organisation_of_another_corporation_is_not_a_choice(client, project, staff_user):
    other = OrganisationFactory(corporation=CorporationFactory(), kind="tenant_organisation")
    client.force_login(staff_user)
    response = client.post(
        f"/beheer/projecten/{project.slug}/advies/nieuw/", {"organisation": other.pk, "subject": "X"}, **DUTCH
    )
    assert response.status_code == 400
    assert not AdviceRequest.objects.exists()


def test_a_departing_response_without_reasons_comes_back_with_a_dutch_message(client, project, staff_user, disagreed):
    client.force_login(staff_user)
    response = client.post(
        f"/beheer/projecten/{project.slug}/advies/{disagreed.pk}/reactie/",
        {"sent_on": timezone.localdate().isoformat(), "departs": "yes", "reasons": ""},
        **DUTCH,
    )
    assert response.status_code == 400
    assert "Geef de redenen om af te wijken van het advies" in text_of(response)
    disagreed.refresh_from_db()
    assert disagreed.response_sent_on is None


def test_a_packet_sent_date_in_the_future_comes_back_with_a_dutch_message(client, project, staff_user, draft_request):
    client.force_login(staff_user)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/beheer/projecten/{project.slug}/advies/{draft_request.pk}/verstuurd/", {"sent_on": tomorrow}, **DUTCH
    )
    assert response.status_code == 400
    assert "ligt in de toekomst" in text_of(response)


def test_the_staff_page_shows_the_three_days_after_a_departing_response(client, project, staff_user, disagreed):
    services.record_response(disagreed, sent_on=timezone.localdate(), departs=True, reasons="Planning", by=staff_user)
    client.force_login(staff_user)
    page = text_of(client.get(f"/beheer/projecten/{project.slug}/advies/{disagreed.pk}/", **DUTCH))
    assert "wachten" in page and "nog 3 dagen" in page
    assert "De corporatie wijkt af van het advies." in page


def test_a_packet_document_is_sent_as_a_download_never_sniffed(client, project, staff_user, sent):
    client.force_login(staff_user)
    document = sent.packet_documents.get()
    response = client.get(f"/beheer/projecten/{project.slug}/advies/{sent.pk}/pakket/{document.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]


# --- the hooks in shared pages -------------------------------------------------------------------------------


def test_the_staff_dashboard_lists_the_projects_advice_with_its_flag(
    client, project, organisation, staff_user, representative
):
    overdue_response(project, organisation, staff_user, representative)
    client.force_login(staff_user)
    page = text_of(client.get(f"/beheer/projecten/{project.slug}/", **DUTCH))
    assert "Advies van de huurdersorganisatie" in page
    assert "De reactie met redenen is te laat." in page


def test_the_staff_start_page_lists_overdue_clocks_of_the_own_corporations_only(
    client, project, organisation, staff_user, representative, sent
):
    overdue_response(project, organisation, staff_user, representative, subject="Balkons")
    elsewhere = project_in_execution(homes=1, slug="elders")
    other_org = OrganisationFactory(corporation=elsewhere.corporation, kind="tenant_organisation")
    overdue_response(elsewhere, other_org, staff_member(elsewhere.corporation), tenant(), subject="Andermans dak")
    client.force_login(staff_user)
    page = text_of(client.get("/beheer/", **DUTCH))
    assert "Termijnen van adviezen die verlopen zijn" in page
    assert "Balkons" in page
    assert "Andermans dak" not in page
    assert "Renovatieplan 2027" not in page  # running, not overdue


def test_the_staff_start_page_says_nothing_when_no_clock_is_overdue(client, staff_user, sent):
    client.force_login(staff_user)
    assert "Termijnen van adviezen" not in text_of(client.get("/beheer/", **DUTCH))


def test_mijn_renovatie_links_a_representative_to_the_workspace(client, organisation, representative):
    client.force_login(representative)
    page = text_of(client.get("/mijn-renovatie/", **DUTCH))
    assert f'href="/bewonerscommissie/{organisation.pk}/"' in page


def test_mijn_renovatie_shows_other_tenants_no_workspace(client, households, organisation, representative):
    client.force_login(tenant(households[1]))
    page = text_of(client.get("/mijn-renovatie/", **DUTCH))
    assert "/bewonerscommissie/" not in page and "Uw bewonerscommissie" not in page


# --- the committee's workspace -------------------------------------------------------------------------------


def test_the_committee_sees_only_requests_whose_packet_was_sent(
    client, organisation, representative, sent, draft_request
):
    draft_request.subject = "Nog niet verstuurd"
    draft_request.save()
    client.force_login(representative)
    page = text_of(client.get(f"/bewonerscommissie/{organisation.pk}/", **DUTCH))
    assert sent.subject in page and "Informatiepakket" in page
    assert "Nog niet verstuurd" not in page
    assert client.get(f"/bewonerscommissie/{organisation.pk}/advies/{draft_request.pk}/").status_code == 404


def test_the_committee_gives_its_advice_online_with_a_document(client, organisation, representative, sent):
    client.force_login(representative)
    response = client.post(
        f"/bewonerscommissie/{organisation.pk}/advies/{sent.pk}/indienen/",
        {"agrees": "no", "text": "Wij willen een proefwoning.", "file": pdf("advies.pdf")},
        follow=True,
        **DUTCH,
    )
    assert "Uw advies is naar de corporatie gestuurd" in text_of(response)
    sent.refresh_from_db()
    assert sent.advice_received_on == timezone.localdate()
    assert sent.advice_agrees is False and sent.advice_file
    assert sent.advice_submitted_by == representative


def test_an_empty_advice_comes_back_with_a_dutch_message(client, organisation, representative, sent):
    client.force_login(representative)
    response = client.post(
        f"/bewonerscommissie/{organisation.pk}/advies/{sent.pk}/indienen/", {"agrees": "yes", "text": ""}, **DUTCH
    )
    assert response.status_code == 400
    assert "Schrijf het advies of voeg het toe als document." in text_of(response)
    sent.refresh_from_db()
    assert sent.advice_received_on is None


def test_minutes_are_shown_as_safe_markdown(client, organisation, representative):
    client.force_login(representative)
    client.post(
        f"/bewonerscommissie/{organisation.pk}/notulen/",
        {
            "title": "Vergadering maart",
            "meeting_on": days_ago(2).isoformat(),
            "minutes": "**Besloten:** advies geven\n\n<script>alert(1)</script>",
        },
    )
    minutes = CommitteeDocument.objects.get()
    page = text_of(client.get(f"/bewonerscommissie/{organisation.pk}/notulen/{minutes.pk}/", **DUTCH))
    assert "<strong>Besloten:</strong>" in page
    assert "<script>alert(1)</script>" not in page


def test_a_committee_document_that_is_no_pdf_or_text_comes_back_with_a_dutch_message(
    client, organisation, representative
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(representative)
    upload = SimpleUploadedFile("x.exe", b"MZ\x00\x01", content_type="application/octet-stream")
    response = client.post(
        f"/bewonerscommissie/{organisation.pk}/documenten/", {"title": "Programma", "file": upload}, **DUTCH
    )
    assert response.status_code == 400
    assert "Upload een PDF of een tekstbestand." in text_of(response)
    assert not CommitteeDocument.objects.exists()


# --- the overdue list agrees with the clocks -----------------------------------------------------------------


@pytest.mark.parametrize("sent_days_ago", [41, 42, 43])
@pytest.mark.parametrize("received_days_ago", [None, 13, 14, 15])
def test_the_overdue_query_agrees_with_the_clocks(
    project, organisation, staff_user, representative, sent_days_ago, received_days_ago
):
    advice = sent_request(project, organisation, staff_user, sent_days_ago=sent_days_ago)
    if received_days_ago is not None:
        services.record_advice(
            advice, received_on=days_ago(received_days_ago), agrees=False, text="Nee", by=representative
        )
    advice.refresh_from_db()
    in_sql = AdviceRequest.objects.filter(overdue_filter(timezone.localdate()), pk=advice.pk).exists()
    assert in_sql == bool(clocks_for(advice, timezone.localdate()).overdue)


def test_the_overdue_query_respects_an_agreed_later_date(project, organisation, staff_user):
    advice = sent_request(project, organisation, staff_user, sent_days_ago=50)
    assert overdue_for_staff([project.corporation_id])[1] == 1
    services.extend_advice_deadline(advice, until=days_ago(-1), reason="Afgesproken", by=staff_user)
    assert overdue_for_staff([project.corporation_id])[1] == 0


# --- queries -------------------------------------------------------------------------------------------------


def make_requests(project, organisation, staff_user, representative, n):
    for i in range(n):
        overdue_response(project, organisation, staff_user, representative, subject=f"Onderwerp {i}")
        new_request(project, organisation, staff_user, subject=f"Concept {i}")


@pytest.mark.parametrize("n", [1, 12])
def test_the_staff_list_costs_the_same_queries_for_1_or_12_requests(
    client, project, organisation, staff_user, representative, n, django_assert_max_num_queries
):
    make_requests(project, organisation, staff_user, representative, n)
    client.force_login(staff_user)
    # session, user, roles (2), the project with its complexes and contractors (3), the requests, the organisation
    # choices (any? + options), the proposal choices
    with django_assert_max_num_queries(12):  # with the bell
        response = client.get(f"/beheer/projecten/{project.slug}/advies/")
    assert len(response.context["requests"]) == 2 * n


@pytest.mark.parametrize("n", [1, 12])
def test_the_workspace_costs_the_same_queries_for_1_or_12_requests(
    client, organisation, project, staff_user, representative, n, django_assert_max_num_queries
):
    make_requests(project, organisation, staff_user, representative, n)
    for i in range(n):
        services.add_minutes(organisation, title=f"Notulen {i}", meeting_on=days_ago(i), minutes="Tekst", by=None)
    client.force_login(representative)
    # session, user, roles (2), the organisation, the membership, the requests, their packets, the papers
    with django_assert_max_num_queries(10):  # with the bell
        response = client.get(f"/bewonerscommissie/{organisation.pk}/")
    assert len(response.context["requests"]) == n


@pytest.mark.parametrize("n", [1, 12])
def test_the_staff_start_hook_costs_two_queries_however_many_are_overdue(
    project, organisation, staff_user, representative, n, django_assert_max_num_queries
):
    make_requests(project, organisation, staff_user, representative, n)
    with django_assert_max_num_queries(2):
        shown, total = overdue_for_staff([project.corporation_id])
    assert len(shown) == min(n, 5) and total == n


# --- the admin -----------------------------------------------------------------------------------------------


def test_the_admin_lists_only_the_own_corporations_requests(client, project, organisation, staff_user, sent):
    elsewhere = project_in_execution(homes=1, slug="elders")
    other_org = OrganisationFactory(corporation=elsewhere.corporation, kind="tenant_organisation")
    other = sent_request(elsewhere, other_org, staff_member(elsewhere.corporation), subject="Andermans dak")
    client.force_login(staff_user)
    response = client.get("/admin/advice/advicerequest/")
    assert set(response.context["cl"].result_list) == {sent}
    assert client.get(f"/admin/advice/advicerequest/{sent.pk}/change/").status_code == 200
    assert client.get(f"/admin/advice/advicerequest/{other.pk}/change/").status_code == 302  # "does not exist"


def test_the_admin_cannot_change_a_dated_step(client, staff_user, sent):
    client.force_login(staff_user)
    client.post(f"/admin/advice/advicerequest/{sent.pk}/change/", {"packet_sent_on": "2020-01-01"})
    sent.refresh_from_db()
    assert sent.packet_sent_on == days_ago(28)


def render_hook(name, user, rf):
    from django.template.loader import render_to_string

    from tenants.permissions import viewer_for

    request = rf.get("/")
    request.user = user
    viewer_for(request)  # the page has worked out who this is already
    return lambda: render_to_string(f"advice/fragments/{name}.html", {"request": request}, request=request)


def test_the_mijn_renovatie_hook_costs_no_query_for_a_tenant_who_is_no_representative(
    households, rf, django_assert_num_queries
):
    render = render_hook("start_links", tenant(households[2]), rf)
    with django_assert_num_queries(0):
        assert render().strip() == ""


def test_the_mijn_renovatie_hook_costs_one_query_for_a_representative(
    representative, organisation, rf, django_assert_num_queries
):
    render = render_hook("start_links", representative, rf)
    with django_assert_num_queries(1):
        assert f"/bewonerscommissie/{organisation.pk}/" in render()
