"""Malformed input of every sort: the loader returns valid reports or FieldReportErrors.

Property: ``load_field_reports`` either returns reports (which are then valid by
construction) or raises FieldReportErrors whose every line has the documented shape. No
other exception ever leaves it. Example counts are kept small so the suite stays fast.
"""

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.field_reports.load import FieldReportErrors, LoadedReport, load_field_reports
from adapters.field_reports.model import FieldReport, field_names
from adapters.field_reports.schema import field_report_template

EXAMPLES = Path(__file__).resolve().parents[2] / "adapters" / "field_reports" / "examples"
COLUMNS = field_names()

FUZZ = settings(
    # Raise FIELD_REPORT_FUZZ_EXAMPLES for a longer hunt; the default keeps the suite fast.
    max_examples=int(os.environ.get("FIELD_REPORT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Checker = Callable[[FieldReportErrors, Path], list[tuple[str, str]]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def load_or_errors(path: Path, error_lines: Checker) -> list[LoadedReport] | list[tuple[str, str]]:
    try:
        loaded = load_field_reports(path)
    except FieldReportErrors as errors:
        return error_lines(errors, path)
    assert loaded, "a successful load returns at least one report"
    assert all(isinstance(item.report, FieldReport) for item in loaded)
    return loaded


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".yaml", ".json", ".csv"]))
def test_random_bytes(folder: Path, error_lines: Checker, data: bytes, suffix: str) -> None:
    path = folder / f"random{suffix}"
    path.write_bytes(data)
    load_or_errors(path, error_lines)


def valid_texts() -> list[tuple[str, str]]:
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.*"))]
    texts.append((".yaml", field_report_template("yaml")))
    texts.append((".json", field_report_template("json")))
    return texts


@FUZZ
@given(source=st.sampled_from(valid_texts()), cut=st.floats(0, 1, exclude_max=True))
def test_truncated_files(
    folder: Path, error_lines: Checker, source: tuple[str, str], cut: float
) -> None:
    suffix, text = source
    path = folder / f"truncated{suffix}"
    path.write_text(text[: int(len(text) * cut)], encoding="utf-8")
    load_or_errors(path, error_lines)


@FUZZ
@given(
    source=st.sampled_from(valid_texts()),
    position=st.floats(0, 1, exclude_max=True),
    junk=st.text(min_size=1, max_size=20),
)
def test_valid_files_with_junk_inserted(
    folder: Path, error_lines: Checker, source: tuple[str, str], position: float, junk: str
) -> None:
    suffix, text = source
    at = int(len(text) * position)
    path = folder / f"junk{suffix}"
    path.write_text(text[:at] + junk + text[at:], encoding="utf-8")
    load_or_errors(path, error_lines)


cell_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "-1",
            "1.5",
            "12",
            "true",
            "31/02/2023",
            "2023-10-17",
            "outreach",
            "a;b;;c",
            '"',
            "\r\n",
            "# x",
            "x" * 400,
            "\x1b[31m",
            "25:61",
        ]
    ),
)


def csv_line(cells: list[str], ending: str) -> str:
    """Encode one CSV row the way a spreadsheet does.

    csv.writer is not used: it leaves a lone carriage return unquoted when the line
    terminator is "\\n", which would make the test, not the loader, split a row.
    """
    quoted = [
        '"' + cell.replace('"', '""') + '"' if any(ch in cell for ch in ',"\r\n') else cell
        for cell in cells
    ]
    line = ",".join(quoted)
    # A row starting with # is a comment by definition; spreadsheets quote such a cell.
    if line.startswith("#"):
        line = '"' + cells[0].replace('"', '""') + '"' + line[len(quoted[0]) :]
    return line + ending


def valid_row() -> dict[str, str]:
    return {
        "reporter.name": "Rahmat Hidayat",
        "reporter.rank": "Aipda",
        "unit": "Polsek Talang Rejo",
        "kind": "outreach",
        "title": "Sambang",
        "date": "13/11/2023",
    }


