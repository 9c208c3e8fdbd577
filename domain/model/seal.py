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
import hmac
import struct
import zlib
from base64 import b64decode, b64encode
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from hashlib import sha256
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
    return digest_of(position, stream, version, topic, hashlib.sha256(state).hexdigest())


def digest_of(
    position: int, stream: UUID | str, version: object, topic: str, state_hash: str
) -> str:
    """:func:`record_digest` from the SHA-256 of the state, so that a record found at
    another position can be hashed as it was sealed there."""
    text = f"{position}\n{stream}\n{version}\n{topic}\n{state_hash}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


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

    def add(self, position: int, stream: object, version: int, topic: str, state: object) -> None:
        data, _ = stored_bytes(state)
        stream_text, prefix = _identity(stream)
        digest = record_digest(position, stream_text, version, topic, data)
        self.chain = chained(self.chain, digest)
        entry = _ENTRY.pack(position, prefix, version, bytes.fromhex(digest[:16]))
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

    def close(self, span: Span, accepted: Sequence[int] = (), reason: str | None = None) -> None:
        """Seal the records of ``span``, which must run on from this seal's hash.

        ``accepted``: positions of records in the span that humas never saved, which a
        supervisor lets this seal cover, for ``reason``."""
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
            accepted=list(accepted),
            reason=reason,
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
        accepted: list[int] | None = None,  # absent from seals made before it existed
        reason: str | None = None,
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
    """One seal as a check reads it, from a stored ``Sealed`` event or an export line.

    ``number`` is the seal's place in the seal stream (its event's version less one),
    never what the event says: a number changed inside an event is one ``seal``
    problem, not a reason to check records against the wrong seal. ``stated`` is the
    number written in the event. ``accepted``: positions of records a supervisor let
    this seal cover though humas never saved them (``audit seal --accept-foreign``)."""

    number: int
    start: int | None
    position: int
    count: int
    previous: str
    hash: str
    manifest: str = field(repr=False)
    sealed_at: str = ""
    actor: str = ""
    stated: int | None = None
    accepted: tuple[int, ...] = ()
    reason: str | None = None

    @classmethod
    def of(cls, sealed: Any) -> "SealRecord":
        return cls(
            number=sealed.originator_version - 1,  # version 1 starts the stream
            start=sealed.start,
            position=sealed.position,
            count=sealed.count,
            previous=sealed.previous,
            hash=sealed.hash,
            manifest=sealed.manifest,
            sealed_at=sealed.timestamp.isoformat(),
            actor=getattr(sealed, "actor", ""),
            stated=sealed.number,
            accepted=tuple(getattr(sealed, "accepted", None) or ()),
            reason=getattr(sealed, "reason", None),
        )

    def header(self) -> dict[str, Any]:
        """Everything but the manifest (and ``stated``, the same as ``number`` unless
        the event was changed)."""
        values = asdict(self)
        del values["manifest"], values["stated"]
        values["accepted"] = list(self.accepted)
        return values


@dataclass
class Problem:
    """One thing a check found: ``kind`` is altered, deleted, inserted, reordered,
    digest, seal, read model or export."""

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
    notes: list[str] = field(default_factory=list)  # what the check could not look at

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
            "notes": self.notes,
        }


# What humas's digest says of a record (see ``Check.feed``); UNKEYED: a plain digest in
# a store checked with a seal key, which anyone could have written.
SAVED, NOT_SAVED, SAVED_OTHERWISE, UNKEYED = "saved", "not saved", "saved otherwise", "unkeyed"
_FOREIGN = (NOT_SAVED, UNKEYED)


def saved_digest(
    stream: str, version: object, topic: str, state_hash: str, key: bytes | None
) -> str:
    """The digest humas records beside each record it saves, in the same transaction:
    HMAC-SHA256 under the seal key when there is one, else SHA-256, of the record's
    stream, version, topic and state hash (not its position, which a renumbering of
    the log may change)."""
    text = f"{stream}\n{version}\n{topic}\n{state_hash}".encode("utf-8", "surrogateescape")
    if key:
        return "hmac-sha256:" + hmac.digest(key, text, "sha256").hex()
    return "sha256:" + hashlib.sha256(text).hexdigest()


def saved_by_humas(
    stream: object, version: object, topic: object, state: object, digest: str | None,
    key: bytes | None,
) -> bool | None:  # fmt: skip
    """Whether humas saved this stored row as it is (None: the store keeps no digests)."""
    if digest is None:
        return None
    data, stored_as = stored_bytes(state)
    stream_text, _ = _identity(stream)
    topic = topic if isinstance(topic, str) else str(topic)
    status = saved_status(
        digest, stream_text, version, topic, hashlib.sha256(data).hexdigest(), key
    )
    return status == SAVED and stored_as is None


