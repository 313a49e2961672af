"""The steps of an advice request in their legal order, each refusing the impossible with a clear Dutch message
and nothing half-saved, and the events the notifications app hears."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone, translation

from advice import services
from advice.clocks import State, clocks_for
from advice.models import AdviceRequest, PacketDocument
from advice.services import AdviceError
from renovatie.events import subscribe, unsubscribe
from tests.factories import CorporationFactory, OrganisationFactory, household_of, tenant

from .conftest import days_ago, pdf, sent_request

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def refused(call, **kwargs):
    """The Dutch message of the AdviceError `call(**kwargs)` raises."""
    with translation.override("nl"), pytest.raises(AdviceError) as raised:
        call(**kwargs)
    return str(raised.value)


def heard(name, action, capture):
    events = []
    handler = subscribe(name, events.append)
    try:
        with capture(execute=True):
            action()
    finally:
        unsubscribe(name, handler)
    return events


# --- creating and the packet -------------------------------------------------------------------------------------


def test_a_request_goes_to_a_tenant_organisation_of_the_projects_corporation(project, organisation, staff_user):
    advice = services.create_advice_request(project, organisation=organisation, subject="Renovatie", by=staff_user)
    assert advice.project == project and advice.organisation == organisation
    assert clocks_for(advice, TODAY()).advice.state == State.NOT_STARTED


def test_a_request_to_another_corporations_organisation_is_refused(project, staff_user):
    other = OrganisationFactory(corporation=CorporationFactory(), kind="tenant_organisation")
    message = refused(
        services.create_advice_request, project=project, organisation=other, subject="Renovatie", by=staff_user
    )
    assert "huurdersorganisatie" in message
    assert not AdviceRequest.objects.exists()


def test_a_contractor_is_no_tenant_organisation(project, staff_user):
    contractor = OrganisationFactory(corporation=project.corporation, kind="contractor")
    with pytest.raises(AdviceError):
        services.create_advice_request(project, organisation=contractor, subject="Renovatie", by=staff_user)


def test_sending_the_packet_starts_the_six_weeks_and_emits_advice_requested(
    draft_request, staff_user, django_capture_on_commit_callbacks
):
    sent_on = days_ago(3)
    events = heard(
        "advice.requested",
        lambda: services.record_packet_sent(draft_request, sent_on=sent_on, by=staff_user),
        django_capture_on_commit_callbacks,
    )
    (event,) = events
    assert set(event.data) == {"project", "advice", "organisation", "actor"}
    assert event.data["advice"].pk == draft_request.pk and event.data["actor"] == staff_user
    draft_request.refresh_from_db()
    clock = clocks_for(draft_request, TODAY()).advice
    assert clock.state == State.RUNNING and clock.days_left == 39


def test_an_empty_packet_cannot_be_sent(project, organisation, staff_user):
    advice = services.create_advice_request(project, organisation=organisation, subject="Renovatie", by=staff_user)
    message = refused(services.record_packet_sent, advice=advice, sent_on=TODAY(), by=staff_user)
    assert "document" in message
    advice.refresh_from_db()
    assert advice.packet_sent_on is None


def test_a_packet_sent_tomorrow_is_refused(draft_request, staff_user):
    message = refused(
        services.record_packet_sent, advice=draft_request, sent_on=TODAY() + timedelta(days=1), by=staff_user
    )
    assert "toekomst" in message
    draft_request.refresh_from_db()
    assert draft_request.packet_sent_on is None


def test_the_packet_is_sent_once(sent, staff_user):
    message = refused(services.record_packet_sent, advice=sent, sent_on=TODAY(), by=staff_user)
    assert "al verstuurd" in message


def test_no_document_is_added_to_a_packet_already_sent(sent, staff_user):
    refused(services.add_packet_document, advice=sent, title="Nagekomen", upload=pdf(), by=staff_user)
    assert PacketDocument.objects.filter(request=sent).count() == 1


def test_a_packet_document_must_be_a_pdf_or_photo(draft_request, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("virus.pdf", b"MZ not a pdf", content_type="application/pdf")
    message = refused(services.add_packet_document, advice=draft_request, title="Iets", upload=upload, by=staff_user)
    assert "foto" in message or "PDF" in message
    assert PacketDocument.objects.filter(request=draft_request).count() == 1


# --- extending ---------------------------------------------------------------------------------------------------


def test_staff_can_agree_a_later_due_date(sent, staff_user):
    later = sent.packet_sent_on + timedelta(weeks=8)
    services.extend_advice_deadline(sent, until=later, reason="Extra vergadering op verzoek", by=staff_user)
    sent.refresh_from_db()
    assert clocks_for(sent, TODAY()).advice.due_on == later


def test_a_due_date_cannot_move_earlier_than_six_weeks(sent, staff_user):
    message = refused(
        services.extend_advice_deadline,
        advice=sent,
        until=sent.packet_sent_on + timedelta(weeks=5),
        reason="Sneller",
        by=staff_user,
    )
    assert "na de huidige" in message
    sent.refresh_from_db()
    assert sent.advice_due_extended_to is None


def test_an_extension_needs_what_was_agreed(sent, staff_user):
    refused(
        services.extend_advice_deadline,
        advice=sent,
        until=sent.packet_sent_on + timedelta(weeks=8),
        reason="  ",
        by=staff_user,
    )


# --- the advice --------------------------------------------------------------------------------------------------


def test_the_committee_gives_its_advice_and_advice_received_is_emitted(
    sent, representative, django_capture_on_commit_callbacks
):
    events = heard(
        "advice.received",
        lambda: services.record_advice(sent, received_on=TODAY(), agrees=True, text="Akkoord.", by=representative),
        django_capture_on_commit_callbacks,
    )
    (event,) = events
    assert set(event.data) == {"project", "advice", "organisation", "actor"}
    sent.refresh_from_db()
    assert sent.advice_text == "Akkoord." and sent.advice_agrees is True
    assert sent.advice_submitted_by == representative
    clocks = clocks_for(sent, TODAY())
    assert clocks.advice.state == State.MET
    assert clocks.response.state == State.NOT_NEEDED
    assert clocks.proceed.state == State.MET


def test_the_advice_may_come_as_a_document_only(sent, representative):
    services.record_advice(sent, received_on=TODAY(), agrees=False, upload=pdf("advies.pdf"), by=representative)
    sent.refresh_from_db()
    assert sent.advice_file and sent.advice_file_type == "application/pdf"


def test_an_advice_without_text_or_document_is_refused(sent, representative):
    message = refused(
        services.record_advice, advice=sent, received_on=TODAY(), agrees=True, text=" ", by=representative
    )
    assert "advies" in message
    sent.refresh_from_db()
    assert sent.advice_received_on is None


def test_no_advice_before_the_packet_is_sent(draft_request, representative):
    message = refused(
        services.record_advice, advice=draft_request, received_on=TODAY(), agrees=True, text="Ja", by=representative
    )
    assert "pakket" in message.lower()


def test_an_advice_dated_before_the_packet_is_refused(sent, representative):
    refused(
        services.record_advice,
        advice=sent,
        received_on=sent.packet_sent_on - timedelta(days=1),
        agrees=True,
        text="Ja",
        by=representative,
    )
    sent.refresh_from_db()
    assert sent.advice_received_on is None


def test_an_advice_dated_tomorrow_is_refused(sent, representative):
    message = refused(
        services.record_advice,
        advice=sent,
        received_on=TODAY() + timedelta(days=1),
        agrees=True,
        text="Ja",
        by=representative,
    )
    assert "toekomst" in message


def test_the_advice_is_given_once(disagreed, representative):
    message = refused(
        services.record_advice, advice=disagreed, received_on=TODAY(), agrees=True, text="Toch wel", by=representative
    )
    assert "al ontvangen" in message
    disagreed.refresh_from_db()
    assert disagreed.advice_agrees is False


# --- the response ------------------------------------------------------------------------------------------------


def test_a_departing_response_with_reasons_starts_the_three_days(
    disagreed, staff_user, django_capture_on_commit_callbacks
):
    events = heard(
        "advice.responded",
        lambda: services.record_response(
            disagreed, sent_on=TODAY(), departs=True, reasons="Een proefwoning kost drie maanden.", by=staff_user
        ),
        django_capture_on_commit_callbacks,
    )
    (event,) = events
    assert set(event.data) == {"project", "advice", "organisation", "actor"}
    disagreed.refresh_from_db()
    clocks = clocks_for(disagreed, TODAY())
    assert clocks.response.state == State.MET
    assert clocks.proceed.state == State.RUNNING and clocks.proceed.due_on == TODAY() + timedelta(days=3)


def test_a_departing_response_without_reasons_is_refused(disagreed, staff_user):
    message = refused(
        services.record_response, advice=disagreed, sent_on=TODAY(), departs=True, reasons=" ", by=staff_user
    )
    assert "redenen" in message
    disagreed.refresh_from_db()
    assert disagreed.response_sent_on is None


def test_no_response_before_the_advice(sent, staff_user):
    message = refused(services.record_response, advice=sent, sent_on=TODAY(), departs=False, by=staff_user)
    assert "nog geen advies" in message


def test_a_response_dated_before_the_advice_is_refused(disagreed, staff_user):
    refused(
        services.record_response,
        advice=disagreed,
        sent_on=disagreed.advice_received_on - timedelta(days=1),
        departs=False,
        by=staff_user,
    )


def test_a_response_dated_tomorrow_is_refused(disagreed, staff_user):
    message = refused(
        services.record_response,
        advice=disagreed,
        sent_on=TODAY() + timedelta(days=1),
        departs=True,
        reasons="Omdat",
        by=staff_user,
    )
    assert "toekomst" in message


def test_an_agreeing_advice_gets_no_response(sent, representative, staff_user):
    services.record_advice(sent, received_on=TODAY(), agrees=True, text="Akkoord", by=representative)
    message = refused(services.record_response, advice=sent, sent_on=TODAY(), departs=False, by=staff_user)
    assert "niet nodig" in message


def test_a_late_response_is_flagged_overdue_until_it_is_sent(project, organisation, staff_user, representative):
    advice = sent_request(project, organisation, staff_user, sent_days_ago=60)
    services.record_advice(advice, received_on=days_ago(15), agrees=False, text="Nee", by=representative)
    advice.refresh_from_db()
    assert clocks_for(advice, TODAY()).overdue == ["response"]


# --- the database holds the rules too ----------------------------------------------------------------------------


def test_the_database_refuses_a_departing_response_without_reasons(disagreed):
    with pytest.raises(IntegrityError):
        AdviceRequest.objects.filter(pk=disagreed.pk).update(
            response_sent_on=TODAY(), response_departs=True, response_reasons=""
        )


def test_the_database_refuses_an_advice_before_its_packet(draft_request):
    with pytest.raises(IntegrityError):
        AdviceRequest.objects.filter(pk=draft_request.pk).update(
            advice_received_on=TODAY(), advice_agrees=True, advice_text="Ja"
        )


def test_the_database_refuses_a_response_before_the_advice(sent):
    with pytest.raises(IntegrityError):
        AdviceRequest.objects.filter(pk=sent.pk).update(response_sent_on=TODAY(), response_departs=False)


# --- the committee's own papers ----------------------------------------------------------------------------------


def test_the_committee_keeps_minutes_in_markdown(organisation, representative):
    minutes = services.add_minutes(
        organisation, title="Vergadering", meeting_on=days_ago(1), minutes="**Besloten:** advies", by=representative
    )
    assert minutes.kind == "minutes" and minutes.meeting_on == days_ago(1)


def test_a_committee_document_may_be_plain_text(organisation, representative):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("notities.txt", b"Notities van de commissie\n", content_type="text/plain")
    document = services.add_committee_document(organisation, title="Notities", upload=upload, by=representative)
    assert document.content_type.startswith("text/plain")


def test_a_committee_document_that_is_neither_pdf_nor_text_is_refused(organisation, representative):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.bin", b"\x00\x01\x02binary", content_type="application/octet-stream")
    message = refused(
        services.add_committee_document, organisation=organisation, title="X", upload=upload, by=representative
    )
    assert "PDF" in message


# --- two people at once ------------------------------------------------------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_advices_recorded_at_the_same_moment_store_only_one():
    from tests.factories import MembershipFactory, staff_member

    household = household_of(CorporationFactory())
    corporation = household.dwelling.complex.corporation
    from tests.factories import project_in_execution

    project = project_in_execution(homes=2, complex=household.dwelling.complex)
    organisation = OrganisationFactory(corporation=corporation, kind="tenant_organisation")
    staff = staff_member(corporation)
    advice = sent_request(project, organisation, staff)
    people = [tenant(household_of(corporation)) for _ in range(8)]
    for person in people:
        MembershipFactory(user=person, organisation=organisation, role="tenant_representative")
    barrier = threading.Barrier(len(people))
    outcomes = []

    def give(person, agrees):
        barrier.wait()
        try:
            services.record_advice(advice, received_on=TODAY(), agrees=agrees, text=f"Advies {person.pk}", by=person)
            outcomes.append("stored")
        except AdviceError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=give, args=(p, i % 2 == 0)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["stored"]
    advice.refresh_from_db()
    assert advice.advice_text == f"Advies {advice.advice_submitted_by_id}"
