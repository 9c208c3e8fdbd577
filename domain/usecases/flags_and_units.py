"""Settling flags, listing them, and the unit list reports narrow to."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from eventsourcing.application import AggregateNotFoundError

from domain.flags import entries_of
from domain.model.errors import NotFound
from domain.model.provenance import Recorder, recording_as
from domain.model.rules import check_ref
from domain.ports import ActivityFilter
from domain.usecases.base import HumasCore

if TYPE_CHECKING:  # loaded by the commands that use the unit list (domain/model/topics.py)
    from domain.model.units import UnitList

# What a flag of a record in these states no longer asks of anyone.
_CLOSED = {"cancelled", "rejected", "merged"}
FLAGGED_RECORDS = ("Operation", "Activity", "Incident")


class FlagUseCases(HumasCore):
    def resolve_flag(
        self, by: Recorder, ref: str, code: str, reason: str, now: datetime | None = None
    ) -> dict[str, Any]:
        """A supervisor settles a record's open flags of ``code``, with a reason: an event
        on the record, in its history. A later source raising the flag again reopens it."""
        record_type, record_id = self.resolve(ref)
        if record_type not in FLAGGED_RECORDS:
            raise NotFound("not-flagged-record", field="ref", ref=repr(ref))
        at = (now or datetime.now(UTC)).isoformat()
        record: Any = self._change(
            by,
            record_id,
            lambda r: r.resolve_flag(code.strip(), by.actor, reason, at),
            action="settle",
        )
        return dict(record.summary())

    def list_flags(
        self, open_only: bool = False, operation: str | None = None
    ) -> list[dict[str, Any]]:
        """Every flag of every operation, activity and incident (of one operation), with
        where it came from, when it was opened and how it was settled."""
        self.read_model.catch_up()
        operation_id = self.operation_id(operation, "operation") if operation else None
        slugs = {op["id"]: op["slug"] for op in self.read_model.operations()}
        records: list[tuple[str, dict[str, Any]]] = [
            ("Operation", op)
            for op in self.read_model.operations()
            if operation_id in (None, op["id"])
        ]
        records += [
            ("Activity", a) for a in self.read_model.activities(ActivityFilter(operation_id))
        ]
        records += [
            ("Incident", i)
            for i in self.read_model.incidents()
            if operation_id in (None, i.get("operation_id"))
        ]
        rows = []
        for record_type, record in records:
            if {record.get("status"), record.get("review")} & _CLOSED:
                continue
            stored = record.get("flag_entries") or record.get("flags")
            for entry in entries_of(stored):
                if open_only and not entry.is_open:
                    continue
                op_id = record["id"] if record_type == "Operation" else record.get("operation_id")
                rows.append(
                    {
                        "record": {
                            "type": record_type,
                            "id": record["id"],
                            "title": record.get("title") or record.get("name"),
                            "date": record.get("occurred_on") or record.get("start"),
                        },
                        "operation": slugs.get(str(op_id)) if op_id else None,
                        **entry.as_dict(),
                        "opened_at": entry.opened_at or record.get("recorded_at"),
                    }
                )
        return rows


class UnitUseCases(HumasCore):
    def add_unit(self, by: Recorder, name: str, under: str | None = None) -> UnitList:
        """Put a unit on the list, under another one (a Polsek under its Polres)."""
        self._require(by, "write")

        def add() -> UnitList:
            from domain.model.units import UnitList

            units = self._units() or UnitList.start()
            with recording_as(by):
                units.add(name, under)
            self._save(units)
            return units

        return self._retrying(add)

    def units(self) -> list[dict[str, Any]]:
        units = self._units()
        return units.summary() if units else []

    def units_under(self, name: str, position: int | None = None) -> list[str]:
        """A unit and every unit under it, from the unit list (as it stood at the log's
        ``position``, when given: a report made again as of then names the same units)."""
        return self._listed(name, position).with_units_under(name)

    def unit_named(self, name: str, position: int | None = None) -> str:
        """The unit as the list spells it."""
        return self._listed(name, position).name_of(name)

    def _listed(self, name: str, position: int | None = None) -> UnitList:
        check_ref(name, "unit")  # an empty --unit is refused, not read as "every unit"
        units = self._units(position)
        if units is None:
            raise NotFound("unit-unlisted", field="unit", name=name)
        return units

    def _units(self, position: int | None = None) -> UnitList | None:
        from domain.model.units import UNITS_ID

        version = None if position is None else self.event_log.version_at(UNITS_ID, position)
        if position is not None and version is None:
            return None  # the list did not exist yet
        try:
            units: UnitList = self.repository.get(UNITS_ID, version=version)
        except AggregateNotFoundError:
            return None
        return units
