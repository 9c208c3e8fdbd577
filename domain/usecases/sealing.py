"""Seals over the event log, and checking them."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.model.provenance import Recorder, recording_as
from domain.model.seal import (
    GENESIS,
    MAX_SEAL_RECORDS,
    SEAL_ID,
    Check,
    Problem,
    Seal,
    SealRecord,
    Span,
    Verdict,
)
from domain.usecases.base import HumasCore
from domain.usecases.titles import Titles, first_line, uuid_of


class SealingUseCases(HumasCore):
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
        stop = self.event_log.last_position()

        def next_seal() -> Seal | None:
            seal = self._seal_stream()  # again: another process may have sealed meanwhile
            span = Span(seal.hash if seal else GENESIS)
            for n in self.event_log.read(seal.position if seal else None, stop):
                span.add(n.id, uuid_of(n.originator_id), n.originator_version, n.topic, n.state)
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
        following = self.event_log.page(
            start=position, limit=3, inclusive_of_start=position is None
        )
        return any(n.originator_id != SEAL_ID for n in following)

    def verify_store(self, expect: Sequence[str] = ()) -> Verdict:
        """Recompute every seal from the stored records and name what differs.

        ``expect``: seal hashes (or their first 12+ digits) printed in reports, which
        the store must still hold, so that even rewriting every seal is caught."""
        seals, unreadable = self._stored_seals()
        check = Check(seals, unreadable)
        for n in self.event_log.read(None, None):
            check.feed(n.id, uuid_of(n.originator_id), n.originator_version, n.topic, n.state)
        verdict = check.finish(expect)
        self._name_streams(verdict.problems)
        return verdict

    def _stored_seals(self) -> tuple[list[SealRecord], list[Problem]]:
        seals, unreadable = [], []
        for stored in self.event_log.events_of(SEAL_ID):
            number = stored.originator_version - 1  # version 1 starts the stream
            try:
                sealed: Any = self.event_log.decode(stored)
            except Exception as error:
                detail = f"seal #{number} cannot be read ({first_line(error)})"
                unreadable.append(Problem("seal", number, detail))
                continue
            if type(sealed).__name__ == "Sealed":
                seals.append(SealRecord.of(sealed))
        return seals, unreadable

    def _name_streams(self, problems: list[Problem]) -> None:
        """Give each problem its record's full id, type and title, where they can be read."""
        prefixes = {p.stream for p in problems if p.stream and len(p.stream) == 16}
        full = self._streams_by_prefix(prefixes) if prefixes else {}
        titles = Titles(self)
        for problem in problems:
            if problem.stream is None:
                continue
            problem.stream = full.get(problem.stream, problem.stream)
            if len(problem.stream) == 36:
                stream = UUID(problem.stream)
                problem.record_type, problem.title = titles.of_stream(stream)

    def _streams_by_prefix(self, prefixes: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for n in self.event_log.read(None, None):
            prefix = uuid_of(n.originator_id).hex[:16]
            if prefix in prefixes and prefix not in found:
                found[prefix] = str(n.originator_id)
                if len(found) == len(prefixes):
                    break
        return found

    def seal_before(self, position: int) -> dict[str, Any] | None:
        """The latest seal made at or before ``position``: the one a report generated then
        printed. (A seal is saved right after the records it covers.)"""
        seal = self._seal_stream()
        while seal is not None and seal.position is not None and seal.position >= position:
            seal = (
                self.repository.get(SEAL_ID, version=seal.version - 1) if seal.version > 1 else None
            )
        return seal.summary() if seal else None


def _answer(seal: Seal | None, new: bool) -> dict[str, Any] | None:
    summary = seal.summary() if seal else None
    return {**summary, "new": new} if summary else None
