"""Downloads for staff: the certified result and the audit trail as CSV (decisions.exports). Each download is
written to the audit trail. Permissions as on the staff proposal page (views.staff.staff_proposal_page)."""

from django.http import HttpResponse
from django.urls import path

from .. import exports, services
from .results import certified_result
from .staff import PREFIX, back_to_proposal, staff_proposal_page


def _csv_response(text, filename):
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_proposal_page
def result_csv(request, proposal):
    result = certified_result(request, proposal)
    if result is None:
        return back_to_proposal(proposal)
    services.record_export(proposal, "result_csv", by=request.user)
    text = exports.result_csv(proposal, result, services.verify_snapshot(result))
    return _csv_response(text, f"voorstel-{proposal.pk}-uitslag.csv")


@staff_proposal_page
def audit_csv(request, proposal):
    services.record_export(proposal, "audit_csv", by=request.user)
    return _csv_response(exports.audit_csv(proposal), f"voorstel-{proposal.pk}-logboek.csv")


urlpatterns = [
    path(PREFIX + "uitslag.csv", result_csv, name="staff_proposal_result_csv"),
    path(PREFIX + "logboek.csv", audit_csv, name="staff_proposal_audit_csv"),
]