def saved_status(
    stored: str | None, stream: str, version: object, topic: str, state_hash: str,
    key: bytes | None,
) -> str | None:  # fmt: skip
    """What ``stored`` (the digest humas recorded for a record: "" none, None: the store
    keeps no digests) says of it."""
    if stored is None:
        return None
    if not stored:
        return NOT_SAVED
    keyed = stored.startswith("hmac-sha256:")
    if keyed and key is None:
        return SAVED  # cannot be checked without the key; the check says so
    if stored != saved_digest(stream, version, topic, state_hash, key if keyed else None):
        return SAVED_OTHERWISE
    return UNKEYED if key and not keyed else SAVED


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


def stored_bytes(state: object) -> tuple[bytes, str | None]:
    """The bytes of a stored state to hash, and the column type when it is not bytes.

    SQLite keeps whatever type a hand-written UPDATE gives (``replace()`` makes TEXT);
    the text's own bytes are hashed, so changed content is named ``altered`` like any
    other, and a record whose bytes survived a change of type is named too."""
    if isinstance(state, bytes):
        return state, None
    if isinstance(state, bytearray | memoryview):
        return bytes(state), None
    if state is None:
        return b"", "NULL"
    if isinstance(state, str):
        return state.encode("utf-8", "surrogateescape"), "TEXT"
    return str(state).encode(), type(state).__name__


def _identity(stream: object) -> tuple[str, bytes]:
    """A stored stream id as text (``8-4-4-4-12`` when it is a UUID) and its first 8
    bytes as a seal's list keeps them; a forged id that is no UUID still gets both."""
    if type(stream) is str and len(stream) == 32:  # SQLite keeps an id as 32 hex digits
        try:
            prefix = bytes.fromhex(stream)[:8]
        except ValueError:
            pass
        else:
            text = stream.lower()
            return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}", prefix
    if isinstance(stream, UUID):
        return str(stream), stream.bytes[:8]
    text = stream.decode("utf-8", "replace") if isinstance(stream, bytes) else str(stream)
    try:
        parsed = UUID(text)
    except ValueError:
        return text, hashlib.sha256(text.encode("utf-8", "surrogateescape")).digest()[:8]
    return str(parsed), parsed.bytes[:8]


