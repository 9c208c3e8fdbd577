"""Importing one field-report file: read it, check it against the contract and the
store's rules in one pass, import it whole or not at all, and say how it went.

The one pipeline the command (``humas ingest field-report``), the demo and the bench
call; they only parse their arguments and print the :class:`FileImport` it returns.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.field_reports.load import (
    FieldReportErrors,
    LoadedReport,
    Problem,
    load_field_reports,
)
from adapters.field_reports.records import activity_record

if TYPE_CHECKING:
    from domain.application import HumasApplication
    from domain.model.errors import DomainError
    from domain.model.provenance import Recorder

# Where a domain field of an activity comes from in a field report.
REPORT_FIELDS = {
    "occurred_on": "date",
    "occurred_at": "time",
    "date_precision": "date",
    "organiser": "unit",
    "operation_id": "operation",
    "notes": "narrative",
}


@dataclass
class FileImport:
    """How one file went: the reports imported (or, on a dry run, that would be), those
    skipped as imported before, and every problem as ``FILE:LINE: FIELD: problem``."""

    file: str
    dry_run: bool
    imported: list[str] = field(default_factory=list)  # report ids
    activity_ids: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # imported before: report ids
    # of those, the ones sent now with other content than when first imported
    changed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # str() of one is its English line

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "dry_run": self.dry_run,
            "imported": self.imported,
            "activity_ids": self.activity_ids,
            "already_imported": self.skipped,
            "changed_since_import": self.changed,
            "errors": [str(problem) for problem in self.problems],
        }


def import_field_report_file(
    app: "HumasApplication", by: "Recorder", path: str | Path, *, dry_run: bool = False
) -> FileImport:
    """Import one file, whole or not at all.

    Every problem comes at once: the file's own (the contract) and, for the records
    that meet the contract, the store's (an unknown operation, a value rule), so the
    sender fixes the file in one round. A refusal of the actor's role is not about the
    file: it is raised, and stops the command."""
    from domain.model.errors import Conflict, RecordsRefused

    name = str(path)
    result = FileImport(file=name, dry_run=dry_run)
    file_problems: list[tuple[tuple[int, int], Problem]] = []
    try:
        loaded = load_field_reports(Path(path))
    except FieldReportErrors as error:
        loaded = error.loaded  # the records that meet the contract, checked below
        file_problems = [(_order(problem.location), problem) for problem in error.problems]
    records = [activity_record(report) for report in loaded]
    try:
        # With problems already found, the store is only asked; nothing is written.
        outcome = app.import_field_reports(by, records, dry_run=dry_run or bool(file_problems))
    except RecordsRefused as refused:
        file_problems += [
            (_order_of(loaded[index]), _refused(loaded[index], field, error))
            for index, field, error in refused.problems
        ]
    except Conflict as error:  # another import of the same reports saved first
        file_problems.append(((0, 0), _said(name, error)))
    else:
        if not file_problems:
            result.imported = outcome["imported"]
            result.activity_ids = outcome["activity_ids"]
            result.skipped = outcome["already_imported"]
            result.changed = outcome["changed_since_import"]
    result.problems = [line for _, line in sorted(file_problems, key=lambda item: item[0])]
    return result


def _refused(report: LoadedReport, field: str | None, error: "DomainError") -> Problem:
    """A record the store's rules refuse, as a problem at the record's line."""
    return _said(
        str(report.path), error, report.at, REPORT_FIELDS.get(field or "", field or "record")
    )


def _said(
    path: str, error: "DomainError", where: str | None = None, field: str | None = None
) -> Problem:
    from domain.model.errors import MESSAGES, WORDS

    values = {  # the domain's words in English, said in the reader's language (Problem.said)
        name: WORDS[name].get(str(value), str(value)) if name in WORDS else value
        for name, value in error.values.items()
    }
    # A day in a file's problem is written as in the file's contract (ISO), in any language.
    values = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
    return Problem(path, error.message, where, field, MESSAGES[error.code], values)


def _order(location: str | None) -> tuple[int, int]:
    """File-level problems first, then by line (or JSON index), as the file reads."""
    if location is None:
        return (0, 0)
    number = re.search(r"\d+", location)
    return (1, int(number.group()) if number else 0)


def _order_of(report: LoadedReport) -> tuple[int, int]:
    return (1, report.location)
