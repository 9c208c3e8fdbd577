"""The figures of a report, computed from a ``ReportInput`` as plain, JSON-ready data.

Pure functions, no I/O and no language: labels are codes or the names found in the data,
and the templates translate them. Every list is sorted with a full tie-break so that the
same input always gives the same figures, and every figure cites the ids behind it in the
appendix (``figures["appendix"]``).
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from domain.model.policies import counts_in_figures, organiser_of
from domain.model.values import ActivityKind
from reports.model import ReportInput

SCHEMA = "humas.report/1"
KINDS = tuple(kind.value for kind in ActivityKind)  # the order of the report's tables
PLACE_PARTS = ("venue", "village", "subdistrict", "district", "province")

_SPACE = re.compile(r"\s+")

Activity = dict[str, Any]


# --- small helpers ---------------------------------------------------------------------


def _within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def parse_date(value: Any) -> date | None:
    """An ISO date (or the date part of an ISO datetime); None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def clean(value: Any) -> str | None:
    """Collapse whitespace; None for empty values, so blanks never become a group."""
    if value is None:
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def is_counted(activity: Activity, verified_only: bool = False) -> bool:
    """Whether an activity counts in the figures.

    ``proposed`` records were made by the machine from news and count only once a person
    accepts them (they then become ``verified``); rejected and cancelled never count.
    """
    return counts_in_figures(activity.get("status"), activity.get("review"), verified_only)


def unit_of(activity: Activity) -> str | None:
    """The unit an activity belongs to: its organiser, else the first participating unit."""
    units = [clean(unit) or "" for unit in activity.get("units") or []]
    return organiser_of(clean(activity.get("organiser")), units)


def kind_of(activity: Activity) -> str:
    # An unknown kind is shown as "other" rather than dropped, so totals still add up.
    kind = activity.get("kind")
    return kind if kind in KINDS else "other"


def place_label(place: Any) -> str | None:
    if not place:
        return None
    if isinstance(place, str):
        return clean(place)
    parts = [clean(place.get(part)) for part in PLACE_PARTS]
    return ", ".join(p for p in parts if p) or None


def activity_order(activity: Activity) -> tuple[str, str, str, str]:
    return (
        str(activity.get("occurred_on") or ""),
        str(activity.get("occurred_at") or ""),
        str(activity.get("title") or "").casefold(),
        str(activity.get("id")),
    )


def coverage_order(item: dict[str, Any]) -> tuple[str, str, str, str]:
    return (
        str(item.get("published_on") or ""),
        str(item.get("outlet") or "").casefold(),
        str(item.get("title") or "").casefold(),
        str(item.get("id")),
    )


def ids_of(items: Iterable[dict[str, Any]]) -> list[str]:
    return sorted({str(item["id"]) for item in items})


class Names:
    """Groups spellings of one name (case, spacing) and shows the most common spelling.

    Officers type "KPU", "kpu " and "Kpu"; counting them apart would split one stakeholder
    into three columns. Ties go to the smallest spelling so the choice is stable.
    """

    def __init__(self) -> None:
        self._forms: dict[str, Counter[str]] = defaultdict(Counter)

    def key(self, value: Any) -> str | None:
        text = clean(value)
        if text is None:
            return None
        key = text.casefold()
        self._forms[key][text] += 1
        return key

    def label(self, key: str | None) -> str | None:
        if key is None:
            return None
        forms = self._forms[key]
        return min(forms, key=lambda form: (-forms[form], form))


