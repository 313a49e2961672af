"""Start pages: everyone lands on the page for what they are (tenant, contractor, staff)."""

from django.shortcuts import redirect, render
from django.utils import timezone

from projects.dashboard import projects_for_staff
from projects.selectors import renovation_overview
from projects.visits import projects_for_contractor

from ..permissions import contractor_required, staff_required, tenant_required, viewer_for
from ..selectors import complexes_with_counts


def home(request):
    viewer = viewer_for(request)
    if viewer.is_staff:
        return redirect("staff_start")
    if viewer.is_tenant:
        return redirect("my_renovation")
    if viewer.is_contractor:
        return redirect("contractor_start")
    return render(request, "tenants/home.html")


@tenant_required
def my_renovation(request):
    """The household's projects with a link to its own plan in each, its next visit and its open choices."""
    household = viewer_for(request).household
    return render(request, "tenants/my_renovation.html", {"household": household, **renovation_overview(household)})


@contractor_required
def contractor_start(request):
    """The projects the contractor's organisations are assigned to, with today's number of visits in each."""
    viewer = viewer_for(request)
    today = timezone.localdate()
    projects = projects_for_contractor(viewer.contractor_organisation_ids, today)
    return render(request, "tenants/contractor_start.html", {"projects": projects, "today": today})


@staff_required
def staff_start(request):
    """The corporation's projects (phase and key counts, each linking to its dashboard) and its complexes."""
    viewer = viewer_for(request)
    return render(
        request,
        "tenants/staff_start.html",
        {
            "projects": projects_for_staff(viewer.staff_corporation_ids),
            "complexes": complexes_with_counts(viewer.staff_corporation_ids),
        },
    )
