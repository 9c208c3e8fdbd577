"""Random changes to the tables an auditor relies on (the events and seals, humas's
digests, the read model), on SQLite and PostgreSQL: `audit verify` never stops with a
traceback, and never says intact when anything changed.

Each example changes one cell or row of one table of a sealed store, checks the store,
and puts the table back as it was, so one store serves every example.
"""

import os
from collections.abc import Iterator
from datetime import date
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.audit.read_model_check import check_read_model
from adapters.bootstrap import open_application
from adapters.store import parse_store
from domain.model.provenance import Recorder
from tests.audit.tamper import Tamperer, log_outreach

FUZZ = settings(
    max_examples=int(os.environ.get("AUDIT_FUZZ_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TABLES = ["events", "humas_saved", "humas_activities", "humas_operations", "humas_refs",
          "humas_position"]  # fmt: skip


@pytest.fixture
def sealed(store_url: str) -> Iterator[str]:
    """An operation and eight activities (one corrected), sealed; two more and a second
    seal; one more after it; the read model caught up."""
    app = open_application(parse_store(store_url))
    officer = Recorder("Bripka Ani Lestari")
    try:
        app.plan_operation(officer, name="Operasi Mantap Brata", slug="omb",
                           start=date(2023, 10, 19), end=date(2024, 10, 20))  # fmt: skip
        made = log_outreach(app, officer, 8)
        app.correct_activity(officer, str(made[2].id), {"audience_size": 99}, "salah ketik")
        app.seal(officer)
        for n in range(2):
            app.log_activity(officer, kind="press", title=f"Rilis {n}", occurred_on=date(2023, 10, 24))  # fmt: skip
        app.seal(officer)
        app.log_activity(officer, kind="press", title="Rilis akhir", occurred_on=date(2023, 10, 25))  # fmt: skip
        app.read_model.catch_up()
    finally:
        app.read_model.close()
        app.close()
    yield store_url


def problems_found(store: str) -> list[Any]:
    """What `audit verify` finds: the event log, then (when intact) the read model."""
    app = open_application(parse_store(store), read_only=True)
    try:
        problems = list(app.verify_store().problems)
        return problems or check_read_model(app)
    finally:
        app.read_model.close()
        app.close()


class Table:
    """One table of the store, read whole so that it can be put back after a change."""

    def __init__(self, db: Tamperer, store: str, name: str) -> None:
        self.db = db
        if name == "events":
            self.name, self.key = db.table, db.position
        else:
            schema = store.partition("?schema=")[2]
            self.name = f'"{schema}".{name}' if db.postgres else name
            # humas_saved keeps no rowid on SQLite: its key is the record's stream and version
            rowid = "stream || ':' || version" if name == "humas_saved" else "rowid"
            self.key = "ctid" if db.postgres else rowid
        self.columns = self._columns(name)
        # the event table's position is a column of its own on PostgreSQL
        self.kept = [c for c in self.columns if c != self.key]
        listed = ", ".join(f'"{c}"' for c in self.kept)
        self.rows = db._run(f"SELECT {self.key}, {listed} FROM {self.name} ORDER BY 1")

    def _columns(self, name: str) -> list[str]:
        if self.db.postgres:
            schema, _, table = self.name.rpartition(".")
            found = self.db._run(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
                "AND table_name = ? ORDER BY ordinal_position",
                (schema.strip('"'), table),
            )
            return [row[0] for row in found]
        return [row[1] for row in self.db._run(f"PRAGMA table_info({self.name})")]

    def restore(self) -> None:
        self.db._run(f"DELETE FROM {self.name}")
        keep_key = self.key in ("rowid", "notification_id")
        names = ([self.key] if keep_key else []) + [f'"{c}"' for c in self.kept]
        marks = ", ".join("?" * len(names))
        for row in self.rows:
            values = row if keep_key else row[1:]
            self.db._run(f"INSERT INTO {self.name} ({', '.join(names)}) VALUES ({marks})", values)


def _other(data: st.DataObject, value: Any) -> Any:
    """Another value for a cell: a byte flipped, a number moved, a character changed."""
    if isinstance(value, bytes | memoryview):
        raw = bytearray(bytes(value))
        at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if not raw:
            return b"x"
        raw[at] ^= data.draw(st.integers(1, 255))
        return bytes(raw)
    if isinstance(value, int):
        return value + data.draw(st.sampled_from([-1, 1, 7, 1000]))
    if isinstance(value, str) and value:
        at = data.draw(st.integers(0, len(value) - 1))
        replacement = data.draw(st.sampled_from(["0", "9", "x", " ", "é"]).filter(lambda c: c != value[at]))  # fmt: skip
        return value[:at] + replacement + value[at + 1 :]
    return "x"


def _change(data: st.DataObject, table: Table) -> bool:
    """Change one thing; False when the database refuses it (a key it would break)."""
    row = data.draw(st.sampled_from(table.rows))
    action = data.draw(st.sampled_from(["cell", "delete", "copy"]))
    db = table.db
    try:
        if action == "delete":
            db._run(f"DELETE FROM {table.name} WHERE {table.key} = ?", (row[0],))
        elif action == "copy":
            values = dict(zip(table.kept, row[1:], strict=True))
            for column in ("originator_id", "stream", "id", "ref"):
                if column in values:
                    fresh = uuid4()
                    values[column] = fresh if db.postgres and column != "id" and column != "ref" else fresh.hex  # fmt: skip
                    break
            else:
                return False  # the read model's position is one row by design
            names = ", ".join(f'"{c}"' for c in values)
            db._run(f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(values))})", tuple(values.values()))  # fmt: skip
        else:
            column = data.draw(st.sampled_from(table.kept))
            old = row[1 + table.kept.index(column)]
            new = uuid4() if db.postgres and column in ("originator_id", "stream") else _other(data, old)  # fmt: skip
            db._run(f'UPDATE {table.name} SET "{column}" = ? WHERE {table.key} = ?', (new, row[0]))
    except Exception:
        return False
    return True


@pytest.mark.parametrize("name", TABLES)
@FUZZ
@given(data=st.data())
def test_verify_never_crashes_and_never_calls_a_changed_store_intact(
    sealed: str, name: str, data: st.DataObject
) -> None:
    with Tamperer(sealed) as db:
        table = Table(db, sealed, name)
        try:
            if _change(data, table):
                assert problems_found(sealed), f"a change of {name} went unnoticed"
        finally:
            table.restore()
    assert problems_found(sealed) == []
