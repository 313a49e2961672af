"""The committee's workspace: the advice requests it was sent, with the packet and the clocks, the written advice
given online, and the committee's own documents and meeting minutes.

For the organisation's representatives and for staff of its corporation (who read, but neither advise nor upload
for the committee: 403). Anonymous visitors go to the login page; anyone else signed in, other tenants,
contractors and other corporations' people, gets 404, as if the workspace did not exist. A request whose packet
has not been sent yet is not the committee's to see.
"""

import enum
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback import text
from renovatie.uploads import stream_upload
from tenants.models import Organisation
from tenants.permissions import viewer_for

from .. import selectors, services
from ..clocks import clocks_for
from ..forms import CommitteeAdviceForm, CommitteeDocumentForm, MinutesForm
from ..models import AdviceRequest, CommitteeDocument
from .staff import serve_advice_file, serve_packet_document


class Role(enum.Enum):
    REPRESENTATIVE = "representative"
    STAFF = "staff"


def committee_page(view):
    """Call `view(request, organisation, role, ...)` for a representative of the organisation or its staff."""

    @wraps(view)
    def wrapped(request, organisation_id, **kwargs):
        viewer = viewer_for(request)
        if not viewer.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = get_object_or_404(Organisation, pk=organisation_id, kind=Organisation.Kind.TENANT_ORGANISATION)
        if viewer.is_staff_of(organisation.corporation_id):
            role = Role.STAFF
        elif organisation.corporation_id in viewer.representative_corporation_ids and (
            selectors.is_representative_of(viewer.user, organisation)
        ):
            role = Role.REPRESENTATIVE
        else:
            raise Http404
        return view(request, organisation, role, **kwargs)

    return wrapped


def representatives_only(role):
    if role != Role.REPRESENTATIVE:
        raise PermissionDenied


def _sent_request(organisation, advice_id):
    return get_object_or_404(
        AdviceRequest.objects.select_related("project", "proposal"),
        organisation=organisation,
        packet_sent_on__isnull=False,
        pk=advice_id,
    )


@committee_page
def workspace(request, organisation, role):
    return _render_workspace(request, organisation, role)


def _render_workspace(request, organisation, role, **bound):
    documents, minutes = selectors.committee_papers(organisation)
    may_write = role == Role.REPRESENTATIVE
    context = {
        "organisation": organisation,
        "may_write": may_write,
        "requests": selectors.committee_requests(organisation),
        "documents": documents,
        "minutes": minutes,
        "document_form": (bound.get("document_form") or CommitteeDocumentForm()) if may_write else None,
        "minutes_form": (bound.get("minutes_form") or MinutesForm()) if may_write else None,
    }
    return render(request, "advice/committee/workspace.html", context, status=400 if bound else 200)


@committee_page
def committee_request(request, organisation, role, advice_id):
    return _render_request(request, organisation, role, _sent_request(organisation, advice_id))


def _render_request(request, organisation, role, advice, form=None):
    may_advise = role == Role.REPRESENTATIVE and advice.advice_received_on is None
    context = {
        "organisation": organisation,
        "advice": advice,
        "project": advice.project,
        "clocks": clocks_for(advice, timezone.localdate()),
        "packet": list(advice.packet_documents.all()),
        "form": (form or CommitteeAdviceForm()) if may_advise else None,
    }
    return render(request, "advice/committee/request.html", context, status=400 if form else 200)


@require_POST
@committee_page
def give_advice(request, organisation, role, advice_id):
    representatives_only(role)
    advice = _sent_request(organisation, advice_id)
    form = CommitteeAdviceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.record_advice(
                advice,
                received_on=timezone.localdate(),
                agrees=form.cleaned_data["agrees"],
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except services.AdviceError as error:
            form.add_error(None, str(error))
    if form.errors:
        return _render_request(request, organisation, role, advice, form=form)
    messages.success(request, _("Thank you. Your advice has been sent to the corporation."))
    return redirect("committee_request", organisation.pk, advice.pk)


@committee_page
def packet_document_file(request, organisation, role, advice_id, document_id):
    advice = _sent_request(organisation, advice_id)
    return serve_packet_document(get_object_or_404(advice.packet_documents, pk=document_id))


@committee_page
def advice_file(request, organisation, role, advice_id):
    return serve_advice_file(_sent_request(organisation, advice_id))


@require_POST
@committee_page
def add_document(request, organisation, role):
    representatives_only(role)
    form = CommitteeDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_committee_document(
                organisation, title=form.cleaned_data["title"], upload=form.cleaned_data["file"], by=request.user
            )
        except services.AdviceError as error:
            form.add_error("file", str(error))
    if form.errors:
        return _render_workspace(request, organisation, role, document_form=form)
    messages.success(request, _("The document is added."))
    return redirect(reverse("committee_workspace", args=[organisation.pk]) + "#documents")


@require_POST
@committee_page
def add_minutes(request, organisation, role):
    representatives_only(role)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.add_minutes(organisation, by=request.user, **form.cleaned_data)
        except services.AdviceError as error:
            form.add_error(None, str(error))
    if form.errors:
        return _render_workspace(request, organisation, role, minutes_form=form)
    messages.success(request, _("The minutes are added."))
    return redirect(reverse("committee_workspace", args=[organisation.pk]) + "#minutes")


@committee_page
def document_file(request, organisation, role, document_id):
    document = get_object_or_404(
        CommitteeDocument, organisation=organisation, kind=CommitteeDocument.Kind.DOCUMENT, pk=document_id
    )
    is_pdf = document.content_type == "application/pdf"
    return stream_upload(
        document.file,
        document.content_type,
        as_attachment=True,
        public=False,
        filename=f"{slugify(document.title) or 'document'}.{'pdf' if is_pdf else 'txt'}",
    )


@committee_page
def minutes_detail(request, organisation, role, document_id):
    minutes = get_object_or_404(
        CommitteeDocument.objects.select_related("uploaded_by"),
        organisation=organisation,
        kind=CommitteeDocument.Kind.MINUTES,
        pk=document_id,
    )
    context = {"organisation": organisation, "minutes": minutes, "body": text.render(minutes.minutes).html}
    return render(request, "advice/committee/minutes.html", context)


WORKSPACE = "bewonerscommissie/<int:organisation_id>/"
REQUEST = WORKSPACE + "advies/<int:advice_id>/"

urlpatterns = [
    path(WORKSPACE, workspace, name="committee_workspace"),
    path(WORKSPACE + "documenten/", add_document, name="committee_add_document"),
    path(WORKSPACE + "documenten/<int:document_id>/", document_file, name="committee_document"),
    path(WORKSPACE + "notulen/", add_minutes, name="committee_add_minutes"),
    path(WORKSPACE + "notulen/<int:document_id>/", minutes_detail, name="committee_minutes"),
    path(REQUEST, committee_request, name="committee_request"),
    path(REQUEST + "indienen/", give_advice, name="committee_give_advice"),
    path(REQUEST + "pakket/<int:document_id>/", packet_document_file, name="committee_packet_document"),
    path(REQUEST + "advies/document/", advice_file, name="committee_advice_file"),
]
