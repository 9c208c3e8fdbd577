"""Seals (segel): tamper evidence over the stored events, kept as events of their own.

The eventsourcing library (9.x) does not hash events, so humas does. A seal vouches for
every stored record (one stored event: its stream, version, topic and stored bytes) up
to a position of the notification log, in that order:

    digest(record) = sha256("{position}\\n{stream}\\n{version}\\n{topic}\\n{sha256(state)}")
    chain          = sha256(chain + digest), from 64 zeros before the first record
    seal hash      = the chain after the last record the seal covers

(hex digests, UTF-8 text). The chain runs on from the previous seal's hash, so a seal
vouches for every one before it, and the seal events are stored records like any other,
covered by the next seal. Stored bytes are what the database holds, encrypted when the
store is, so a check needs no key to hash them.

A hash alone only says *that* something changed. To say *what*, each seal also keeps a
manifest: per record its position, the first 8 bytes of its stream id, its version and
the first 8 bytes of its digest, packed and zlib-compressed (about 20 bytes a record).
A check compares the records it reads with the manifest, position by position, and names
every record altered, deleted, inserted or moved, and the seal each one breaks; the full
digests are vouched for by the chain, so a shortened digest weakens nothing.
"""

import hashlib
import struct
import zlib
from base64 import b64decode, b64encode
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.model.provenance import Provenance
from domain.model.snapshots import TypedSnapshot

SEAL_ID = uuid5(NAMESPACE_URL, "humas:seal")
GENESIS = "0" * 64

# A backlog is sealed in seals of at most this many records: each seal event stays a few
# megabytes, so sealing, checking and exporting millions of events needs bounded memory.
MAX_SEAL_RECORDS = 20_000

# A manifest entry: position, stream id prefix, version, digest prefix.
_ENTRY = struct.Struct(">q8sQ8s")


def record_digest(position: int, stream: UUID | str, version: int, topic: str, state: bytes) -> str:
    """The SHA-256 of one stored record, as hex (the formula in the module docstring)."""
    text = f"{position}\n{stream}\n{version}\n{topic}\n{hashlib.sha256(state).hexdigest()}"
    return hashlib.sha256(text.encode()).hexdigest()


def chained(chain: str, digest: str) -> str:
    return hashlib.sha256((chain + digest).encode()).hexdigest()


class Span:
    """The records a new seal covers, folded in as they are read (memory: the manifest)."""

    def __init__(self, previous: str) -> None:
        self.chain = previous
        self.count = 0
        self.position: int | None = None
        self._zip = zlib.compressobj(6)
        self._parts: list[bytes] = []

    def add(self, position: int, stream: UUID, version: int, topic: str, state: bytes) -> None:
        digest = record_digest(position, stream, version, topic, state)
        self.chain = chained(self.chain, digest)
        entry = _ENTRY.pack(position, stream.bytes[:8], version, bytes.fromhex(digest[:16]))
        self._parts.append(self._zip.compress(entry))
        self.count += 1
        self.position = position

    def manifest(self) -> str:
        return b64encode(b"".join(self._parts) + self._zip.flush()).decode("ascii")


class Seal(Aggregate):
    """The store's seals: one stream with a fixed id, one ``Sealed`` event per seal."""

    TOPIC = "humas:Seal"
    Snapshot = TypedSnapshot  # restores enums, places and tuples as they were
    id: UUID  # given when created (the library then expects it), not drawn at random

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:Seal.Event"
        class_version = 1  # raise it with an upcaster when the shape changes (see activity.py)

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:Seal.Created"

    @classmethod
    def start(cls) -> "Seal":
        return cls(id=SEAL_ID)  # type: ignore[call-arg]

    @event("Started", topic="humas:Seal.Started")
    def __init__(self) -> None:
        self.number = 0
        self.position: int | None = None
        self.hash = GENESIS

    def close(self, span: Span) -> None:
        """Seal the records of ``span``, which must run on from this seal's hash."""
        if not span.count or span.position is None:
            raise ValueError("a seal needs at least one record")
        self._seal(
            number=self.number + 1,
            start=self.position,
            position=span.position,
            count=span.count,
            previous=self.hash,
            hash=span.chain,
            manifest=span.manifest(),
        )

    @event("Sealed", topic="humas:Seal.Sealed")
    def _seal(
        self,
        number: int,
        start: int | None,
        position: int,
        count: int,
        previous: str,
        hash: str,
        manifest: str,
    ) -> None:
        self.number, self.position, self.hash = number, position, hash

    def summary(self) -> dict[str, Any] | None:
        if not self.number:
            return None
        return {
            "number": self.number,
            "position": self.position,
            "hash": self.hash,
            "sealed_at": self.modified_on.isoformat(),
        }


