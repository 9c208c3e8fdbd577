"""The read model: tables beside the events, in the same store, for listing and lookup.

It catches up from the event log (the application's notification log) and remembers
its position in the same transaction as the rows it writes, so a crash never leaves
rows and position out of step. Rows are each record's ``summary()`` at the version
of its latest event, so the read model never re-implements a rule of the domain.
"""

import hmac
import json
import sqlite3
from base64 import b64decode, b64encode
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate

from domain.model.policies import counted_sql
from domain.ports import ActivityFilter

BATCH = 1000
# Rows in one INSERT: well under SQLite's limit of 32,766 parameters (about ten a row).
ROWS_PER_STATEMENT = 500

# Each record type's table and the summary keys it keeps as indexed columns.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Operation": ("humas_operations", ("slug", "name", "start", "end", "status")),
    "Activity": (
        "humas_activities",
        ("kind", "occurred_on", "status", "review", "operation_id", "organiser", "recorded_at"),
    ),
    "CoverageItem": (
        "humas_coverage",
        ("url", "content_hash", "record_id", "category", "day", "recorded_at"),
    ),
    "Incident": ("humas_incidents", ("occurred_on", "review", "operation_id", "recorded_at")),
}

# Indexed columns holding text that names a record; with a key they hold a keyed hash.
PRIVATE_COLUMNS = {"slug", "name", "url"}

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS {prefix}humas_position (
        id INTEGER PRIMARY KEY, position BIGINT NOT NULL, events BIGINT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_operations (
        id TEXT PRIMARY KEY, slug TEXT, name TEXT, start TEXT, "end" TEXT, status TEXT,
        doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_refs (
        ref TEXT NOT NULL, record_type TEXT NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (ref, id))""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_activities (
        id TEXT PRIMARY KEY, kind TEXT, occurred_on TEXT, status TEXT, review TEXT,
        operation_id TEXT, organiser TEXT, recorded_at TEXT, doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_coverage (
        id TEXT PRIMARY KEY, url TEXT, content_hash TEXT, record_id TEXT, category TEXT,
        day TEXT, recorded_at TEXT, doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_incidents (
        id TEXT PRIMARY KEY, occurred_on TEXT, review TEXT, operation_id TEXT,
        recorded_at TEXT, doc TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS humas_activities_day ON {prefix}humas_activities (occurred_on)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_url ON {prefix}humas_coverage (url)",
    # every ingested item looks for its content first: without it, ingest slows with the store
    "CREATE INDEX IF NOT EXISTS humas_coverage_hash ON {prefix}humas_coverage (content_hash)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_record ON {prefix}humas_coverage (record_id)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_day ON {prefix}humas_coverage (day)",
    "CREATE INDEX IF NOT EXISTS humas_incidents_day ON {prefix}humas_incidents (occurred_on)",
    "CREATE INDEX IF NOT EXISTS humas_activities_op ON {prefix}humas_activities (operation_id)",
]


class SqlReadModel:
    """The read model on SQLite or PostgreSQL; only placeholders and locking differ."""

    def __init__(self, app: Application, in_memory: bool = False, until: int | None = None) -> None:
        """``in_memory``: the rows live in a private in-memory SQLite database, for a
        store opened read-only (caught up from its events, never written to it).
        ``until``: catch up no further than this position (the store as it stood then)."""
        self.app = app
        self.until = until
        datastore = app.recorder.datastore  # type: ignore[attr-defined]
        self.is_postgres = hasattr(datastore, "schema") and not in_memory
        self.prefix = f'"{datastore.schema}".' if self.is_postgres else ""
        if not self.is_postgres:
            # Our own connection, so that a write can take SQLite's lock up front.
            self._sqlite = sqlite3.connect(
                ":memory:" if in_memory else datastore.pool.db_name,
                uri=True,
                isolation_level=None,
                timeout=30,
                check_same_thread=False,
            )
            # The rows can always be rebuilt from the events, so their commits need not
            # wait for the disk: after a power cut the position falls back with its rows
            # (one transaction) and the next catch-up redoes them. Events keep full sync.
            self._sqlite.execute("PRAGMA synchronous = NORMAL")
        self._last_position: int | None = None
        # With HUMAS_CIPHER_KEY the events are encrypted, and so are the rows' documents.
        self._cipher = app.mapper.cipher
        self._create_tables()

    # Writing -----------------------------------------------------------------

    def catch_up(self, fresh: Sequence[Aggregate] = (), recorded: Sequence[int] = ()) -> int:
        known = {aggregate.id: aggregate for aggregate in fresh}
        # Where this process last left the read model is a good first guess; the write
        # checks the real position under lock anyway.
        position = self._last_position if self._last_position is not None else self.position()
        if recorded and position == recorded[0] - 1 and _unbroken(recorded):
            # Nothing came between: the events just saved are the next ones, and their
            # aggregates are at hand, so there is nothing to read back (the common case
            # of one officer saving). Anything saved after them waits for the next call.
            position = self._write(position, recorded[-1], len(recorded), list(known.values()))
            self._last_position = position
            return position
        while True:
            notifications = self.app.recorder.select_notifications(
                start=position, limit=BATCH, stop=self.until, inclusive_of_start=False
            )
            if not notifications:
                self._last_position = position
                return position
            latest: dict[UUID | str, int] = {}
            for notification in notifications:
                latest[notification.originator_id] = notification.originator_version
            records = [
                self._state(UUID(str(oid)), version, known) for oid, version in latest.items()
            ]
            end = notifications[-1].id
            position = self._write(position, end, len(notifications), records)
            self._last_position = position

    def frozen_at(self, position: int) -> "SqlReadModel":
        """A private read model of the store as it stood at ``position``."""
        return SqlReadModel(self.app, in_memory=True, until=position)

    def rebuild(self) -> int:
        with self._transaction() as run:
            for table in ("humas_refs", *(table for table, _ in TABLES.values())):
                run(f"DELETE FROM {self.prefix}{table}")
            run(f"UPDATE {self.prefix}humas_position SET position = 0, events = 0")
        self._last_position = 0
        return self.catch_up()

    def _state(self, oid: UUID, version: int, known: dict[UUID, Aggregate]) -> Aggregate:
        aggregate = known.get(oid)
        if aggregate is not None and aggregate.version == version:
            return aggregate
        return self.app.repository.get(oid, version=version)

    def _write(self, start: int, end: int, events: int, records: list[Aggregate]) -> int:
        """Write rows and move the position, unless another process got there first."""
        with self._transaction(lock=True) as run:
            position = run(f"SELECT position FROM {self.prefix}humas_position{self._for_update}")
            current = position[0][0]
            if current != start:
                return current  # someone else applied these; carry on from there
            rows: dict[str, list[list[Any]]] = defaultdict(list)
            for record in records:
                self._collect(run, record, rows)
            for record_type, values in rows.items():
                self._upsert(run, record_type, values)
            run(
                f"UPDATE {self.prefix}humas_position SET position = ?, events = events + ?",
                (end, events),
            )
        return end

    def _collect(self, run: Any, record: Aggregate, rows: dict[str, list[list[Any]]]) -> None:
        """Add the record's row to ``rows`` (written together later); an operation's
        references are replaced here."""
        record_type = type(record).__name__
        if record_type not in TABLES:
            return
        _, columns = TABLES[record_type]
        summary = record.summary()  # type: ignore[attr-defined]
        if record_type == "CoverageItem":
            summary["day"] = summary.get("published_on") or summary.get("occurred_on")
        rows[record_type].append(
            [
                summary["id"],
                *(self._column(column, summary.get(column)) for column in columns),
                self._doc_text(summary),
            ]
        )
        if record_type == "Operation":
            run(f"DELETE FROM {self.prefix}humas_refs WHERE id = ?", (summary["id"],))
            for ref in record.refs():  # type: ignore[attr-defined]
                run(
                    f"INSERT INTO {self.prefix}humas_refs (ref, record_type, id) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (self._private(ref.lower()), record_type, summary["id"]),
                )

    def _upsert(self, run: Any, record_type: str, rows: list[list[Any]]) -> None:
        """Insert or replace rows of one table, many to a statement: a big import's
        catch-up is a few statements, not one per record."""
        table, columns = TABLES[record_type]
        names = ", ".join(["id", *(f'"{column}"' for column in columns), "doc"])
        updates = ", ".join(f'"{column}" = excluded."{column}"' for column in [*columns, "doc"])
        one_row = f"({', '.join('?' * (len(columns) + 2))})"
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            run(
                f"INSERT INTO {self.prefix}{table} ({names}) "
                f"VALUES {', '.join([one_row] * len(chunk))} "
                f"ON CONFLICT (id) DO UPDATE SET {updates}",
                [value for row in chunk for value in row],
            )

    # Reading -----------------------------------------------------------------

    def position(self) -> int:
        return self._position_and_events()[0]

    def counts(self) -> dict[str, int]:
        position, events = self._position_and_events()
        rows = self._query(
            f"SELECT (SELECT COUNT(*) FROM {self.prefix}humas_operations) AS operations, "
            f"(SELECT COUNT(*) FROM {self.prefix}humas_activities) AS activities, "
            f"(SELECT COUNT(*) FROM {self.prefix}humas_coverage) AS coverage, "
            f"(SELECT COUNT(*) FROM {self.prefix}humas_incidents) AS incidents"
        )
        operations, activities, coverage, incidents = rows[0]
        return {
            "operations": operations,
            "activities": activities,
            "coverage_items": coverage,
            "incidents": incidents,
            "events": events,
            "position": position,
        }

    def operations(self) -> list[dict[str, Any]]:
        rows = self._query(f"SELECT doc FROM {self.prefix}humas_operations ORDER BY start, slug")
        return [self._doc(row[0]) for row in rows]

    def activities(self, where: ActivityFilter) -> list[dict[str, Any]]:
        status = where.status and (where.status, where.status)
        condition, params = self._where(
            ("operation_id = ?", where.operation_id),
            ("kind = ?", where.kind),
            ("occurred_on >= ?", where.date_from and where.date_from.isoformat()),
            ("occurred_on <= ?", where.date_to and where.date_to.isoformat()),
            ("(status = ? OR review = ?)", status),
        )
        rows = self._query(
            f"SELECT doc FROM {self.prefix}humas_activities {condition} "
            "ORDER BY occurred_on, recorded_at, id",
            params,
        )
        return [self._doc(row[0]) for row in rows]

    def coverage(
        self,
        record_id: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> list[dict[str, Any]]:
        """Coverage items of one record, or published (else dated) within a period."""
        condition, params = self._where(
            ("record_id = ?", record_id),
            ("day >= ?", date_from and date_from.isoformat()),
            ("day <= ?", date_to and date_to.isoformat()),
        )
        rows = self._query(
            f"SELECT doc FROM {self.prefix}humas_coverage {condition} ORDER BY day, recorded_at, id",
            params,
        )
        return [self._doc(row[0]) for row in rows]

    def coverage_matching(self, content_hash: str, url: str | None) -> dict[str, Any] | None:
        """The coverage item with this content or this address, if one is stored."""
        rows = self._query(
            f"SELECT doc FROM {self.prefix}humas_coverage WHERE content_hash = ? OR url = ? "
            "ORDER BY recorded_at LIMIT 1",
            (content_hash, self._private(url or "")),
        )
        return self._doc(rows[0][0]) if rows else None

    def incidents(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[dict[str, Any]]:
        condition, params = self._where(
            ("occurred_on >= ?", date_from and date_from.isoformat()),
            ("occurred_on <= ?", date_to and date_to.isoformat()),
        )
        rows = self._query(
            f"SELECT doc FROM {self.prefix}humas_incidents {condition} "
            "ORDER BY occurred_on, recorded_at, id",
            params,
        )
        return [self._doc(row[0]) for row in rows]

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these activity ids are already recorded."""
        known: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                f"SELECT id FROM {self.prefix}humas_activities WHERE id IN ({marks})", chunk
            )
            known.update(row[0] for row in rows)
        return known

    @staticmethod
    def _where(*clauses: tuple[str, Any]) -> tuple[str, list[Any]]:
        given = [(clause, value) for clause, value in clauses if value is not None]
        condition = f"WHERE {' AND '.join(clause for clause, _ in given)}" if given else ""
        # a tuple value fills several placeholders
        params = [
            item for _, value in given for item in (value if isinstance(value, tuple) else (value,))
        ]
        return condition, params

    def units_active_before(self, day: date, operation_id: str | None = None) -> list[str]:
        """Organising units with a counted activity before ``day`` (for nil returns)."""
        condition = f"occurred_on < ? AND {counted_sql()}"
        params: list[Any] = [day.isoformat()]
        if operation_id:
            condition += " AND operation_id = ?"
            params.append(operation_id)
        rows = self._query(
            f"SELECT DISTINCT organiser FROM {self.prefix}humas_activities WHERE {condition} "
            "AND organiser IS NOT NULL ORDER BY organiser",
            params,
        )
        return [row[0] for row in rows]

    def ids_matching(self, ref: str) -> list[tuple[str, str]]:
        text = ref.strip().lower()
        rows = self._query(
            f"SELECT record_type, id FROM {self.prefix}humas_refs WHERE ref = ?",
            (self._private(text),),
        )
        if not rows and len(text.replace("-", "")) >= 6:
            pattern = text + "%"
            rows = self._query(
                f"SELECT 'Operation' AS record_type, id FROM {self.prefix}humas_operations WHERE id LIKE ? "
                f"UNION ALL SELECT 'Activity', id FROM {self.prefix}humas_activities "
                "WHERE id LIKE ? "
                f"UNION ALL SELECT 'Incident', id FROM {self.prefix}humas_incidents "
                "WHERE id LIKE ? "
                f"UNION ALL SELECT 'CoverageItem', id FROM {self.prefix}humas_coverage "
                "WHERE id LIKE ?",
                (pattern,) * 4,
            )
        return sorted({(row[0], row[1]) for row in rows})

    # Plumbing ----------------------------------------------------------------

    def _doc_text(self, summary: dict[str, Any]) -> str:
        text = _dumps(summary)
        if self._cipher is None:
            return text
        return b64encode(self._cipher.encrypt(text.encode())).decode("ascii")

    def _doc(self, text: str) -> dict[str, Any]:
        if self._cipher is not None:
            text = self._cipher.decrypt(b64decode(text)).decode()
        result: dict[str, Any] = json.loads(text)
        return result

    def _column(self, column: str, value: Any) -> Any:
        return self._private(value) if column in PRIVATE_COLUMNS else value

    def _private(self, value: Any) -> Any:
        """With a key, a keyed hash stands in for text that would give a title away (an
        operation's name or slug, an alias, a news item's address); equal texts give
        equal hashes, so lookups by equality still work."""
        if self._cipher is None or not isinstance(value, str):
            return value
        key: bytes = self._cipher.key  # type: ignore[attr-defined]
        return hmac.new(key, value.encode(), "sha256").hexdigest()

    @property
    def _for_update(self) -> str:
        return " FOR UPDATE" if self.is_postgres else ""

    def _position_and_events(self) -> tuple[int, int]:
        rows = self._query(f"SELECT position, events FROM {self.prefix}humas_position")
        return int(rows[0][0]), int(rows[0][1])

    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._transaction() as run:
            return run(statement, params)

    @contextmanager
    def _transaction(self, lock: bool = False) -> Iterator[Any]:
        """Yield ``run(statement, params) -> rows`` inside one transaction."""
        if self.is_postgres:
            with self.app.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]

                def run_pg(statement: str, params: Sequence[Any] = ()) -> list[Any]:
                    cursor.execute(statement.replace("?", "%s"), params)
                    return (
                        [tuple(row.values()) for row in cursor.fetchall()]
                        if cursor.description
                        else []
                    )

                yield run_pg
            return
        connection = self._sqlite
        connection.execute("BEGIN IMMEDIATE" if lock else "BEGIN")
        try:

            def run_sqlite(statement: str, params: Sequence[Any] = ()) -> list[Any]:
                return connection.execute(statement, params).fetchall()

            yield run_sqlite
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _create_tables(self) -> None:
        with self._transaction(lock=True) as run:
            for statement in SCHEMA:
                run(statement.format(prefix=self.prefix))
            if not run(f"SELECT 1 FROM {self.prefix}humas_position"):
                run(
                    f"INSERT INTO {self.prefix}humas_position (id, position, events) VALUES (1, 0, 0)"
                )

    def close(self) -> None:
        if not self.is_postgres:
            self._sqlite.close()


def _unbroken(positions: Sequence[int]) -> bool:
    return list(positions) == list(range(positions[0], positions[0] + len(positions)))


def _dumps(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, sort_keys=True, default=str)
