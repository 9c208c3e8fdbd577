"""A 10,000-row field-report file killed in the middle of its save: all of it or none.

The import runs in a child process (the real ``humas`` command). The test watches the
store from outside and sends SIGKILL at the moment the child is writing the events
and has not committed them: on SQLite when the write-ahead log has grown by megabytes
while the committed events are still the old ones; on PostgreSQL when the child holds
the lock the event recorder takes on the events table for its one transaction and its
insert of the events is running. A kill
that comes too late (after the commit) is still checked, and the next attempt takes a
new file, until one kill has landed inside the save.
"""

import contextlib
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.cli import humas
from tests.field_report_import.helpers import csv_rows, write_csv

ROOT = Path(__file__).resolve().parents[2]
ROWS = 10_000
ATTEMPTS = 4
# The child's import must be well into writing its events (they take about ten
# megabytes) before a SQLite kill counts as landing inside the save.
SQLITE_WRITTEN = 1 << 20


class SqliteStore:
    def __init__(self, store: str) -> None:
        self.path = Path(store)
        self.log = Path(f"{store}-wal")
        self.connection = sqlite3.connect(self.path, timeout=30)

    def committed_events(self) -> int:
        return self.connection.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]

    def saving(self, before: int) -> bool:
        """The child is writing its events and has not committed them."""
        try:
            written = self.log.stat().st_size
        except FileNotFoundError:
            return False
        return written > SQLITE_WRITTEN and self.committed_events() == before

    def close(self) -> None:
        self.connection.close()


class PostgresStore:
    def __init__(self, store: str) -> None:
        import psycopg

        url = urlsplit(store)
        self.schema = parse_qs(url.query)["schema"][0]
        self.connection = psycopg.connect(store.split("?")[0], autocommit=True)

    def committed_events(self) -> int:
        query = f'SELECT COUNT(*) FROM "{self.schema}".humas_events'
        return self.connection.execute(query).fetchone()[0]  # type: ignore[index]

    def saving(self, before: int) -> bool:
        """Another session holds the events table's write lock and is inserting."""
        held = self.connection.execute(
            "SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE n.nspname = %s AND c.relname = 'humas_events' "
            "AND l.mode = 'ExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid() "
            "AND a.state = 'active' AND a.query ILIKE '%%INSERT INTO%%humas_events%%'",
            (self.schema,),
        ).fetchone()
        return bool(held and held[0])

    def close(self) -> None:
        self.connection.close()


@contextlib.contextmanager
def watching(store: str) -> Iterator[SqliteStore | PostgresStore]:
    watcher = PostgresStore(store) if store.startswith("postgresql") else SqliteStore(store)
    try:
        yield watcher
    finally:
        watcher.close()


def start_import(store: str, path: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from adapters.cli.main import main; main()",
               "--store", store, "--as", "Bripka Ani Lestari", "ingest", "field-report",
               str(path)]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_while_saving(child: subprocess.Popen[bytes], watcher, before: int) -> bool:
    """SIGKILL the child as soon as it is saving; False if it finished first."""
    deadline = time.monotonic() + 300
    while child.poll() is None:
        if watcher.saving(before):
            child.kill()
            child.wait()
            return True
        if time.monotonic() > deadline:
            child.kill()
            child.wait()
            pytest.fail("the import neither finished nor started saving in 300 s")
        time.sleep(0.002)
    return False


def store_counts(store: str) -> tuple[int, int]:
    """(events, activities) as a fresh ``humas store info`` reads them."""
    info = humas(store, "store", "info", "--json", actor=None)
    assert info.code == 0, info.err
    return info.json()["events"], info.json()["activities"]


@pytest.mark.slow
def test_a_killed_import_of_10000_rows_leaves_all_of_them_or_none(store, tmp_path):
    landed_inside_the_save = None
    with watching(store) as watcher:
        for attempt in range(ATTEMPTS):
            sheet = write_csv(tmp_path / f"minggu-{attempt}.csv", csv_rows(ROWS, attempt * ROWS))
            events, activities = store_counts(store)

            child = start_import(store, sheet)
            killed = kill_while_saving(child, watcher, watcher.committed_events())

            after_events, after_activities = store_counts(store)
            written = after_events - events
            assert written in (0, ROWS), f"attempt {attempt}: {written} of {ROWS} events stored"
            assert after_activities - activities == written
            if killed and written == 0:
                landed_inside_the_save = sheet
                break
    assert landed_inside_the_save, f"no kill landed inside the save in {ATTEMPTS} attempts"

    # Nothing of the killed import is left in the way: the same file goes in whole.
    events, activities = store_counts(store)
    again = humas(store, "ingest", "field-report", str(landed_inside_the_save))
    assert again.code == 0, again.err
    assert again.out == f"{landed_inside_the_save}: imported {ROWS:,}, already imported 0\n"
    assert store_counts(store) == (events + ROWS, activities + ROWS)