@FUZZ
@given(
    rows=st.lists(
        st.dictionaries(st.sampled_from(COLUMNS), cell_text, max_size=6), min_size=1, max_size=5
    ),
    line_ending=st.sampled_from(["\n", "\r\n"]),
)
def test_random_csv_cells_are_reported_on_their_row(
    folder: Path, error_lines: Checker, rows: list[dict[str, str]], line_ending: str
) -> None:
    lines = [csv_line(COLUMNS, line_ending)]
    starts = set()
    line = 2
    for changes in rows:
        row = {**valid_row(), **changes}
        written = csv_line([row.get(name, "") for name in COLUMNS], line_ending)
        lines.append(written)
        if any(cell.strip() for cell in row.values()):
            starts.add(str(line))
        # Physical lines as an editor counts them: \r\n, \n and a lone \r each end one.
        line += len(io.StringIO(written, newline="").readlines())
    path = folder / "cells.csv"
    path.write_text("".join(lines), encoding="utf-8", newline="")
    result = load_or_errors(path, error_lines)
    if result and isinstance(result[0], tuple):
        for location, _field in result:  # type: ignore[misc]
            assert location == "" or location in starts, (location, starts)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)

TOP_FIELDS = [*FieldReport.model_fields, "not_a_field"]


@FUZZ
@given(
    changes=st.dictionaries(st.sampled_from(TOP_FIELDS), json_values, max_size=4),
    as_yaml=st.booleans(),
)
def test_wrong_types_in_json_and_yaml(
    folder: Path, error_lines: Checker, changes: dict[str, Any], as_yaml: bool
) -> None:
    record: dict[str, Any] = {
        "reporter": {"name": "Rahmat Hidayat", "rank": "Aipda"},
        "unit": "Polsek Talang Rejo",
        "kind": "outreach",
        "title": "Sambang",
        "date": "2023-11-13",
    }
    record.update(changes)
    # JSON is a subset of YAML, so the same text exercises the YAML loader too.
    path = folder / ("types.yaml" if as_yaml else "types.json")
    path.write_text(json.dumps(record), encoding="utf-8")
    result = load_or_errors(path, error_lines)
    if result and isinstance(result[0], tuple):
        expected = "1" if as_yaml else "[0]"
        assert {location for location, _ in result} <= {expected, ""}  # type: ignore[misc]


@FUZZ
@given(
    text=st.one_of(
        st.text(max_size=15),
        st.from_regex(r"\A\d{1,4}[-/.]\d{1,4}[-/.]\d{1,4}\Z"),
        st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
    )
)
def test_dates_in_any_shape(folder: Path, error_lines: Checker, text: str) -> None:
    path = folder / "dates.csv"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(valid_row())
    writer.writerow({**valid_row(), "date": text}.values())
    path.write_text(out.getvalue(), encoding="utf-8")
    result = load_or_errors(path, error_lines)
    if result and isinstance(result[0], LoadedReport):
        # Accepted text means the very day the command line would read from it.
        from adapters.dates import parse_date

        assert result[0].report.date == parse_date(text)
    else:
        # A NUL character makes the whole file suspect (binary), hence the file-level line.
        assert result == [("2", "date")] or ("\x00" in text and result == [("", "")])


@settings(max_examples=10, deadline=None)
@given(length=st.integers(50_001, 200_000), column=st.sampled_from(COLUMNS))
def test_huge_cells(folder: Path, error_lines: Checker, length: int, column: str) -> None:
    row = {**valid_row(), column: "x" * length}
    path = folder / "huge.csv"
    path.write_text(
        ",".join(COLUMNS) + "\n" + ",".join(row.get(name, "") for name in COLUMNS) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(FieldReportErrors) as caught:
        load_field_reports(path)
    assert error_lines(caught.value, path) in ([("2", column)], [("", "")])
