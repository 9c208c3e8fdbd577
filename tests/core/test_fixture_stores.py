"""Stores written by earlier releases still open, replay, list, report and verify.

tests/fixtures/stores/ keeps one SQLite store per release that changed an event's
shape (written by tests/fixtures/make_store.py), with each record's summary as that
release replayed it. An event class changed without an upcaster fails here.
"""

import json
import shutil
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from adapters.bootstrap import open_application
from adapters.store import parse_store
from tests.cli import humas

STORES = sorted((Path(__file__).parent.parent / "fixtures" / "stores").glob("*.sqlite"))

# Flags became data after the first release; tests/core/test_flags.py checks their upcaster.
REPRESENTED_ANEW = {"flags"}


@pytest.fixture(params=STORES, ids=[store.stem for store in STORES])
def old_store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    copy = tmp_path / request.param.name
    shutil.copy(request.param, copy)
    expected = json.loads(request.param.with_suffix(".expected.json").read_text())
    return copy, expected


def test_there_is_a_store_of_every_release_that_changed_an_event() -> None:
    assert STORES, "tests/fixtures/stores/ holds no store"


def test_every_record_replays_as_its_release_did(old_store: tuple[Path, dict[str, Any]]) -> None:
    path, expected = old_store
    app = open_application(parse_store(str(path)), read_only=True)
    try:
        for record_id, summary in expected.items():
            record: Any = app.repository.get(UUID(record_id))
            replayed = json.loads(json.dumps(record.summary(), default=str))
            if not isinstance(summary, dict):  # the roster: its members
                assert replayed == summary
                continue
            for key, value in summary.items():
                if key not in REPRESENTED_ANEW:
                    assert replayed.get(key) == value, f"{record_id[:8]} {key}"
    finally:
        app.close()


def test_an_old_store_lists_reports_rebuilds_and_verifies(
    old_store: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path, expected = old_store
    activities = [s for s in expected.values() if "kind" in s and "occurred_on" in s]
    listed = humas(str(path), "activity", "list", "--json")
    assert listed.code == 0, listed.err
    assert {row["id"] for row in listed.json()} == {a["id"] for a in activities}
    assert humas(str(path), "store", "rebuild").code == 0
    report = tmp_path / "report.md"
    made = humas(str(path), "report", "weekly", "--week", "2023-W43", "--format", "md",
                 "--out", str(report))  # fmt: skip
    assert made.code == 0, made.err
    counted = [
        a["title"] for a in activities
        if "2023-10-23" <= a["occurred_on"] <= "2023-10-29"
        and a["status"] == "conducted" and a["review"] in ("reported", "verified")
    ]  # fmt: skip
    assert counted and all(title in report.read_text() for title in counted)
    verified = humas(str(path), "audit", "verify")
    assert verified.code == 0, verified.out + verified.err


def test_make_store_leaves_only_the_store_and_its_summary_beside_the_fixtures(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    fixtures = tmp_path / "stores"
    fixtures.mkdir()
    # What the demo of an earlier run wrote beside its store stops no later run.
    (fixtures / "laporan-2023-W43-en.html").write_text("an earlier run's report")
    script = Path(__file__).parent.parent / "fixtures" / "make_store.py"
    made = subprocess.run([sys.executable, str(script), str(fixtures / "humas-9.9-events-v9.sqlite")],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert sorted(path.name for path in fixtures.iterdir()) == [
        "humas-9.9-events-v9.expected.json",
        "humas-9.9-events-v9.sqlite",
        "laporan-2023-W43-en.html",
    ]
    assert (fixtures / "laporan-2023-W43-en.html").read_text() == "an earlier run's report"
    assert json.loads((fixtures / "humas-9.9-events-v9.expected.json").read_text())
