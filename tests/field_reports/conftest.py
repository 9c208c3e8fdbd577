"""Shared helpers for the field-report tests."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.field_reports.load import FieldReportErrors

RECORD_LINE = re.compile(r"^(\d+|\[\d+\]): ([\w.\[\]-]+): \S.*$")
FILE_LINE = re.compile(r"^ \S.*$")


def check_error_lines(errors: FieldReportErrors, path: Path) -> list[tuple[str, str]]:
    """Assert every line has one of the two documented shapes; return (location, field)."""
    assert errors.lines, "FieldReportErrors without any problem"
    found = []
    for line in errors.lines:
        prefix = f"{path}:"
        assert line.startswith(prefix), line
        rest = line[len(prefix) :]
        assert "\n" not in rest and "\r" not in rest, line
        assert "unexpected internal error" not in rest, line
        record = RECORD_LINE.match(rest)
        if record:
            found.append((record.group(1), record.group(2)))
        else:
            assert FILE_LINE.match(rest), f"badly shaped error line: {line!r}"
            found.append(("", ""))
    return found


@pytest.fixture(scope="session")
def error_lines() -> Callable[[FieldReportErrors, Path], list[tuple[str, str]]]:
    """The checker above, as a fixture (session scope, so hypothesis tests can use it)."""
    return check_error_lines


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a report file (text or bytes) into a fresh folder and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            # newline="" keeps the line endings exactly as written by the test.
            with path.open("w", encoding="utf-8", newline="") as stream:
                stream.write(content)
        return path

    return _write
