"""The end of a seal check: the records kept aside (found elsewhere, or missing) are
matched by stream and version, each seal's hash is recomputed, and the verdict made."""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from domain.model.seal import (
    _ENTRY,
    _FOREIGN,
    SEAL_TEXT,
    Problem,
    SealRecord,
    Verdict,
    digest_of,
)

# Records after the latest seal kept by identity, in case a sealed record was moved there.
_AFTER_KEPT = 10_000


@dataclass
class _Found:
    """A record that did not sit where its seal listed it, kept until the end."""

    position: int
    stream: str
    prefix: bytes
    version: Any
    topic: str
    state_hash: str
    saved: str | None
    stored_as: str | None
    seal: int | None  # index of the seal whose range it is in (None: after the latest)


@dataclass
class _Lost:
    """A listed record not found at its position, kept until the end."""

    seal: int  # index in the seal list
    index: int  # in the seal's list
    position: int
    prefix: bytes
    version: int
    digest: bytes


class SealReconciliation:
    """What :class:`domain.model.seal_check.Check` does once every record was fed."""

    # Set by Check.__init__; read and completed here at the end of a check.
    verdict: Verdict
    problems: list[Problem]
    _seals: list[SealRecord]
    _key: bytes | None
    _lost: list[_Lost]
    _found: list[_Found]
    _after: list[_Found]
    _pending: dict[int, list[str | None]]
    _troubled: set[int]
    _accepted: frozenset[int]
    _index: int  # the seal being checked
    _slots: list[str | None]  # its records' digests, by their place in its list
    _manifest: bytes | None  # its list of records, as sealed
    _chain: str
    _cursor: int
    _size: int

    def _open(self, index: int) -> None:
        raise NotImplementedError  # Check: start checking seal ``index``

    def _seal_problem(self, number: int, said: str, **values: Any) -> None:
        """A problem of seal ``number`` itself; ``said`` names it as {seal}."""
        self.problems.append(Problem("seal", number, said, values={"seal": number, **values}))

    def _record_problem(
        self, kind: str, seal: SealRecord, position: int, stream: str, version: object,
        said: str, **values: Any,
    ) -> None:  # fmt: skip
        """A problem of one record, which breaks ``seal`` (named as {seal} in ``said``)."""
        self.problems.append(Problem(
            kind, seal.number, said, position, stream, _int(version),
            values={"seal": seal.number, **values},
        ))  # fmt: skip
        self._troubled.add(seal.number)

    def _close(self) -> None:
        seal = self._seals[self._index]
        if self._manifest is None:
            if self._chain != seal.hash:
                self._seal_problem(seal.number, "the records of seal #{seal} do not give its hash")
            return
        for cursor in range(self._cursor, self._size):
            entry = _ENTRY.unpack_from(self._manifest, cursor * _ENTRY.size)
            self._lost.append(_Lost(self._index, cursor, *entry))
            self._strays = True
        if self._strays:
            self._pending[self._index] = self._slots  # decided once every move is known
        else:
            self._check_hash(self._index, self._slots)

    def _check_hash(self, index: int, slots: list[str | None]) -> None:
        seal = self._seals[index]
        if seal.number in self._troubled or any(slot is None for slot in slots):
            return  # a record problem already says what broke this seal
        chain, sha = seal.previous, sha256
        for digest in slots:  # chained(), inline: this runs once a record
            chain = sha(f"{chain}{digest}".encode()).hexdigest()
        if chain != seal.hash:
            self._seal_problem(
                seal.number,
                "the records of seal #{seal} do not give its hash, though each "
                "matches the list in the seal: the seal itself was altered",
            )

    def finish(self, expect: Sequence[str] = ()) -> Verdict:
        while self._index < len(self._seals):
            self._close()
            self._open(self._index + 1)
        self._match_moves()
        for index, slots in self._pending.items():
            self._check_hash(index, slots)
        hashes = [seal.hash for seal in self._seals]
        for wanted in expect:
            if not any(known.startswith(wanted.lower()) for known in hashes):
                self.problems.append(
                    Problem(
                        "seal",
                        None,
                        "no seal has the hash {hash} (from a report?)",
                        values={"hash": wanted},
                    )
                )
        self._fold_seal_events()
        self.problems.sort(key=lambda p: (p.position is None, p.position or 0, p.seal or 0))
        return self.verdict

    def _match_moves(self) -> None:
        """Name what did not sit where its seal listed it: moved, inserted or deleted."""
        if not self._lost and not self._found:
            return
        lost: dict[tuple[bytes, int], _Lost] = {(m.prefix, m.version): m for m in self._lost}
        moves: list[tuple[_Found, _Lost]] = []
        inserted: list[_Found] = []
        for found in [*self._found, *self._after]:
            key = (found.prefix, found.version)
            missing = lost.pop(key, None) if isinstance(found.version, int) else None
            if missing is None:
                if found.seal is not None:
                    inserted.append(found)
                continue
            if found.seal is None:
                self.verdict.unsealed -= 1  # a sealed record, pushed past the latest seal
                self.verdict.sealed += 1
            seal = self._seals[missing.seal]
            digest = digest_of(missing.position, found.stream, found.version, found.topic,
                               found.state_hash)  # fmt: skip
            if bytes.fromhex(digest[:16]) != missing.digest or found.stored_as:
                self._record_problem(
                    "reordered", seal, found.position, found.stream, found.version,
                    "seal #{seal} sealed it at position {sealed_at}, with another content",
                    sealed_at=missing.position,
                )  # fmt: skip
                continue
            self._pending[missing.seal][missing.index] = digest
            moves.append((found, missing))
        for found in inserted:
            seal = self._seals[found.seal]  # type: ignore[index]
            if found.saved in _FOREIGN:
                self._record_problem(
                    "inserted", seal, found.position, found.stream, found.version,
                    "inserted outside humas: humas never saved it, and inside the range of "
                    "seal #{seal}, which never sealed it",
                )  # fmt: skip
            else:
                self._record_problem(
                    "inserted", seal, found.position, found.stream, found.version,
                    "inside the range of seal #{seal}, which never sealed it",
                )  # fmt: skip
        deleted = sorted(lost.values(), key=lambda m: m.position)
        for missing in deleted:
            seal = self._seals[missing.seal]
            self._record_problem(
                "deleted", seal, missing.position, missing.prefix.hex(), missing.version,
                "seal #{seal} sealed it; it is no longer stored",
            )  # fmt: skip
        # A move is its own problem unless the rows inserted and deleted before it
        # account for it: renumbering shifts every later record by the same amount.
        added = sorted(found.position for found in inserted)
        removed = [missing.position for missing in deleted]
        for found, missing in moves:
            shift = bisect_left(added, found.position) - bisect_left(removed, missing.position)
            if found.position - missing.position != shift:
                seal = self._seals[missing.seal]
                self._record_problem(
                    "reordered", seal, found.position, found.stream, found.version,
                    "seal #{seal} sealed it at position {sealed_at}",
                    sealed_at=missing.position,
                )  # fmt: skip

    def _fold_seal_events(self) -> None:
        """A seal changed inside its event is one problem: the seal's own, not also its
        event's, which the next seal covers."""
        broken = {p.seal for p in self.problems if p.kind == "seal" and p.seal is not None}
        folded = []
        for problem in self.problems:
            if (
                problem.kind == "altered"
                and problem.stream == SEAL_TEXT
                and problem.version is not None
                and problem.version - 1 in broken
            ):
                continue
            folded.append(problem)
        self.problems[:] = folded


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None