class Check:
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
        self._check_links({problem.seal for problem in unreadable})
        self._open(0)

    def _check_links(self, unreadable: set[int | None]) -> None:
        previous: SealRecord | None = None
        for seal in self._seals:
            expected = previous.number + 1 if previous else 1
            missing = [n for n in range(expected, seal.number) if n not in unreadable]
            if seal.stated is not None and seal.stated != seal.number:
                self._seal_problem(
                    seal.number,
                    f"seal #{seal.number} says it is seal #{seal.stated}: its event was changed",
                )
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
        self._slots: list[str | None] = []
        self._strays = False  # a record of this range was not where the list says
        self._accepted: frozenset[int] = frozenset()
        if index >= len(self._seals):
            return
        seal = self._seals[index]
        self._chain = seal.previous  # only for a seal whose list cannot be read
        self._accepted = frozenset(seal.accepted)
        try:
            self._manifest = zlib.decompress(b64decode(seal.manifest, validate=True))
        except (ValueError, TypeError, zlib.error):
            self._seal_problem(seal.number, f"the record list of seal #{seal.number} is unreadable")
            return
        self._size, rest = divmod(len(self._manifest), _ENTRY.size)
        self._slots = [None] * self._size
        if rest or self._size != seal.count:
            self._seal_problem(
                seal.number,
                f"seal #{seal.number} says it covers {seal.count} records "
                f"but lists {len(self._manifest) / _ENTRY.size:g}",
            )

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
        stream_text, prefix = _identity(stream)
        topic = topic if type(topic) is str else str(topic)
        state_hash = sha256(data).hexdigest()
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
                f"its stored content differs from what seal #{seal.number} sealed",
            )  # fmt: skip
        elif stored_as:
            self._record_problem(
                "altered", seal, position, stream, version,
                f"its state is stored as {stored_as}, not as the bytes sealed",
            )  # fmt: skip
        elif saved in (NOT_SAVED, SAVED_OTHERWISE) and position not in self._accepted:
            detail = "is missing" if saved == NOT_SAVED else "no longer matches it"
            self._record_problem(
                "digest", seal, position, stream, version,
                f"the record matches seal #{seal.number}, but humas's digest of it {detail}",
            )  # fmt: skip

    def feed_many(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """:meth:`feed` for many rows of (position, stream, version, topic, state, saved).

        The common row (bytes, an id as SQLite keeps it, humas's plain digest matching,
        listed by its seal right where it is) is checked here in one tight loop; any
        other goes through :meth:`feed`, which does the same and everything else."""
        key, verdict, entry_size, unpack = self._key, self.verdict, _ENTRY.size, _ENTRY.unpack_from
        for row in rows:
            position, stream, version, topic, state, saved = row
            if (
                key is not None
                or self._manifest is None
                or type(state) is not bytes
                or type(stream) is not str
                or len(stream) != 32
                or type(saved) is not str
                or not saved.startswith("sha256:")
                or self._cursor >= self._size
                or position > self._seals[self._index].position
            ):
                self.feed(*row)
                continue
            cursor = self._cursor
            listed, prefix, listed_version, listed_digest = unpack(
                self._manifest, cursor * entry_size
            )
            if listed != position or listed_version != version or prefix.hex() != stream[:16]:
                self.feed(*row)
                continue
            state_hash = sha256(state).hexdigest()
            text = f"{stream[:8]}-{stream[8:12]}-{stream[12:16]}-{stream[16:20]}-{stream[20:]}\n{version}\n{topic}\n{state_hash}"
            digest = sha256(f"{position}\n{text}".encode()).hexdigest()
            if saved[7:] != sha256(text.encode()).hexdigest() or listed_digest.hex() != digest[:16]:
                self.feed(*row)  # says what differs
                continue
            self._cursor = cursor + 1
            self._slots[cursor] = digest
            verdict.records += 1
            verdict.sealed += 1

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
        self.verdict.unsealed += stream != _SEAL_TEXT
        if saved in _FOREIGN:
            self.problems.append(Problem(
                "inserted", None, "inserted outside humas: humas never saved it (not yet sealed)",
                position, stream, _int(version),
            ))  # fmt: skip
        elif saved == SAVED_OTHERWISE or stored_as:
            self.problems.append(Problem(
                "altered", None, "its stored content differs from what humas saved (not yet sealed)",
                position, stream, _int(version),
            ))  # fmt: skip
        elif len(self._after) < _AFTER_KEPT and self._seals:
            self._after.append(
                _Found(position, stream, prefix, version, topic, state_hash, saved, None, None)
            )

    def _record_problem(
        self, kind: str, seal: SealRecord, position: int, stream: str, version: object, detail: str
    ) -> None:
        self.problems.append(Problem(kind, seal.number, detail, position, stream, _int(version)))
        self._troubled.add(seal.number)

    def _close(self) -> None:
        seal = self._seals[self._index]
        if self._manifest is None:
            if self._chain != seal.hash:
                self._seal_problem(seal.number, f"the records of seal #{seal.number} do not give its hash")  # fmt: skip
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
        chain = seal.previous
        for digest in slots:
            chain = chained(chain, digest)  # type: ignore[arg-type]
        if chain != seal.hash:
            self._seal_problem(
                seal.number,
                f"the records of seal #{seal.number} do not give its hash, though each "
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
                    Problem("seal", None, f"no seal has the hash {wanted} (from a report?)")
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
                    f"seal #{seal.number} sealed it at position {missing.position}, with "
                    "another content",
                )  # fmt: skip
                continue
            self._pending[missing.seal][missing.index] = digest
            moves.append((found, missing))
        for found in inserted:
            seal = self._seals[found.seal]  # type: ignore[index]
            detail = (
                "inserted outside humas: humas never saved it, and "
                if found.saved in _FOREIGN
                else ""
            ) + f"inside the range of seal #{seal.number}, which never sealed it"
            self._record_problem("inserted", seal, found.position, found.stream, found.version, detail)  # fmt: skip
        deleted = sorted(lost.values(), key=lambda m: m.position)
        for missing in deleted:
            seal = self._seals[missing.seal]
            self._record_problem(
                "deleted", seal, missing.position, missing.prefix.hex(), missing.version,
                f"seal #{seal.number} sealed it; it is no longer stored",
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
                    f"seal #{seal.number} sealed it at position {missing.position}",
                )  # fmt: skip

    def _fold_seal_events(self) -> None:
        """A seal changed inside its event is one problem: the seal's own, not also its
        event's, which the next seal covers."""
        broken = {p.seal for p in self.problems if p.kind == "seal" and p.seal is not None}
        folded = []
        for problem in self.problems:
            if (
                problem.kind == "altered"
                and problem.stream == _SEAL_TEXT
                and problem.version is not None
                and problem.version - 1 in broken
            ):
                continue
            folded.append(problem)
        self.problems[:] = folded


_SEAL_TEXT = str(SEAL_ID)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None
