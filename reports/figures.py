"""The figures of a report, computed from a ``ReportInput`` as plain, JSON-ready data.

Pure functions, no I/O and no language: labels are codes or the names found in the data,
and the templates translate them. Every list is sorted with a full tie-break so that the
same input always gives the same figures, and every figure cites the ids behind it in the
appendix (``figures["appendix"]``).
"""

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from domain.flags import entries_of
from domain.model.policies import counts_in_figures, organiser_of
from domain.model.values import AWAITING_REVIEW, ActivityKind, Review
from reports.model import ReportInput

SCHEMA = "humas.report/1"
KINDS = tuple(kind.value for kind in ActivityKind)  # the order of the report's tables
# Rejected and merged records count nowhere: not in figures, media, flags or the appendix.
GONE_REVIEWS = frozenset({Review.REJECTED, Review.MERGED})
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


def flags_of(record: dict[str, Any]) -> Any:
    """A record's flags with how each stands; a store older than settling has the flags."""
    return record.get("flag_entries") or record.get("flags")


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
    scope = Scope(inp)
    current: list[Activity] = []
    previous: list[Activity] = []
    waiting: list[Activity] = []
    for activity in sorted(scope.live, key=activity_order):
        day = parse_date(activity.get("occurred_on"))
        if day is None:
            continue
        if inp.period_start <= day <= inp.period_end:
            if scope.covers(activity):
                current.append(activity)
            elif scope.awaits(activity):
                waiting.append(activity)  # no operation yet: a supervisor must place it
        elif inp.previous_start <= day <= inp.previous_end and scope.covers(activity):
            previous.append(activity)
    counted = [a for a in current if is_counted(a, inp.verified_only)]
    counted_prev = [a for a in previous if is_counted(a, inp.verified_only)]
    coverage = sorted(
        (
            scope.coverage_row(c)
            for c in inp.coverage
            if _in_period(coverage_day(c), inp, undated=True) and scope.reports_on(c)
        ),
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
        "made_at": inp.made_at.astimezone().isoformat() if inp.made_at else None,
        "command": inp.command,
        "unvouched": inp.unvouched,
    }
    figures["period"] = {
        "start": inp.period_start.isoformat(),
        "end": inp.period_end.isoformat(),
        "days": inp.days,
        "previous_start": inp.previous_start.isoformat(),
        "previous_end": inp.previous_end.isoformat(),
    }
    figures["operation"] = _operation(inp, inp.operation)
    figures["operations"] = _per_operation(inp, counted, counted_prev, appendix)
    figures["totals"] = _totals(current, counted, counted_prev, inp.verified_only, appendix)
    figures["activities"] = _activities(inp, counted, counted_prev, appendix)
    figures["drills"] = _drills(counted, appendix)
    figures["outreach"] = _outreach(inp, counted, appendix)
    figures["messages"] = _messages(counted, coverage, appendix)
    figures["stakeholders"] = _stakeholders(counted, appendix)
    figures["coverage"] = _coverage(coverage, scope.by_id, counted, appendix)
    figures["incidents"] = _incidents(inp, scope, counted, coverage, appendix)
    # A nil return is a unit that filed nothing: records awaiting verification were filed,
    # so --verified-only leaves them out of the figures but not out of this.
    filed = [a for a in current if is_counted(a)]
    filed_prev = [a for a in previous if is_counted(a)]
    figures["quality"] = _quality(
        inp, scope, current + waiting, (filed, filed_prev), coverage, figures, appendix
    )
    figures["empty"] = not (
        counted
        or coverage
        or figures["incidents"]["total"]
        or figures["quality"]["reported"]
        or figures["quality"]["proposed"]
    )
    figures["appendix"] = appendix.entries
    figures["report"]["figures_digest"] = figures_digest(figures)
    return figures


