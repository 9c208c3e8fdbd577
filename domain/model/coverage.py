"""Coverage item (liputan): one news item as received, and what it was taken to report.

The item keeps the raw text exactly as it arrived and the facts the extractor proposed.
It points at the activity (or incident) it reports; several outlets reporting one
drill give one activity with several coverage items. Linking is an event: nothing is
merged away, and a later merge moves the item with another event.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.model.errors import Refused
from domain.model.provenance import Provenance
from domain.model.snapshots import TypedSnapshot
from domain.model.values import ActivityKind

# Ids come from the content, so the same text ingested twice is the same record.
_NAMESPACE = uuid5(NAMESPACE_URL, "humas:coverage")

# What each news category becomes in the unit's own records.
ACTIVITY_KIND_OF_CATEGORY = {
    "simulation": ActivityKind.SIMULATION,
    "outreach": ActivityKind.OUTREACH,
    "operation_launch": ActivityKind.DEPLOYMENT,
    "deployment": ActivityKind.DEPLOYMENT,
}

# What a news item can report, as the extractor decides it.
NEWS_CATEGORIES = (
    "simulation",
    "incident",
    "outreach",
    "operation_launch",
    "deployment",
    "unrelated",
)


def coverage_id(content_hash: str, copy: str | None = None) -> UUID:
    """The id of the first item with this content; a syndicated copy (the same text from
    another outlet) gets its own from ``copy``, its address or outlet."""
    return uuid5(_NAMESPACE, f"{content_hash}|{copy}" if copy else content_hash)


def same_copy(known: dict[str, Any], item: "NewsItem") -> bool:
    """Whether a stored item is this one again: the same address, or the same content
    from the same outlet. The same content from another outlet is a syndicated copy."""
    if item.url and known.get("url") == item.url:
        return True
    if known.get("content_hash") != item.content_hash:
        return False
    outlet, stored = item.facts.get("outlet"), known.get("outlet")
    return (outlet or "").casefold() == (stored or "").casefold()


@dataclass(frozen=True)
class NewsItem:
    """A news item ready to be recorded: its text as received and the facts proposed
    from it (the keys of ``humas ingest news --json``, documented in the README)."""

    source: str
    raw_text: str
    content_hash: str
    url: str | None
    facts: dict[str, Any]
    police_intervened: bool | None = None
    stated_days: int | None = None  # "selama 222 hari": checked against the operation

    @property
    def occurred_on(self) -> date | None:
        text = self.facts.get("occurred_on")
        return date.fromisoformat(text) if text else None


# What a record is called when its news item has no headline (an article copied as text
# often has none): what it was, by whom, where, in the language the records are kept in.
_UNTITLED = {
    "simulation": "Simulasi",
    "outreach": "Sosialisasi",
    "operation_launch": "Apel gelar pasukan",
    "deployment": "Pengerahan personel",
    "incident": "Kejadian",
}


def record_title(item: NewsItem) -> str:
    """The title of the record a news item reports: its headline, else one made from its
    facts ("Simulasi Polres OKU Timur di Halaman Kantor …"), never a file's path."""
    facts = item.facts
    if facts.get("title"):
        return str(facts["title"])
    category = str(facts.get("category"))
    words = [_UNTITLED.get(category, "Berita")]
    units = facts.get("units") or []
    if units and category != "incident":  # an incident is not the police's doing
        words.append(str(units[0]))
    place = facts.get("venue") or (facts.get("region") or {}).get("district")
    if place:
        words.append(f"di {place}")
    if len(words) == 1:
        words.append(f"({facts.get('outlet') or item.source.rsplit('/', 1)[-1]})")
    return " ".join(words)[:200]


def place_of(facts: dict[str, Any]) -> dict[str, Any]:
    region = facts.get("region") or {}
    return {
        "venue": facts.get("venue"),
        "village": region.get("village"),
        "subdistrict": region.get("subdistrict"),
        "district": region.get("district"),
        "province": region.get("province"),
    }


