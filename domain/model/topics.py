"""Stored events name their classes by short topics ("humas:Incident.Recorded").

The library learns such a topic when the class is defined. So that a command need not
define every aggregate's classes before it reads one record (``humas log`` never touches
a seal, an incident or a news item, and defining their event classes is much of its
start-up), the prefix "humas" is registered as a namespace that imports an aggregate's
module the first time one of its topics is resolved.
"""

from importlib import import_module
from typing import Any

from eventsourcing.utils import register_topic

# Each class by its topic's first part: the module that defines it, and its name there.
CLASSES = {
    "Activity": ("domain.model.activity", "Activity"),
    "CoverageItem": ("domain.model.coverage", "CoverageItem"),
    "Incident": ("domain.model.incident", "Incident"),
    "Operation": ("domain.model.operation", "Operation"),
    "Roster": ("domain.model.roster", "Roster"),
    "Seal": ("domain.model.seal_stream", "Seal"),
    "Snapshot": ("domain.model.snapshots", "TypedSnapshot"),
    "UnitList": ("domain.model.units", "UnitList"),
}


class _Aggregates:
    """What the library finds under the topic "humas": each aggregate, on first use."""

    __name__ = "humas"

    def __getattr__(self, name: str) -> Any:
        try:
            module, attribute = CLASSES[name]
        except KeyError:
            raise AttributeError(name) from None
        return getattr(import_module(module), attribute)


register_topic("humas", _Aggregates())  # type: ignore[arg-type]
