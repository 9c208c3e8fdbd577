"""The seal arithmetic on its own: records in, problems out, no store."""

import hashlib
from dataclasses import replace
from uuid import UUID, uuid4

from domain.model.seal import GENESIS, Check, SealRecord, Span, record_digest

Record = tuple[int, UUID, int, str, bytes]


def records(count: int, first: int = 1) -> list[Record]:
    stream = uuid4()
    return [
        (position, stream, position, "humas:Activity.Corrected", f'{{"n":{position}}}'.encode())
        for position in range(first, first + count)
    ]


def seal(number: int, start: int | None, previous: str, covered: list[Record]) -> SealRecord:
    span = Span(previous)
    for record in covered:
        span.add(*record)
    assert span.position is not None
    return SealRecord(number, start, span.position, span.count, previous, span.chain,
                      span.manifest())  # fmt: skip


def check(seals: list[SealRecord], stored: list[Record], expect: tuple[str, ...] = ()) -> list:
    checker = Check(seals)
    for record in stored:
        checker.feed(*record)
    return [(p.kind, p.position, p.seal) for p in checker.finish(expect).problems]


def test_the_digest_is_the_documented_formula() -> None:
    stream = UUID("3f2a9c1d-0000-4000-8000-000000000001")
    state_hash = hashlib.sha256(b"{}").hexdigest()
    text = f"7\n{stream}\n2\nhumas:Activity.Corrected\n{state_hash}"
    assert record_digest(7, stream, 2, "humas:Activity.Corrected", b"{}") == (
        hashlib.sha256(text.encode()).hexdigest()
    )


def test_a_seal_hash_is_the_chain_over_its_records_from_the_previous_hash() -> None:
    stored = records(3)
    chain = GENESIS
    for record in stored:
        chain = hashlib.sha256((chain + record_digest(*record)).encode()).hexdigest()
    assert seal(1, None, GENESIS, stored).hash == chain


def test_seals_in_a_chain_check_clean() -> None:
    stored = records(5)
    first = seal(1, None, GENESIS, stored[:3])
    second = seal(2, 3, first.hash, stored[3:])
    verdict = Check([second, first])
    for record in [*stored, *records(2, first=6)]:
        verdict.feed(*record)
    result = verdict.finish()
    assert result.intact
    assert (result.sealed, result.unsealed) == (5, 2)


def test_each_seal_is_checked_on_its_own() -> None:
    stored = records(6)
    first = seal(1, None, GENESIS, stored[:3])
    second = seal(2, 3, first.hash, stored[3:])
    position, stream, version, topic, _ = stored[1]
    stored[1] = (position, stream, version, topic, b"forged")
    assert check([first, second], stored) == [("altered", 2, 1)]


def test_a_missing_seal_is_named() -> None:
    stored = records(6)
    first = seal(1, None, GENESIS, stored[:2])
    second = seal(2, 2, first.hash, stored[2:4])
    third = seal(3, 4, second.hash, stored[4:])
    problems = check([first, third], stored)
    assert problems == [("seal", None, 3)]


def test_a_seal_that_no_longer_follows_the_one_before_is_named() -> None:
    stored = records(4)
    first = seal(1, None, GENESIS, stored[:2])
    second = seal(2, 2, "e" * 64, stored[2:])
    assert check([first, second], stored) == [("seal", None, 2)]


def test_a_seal_whose_hash_was_changed_is_named_though_every_record_matches() -> None:
    stored = records(3)
    altered = replace(seal(1, None, GENESIS, stored), hash="a" * 64)
    assert check([altered], stored) == [("seal", None, 1)]


def test_an_unreadable_record_list_still_checks_the_hash() -> None:
    stored = records(3)
    damaged = replace(seal(1, None, GENESIS, stored), manifest="not base64!")
    assert check([damaged], stored) == [("seal", None, 1)]
    position, stream, version, topic, _ = stored[0]
    tampered = [(position, stream, version, topic, b"x"), *stored[1:]]
    assert check([damaged], tampered) == [("seal", None, 1), ("seal", None, 1)]


def test_rewriting_every_seal_is_caught_only_by_a_hash_kept_elsewhere() -> None:
    stored = records(3)
    honest = seal(1, None, GENESIS, stored)
    position, stream, version, topic, _ = stored[0]
    forged = [(position, stream, version, topic, b"x"), *stored[1:]]
    rewritten = seal(1, None, GENESIS, forged)
    assert check([rewritten], forged) == []
    assert check([rewritten], forged, expect=(honest.hash[:12],)) == [("seal", None, None)]