class Appendix:
    """Collects, for every figure, the ids of the records behind it."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def cite(self, key: str, figure: str, ids: Iterable[str], item: str | None = None) -> list[str]:
        cited = sorted(set(ids))
        self.entries.append({"key": key, "figure": figure, "item": item, "ids": cited})
        return cited


def _none_last(label: str | None) -> tuple[bool, str]:
    return (label is None, (label or "").casefold())


# --- the figures -----------------------------------------------------------------------


def build_figures(inp: ReportInput) -> dict[str, Any]:
    """All figures of the report, in the order of its sections."""
    current: list[Activity] = []
    previous: list[Activity] = []
    for activity in sorted(inp.activities, key=activity_order):
        day = parse_date(activity.get("occurred_on"))
        if day is None:
            continue
        if inp.period_start <= day <= inp.period_end:
            current.append(activity)
        elif inp.previous_start <= day <= inp.previous_end:
            previous.append(activity)
    counted = [a for a in current if is_counted(a, inp.verified_only)]
    counted_prev = [a for a in previous if is_counted(a, inp.verified_only)]
    coverage = sorted(
        (c for c in inp.coverage if _in_period(c.get("published_on"), inp, undated=True)),
        key=coverage_order,
    )
    appendix = Appendix()

    figures: dict[str, Any] = {"schema": SCHEMA}
    figures["report"] = {
        "kind": inp.kind,
        "lang": inp.lang,
        "verified_only": inp.verified_only,
        "unit": clean(inp.unit),
        "generated_at": inp.generated_at.isoformat(),
        "store_position": inp.store_position,
        "seal": dict(inp.seal) if inp.seal else None,
    }
    figures["period"] = {
        "start": inp.period_start.isoformat(),
        "end": inp.period_end.isoformat(),
        "days": inp.days,
        "previous_start": inp.previous_start.isoformat(),
        "previous_end": inp.previous_end.isoformat(),
    }
    figures["operation"] = _operation(inp)
    figures["totals"] = _totals(current, counted, counted_prev, inp.verified_only, appendix)
    figures["activities"] = _activities(inp, counted, counted_prev, appendix)
    figures["drills"] = _drills(counted, appendix)
    figures["outreach"] = _outreach(inp, counted, appendix)
    figures["messages"] = _messages(counted, coverage, appendix)
    figures["stakeholders"] = _stakeholders(counted, appendix)
    all_activities = {str(a["id"]): a for a in inp.activities}
    figures["coverage"] = _coverage(coverage, all_activities, counted, appendix)
    figures["incidents"] = _incidents(inp, counted, coverage, appendix)
    figures["quality"] = _quality(
        inp, current, counted, counted_prev, coverage, all_activities, figures, appendix
    )
    figures["appendix"] = appendix.entries
    return figures


def _in_period(value: Any, inp: ReportInput, undated: bool = False) -> bool:
    day = parse_date(value)
    if day is None:
        return undated
    return inp.period_start <= day <= inp.period_end


def _operation(inp: ReportInput) -> dict[str, Any] | None:
    op = inp.operation
    if not op:
        return None
    start, end = parse_date(op.get("start")), parse_date(op.get("end"))
    period_days = op.get("period_days")
    if period_days is None and start and end:
        period_days = (end - start).days + 1
    days = None
    # "Hari ke-X s.d. Y dari N": only the part of the report period inside the operation.
    if start and inp.period_end >= start and not (end and inp.period_start > end):
        first = max(inp.period_start, start)
        last = min(inp.period_end, end) if end else inp.period_end
        days = {
            "first": (first - start).days + 1,
            "last": (last - start).days + 1,
            "of": period_days,
        }
    return {
        "id": op.get("id"),
        "slug": op.get("slug"),
        "name": op.get("name"),
        "objective": op.get("objective"),
        "lead_unit": op.get("lead_unit"),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "stated_days": op.get("stated_days"),
        "period_days": period_days,
        "status": op.get("status"),
        "stakeholders": sorted({s for s in map(clean, op.get("stakeholders") or []) if s}),
        "aliases": sorted({s for s in map(clean, op.get("aliases") or []) if s}),
        "flags": sorted({s for s in map(clean, op.get("flags") or []) if s}),
        "days": days,
    }


def _totals(
    current: list[Activity],
    counted: list[Activity],
    counted_prev: list[Activity],
    verified_only: bool,
    appendix: Appendix,
) -> dict[str, Any]:
    not_verified = [a for a in counted if a.get("review") != "verified"]
    # With verified_only the officer-reported records drop out of the counts; say how many.
    left_out = [
        a
        for a in current
        if verified_only and a.get("review") == "reported" and a.get("status") != "cancelled"
    ]
    return {
        "counted": len(counted),
        "previous": len(counted_prev),
        "change": len(counted) - len(counted_prev),
        "not_verified": len(not_verified),
        "left_out_unverified": len(left_out),
        "ids": appendix.cite("totals/counted", "counted", ids_of(counted)),
        "previous_ids": appendix.cite("totals/previous", "counted_previous", ids_of(counted_prev)),
        "not_verified_ids": appendix.cite(
            "totals/not_verified", "not_verified", ids_of(not_verified)
        ),
        "left_out_ids": appendix.cite("totals/left_out", "left_out", ids_of(left_out)),
    }


def _activities(
    inp: ReportInput,
    counted: list[Activity],
    counted_prev: list[Activity],
    appendix: Appendix,
) -> dict[str, Any]:
    by_kind = []
    for kind in KINDS:
        cur = [a for a in counted if kind_of(a) == kind]
        prev = [a for a in counted_prev if kind_of(a) == kind]
        by_kind.append(
            {
                "kind": kind,
                "current": len(cur),
                "previous": len(prev),
                "change": len(cur) - len(prev),
                "ids": appendix.cite(f"activities/by_kind/{kind}", "by_kind", ids_of(cur), kind),
                "previous_ids": appendix.cite(
                    f"activities/by_kind/{kind}/previous", "by_kind_previous", ids_of(prev), kind
                ),
            }
        )

    names = Names()
    cur_units: dict[str | None, list[Activity]] = defaultdict(list)
    prev_units: dict[str | None, list[Activity]] = defaultdict(list)
    for activity in counted:
        cur_units[names.key(unit_of(activity))].append(activity)
    for activity in counted_prev:
        prev_units[names.key(unit_of(activity))].append(activity)
    rows: list[dict[str, Any]] = []
    for key in set(cur_units) | set(prev_units):
        label = names.label(key)
        cur, prev = cur_units.get(key, []), prev_units.get(key, [])
        rows.append(
            {
                "unit": label,
                "current": len(cur),
                "previous": len(prev),
                "change": len(cur) - len(prev),
                "_cur": cur,
                "_prev": prev,
            }
        )
    rows.sort(key=lambda r: (-r["current"], -r["previous"], *_none_last(r["unit"])))
    for row in rows:
        name = row["unit"] or "-"
        row["ids"] = appendix.cite(
            f"activities/by_unit/{name}", "by_unit", ids_of(row.pop("_cur")), row["unit"]
        )
        row["previous_ids"] = appendix.cite(
            f"activities/by_unit/{name}/previous",
            "by_unit_previous",
            ids_of(row.pop("_prev")),
            row["unit"],
        )

    per_day: list[dict[str, Any]] = []
    for offset in range(inp.days):
        on = inp.period_start + timedelta(days=offset)
        day = on.isoformat()
        on_day = [a for a in counted if parse_date(a.get("occurred_on")) == on]
        counts = Counter(kind_of(a) for a in on_day)
        per_day.append(
            {
                "date": day,
                "total": len(on_day),
                "counts": {kind: counts[kind] for kind in KINDS if counts[kind]},
                "ids": appendix.cite(f"activities/per_day/{day}", "per_day", ids_of(on_day), day)
                if on_day
                else [],
            }
        )
    return {"by_kind": by_kind, "by_unit": rows, "per_day": per_day}


def _drills(counted: list[Activity], appendix: Appendix) -> dict[str, Any]:
    drills = [a for a in counted if kind_of(a) == "simulation"]
    items = []
    for a in drills:
        units = []
        for name in [a.get("organiser"), *(a.get("units") or [])]:
            name = clean(name)
            if name and name not in units:
                units.append(name)
        place = a.get("place") or {}
        items.append(
            {
                "id": str(a["id"]),
                "title": a.get("title"),
                "date": a.get("occurred_on"),
                "time": a.get("occurred_at"),
                "date_precision": a.get("date_precision"),
                "place": place_label(place),
                "place_precision": place.get("precision") if isinstance(place, dict) else None,
                "scenario_setting": a.get("scenario_setting"),
                "scenario_steps": [s for s in map(clean, a.get("scenario_steps") or []) if s],
                "units": units,
                "personnel": a.get("personnel"),
                "stakeholders": sorted({s for s in map(clean, a.get("stakeholders") or []) if s}),
                "review": a.get("review"),
                "coverage_items": len(a.get("coverage_ids") or []),
            }
        )
    personnel = sum(a.get("personnel") or 0 for a in drills)
    return {
        "count": len(drills),
        "personnel": personnel,
        "ids": appendix.cite("drills", "drills", ids_of(drills)),
        "items": items,
    }


def _group(
    activities: list[Activity], field: str, prefix: str, figure: str, appendix: Appendix
) -> list[dict[str, Any]]:
    """Outreach activities grouped by a free-text field, with the audience they reached."""
    names = Names()
    groups: dict[str | None, list[Activity]] = defaultdict(list)
    for a in activities:
        groups[names.key(a.get(field))].append(a)
    rows: list[dict[str, Any]] = [
        {
            "label": names.label(key),
            "activities": len(group),
            "size": sum(a.get("audience_size") or 0 for a in group),
            "_group": group,
        }
        for key, group in groups.items()
    ]
    rows.sort(key=lambda r: (-r["size"], -r["activities"], *_none_last(r["label"])))
    for row in rows:
        row["ids"] = appendix.cite(
            f"{prefix}/{row['label'] or '-'}", figure, ids_of(row.pop("_group")), row["label"]
        )
    return rows


def _outreach(inp: ReportInput, counted: list[Activity], appendix: Appendix) -> dict[str, Any]:
    # Audience figures are over outreach only: a parade's "audience" is not people reached.
    outreach = [a for a in counted if kind_of(a) == "outreach"]
    sized = [a for a in outreach if a.get("audience_size") is not None]
    weeks: list[dict[str, Any]] = []
    start = inp.period_start
    number = 1
    while start <= inp.period_end:
        end = min(start + timedelta(days=6), inp.period_end)
        in_week = [a for a in outreach if _within(parse_date(a["occurred_on"]), start, end)]
        weeks.append(
            {
                "week": number,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "activities": len(in_week),
                "size": sum(a.get("audience_size") or 0 for a in in_week),
                "ids": appendix.cite(
                    f"outreach/by_week/{number}", "reach_week", ids_of(in_week), str(number)
                ),
            }
        )
        start, number = end + timedelta(days=1), number + 1
    return {
        "activities": len(outreach),
        "ids": appendix.cite("outreach/activities", "outreach", ids_of(outreach)),
        "audience_total": sum(a["audience_size"] for a in sized),
        "with_size": len(sized),
        "without_size_ids": appendix.cite(
            "outreach/without_size",
            "without_size",
            ids_of(a for a in outreach if a.get("audience_size") is None),
        ),
        "by_audience": _group(outreach, "audience", "outreach/audience", "audience", appendix),
        "channels": _group(outreach, "channel", "outreach/channel", "channel", appendix),
        "by_week": weeks,
    }


def _messages(
    counted: list[Activity], coverage: list[dict[str, Any]], appendix: Appendix
) -> list[dict[str, Any]]:
    """Key-message pull-through: in how many own activities and news items each appears."""
    names = Names()
    in_activities: dict[str, set[str]] = defaultdict(set)
    in_coverage: dict[str, set[str]] = defaultdict(set)
    for a in counted:
        for message in a.get("messages") or []:
            key = names.key(message)
            if key:
                in_activities[key].add(str(a["id"]))
    for item in coverage:
        for message in item.get("messages") or []:
            key = names.key(message)
            if key:
                in_coverage[key].add(str(item["id"]))
    rows: list[dict[str, Any]] = []
    for key in set(in_activities) | set(in_coverage):
        acts, items = in_activities.get(key, set()), in_coverage.get(key, set())
        rows.append({"message": names.label(key), "activities": len(acts), "coverage": len(items)})
        rows[-1]["_a"], rows[-1]["_c"] = acts, items
    rows.sort(key=lambda r: (-(r["activities"] + r["coverage"]), -r["activities"], r["message"]))
    for row in rows:
        msg = row["message"]
        row["activity_ids"] = appendix.cite(
            f"messages/{msg}/activities", "message_activities", row.pop("_a"), msg
        )
        row["coverage_ids"] = appendix.cite(
            f"messages/{msg}/coverage", "message_coverage", row.pop("_c"), msg
        )
    return rows


def _stakeholders(counted: list[Activity], appendix: Appendix) -> dict[str, Any]:
    units, holders = Names(), Names()
    cells: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for a in counted:
        unit = units.key(unit_of(a))
        for name in a.get("stakeholders") or []:
            key = holders.key(name)
            if key:
                cells[(unit, key)].add(str(a["id"]))
    col_ids: dict[str, set[str]] = defaultdict(set)
    row_ids: dict[str | None, set[str]] = defaultdict(set)
    for (unit, key), ids in cells.items():
        col_ids[key] |= ids
        row_ids[unit] |= ids
    columns = sorted(col_ids, key=lambda k: (-len(col_ids[k]), holders.label(k)))
    row_keys = sorted(row_ids, key=lambda u: (-len(row_ids[u]), *_none_last(units.label(u))))
    rows: list[dict[str, Any]] = []
    for unit in row_keys:
        unit_label = units.label(unit)
        row_cells = []
        for key in columns:
            holder = holders.label(key)
            ids = cells.get((unit, key), set())
            row_cells.append(
                {
                    "stakeholder": holder,
                    "count": len(ids),
                    "ids": appendix.cite(
                        f"stakeholders/{unit_label or '-'}/{holder}",
                        "stakeholder_cell",
                        ids,
                        f"{unit_label or '-'} × {holder}",
                    )
                    if ids
                    else [],
                }
            )
        rows.append({"unit": unit_label, "total": len(row_ids[unit]), "cells": row_cells})
    totals = [
        {
            "stakeholder": holders.label(key),
            "count": len(col_ids[key]),
            "ids": appendix.cite(
                f"stakeholders/{holders.label(key)}",
                "stakeholder",
                col_ids[key],
                holders.label(key),
            ),
        }
        for key in columns
    ]
    return {"columns": [holders.label(k) for k in columns], "rows": rows, "totals": totals}


def _linked_activity(item: dict[str, Any], activities: dict[str, Activity]) -> str | None:
    """The activity a coverage item is about: its own link, else an activity that lists it."""
    if item.get("activity_id"):
        return str(item["activity_id"])
    for activity_id in sorted(activities):
        if str(item["id"]) in map(str, activities[activity_id].get("coverage_ids") or []):
            return activity_id
    return None


def _coverage(
    coverage: list[dict[str, Any]],
    activities: dict[str, Activity],
    counted: list[Activity],
    appendix: Appendix,
) -> dict[str, Any]:
    counted_ids = {str(a["id"]) for a in counted}
    items = []
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in coverage:
        activity_id = _linked_activity(item, activities)
        if activity_id:
            groups[activity_id].append(item)
        items.append(
            {
                "id": str(item["id"]),
                "published_on": item.get("published_on"),
                "outlet": clean(item.get("outlet")),
                "title": item.get("title"),
                "url": item.get("url"),
                "category": item.get("category"),
                "activity_id": activity_id,
                "incident_id": item.get("incident_id"),
                "quotes": len(item.get("quotes") or []),
            }
        )

    outlets = Names()
    by_outlet: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for item in coverage:
        by_outlet[outlets.key(item.get("outlet"))].append(item)
    outlet_rows: list[dict[str, Any]] = [
        {"outlet": outlets.label(key), "items": len(group), "_g": group}
        for key, group in by_outlet.items()
    ]
    outlet_rows.sort(key=lambda r: (-r["items"], *_none_last(r["outlet"])))
    for row in outlet_rows:
        row["ids"] = appendix.cite(
            f"coverage/outlet/{row['outlet'] or '-'}",
            "outlet",
            ids_of(row.pop("_g")),
            row["outlet"],
        )

    # Several items about one activity: one activity, all items counted as coverage.
    group_rows: list[dict[str, Any]] = []
    for activity_id, group in groups.items():
        activity = activities.get(activity_id) or {}
        group_rows.append(
            {
                "activity_id": activity_id,
                "title": activity.get("title"),
                "kind": kind_of(activity) if activity else None,
                "occurred_on": activity.get("occurred_on"),
                "counted": activity_id in counted_ids,
                "items": len(group),
                "syndicated": len(group) > 1,
                "outlets": sorted({o for o in (clean(i.get("outlet")) for i in group) if o}),
                "ids": appendix.cite(
                    f"coverage/activity/{activity_id}", "coverage_group", ids_of(group), activity_id
                ),
            }
        )
    group_rows.sort(key=lambda r: (-r["items"], str(r["occurred_on"] or ""), r["activity_id"]))

    speakers = Names()
    quotes: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, str] = {}
    for item in coverage:  # in coverage order, so the example is the earliest quote
        for quote in item.get("quotes") or []:
            key = speakers.key(quote.get("speaker"))
            if key:
                quotes[key][str(item["id"])] += 1
                text = clean(quote.get("text"))
                if text and key not in examples:
                    examples[key] = text
    speaker_rows: list[dict[str, Any]] = [
        {
            "speaker": speakers.label(k),
            "quotes": sum(c.values()),
            "items": len(c),
            "example": examples.get(k),
            "_ids": list(c),
        }
        for k, c in quotes.items()
    ]
    speaker_rows.sort(key=lambda r: (-r["quotes"], -r["items"], r["speaker"]))
    for row in speaker_rows:
        row["ids"] = appendix.cite(
            f"coverage/speaker/{row['speaker']}", "speaker", row.pop("_ids"), row["speaker"]
        )

    unlinked = [
        i for i in coverage if not _linked_activity(i, activities) and not i.get("incident_id")
    ]
    about_incidents = [i for i in coverage if i.get("incident_id")]
    return {
        "items": len(coverage),
        "ids": appendix.cite("coverage/items", "coverage", ids_of(coverage)),
        "outlets": outlet_rows,
        "activities_covered": len(groups),
        "activity_ids": appendix.cite("coverage/activities", "covered_activities", groups),
        "syndicated": sum(1 for g in group_rows if g["syndicated"]),
        "groups": group_rows,
        "incident_items": len(about_incidents),
        "incident_item_ids": appendix.cite(
            "coverage/incidents", "incident_items", ids_of(about_incidents)
        ),
        "unlinked": len(unlinked),
        "unlinked_ids": appendix.cite("coverage/unlinked", "unlinked", ids_of(unlinked)),
        "speakers": speaker_rows,
        "list": items,
    }


def _drill_coverage(inp: ReportInput, coverage: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Coverage ids of every simulation in the input, whatever its review."""
    drills: dict[str, set[str]] = defaultdict(set)
    for a in inp.activities:
        if kind_of(a) == "simulation":
            drills[str(a["id"])] |= set(map(str, a.get("coverage_ids") or []))
    for item in inp.coverage:
        if str(item.get("activity_id")) in drills:
            drills[str(item["activity_id"])].add(str(item["id"]))
    return drills


