"""Reading the read model: what lists, reports and lookups ask."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from adapters.read_model.schema import (
    COUNTED,
    SHOWN_COLUMNS,
)
from adapters.read_model.storage import ReadModelStorage
from domain.model.rules import MIN_ID_PREFIX
from domain.ports import ActivityFilter

SHOWN_SELECTED = ", ".join(SHOWN_COLUMNS)


class Queries(ReadModelStorage):
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
        return self._docs([row[0] for row in rows])

    def activities(self, where: ActivityFilter) -> list[dict[str, Any]]:
        statement, params = self.activities_query(where)
        return self._shown(self._query(statement, params))

    def activities_query(self, where: ActivityFilter) -> tuple[str, list[Any]]:
        """The statement that lists activities (apart, so that its plan can be checked)."""
        status = where.status and (where.status, where.status)
        condition, params = self._where(
            ("operation_id = ?", where.operation_id),
            ("kind = ?", where.kind),
            ("occurred_on >= ?", where.date_from and where.date_from.isoformat()),
            ("occurred_on <= ?", where.date_to and where.date_to.isoformat()),
            ("(status = ? OR review = ?)", status),
        )
        return (
            f"SELECT doc, {SHOWN_SELECTED} FROM {self.prefix}humas_activities {condition} "
            "ORDER BY occurred_on, recorded_at, id",
            params,
        )

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
        return self._docs([row[0] for row in rows])

    def coverage_matching(self, content_hash: str, url: str | None) -> dict[str, Any] | None:
        """The coverage item with this content or this address, if one is stored."""
        rows = self._query(
            f"SELECT doc FROM {self.prefix}humas_coverage WHERE content_hash = ? OR url = ? "
            "ORDER BY recorded_at LIMIT 1",
            (content_hash, self._private(url or "")),
        )
        return self._docs([rows[0][0]])[0] if rows else None

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
        return self._docs([row[0] for row in rows])

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
        """Organising units with a counted activity before ``day`` (for nil returns):
        read from each unit's first counted day, not from the activities."""
        condition = "first_day < ?"
        params: list[Any] = [day.isoformat()]
        if operation_id:
            condition += " AND operation_key = ?"
            params.append(operation_id)
        rows = self._query(
            f"SELECT DISTINCT organiser FROM {self.prefix}humas_unit_days WHERE {condition} "
            "ORDER BY organiser",
            params,
        )
        return [row[0] for row in rows]

    def ids_matching(self, ref: str) -> list[tuple[str, str]]:
        text = ref.strip().lower()
        rows = self._query(
            f"SELECT record_type, id FROM {self.prefix}humas_refs WHERE ref = ?",
            (self._private(text),),
        )
        if not rows and len(text.replace("-", "")) >= MIN_ID_PREFIX:
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

    def plan(self, statement: str, params: Sequence[Any] = ()) -> str:
        """Which indexes serve a statement, as the database's plan in one text. On
        PostgreSQL sequential scans are ruled out first: on a small table the planner
        rightly prefers one, and the question is whether an index can serve."""
        with self._transaction() as run:
            if self.is_postgres:
                run("SET LOCAL enable_seqscan = off")
                rows = run(f"EXPLAIN {statement}", params)
            else:
                rows = run(f"EXPLAIN QUERY PLAN {statement}", params)
        return "\n".join(str(row[-1]) for row in rows)

    def units_query(self) -> str:
        """The statement that finds a unit's first counted day (for its plan)."""
        return (
            f"SELECT MIN(occurred_on) FROM {self.prefix}humas_activities "
            f"WHERE organiser = ? AND operation_id = ? AND {COUNTED}"
        )
