"""JSON Schema and the blank templates: complete, and loadable once filled in."""

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from adapters.field_reports.load import FieldReportErrors, load_field_reports
from adapters.field_reports.model import FieldReport, field_names
from adapters.field_reports.schema import field_report_json_schema, field_report_template


def flat_keys(record: dict) -> set[str]:
    keys = set()
    for key, value in record.items():
        if isinstance(value, dict):
            keys |= {f"{key}.{sub}" for sub in value}
        else:
            keys.add(key)
    return keys


def test_json_schema_describes_the_contract() -> None:
    schema = field_report_json_schema()
    json.dumps(schema)  # must be plain JSON
    assert set(schema["properties"]) == set(FieldReport.model_fields)
    assert set(schema["required"]) == {"reporter", "unit", "kind", "title", "date"}
    assert schema["additionalProperties"] is False
    from domain.model.rules import KIND_ALIASES

    assert schema["properties"]["kind"]["enum"] == [
        "simulation",
        "outreach",
        "deployment",
        "coordination",
        "press",
        "other",
        *KIND_ALIASES,
    ]
    date_pattern = re.compile(schema["properties"]["date"]["pattern"])
    assert date_pattern.match("2023-10-17") and date_pattern.match("17/10/2023")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_templates_hold_every_field(fmt: str) -> None:
    text = field_report_template(fmt)  # type: ignore[arg-type]
    record = yaml.safe_load(text) if fmt == "yaml" else json.loads(text)[0]
    assert flat_keys(record) == set(field_names())


def test_yaml_template_explains_every_field() -> None:
    for line in field_report_template("yaml").splitlines():
        if line and not line.startswith("#"):
            assert "#" in line, f"template line without a comment: {line!r}"


def test_csv_template_is_a_header_and_a_commented_example() -> None:
    header, example = field_report_template("csv").splitlines()
    assert header.split(",") == field_names()
    assert example.startswith("# ")


def test_unknown_template_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown template format"):
        field_report_template("xml")  # type: ignore[arg-type]


def test_blank_templates_are_refused_for_the_required_fields(write: Callable[..., Path]) -> None:
    path = write("laporan.yaml", field_report_template("yaml"))
    with pytest.raises(FieldReportErrors) as caught:
        load_field_reports(path)
    fields = [line.split(": ")[1] for line in caught.value.lines]
    assert fields == ["reporter.name", "reporter.rank", "unit", "kind", "title", "date"]


FILLED = {
    "reporter.name": "Rahmat Hidayat",
    "reporter.rank": "Aipda",
    "unit": "Polsek Talang Rejo",
    "kind": "simulation",
    "title": "Latihan pengamanan TPS",
    "date": "24/11/2023",
    "time": "08:00",
    "place.village": "Karang Anyar",
    "personnel": "12",
    "scenario_setting": "TPS tiruan",
    "narrative": "Latihan berjalan lancar.",
}
LISTS = {
    "units": ["Polsek Talang Rejo", "Koramil 409-02"],
    "scenario_steps": ["protes", "negosiasi"],
}


def check_filled(report: FieldReport) -> None:
    assert report.reporter.name == "Rahmat Hidayat"
    assert report.kind == "simulation"
    assert str(report.date) == "2023-11-24"
    assert report.time == "08:00"
    assert report.place.village == "Karang Anyar"
    assert report.personnel == 12
    assert report.units == LISTS["units"]
    assert report.scenario_steps == LISTS["scenario_steps"]
    assert report.channel is None  # left blank


def test_filled_yaml_template_loads(write: Callable[..., Path]) -> None:
    lines = []
    section = ""
    for line in field_report_template("yaml").splitlines():
        key = line.strip().split(":", 1)[0]
        if line and not line.startswith((" ", "#")):
            section = key
        dotted = f"{section}.{key}" if line.startswith(" ") else key
        if dotted in FILLED:
            line = line.replace(f"{key}:", f"{key}: {FILLED[dotted]}", 1)
        elif dotted in LISTS:
            line = line.replace(f"{key}: []", f"{key}: [{', '.join(LISTS[dotted])}]", 1)
        lines.append(line)
    [loaded] = load_field_reports(write("laporan.yaml", "\n".join(lines) + "\n"))
    check_filled(loaded.report)


def test_filled_json_template_loads(write: Callable[..., Path]) -> None:
    records = json.loads(field_report_template("json"))
    for dotted, value in FILLED.items():
        top, _, sub = dotted.partition(".")
        if sub:
            records[0][top][sub] = value
        else:
            records[0][top] = value
    records[0].update(LISTS)
    [loaded] = load_field_reports(write("laporan.json", json.dumps(records)))
    check_filled(loaded.report)


def test_filled_csv_template_loads(write: Callable[..., Path]) -> None:
    template = field_report_template("csv")
    cells = {name: "" for name in field_names()}
    cells.update(FILLED)
    cells.update({name: "; ".join(values) for name, values in LISTS.items()})
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells[name] for name in field_names())
    [loaded] = load_field_reports(write("laporan.csv", template + out.getvalue()))
    check_filled(loaded.report)
    assert loaded.location == 3  # header, commented example, then this row


def test_csv_template_example_is_itself_a_valid_row(write: Callable[..., Path]) -> None:
    header, example = field_report_template("csv").splitlines()
    write("foto/curhat-1.jpg", b"photo")
    [loaded] = load_field_reports(
        write("laporan.csv", f"{header}\n{example[len('# example: ') :]}\n")
    )
    assert loaded.report.title == "Jumat Curhat bersama warga"


def test_the_command_prints_the_schema_and_a_template_that_loads_once_filled(tmp_path):
    import json

    from click.testing import CliRunner

    from adapters.cli.main import cli

    runner = CliRunner()
    printed = json.loads(runner.invoke(cli, ["schema", "field-report"]).stdout)
    assert "title" in printed["properties"]
    csv_template = runner.invoke(cli, ["template", "field-report", "--format", "csv"]).stdout
    assert csv_template.splitlines()[0].startswith(("report_id", "reporter", "#"))


def test_the_yaml_template_shows_only_kinds_dates_and_times_that_go_in() -> None:
    from adapters.dates import parse_date, parse_time
    from domain.model.rules import activity_kind

    lines = field_report_template("yaml").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("kind:"))
    said = " ".join(line.partition("#")[2] for line in lines[start : start + 3])
    kinds = said.replace("(required)", "").replace("or as you call it:", ",").replace(" or ", ",")
    for kind in (name.strip(" …") for name in kinds.split(",")):
        if kind:
            activity_kind(kind)
    for day in ("17/11/2023", "17 November 2023", "Jumat, 17 November 2023", "2023-11-17"):
        assert parse_date(day).isoformat() == "2023-11-17"
        assert day in "\n".join(lines)
    for time in ("09.00", "09:00 WIB", "pukul 09.00 WITA s.d. selesai"):
        parse_time(time)
        assert time in "\n".join(lines)
    assert "without WIB" not in "\n".join(lines)  # the zone is kept (README, Times)
