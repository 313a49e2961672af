"""Charts drawn on the server as SVG, each beside a table with the same figures for screen readers and print.

The geometry is computed here, the markup is in insight/templates/insight/charts/. No JavaScript, no library.
"""

from django import template
from django.utils.formats import number_format
from django.utils.translation import ngettext

register = template.Library()

WIDTH = 320
ROW = 40
BAR = 14


@register.inclusion_tag("insight/charts/bars.html")
def share_bars(rows, caption, *, line=None, line_label=""):
    """Horizontal bars for `rows` of (label, part, whole): each bar is part/whole of the width.

    `line` (0..1) draws a vertical marker, for example the 70% line, labelled `line_label`.
    """
    bars = []
    for index, (label, part, whole) in enumerate(rows):
        share = part / whole if whole else 0.0
        bars.append(
            {
                "label": label,
                "part": part,
                "whole": whole,
                "percent": int(share * 100 + 1e-9),
                "y": index * ROW,
                "bar_y": index * ROW + 21,
                "width": round(WIDTH * min(share, 1.0), 1),
            }
        )
    return {
        "caption": caption,
        "bars": bars,
        "width": WIDTH,
        "height": len(bars) * ROW + (14 if line is not None else 0),
        "bar_height": BAR,
        "line_x": round(WIDTH * line, 1) if line is not None else None,
        "line_label": line_label,
        "line_percent": int(line * 100 + 1e-9) if line is not None else None,
    }


@register.inclusion_tag("insight/charts/line.html")
def weekly_line(points, caption, *, low=1, high=5):
    """A line through `points` of (week start, average, answers), the y axis from `low` to `high`."""
    height, left, top = 120, 24, 8
    inner_width, inner_height = WIDTH - left - 8, height - top - 24
    count = len(points)
    step = inner_width / (count - 1) if count > 1 else 0
    dots = []
    for index, (week, average, answers) in enumerate(points):
        x = left + (index * step if count > 1 else inner_width / 2)
        y = top + inner_height * (1 - (average - low) / (high - low))
        dots.append({"x": round(x, 1), "y": round(y, 1), "week": week, "average": average, "answers": answers})
    return {
        "caption": caption,
        "dots": dots,
        "polyline": " ".join(f"{dot['x']},{dot['y']}" for dot in dots),
        "width": WIDTH,
        "height": height,
        "left": left,
        "top": top,
        "bottom": top + inner_height,
        "low": low,
        "high": high,
        "last_week": points[-1][0] if points else None,
    }


@register.filter
def duration_days(duration):
    """A timedelta as days with one decimal: "2,5 days" ("2,5 dagen")."""
    days = duration.total_seconds() / 86400
    return ngettext("%(days)s day", "%(days)s days", round(days)) % {"days": number_format(days, 1)}
