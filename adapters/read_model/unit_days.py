"""Each unit's first counted day, kept beside the rows: the nil-returns section asks
which units were active before a period, and this table answers without history."""

from collections.abc import Sequence
from typing import Any

from adapters.read_model.schema import (
    COUNTED,
    Run,
)
from adapters.read_model.storage import ReadModelStorage
from domain.model.policies import counts_in_figures


def first_day_of(values: Sequence[Any]) -> tuple[tuple[str, str], str] | None:
    """The unit (organiser, operation key) and the day an activity's stored values
    ([id, *ACTIVITY_COLUMNS, doc]) count for as the unit's first day; None when they
    do not count (no organiser or day, cancelled, rejected or merged)."""
    _, _, day, status, review, operation, organiser, *_ = values
    if organiser and day is not None and counts_in_figures(status, review):
        return (organiser, operation or ""), day
    return None


def lower_first_day(first: dict[tuple[str, str], str], unit: tuple[str, str], day: str) -> None:
    """Keep ``day`` as ``unit``'s first day in ``first`` when it is earlier (or the first)."""
    if unit not in first or day < first[unit]:
        first[unit] = day


class UnitDays(ReadModelStorage):
    def _lower_unit_days(self, run: "Run", fresh: list[list[Any]]) -> None:
        """New activities can only bring a unit's first counted day earlier: no need to
        look at the unit's other activities (one statement, whatever the history)."""
        first: dict[tuple[str, str], str] = {}
        for values in fresh:
            counted = first_day_of(values)
            if counted is not None:
                lower_first_day(first, *counted)
        if first:
            run.many(
                f"INSERT INTO {self.prefix}humas_unit_days AS unit (organiser, operation_key, "
                "first_day) VALUES (?, ?, ?) ON CONFLICT (organiser, operation_key) DO UPDATE "
                # the row is left alone unless the day is earlier
                "SET first_day = excluded.first_day WHERE excluded.first_day < unit.first_day",
                [(*key, day) for key, day in first.items()],
            )

    def _write_all_unit_days(self, run: "Run") -> None:
        """Every unit's first counted day, from all activities at once, in place of what
        the table held (emptied by the rebuild, unless another rebuild ran meanwhile)."""
        run(f"DELETE FROM {self.prefix}humas_unit_days")
        run(
            f"INSERT INTO {self.prefix}humas_unit_days (organiser, operation_key, first_day) "
            "SELECT organiser, COALESCE(operation_id, ''), MIN(occurred_on) "
            f"FROM {self.prefix}humas_activities WHERE organiser IS NOT NULL AND organiser <> '' "
            f"AND occurred_on IS NOT NULL AND {COUNTED} GROUP BY organiser, COALESCE(operation_id, '')"
        )

    def _write_unit_days(self, run: "Run", units: set[tuple[str, str]]) -> None:
        """Each unit's first counted day, asked of the activities' index where it starts."""
        for organiser, operation_key in sorted(units):
            operation = "operation_id = ?" if operation_key else "operation_id IS NULL"
            params = (organiser, operation_key) if operation_key else (organiser,)
            first = run(
                f"SELECT MIN(occurred_on) FROM {self.prefix}humas_activities "
                f"WHERE organiser = ? AND {operation} AND {COUNTED}",
                params,
            )[0][0]
            if first is None:
                run(
                    f"DELETE FROM {self.prefix}humas_unit_days "
                    "WHERE organiser = ? AND operation_key = ?",
                    (organiser, operation_key),
                )
            else:
                run(
                    f"INSERT INTO {self.prefix}humas_unit_days (organiser, operation_key, first_day) "
                    "VALUES (?, ?, ?) ON CONFLICT (organiser, operation_key) "
                    "DO UPDATE SET first_day = excluded.first_day",
                    (organiser, operation_key, first),
                )
