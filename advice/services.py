"""Writes on advice requests, in the order the Overlegwet gives them, and the committee's own papers.

request → packet documents → packet sent ("advice.requested": the committee is now asked and its six weeks run)
→ perhaps a later due date agreed → advice received ("advice.received") → the corporation's response when the
advice does not simply agree ("advice.responded"). Each step refuses the impossible order with a message for the
person (a response before the advice, a date in the future, a departing response without reasons), and each
locks the request row, so two people recording the same step at once cannot both succeed. The events carry
project, advice, organisation and actor. Permission checks belong to the caller, which knows who asks.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from renovatie.events import emit
from tenants.models import Organisation

from . import clocks
from .models import AdviceRequest, CommitteeDocument, PacketDocument
from .uploads import check_packet_document, check_pdf_or_text


class AdviceError(Exception):
    """Something a person tried that cannot be done; the message is for them."""


def _day(value):
    return formats.date_format(value, "DATE_FORMAT")


def _not_in_future(value):
    if value is None:
        raise AdviceError(_("Fill in a date."))
    if value > timezone.localdate():
        raise AdviceError(_("That date is in the future. Fill in the day it happened."))


def _checked(check, upload):
    try:
        return check(upload)
    except ValidationError as error:
        raise AdviceError(" ".join(error.messages)) from error


def _locked(advice):
    return (
        AdviceRequest.objects.select_for_update(of=("self",))
        .select_related("project", "organisation")
        .get(pk=advice.pk)
    )


def _emit(name, advice, by):
    emit(name, project=advice.project, actor=by, advice=advice, organisation=advice.organisation)


@transaction.atomic
def create_advice_request(project, *, organisation, subject, by, proposal=None):
    """A request for advice to one tenant organisation of the project's corporation; its packet is still empty."""
    if organisation.kind != Organisation.Kind.TENANT_ORGANISATION or organisation.corporation_id != (
        project.corporation_id
    ):
        raise AdviceError(_("Choose a tenant organisation of this project's corporation."))
    if proposal is not None and proposal.project_id != project.pk:
        raise AdviceError(_("Choose a proposal of this project."))
    if not subject.strip():
        raise AdviceError(_("Say what the advice is about."))
    return AdviceRequest.objects.create(
        project=project, organisation=organisation, proposal=proposal, subject=subject.strip(), created_by=by
    )


@transaction.atomic
def add_packet_document(advice, *, title, upload, by):
    """Add a PDF or photo to the information packet, until the packet is sent."""
    advice = _locked(advice)
    if advice.packet_sent_on is not None:
        raise AdviceError(
            _("The packet was sent on %(date)s. Send new information as a new advice request.")
            % {"date": _day(advice.packet_sent_on)}
        )
    if not title.strip():
        raise AdviceError(_("Give the document a title."))
    content_type = _checked(check_packet_document, upload)
    return PacketDocument.objects.create(
        request=advice, title=title.strip(), file=upload, content_type=content_type, size=upload.size, uploaded_by=by
    )


@transaction.atomic
def record_packet_sent(advice, *, sent_on, by):
    """The day the information packet went to the committee: its six weeks for advice start."""
    advice = _locked(advice)
    if advice.packet_sent_on is not None:
        raise AdviceError(_("The packet was already sent on %(date)s.") % {"date": _day(advice.packet_sent_on)})
    _not_in_future(sent_on)
    if not advice.packet_documents.exists():
        raise AdviceError(_("Add at least one document to the information packet before you send it."))
    advice.packet_sent_on = sent_on
    advice.save(update_fields=["packet_sent_on"])
    _emit("advice.requested", advice, by)
    return advice


@transaction.atomic
def extend_advice_deadline(advice, *, until, reason, by):
    """Record a later due date agreed with the committee; it can only move later, never back."""
    advice = _locked(advice)
    if advice.packet_sent_on is None:
        raise AdviceError(_("Send the information packet first; the advice period starts then."))
    if advice.advice_received_on is not None:
        raise AdviceError(_("The advice has already been received; there is nothing to extend."))
    current = clocks.advice_due(advice.packet_sent_on, advice.advice_due_extended_to)
    if until is None or until <= current:
        raise AdviceError(_("Choose a date after the current due date, %(date)s.") % {"date": _day(current)})
    if not reason.strip():
        raise AdviceError(_("Say what was agreed with the committee."))
    advice.advice_due_extended_to = until
    advice.extension_reason = reason.strip()
    advice.save(update_fields=["advice_due_extended_to", "extension_reason"])
    return advice


