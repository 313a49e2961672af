"""Template helpers of surveys: the hooks on shared pages, and the two charts drawn as inline SVG on the server.

Each chart comes with a table of the same numbers for screen readers (and anyone who prefers numbers); the SVG
itself is hidden from assistive technology. No JavaScript, no chart library.
"""

from datetime import timedelta

from django import template
from django.utils import timezone

from projects.permissions import ProjectRole, project_role
from tenants.permissions import viewer_for

from ..results import pulse_sentiment
from ..selectors import surveys_of_project, waiting_for

register = template.Library()

SHOWN_ON_PROJECT_PAGE = 5
SENTIMENT_WEEKS = 12
BAR_AREA = 220  # width of a full (100%) bar in the SVG's units
LABEL_LENGTH = 48


@register.inclusion_tag("surveys/fragments/_survey_links.html")
def survey_links(project, request, staff=False):
    """The project's pulses and surveys for the reader of a project page (for a household: those it was asked,
    "waiting for your answer" marked), or for staff on the dashboard with the sentiment line. The surveys in one
    query; for staff one more, the sentiment line's weeks, when a pulse has enough answers to count."""
    viewer = viewer_for(request)
    role = ProjectRole.STAFF if staff else project_role(viewer, project)
    if role < ProjectRole.HOUSEHOLD:
        return {"surveys": [], "staff": staff}
    household = viewer.household if role == ProjectRole.HOUSEHOLD else None
    since = timezone.now() - timedelta(weeks=SENTIMENT_WEEKS) if staff else None
    surveys = surveys_of_project(project, role, household, since=since)
    if household is not None:
        surveys = [survey for survey in surveys if survey.invited]
    context = {
        "project": project,
        "surveys": surveys[:SHOWN_ON_PROJECT_PAGE],
        "more": len(surveys) > SHOWN_ON_PROJECT_PAGE,
        "staff": staff,
        "is_household": household is not None,
        "role": role,
    }
    if staff:
        context["sentiment"] = pulse_sentiment(project, since=since, surveys=surveys)
    return context


@register.inclusion_tag("surveys/fragments/_waiting.html")
def waiting_surveys(request):
    """The pulses and surveys waiting for the reader's household, on "My renovation"; nothing for anyone else."""
    household = viewer_for(request).household
    return {"waiting": waiting_for(household) if household is not None else []}


def _short(label):
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


@register.inclusion_tag("surveys/charts/bars.html")
def bar_chart(bars, caption, key):
    """Horizontal bars, one per answer, each with its percentage; `bars` are surveys.results.Bar, `key` makes the
    chart's id unique on the page."""
    rows = []
    for n, bar in enumerate(bars):
        top = n * 44
        rows.append(
            {
                "bar": bar,
                "label": _short(bar.label),
                "label_y": top + 14,
                "bar_y": top + 20,
                "width": max(round(bar.share * BAR_AREA, 1), 1 if bar.count else 0),
                "value_x": round(bar.share * BAR_AREA, 1) + 6,
                "value_y": top + 34,
            }
        )
    return {"rows": rows, "height": len(bars) * 44 + 4, "caption": caption, "chart_id": f"chart-{key}", "bars": bars}


@register.inclusion_tag("surveys/charts/line.html")
def sentiment_chart(sentiment, caption, key):
    """The weekly average pulse score (1–5) as a line, with a dot per week."""
    weeks = sentiment.weeks
    left, right, top, bottom = 30, 310, 10, 130
    step = (right - left) / max(len(weeks) - 1, 1)

    def y(score):
        return round(bottom - (score - 1) / 4 * (bottom - top), 1)

    points = [
        {"x": round(left + n * step if len(weeks) > 1 else (left + right) / 2, 1), "y": y(week.average), "week": week}
        for n, week in enumerate(weeks)
    ]
    return {
        "points": points,
        "polyline": " ".join(f"{point['x']},{point['y']}" for point in points),
        "grid": [{"score": score, "y": y(score)} for score in (1, 2, 3, 4, 5)],
        "left": left,
        "right": right,
        "bottom": bottom,
        "caption": caption,
        "chart_id": f"sentiment-{key}",
        "sentiment": sentiment,
        "first": weeks[0] if weeks else None,
        "last": weeks[-1] if len(weeks) > 1 else None,
    }
