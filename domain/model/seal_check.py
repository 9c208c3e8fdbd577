"""Checking stored records against the seals: which record was altered, deleted,
inserted or moved, and which seal each breaks (see domain/model/seal.py for the seals)."""

import zlib
from base64 import b64decode
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from hashlib import sha256
from operator import itemgetter
from typing import Any

from domain.model.seal import (
    _ENTRY,
    _FOREIGN,
    GENESIS,
    NOT_SAVED,
    SAVED_OTHERWISE,
    SEAL_TEXT,
    Problem,
    SealRecord,
    Verdict,
    chained,
    identity_of,
    saved_status,
    stored_bytes,
)
from domain.model.seal_reconcile import SealReconciliation, _Found, _int, _Lost
from domain.model.seal_vouch import digests_as_listed

# Records after the latest seal kept by identity, in case a sealed record was moved there.
_AFTER_KEPT = 10_000


def broken_links(seals: Sequence[SealRecord], unreadable: set[int | None]) -> Iterator[Problem]:
    """Where the seals do not follow each other (a number missing or changed, a seal
    naming another position or hash as previous): one ``seal`` problem each."""
    previous: SealRecord | None = None
    for seal in seals:
        expected = previous.number + 1 if previous else 1
        missing = [n for n in range(expected, seal.number) if n not in unreadable]
        if seal.stated is not None and seal.stated != seal.number:
            yield Problem(
                "seal", seal.number, "seal #{seal} says it is seal #{stated}: its event was changed",
                values={"seal": seal.number, "stated": seal.stated},
            )  # fmt: skip
        if missing:
            numbers = ", ".join(f"#{n}" for n in missing)
            yield Problem(
                "seal", seal.number, "seal {numbers} is missing before seal #{seal}",
                values={"numbers": numbers, "seal": seal.number},
            )  # fmt: skip
        elif previous is None and (seal.start is not None or seal.previous != GENESIS):
            yield Problem("seal", seal.number, "the first seal does not start the chain")
        elif previous is not None and (
            seal.start != previous.position or seal.previous != previous.hash
        ):
            yield Problem(
                "seal", seal.number,
                "seal #{seal} does not follow seal #{previous} "
                "(the position or hash it names as previous differ)",
                values={"seal": seal.number, "previous": previous.number},
            )  # fmt: skip
        previous = seal