def activity_values(item: NewsItem) -> dict[str, Any]:
    """The fields of an activity as the news item reports it."""
    facts = item.facts
    values: dict[str, Any] = {
        "kind": ACTIVITY_KIND_OF_CATEGORY[facts["category"]],
        "title": record_title(item),
        "occurred_on": item.occurred_on,
        "date_precision": facts.get("date_precision") or "day",
        "place": place_of(facts),
        "units": facts.get("units") or [],
        "personnel": facts.get("personnel"),
        "stakeholders": facts.get("stakeholders") or [],
        "audience_size": facts.get("audience_size"),
        "messages": facts.get("messages") or [],
        "channel": "news",
    }
    if values["kind"] is ActivityKind.SIMULATION:
        values["scenario_setting"] = facts.get("scenario_setting")
        values["scenario_steps"] = facts.get("scenario_steps") or []
    return values


def reports_same_activity(existing: dict[str, Any], values: dict[str, Any]) -> bool:
    """Same kind and same day are given by the caller's query; then the same
    organising unit, a shared unit, or the same venue or district makes it one activity."""
    units = {unit.lower() for unit in existing.get("units") or []}
    if units & {unit.lower() for unit in values.get("units") or []}:
        return True
    place, new_place = existing.get("place") or {}, values.get("place") or {}
    return any(
        place.get(level) and new_place.get(level)
        and place[level].lower() == new_place[level].lower()
        for level in ("venue", "district")
    )  # fmt: skip


class CoverageItem(Aggregate):
    TOPIC = "humas:CoverageItem"
    Snapshot = TypedSnapshot  # restores enums, places and tuples as they were
    id: UUID  # given when created (the library then expects it), not drawn at random

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:CoverageItem.Event"
        class_version = 1  # raise it with an upcaster when the shape changes (see activity.py)

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:CoverageItem.Created"

    @classmethod
    def receive(cls, item: NewsItem, id: UUID | None = None) -> "CoverageItem":
        return cls(  # type: ignore[call-arg]  # the library's metaclass takes ``id``
            id=id or coverage_id(item.content_hash),
            source=item.source,
            url=item.url,
            content_hash=item.content_hash,
            raw_text=item.raw_text,
            facts=item.facts,
        )

    @event("Received", topic="humas:CoverageItem.Received")
    def __init__(
        self, source: str, url: str | None, content_hash: str, raw_text: str, facts: dict
    ) -> None:
        self.source = source
        self.url = url
        self.content_hash = content_hash
        self.raw_text = raw_text
        self.facts = facts
        self.record_type: str | None = None
        self.record_id: str | None = None
        self.link: str | None = None

    def link_to(self, record_type: str, record_id: UUID, how: str) -> None:
        """``how``: ``created`` (the item made the record) or ``matched`` (it reports one
        already known)."""
        if self.record_id is not None:
            raise Refused("coverage-already-linked", id=str(self.id)[:8])
        self._link(record_type=record_type, record_id=str(record_id), how=how)

    @event("Linked", topic="humas:CoverageItem.Linked")
    def _link(self, record_type: str, record_id: str, how: str) -> None:
        self.record_type, self.record_id, self.link = record_type, record_id, how

    def move_to(self, record_id: UUID, reason: str) -> None:
        """The record it reported was merged into another: follow the survivor."""
        self._move(from_id=self.record_id, to_id=str(record_id), reason=reason)

    @event("Moved", topic="humas:CoverageItem.Moved")
    def _move(self, from_id: str | None, to_id: str, reason: str) -> None:
        self.record_id = to_id

    def summary(self) -> dict[str, Any]:
        facts = self.facts
        return {
            "id": str(self.id),
            "source": self.source,
            "url": self.url,
            "content_hash": self.content_hash,
            **{key: value for key, value in facts.items() if key not in ("source", "url")},
            "record_type": self.record_type,
            "record_id": self.record_id,
            "link": self.link,
            "version": self.version,
            "recorded_at": self.created_on.isoformat(),
        }
