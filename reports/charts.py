"""Geometry of the inline SVG charts of the HTML report.

The numbers are worked out here and the markup is written by ``templates/charts.html.j2``
(autoescaped like the rest of the page). Coordinates are rounded to two decimals so the
output is byte-stable. Every mark carries a class (``bar`` or ``point``) and ``data-``
attributes so tests, and anyone reading the file, can tell what it stands for.
"""

import math
from typing import Any

from reports.figures import KINDS
from reports.i18n import Fmt

WIDTH = 640
MAX_X_LABELS = 8
# From this many days on, activities are drawn per week: 31 daily bars of ones and
# zeros say less than four or five weekly ones.
WEEKLY_FROM_DAYS = 28


def _r(value: float) -> float:
    return round(value, 2)


def _y_ticks(top: int) -> list[int]:
    if top <= 4:
        return list(range(top + 1))
    step = math.ceil(top / 4)
    return list(range(0, top + 1, step))


def per_day(figures: dict[str, Any], fmt: Fmt) -> dict[str, Any]:
    """Stacked bars: one group per day of the period (per week from four weeks on), one
    segment per kind present."""
    weekly = figures["period"]["days"] >= WEEKLY_FROM_DAYS
    days = figures["activities"]["per_week" if weekly else "per_day"]
    left, right, top_margin, bottom = 34, 8, 10, 28
    height = 220
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    top = max([d["total"] for d in days] + [1])
    ticks = _y_ticks(top)
    top = max(top, ticks[-1])
    step = plot_w / len(days)
    bar_w = max(step * 0.7, 0.6)
    every = math.ceil(len(days) / MAX_X_LABELS)
    groups, bars = [], 0
    for index, day in enumerate(days):
        x = left + index * step + (step - bar_w) / 2
        base = top_margin + plot_h
        segments = []
        for kind in KINDS:
            count = day["counts"].get(kind, 0)
            if not count:
                continue
            h = plot_h * count / top
            base -= h
            segments.append(
                {
                    "kind": kind,
                    "count": count,
                    "x": _r(x),
                    "y": _r(base),
                    "w": _r(bar_w),
                    "h": _r(h),
                    "title": f"{_when(day, fmt)}: {fmt.kind(kind)} {fmt.num(count)}",
                }
            )
        bars += len(segments)
        groups.append(
            {
                "date": day["date"],
                "total": day["total"],
                "segments": segments,
                "label": fmt.day_month(day["date"]) if index % every == 0 else None,
                "label_x": _r(left + index * step + step / 2),
            }
        )
    return {
        "weekly": weekly,
        "title": fmt._("Activities per week by kind")
        if weekly
        else fmt._("Activities per day by kind"),
        "width": WIDTH,
        "height": height,
        "left": left,
        "plot_right": WIDTH - right,
        "baseline": top_margin + plot_h,
        "label_y": height - 8,
        "ticks": [
            {"value": fmt.num(t), "y": _r(top_margin + plot_h - plot_h * t / top)} for t in ticks
        ],
        "groups": groups,
        "bars": bars,
        "legend": [
            {"kind": k, "label": fmt.kind(k)} for k in KINDS if any(k in d["counts"] for d in days)
        ],
    }


def _when(bucket: dict[str, Any], fmt: Fmt) -> str:
    if "end" in bucket:
        return f"{fmt.date_short(bucket['date'])} – {fmt.date_short(bucket['end'])}"
    return fmt.date_short(bucket["date"])


def reach(figures: dict[str, Any], fmt: Fmt) -> dict[str, Any] | None:
    """Points joined by a line: audience reached in each week of the period. None for a
    period of one week: a line of one point says nothing the figure beside it does not."""
    weeks = figures["outreach"]["by_week"]
    if len(weeks) < 2:
        return None
    left, right, top_margin, bottom = 54, 20, 14, 28
    height = 200
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    top = max([w["size"] or 0 for w in weeks] + [1])
    step = plot_w / len(weeks)
    every = math.ceil(len(weeks) / MAX_X_LABELS)
    points = []
    for index, week in enumerate(weeks):
        cx = left + index * step + step / 2
        cy = top_margin + plot_h - plot_h * (week["size"] or 0) / top
        points.append(
            {
                "week": week["week"],
                "size": week["size"] or 0,
                "cx": _r(cx),
                "cy": _r(cy),
                "value": fmt.num(week["size"]) if week["with_size"] else fmt._("unknown"),
                "label": fmt.day_month(week["start"]) if index % every == 0 else None,
                "title": fmt._(
                    "Week %(week)s (%(start)s – %(end)s): %(people)s",
                    week=fmt.num(week["week"]),
                    start=fmt.date_short(week["start"]),
                    end=fmt.date_short(week["end"]),
                    people=fmt.num(week["size"]) if week["with_size"] else fmt._("unknown"),
                ),
            }
        )
    return {
        "width": WIDTH,
        "height": height,
        "left": left,
        "plot_right": WIDTH - right,
        "baseline": top_margin + plot_h,
        "label_y": height - 8,
        "top_y": top_margin,
        "top_value": fmt.num(top),
        "line": " ".join(f"{p['cx']},{p['cy']}" for p in points),
        "points": points,
    }


def messages(figures: dict[str, Any], fmt: Fmt) -> dict[str, Any]:
    """Two horizontal bars per key message: own activities and news coverage."""
    rows = figures["messages"]
    left, right, row_h, top_margin = 8, 48, 40, 8
    plot_w = WIDTH - left - right
    top = max([max(r["activities"], r["coverage"]) for r in rows] + [1])
    out = []
    for index, row in enumerate(rows):
        y = top_margin + index * row_h
        bars = []
        for offset, series in enumerate(("activities", "coverage")):
            value = row[series]
            w = plot_w * value / top
            bars.append(
                {
                    "series": series,
                    "value": value,
                    "x": left,
                    "y": _r(y + 14 + offset * 11),
                    "w": _r(w),
                    "h": 9,
                    "text": fmt.num(value),
                    "text_x": _r(left + w + 4),
                }
            )
        out.append({"message": row["message"], "label_y": _r(y + 10), "bars": bars})
    return {
        "width": WIDTH,
        "height": top_margin * 2 + max(len(rows), 1) * row_h,
        "rows": out,
        "bars": 2 * len(rows),
    }


def all_charts(figures: dict[str, Any], fmt: Fmt) -> dict[str, Any]:
    """The charts of the HTML report; ``reach`` is None when it would be one point."""
    return {
        "activity": per_day(figures, fmt),
        "reach": reach(figures, fmt),
        "messages": messages(figures, fmt),
    }