class Check(SealReconciliation):
    """Compare records, read in position order with :meth:`feed`, with the seals.

    Each seal is checked on its own (its chain starts from the hash it names as
    previous), so one altered record breaks the one seal that covers it, not every
    later one; the links between seals are checked apart.

    A record is first looked for at the position its seal listed it (the common case,
    and the fast one). Records that are not are kept, and at the end matched by stream
    and version with the listed records that were missing: a record found elsewhere
    with the content it was sealed with was moved. Moves that only follow from rows
    inserted or deleted before them (positions renumbered around a forged row) are not
    problems of their own, so one row slipped in mid-log is one problem.
    """

    def __init__(
        self,
        seals: Iterable[SealRecord],
        unreadable: Sequence[Problem] = (),
        key: bytes | None = None,
    ) -> None:
        """``key``: the seal key humas's digests are checked with (HUMAS_SEAL_KEY)."""
        self.verdict = Verdict(seals=sorted(seals, key=lambda seal: seal.number))
        self._key = key
        self._seals = self.verdict.seals
        self.problems = self.verdict.problems
        self.problems.extend(unreadable)
        self._lost: list[_Lost] = []
        self._found: list[_Found] = []
        self._after: list[_Found] = []  # the first records after the latest seal
        self._pending: dict[int, list[str | None]] = {}  # seal index: digests, checked at the end
        self._troubled: set[int] = set()  # seal numbers with a record problem
        # Rows fed with a digest of humas's, and whether one was keyed: what the digests
        # table holds beyond them belongs to records no longer stored.
        self.digests_seen = 0
        self.keyed_seen = False
        # Seals whose rows were found intact apart (see vouch): (rows with a digest, keyed)
        self._vouched: dict[int, tuple[int, bool]] = {}
        self.problems.extend(broken_links(self._seals, {p.seal for p in unreadable}))
        self._open(0)

    # One seal's range ------------------------------------------------------------

    def _open(self, index: int) -> None:
        self._index = index
        self._manifest: bytes | None = None
        self._cursor = 0
        self._size = 0
        self._slots: list[str | None] = []
        self._strays = False  # a record of this range was not where the list says
        self._accepted: frozenset[int] = frozenset()
        self._listed: list[str] | None = None  # the digests' first 16 hex digits, as listed
        if index >= len(self._seals):
            return
        seal = self._seals[index]
        self._chain = seal.previous  # only for a seal whose list cannot be read
        self._accepted = frozenset(seal.accepted)
        if index in self._vouched:
            # its rows are not fed: its chain is the one vouch() recomputed
            seen, keyed = self._vouched[index]
            self._chain = seal.hash
            self.verdict.records += seal.count
            self.verdict.sealed += seal.count
            self.digests_seen += seen
            self.keyed_seen = self.keyed_seen or keyed
            return
        try:
            self._manifest = zlib.decompress(b64decode(seal.manifest, validate=True))
        except (ValueError, TypeError, zlib.error):
            self._seal_problem(seal.number, "the record list of seal #{seal} is unreadable")
            return
        self._size, rest = divmod(len(self._manifest), _ENTRY.size)
        self._slots = [None] * self._size
        if not rest:
            self._listed = [entry[3].hex() for entry in _ENTRY.iter_unpack(self._manifest)]
        if rest or self._size != seal.count:
            listed = f"{len(self._manifest) / _ENTRY.size:g}"
            self._seal_problem(
                seal.number,
                "seal #{seal} says it covers {count} records but lists {listed}",
                count=seal.count, listed=listed,
            )  # fmt: skip

    def linked_seals(self) -> list[int]:
        """Indexes of the seals that follow the one before (or start the chain) and
        whose number is their place: the ones :meth:`vouched` may take."""
        broken = {problem.seal for problem in self.problems if problem.kind == "seal"}
        return [index for index, seal in enumerate(self._seals) if seal.number not in broken]

    def vouched(self, index: int, seen: int, keyed: bool) -> None:
        """Seal ``index`` (one of :meth:`linked_seals`) was vouched for apart (``vouch``):
        the rows of its range are not fed, and it counts as checked. Before any feed."""
        self._vouched[index] = (seen, keyed)
        if index == self._index:
            self._open(index)

    def feed(
        self,
        position: int,
        stream: object,
        version: object,
        topic: object,
        state: object,
        saved: str | None = None,
    ) -> None:
        """One stored record, as stored: any column may hold anything a hand-made
        change put there. ``saved``: the digest humas recorded when it saved the record
        ("" when there is none: humas never saved it), or None where there are no
        digests (an export, a store from before them)."""
        self.verdict.records += 1
        if type(state) is bytes:  # nearly always: the rest is for what a hand left
            data, stored_as = state, None
        else:
            data, stored_as = stored_bytes(state)
        stream_text, prefix = identity_of(stream)
        topic = topic if type(topic) is str else str(topic)
        state_hash = sha256(data).hexdigest()
        if saved:
            self.digests_seen += 1
            self.keyed_seen = self.keyed_seen or saved.startswith("hmac-sha256:")
        if saved is not None:
            saved = saved_status(saved, stream_text, version, topic, state_hash, self._key)
        while self._index < len(self._seals) and position > self._seals[self._index].position:
            self._close()
            self._open(self._index + 1)
        if self._index >= len(self._seals):
            self._after_latest(
                position, stream_text, prefix, version, topic, state_hash, saved, stored_as
            )
            return
        seal = self._seals[self._index]
        if seal.start is not None and position <= seal.start:
            self.verdict.uncovered += 1  # the seal before this one is missing
            return
        digest = sha256(
            f"{position}\n{stream_text}\n{version}\n{topic}\n{state_hash}".encode(
                "utf-8", "surrogateescape"
            )
        ).hexdigest()  # digest_of, inline: this runs once a record
        self.verdict.sealed += 1
        if self._manifest is None:
            self._chain = chained(self._chain, digest)
            return
        manifest, cursor = self._manifest, self._cursor
        while cursor < self._size:
            entry = _ENTRY.unpack_from(manifest, cursor * _ENTRY.size)
            if entry[0] >= position:
                break
            # listed before this position and not found there: missing, so far
            self._lost.append(_Lost(self._index, cursor, *entry))
            self._strays = True
            cursor += 1
        else:
            entry = None
        if entry is not None and entry[0] == position:
            cursor += 1
            if entry[1] == prefix and entry[2] == version:
                self._cursor = cursor
                self._slots[cursor - 1] = digest
                self._compare(seal, entry[3], digest, position, stream_text, version, stored_as, saved)  # fmt: skip
                return
            self._lost.append(_Lost(self._index, cursor - 1, *entry))
        self._cursor = cursor
        self._strays = True
        self._found.append(
            _Found(position, stream_text, prefix, version, topic, state_hash, saved, stored_as,
                   self._index)
        )  # fmt: skip

    def _compare(
        self,
        seal: SealRecord,
        listed: bytes,
        digest: str,
        position: int,
        stream: str,
        version: object,
        stored_as: str | None,
        saved: str | None,
    ) -> None:
        """A record found where its seal listed it."""
        if listed != bytes.fromhex(digest[:16]):
            self._record_problem(
                "altered", seal, position, stream, version,
                "its stored content differs from what seal #{seal} sealed",
            )  # fmt: skip
        elif stored_as:
            self._record_problem(
                "altered", seal, position, stream, version,
                "its state is stored as {stored_as}, not as the bytes sealed",
                stored_as=stored_as,
            )  # fmt: skip
        elif saved == NOT_SAVED and position not in self._accepted:
            self._record_problem(
                "digest", seal, position, stream, version,
                "the record matches seal #{seal}, but humas's digest of it is missing",
            )  # fmt: skip
        elif saved == SAVED_OTHERWISE and position not in self._accepted:
            self._record_problem(
                "digest", seal, position, stream, version,
                "the record matches seal #{seal}, but humas's digest of it no longer matches it",
            )  # fmt: skip

    def feed_many(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """:meth:`feed` for many rows of (position, stream, version, topic, state, saved),
        in position order.

        The common run of rows (an id as SQLite keeps it, humas's digest matching, each
        sealed right where it is) is checked a stretch at a time in one tight loop
        (:meth:`_sealed_as_listed`); a stretch where anything differs goes through
        :meth:`feed` row by row, which says what."""
        start, count = 0, len(rows)
        while start < count:
            stop = self._stretch(rows, start)
            if stop > start and self._sealed_as_listed(rows, start, stop):
                start = stop
                continue
            for row in rows[start : max(stop, start + 1)]:
                self.feed(*row)
            start = max(stop, start + 1)

    def _stretch(self, rows: Sequence[tuple[Any, ...]], start: int) -> int:
        """The end of the rows from ``start`` that the seal being checked may list from
        its cursor on (``start``: none of them)."""
        if self._listed is None or self._index >= len(self._seals):
            return start
        seal = self._seals[self._index]
        first = rows[start][0]
        if type(first) is not int or first > seal.position:
            return start
        if seal.start is not None and first <= seal.start:
            return start
        stop = bisect_right(rows, seal.position, lo=start, key=itemgetter(0))
        return min(stop, start + self._size - self._cursor)

    def _sealed_as_listed(self, rows: Sequence[tuple[Any, ...]], start: int, stop: int) -> bool:
        """Whether ``rows[start:stop]`` are the records the seal lists from its cursor on
        (see :func:`digests_as_listed`); if so they are taken in. Nothing changes
        otherwise: :meth:`feed` then looks at each."""
        cursor = self._cursor
        listed = self._listed[cursor : cursor + stop - start]  # type: ignore[index]
        found = digests_as_listed(rows[start:stop], listed, self._key)
        if found is None:
            return False
        digests, keyed = found
        self._slots[cursor : cursor + len(digests)] = digests
        self._cursor = cursor + len(digests)
        self.verdict.records += len(digests)
        self.verdict.sealed += len(digests)
        if rows[start][5] is not None:
            self.digests_seen += len(digests)
        self.keyed_seen = self.keyed_seen or keyed
        return True

    def _after_latest(
        self,
        position: int,
        stream: str,
        prefix: bytes,
        version: object,
        topic: str,
        state_hash: str,
        saved: str | None,
        stored_as: str | None,
    ) -> None:
        # The latest seal's own events wait for the next seal like any other record,
        # but saying so would only confuse.
        self.verdict.unsealed += stream != SEAL_TEXT
        if saved in _FOREIGN:
            self.problems.append(Problem(
                "inserted", None, "inserted outside humas: humas never saved it (not yet sealed)",
                position, stream, _int(version),
            ))  # fmt: skip
        elif saved == SAVED_OTHERWISE or stored_as:
            self.problems.append(Problem(
                "altered", None,
                "its stored content differs from what humas saved (not yet sealed)",
                position, stream, _int(version),
            ))  # fmt: skip
        elif len(self._after) < _AFTER_KEPT and self._seals:
            self._after.append(
                _Found(position, stream, prefix, version, topic, state_hash, saved, None, None)
            )
