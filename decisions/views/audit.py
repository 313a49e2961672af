"""The audit trail of a proposal for staff: every change, vote, closing, notice and export, oldest first, fifty
to a page. Permissions as on the staff proposal page (views.staff.staff_proposal_page)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from .. import audit
from .staff import PREFIX, staff_proposal_page

PER_PAGE = 50


@staff_proposal_page
def audit_trail(request, proposal):
    page = Paginator(audit.entries(proposal), PER_PAGE).get_page(request.GET.get("pagina"))
    rows = [(entry, audit.describe(entry)) for entry in page.object_list]
    context = {"project": proposal.project, "proposal": proposal, "page": page, "rows": rows}
    return render(request, "decisions/staff/audit.html", context)


urlpatterns = [
    path(PREFIX + "logboek/", audit_trail, name="staff_proposal_audit"),
]
