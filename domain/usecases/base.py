"""The thin application every use case shares: transcodings, the event log, saving with
retries, resolving a reference, and the roles check before any write.

Each family of use cases (operations.py, activities.py, …) is a class on top of this
one; domain/application.py puts them together.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import (
    AggregateNotFoundError,
    Application,
    ProcessingEvent,
    Recording,
)
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    IntegrityError,
    JSONTranscoder,
    PersistenceError,
    Transcoding,
)

from domain.model import topics  # noqa: F401  (aggregates load when a stored topic names them)
from domain.model.errors import Conflict, DomainError, NotFound, Refused, StoreReadOnly
from domain.model.policies import Clock
from domain.model.provenance import Recorder, recording_as
from domain.model.rules import MIN_ID_PREFIX, bare_name, check_ref, looks_like_short_id
from domain.model.streams import ROSTER_ID
from domain.ports import ReadModel
from domain.usecases.event_log import EventLog

if TYPE_CHECKING:  # loaded when a record needs it (domain/model/topics.py)
    from domain.model.roster import Roster

A = TypeVar("A", bound=Aggregate)
T = TypeVar("T")

# A change that loses the race re-reads the record and applies itself again;
# past this many rounds something is wrong and a person should look.
MAX_ATTEMPTS = 20
# The roster's version before it is first read (None: the store has no roster).
_UNREAD = -1


class RosterChanged(Exception):
    """Raised inside a save's transaction, which then stores nothing: the roster is no
    longer the one the save's check asked."""


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """For work on many records at once (a batch logged, a catch-up): it makes tens of
    thousands of small dicts and lists that all live until they are saved, with no
    cycles among them, and the cycle collector would walk them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class HumasCore(Application):
    """What every use case needs; the application sets ``read_only`` when its store is."""

    read_only = False
    # Opened encrypted without its key (``audit verify``): only stored bytes can be read.
    without_key = False
    read_model: ReadModel
    # The one clock of every planned-or-conducted decision (domain.model.policies).
    clock: Clock = staticmethod(date.today)  # type: ignore[assignment]
    _cached_roster: Roster | None = None
    _roster_version: int | None = _UNREAD  # the roster's version when last read
    # (actor, action) allowed by the roster as last read, which the next save's own
    # transaction confirms is still the stored one (_require_at_save).
    _unconfirmed: tuple[str, str] | None = None

    @property
    def event_log(self) -> EventLog:
        """Every stored record in the order it was recorded, read straight from the store."""
        return EventLog(self.recorder, self.mapper)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def attach(self, read_model: ReadModel) -> None:
        self.read_model = read_model
        if hasattr(self.recorder, "guard"):
            self.recorder.guard = self._confirm_roster

    def resolve(self, ref: str, record_type: str | None = None) -> tuple[str, str]:
        """The (type, id) a reference means: full id, id prefix of 6+, slug or alias."""
        if not ref.strip():
            raise NotFound("empty-reference", field="ref")
        text = check_ref(ref)
        self.read_model.catch_up()
        matches = self.read_model.ids_matching(text)
        if record_type:
            matches = [match for match in matches if match[0] == record_type]
        what = (record_type or "record").lower()
        if not matches and looks_like_short_id(text):
            raise NotFound("id-too-short", "ref", sort=what, ref=repr(ref), least=MIN_ID_PREFIX)
        if not matches:
            raise NotFound("no-match", field="ref", sort=what, ref=repr(ref))
        if len(set(matches)) > 1:
            raise NotFound("ambiguous", "ref", ref=repr(ref), count=len(matches))
        return matches[0]

    def operation_id(self, ref: str, field: str | None = None) -> str:
        """The one way every channel names an operation: its slug, an alias, an id (or
        a prefix of 6+), else its name or an alias with or without a leading "Operasi"
        or "Ops", in any case ("Operasi Mantap Brata 2023-2024", "mantap brata 2023-2024").

        ``field`` is the input that named it when that is not a command's REF
        (``operation`` for an ``--operation`` option), so a refusal points there."""
        try:
            return self._operation_id(ref)
        except DomainError as error:
            if field is None:
                raise
            raise type(error)(error.code, field, **error.values) from None

    def _operation_id(self, ref: str) -> str:
        try:
            return self.resolve(ref, "Operation")[1]
        except NotFound:
            wanted = bare_name(ref)
            named = {
                row["id"]
                for row in self.read_model.operations()
                for name in (row["name"], *row["aliases"])
                if wanted and bare_name(name) == wanted
            }
            if len(named) == 1:
                return named.pop()
            # "Operasi Mantap Brata" for "Operasi Mantap Brata 2023-2024": say which one is
            # meant rather than pick it, since another year's operation may come later.
            longer = sorted(
                f"{row['name']!r} ({row['slug']})"
                for row in self.read_model.operations()
                if wanted
                and any(
                    bare_name(name).startswith(wanted + "-")
                    for name in (row["name"], *row["aliases"])
                )
            )
            if longer and not named:
                raise NotFound(
                    "no-match-but-longer", field="ref", ref=repr(ref), names=", ".join(longer)
                ) from None
            raise

    def activity_id(self, ref: str) -> str:
        return self.resolve(ref, "Activity")[1]

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        """A snapshot only spares replaying events: once a command's events are stored,
        the command is reported as stored even if a snapshot cannot be taken (the next
        interval tries again), never as failed."""
        with suppress(TypeError, ValueError, PersistenceError):
            super()._take_snapshots(processing_event)

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """The library's save. Aggregates (every save humas makes) are collected without
        its runtime protocol checks: on Python 3.11 ``typing`` lists a protocol's members
        again on every ``isinstance``, about 14 µs an aggregate, more than the rest of
        collecting; what follows collecting is the library's own."""
        if self.read_only:  # refused before the database would, in words of its own
            raise StoreReadOnly("store-read-only")
        if kwargs or not all(isinstance(obj, Aggregate) for obj in objs):
            return super().save(*objs, **kwargs)
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        for aggregate in objs:
            processing_event.events.extend(aggregate.collect_events())
            processing_event.aggregates[aggregate.id] = aggregate
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        self.notify(processing_event.events)  # type: ignore[arg-type]  # as the library calls it
        return recordings

    def _save(self, *aggregates: Aggregate) -> None:
        recordings = self.save(*aggregates)
        positions = [recording.notification.id for recording in recordings]
        self.read_model.catch_up(fresh=aggregates, recorded=positions)

    def _change(
        self,
        by: Recorder,
        record_id: str,
        change: Callable[[A], None],
        action: str = "write",
    ) -> A:
        """Apply a change; if another officer saved first, re-read and apply it again.

        The change itself refuses what no longer makes sense (e.g. the activity was
        cancelled meanwhile), so a retry never overrides a newer decision.
        """
        self._require(by, action)
        for _ in range(MAX_ATTEMPTS):
            aggregate: A = self.repository.get(UUID(record_id))
            with recording_as(by):
                change(aggregate)
            try:
                self._save(aggregate)
            except IntegrityError:
                continue
            return aggregate
        raise Conflict("kept-changing", id=record_id[:8])

    def _retrying(self, attempt: Callable[[], T]) -> T:
        """Run a use case that saves several records again if another process saved
        one of them first."""
        for _ in range(MAX_ATTEMPTS):
            try:
                return attempt()
            except IntegrityError:
                continue
        raise Conflict("records-kept-changing")

    def _roster(self) -> Roster | None:
        """The roster as stored now. Every write asks, so the check is one small query
        for the roster's latest version; the roster is rebuilt only when it changed."""
        latest = self.event_log.latest_version(ROSTER_ID)
        self._roster_version = latest
        if latest is None:
            return None
        cached = self._cached_roster
        if cached is None or cached.version != latest:
            try:
                cached = self.repository.get(ROSTER_ID)
            except AggregateNotFoundError:
                self._roster_version = None
                return None
            self._cached_roster = cached
            self._roster_version = cached.version
        return cached  # for reading only: changes start from a fresh copy (see add_to_roster)

    @contextmanager
    def _required_at_save(self, by: Recorder, action: str) -> Iterator[None]:
        """:meth:`_require` for a use case that saves once, inside this block: once the
        roster has been read, the roster as last read is asked, and the save's own
        transaction confirms that it is still the stored one (``_confirm_roster``),
        where nothing can change it before the commit; a write then needs no
        transaction of its own to ask. The first time (or on a store without that
        hook) the roster is read."""
        if self._roster_version == _UNREAD or not self._guarded:
            self._require(by, action)
        elif self._roster_version is not None and self._cached_roster is not None:
            try:
                self._cached_roster.check(by.actor, action)
            except Refused:
                self._require(by, action)  # a refusal is only ever given on the stored roster
        self._unconfirmed = (by.actor, action)
        try:
            yield
        finally:
            self._unconfirmed = None

    @property
    def _guarded(self) -> bool:
        return bool(getattr(self.recorder, "guard", None) == self._confirm_roster)

    def _confirm_roster(
        self, latest_version: Callable[[UUID], int | None], saved: Sequence[object]
    ) -> None:
        """Inside a save's transaction (see SaveGuard): refuse it if the roster is not
        the one the save's check asked. A save of the roster itself is the roster's
        own business (its version guards it)."""
        if any(getattr(record, "originator_id", None) == ROSTER_ID for record in saved):
            self._roster_version = _UNREAD  # read again before the next check
            return
        if self._unconfirmed is None:
            return
        if latest_version(ROSTER_ID) != self._roster_version:
            raise RosterChanged

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        """The library's recording; when the roster changed under a save, the roster is
        read again and the actor checked again (refused: nothing is stored), then the
        same events are saved."""
        for _ in range(MAX_ATTEMPTS):
            try:
                return super()._record(processing_event)
            except RosterChanged:
                assert self._unconfirmed is not None
                actor, action = self._unconfirmed
                roster = self._roster()
                if roster is not None:
                    roster.check(actor, action)
        raise Conflict("records-kept-changing")

    def _require(self, by: Recorder, action: str) -> None:
        """Refuse, before anything is written, what the actor's role does not allow."""
        roster = self._roster()
        if roster is not None:
            roster.check(by.actor, action)

    def role_of(self, actor: str) -> str | None:
        roster = self._roster()
        return roster.role_of(actor) if roster else None
