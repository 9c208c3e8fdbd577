"""Steps of field_reports.feature, on both stores (see the root conftest.py).

The officer uses the ``humas ingest field-report`` command itself, on a copy of the
example sheet in ``adapters/field_reports/examples``; what came in is read through the
application, as a supervisor's screen would."""

import csv
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from adapters.dates import parse_date
from domain.ports import ActivityFilter
from tests.cli import humas

pytestmark = pytest.mark.usefixtures("store_url", "app")

scenarios("field_reports.feature")

EXAMPLES = Path(__file__).resolve().parents[1] / "adapters" / "field_reports" / "examples"
WEEKLY_SHEET = "polsek_talang_rejo_minggu_46.csv"
# The line each row of the weekly sheet starts on (some cells span several lines).
ROW_LINES = [4, 5, 7, 8, 9, 13, 14]


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    """The officer's copy of Polsek Talang Rejo's weekly sheet."""
    path = tmp_path / "kiriman" / WEEKLY_SHEET
    path.parent.mkdir()
    shutil.copy(EXAMPLES / WEEKLY_SHEET, path)
    return path


@given(parsers.parse('officer "{name}" tracks "{operation}" for Polres Muara Seruni'))
def officer_tracks(story: dict[str, Any], store_url: str, name: str, operation: str) -> None:
    story["officer"] = name
    planned = humas(store_url, "operation", "plan", operation, "--slug", "omb",
                    "--start", "19/10/2023", "--end", "20/10/2024", actor=name)  # fmt: skip
    assert planned.code == 0, planned.err


@given("the week's sheet of Polsek Talang Rejo has these mistakes")
def sheet_with_mistakes(sheet: Path, datatable: list[list[str]]) -> None:
    header, *mistakes = datatable
    lines = sheet.read_text(encoding="utf-8").split("\n")
    for mistake in mistakes:
        row = dict(zip(header, mistake, strict=True))
        number = int(row["line"]) - 1
        cells = next(csv.reader([lines[number]]))
        columns = next(csv.reader([lines[2]]))  # the header, after two comment lines
        cells[columns.index(row["field"])] = row["value"]
        lines[number] = _csv_line(cells)
    sheet.write_text("\n".join(lines), encoding="utf-8")


@given("she imported the week's sheet of Polsek Talang Rejo")
@when("she imports the week's sheet of Polsek Talang Rejo")
def imports_sheet(story: dict[str, Any], store_url: str, app: Any, sheet: Path) -> None:
    story["events_before"] = app.store_info()["events"]
    story["result"] = humas(store_url, "ingest", "field-report", str(sheet),
                            actor=story["officer"])  # fmt: skip


@then(
    parsers.parse(
        "{count:d} activities of {unit} wait for review as reported, dated {first} to {last}"
    )
)
def activities_wait(story, app, count: int, unit: str, first: str, last: str) -> None:
    assert story["result"].code == 0, story["result"].err
    start, end = parse_date(first), parse_date(last)
    rows = app.list_activities(ActivityFilter(status="reported"))
    assert len(rows) == count
    assert {row["organiser"] for row in rows} == {unit}
    assert {row["review"] for row in rows} == {"reported"}
    assert (rows[0]["occurred_on"], rows[-1]["occurred_on"]) == (str(start), str(end))
    story["rows"] = rows


@then(parsers.parse('each came in through the field-report channel, recorded by "{name}"'))
def came_in_as_field_reports(story: dict[str, Any], app: Any, name: str) -> None:
    for row in story["rows"]:
        [logged] = app.history(row["id"])
        assert (logged["channel"], logged["actor"]) == ("field-report", name)


@then("each names its reporter and the line of its row in the sheet")
def names_reporter_and_line(story: dict[str, Any], sheet: Path) -> None:
    sources = [row["source"] for row in story["rows"]]
    assert sorted(source["line"] for source in sources) == ROW_LINES
    assert {source["file"] for source in sources} == {str(sheet.resolve())}
    assert {source["reporter"]["name"] for source in sources} == {
        "Rahmat Hidayat",
        "Siti Aminah",
        "Dedi Kurniawan",
    }


@then(
    parsers.parse(
        'the sheet is refused with "{first}" on line {one:d} and "{second}" on line {two:d}'
    )
)
def sheet_refused(
    story: dict[str, Any], sheet: Path, first: str, one: int, second: str, two: int
) -> None:
    result = story["result"]
    assert result.code == 2
    found = re.findall(rf"^humas: error: {re.escape(str(sheet))}:(\d+): (\S+): ", result.err, re.M)
    assert found == [(str(one), first), (str(two), second)]


@then("the store holds nothing from the sheet")
@then("the store holds no new event")
def nothing_new(story: dict[str, Any], app: Any) -> None:
    assert app.store_info()["events"] == story["events_before"]


@then(parsers.parse("she is told the {count:d} reports were already imported"))
def already_imported(story: dict[str, Any], sheet: Path, count: int) -> None:
    result = story["result"]
    assert result.code == 0, result.err
    assert result.out == f"{sheet}: imported 0, already imported {count}\n"


@given(parsers.parse('Polsek Sido Rejo saved this sheet from Excel with ";" between the cells'))
def excel_sheet(story: dict[str, Any], tmp_path: Path, datatable: list[list[str]]) -> None:
    """The table's columns, and the ones every row shares, as Excel writes a "CSV"
    in an Indonesian locale: byte-order mark, ";", CRLF, empty columns at the end."""
    header, *rows = datatable
    shared = {"Reporter Name": "Budi Santoso", "Reporter Rank": "Bripka",
              "Unit": "Polsek Sido Rejo", "Operation": "omb"}  # fmt: skip
    columns = [*header, *shared, "Title", "", ""]
    lines = [";".join(columns)]
    for row in rows:
        cells = {**dict(zip(header, row, strict=True)), **shared, "Title": f"Kegiatan {row[0]}"}
        lines.append(";".join(cells.get(column, "") for column in columns))
    path = tmp_path / "kiriman" / "sido_rejo_minggu_47.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([*lines, ""]).encode("utf-8"))
    story["excel_sheet"] = path


@when("she imports the sheet of Polsek Sido Rejo")
def imports_excel_sheet(story: dict[str, Any], store_url: str) -> None:
    story["result"] = humas(store_url, "ingest", "field-report", str(story["excel_sheet"]),
                            actor=story["officer"])  # fmt: skip


@then("these activities of Polsek Sido Rejo wait for review as reported")
def these_wait(story: dict[str, Any], app: Any, datatable: list[list[str]]) -> None:
    assert story["result"].code == 0, story["result"].err
    expected = datatable[1:]  # the rows below the header
    rows = app.list_activities(ActivityFilter(status="reported"))
    got = [
        [row["source"]["report_id"], row["kind"], row["occurred_on"], row["occurred_at"] or "",
         "" if row["audience_size"] is None else str(row["audience_size"])]
        for row in sorted(rows, key=lambda row: row["source"]["report_id"])
    ]  # fmt: skip
    assert got == expected
    assert {row["organiser"] for row in rows} == {"Polsek Sido Rejo"}


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()