class Scope:
    """Which records the report covers: live ones (not rejected nor merged: those count
    nowhere) of its operation, or of every operation, and of its units."""

    def __init__(self, inp: ReportInput) -> None:
        self.inp = inp
        self.live = [a for a in inp.activities if a.get("review") not in GONE_REVIEWS]
        self.by_id = {str(a["id"]): a for a in self.live}
        self.gone = {str(a["id"]) for a in inp.activities if a.get("review") in GONE_REVIEWS}
        self.gone |= {str(i["id"]) for i in inp.incidents if i.get("review") in GONE_REVIEWS}
        self.operation_id = str(inp.operation["id"]) if inp.operation else None
        self.units = {u.casefold() for u in map(clean, inp.units or []) if u}

    def _unit_fits(self, record: dict[str, Any]) -> bool:
        return self.has_unit(unit_of(record))

    def has_unit(self, unit: str | None) -> bool:
        """Whether a unit's records belong in the report (every unit's, without units)."""
        if self.inp.units is None:
            return True
        name = clean(unit)
        return name is not None and name.casefold() in self.units

    def covers(self, activity: Activity) -> bool:
        if self.operation_id and str(activity.get("operation_id")) != self.operation_id:
            return False
        return self._unit_fits(activity)

    def awaits(self, activity: Activity) -> bool:
        """Not in the operation yet, awaiting review: its review may place it there."""
        return (
            bool(self.operation_id)
            and not activity.get("operation_id")
            and activity.get("review") in AWAITING_REVIEW
            and activity.get("status") != "cancelled"
            and self._unit_fits(activity)
        )

    def coverage_row(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item, no longer linked to a record that counts nowhere."""
        row = dict(item)
        for key in ("activity_id", "incident_id"):
            if row.get(key) and str(row[key]) in self.gone:
                row[key] = None
        return row

    def reports_on(self, item: dict[str, Any]) -> bool:
        """Whether the item belongs in this report: not about an activity it leaves out
        (another operation's, another unit's); with units, only about theirs."""
        linked = str(item.get("activity_id") or "")
        if linked in self.by_id:
            return self.covers(self.by_id[linked])
        # Unlinked items and items about records that count nowhere are news all the
        # same; a report on some units only keeps news about their activities.
        return self.inp.units is None


def figures_digest(figures: dict[str, Any]) -> str:
    """SHA-256 of every figure a report shows (all of ``figures`` but the moment it was
    generated), as canonical JSON: what ``audit verify --report`` recomputes."""
    report = {
        key: value
        for key, value in figures["report"].items()
        # unvouched: counted when the report sealed the store, not a figure of the events
        if key not in ("generated_at", "figures_digest", "unvouched")
    }
    shown = {**figures, "report": report}
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def coverage_day(item: dict[str, Any]) -> Any:
    """The day an item belongs to a period by: its publication, else the day it reports.
    An item without a publication date so counts in one period, not in every one whose
    input holds it (the report reads the previous period's items too)."""
    return item.get("published_on") or item.get("occurred_on")


def _in_period(value: Any, inp: ReportInput, undated: bool = False) -> bool:
    day = parse_date(value)
    if day is None:
        return undated
    return inp.period_start <= day <= inp.period_end


def _operation(inp: ReportInput, op: dict[str, Any] | None) -> dict[str, Any] | None:
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
        "flags": [entry.as_dict() for entry in entries_of(flags_of(op))],
        "days": days,
    }


def _per_operation(
    inp: ReportInput, counted: list[Activity], counted_prev: list[Activity], appendix: Appendix
) -> list[dict[str, Any]]:
    """Without an operation asked for: a part per operation with counted activities in the
    period, each with its own operation day, then one for activities outside any."""
    if inp.operation:
        return []
    known = {str(op["id"]): op for op in inp.operations}
    groups: dict[str | None, list[Activity]] = defaultdict(list)
    before: dict[str | None, list[Activity]] = defaultdict(list)
    for activity in counted:
        key = str(activity.get("operation_id") or "")
        groups[key if key in known else None].append(activity)
    for activity in counted_prev:
        key = str(activity.get("operation_id") or "")
        before[key if key in known else None].append(activity)
    parts = []
    named = sorted(
        (key for key in groups if key is not None),
        key=lambda key: (str(known[key].get("start")), str(known[key].get("name")), key),
    )
    ordered: list[str | None] = [*named, *([None] if None in groups else [])]
    for op_key in ordered:
        activities = groups[op_key]
        kinds = Counter(kind_of(a) for a in activities)
        label = known[op_key]["name"] if op_key else None
        parts.append(
            {
                "operation": _operation(inp, known[op_key]) if op_key else None,
                "counted": len(activities),
                "previous": len(before.get(op_key, [])),
                "by_kind": [{"kind": k, "count": kinds[k]} for k in KINDS if kinds[k]],
                "ids": appendix.cite(
                    f"operations/{label or '-'}",
                    "by_operation" if op_key else "outside_operation",
                    ids_of(activities),
                    label,
                ),
            }
        )
    return parts


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
    per_week: list[dict[str, Any]] = []
    for number, (start, end) in enumerate(weeks_of(inp), start=1):
        in_week = [a for a in counted if _within(parse_date(a.get("occurred_on")), start, end)]
        counts = Counter(kind_of(a) for a in in_week)
        per_week.append(
            {
                "week": number,
                "date": start.isoformat(),
                "end": end.isoformat(),
                "total": len(in_week),
                "counts": {kind: counts[kind] for kind in KINDS if counts[kind]},
                "ids": appendix.cite(
                    f"activities/per_week/{number}", "per_week", ids_of(in_week), str(number)
                )
                if in_week
                else [],
            }
        )
    return {"by_kind": by_kind, "by_unit": rows, "per_day": per_day, "per_week": per_week}


def weeks_of(inp: ReportInput) -> list[tuple[date, date]]:
    """The period cut into weeks of seven days from its first day (the last may be short)."""
    weeks = []
    start = inp.period_start
    while start <= inp.period_end:
        end = min(start + timedelta(days=6), inp.period_end)
        weeks.append((start, end))
        start = end + timedelta(days=1)
    return weeks


def _known_size(activities: list[Activity]) -> int | None:
    """People reached, over the activities whose audience size is known; None if none is."""
    sizes = [a["audience_size"] for a in activities if a.get("audience_size") is not None]
    return sum(sizes) if sizes else None


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
            "size": _known_size(group),
            "with_size": sum(1 for a in group if a.get("audience_size") is not None),
            "_group": group,
        }
        for key, group in groups.items()
    ]
    rows.sort(key=lambda r: (-(r["size"] or 0), -r["activities"], *_none_last(r["label"])))
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
    for number, (start, end) in enumerate(weeks_of(inp), start=1):
        in_week = [a for a in outreach if _within(parse_date(a["occurred_on"]), start, end)]
        weeks.append(
            {
                "week": number,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "activities": len(in_week),
                "size": _known_size(in_week),
                "with_size": sum(1 for a in in_week if a.get("audience_size") is not None),
                "ids": appendix.cite(
                    f"outreach/by_week/{number}", "reach_week", ids_of(in_week), str(number)
                ),
            }
        )
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
        rows.append(
            {
                "unit": unit_label,
                # Each cell counts activities; a row's total adds its cells (engagements),
                # and "activities" counts each of the unit's activities once.
                "total": sum(cell["count"] for cell in row_cells),
                "activities": len(row_ids[unit]),
                "cells": row_cells,
            }
        )
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
    return {
        "columns": [holders.label(k) for k in columns],
        "rows": rows,
        "totals": totals,
        "total": sum(row["total"] for row in rows),
        "activities": len(set().union(*row_ids.values())) if row_ids else 0,
    }


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
                "about": "activity"
                if activity_id
                else ("incident" if item.get("incident_id") else "other"),
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

    # Several items about one activity: one activity, all items counted as coverage. An
    # activity outside the report's dates is named as the news names it.
    group_rows: list[dict[str, Any]] = []
    for activity_id, group in groups.items():
        activity = activities.get(activity_id)
        first = group[0]
        group_rows.append(
            {
                "activity_id": activity_id,
                "title": (activity or first).get("title"),
                "kind": kind_of(activity) if activity else None,
                "occurred_on": (activity or first).get("occurred_on"),
                "counted": activity_id in counted_ids,
                "items": len(group),
                "several_items": len(group) > 1,
                "outlets": sorted({o for o in (clean(i.get("outlet")) for i in group) if o}),
                "ids": appendix.cite(
                    f"coverage/activity/{activity_id}",
                    "coverage_group",
                    ids_of(group),
                    clean((activity or first).get("title")),
                ),
            }
        )
    group_rows.sort(
        key=lambda r: (-r["items"], str(r["occurred_on"] or ""), str(r["title"]), r["activity_id"])
    )

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

    about_incidents = [i for i in coverage if i.get("incident_id")]
    about_activities = [i for i in coverage if _linked_activity(i, activities)]
    unlinked = [i for i in coverage if i not in about_incidents and i not in about_activities]
    return {
        "items": len(coverage),
        "ids": appendix.cite("coverage/items", "coverage", ids_of(coverage)),
        "outlets": outlet_rows,
        "activities_covered": len(groups),
        "activity_ids": appendix.cite("coverage/activities", "covered_activities", groups),
        "several_items": sum(1 for g in group_rows if g["several_items"]),
        "groups": group_rows,
        **_syndication(coverage, activities, appendix),
        "activity_items": len(about_activities),
        "activity_item_ids": appendix.cite(
            "coverage/about_activities", "activity_items", ids_of(about_activities)
        ),
        "incident_items": len(about_incidents),
        "incident_item_ids": appendix.cite(
            "coverage/incidents", "incident_items", ids_of(about_incidents)
        ),
        "unlinked": len(unlinked),
        "unlinked_ids": appendix.cite("coverage/unlinked", "unlinked", ids_of(unlinked)),
        "speakers": speaker_rows,
        "list": items,
    }


