"""The household dossier for corporation staff: find a household by postcode and house number, and read (or
print) everything about it in one chronological record. Every opening is logged and the log is shown.

Tenants and contractors get 403; staff of another corporation get 404 for a household that is not theirs.
"""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from tenants.models import Household
from tenants.permissions import staff_required, viewer_for

from ..dossier import household_dossier, recent_views
from ..services import log_dossier_view

RESULTS_LIMIT = 50


class HouseholdSearchForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), max_length=7, help_text=_("For example 3526 KR"))
    house_number = forms.IntegerField(label=_("House number"), min_value=1, required=False)

    def clean_postcode(self):
        return self.cleaned_data["postcode"].replace(" ", "").upper()


@staff_required
def household_search(request):
    viewer = viewer_for(request)
    form = HouseholdSearchForm(request.GET or None)
    households = None
    if form.is_valid():
        found = Household.objects.filter(
            dwelling__complex__corporation_id__in=viewer.staff_corporation_ids,
            dwelling__postcode=form.cleaned_data["postcode"],
        )
        if form.cleaned_data["house_number"]:
            found = found.filter(dwelling__house_number=form.cleaned_data["house_number"])
        households = list(
            found.select_related("dwelling").order_by("dwelling__house_number", "dwelling__addition", "-started_on")[
                :RESULTS_LIMIT
            ]
        )
    return render(request, "insight/household_search.html", {"form": form, "households": households})


@staff_required
def dossier(request, household_id):
    viewer = viewer_for(request)
    household = get_object_or_404(Household.objects.select_related("dwelling__complex"), pk=household_id)
    if not viewer.is_staff_of(household.dwelling.complex.corporation_id):
        raise Http404
    for_print = request.GET.get("afdrukken") == "1"
    log_dossier_view(household, by=request.user, for_print=for_print)
    context = {
        "household": household,
        "entries": household_dossier(household),
        "views": recent_views(household),
        "for_print": for_print,
    }
    return render(request, "insight/dossier.html", context)


urlpatterns = [
    path("beheer/huishoudens/", household_search, name="household_search"),
    path("beheer/huishoudens/<int:household_id>/dossier/", dossier, name="household_dossier"),
]
