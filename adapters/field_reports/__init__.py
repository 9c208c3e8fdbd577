"""Field reports: activity reports that officers send as YAML, JSON or CSV files.

``load_field_reports`` reads a whole file or refuses it with ``FieldReportErrors``;
``FieldReport`` is the contract every record must meet.
"""

from adapters.field_reports.load import (
    FieldReportErrors,
    LoadedReport,
    Problem,
    load_field_reports,
)
from adapters.field_reports.model import Attachment, FieldReport, Place, Reporter
from adapters.field_reports.schema import field_report_json_schema, field_report_template

__all__ = [
    "Attachment",
    "FieldReport",
    "FieldReportErrors",
    "LoadedReport",
    "Place",
    "Problem",
    "Reporter",
    "field_report_json_schema",
    "field_report_template",
    "load_field_reports",
]
