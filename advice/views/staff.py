"""Advice for corporation staff: per project the requests with every clock (overdue ones flagged), and per request
a page with a form for each step: the packet, sending it, a later due date, the advice, the reasoned response.

Anonymous visitors go to the login page, signed-in people who are not staff get 403, and staff of another
corporation get 404 for a project that is not theirs.
"""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.decorators import staff_project, staff_project_page
from renovatie.uploads import stream_upload
from tenants.permissions import staff_required

from .. import selectors, services
from ..clocks import clocks_for
from ..forms import (
    AdviceRequestForm,
    ExtensionForm,
    PacketDocumentForm,
    PacketSentForm,
    ResponseForm,
    StaffAdviceForm,
)
from ..models import AdviceRequest


def staff_advice_page(view):
    """View decorator: the advice request, if its project is one of the staff member's corporations' (else 404)."""

    @staff_required
    @wraps(view)
    def wrapped(request, slug, advice_id, **kwargs):
        project = staff_project(request, slug)
        advice = get_object_or_404(
            AdviceRequest.objects.select_related("organisation", "proposal"), project=project, pk=advice_id
        )
        advice.project = project
        return view(request, advice, **kwargs)

    return wrapped


@staff_project_page
def advice_list(request, project):
    return _render_list(request, project)


def _render_list(request, project, form=None):
    context = {
        "project": project,
        "requests": selectors.advice_requests_of(project),
        "form": form or AdviceRequestForm(project=project),
    }
    return render(request, "advice/staff/list.html", context, status=400 if form else 200)


@require_POST
@staff_project_page
def start_request(request, project):
    form = AdviceRequestForm(request.POST, project=project)
    if not form.is_valid():
        return _render_list(request, project, form=form)
    try:
        advice = services.create_advice_request(project, by=request.user, **form.cleaned_data)
    except services.AdviceError as error:
        form.add_error(None, str(error))
        return _render_list(request, project, form=form)
    messages.success(request, _("The advice request is made. Add the documents of the information packet."))
    return redirect("staff_advice", project.slug, advice.pk)


FORMS = {
    "packet_form": PacketDocumentForm,
    "sent_form": PacketSentForm,
    "extension_form": ExtensionForm,
    "advice_form": StaffAdviceForm,
    "response_form": ResponseForm,
}


@staff_advice_page
def advice_detail(request, advice):
    return _render_detail(request, advice)


def _render_detail(request, advice, **bound):
    """The request's page; `bound` is one form that came back with errors, shown in its place."""
    context = {
        "project": advice.project,
        "advice": advice,
        "clocks": clocks_for(advice, timezone.localdate()),
        "packet": list(advice.packet_documents.all()),
        **{name: bound.get(name) or form_class() for name, form_class in FORMS.items()},
    }
    return render(request, "advice/staff/detail.html", context, status=400 if bound else 200)


def _step(form_name, act, success):
    """A POST view for one step: validate the form, call `act(advice, data, user)`, say `success`, go back."""

    @require_POST
    @staff_advice_page
    def view(request, advice):
        form = FORMS[form_name](request.POST, request.FILES)
        if not form.is_valid():
            return _render_detail(request, advice, **{form_name: form})
        try:
            act(advice, form.cleaned_data, request.user)
        except services.AdviceError as error:
            form.add_error(None, str(error))
            return _render_detail(request, advice, **{form_name: form})
        messages.success(request, success())
        return redirect(reverse("staff_advice", args=[advice.project.slug, advice.pk]) + "#clocks")

    return view


add_packet_document = _step(
    "packet_form",
    lambda advice, data, by: services.add_packet_document(advice, title=data["title"], upload=data["file"], by=by),
    lambda: _("The document is added to the information packet."),
)
packet_sent = _step(
    "sent_form",
    lambda advice, data, by: services.record_packet_sent(advice, sent_on=data["sent_on"], by=by),
    lambda: _("The sending date is recorded. The six weeks for the advice are running."),
)
extend = _step(
    "extension_form",
    lambda advice, data, by: services.extend_advice_deadline(advice, until=data["until"], reason=data["reason"], by=by),
    lambda: _("The later due date is recorded."),
)
record_advice = _step(
    "advice_form",
    lambda advice, data, by: services.record_advice(
        advice, received_on=data["received_on"], agrees=data["agrees"], text=data["text"], upload=data["file"], by=by
    ),
    lambda: _("The advice is recorded."),
)
record_response = _step(
    "response_form",
    lambda advice, data, by: services.record_response(
        advice, sent_on=data["sent_on"], departs=data["departs"], reasons=data["reasons"], by=by
    ),
    lambda: _("The response is recorded."),
)


@staff_advice_page
def packet_document_file(request, advice, document_id):
    document = get_object_or_404(advice.packet_documents, pk=document_id)
    return serve_packet_document(document)


@staff_advice_page
def advice_file(request, advice):
    return serve_advice_file(advice)


def serve_packet_document(document):
    is_pdf = document.content_type == "application/pdf"
    extension = "pdf" if is_pdf else document.content_type.rsplit("/", 1)[-1]
    return stream_upload(
        document.file,
        document.content_type,
        as_attachment=is_pdf,
        public=False,
        filename=f"{slugify(document.title) or 'document'}.{extension}",
    )


def serve_advice_file(advice):
    if not advice.advice_file:
        raise Http404
    is_pdf = advice.advice_file_type == "application/pdf"
    extension = "pdf" if is_pdf else advice.advice_file_type.rsplit("/", 1)[-1]
    return stream_upload(
        advice.advice_file,
        advice.advice_file_type,
        as_attachment=is_pdf,
        public=False,
        filename=f"advies-{slugify(advice.subject) or advice.pk}.{extension}",
    )


PROJECT = "beheer/projecten/<slug:slug>/advies/"
ADVICE = PROJECT + "<int:advice_id>/"

urlpatterns = [
    path(PROJECT, advice_list, name="staff_advice_list"),
    path(PROJECT + "nieuw/", start_request, name="staff_start_advice"),
    path(ADVICE, advice_detail, name="staff_advice"),
    path(ADVICE + "pakket/", add_packet_document, name="staff_add_packet_document"),
    path(ADVICE + "pakket/<int:document_id>/", packet_document_file, name="staff_packet_document"),
    path(ADVICE + "verstuurd/", packet_sent, name="staff_packet_sent"),
    path(ADVICE + "verlengen/", extend, name="staff_extend_advice"),
    path(ADVICE + "advies/", record_advice, name="staff_record_advice"),
    path(ADVICE + "advies/document/", advice_file, name="staff_advice_file"),
    path(ADVICE + "reactie/", record_response, name="staff_record_response"),
]
