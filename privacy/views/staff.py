"""Retention for corporation staff: the households of their own corporation whose tenancy ended longer ago than
the retention period, with a button to erase them, and the privacy log (downloads, deleted accounts, erasures).

Tenants and contractors get 403; staff of another corporation get 404 for a household that is not theirs."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants.models import Household
from tenants.permissions import staff_required, viewer_for

from ..erasure import erase_household
from ..models import PrivacyEvent
from ..retention import erase_due_households, households_due, retention_cutoff

LIST_LIMIT = 200
LOG_LIMIT = 50


@staff_required
def retention(request):
    corporations = viewer_for(request).staff_corporation_ids
    due = households_due(corporation_ids=corporations)
    if request.method == "POST":
        totals = erase_due_households(corporation_ids=corporations, by=request.user)
        messages.success(request, _("%(count)s households erased.") % {"count": totals.get("households", 0)})
        return redirect("privacy_retention")
    log = PrivacyEvent.objects.filter(corporation_id__in=corporations).select_related("household__dwelling")
    context = {
        "due": list(due[:LIST_LIMIT]),
        "due_count": due.count(),
        "cutoff": retention_cutoff(),
        "retention_days": settings.PRIVACY_RETENTION_DAYS,
        "log": list(log[:LOG_LIMIT]),
    }
    return render(request, "privacy/retention.html", context)


@require_POST
@staff_required
def erase_one(request, household_id):
    viewer = viewer_for(request)
    household = get_object_or_404(Household.objects.select_related("dwelling__complex"), pk=household_id)
    if not viewer.is_staff_of(household.dwelling.complex.corporation_id):
        raise Http404
    if not households_due(corporation_ids=[household.dwelling.complex.corporation_id]).filter(pk=household.pk).exists():
        messages.error(request, _("This household is not due for erasure: it still lives there or moved out recently."))
        return redirect("privacy_retention")
    erase_household(household, by=request.user)
    address = household.dwelling.address
    messages.success(request, _("The personal data of %(address)s is erased.") % {"address": address})
    return redirect("privacy_retention")


urlpatterns = [
    path("beheer/privacy/", retention, name="privacy_retention"),
    path("beheer/privacy/huishoudens/<int:household_id>/wissen/", erase_one, name="privacy_erase_household"),
]
