"""The PostgreSQL recorder of humas's digests (see ``adapters/audit/digests.py``).

Apart, so that commands on a SQLite store do not import psycopg."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent

from adapters.audit.digests import TABLE, Row, _digests, seal_key
from adapters.postgres_store import UnpipelinedPostgresRecorder


class PostgresSavedRecorder(UnpipelinedPostgresRecorder):
    """The PostgreSQL recorder; each insert also records the rows' digests."""

    own_tables = (TABLE,)  # made, when missing, with the library's (adapters/bootstrap.py)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seal_key = seal_key()
        self._table = f'"{self.datastore.schema or "public"}".{TABLE}'
        self._events = f'"{self.datastore.schema or "public"}".{self.events_table_name}'

    def create_table(self) -> None:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute("SELECT to_regclass(%s)", (self._table,))
            row = curs.fetchone()
            new = row is None or next(iter(row.values())) is None
        super().create_table()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(
                f"CREATE TABLE IF NOT EXISTS {self._table} (stream uuid NOT NULL, "
                "version bigint NOT NULL, digest text NOT NULL, PRIMARY KEY (stream, version))"
            )
            if new:
                curs.execute(f"SELECT originator_id, originator_version, topic, state FROM {self._events}")  # fmt: skip
                held = [StoredEvent(r["originator_id"], r["originator_version"], r["topic"], bytes(r["state"])) for r in curs.fetchall()]  # fmt: skip
                self._insert_digests(curs, held)

    def _insert_digests(self, curs: Any, stored_events: Sequence[StoredEvent]) -> None:
        rows = _digests(stored_events, self.seal_key)
        if rows:
            curs.execute(
                f"INSERT INTO {self._table} SELECT * FROM unnest(%s::uuid[], %s::bigint[], %s::text[]) "
                "ON CONFLICT DO NOTHING",
                ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]),
            )

    def _record_beside(self, cursor: Any, stored_events: Sequence[StoredEvent]) -> None:
        self._insert_digests(cursor, stored_events)  # in the events' transaction

    def has_digests(self) -> bool:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute("SELECT to_regclass(%s) IS NOT NULL AS found", (self._table,))
            row = curs.fetchone()
            return bool(row and row["found"])

    def unmatched_digests(self) -> list[tuple[str, int]]:
        """(stream, version) of each digest humas saved whose record is no longer stored."""
        if not self.has_digests():
            return []
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                f"SELECT d.stream AS s, d.version AS v FROM {self._table} d "
                f"LEFT JOIN {self._events} e ON e.originator_id = d.stream "
                "AND e.originator_version = d.version WHERE e.originator_id IS NULL "
                "ORDER BY d.stream, d.version"
            )
            return [(str(row["s"]), row["v"]) for row in curs.fetchall()]

    def keyed_digests(self) -> bool:
        if not self.has_digests():
            return False
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(f"SELECT 1 AS found FROM {self._table} WHERE digest LIKE 'hmac%%' LIMIT 1")
            return curs.fetchone() is not None

    def rows(self, after: int | None, limit: int) -> list[Row]:
        saved = self.has_digests()
        join = (
            f"LEFT JOIN {self._table} d ON d.stream = e.originator_id "
            "AND d.version = e.originator_version"
            if saved
            else ""
        )
        statement = (
            "SELECT e.notification_id AS p, e.originator_id AS s, e.originator_version AS v, "
            f"e.topic AS t, e.state AS b, {'d.digest' if saved else 'NULL'} AS d "
            f"FROM {self._events} e {join} WHERE e.notification_id > %s "
            "ORDER BY e.notification_id LIMIT %s"
        )
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement, (-(2**63) if after is None else after, limit))
            found = curs.fetchall()
        return [
            (
                r["p"], r["s"], r["v"], r["t"],
                None if r["b"] is None else bytes(r["b"]),
                ("" if r["d"] is None else r["d"]) if saved else None,
            )
            for r in found
        ]  # fmt: skip