def _syndication(
    coverage: list[dict[str, Any]], activities: dict[str, Activity], appendix: Appendix
) -> dict[str, Any]:
    """Syndicated groups: one text run by several outlets (a wire story, a police site's
    release run by a newspaper), each copy kept as an item of its own pointing at the
    first. A group is listed when the period holds a copy; it counts the period's items
    of that text and their outlets (the first copy itself may be older)."""
    by_text: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names = Names()  # one outlet however its items spell it
    for item in coverage:
        by_text[str(item.get("syndicated_from") or item["id"])].append(item)
        names.key(item.get("outlet"))
    rows: list[dict[str, Any]] = []
    for first_id, group in by_text.items():
        copies = [item for item in group if item.get("syndicated_from")]
        if not copies:
            continue
        first = next((item for item in group if str(item["id"]) == first_id), copies[0])
        keys = {text.casefold() for text in (clean(i.get("outlet")) for i in group) if text}
        outlets = sorted((names.label(key) or "" for key in keys), key=str.casefold)
        about = (
            "activity"
            if _linked_activity(first, activities)
            else ("incident" if first.get("incident_id") else "other")
        )
        rows.append(
            {
                "first_id": first_id,
                "title": clean(first.get("title")),
                "first_outlet": clean(first.get("outlet"))
                if str(first["id"]) == first_id
                else None,
                "published_on": first.get("published_on"),
                "about": about,
                "items": len(group),
                "copies": len(copies),
                "outlets": outlets,
                "outlet_count": len(outlets),
                "ids": appendix.cite(
                    f"coverage/syndicated/{first_id}",
                    "syndicated_group",
                    ids_of(group),
                    clean(first.get("title")),
                ),
            }
        )
    rows.sort(
        key=lambda r: (-r["items"], str(r["published_on"] or ""), str(r["title"]), r["first_id"])
    )
    return {
        "syndicated_copies": sum(row["copies"] for row in rows),
        "syndicated_groups": rows,
    }


