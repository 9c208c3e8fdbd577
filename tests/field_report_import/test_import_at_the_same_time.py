"""Two officers import the same sheet at the same moment, from two processes."""

import json
import subprocess
import sys
from pathlib import Path

from tests.field_report_import.helpers import csv_rows, events_in, write_csv

ROOT = Path(__file__).resolve().parents[2]
ROWS = 1_000


def start_import(store: str, path: Path, officer: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from adapters.cli.main import main; main()",
               "--store", store, "--as", officer, "ingest", "field-report", "--json",
               str(path)]  # fmt: skip
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_the_same_sheet_imported_twice_at_once_is_stored_once(store, tmp_path):
    sheet = write_csv(tmp_path / "minggu-46.csv", csv_rows(ROWS))
    before = events_in(store)

    children = [start_import(store, sheet, name) for name in ("Bripka Ani", "Aipda Rahmat")]
    outcomes = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        [outcome] = json.loads(out)
        outcomes.append((len(outcome["imported"]), len(outcome["already_imported"])))

    assert sorted(outcomes) == [(0, ROWS), (ROWS, 0)]
    assert events_in(store) == before + ROWS