@transaction.atomic
def record_advice(advice, *, received_on, agrees, text="", upload=None, by):
    """The committee's written advice: text and/or a document, and whether it agrees with the plan."""
    advice = _locked(advice)
    if advice.packet_sent_on is None:
        raise AdviceError(_("The information packet has not been sent yet, so no advice can be given."))
    if advice.advice_received_on is not None:
        raise AdviceError(_("The advice was already received on %(date)s.") % {"date": _day(advice.advice_received_on)})
    _not_in_future(received_on)
    if received_on < advice.packet_sent_on:
        raise AdviceError(
            _("The advice cannot be received before the packet was sent (%(date)s).")
            % {"date": _day(advice.packet_sent_on)}
        )
    if agrees is None:
        raise AdviceError(_("Say whether the committee agrees with the plan."))
    if not (text or "").strip() and upload is None:
        raise AdviceError(_("Write the advice or add it as a document."))
    if upload is not None:
        advice.advice_file_type = _checked(check_packet_document, upload)
        advice.advice_file = upload
    advice.advice_received_on = received_on
    advice.advice_text = (text or "").strip()
    advice.advice_agrees = agrees
    advice.advice_submitted_by = by
    advice.save(
        update_fields=[
            "advice_file",
            "advice_file_type",
            "advice_received_on",
            "advice_text",
            "advice_agrees",
            "advice_submitted_by",
        ]
    )
    _emit("advice.received", advice, by)
    return advice


@transaction.atomic
def record_response(advice, *, sent_on, departs, reasons="", by):
    """The corporation's written response to an advice that did not simply agree; reasons when it departs."""
    advice = _locked(advice)
    if advice.advice_received_on is None:
        raise AdviceError(_("There is no advice yet to respond to."))
    if advice.advice_agrees:
        raise AdviceError(_("The committee agrees with the plan, so no reasoned response is needed."))
    if advice.response_sent_on is not None:
        raise AdviceError(_("The response was already sent on %(date)s.") % {"date": _day(advice.response_sent_on)})
    _not_in_future(sent_on)
    if sent_on < advice.advice_received_on:
        raise AdviceError(
            _("The response cannot be sent before the advice was received (%(date)s).")
            % {"date": _day(advice.advice_received_on)}
        )
    if departs is None:
        raise AdviceError(_("Say whether the corporation departs from the advice."))
    if departs and not (reasons or "").strip():
        raise AdviceError(_("Give the reasons for departing from the advice: the law requires them."))
    advice.response_sent_on = sent_on
    advice.response_departs = departs
    advice.response_reasons = (reasons or "").strip()
    advice.save(update_fields=["response_sent_on", "response_departs", "response_reasons"])
    _emit("advice.responded", advice, by)
    return advice


@transaction.atomic
def add_committee_document(organisation, *, title, upload, by):
    """A PDF or plain-text document in the committee's workspace."""
    if not title.strip():
        raise AdviceError(_("Give the document a title."))
    content_type = _checked(check_pdf_or_text, upload)
    return CommitteeDocument.objects.create(
        organisation=organisation,
        kind=CommitteeDocument.Kind.DOCUMENT,
        title=title.strip(),
        file=upload,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )


@transaction.atomic
def add_minutes(organisation, *, title, meeting_on, minutes, by):
    """The minutes of a committee meeting, written in Markdown (shown through feedback.text)."""
    if not title.strip():
        raise AdviceError(_("Give the minutes a title."))
    _not_in_future(meeting_on)
    if not minutes.strip():
        raise AdviceError(_("Write the minutes."))
    return CommitteeDocument.objects.create(
        organisation=organisation,
        kind=CommitteeDocument.Kind.MINUTES,
        title=title.strip(),
        meeting_on=meeting_on,
        minutes=minutes.strip(),
        uploaded_by=by,
    )
