"""What a validated field report becomes: the values of one activity to import."""

from functools import lru_cache
from pathlib import Path
from typing import Any

from adapters.field_reports.load import LoadedReport
from domain.model.units import unit_key


def activity_record(loaded: LoadedReport) -> dict[str, Any]:
    """The keywords of ``HumasApplication.import_field_reports`` for one report.

    The reporting unit organises the activity and is listed first among its units; who
    sent the report, from which file (its absolute path) and line (``index`` for JSON),
    and the attachments' paths and SHA-256 digests go into the activity's ``source``, so
    an auditor can trace every record back to its report.
    """
    report = loaded.report
    file = _absolute(loaded.path)
    position = "index" if loaded.location_kind == "index" else "line"
    at = f"[{loaded.location}]" if position == "index" else str(loaded.location)
    units = _distinct_units([report.unit, *report.units])
    return {
        "report_id": report.effective_report_id,
        "kind": report.kind,
        "title": report.title,
        "occurred_on": report.date,
        "occurred_at": report.time,
        "place": report.place.model_dump(),
        "organiser": report.unit,
        "units": units,
        "personnel": report.personnel,
        "stakeholders": list(report.stakeholders),
        "audience": report.audience,
        "audience_size": report.audience_size,
        "channel": report.channel,
        "messages": list(report.messages),
        "operation": report.operation,
        "scenario_setting": report.scenario_setting,
        "scenario_steps": list(report.scenario_steps),
        "notes": report.narrative,
        "source": {
            "report_id": report.effective_report_id,
            "file": file,
            position: loaded.location,
            "at": f"{file}:{at}",
            "reporter": report.reporter.model_dump(mode="json", exclude_none=True),
            "attachments": [item.model_dump(mode="json") for item in report.attachments],
            # what the report said, so the same report sent again with other content is
            # noticed (see FieldReportIntake)
            "content_sha256": report.content_hash(),
        },
    }


def _distinct_units(names: list[str]) -> list[str]:
    """Each unit once, as first written: "POLSEK SIDO REJO" and "Polsek  Sido Rejo" are
    one unit, as the store's unit list has it."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(unit_key(name), name)
    return list(kept.values())


@lru_cache(maxsize=64)
def _absolute(path: Path) -> str:
    return str(path.resolve())
