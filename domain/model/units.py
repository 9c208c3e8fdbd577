"""The unit list (daftar satuan): which unit stands under which, as the store keeps it.

A Polres has Polseks and its own sections (Sat Lantas, Sat Binmas …) under it; a report
with ``--unit "Polres OKU Timur"`` covers the Polres and every unit under it. One record
for the whole list, like the roster, so two officers adding units at once retry rather
than overwrite each other.
"""

from typing import Any
from uuid import NAMESPACE_URL, uuid5

from eventsourcing.domain import Aggregate, event

from domain.model.errors import Conflict, InvalidValue, NotFound
from domain.model.provenance import Provenance

UNITS_ID = uuid5(NAMESPACE_URL, "humas:units")


def unit_key(name: str) -> str:
    """What makes two names one unit: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


class UnitList(Aggregate):
    TOPIC = "humas:UnitList"

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:UnitList.Event"
        class_version = 1  # raise it with an upcaster when the shape changes (see activity.py)

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:UnitList.Created"

    @staticmethod
    def create_id() -> Any:
        return UNITS_ID

    @classmethod
    def start(cls) -> "UnitList":
        return cls()

    @event("Started", topic="humas:UnitList.Started")
    def __init__(self) -> None:
        self.units: dict[str, dict[str, str | None]] = {}  # key -> {name, under}

    def add(self, name: str, under: str | None) -> None:
        name = " ".join(name.split())
        if not name:
            raise InvalidValue("unit-name-empty", field="name")
        if unit_key(name) in self.units:
            raise Conflict("unit-listed", field="name", name=name)
        parent = None
        if under:
            if unit_key(under) not in self.units:
                raise NotFound("unit-above-unlisted", field="under", name=under)
            parent = self.units[unit_key(under)]["name"]
        self.trigger_event(self.UnitAdded, name=name, under=parent)

    class UnitAdded(Event):
        """A unit is on the list, under the unit it stands under (None: at the top)."""

        TOPIC = "humas:UnitList.UnitAdded"
        name: str
        under: str | None

        def apply(self, unit_list: "UnitList") -> None:
            unit_list.units[unit_key(self.name)] = {"name": self.name, "under": self.under}

    def name_of(self, name: str) -> str:
        """The unit as listed, from any spelling of its name (case, spaces)."""
        if unit_key(name) not in self.units:
            raise NotFound("unit-unlisted", field="unit", name=name)
        return str(self.units[unit_key(name)]["name"])

    def with_units_under(self, name: str) -> list[str]:
        """The unit and every unit under it, at any depth, sorted."""
        top = self.name_of(name)
        found = {top}
        grown = True
        while grown:
            grown = False
            for unit in self.units.values():
                if unit["under"] in found and unit["name"] not in found:
                    found.add(str(unit["name"]))
                    grown = True
        return sorted(found)

    def summary(self) -> list[dict[str, Any]]:
        return sorted(
            ({"name": u["name"], "under": u["under"]} for u in self.units.values()),
            key=lambda u: (str(u["under"] or ""), str(u["name"])),
        )
