"""Where a report's input comes from: the read model, through the application.

Only the activities of the report's period and the one before it are read, so the
time a report takes follows the period, not the size of the store.
"""

import shlex
from contextlib import nullcontext
from datetime import date, datetime, timedelta
from typing import Any

from domain.application import HumasApplication
from domain.flags import entries_of
from domain.model.errors import InvalidValue
from domain.model.policies import counts_in_figures
from domain.ports import ActivityFilter
from reports.figures import flags_of
from reports.model import ReportInput


def week_bounds(week: str | None, day: date | None) -> tuple[date, date]:
    """Monday and Sunday of an ISO week (``2023-W42``), of the week of ``day``, or of today."""
    if week:
        try:
            year, number = week.upper().split("-W")
            monday = date.fromisocalendar(int(year), int(number), 1)
        except ValueError:
            raise InvalidValue("not-iso-week", "week", got=repr(week)) from None
    else:
        day = day or date.today()
        monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def build_input(
    app: HumasApplication,
    *,
    kind: str,
    start: date,
    end: date,
    operation_ref: str | None,
    lang: str,
    verified_only: bool,
    unit: str | None = None,
    now: datetime | None = None,
    as_of: datetime | None = None,
    seal: dict[str, Any] | None = None,
) -> ReportInput:
    """The input of a report as the store stands now, with ``seal`` (the seal its maker
    made just before, which the footer prints), or as it stood at ``as_of``, with the
    seal printed then. Reading only: sealing is the report command's step."""
    if end < start:
        raise InvalidValue("report-period-reversed", field="to")
    moment = nullcontext(None) if as_of is None else app.as_of(as_of)
    with moment as position:
        if position is not None:
            seal = app.seal_before(position)  # the seal the report printed then
        held = _held(app, start, end, operation_ref)
    if unit is not None:
        # The unit and every unit under it, from the unit list as it stood then: a unit
        # listed later must not change a report made again as of that moment.
        held["units"] = app.units_under(unit, position)
        held["unit"] = app.unit_named(unit, position)
    made_at = app.moment_after(held["store_position"]) if held["store_position"] else None
    return ReportInput(
        made_at=made_at,
        command=reproducing_command(
            kind,
            start,
            end,
            held["operation"],
            lang,
            verified_only,
            made_at,
            unit=held["unit"] if unit is not None else None,
        ),
        unvouched=(seal or {}).get("unvouched", 0),
        kind=kind,  # type: ignore[arg-type]
        period_start=start,
        period_end=end,
        generated_at=(now or datetime.now()).astimezone(),
        lang=lang,  # type: ignore[arg-type]
        verified_only=verified_only,
        seal={"position": seal["position"], "hash": seal["hash"]} if seal else None,
        **held,
    )


def check_names(app: HumasApplication, operation_ref: str | None, unit: str | None) -> None:
    """Refuse an operation or a unit the store does not know, as the report would."""
    if operation_ref:
        app.operation_id(operation_ref, "operation")
    if unit is not None:
        app.units_under(unit)


def reproducing_command(
    kind: str, start: date, end: date, operation: dict[str, Any] | None, lang: str,
    verified_only: bool, made_at: datetime | None, unit: str | None = None,
) -> str | None:  # fmt: skip
    """The command that makes this report again, as of the moment it was made from
    (``unit``: the unit it was narrowed to, as the unit list spells it)."""
    if made_at is None:
        return None
    if kind == "weekly":
        year, week, _ = start.isocalendar()
        parts = ["humas", "report", kind, "--week", f"{year}-W{week:02d}"]
    else:
        parts = ["humas", "report", kind, "--from", f"{start:%d/%m/%Y}", "--to", f"{end:%d/%m/%Y}"]
    if operation:
        parts += ["--operation", operation["slug"]]
    if unit:
        parts += ["--unit", unit]
    parts += ["--lang", lang]  # the default follows the reader's settings, so it is written
    if verified_only:
        parts.append("--verified-only")
    parts += ["--as-of", made_at.astimezone().isoformat()]
    return " ".join(shlex.quote(part) for part in parts)