# Checking ------------------------------------------------------------------------


@dataclass(frozen=True)
class SealRecord:
    """One seal as a check reads it, from a stored ``Sealed`` event or an export line."""

    number: int
    start: int | None
    position: int
    count: int
    previous: str
    hash: str
    manifest: str = field(repr=False)
    sealed_at: str = ""
    actor: str = ""

    @classmethod
    def of(cls, sealed: Any) -> "SealRecord":
        return cls(
            number=sealed.number,
            start=sealed.start,
            position=sealed.position,
            count=sealed.count,
            previous=sealed.previous,
            hash=sealed.hash,
            manifest=sealed.manifest,
            sealed_at=sealed.timestamp.isoformat(),
            actor=getattr(sealed, "actor", ""),
        )

    def header(self) -> dict[str, Any]:
        """Everything but the manifest."""
        values = asdict(self)
        del values["manifest"]
        return values


@dataclass
class Problem:
    """One thing a check found: ``kind`` is altered, deleted, inserted, reordered or seal."""

    kind: str
    seal: int | None
    detail: str
    position: int | None = None
    stream: str | None = None  # the full id, or the first 16 hex digits a manifest keeps
    version: int | None = None
    title: str | None = None
    record_type: str | None = None


@dataclass
class Verdict:
    records: int = 0
    sealed: int = 0
    unsealed: int = 0  # recorded after the latest seal
    uncovered: int = 0  # inside the range of a seal that is missing
    seals: list[SealRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def latest(self) -> SealRecord | None:
        return self.seals[-1] if self.seals else None

    def broken_seals(self) -> list[int]:
        return sorted({p.seal for p in self.problems if p.seal is not None})

    def as_dict(self) -> dict[str, Any]:
        latest = self.latest
        return {
            "intact": self.intact,
            "records": self.records,
            "sealed": self.sealed,
            "unsealed": self.unsealed,
            "uncovered": self.uncovered,
            "seals": len(self.seals),
            "latest_seal": latest.header() if latest else None,
            "broken_seals": self.broken_seals(),
            "problems": [asdict(problem) for problem in self.problems],
        }


class Check:
    """Compare records, read in position order with :meth:`feed`, with the seals.

    Each seal is checked on its own (its chain starts from the hash it names as
    previous), so one altered record breaks the one seal that covers it, not every
    later one; the links between seals are checked apart.
    """

    def __init__(self, seals: Iterable[SealRecord], unreadable: Sequence[Problem] = ()) -> None:
        self.verdict = Verdict(seals=sorted(seals, key=lambda seal: seal.number))
        self._seals = self.verdict.seals
        self.problems = self.verdict.problems
        self.problems.extend(unreadable)
        self._check_links({problem.seal for problem in unreadable})
        self._open(0)

    def _check_links(self, unreadable: set[int | None]) -> None:
        previous: SealRecord | None = None
        for seal in self._seals:
            expected = previous.number + 1 if previous else 1
            missing = [n for n in range(expected, seal.number) if n not in unreadable]
            if missing:
                numbers = ", ".join(f"#{n}" for n in missing)
                self._seal_problem(
                    seal.number, f"seal {numbers} is missing before seal #{seal.number}"
                )
            elif previous is None and (seal.start is not None or seal.previous != GENESIS):
                self._seal_problem(seal.number, "the first seal does not start the chain")
            elif previous is not None and (
                seal.start != previous.position or seal.previous != previous.hash
            ):
                self._seal_problem(
                    seal.number,
                    f"seal #{seal.number} does not follow seal #{previous.number} "
                    "(the position or hash it names as previous differ)",
                )
            previous = seal

    def _seal_problem(self, number: int, detail: str) -> None:
        self.problems.append(Problem("seal", number, detail))

    # One seal's range ------------------------------------------------------------

    def _open(self, index: int) -> None:
        self._index = index
        self._manifest: bytes | None = None
        self._cursor = 0
        self._size = 0
        self._sealed_unmatched: list[tuple[int, bytes, int]] = []
        self._found_unmatched: list[tuple[int, str, int]] = []
        self._record_problems = 0
        if index >= len(self._seals):
            return
        seal = self._seals[index]
        self._chain = seal.previous
        try:
            self._manifest = zlib.decompress(b64decode(seal.manifest, validate=True))
        except (ValueError, zlib.error):
            self._seal_problem(seal.number, f"the record list of seal #{seal.number} is unreadable")
            return
        self._size, rest = divmod(len(self._manifest), _ENTRY.size)
        if rest or self._size != seal.count:
            self._seal_problem(
                seal.number,
                f"seal #{seal.number} says it covers {seal.count} records "
                f"but lists {len(self._manifest) / _ENTRY.size:g}",
            )

    def feed(self, position: int, stream: UUID, version: int, topic: str, state: bytes) -> None:
        self.verdict.records += 1
        while self._index < len(self._seals) and position > self._seals[self._index].position:
            self._close()
            self._open(self._index + 1)
        if self._index >= len(self._seals):
            # the latest seal's own events wait for the next seal like any other record,
            # but saying so would only confuse
            self.verdict.unsealed += stream != SEAL_ID
            return
        seal = self._seals[self._index]
        if seal.start is not None and position <= seal.start:
            self.verdict.uncovered += 1  # the seal before this one is missing
            return
        digest = record_digest(position, stream, version, topic, state)
        self._chain = chained(self._chain, digest)
        self.verdict.sealed += 1
        if self._manifest is None:
            return
        entry = None
        while self._cursor < self._size:
            entry = _ENTRY.unpack_from(self._manifest, self._cursor * _ENTRY.size)
            if entry[0] >= position:
                break
            self._sealed_unmatched.append(entry[:3])
            self._cursor += 1
            entry = None
        if entry is not None and entry[0] == position:
            self._cursor += 1
            if (entry[1], entry[2]) == (stream.bytes[:8], version):
                if entry[3] != bytes.fromhex(digest[:16]):
                    self._record_problem(
                        "altered", position, str(stream), version,
                        f"its stored content differs from what seal #{seal.number} sealed",
                    )  # fmt: skip
                return
            self._sealed_unmatched.append(entry[:3])
        self._found_unmatched.append((position, str(stream), version))

    def _record_problem(
        self, kind: str, position: int, stream: str, version: int, detail: str
    ) -> None:
        number = self._seals[self._index].number
        self.problems.append(Problem(kind, number, detail, position, stream, version))
        self._record_problems += 1

    def _close(self) -> None:
        seal = self._seals[self._index]
        if self._manifest is not None:
            while self._cursor < self._size:
                entry = _ENTRY.unpack_from(self._manifest, self._cursor * _ENTRY.size)
                self._sealed_unmatched.append(entry[:3])
                self._cursor += 1
        found = {
            (UUID(stream).bytes[:8], version): (position, stream, version)
            for position, stream, version in self._found_unmatched
        }
        for position, prefix, version in self._sealed_unmatched:
            moved = found.pop((prefix, version), None)
            if moved:
                self._record_problem(
                    "reordered", moved[0], moved[1], version,
                    f"seal #{seal.number} sealed it at position {position}",
                )  # fmt: skip
            else:
                self._record_problem(
                    "deleted", position, prefix.hex(), version,
                    f"seal #{seal.number} sealed it; it is no longer stored",
                )  # fmt: skip
        for position, stream, version in found.values():
            self._record_problem(
                "inserted", position, stream, version,
                f"inside the range of seal #{seal.number}, which never sealed it",
            )  # fmt: skip
        if self._chain != seal.hash and not self._record_problems:
            detail = f"the records of seal #{seal.number} do not give its hash" + (
                ", though each matches the list in the seal: the seal itself was altered"
                if self._manifest is not None
                else ""
            )
            self._seal_problem(seal.number, detail)

    def finish(self, expect: Sequence[str] = ()) -> Verdict:
        while self._index < len(self._seals):
            self._close()
            self._open(self._index + 1)
        hashes = [seal.hash for seal in self._seals]
        for wanted in expect:
            if not any(known.startswith(wanted.lower()) for known in hashes):
                self.problems.append(
                    Problem("seal", None, f"no seal has the hash {wanted} (from a report?)")
                )
        self.problems.sort(key=lambda p: (p.position is None, p.position or 0, p.seal or 0))
        return self.verdict