def _incidents(
    inp: ReportInput,
    counted: list[Activity],
    coverage: list[dict[str, Any]],
    appendix: Appendix,
) -> dict[str, Any]:
    drill_ids = {str(a["id"]) for a in inp.activities if kind_of(a) == "simulation"}
    real = [
        i
        for i in inp.incidents
        # Belt and braces: a drill must never inflate the incident count, even if a
        # caller passes it in as an incident by mistake.
        if _in_period(i.get("occurred_on"), inp) and str(i["id"]) not in drill_ids
    ]
    real.sort(key=lambda i: (str(i.get("occurred_on")), str(i.get("description")), str(i["id"])))
    drills = [a for a in counted if kind_of(a) == "simulation"]
    return {
        "total": len(real),
        "ids": appendix.cite("incidents", "incidents", ids_of(real)),
        "drills_not_counted": len(drills),
        "drill_ids": appendix.cite(
            "incidents/drills_not_counted", "drills_excluded", ids_of(drills)
        ),
        "list": [
            {
                "id": str(i["id"]),
                "date": i.get("occurred_on"),
                "place": place_label(i.get("place")),
                "description": i.get("description"),
                "police_intervened": i.get("police_intervened"),
                "coverage_ids": sorted(map(str, i.get("coverage_ids") or [])),
            }
            for i in real
        ],
    }


