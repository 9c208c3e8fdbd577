"""What a validated field report becomes: the values of one activity to import."""

from typing import Any

from adapters.field_reports.load import LoadedReport


def activity_record(loaded: LoadedReport) -> dict[str, Any]:
    """The keywords of ``HumasApplication.import_field_reports`` for one report.

    The reporting unit organises the activity and is listed first among its units; who
    sent the report, from which file and line, and the attachments' digests go into the
    activity's ``source`` so an auditor can trace every record back to its report.
    """
    report = loaded.report
    units = list(dict.fromkeys([report.unit, *report.units]))
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
            "file": str(loaded.path),
            "at": loaded.where,
            "reporter": report.reporter.model_dump(mode="json", exclude_none=True),
            "attachments": [item.model_dump(mode="json") for item in report.attachments],
        },
    }
