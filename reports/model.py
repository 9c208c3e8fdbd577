"""The plain input of a report: dicts as they come from the read model, plus the frame.

The reports package never reads the store: whoever builds a ``ReportInput`` decides what
is in it, and everything from here on is a pure function of it (apart from formatting the
``generated_at`` line), so a report can be rebuilt byte for byte from the same input.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

ReportKind = Literal["weekly", "period"]
Lang = Literal["id", "en"]

REPORT_KINDS: tuple[str, ...] = ("weekly", "period")
LANGS: tuple[str, ...] = ("id", "en")


@dataclass(frozen=True, kw_only=True)
class ReportInput:
    """Everything a report is made from.

    ``activities`` holds every activity that occurred in the previous period or in the
    current one: the figures split them by ``occurred_on`` themselves, so the caller does
    not have to agree with us on where the periods start. They may hold more than the
    report covers (other operations, other units): ``operation`` and ``units`` say which
    ones count, so news about another operation's activity is told from unrelated news.

    ``operation`` is the one operation the report is about; without it the report covers
    every activity, with a part per operation of ``operations`` (and one for activities
    outside any operation). ``units`` narrows to those units (a Polres and its Polseks).
    """

    kind: ReportKind
    period_start: date
    period_end: date  # inclusive
    generated_at: datetime  # aware
    store_position: int
    operation: dict[str, Any] | None = None
    activities: list[dict[str, Any]] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    units_active_before: list[str] = field(default_factory=list)
    unit: str | None = None
    operations: list[dict[str, Any]] = field(default_factory=list)
    units: list[str] | None = None
    seal: dict[str, Any] | None = None
    # The moment the figures' store position was reached, the command that makes the
    # report again as of it, and how many stored records humas never saved.
    made_at: datetime | None = None
    command: str | None = None
    unvouched: int = 0
    lang: Lang = "id"
    verified_only: bool = False

    def __post_init__(self) -> None:
        # Fail here, at the boundary, rather than with a KeyError deep inside a template.
        if self.kind not in REPORT_KINDS:
            raise ValueError(f"kind must be one of {REPORT_KINDS}, not {self.kind!r}")
        if self.lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {self.lang!r}")
        if self.period_end < self.period_start:
            raise ValueError("the period ends before it starts")
        if self.generated_at.tzinfo is None or self.generated_at.utcoffset() is None:
            # A naive time is ambiguous across WIB/WITA/WIT; the report prints the offset.
            raise ValueError("generated_at must be timezone-aware")

    @property
    def days(self) -> int:
        return (self.period_end - self.period_start).days + 1

    @property
    def previous_end(self) -> date:
        return self.period_start - timedelta(days=1)

    @property
    def previous_start(self) -> date:
        # Same length as the current period, immediately before it.
        return self.period_start - timedelta(days=self.days)