def _held(
    app: HumasApplication, start: date, end: date, operation_ref: str | None
) -> dict[str, Any]:
    """What the read model holds for the period and the one before it.

    Every activity of those days is read, whatever its operation: the figures keep the
    operation's, and tell news about another operation's activity from unrelated news.
    """
    operations = app.list_operations()  # a small table: as of the report's moment
    operation = _operation(app, operations, operation_ref)
    previous_start = start - (end - start) - timedelta(days=1)
    activities = app.list_activities(ActivityFilter(date_from=previous_start, date_to=end))
    coverage = [_coverage_row(item) for item in app.list_coverage(previous_start, end)]
    # Rejected incidents too: news about them then counts as unrelated, not as lost.
    incidents = [_incident_row(incident) for incident in app.list_incidents(start, end)]
    coverage += _flag_sources(app, [*activities, *incidents], coverage)
    return {
        "operation": operation,
        "operations": operations,
        "activities": activities,
        "coverage": coverage,
        "incidents": incidents,
        "units_active_before": app.units_active_before(
            previous_start, operation["slug"] if operation else None
        ),
        "unit": (operation or {}).get("lead_unit") or _only_lead_unit(operations),
        "store_position": app.read_model.position(),
    }


def _only_lead_unit(operations: list[dict[str, Any]]) -> str | None:
    """The unit a report of every operation is from, when they all have one lead unit."""
    units = {op.get("lead_unit") for op in operations if op.get("lead_unit")}
    return units.pop() if len(units) == 1 else None


def _flag_sources(
    app: HumasApplication, records: list[dict[str, Any]], coverage: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The news items that raised the records' flags but lie outside the days read (an
    article published a week after the activity it reports), so that the data-quality
    section names them as the flags' sources. Coverage figures go by each item's own
    day, so these add to none of them."""
    held = {str(item["id"]) for item in coverage}
    found: list[dict[str, Any]] = []
    for record in records:
        missing = {
            ref.partition(":")[2]
            for entry in entries_of(flags_of(record))
            for ref in entry.sources
            if ref.startswith("coverage:")
        } - held
        if not missing:
            continue
        for item in app.coverage_of(str(record["id"])):
            if str(item["id"]) in missing:
                found.append(_coverage_row(item))
                held.add(str(item["id"]))
    return found


def _coverage_row(item: dict[str, Any]) -> dict[str, Any]:
    """A coverage item as the report reads it: which activity or incident it is about."""
    linked = item.get("record_id")
    return {
        **item,
        "activity_id": linked if item.get("record_type") == "Activity" else None,
        "incident_id": linked if item.get("record_type") == "Incident" else None,
    }


def _incident_row(incident: dict[str, Any]) -> dict[str, Any]:
    return {**incident, "description": incident.get("what_happened") or incident["title"]}


def busiest_week(app: HumasApplication) -> tuple[date, date]:
    """The week with the most activities counted (the earliest of equals)."""
    per_week: dict[date, int] = {}
    for activity in app.list_activities(ActivityFilter()):
        if counts_in_figures(activity["status"], activity["review"]):
            monday, _ = week_bounds(None, date.fromisoformat(activity["occurred_on"]))
            per_week[monday] = per_week.get(monday, 0) + 1
    if not per_week:
        return week_bounds(None, None)
    monday = min(per_week, key=lambda week: (-per_week[week], week))
    return monday, monday + timedelta(days=6)


def _operation(
    app: HumasApplication, operations: list[dict[str, Any]], ref: str | None
) -> dict[str, Any] | None:
    """The operation asked for; without one, none: the report covers every operation."""
    if not ref:
        return None
    wanted = app.operation_id(ref, "operation")
    return next(operation for operation in operations if operation["id"] == wanted)
