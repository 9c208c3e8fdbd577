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
from base64 import b64encode
from dataclasses import asdict, dataclass, field
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

SEAL_ID = uuid5(NAMESPACE_URL, "humas:seal")
SEAL_TEXT = str(SEAL_ID)
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
        stream_text, prefix = identity_of(stream)
        digest = record_digest(position, stream_text, version, topic, data)
        self.chain = chained(self.chain, digest)
        entry = _ENTRY.pack(position, prefix, version, bytes.fromhex(digest[:16]))
        self._parts.append(self._zip.compress(entry))
        self.count += 1
        self.position = position

    def manifest(self) -> str:
        return b64encode(b"".join(self._parts) + self._zip.flush()).decode("ascii")


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
    digest, seal, read model or export.

    ``said`` is an English sentence with ``{names}`` for ``values``, so the command line
    can say it in the reader's language (its catalogue gathers every one written here);
    ``detail`` is the English sentence, for JSON and logs."""

    kind: str
    seal: int | None
    said: str
    position: int | None = None
    stream: str | None = None  # the full id, or the first 16 hex digits a manifest keeps
    version: int | None = None
    title: str | None = None
    record_type: str | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        return self.said.format(**self.values)

    def as_dict(self) -> dict[str, Any]:
        fields = asdict(self)
        del fields["said"], fields["values"]
        return {**fields, "detail": self.detail}


@dataclass(frozen=True)
class Note:
    """What a check could not look at: an English sentence with ``{names}`` for values,
    said in the reader's language by the command line, like a problem."""

    said: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        return self.said.format(**self.values)


def verdict_note(said: str, **values: Any) -> Note:
    """A verdict's note (the command line's catalogue gathers the sentences given here)."""
    return Note(said, values)


@dataclass
class Verdict:
    records: int = 0
    sealed: int = 0
    unsealed: int = 0  # recorded after the latest seal
    uncovered: int = 0  # inside the range of a seal that is missing
    seals: list[SealRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # what the check could not look at

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
            "problems": [problem.as_dict() for problem in self.problems],
            "notes": [note.detail for note in self.notes],
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
    stream_text, _ = identity_of(stream)
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


def identity_of(stream: object) -> tuple[str, bytes]:
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
