"""Fixtures of the field-report import tests: a store holding the operation the example
reports name, copies of the example files, and a place to write report files."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli import humas
from tests.field_report_import.helpers import EXAMPLES, OPERATION


@pytest.fixture
def store(store_url: str) -> str:
    """A new store of each kind, holding the operation the example reports belong to."""
    planned = humas(store_url, "operation", "plan", OPERATION, "--slug", "omb",
                    "--start", "19/10/2023", "--end", "20/10/2024", "--days", "222")  # fmt: skip
    assert planned.code == 0, planned.err
    return store_url


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of the example files (and the attachment one of them names)."""
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a report file, exactly as given (line endings included), and return its path."""

    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / "reports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    return write_file
