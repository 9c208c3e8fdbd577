"""Where the read model's rows live: the store's database, or memory; transactions,
tables, documents."""

import hmac
import json
import sqlite3
from base64 import b64decode, b64encode
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import StoredEvent

from adapters.projection import (
    SHOWN_COLUMNS,
    apply,
)
from adapters.read_model.schema import (
    COLUMNS,
    LAYOUT_MARK,
    PRIVATE_COLUMNS,
    ROW_TABLES,
    SCHEMA,
    SHOWN,
    Run,
    _dumps,
    _runner,
    _uuid_text,
)


class ReadModelStorage:
    """The read model's connection, tables and documents, on SQLite or PostgreSQL; only
    placeholders and locking differ."""

    # Written by Projecting: the hook the store's recorder calls inside its transaction,
    # and an event's state as plain values (a document may be the event that made it).
    def project_saved(self, cursor: Any, stored: Sequence[StoredEvent], ids: Sequence[int]) -> None:
        raise NotImplementedError

    def _state(self, oid: str, version: int, topic: str, data: bytes) -> dict[str, Any]:
        raise NotImplementedError

    def __init__(self, app: Application, in_memory: bool = False, until: int | None = None) -> None:
        """``in_memory``: the rows live in a private in-memory SQLite database, caught up
        from the events (the store is never written). ``until``: catch up no further
        than this position (the store as it stood then). A store opened read-only reads
        its stored rows (see the module's note)."""
        self.app = app
        self.until = until
        self.read_only = bool(getattr(app, "read_only", False)) or in_memory
        datastore = getattr(app.recorder, "datastore", None)
        self.is_postgres = hasattr(datastore, "schema") and not in_memory
        self.prefix = f'"{datastore.schema}".' if self.is_postgres else ""  # type: ignore[union-attr]
        self._cipher = app.mapper.cipher  # the rows' documents are encrypted with the events
        self._compressor = app.mapper.compressor
        self._last_position: int | None = None
        self._saved_up_to: int | None = None
        self._in_memory = in_memory or datastore is None
        self._events_table: str | None = None  # read directly on SQLite (see _notifications)
        # Where the events behind "!N" documents are read: the store's own connection on
        # SQLite, "postgres", or None when rows are made in memory (documents are JSON).
        self._events_source: Any = None
        self._bulk = False  # during a rebuild: indexes and units' first days made at the end
        self.on_progress: Callable[[int, int], None] | None = None
        if self._in_memory:
            self._use_memory()
        else:
            if not self.is_postgres:
                # Our own connection, for reading and for catching up.
                self._sqlite = sqlite3.connect(
                    datastore.pool.db_name,  # type: ignore[union-attr]
                    uri=True, isolation_level=None, timeout=30, check_same_thread=False,
                )  # fmt: skip
                # Rows written by a catch-up can always be made again from the events, so
                # its commits need not wait for the disk (a command's rows go in with its
                # events, at their full sync).
                self._sqlite.execute("PRAGMA synchronous = NORMAL")
                # a rebuild's inserts land all over the rows' key index: keep it in memory
                self._sqlite.execute("PRAGMA cache_size = -65536")
                self._events_table = getattr(app.recorder, "events_table_name", None)
                self._events_source = self._sqlite
            else:
                self._events_source = "postgres"
            if self.read_only:
                if not self._layout_ready():
                    # an old store: its rows cannot be read as they are; make them in memory
                    self.close()
                    self._events_source = None
                    self._use_memory()
            else:
                self._create_tables()
                if hasattr(app.recorder, "projection"):
                    app.recorder.projection = self.project_saved

    def position(self) -> int:
        return self._position_and_events()[0]

    def _doc_text(self, summary: dict[str, Any]) -> str:
        text = _dumps(summary)
        if self._cipher is None:
            return text
        return b64encode(self._cipher.encrypt(text.encode())).decode("ascii")

    def _docs(self, texts: list[str], run: "Run | None" = None) -> list[dict[str, Any]]:
        """The rows' documents. A document "!N" is the event at position N, which made
        the row and is all it holds: the event is read and its handler makes the row
        (a rebuild then writes no JSON, and a command lists few rows)."""
        positions = [int(text[1:]) for text in texts if text.startswith("!")]
        events = self._events_at(positions, run) if positions else {}
        docs = []
        for text in texts:
            if text.startswith("!"):
                position = int(text[1:])
                try:
                    oid, version, topic, data = _event(events[position])  # KeyError: deleted
                    state = self._state(oid, version, topic, data)
                    docs.append(apply(None, oid, version, topic, state))
                except Exception as error:  # an event changed by hand in the database
                    raise _unreadable(position, error) from None
            else:
                docs.append(self._doc(text))
        return docs

    def _events_at(self, positions: list[int], run: "Run | None") -> dict[int, tuple[Any, ...]]:
        """The stored events at these positions: (id, version, topic, state) as stored."""
        found: dict[int, tuple[Any, ...]] = {}
        source = self._events_source
        table = self.app.recorder.events_table_name  # type: ignore[attr-defined]
        for start in range(0, len(positions), 500):
            chunk = positions[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            if self.is_postgres or source == "postgres":
                schema = f'"{self.app.recorder.datastore.schema}".'  # type: ignore[attr-defined]
                statement = (
                    "SELECT notification_id, originator_id, originator_version, topic, state "
                    f"FROM {schema}{table} WHERE notification_id IN ({marks})"
                )
                if run is not None and self.is_postgres:
                    rows = run(statement, chunk)
                else:
                    with self.app.recorder.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
                        rows = _runner(cursor, postgres=True)(statement, chunk)
            else:
                statement = (
                    "SELECT rowid, originator_id, originator_version, topic, state "
                    f"FROM {table} WHERE rowid IN ({marks})"
                )
                rows = (run if run is not None and not self._in_memory else _runner(source, False))(statement, chunk)  # fmt: skip
            for row in rows:
                found[int(row[0])] = tuple(row[1:5])  # read as values by _event (in _docs)
        return found

    def _doc(self, text: str) -> dict[str, Any]:
        if self._cipher is not None:
            text = self._cipher.decrypt(b64decode(text)).decode()
        result: dict[str, Any] = json.loads(text)
        return result

    def _column(self, column: str, value: Any) -> Any:
        if column in SHOWN:
            return None if self._cipher is not None else value
        return self._private(value) if column in PRIVATE_COLUMNS else value

    def _shown(self, rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
        """Activities from rows of (doc, *SHOWN_COLUMNS): the document with the title and
        figures the row keeps as plain values (a store without a key keeps them)."""
        docs = self._docs([row[0] for row in rows])
        if self._cipher is None:
            for doc, row in zip(docs, rows, strict=True):
                doc.update(zip(SHOWN_COLUMNS, row[1:], strict=True))
        return docs

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
    def _transaction(self, lock: bool = False) -> Iterator["Run"]:
        """Yield ``run(statement, params) -> rows`` inside one transaction."""
        if self.is_postgres:
            with self.app.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]
                yield _runner(cursor, postgres=True)
            return
        connection = self._sqlite
        connection.execute("BEGIN IMMEDIATE" if lock else "BEGIN")
        try:
            yield _runner(connection, postgres=False)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _layout_ready(self) -> bool:
        """Whether the tables of this layout exist; asked without taking any lock."""
        names = ["humas_position", "humas_unit_days", LAYOUT_MARK]
        if self.is_postgres:
            from adapters.postgres_store import missing_tables

            datastore = self.app.recorder.datastore  # type: ignore[attr-defined]
            with datastore.get_connection() as connection:
                return not missing_tables(connection, datastore.schema, names)
        marks = ", ".join("?" * len(names))
        rows = self._sqlite.execute(
            f"SELECT COUNT(*) FROM sqlite_master WHERE name IN ({marks})", names
        ).fetchall()
        return bool(rows[0][0] == len(names))

    def _create_tables(self) -> None:
        """Make the tables when missing (or of an older layout), under a lock taken only
        then: the store's write lock on SQLite, a lock of this store on PostgreSQL."""
        if self._layout_ready():
            return
        with self._transaction(lock=True) as run:
            if self.is_postgres:
                run("SELECT pg_advisory_xact_lock(hashtext(?))", (self.prefix,))
            run(SCHEMA[0].format(prefix=self.prefix))  # the position
            older = bool(run(f"SELECT 1 FROM {self.prefix}humas_position")) and not self._marked(
                run
            )
            if older:
                # rows of an older layout (other columns, perhaps): their tables are made
                # anew, and catching up makes the rows again
                for table in ROW_TABLES:
                    run(f"DROP TABLE IF EXISTS {self.prefix}{table}")
            for statement in SCHEMA:
                run(statement.format(prefix=self.prefix))
            if not run(f"SELECT 1 FROM {self.prefix}humas_position"):
                run(
                    f"INSERT INTO {self.prefix}humas_position (id, position, events) VALUES (1, 0, 0)"
                )
            elif older:
                run(f"UPDATE {self.prefix}humas_position SET position = 0, events = 0")
            run(f"CREATE INDEX IF NOT EXISTS {LAYOUT_MARK} ON {self.prefix}humas_position (id)")

    def _marked(self, run: "Run") -> bool:
        if self.is_postgres:
            rows = run("SELECT to_regclass(?) IS NOT NULL", (f"{self.prefix}{LAYOUT_MARK}",))
            return bool(rows[0][0])
        return bool(run("SELECT 1 FROM sqlite_master WHERE name = ?", (LAYOUT_MARK,)))

    def _use_memory(self) -> None:
        """Rows in a private in-memory database, made from the events."""
        if self._events_source is None:
            self._events_table = None  # events come through the library
        self._in_memory = True
        self.is_postgres = False
        self.prefix = ""
        self._sqlite = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        with self._transaction(lock=True) as run:
            for statement in SCHEMA:
                run(statement.format(prefix=""))
            run("INSERT INTO humas_position (id, position, events) VALUES (1, 0, 0)")
        self._last_position = 0

    def _copy_to_memory(self) -> None:
        """The stored rows, copied into a private in-memory database (read-only stores
        with events after the read model's position: those are applied to the copy)."""
        tables = ["humas_position", "humas_refs", "humas_unit_days", *COLUMNS]
        copied: dict[str, list[Any]] = {}
        for table in tables:
            copied[table] = self._query(f"SELECT * FROM {self.prefix}{table}")
        self._use_memory()  # the store's connection stays open: "!N" documents read from it
        with self._transaction(lock=True) as run:
            run("DELETE FROM humas_position")
            for table, rows in copied.items():
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    run.many(f"INSERT INTO {table} VALUES ({marks})", [tuple(row) for row in rows])
        self._last_position = None

    def _analyze(self) -> None:
        """Bring the planner's statistics up to date after many rows changed."""
        if self._in_memory:
            return
        if self.is_postgres:
            with self._transaction() as run:
                for table in ("humas_unit_days", *COLUMNS):
                    run(f"ANALYZE {self.prefix}{table}")
            return
        self._sqlite.execute("PRAGMA analysis_limit = 2000")
        self._sqlite.execute("ANALYZE")

    def close(self) -> None:
        if getattr(self.app.recorder, "projection", None) == self.project_saved:
            self.app.recorder.projection = None  # type: ignore[attr-defined]
        if not self.is_postgres and hasattr(self, "_sqlite"):
            self._sqlite.close()
        if isinstance(
            self._events_source, sqlite3.Connection
        ) and self._events_source is not getattr(self, "_sqlite", None):
            self._events_source.close()


def _event(row: tuple[Any, ...]) -> tuple[str, int, str, bytes]:
    """A stored event's id, version, topic and state as the handlers take them; a column
    changed by hand (NULL, TEXT, a version that is no number) fails here."""
    oid, version, topic, state = row
    if not isinstance(topic, str) or not isinstance(state, bytes | memoryview):
        raise ValueError("its topic or its state is not what humas stores")
    return _uuid_text(str(oid).replace("-", "")), int(version), topic, bytes(state)


def _unreadable(position: int, error: Exception) -> Exception:
    """One line for a row whose event was changed behind humas's back (not a bug)."""
    from adapters.store import StoreError

    if isinstance(error, KeyError):
        return StoreError(
            "the event at position {position}, which this list reads, is no longer stored; "
            "humas audit verify names what was changed",
            position=position,
        )
    detail = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
    return StoreError(
        "the event at position {position}, which this list reads, cannot be read ({detail}); "
        "humas audit verify names what was changed",
        position=position,
        detail=detail,
    )
