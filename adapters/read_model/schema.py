"""The read model's tables, their layout, and the plumbing every part shares."""

import json
from collections.abc import Sequence
from functools import cache
from typing import Any
from uuid import UUID

from eventsourcing.utils import resolve_topic

from adapters.projection import (
    ACTIVITY_COLUMNS,
    CREATORS,
    SHOWN_COLUMNS,
)
from domain.model.policies import counted_sql

# Events read and applied per transaction while catching up.
BATCH = 10_000
# Bumped whenever the tables or indexes change: a store holding another layout has its
# read model made again (rows forgotten, caught up from the events) when next opened.
LAYOUT = 3
# After catching up this many events the planner's statistics are brought up to date.
ANALYZE_AFTER = 10_000

# Each table and the row keys it keeps as indexed columns.
COLUMNS: dict[str, tuple[str, ...]] = {
    "humas_operations": ("slug", "name", "start", "end", "status"),
    "humas_activities": ACTIVITY_COLUMNS,
    "humas_coverage": ("url", "content_hash", "record_id", "category", "day", "recorded_at"),
    "humas_incidents": ("occurred_on", "review", "operation_id", "recorded_at"),
}  # fmt: skip

# Indexed columns holding text that names a record; with a key they hold a keyed hash.
PRIVATE_COLUMNS = {"slug", "name", "url"}
# Columns a report prints (adapters/projection.py); with a key they hold nothing.
SHOWN = frozenset(SHOWN_COLUMNS)
# The tables of rows (a store of an older layout has them made anew).
ROW_TABLES = ("humas_refs", "humas_unit_days", *COLUMNS)

# What reports count (the nil-returns section): not cancelled, reported or verified.
COUNTED = counted_sql()

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
        operation_id TEXT, organiser TEXT, recorded_at TEXT,
        title TEXT, audience_size BIGINT, personnel BIGINT, doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_coverage (
        id TEXT PRIMARY KEY, url TEXT, content_hash TEXT, record_id TEXT, category TEXT,
        day TEXT, recorded_at TEXT, doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_incidents (
        id TEXT PRIMARY KEY, occurred_on TEXT, review TEXT, operation_id TEXT,
        recorded_at TEXT, doc TEXT NOT NULL)""",
    # Each unit's first counted day (per operation, '' for none): the nil-returns section
    # asks which units were active before a period, and this answers without history.
    """CREATE TABLE IF NOT EXISTS {prefix}humas_unit_days (
        organiser TEXT NOT NULL, operation_key TEXT NOT NULL, first_day TEXT NOT NULL,
        PRIMARY KEY (organiser, operation_key))""",
    "CREATE INDEX IF NOT EXISTS humas_activities_day ON {prefix}humas_activities (occurred_on)",
    # a period of one operation: its days only, however long the operation's history
    "CREATE INDEX IF NOT EXISTS humas_activities_op_day "
    "ON {prefix}humas_activities (operation_id, occurred_on)",
    # a unit's first counted day, found at the start of its index range
    "CREATE INDEX IF NOT EXISTS humas_activities_unit_day "
    "ON {prefix}humas_activities (organiser, operation_id, occurred_on)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_url ON {prefix}humas_coverage (url)",
    # every ingested item looks for its content first: without it, ingest slows with the store
    "CREATE INDEX IF NOT EXISTS humas_coverage_hash ON {prefix}humas_coverage (content_hash)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_record ON {prefix}humas_coverage (record_id)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_day ON {prefix}humas_coverage (day)",
    "CREATE INDEX IF NOT EXISTS humas_incidents_day ON {prefix}humas_incidents (occurred_on)",
    # replaced by humas_activities_op_day, which serves its queries too
    "DROP INDEX IF EXISTS {prefix}humas_activities_op",
]
# Rows whose document may stay the event that made them (see SqlReadModel._docs).
LAZY_CREATORS = {"humas:Activity.Logged"}
# The indexes (a rebuild drops them and makes them again at the end).
INDEXES = [statement.split()[5] for statement in SCHEMA if statement.startswith("CREATE INDEX")]
# Its presence says the tables hold this layout (asked without taking any lock).
LAYOUT_MARK = f"humas_layout_{LAYOUT}"


class Run:
    """``run(statement, params) -> rows`` and ``run.many(statement, rows)``, the same on
    both databases and on any connection or cursor (``?`` placeholders)."""

    def __init__(self, target: Any, postgres: bool) -> None:
        self.target = target
        self.postgres = postgres

    def __call__(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        if self.postgres:
            cursor = self.target
            cursor.execute(statement.replace("?", "%s"), params)
            if not cursor.description:
                return []
            return [
                tuple(row.values()) if isinstance(row, dict) else row for row in cursor.fetchall()
            ]
        return self.target.execute(statement, params).fetchall()

    def many(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if self.postgres:
            self.target.executemany(statement.replace("?", "%s"), rows)
        else:
            self.target.executemany(statement, rows)


def _runner(target: Any, postgres: bool) -> Run:
    # The library's SQLite cursor wraps the sqlite3 cursor that does the work.
    return Run(getattr(target, "sqlite_cursor", target), postgres)


def _creates(topic: str) -> bool:
    return topic in CREATORS


def canonical_id(column: str) -> str:
    """SQL giving the canonical text of an id stored as 32 hex digits (SQLite's events
    table), made by SQLite itself."""
    return "||'-'||".join(
        f"substr({column}, {start}, {length})"
        for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    )


def _uuid_text(value: str) -> str:
    """The canonical text of a UUID stored as 32 hex digits (SQLite's events table)."""
    if len(value) != 32:
        return str(UUID(value))
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


@cache
def _class_version(topic: str) -> int:
    return int(getattr(resolve_topic(topic), "class_version", 1))


def _unit_key(row: dict[str, Any]) -> tuple[str, str]:
    return (row.get("organiser") or "", row.get("operation_id") or "")


def _dumps(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, sort_keys=True, default=str)
