"""Vouching for a seal's rows in one tight pass: the common case of a check, where every
record stands where its seal listed it, as it was sealed (domain/model/seal_check.py
looks closer at anything else)."""

import hmac
import zlib
from base64 import b64decode
from collections.abc import Iterable, Sequence
from hashlib import sha256
from typing import Any

from domain.model.seal import _ENTRY, SealRecord


def digests_as_listed(
    rows: Sequence[tuple[Any, ...]], listed: Sequence[str], key: bytes | None
) -> tuple[list[str], bool] | None:
    """The digests of ``rows`` (position, stream, version, topic, state, saved), when
    each is the record ``listed`` names at its place: its digest (which covers its
    position, stream, version, topic and state) starts with the listed 16 hex digits,
    and humas's digest of it (``saved``) matches; and whether a digest was keyed. None
    when any row is not (a column of another type too): the rows then need a closer look.

    The full digests are vouched for by the seal's hash, which the caller checks."""
    sha = sha256
    digests: list[str] = []
    keep = digests.append
    keyed = False
    try:
        for (position, stream, version, topic, state, saved), wanted in zip(
            rows, listed, strict=True
        ):
            text = (
                f"{stream[:8]}-{stream[8:12]}-{stream[12:16]}-{stream[16:20]}-{stream[20:]}"
                f"\n{version}\n{topic}\n{sha(state).hexdigest()}"
            )  # the stream as 8-4-4-4-12: SQLite keeps 32 hex digits
            if saved is not None:
                if key is None:
                    if saved != f"sha256:{sha(text.encode()).hexdigest()}":
                        if not saved.startswith("hmac-sha256:"):
                            return None
                        keyed = True  # a keyed digest cannot be checked without the key
                elif saved != f"hmac-sha256:{hmac.digest(key, text.encode(), 'sha256').hex()}":
                    return None
            digest = sha(f"{position}\n{text}".encode()).hexdigest()
            if digest[:16] != wanted:
                return None
            keep(digest)
    except (TypeError, ValueError, AttributeError):  # a column of another type
        return None
    return digests, keyed


def listed_digests(seal: SealRecord) -> list[str] | None:
    """The first 16 hex digits of each digest in the seal's list, in its order (None:
    the list cannot be read, or does not count the records the seal says)."""
    try:
        manifest = zlib.decompress(b64decode(seal.manifest, validate=True))
    except (ValueError, TypeError, zlib.error):
        return None
    if len(manifest) != seal.count * _ENTRY.size:
        return None
    return [entry[3].hex() for entry in _ENTRY.iter_unpack(manifest)]


def vouch(
    seal: SealRecord, batches: Iterable[Sequence[tuple[Any, ...]]], key: bytes | None
) -> tuple[bool, int, bool]:
    """Whether the stored rows of a seal's range (after its start, up to its position),
    read a batch at a time, are exactly the records it sealed, in its order, each with
    humas's digest, and give its hash: then the seal has nothing to report, and a check
    needs not look at its rows again (:meth:`Check.vouched`). Also how many rows had a
    digest of humas's, and whether one was keyed. Pure: it runs in a process of its own
    when a big store is checked on several cores."""
    listed = listed_digests(seal)
    if listed is None:
        return False, 0, False
    digests: list[str] = []
    seen, keyed = 0, False
    for batch in batches:
        if not batch:
            continue
        found = digests_as_listed(batch, listed[len(digests) : len(digests) + len(batch)], key)
        if found is None:
            return False, 0, False
        digests += found[0]
        keyed = keyed or found[1]
        seen += len(found[0]) if batch[0][5] is not None else 0
    if len(digests) != len(listed):
        return False, 0, False
    chain, sha = seal.previous, sha256
    for digest in digests:
        chain = sha(f"{chain}{digest}".encode()).hexdigest()
    return chain == seal.hash, seen, keyed
