"""The humas application: every family of use cases on one eventsourcing Application.

Each family lives in a module of its own under domain/usecases/; they share the thin
application in domain/usecases/base.py (transcodings, the event log, saving with
retries, references, roles).
"""

from typing import Any

from domain.usecases.field_report_intake import FieldReportIntake
from domain.usecases.flags_and_units import FlagUseCases, UnitUseCases
from domain.usecases.news_intake import NewsIntake
from domain.usecases.records import RecordUseCases
from domain.usecases.replay import ReplayUseCases
from domain.usecases.review import ReviewUseCases
from domain.usecases.sealing import SealingUseCases


class IntervalsByTopic(dict[str, int]):
    """Snapshot intervals keyed by an aggregate class's topic: the library asks with the
    class, and naming classes here would define every aggregate on start-up."""

    def get(self, cls: Any, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(getattr(cls, "TOPIC", cls), default)


class HumasApplication(
    NewsIntake,
    FieldReportIntake,
    ReviewUseCases,
    RecordUseCases,
    SealingUseCases,
    ReplayUseCases,
    FlagUseCases,
    UnitUseCases,
):
    """Operations and activities of a Humas unit, kept as event streams."""

    # Names the PostgreSQL tables (humas_events …); the library would take the class name.
    name = "humas"

    # No snapshots of the seals: a check recomputes them from their events, and the
    # latest seal is read from its own event alone (domain/usecases/sealing.py).
    snapshotting_intervals = IntervalsByTopic(  # type: ignore[assignment]
        {"humas:Operation": 50, "humas:Activity": 50, "humas:Roster": 50}
    )
