"""Operation (operasi): a named, time-boxed police operation such as Mantap Brata."""

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.flags import Flag, FlagCode, check_settling, raised, upcast
from domain.model.errors import InvalidValue
from domain.model.policies import PREPARATION_DAYS
from domain.model.provenance import Provenance
from domain.model.rules import check_range, slugify
from domain.model.snapshots import TypedSnapshot

# Operation ids derive from the slug, so two officers planning the same slug at
# once collide in the event store instead of creating two operations.
_OPERATION_NAMESPACE = UUID("5b0b9a52-2f55-4c61-9d59-3c5e8f1d7a01")


def period_days(start: date, end: date) -> int:
    """Days of a period counting both ends, as officials count an operation's length."""
    return (end - start).days + 1


class Operation(Aggregate):
    TOPIC = "humas:Operation"
    Snapshot = TypedSnapshot  # restores enums, places and tuples as they were

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:Operation.Event"
        class_version = 1  # raise it with an upcaster when the shape changes (see activity.py)

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:Operation.Created"

    @staticmethod
    def create_id(slug: str) -> UUID:
        return uuid5(_OPERATION_NAMESPACE, slug)

    @classmethod
    def plan(
        cls,
        *,
        name: str,
        slug: str | None,
        start: date,
        end: date,
        stated_days: int | None = None,
        objective: str | None = None,
        lead_unit: str | None = None,
        stakeholders: list[str] | None = None,
        aliases: list[str] | None = None,
    ) -> "Operation":
        name = name.strip()
        if not name:
            raise InvalidValue("name-empty", field="name")
        slug = slugify(slug or name)
        if not slug:
            raise InvalidValue("slug-needs-letter", field="slug")
        _check_period(start, end, stated_days)
        return cls(
            slug=slug,
            name=name,
            start=start,
            end=end,
            stated_days=stated_days,
            objective=(objective or "").strip() or None,
            lead_unit=(lead_unit or "").strip() or None,
            stakeholders=_unique(stakeholders or []),
            aliases=_unique(aliases or []),
        )

    @event("Planned", topic="humas:Operation.Planned")
    def __init__(
        self,
        slug: str,
        name: str,
        start: date,
        end: date,
        stated_days: int | None,
        objective: str | None,
        lead_unit: str | None,
        stakeholders: list[str],
        aliases: list[str],
    ) -> None:
        self.slug = slug
        self.name = name
        self.start = start
        self.end = end
        self.stated_days = stated_days
        self.objective = objective
        self.lead_unit = lead_unit
        self.stakeholders = list(stakeholders)
        self.aliases = list(aliases)
        self.closed = False
        # Flags a supervisor settled (FlagResolved); a snapshot from before has none.
        self.flag_resolutions: list[dict[str, Any]] = []

    def revise_period(
        self,
        *,
        reason: str,
        start: date | None = None,
        end: date | None = None,
        stated_days: int | None = None,
    ) -> None:
        if not reason.strip():
            raise InvalidValue("revision-needs-reason", field="reason")
        new_start, new_end = start or self.start, end or self.end
        new_days = self.stated_days if stated_days is None else stated_days
        _check_period(new_start, new_end, new_days)
        if (new_start, new_end, new_days) == (self.start, self.end, self.stated_days):
            raise InvalidValue("nothing-to-revise")  # no one option is at fault
        self._revise_period(start=new_start, end=new_end, stated_days=new_days, reason=reason)

    @event("PeriodRevised", topic="humas:Operation.PeriodRevised")
    def _revise_period(self, start: date, end: date, stated_days: int | None, reason: str) -> None:
        self.start, self.end, self.stated_days = start, end, stated_days

    def add_stakeholder(self, organisation: str) -> None:
        organisation = organisation.strip()
        if organisation and organisation not in self.stakeholders:
            self._add_stakeholder(organisation=organisation)

    @event("StakeholderAdded", topic="humas:Operation.StakeholderAdded")
    def _add_stakeholder(self, organisation: str) -> None:
        self.stakeholders.append(organisation)

    def add_alias(self, alias: str) -> None:
        alias = alias.strip()
        if alias and alias not in self.aliases:
            self._add_alias(alias=alias)

    @event("AliasAdded", topic="humas:Operation.AliasAdded")
    def _add_alias(self, alias: str) -> None:
        self.aliases.append(alias)

    def close(self, reason: str | None = None) -> None:
        if self.closed:
            raise InvalidValue("operation-closed", slug=self.slug)
        self._close(reason=reason)

    @event("Closed", topic="humas:Operation.Closed")
    def _close(self, reason: str | None) -> None:
        self.closed = True

    def days_before_start(self, day: date) -> int:
        """How many days before the start ``day`` is (0 when it is not before)."""
        return max((self.start - day).days, 0)

    def window_flag(self, day: date, preparation: bool) -> dict[str, Any] | None:
        """The one operation-window rule, for every channel (an officer, a field report,
        the news): the flag an activity on ``day`` gets, None when it is inside the
        period. A drill, parade or deployment (``preparation``) up to PREPARATION_DAYS
        before the start is the operation's preparation: ``before-operation-start``;
        anything else outside the period is ``outside-operation``."""
        lead = self.days_before_start(day)
        if lead and lead <= PREPARATION_DAYS and preparation:
            return Flag.of(
                FlagCode.BEFORE_OPERATION_START,
                date=day.isoformat(), days=lead, operation=self.slug, start=self.start.isoformat(),
            ).as_dict()  # fmt: skip
        if not self.start <= day <= self.end:
            return Flag.of(
                FlagCode.OUTSIDE_OPERATION,
                date=day.isoformat(), operation=self.slug, start=self.start.isoformat(),
                end=self.end.isoformat(),
            ).as_dict()  # fmt: skip
        return None

    @property
    def period_days(self) -> int:
        return period_days(self.start, self.end)

    @property
    def flags(self) -> list[dict[str, Any]]:
        """Disagreements inside the record that a person must see, as codes with values;
        humas never picks a side (a supervisor may settle one, see ``flag_entries``)."""
        if self.stated_days is not None and self.stated_days != self.period_days:
            conflict = Flag.of(
                FlagCode.DURATION_CONFLICT,
                stated=self.stated_days,
                counted=self.period_days,
                start=self.start.isoformat(),
                end=self.end.isoformat(),
            )
            return [conflict.as_dict()]
        return []

    def flag_entries(self) -> list[dict[str, Any]]:
        """The flags with how each stands: settled while the values a supervisor checked
        still hold; a revision that changes them raises a new, open flag."""
        checked = {
            upcast(r["flag"]).key: r["resolved"] for r in getattr(self, "flag_resolutions", [])
        }
        return [
            {**entry, "status": "resolved", "resolved": checked[upcast(entry).key]}
            if upcast(entry).key in checked
            else entry
            for entry in raised([], self.flags, None)
        ]

    def resolve_flag(self, code: str, by: str, reason: str, at: str) -> None:
        """A supervisor has checked the doubt (e.g. the decree says 222 working days)."""
        entries = self.flag_entries()
        check_settling(entries, code, reason, f"operation {self.slug}")
        for entry in (e for e in entries if e["code"] == code and e["status"] == "open"):
            flag = upcast(entry).as_dict()
            self.trigger_event(self.FlagResolved, flag=flag, code=code, by=by, reason=reason, at=at)

    class FlagResolved(Event):
        """A supervisor checked the doubt ``flag`` (of ``code``): settled while its values
        hold."""

        TOPIC = "humas:Operation.FlagResolved"
        flag: dict[str, Any]
        code: str
        by: str
        reason: str
        at: str

        def apply(self, operation: "Operation") -> None:
            resolved = {"by": self.by, "reason": self.reason, "at": self.at}
            operation.flag_resolutions = [
                *getattr(operation, "flag_resolutions", []),
                {"flag": self.flag, "resolved": resolved},
            ]

    def refs(self) -> list[str]:
        """Everything an officer may type to mean this operation."""
        return _unique([self.slug, *(slugify(alias) for alias in self.aliases), *self.aliases])

    def summary(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "slug": self.slug,
            "name": self.name,
            "objective": self.objective,
            "lead_unit": self.lead_unit,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "stated_days": self.stated_days,
            "period_days": self.period_days,
            "stakeholders": list(self.stakeholders),
            "aliases": list(self.aliases),
            "status": "closed" if self.closed else "open",
            "flags": self.flags,
            "flag_entries": self.flag_entries(),
            "flag_resolutions": list(getattr(self, "flag_resolutions", [])),
            "version": self.version,
        }


def _check_period(start: date, end: date, stated_days: int | None) -> None:
    check_range(start, end, "end")  # the same rule and words as every period
    if stated_days is not None and stated_days <= 0:
        raise InvalidValue("days-not-positive", field="days")


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value:
            seen.setdefault(value, None)
    return list(seen)
