"""The auditor's replay: the log, changes between moments, the store as of a moment, the export."""

from base64 import b64encode
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification

from domain.flags import entries_of
from domain.model.seal import (
    SEAL_ID,
    SealRecord,
    record_digest,
)
from domain.usecases.base import HumasCore
from domain.usecases.records import describe_event
from domain.usecases.titles import Titles, first_line, record_type_of, stream_of


class ReplayUseCases(HumasCore):
    def audit_log(
        self,
        *,
        first: int | None = None,
        last: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        tail: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every event in the order it was recorded, between positions ``first`` and
        ``last`` (both included), recorded at ``since`` or later and before ``until``,
        or the last ``tail`` of them; each with its record's title as of then."""
        after = first - 1 if first is not None else None
        if tail is not None:
            after = _later(after, self._position_before_tail(tail))
        if since is not None:
            after = _later(after, self._position_at(since) - TIME_MARGIN - 1)
        stop = last
        if until is not None:
            bound = self._position_at(until) + TIME_MARGIN
            stop = bound if stop is None else min(stop, bound)
        titles = Titles(self)
        for notification in self.event_log.read(after, stop):
            entry, moment = self._describe(notification, titles)
            if moment is not None and (
                (since is not None and moment < since) or (until is not None and moment >= until)
            ):
                continue
            yield entry

    def audit_diff(self, since: datetime, until: datetime | None = None) -> dict[str, Any]:
        """Every change between two moments, grouped by record: new, corrected (old and
        new values), verified, rejected, merged, cancelled, and any other event type."""
        records: dict[str, dict[str, Any]] = {}
        totals: Counter[str] = Counter()
        first: int | None = None
        last: int | None = None
        for entry in self.audit_log(since=since, until=until):
            if entry.get("record_type") == "Seal":
                continue
            what = (
                "unreadable" if "error" in entry else CHANGE_KINDS.get(entry["type"], entry["type"])
            )
            record = records.setdefault(
                entry["stream"],
                {"stream": entry["stream"], "record_type": entry["record_type"], "title": None},
            )
            record["title"] = entry.get("title") or record["title"]
            change = {key: value for key, value in entry.items() if key not in _RECORD_KEYS}
            record.setdefault("changes", []).append({"what": what, **change})
            totals[what] += 1
            first = entry["position"] if first is None else first
            last = entry["position"]
        return {
            "since": since.isoformat(),
            "until": until.isoformat() if until else None,
            "first_position": first,
            "last_position": last,
            "totals": dict(totals),
            "records": list(records.values()),
        }

    def _describe(
        self, notification: Notification, titles: "Titles"
    ) -> tuple[dict[str, Any], datetime | None]:
        """What one stored record says, and when it was recorded (None: unreadable)."""
        stream = stream_of(notification.originator_id)
        record_type = record_type_of(notification.topic)
        try:
            if stream is None:  # changed by hand: `audit verify` names it
                raise ValueError(f"its record id {notification.originator_id!r} is no id")
            event: Any = self.event_log.decode(notification)
            # a state swapped in by hand may decode into an event missing its fields
            described = describe_event(event)
        except Exception as error:
            unreadable = {
                "position": notification.id,
                "stream": str(stream or notification.originator_id),
                "record_type": record_type,
                "version": notification.originator_version,
                "type": str(notification.topic),  # whatever a hand left in its column
                "error": first_line(error),
            }
            return unreadable, None
        if record_type == "Seal":
            described["changes"].pop("manifest", None)  # digests, not something to read
        return {
            "position": notification.id,
            "recorded_at": described["recorded_at"],
            "actor": described["actor"],
            "channel": described["channel"],
            "record_type": record_type,
            "stream": str(stream),
            "title": titles.of_event(stream, described["version"], record_type, described),
            "version": described["version"],
            "type": described["type"],
            "changes": described["changes"],
            "reason": described["reason"],
            "source": described.get("source"),
        }, event.timestamp

    def _position_at(self, moment: datetime) -> int:
        """The first position recorded at ``moment`` or later (past the end if none)."""
        first = self.event_log.page(start=None, limit=1)
        if not first:
            return 0
        low, high = first[0].id, (self.event_log.last_position() or 0) + 1
        while low < high:
            middle = (low + high) // 2
            found = self.event_log.page(start=middle, stop=high - 1, limit=1)
            if not found or not self._before(found[0], moment):
                high = middle
            else:
                low = found[0].id + 1
        return low

    def _before(self, notification: Notification, moment: datetime) -> bool:
        try:
            event: Any = self.event_log.decode(notification)
            recorded: datetime = event.timestamp
        except Exception:
            return True  # an unreadable record: look further on
        return recorded < moment

    def _position_before_tail(self, count: int) -> int | None:
        """The position just before the last ``count`` events (None: all of them)."""
        last = self.event_log.last_position()
        if not last or count <= 0:
            return last
        reach = count
        while True:
            after = last - reach
            positions = [n.id for n in self.event_log.read(after, last)]
            if len(positions) >= count:
                return positions[-count] - 1
            if not self.event_log.page(start=None, stop=after, limit=1):
                return None  # the store holds fewer than ``count`` events
            reach *= 2

    @contextmanager
    def as_of(self, moment: datetime) -> Iterator[int]:
        """Within this block every read answers as the store stood at ``moment``: a
        private read model caught up to the last event recorded before it. Yields that
        event's position (0 before the first event). Nothing is written."""
        position = self._last_position_before(moment)
        present = self.read_model
        self.read_model = present.frozen_at(position)
        try:
            yield position
        finally:
            self.read_model.close()
            self.read_model = present

    def moment_after(self, position: int) -> datetime | None:
        """The first moment at which the store stood at ``position``: just after the event
        there was recorded, so that ``as_of`` that moment gives ``position`` back."""
        found = self.event_log.page(start=position, stop=position, limit=1)
        try:
            event: Any = self.event_log.decode(found[0]) if found else None
        except Exception:
            return None
        return event.timestamp + timedelta(microseconds=1) if event else None

    def _last_position_before(self, moment: datetime) -> int:
        boundary = self._position_at(moment)
        earlier = self.event_log.page(
            start=max(boundary - TIME_MARGIN, 0), stop=boundary - 1, limit=TIME_MARGIN
        )
        return earlier[-1].id if earlier else 0

    def audit_as_of(self, moment: datetime) -> dict[str, Any]:
        """What the tracker held at ``moment``: operations, activities by status, review
        and kind, incidents, and the open flags, rebuilt from the events recorded before
        it (never from the read model, which only knows the present)."""
        boundary = self._position_at(moment)
        versions: dict[UUID, tuple[int, str]] = {}
        position, unreadable = None, 0
        for n in self.event_log.read(None, boundary + TIME_MARGIN):
            if n.id >= boundary - TIME_MARGIN and not self._before(n, moment):
                continue
            stream = stream_of(n.originator_id)
            if stream is None:
                unreadable += 1  # an id changed by hand: `audit verify` names it
            else:
                versions[stream] = (n.originator_version, record_type_of(n.topic))
            position = n.id
        held: dict[str, list[dict[str, Any]]] = {"Operation": [], "Activity": [], "Incident": []}
        for stream, (version, record_type) in versions.items():
            if record_type not in held:
                continue
            try:
                record: Any = self.repository.get(stream, version=version)
            except Exception:
                unreadable += 1  # a damaged record: `audit verify` names it
                continue
            held[record_type].append(record.summary())
        return _holdings(moment, position, held, unreadable)

    def readable_fields(
        self, notification: Notification, titles: "Titles | None" = None
    ) -> dict[str, Any]:
        """What an export line says of a stored record beside its bytes (record type,
        event type, time, actor, channel, title, changes, reason, source; or the error
        that keeps it from being read): the one rule an export is written and checked by."""
        entry, _ = self._describe(
            notification, titles or Titles(self, lookup=False, remember=False)
        )
        return {key: value for key, value in entry.items() if key not in _IDENTITY}

    def audit_export(self) -> Iterator[dict[str, Any]]:
        """An export as lines: a header, every stored record (its stored bytes, digest and
        what it says), each seal after the last record it covers, and an end line."""
        stop = self.event_log.last_position() or 0
        yield {
            "kind": "header",
            "format": EXPORT_FORMAT,
            "exported_at": datetime.now(UTC).isoformat(),
            "last_position": stop,
        }
        seals = self._seal_lines(stop)
        pending = next(seals, None)
        events = sealed = 0
        no_lookup = Titles(self, lookup=False, remember=False)
        for n in self.event_log.read(None, stop):
            while pending is not None and pending["position"] < n.id:
                yield pending
                sealed += 1
                pending = next(seals, None)
            stream = stream_of(n.originator_id)
            # A row changed by hand may hold an id, topic or state of another type (NULL,
            # TEXT): exported as text and bytes (what its line says is read from those),
            # it cannot match its seal.
            topic, state = str(n.topic or ""), _as_bytes(n.state)
            n = Notification(id=n.id, originator_id=n.originator_id,
                             originator_version=n.originator_version, topic=topic, state=state)  # fmt: skip
            yield {
                "kind": "event",
                "position": n.id,
                "stream": str(stream or n.originator_id),
                "version": n.originator_version,
                "topic": topic,
                "state": b64encode(state).decode("ascii"),
                "digest": record_digest(n.id, stream, n.originator_version, topic, state)
                if stream
                else "",
                **self.readable_fields(n, no_lookup),
            }
            events += 1
        while pending is not None:
            yield pending
            sealed += 1
            pending = next(seals, None)
        yield {"kind": "end", "events": events, "seals": sealed, "last_position": stop}

    def _seal_lines(self, stop: int) -> Iterator[dict[str, Any]]:
        """Seals up to ``stop``, one stored event read at a time (each carries a list of
        up to a few megabytes)."""
        version = 1
        while True:
            stored = self.event_log.events_of(SEAL_ID, gt=version, limit=1)
            if not stored:
                return
            version = stored[0].originator_version
            try:
                sealed: Any = self.event_log.decode(stored[0])
            except Exception:
                continue  # the export keeps the record as it is; a check names it
            record = SealRecord.of(sealed)
            if record.position > stop:
                return
            yield {"kind": "seal", **record.header(), "manifest": record.manifest}


# How ``audit diff`` groups an event; any other event shows under its own type name.
CHANGE_KINDS = {
    "Logged": "new",
    "Planned": "new",
    "Recorded": "new",
    "Received": "new",
    "Started": "new",
    "Corrected": "corrected",
    "PeriodRevised": "corrected",
    "Verified": "verified",
    "Rejected": "rejected",
    "MergedInto": "merged",
    "Absorbed": "merged",
    "Cancelled": "cancelled",
}


# Events are found by time through their positions, assuming the recorded times rise
# with the position; writers racing each other may leave them a little out of order,
# so this many positions either side are read and filtered by the exact time.
TIME_MARGIN = 1000


EXPORT_FORMAT = "humas-audit-export/1"


_IDENTITY = {"position", "stream", "version"}


_RECORD_KEYS = {"stream", "record_type", "title"}


# An activity or incident in these states no longer counts, nor do its flags.
_CLOSED = {"cancelled", "rejected", "merged"}


def _open(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The flags still open on a record, as codes with values."""
    entries = entries_of(record.get("flag_entries") or record.get("flags"))
    return [entry.flag.as_dict() for entry in entries if entry.is_open]


def _holdings(
    moment: datetime,
    position: int | None,
    held: dict[str, list[dict[str, Any]]],
    unreadable: int,
) -> dict[str, Any]:
    activities, incidents = held["Activity"], held["Incident"]
    flags = [
        {"record_type": "Operation", "id": op["id"], "title": op["name"], "flag": flag}
        for op in sorted(held["Operation"], key=lambda op: (op["start"], op["slug"]))
        for flag in _open(op)
    ]
    for record_type, records in (("Activity", activities), ("Incident", incidents)):
        for record in sorted(records, key=lambda r: (r.get("occurred_on") or "", r["id"])):
            if {record.get("status"), record.get("review")} & _CLOSED:
                continue
            flags += [
                {"record_type": record_type, "id": record["id"], "title": record.get("title"),
                 "flag": flag}
                for flag in _open(record)
            ]  # fmt: skip
    return {
        "as_of": moment.isoformat(),
        "position": position,
        "operations": [
            {key: op.get(key) for key in ("id", "slug", "name", "status", "start", "end")}
            for op in sorted(held["Operation"], key=lambda op: (op["start"], op["slug"]))
        ],
        "activities": {
            "total": len(activities),
            "by_status": dict(Counter(a["status"] for a in activities).most_common()),
            "by_review": dict(Counter(a["review"] for a in activities).most_common()),
            "by_kind": dict(Counter(a["kind"] for a in activities).most_common()),
        },
        "incidents": {
            "total": len(incidents),
            "by_review": dict(Counter(i["review"] for i in incidents).most_common()),
        },
        "open_flags": flags,
        "unreadable": unreadable,
    }


def _later(position: int | None, other: int | None) -> int | None:
    if position is None:
        return other
    return position if other is None else max(position, other)


def _as_bytes(state: object) -> bytes:
    """A stored state as bytes, whatever a hand left in its column."""
    if isinstance(state, bytes):
        return state
    return b"" if state is None else str(state).encode("utf-8", "surrogateescape")