def _quality(
    inp: ReportInput,
    current: list[Activity],
    counted: list[Activity],
    counted_prev: list[Activity],
    coverage: list[dict[str, Any]],
    activities: dict[str, Activity],
    figures: dict[str, Any],
    appendix: Appendix,
) -> dict[str, Any]:
    flags = []
    for flag in (figures["operation"] or {}).get("flags", []):
        op = figures["operation"]
        flags.append({"source": "operation", "id": op["id"], "title": op["name"], "flag": flag})
    # Rejected records are settled; every other record of the period may still need a look.
    for a in current:
        if a.get("review") == "rejected":
            continue
        for flag in sorted({f for f in map(clean, a.get("flags") or []) if f}):
            flags.append(
                {"source": "activity", "id": str(a["id"]), "title": a.get("title"), "flag": flag}
            )
    for item in coverage:
        for flag in sorted({f for f in map(clean, item.get("flags") or []) if f}):
            flags.append(
                {
                    "source": "coverage",
                    "id": str(item["id"]),
                    "title": item.get("title"),
                    "flag": flag,
                }
            )

    checks = []
    op = figures["operation"]
    if op and op["start"] and op["days"] is None:
        checks.append({"code": "period_outside_operation", "subject": op["id"], "ids": []})
    undated = [c for c in coverage if parse_date(c.get("published_on")) is None]
    if undated:
        checks.append({"code": "coverage_undated", "subject": None, "ids": ids_of(undated)})
    for group in figures["coverage"]["groups"]:
        if not group["counted"]:
            checks.append(
                {
                    "code": "coverage_of_uncounted",
                    "subject": group["activity_id"],
                    "ids": group["ids"],
                }
            )
    drill_coverage = _drill_coverage(inp, coverage)
    for incident in figures["incidents"]["list"]:
        for drill_id, drill_items in sorted(drill_coverage.items()):
            shared = drill_items & set(incident["coverage_ids"])
            if shared:
                checks.append(
                    {
                        "code": "incident_shares_coverage_with_drill",
                        "subject": incident["id"],
                        "ids": sorted({drill_id, *shared}),
                    }
                )
    for check in checks:
        appendix.cite(
            f"quality/check/{check['code']}/{check['subject'] or '-'}",
            "check",
            check["ids"],
            check["code"],
        )

    def brief(a: Activity) -> dict[str, Any]:
        return {
            "id": str(a["id"]),
            "title": a.get("title"),
            "date": a.get("occurred_on"),
            "unit": unit_of(a),
            "review": a.get("review"),
        }

    waiting = [a for a in current if a.get("status") != "cancelled"]
    reported = [a for a in waiting if a.get("review") == "reported"]
    proposed = [a for a in waiting if a.get("review") == "proposed"]

    # Nil returns: units that reported before (earlier, or in the previous period) and
    # have no counted activity now. Silence is news for the Anev meeting.
    names = Names()
    now = {names.key(unit_of(a)) for a in counted}
    before = {names.key(u) for u in inp.units_active_before}
    prev_units: dict[str | None, list[Activity]] = defaultdict(list)
    for a in counted_prev:
        prev_units[names.key(unit_of(a))].append(a)
    silent = sorted(
        (k for k in (before | set(prev_units)) - now if k is not None),
        key=lambda key: names.label(key) or "",
    )
    nil_returns = [
        {
            "unit": names.label(key),
            "active_previous": key in prev_units,
            "active_before": key in before,
            "previous_ids": appendix.cite(
                f"quality/nil_return/{names.label(key)}",
                "nil_return",
                ids_of(prev_units.get(key, [])),
                names.label(key),
            ),
        }
        for key in silent
    ]
    appendix.cite("quality/flags", "flags", {f["id"] for f in flags if f["source"] != "operation"})
    return {
        "open": len(flags) + len(checks),
        "flags": flags,
        "checks": checks,
        "reported": [brief(a) for a in reported],
        "reported_ids": appendix.cite("quality/reported", "reported", ids_of(reported)),
        "proposed": [brief(a) for a in proposed],
        "proposed_ids": appendix.cite("quality/proposed", "proposed", ids_of(proposed)),
        "nil_returns": nil_returns,
    }