def _drill_coverage(scope: "Scope") -> dict[str, set[str]]:
    """Coverage ids of every live simulation in the input, whatever its review."""
    drills: dict[str, set[str]] = defaultdict(set)
    for a in scope.live:
        if kind_of(a) == "simulation":
            drills[str(a["id"])] |= set(map(str, a.get("coverage_ids") or []))
    for item in scope.inp.coverage:
        if str(item.get("activity_id")) in drills:
            drills[str(item["activity_id"])].add(str(item["id"]))
    return drills


def _incidents(
    inp: ReportInput,
    scope: Scope,
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
        if _in_period(i.get("occurred_on"), inp)
        and str(i["id"]) not in drill_ids
        and str(i["id"]) not in scope.gone
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
                "title": i.get("title"),
                "date": i.get("occurred_on"),
                "place": place_label(i.get("place")),
                "description": i.get("description"),
                "police_intervened": i.get("police_intervened"),
                "coverage_ids": sorted(map(str, i.get("coverage_ids") or [])),
                "flags": i.get("flags") or [],
            }
            for i in real
        ],
    }


def _flag_rows(
    scope: Scope,
    records: list[tuple[str, dict[str, Any]]],
    coverage: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Every flag of the records, once per record, with the news items that raised it.

    A news item's flags are also on the record it reports; they are shown there, once,
    naming the item as a source, and never again as the item's own."""
    items_by_id = {str(c["id"]): c for c in scope.inp.coverage}
    raised_by: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for item in coverage:
        for flag in entries_of(item.get("flags")):
            raised_by[flag.flag.key].append(item)
    rows = []
    for source, record in records:
        for entry in entries_of(flags_of(record)):
            items = [
                items_by_id[ref.partition(":")[2]]
                for ref in entry.sources
                if ref.partition(":")[2] in items_by_id
            ]
            linked = {str(i) for i in record.get("coverage_ids") or []}
            if not items:
                items = [i for i in raised_by.get(entry.flag.key, []) if str(i["id"]) in linked]
            rows.append(
                {
                    "source": source,
                    "id": str(record["id"]),
                    "title": record.get("title") or record.get("name"),
                    "date": record.get("occurred_on"),
                    **entry.as_dict(),
                    "sources": [
                        {"outlet": clean(i.get("outlet")), "published_on": i.get("published_on")}
                        for i in sorted(items, key=coverage_order)
                    ],
                }
            )
    return rows


def _quality(
    inp: ReportInput,
    scope: Scope,
    current: list[Activity],
    filed: tuple[list[Activity], list[Activity]],
    coverage: list[dict[str, Any]],
    figures: dict[str, Any],
    appendix: Appendix,
) -> dict[str, Any]:
    """``filed``: the records units filed (reported or verified) in the period and in
    the previous one, whatever ``verified_only`` counts."""
    filed_now, filed_prev = filed
    records: list[tuple[str, dict[str, Any]]] = []
    if figures["operation"]:
        records.append(("operation", inp.operation or {}))
    for part in figures["operations"]:
        if part["operation"]:
            op = next(o for o in inp.operations if str(o["id"]) == part["operation"]["id"])
            records.append(("operation", op))
    # Cancelled records are settled as well as rejected ones; the rest may need a look.
    records += [("activity", a) for a in current if a.get("status") != "cancelled"]
    by_id = {str(i["id"]): i for i in inp.incidents}
    records += [("incident", by_id[i["id"]]) for i in figures["incidents"]["list"]]
    rows = _flag_rows(scope, records, coverage)
    flags = [row for row in rows if row["status"] == "open"]
    resolved = [row for row in rows if row["status"] != "open"]

    def named(ids: Iterable[str]) -> list[dict[str, Any]]:
        """Records by title and day, for the reader; their ids go to the appendix."""
        found = []
        for record_id in sorted(set(ids)):
            record = scope.by_id.get(record_id) or next(
                (c for c in coverage if str(c["id"]) == record_id), None
            )
            if record:
                found.append(
                    {
                        # A news item without a title is named by its outlet, never "–".
                        "title": clean(record.get("title")) or clean(record.get("outlet")),
                        "date": record.get("occurred_on") or record.get("published_on"),
                    }
                )
        return sorted(found, key=lambda r: (str(r["date"]), str(r["title"])))

    checks = []
    op = figures["operation"]
    if op and op["start"] and op["days"] is None:
        checks.append({"code": "period_outside_operation", "subject": op["id"], "ids": []})
    undated = [c for c in coverage if parse_date(c.get("published_on")) is None]
    if undated:
        checks.append({"code": "coverage_undated", "subject": None, "ids": ids_of(undated)})
    for group in figures["coverage"]["groups"]:
        if not group["counted"]:
            known = group["activity_id"] in scope.by_id
            checks.append(
                {
                    "code": "coverage_of_uncounted",
                    "subject": group["activity_id"],
                    "ids": [group["activity_id"]] if known else group["ids"],
                }
            )
    drill_coverage = _drill_coverage(scope)
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
        check["records"] = named(check["ids"])
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
            "operation": bool(a.get("operation_id")),
        }

    waiting = [a for a in current if a.get("status") != "cancelled"]
    reported = [a for a in waiting if a.get("review") == "reported"]
    proposed = [a for a in waiting if a.get("review") == "proposed"]

    # Nil returns: units that reported before (earlier, or in the previous period) and
    # have filed nothing now. Silence is news for the Anev meeting.
    names = Names()
    now = {names.key(unit_of(a)) for a in filed_now}
    # The store's units that were active before: a report on some units names only theirs.
    before = {names.key(u) for u in inp.units_active_before if scope.has_unit(u)}
    prev_units: dict[str | None, list[Activity]] = defaultdict(list)
    for a in filed_prev:
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
    appendix.cite("quality/flags", "flags", {f["id"] for f in flags})
    appendix.cite("quality/resolved", "resolved_flags", {f["id"] for f in resolved})
    return {
        "open": len(flags) + len(checks),
        "flags": flags,
        "resolved": resolved,
        "checks": checks,
        "reported": [brief(a) for a in reported],
        "reported_ids": appendix.cite("quality/reported", "reported", ids_of(reported)),
        "proposed": [brief(a) for a in proposed],
        "proposed_ids": appendix.cite("quality/proposed", "proposed", ids_of(proposed)),
        "nil_returns": nil_returns,
    }
