"""Seals over the event log, and checking them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.model.errors import InvalidValue, Refused
from domain.model.provenance import Recorder, recording_as
from domain.model.seal import (
    GENESIS,
    MAX_SEAL_RECORDS,
    SEAL_ID,
    Problem,
    SealRecord,
    Span,
    Verdict,
    saved_by_humas,
    verdict_note,
)
from domain.usecases.base import HumasCore
from domain.usecases.titles import Titles, first_line, uuid_of

if TYPE_CHECKING:
    from domain.model.seal_check import Check
    from domain.model.seal_stream import Seal

# Stored records read at a time by a check (it reads them all).
CHECK_BATCH = 10_000
# Sealed records from which a check reads each seal's records in processes of their own,
# on several cores (starting them costs about half a second).
CHECK_APART_FROM = 200_000


class SealingUseCases(HumasCore):
    def seal(self, by: Recorder, accept_foreign: str | None = None) -> dict[str, Any] | None:
        """Seal every event stored up to now: the seal's ``number``, ``position``,
        ``hash``, ``sealed_at``, and ``new`` (False: nothing was stored since the latest
        seal, which is returned); None when the store is empty.

        Refused while records humas never saved wait to be sealed, unless
        ``accept_foreign`` gives the reason to seal them anyway (it is recorded in the
        seal). Needs the supervisor role where the store has a roster."""
        self._require(by, "seal")
        if accept_foreign is not None and not accept_foreign.strip():
            raise InvalidValue("seal-needs-reason", "reason")
        latest = self._seal_stream()
        if accept_foreign is None:
            foreign = self._foreign_after(latest.position if latest else None)
            if foreign:
                shown = ", ".join(str(position) for position in foreign[:5])
                more = ", …" if len(foreign) > 5 else ""
                raise Refused("foreign-records", count=len(foreign), positions=shown + more)
        return self._seal_now(by, accept_foreign)

    def seal_for_report(self, by: Recorder | None = None) -> dict[str, Any] | None:
        """The seal a report prints in its footer: ``number``, ``position``, ``hash``,
        ``sealed_at``, and ``unvouched`` (records stored since the latest seal that humas
        never saved: never sealed, named by ``audit verify``); None for an empty store.

        A new seal when anything was recorded since the latest one, else the latest one,
        so reporting twice on an unchanged store gives the same footer. It needs no role:
        a seal adds no claim, it fixes what is stored. On a read-only store, or for an
        auditor (auditors never write), it is the latest seal, which may not cover the
        newest events.
        """
        if self.read_only or (by is not None and self.role_of(by.actor) == "auditor"):
            latest = self._seal_stream()
            unvouched = len(self._foreign_after(latest.position if latest else None))
            return _answer(latest, new=False, unvouched=unvouched)
        return self._seal_now(by or Recorder(actor="humas report"))

    def latest_seal(self) -> dict[str, Any] | None:
        seal = self._seal_stream()
        return seal.summary() if seal else None

    def _seal_stream(self, version: int | None = None) -> Seal | None:
        """The seals as of ``version`` (None: the latest), from the stream's first event
        and that version's: each ``Sealed`` event carries all a seal's state, so there
        is no long replay, and no snapshot to trust (a snapshot changed by hand would
        make the next honest seal look broken)."""
        first = self.event_log.events_of(SEAL_ID, lte=1)
        last = self.event_log.latest_event(SEAL_ID, lte=version)
        if not first or last is None:
            return None
        seal: Seal = self.event_log.decode(first[0]).mutate(None)
        if last.originator_version > 1:
            sealed = self.event_log.decode(last)
            seal.version = last.originator_version - 1  # the events between change nothing kept
            sealed.mutate(seal)
        return seal

    def _foreign_after(self, position: int | None) -> list[int]:
        """Positions of the records after ``position`` that humas never saved."""
        key = self.event_log.seal_key
        return [
            at
            for at, stream, version, topic, state, digest in self.event_log.rows(position)
            if saved_by_humas(stream, version, topic, state, digest, key=key) is False
        ]

    def _seal_now(self, by: Recorder, accept_foreign: str | None = None) -> dict[str, Any] | None:
        """Seal what is stored up to now, in seals of at most ``MAX_SEAL_RECORDS``.

        Records humas never saved are left out (unless ``accept_foreign`` says why to
        take them in): a seal vouches only for what humas wrote."""
        latest = self._seal_stream()
        if not self._recorded_since(latest.position if latest else None):
            return _answer(latest, new=False, unvouched=0)
        stop = self.event_log.last_position()
        key = self.event_log.seal_key
        unvouched = 0

        def next_seal() -> tuple[Seal | None, int | None]:
            nonlocal unvouched
            seal = self._seal_stream()  # again: another process may have sealed meanwhile
            span = Span(seal.hash if seal else GENESIS)
            reached = seal.position if seal else None
            accepted, skipped = [], 0
            for position, stream, version, topic, state, digest in self.event_log.rows(
                reached, stop
            ):
                reached = position
                if saved_by_humas(stream, version, topic, state, digest, key=key) is False:
                    if accept_foreign is None:
                        skipped += 1
                        continue
                    accepted.append(position)
                span.add(position, stream, version, topic, state)
                if span.count == MAX_SEAL_RECORDS:
                    break
            unvouched = skipped
            if not span.count:
                return seal, reached
            with recording_as(by):
                from domain.model.seal_stream import Seal  # only sealing defines it

                seal = seal or Seal.start()
                seal.close(span, accepted, accept_foreign if accepted else None)
            # Not ``_save``: the read model shows nothing of a seal, and catches up on
            # its next read anyway.
            self.save(seal)
            return seal, reached

        while True:
            seal, reached = self._retrying(next_seal)
            if reached is None or stop is None or reached >= stop:
                return _answer(seal, new=True, unvouched=unvouched)

    def _recorded_since(self, position: int | None) -> bool:
        """Whether anything but the seal's own events was stored after ``position``."""
        for row in self.event_log.rows(position):
            if str(row[1]).replace("-", "") != SEAL_ID.hex:
                return True
        return False

    def verify_store(self, expect: Sequence[str] = ()) -> Verdict:
        """Recompute every seal from the stored records and name what differs.

        ``expect``: seal hashes (or their first 12+ digits) printed in reports, which
        the store must still hold, so that even rewriting every seal is caught."""
        from domain.model.seal_check import Check  # only a check needs it, not every command

        seals, unreadable = self._stored_seals()
        key = self.event_log.seal_key
        check = Check(seals, unreadable, key=key)
        after: int | None = None
        for seal in self._vouch_apart(check, key):  # the rows of the others are read here
            if seal.start != after:
                for batch in self.event_log.row_batches(after, seal.start, size=CHECK_BATCH):
                    check.feed_many(batch)
            after = seal.position
        for batch in self.event_log.row_batches(after, size=CHECK_BATCH):
            check.feed_many(batch)
        verdict = check.finish(expect)
        named = {(str(p.stream).replace("-", "")[:16], p.version) for p in verdict.problems}
        # Each stored record meets at most one digest (both are keyed by stream and
        # version): when the table holds no more digests than the records met, none is
        # left over, and the slow search for them is spared.
        unmatched = check.digests_seen != self.event_log.digest_count()
        for stream, version in self.event_log.unmatched_digests() if unmatched else ():
            if (stream.replace("-", "")[:16], version) not in named:  # not after a seal
                verdict.problems.append(Problem(
                    "deleted", None, "humas saved it; it is no longer stored",
                    stream=stream, version=version if isinstance(version, int) else None,
                ))  # fmt: skip
        if key is None and (check.keyed_seen or (unmatched and self.event_log.keyed_digests())):
            verdict.notes.append(verdict_note(
                "humas's digests of saved records are keyed: set HUMAS_SEAL_KEY to check "
                "that no record was slipped in with a digest of its own"
            ))  # fmt: skip
        self._name_streams(verdict.problems)
        return verdict

    def _vouch_apart(self, check: Check, key: bytes | None) -> list[SealRecord]:
        """On a big store, the seals whose rows were each found intact by processes of
        their own, on several cores (``vouch``); the check then reads only the rest."""
        from domain.model.seal_vouch import vouch

        seals = check.verdict.seals
        linked = check.linked_seals()
        if sum(seals[index].count for index in linked) < CHECK_APART_FROM:
            return []
        spans = [(seals[index].start, seals[index].position, seals[index]) for index in linked]
        found = self.event_log.map_spans(vouch, spans, key)
        vouched = []
        for index, result in zip(linked, found or (), strict=False):
            if result is not None and result[0]:
                check.vouched(index, seen=result[1], keyed=result[2])
                vouched.append(seals[index])
        return vouched

    def _stored_seals(self) -> tuple[list[SealRecord], list[Problem]]:
        seals, unreadable = [], []
        for stored in self.event_log.events_of(SEAL_ID):
            number = stored.originator_version - 1  # version 1 starts the stream
            try:
                sealed: Any = self.event_log.decode(stored)
            except Exception as error:
                unreadable.append(Problem(
                    "seal", number, "seal #{seal} cannot be read ({error})",
                    values={"seal": number, "error": first_line(error)},
                ))  # fmt: skip
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
            try:
                stream = UUID(problem.stream)
            except ValueError:
                continue  # an id changed by hand into no id: named as stored
            if len(problem.stream) == 36:
                problem.record_type, problem.title = titles.of_stream(stream)

    def _streams_by_prefix(self, prefixes: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for row in self.event_log.rows(None):
            try:
                stream = uuid_of(row[1])
            except ValueError:
                continue  # an id changed by hand: it is named as it is
            prefix = stream.hex[:16]
            if prefix in prefixes and prefix not in found:
                found[prefix] = str(stream)
                if len(found) == len(prefixes):
                    break
        return found

    def seal_before(self, position: int) -> dict[str, Any] | None:
        """The latest seal made at or before ``position``: the one a report generated then
        printed. (A seal is saved right after the records it covers.)"""
        seal = self._seal_stream()
        while seal is not None and seal.position is not None and seal.position >= position:
            seal = self._seal_stream(seal.version - 1) if seal.version > 1 else None
        return seal.summary() if seal else None


def _answer(seal: Seal | None, new: bool, unvouched: int = 0) -> dict[str, Any] | None:
    summary = seal.summary() if seal else None
    return {**summary, "new": new, "unvouched": unvouched} if summary else None
