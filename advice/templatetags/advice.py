"""The advice app's pieces in shared pages: each an inclusion tag calling one selector, a fixed number of queries.

- `staff_advice_links project`: the project's advice requests and their clocks on the staff project dashboard.
- `staff_overdue_advice`: overdue clocks across the staff member's corporations on the staff start page.
- `committee_links`: a link to each committee workspace of a representative on "Mijn renovatie".
"""

from django import template

from tenants.permissions import viewer_for

from .. import selectors

register = template.Library()


@register.inclusion_tag("advice/fragments/_staff_project_advice.html")
def staff_advice_links(project):
    return {"project": project, "requests": selectors.advice_requests_of(project)}


@register.inclusion_tag("advice/fragments/_staff_overdue.html", takes_context=True)
def staff_overdue_advice(context):
    viewer = viewer_for(context["request"])
    if not viewer.is_staff:
        return {"overdue": [], "total": 0}
    overdue, total = selectors.overdue_for_staff(viewer.staff_corporation_ids)
    return {"overdue": overdue, "total": total}


@register.inclusion_tag("advice/fragments/_committee_links.html", takes_context=True)
def committee_links(context):
    viewer = viewer_for(context["request"])
    if not viewer.is_representative:
        return {"committees": []}
    return {"committees": selectors.committees_of(viewer.user)}
