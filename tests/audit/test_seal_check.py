"""The seal arithmetic on its own: records in, problems out, no store."""

import hashlib
from dataclasses import replace
from uuid import UUID, uuid4

import pytest

from domain.model.seal import GENESIS, SealRecord, Span, record_digest, saved_digest
from domain.model.seal_check import Check

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


def shifted(stored: list[Record], at: int, by: int) -> list[Record]:
    """Every record from index ``at`` on renumbered by ``by`` positions."""
    return [*stored[:at], *((p + by, s, v, t, b) for p, s, v, t, b in stored[at:])]


def test_a_row_slipped_in_mid_log_by_renumbering_the_rest_is_one_problem() -> None:
    stored = records(30)
    first = seal(1, None, GENESIS, stored[:20])
    second = seal(2, 20, first.hash, stored[20:])
    forged = (6, uuid4(), 1, "humas:Activity.Logged", b'{"n":"forged"}')
    tampered = [*stored[:5], forged, *shifted(stored, 5, 1)[5:]]
    assert check([first, second], tampered) == [("inserted", 6, 1)]


def test_a_row_deleted_and_the_rest_renumbered_is_one_problem() -> None:
    stored = records(30)
    first = seal(1, None, GENESIS, stored[:20])
    second = seal(2, 20, first.hash, stored[20:])
    tampered = shifted([*stored[:9], *stored[10:]], 9, -1)
    assert check([first, second], tampered) == [("deleted", 10, 1)]


def test_a_record_moved_far_away_is_reordered_not_deleted() -> None:
    stored = records(6)
    only = seal(1, None, GENESIS, stored)
    _, stream, version, topic, state = stored[1]
    tampered = [*stored[:1], *stored[2:], (40, stream, version, topic, state)]
    assert check([only], tampered) == [("reordered", 40, 1)]


def test_a_changed_seal_number_is_one_seal_problem() -> None:
    stored = records(6)
    first = seal(1, None, GENESIS, stored[:3])
    second = seal(2, 3, first.hash, stored[3:])
    assert check([replace(first, stated=5), second], stored) == [("seal", None, 1)]


def test_a_state_of_any_column_type_is_hashed_or_named_altered() -> None:
    stored = records(3)
    only = seal(1, None, GENESIS, stored)
    position, stream, version, topic, state = stored[1]
    as_text = [stored[0], (position, stream, version, topic, state.decode()), stored[2]]
    assert check([only], as_text) == [("altered", 2, 1)]
    changed_text = [stored[0], (position, stream, version, topic, "{}"), stored[2]]
    assert check([only], changed_text) == [("altered", 2, 1)]
    null = [stored[0], (position, stream, version, topic, None), stored[2]]
    assert check([only], null) == [("altered", 2, 1)]


def test_forged_ids_versions_and_topics_of_any_type_are_named_not_crashed_on() -> None:
    stored = records(3)
    only = seal(1, None, GENESIS, stored)
    position, stream, version, topic, state = stored[1]
    for forged in [
        (position, "not a uuid", version, topic, state),
        (position, stream, "two", topic, state),
        (position, stream, version, b"\xff", state),
        (position, None, None, None, None),
    ]:
        problems = check([only], [stored[0], forged, stored[2]])
        assert problems and all(
            kind in {"altered", "inserted", "deleted"} for kind, _, _ in problems
        )


def digest_of_record(record: Record, key: bytes | None = None) -> str:
    _, stream, version, topic, state = record
    return saved_digest(str(stream), version, topic, hashlib.sha256(state).hexdigest(), key)


@pytest.mark.parametrize("key", [None, b"kunci segel"])
def test_a_record_humas_never_saved_is_named_inside_or_after_the_seals(key: bytes | None) -> None:
    stored = records(6)
    only = seal(1, None, GENESIS, stored[:3])
    checker = Check([only], key=key)
    checker.feed(*stored[0], saved=digest_of_record(stored[0], key))
    checker.feed(*stored[1], saved="")  # sealed though humas has no digest: the digest was removed
    checker.feed(*stored[2], saved=digest_of_record(stored[2], key))
    checker.feed(*stored[3], saved="")  # slipped in after the seal
    checker.feed(*stored[4], saved=digest_of_record(stored[4], key))
    position, stream, version, topic, _ = stored[5]
    checker.feed(
        position, stream, version, topic, b"changed", saved=digest_of_record(stored[5], key)
    )
    verdict = checker.finish()
    assert [(p.kind, p.position, p.seal) for p in verdict.problems] == [
        ("digest", 2, 1),
        ("inserted", 4, None),
        ("altered", 6, None),
    ]
    assert verdict.problems[1].detail.startswith("inserted outside humas")


def test_with_a_seal_key_a_plain_digest_vouches_for_nothing() -> None:
    stored = records(2)
    checker = Check([], key=b"kunci segel")
    for record in stored:
        checker.feed(*record, saved=digest_of_record(record))  # forged without the key
    problems = checker.finish().problems
    assert [(p.kind, p.position) for p in problems] == [("inserted", 1), ("inserted", 2)]
