"""The PostgreSQL recorder of humas's digests (see ``adapters/audit/digests.py``).

Apart, so that commands on a SQLite store do not import psycopg."""

from collections.abc import Sequence
from typing import Any

import orjson
from eventsourcing.persistence import StoredEvent

from adapters.audit.digests import (
    ACCEPTED_KEY,
    TABLE,
    DigestQueries,
    Row,
    _digests,
    seal_key,
)
from adapters.postgres_store import UnpipelinedPostgresRecorder
from domain.model.seal import SEAL_ID


class PostgresSavedRecorder(DigestQueries, UnpipelinedPostgresRecorder):
    """The PostgreSQL recorder; each insert also records the rows' digests."""

    own_tables = (TABLE,)  # made, when missing, with the library's (adapters/bootstrap.py)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seal_key = seal_key()
        self.digests_table = f'"{self.datastore.schema or "public"}".{TABLE}'
        self.events_table = f'"{self.datastore.schema or "public"}".{self.events_table_name}'

    def create_table(self) -> None:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute("SELECT to_regclass(%s)", (self.digests_table,))
            row = curs.fetchone()
            new = row is None or next(iter(row.values())) is None
        super().create_table()
        vouch = new and not self.sealed_with_digests()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(
                f"CREATE TABLE IF NOT EXISTS {self.digests_table} (stream uuid NOT NULL, "
                "version bigint NOT NULL, digest text NOT NULL, PRIMARY KEY (stream, version))"
            )
            if vouch:
                # A store from before the digests: humas vouches once for what it holds.
                curs.execute(f"SELECT originator_id, originator_version, topic, state FROM {self.events_table}")  # fmt: skip
                held = [StoredEvent(r["originator_id"], r["originator_version"], r["topic"], bytes(r["state"])) for r in curs.fetchall()]  # fmt: skip
                self._insert_digests(curs, held)

    def _insert_digests(self, curs: Any, stored_events: Sequence[StoredEvent]) -> None:
        rows = _digests(stored_events, self.seal_key)
        if rows:
            # One JSON document, not three arrays: psycopg's pure-Python array dumper
            # took about 90 µs a record, more than the rest of the digests' work.
            curs.execute(
                f"INSERT INTO {self.digests_table} SELECT * FROM json_populate_recordset("
                f"NULL::{self.digests_table}, %s::json) ON CONFLICT DO NOTHING",
                (
                    orjson.dumps(
                        [{"stream": s, "version": v, "digest": d} for s, v, d in rows]
                    ).decode(),
                ),
            )

    def _record_beside(self, cursor: Any, stored_events: Sequence[StoredEvent]) -> None:
        self._insert_digests(cursor, stored_events)  # in the events' transaction

    def has_digests_table(self) -> bool:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute("SELECT to_regclass(%s) IS NOT NULL AS found", (self.digests_table,))
            row = curs.fetchone()
            return bool(row and row["found"])

    def sealed_with_digests(self) -> bool:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                f"SELECT EXISTS (SELECT 1 FROM {self.events_table} WHERE originator_id = %s "
                "AND position(%s::bytea IN state) > 0) AS found",
                (SEAL_ID, ACCEPTED_KEY.encode()),
            )
            row = curs.fetchone()
            return bool(row and row["found"])

    def _fetch(self, statement: str) -> list[tuple[Any, ...]]:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement)
            return [tuple(row.values()) for row in curs.fetchall()]

    def rows(self, after: int | None, limit: int) -> list[Row]:
        saved, kept = self.has_digests(), self.has_digests_table()
        join = (
            f"LEFT JOIN {self.digests_table} d ON d.stream = e.originator_id "
            "AND d.version = e.originator_version"
            if kept
            else ""
        )
        statement = (
            # the id as 32 hex digits, as SQLite keeps it: a check's tight loop takes it so
            "SELECT e.notification_id AS p, replace(e.originator_id::text, '-', '') AS s, "
            "e.originator_version AS v, "
            f"e.topic AS t, e.state AS b, {'d.digest' if kept else 'NULL::text'} AS d "
            f"FROM {self.events_table} e {join} WHERE e.notification_id > %s "
            "ORDER BY e.notification_id LIMIT %s"
        )
        with self.datastore.transaction(commit=False) as curs:
            # binary: the state as stored, not escaped text that psycopg's pure-Python
            # implementation then unescapes (several µs a record)
            curs.execute(statement, (-(2**63) if after is None else after, limit), binary=True)
            found = curs.fetchall()
        return [
            (
                r["p"], r["s"], r["v"], r["t"],
                None if r["b"] is None else bytes(r["b"]),
                ("" if r["d"] is None else r["d"]) if saved else None,
            )
            for r in found
        ]  # fmt: skip
