"""The auditor's use cases: replay the log, seal it, check it, export it.

They read the application's notification log (every stored event in the order it was
recorded) straight from the recorder, never the read model, so they give the same
answer on a store opened read-only and on one whose read model is behind. Only
sealing writes.

Mixed into :class:`domain.application.HumasApplication`.
"""

from base64 import b64encode
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import Notification

from domain.ports import ReadModel
from domain.provenance import Recorder, recording_as
from domain.seal import (
    GENESIS,
    MAX_SEAL_RECORDS,
    SEAL_ID,
    Check,
    Problem,
    Seal,
    SealRecord,
    Span,
    Verdict,
    record_digest,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from eventsourcing.application import Repository
    from eventsourcing.persistence import ApplicationRecorder, Mapper

BATCH = 2000
EXPORT_FORMAT = "humas-audit-export/1"

# Events are found by time through their positions, assuming the recorded times rise
# with the position; writers racing each other may leave them a little out of order,
# so this many positions either side are read and filtered by the exact time.
TIME_MARGIN = 1000

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


class AuditUseCases:
    """Use cases for auditors; the application sets ``read_only`` when its store is."""

    read_only = False

    if TYPE_CHECKING:
        recorder: ApplicationRecorder
        mapper: Mapper[UUID]
        repository: Repository[UUID]
        read_model: ReadModel

        def _require(self, by: Recorder, action: str) -> None: ...
        def save(self, *objs: Any, **kwargs: Any) -> Any: ...
        def _retrying(self, attempt: Callable[[], Any]) -> Any: ...
        def role_of(self, actor: str) -> str | None: ...

    # Sealing -----------------------------------------------------------------

    def seal(self, by: Recorder) -> dict[str, Any] | None:
        """Seal every event stored up to now: the seal's ``number``, ``position``,
        ``hash``, ``sealed_at``, and ``new`` (False: nothing was stored since the latest
        seal, which is returned); None when the store is empty.

        Needs the supervisor role where the store has a roster."""
        self._require(by, "seal")
        return self._seal_now(by)

    def seal_for_report(self, by: Recorder | None = None) -> dict[str, Any] | None:
        """The seal a report prints in its footer: ``number``, ``position``, ``hash``,
        ``sealed_at``; None for an empty store.

        A new seal when anything was recorded since the latest one, else the latest one,
        so reporting twice on an unchanged store gives the same footer. It needs no role:
        a seal adds no claim, it fixes what is stored. On a read-only store, or for an
        auditor (auditors never write), it is the latest seal, which may not cover the
        newest events.
        """
        if self.read_only or (by is not None and self.role_of(by.actor) == "auditor"):
            return self.latest_seal()
        return self._seal_now(by or Recorder(actor="humas report"))

    def latest_seal(self) -> dict[str, Any] | None:
        seal = self._seal_stream()
        return seal.summary() if seal else None

    def _seal_stream(self) -> Seal | None:
        try:
            seal: Seal = self.repository.get(SEAL_ID)
        except AggregateNotFoundError:
            return None
        return seal

    def _seal_now(self, by: Recorder) -> dict[str, Any] | None:
        """Seal what is stored up to now, in seals of at most ``MAX_SEAL_RECORDS``."""
        latest = self._seal_stream()
        if not self._recorded_since(latest.position if latest else None):
            return _answer(latest, new=False)
        stop = self.recorder.max_notification_id()

        def next_seal() -> Seal | None:
            seal = self._seal_stream()  # again: another process may have sealed meanwhile
            span = Span(seal.hash if seal else GENESIS)
            for n in self._notifications(seal.position if seal else None, stop):
                span.add(n.id, _uuid(n.originator_id), n.originator_version, n.topic, n.state)
                if span.count == MAX_SEAL_RECORDS:
                    break
            if not span.count:
                return seal
            with recording_as(by):
                seal = seal or Seal.start()
                seal.close(span)
            # Not ``_save``: the read model shows nothing of a seal, and catches up on
            # its next read anyway.
            self.save(seal)
            return seal

        while True:
            seal: Seal | None = self._retrying(next_seal)
            if seal is None or seal.position is None or stop is None or seal.position >= stop:
                return _answer(seal, new=True)

    def _recorded_since(self, position: int | None) -> bool:
        """Whether anything but the seal's own events was stored after ``position``."""
        following = self.recorder.select_notifications(
            start=position, limit=3, inclusive_of_start=position is None
        )
        return any(n.originator_id != SEAL_ID for n in following)

    # Checking ----------------------------------------------------------------

    def verify_store(self, expect: Sequence[str] = ()) -> Verdict:
        """Recompute every seal from the stored records and name what differs.

        ``expect``: seal hashes (or their first 12+ digits) printed in reports, which
        the store must still hold, so that even rewriting every seal is caught."""
        seals, unreadable = self._stored_seals()
        check = Check(seals, unreadable)
        for n in self._notifications(None, None):
            check.feed(n.id, _uuid(n.originator_id), n.originator_version, n.topic, n.state)
        verdict = check.finish(expect)
        self._name_streams(verdict.problems)
        return verdict

    def _stored_seals(self) -> tuple[list[SealRecord], list[Problem]]:
        seals, unreadable = [], []
        for stored in self.recorder.select_events(SEAL_ID):
            number = stored.originator_version - 1  # version 1 starts the stream
            try:
                sealed: Any = self.mapper.to_domain_event(stored)
            except Exception as error:
                detail = f"seal #{number} cannot be read ({_first_line(error)})"
                unreadable.append(Problem("seal", number, detail))
                continue
            if type(sealed).__name__ == "Sealed":
                seals.append(SealRecord.of(sealed))
        return seals, unreadable

    def _name_streams(self, problems: list[Problem]) -> None:
        """Give each problem its record's full id, type and title, where they can be read."""
        prefixes = {p.stream for p in problems if p.stream and len(p.stream) == 16}
        full = self._streams_by_prefix(prefixes) if prefixes else {}
        titles = _Titles(self)
        for problem in problems:
            if problem.stream is None:
                continue
            problem.stream = full.get(problem.stream, problem.stream)
            if len(problem.stream) == 36:
                stream = UUID(problem.stream)
                problem.record_type, problem.title = titles.of_stream(stream)

    def _streams_by_prefix(self, prefixes: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for n in self._notifications(None, None):
            prefix = _uuid(n.originator_id).hex[:16]
            if prefix in prefixes and prefix not in found:
                found[prefix] = str(n.originator_id)
                if len(found) == len(prefixes):
                    break
        return found

    # Reading the log ---------------------------------------------------------

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
        titles = _Titles(self)
        for notification in self._notifications(after, stop):
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
        self, notification: Notification, titles: "_Titles"
    ) -> tuple[dict[str, Any], datetime | None]:
        """What one stored record says, and when it was recorded (None: unreadable)."""
        from domain.application import describe_event

        stream = _uuid(notification.originator_id)
        record_type = _record_type(notification.topic)
        try:
            event: Any = self.mapper.to_domain_event(notification)
        except Exception as error:
            unreadable = {
                "position": notification.id,
                "stream": str(stream),
                "record_type": record_type,
                "version": notification.originator_version,
                "type": notification.topic,
                "error": _first_line(error),
            }
            return unreadable, None
        described = describe_event(event)
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
        first = self.recorder.select_notifications(start=None, limit=1)
        if not first:
            return 0
        low, high = first[0].id, (self.recorder.max_notification_id() or 0) + 1
        while low < high:
            middle = (low + high) // 2
            found = self.recorder.select_notifications(start=middle, stop=high - 1, limit=1)
            if not found or not self._before(found[0], moment):
                high = middle
            else:
                low = found[0].id + 1
        return low

    def _before(self, notification: Notification, moment: datetime) -> bool:
        try:
            event: Any = self.mapper.to_domain_event(notification)
            recorded: datetime = event.timestamp
        except Exception:
            return True  # an unreadable record: look further on
        return recorded < moment

    def _position_before_tail(self, count: int) -> int | None:
        """The position just before the last ``count`` events (None: all of them)."""
        last = self.recorder.max_notification_id()
        if not last or count <= 0:
            return last
        reach = count
        while True:
            after = last - reach
            positions = [n.id for n in self._notifications(after, last)]
            if len(positions) >= count:
                return positions[-count] - 1
            if not self.recorder.select_notifications(start=None, stop=after, limit=1):
                return None  # the store holds fewer than ``count`` events
            reach *= 2

    def _notifications(self, after: int | None, stop: int | None) -> Iterator[Notification]:
        """Stored records after position ``after`` (None: from the very first, even one
        forged at position 0 or below) up to ``stop``, in batches."""
        start, inclusive = after, after is None
        while True:
            batch = self.recorder.select_notifications(
                start=start, stop=stop, limit=BATCH, inclusive_of_start=inclusive
            )
            yield from batch
            if len(batch) < BATCH:
                return
            start, inclusive = batch[-1].id, False

    # As of a past moment -------------------------------------------------------

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

    def _last_position_before(self, moment: datetime) -> int:
        boundary = self._position_at(moment)
        earlier = self.recorder.select_notifications(
            start=max(boundary - TIME_MARGIN, 0), stop=boundary - 1, limit=TIME_MARGIN
        )
        return earlier[-1].id if earlier else 0

    def seal_before(self, position: int) -> dict[str, Any] | None:
        """The latest seal made at or before ``position``: the one a report generated then
        printed. (A seal is saved right after the records it covers.)"""
        seal = self._seal_stream()
        while seal is not None and seal.position is not None and seal.position >= position:
            seal = (
                self.repository.get(SEAL_ID, version=seal.version - 1) if seal.version > 1 else None
            )
        return seal.summary() if seal else None

    def audit_as_of(self, moment: datetime) -> dict[str, Any]:
        """What the tracker held at ``moment``: operations, activities by status, review
        and kind, incidents, and the open flags, rebuilt from the events recorded before
        it (never from the read model, which only knows the present)."""
        boundary = self._position_at(moment)
        versions: dict[UUID, tuple[int, str]] = {}
        position = None
        for n in self._notifications(None, boundary + TIME_MARGIN):
            if n.id >= boundary - TIME_MARGIN and not self._before(n, moment):
                continue
            versions[_uuid(n.originator_id)] = (n.originator_version, _record_type(n.topic))
            position = n.id
        held: dict[str, list[dict[str, Any]]] = {"Operation": [], "Activity": [], "Incident": []}
        unreadable = 0
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

    # Export ------------------------------------------------------------------

    def audit_export(self) -> Iterator[dict[str, Any]]:
        """An export as lines: a header, every stored record (its stored bytes, digest and
        what it says), each seal after the last record it covers, and an end line."""
        stop = self.recorder.max_notification_id() or 0
        yield {
            "kind": "header",
            "format": EXPORT_FORMAT,
            "exported_at": datetime.now(UTC).isoformat(),
            "last_position": stop,
        }
        seals = self._seal_lines(stop)
        pending = next(seals, None)
        events = sealed = 0
        no_lookup = _Titles(self, lookup=False, remember=False)
        for n in self._notifications(None, stop):
            while pending is not None and pending["position"] < n.id:
                yield pending
                sealed += 1
                pending = next(seals, None)
            stream = _uuid(n.originator_id)
            entry, _ = self._describe(n, no_lookup)
            yield {
                "kind": "event",
                "position": n.id,
                "stream": str(stream),
                "version": n.originator_version,
                "topic": n.topic,
                "state": b64encode(n.state).decode("ascii"),
                "digest": record_digest(n.id, stream, n.originator_version, n.topic, n.state),
                **{key: value for key, value in entry.items() if key not in _IDENTITY},
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
            stored = self.recorder.select_events(SEAL_ID, gt=version, limit=1)
            if not stored:
                return
            version = stored[0].originator_version
            try:
                sealed: Any = self.mapper.to_domain_event(stored[0])
            except Exception:
                continue  # the export keeps the record as it is; a check names it
            record = SealRecord.of(sealed)
            if record.position > stop:
                return
            yield {"kind": "seal", **record.header(), "manifest": record.manifest}


_IDENTITY = {"position", "stream", "version"}
_RECORD_KEYS = {"stream", "record_type", "title"}


# An activity or incident in these states no longer counts, nor do its flags.
_CLOSED = {"cancelled", "rejected", "merged"}


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
        for flag in op.get("flags") or []
    ]
    for record_type, records in (("Activity", activities), ("Incident", incidents)):
        for record in sorted(records, key=lambda r: (r.get("occurred_on") or "", r["id"])):
            if {record.get("status"), record.get("review")} & _CLOSED:
                continue
            flags += [
                {"record_type": record_type, "id": record["id"], "title": record.get("title"),
                 "flag": flag}
                for flag in record.get("flags") or []
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


def _answer(seal: Seal | None, new: bool) -> dict[str, Any] | None:
    summary = seal.summary() if seal else None
    return {**summary, "new": new} if summary else None


class _Titles:
    """The title of each record as of each event: an operation's name, an activity's or
    incident's title, a news item's headline, read from the events themselves."""

    def __init__(self, app: AuditUseCases, lookup: bool = True, remember: bool = True) -> None:
        """``lookup``: read a record's earlier events for its title when the event has
        none; ``remember``: keep titles seen (an export keeps nothing, for flat memory)."""
        self.app = app
        self.lookup = lookup
        self.remember = remember
        self.known: dict[UUID, str | None] = {}

    def of_event(
        self, stream: UUID, version: int, record_type: str, described: dict[str, Any]
    ) -> str | None:
        if record_type == "Seal":
            number = described["changes"].get("number")
            return f"seal #{number}" if number else "seals"
        if record_type == "Roster":
            return "roster"
        here = _title_in(described)
        if here and self.remember:
            self.known[stream] = here
        elif stream not in self.known and self.lookup:
            self.known[stream] = self._before(stream, version)
        return here or self.known.get(stream)

    def of_stream(self, stream: UUID) -> tuple[str | None, str | None]:
        """A record's type and latest readable title, for naming it in a check."""
        return self._read(stream, None)

    def _before(self, stream: UUID, version: int) -> str | None:
        return self._read(stream, version - 1)[1]

    def _read(self, stream: UUID, last: int | None) -> tuple[str | None, str | None]:
        """The type and the latest title of a record's events up to version ``last``
        (all of them when None); damaged events are passed over."""
        from domain.application import describe_event

        record_type, title = None, None
        try:
            for stored in self.app.recorder.select_events(stream, lte=last):
                record_type = _record_type(stored.topic)
                try:
                    event: Any = self.app.mapper.to_domain_event(stored)
                    title = _title_in(describe_event(event)) or title
                except Exception:
                    continue
        except Exception:
            pass
        return record_type, title


def _title_in(described: dict[str, Any]) -> str | None:
    changes = described.get("changes") or {}
    for key in ("title", "name"):
        value = changes.get(key)
        if isinstance(value, dict):
            value = value.get("to")
        if isinstance(value, str) and value:
            return value
    facts = changes.get("facts")
    if isinstance(facts, dict) and isinstance(facts.get("title"), str):
        return str(facts["title"])
    return None


def _record_type(topic: str) -> str:
    """``humas:Activity.Corrected`` is an event of an Activity."""
    return topic.partition(":")[2].partition(".")[0] or topic


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


def _later(position: int | None, other: int | None) -> int | None:
    if position is None:
        return other
    return position if other is None else max(position, other)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
