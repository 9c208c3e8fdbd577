"""Flags as data: codes with values, old sentences read through the upcaster, and the
life of a record's flags (raised, settled, reopened by a later source)."""

import pytest

from domain.flags import Flag, FlagCode, FlagLedger, entries_of, upcast, upcast_all

# Every sentence shape stores held before flags were data, and what it reads as.
OLD_SENTENCES = [
    (
        "duration conflict: 222 days stated, but 2023-10-19 to 2024-10-20 spans 368 days "
        "counting both ends",
        Flag.of("duration-conflict", stated=222, counted=368, start="2023-10-19", end="2024-10-20"),
    ),
    (
        "duration-conflict: 222 days stated, but 2023-10-19 to 2024-10-20 spans 368 days",
        Flag.of("duration-conflict", stated=222, counted=368, start="2023-10-19", end="2024-10-20"),
    ),
    (
        "year-inferred: Kamis (26/10) -> 2023 from publication date",
        Flag.of("year-inferred", text="Kamis (26/10)", year=2023, **{"from": "publication-date"}),
    ),
    (
        "year-inferred: 26 Oktober -> 2023 from today",
        Flag.of("year-inferred", text="26 Oktober", year=2023, **{"from": "today"}),
    ),
    (
        "relative-date: 'kemarin' -> 2023-10-25 from publication date",
        Flag.of("relative-date", text="kemarin", date="2023-10-25", **{"from": "publication-date"}),
    ),
    (
        "relative-date: 'sepekan lalu' -> week of 2023-10-19",
        Flag.of("relative-date", text="sepekan lalu", date="2023-10-19", precision="week"),
    ),
    (
        "weekday-mismatch: Jumat stated, 2023-10-26 is a Kamis",
        Flag.of("weekday-mismatch", stated="Jumat", date="2023-10-26"),
    ),
    (
        "before-operation-start: 2023-10-17 is 2 days before omb starts (2023-10-19)",
        Flag.of(
            "before-operation-start", date="2023-10-17", days=2, operation="omb", start="2023-10-19"
        ),
    ),
    (
        "before-operation-start: activity on 2023-10-17 is 2 days before Mantap Brata starts "
        "(2023-10-19)",
        Flag.of(
            "before-operation-start",
            date="2023-10-17",
            days=2,
            operation="Mantap Brata",
            start="2023-10-19",
        ),
    ),
    (
        "outside-operation: 2024-11-02 is outside omb (2023-10-19 to 2024-10-20)",
        Flag.of(
            "outside-operation",
            date="2024-11-02",
            operation="omb",
            start="2023-10-19",
            end="2024-10-20",
        ),
    ),
    (
        "outside-operation: activity on 2023-09-01 predates Mantap Brata (2023-10-19)",
        Flag.of(
            "outside-operation", date="2023-09-01", operation="Mantap Brata", start="2023-10-19"
        ),
    ),
    (
        "outside-operation: activity on 2024-11-02 is after Mantap Brata ended (2024-10-20)",
        Flag.of("outside-operation", date="2024-11-02", operation="Mantap Brata", end="2024-10-20"),
    ),
    (
        "store-conflict: the item says 222 days, the store holds 220 for omb",
        Flag.of("store-conflict", field="days", reported=222, stored=220, operation="omb"),
    ),
    (
        "store-conflict: personnel 275 in this item, 250 recorded",
        Flag.of("store-conflict", field="personnel", reported=275, stored=250),
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), OLD_SENTENCES)
def test_old_sentences_read_as_codes_with_values(sentence, expected):
    assert upcast(sentence) == expected
    assert upcast(expected.as_dict()) == expected  # the plain form round-trips


def test_every_code_has_an_old_sentence_or_is_new():
    # personnel-conflict came after flags were data: no store holds it as a sentence
    new = {FlagCode.NOTE, FlagCode.PERSONNEL_CONFLICT}
    assert {flag.code for _, flag in OLD_SENTENCES} == set(FlagCode) - new


def test_an_unknown_sentence_is_kept_as_a_note():
    assert upcast("odd-thing: something happened") == Flag.of(
        "note", kind="odd-thing", text="something happened"
    )
    assert upcast("Something in words") == Flag.of("note", text="Something in words")


def test_values_are_checked():
    with pytest.raises(ValueError, match="missing"):
        Flag.of("duration-conflict", stated=222)
    with pytest.raises(ValueError, match="unknown"):
        Flag.of("weekday-mismatch", stated="Jumat", date="2023-10-26", colour="red")
    with pytest.raises(ValueError):
        Flag.of("no-such-code", text="x")


def test_the_same_flag_in_both_forms_is_one_flag():
    sentence, flag = OLD_SENTENCES[0]
    assert upcast_all([sentence, flag.as_dict(), OLD_SENTENCES[1][0]]) == [flag]


def test_a_settled_flag_reopens_when_a_later_source_raises_it_again():
    conflict = Flag.of("store-conflict", field="personnel", reported=275, stored=250)
    ledger = FlagLedger()
    ledger.raise_flags([conflict.as_dict()], "coverage:a", "2023-10-20T08:00")
    ledger.raise_flags([conflict.as_dict()], "coverage:b", "2023-10-20T09:00")
    assert [e.sources for e in ledger.entries()] == [["coverage:a", "coverage:b"]]
    assert ledger.settle("store-conflict", "AKP Hendra", "angka Kabag Ops", "t1") == [conflict]
    assert ledger.open_flags() == []
    ledger.raise_flags([conflict], "coverage:b", "t2")  # a source already checked
    assert ledger.open_flags() == []
    ledger.raise_flags([conflict], "coverage:c", "t3")
    assert ledger.open_flags() == [conflict]
    (entry,) = ledger.entries()
    assert entry.opened_at == "t3" and entry.sources[-1] == "coverage:c"
    assert entries_of(ledger.as_list())[0].as_dict() == entry.as_dict()


def test_settling_touches_only_the_code_named():
    ledger = FlagLedger()
    ledger.raise_flags(
        [
            Flag.of("store-conflict", field="personnel", reported=275, stored=250),
            Flag.of("weekday-mismatch", stated="Jumat", date="2023-10-26"),
        ],
        None,
        None,
    )
    assert len(ledger.settle("weekday-mismatch", "x", "checked", None)) == 1
    assert ledger.open_codes() == ["store-conflict"]
    assert ledger.settle("weekday-mismatch", "x", "again", None) == []


def test_summaries_from_old_stores_read_as_open_entries():
    (entry,) = entries_of([OLD_SENTENCES[6][0]])
    assert entry.is_open and entry.flag.code == "weekday-mismatch" and entry.sources == []
