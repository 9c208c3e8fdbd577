"""Flags in words: every code, in both languages, from the catalogue."""

import re

import pytest

from reports.i18n import Fmt
from tests.core.test_flags import OLD_SENTENCES

FLAGS = [flag for _, flag in OLD_SENTENCES]


@pytest.mark.parametrize("flag", FLAGS, ids=lambda flag: flag.code)
def test_every_flag_reads_in_both_languages(flag):
    indonesian, english = Fmt("id").flag(flag), Fmt("en").flag(flag)
    assert indonesian != english
    for text in (indonesian, english):
        assert "%(" not in text and "{" not in text
    # Dates are written out in the reader's language, never left as ISO text.
    assert not re.search(r"\d{4}-\d{2}-\d{2}", indonesian + english)


def test_the_seed_duration_flag_reads_as_an_indonesian_report_would_put_it():
    sentence, _ = OLD_SENTENCES[0]
    assert Fmt("id").flag(sentence) == (
        "Durasi yang disebutkan 222 hari, sedangkan rentang 19 Oktober 2023 s.d. "
        "20 Oktober 2024 mencakup 368 hari (termasuk hari pertama dan terakhir)."
    )
    assert Fmt("en").flag(sentence) == (
        "The stated duration is 222 days, but 19 October 2023 to 20 October 2024 spans 368 "
        "days counting both ends."
    )


def test_a_weekday_mismatch_names_both_days_in_the_language():
    flag = OLD_SENTENCES[6][1]
    assert "Jumat" in Fmt("id").flag(flag) and "Kamis" in Fmt("id").flag(flag)
    assert "Friday" in Fmt("en").flag(flag) and "Thursday" in Fmt("en").flag(flag)


def test_a_figure_conflict_names_the_figure_in_the_language():
    flag = OLD_SENTENCES[-1][1]
    assert (
        Fmt("id").flag(flag) == "Jumlah personel: sumber menyebut 275, sedangkan data tercatat 250."
    )


def test_a_drill_one_day_before_the_start_reads_as_the_day_before_not_1_days():
    flag = {
        "code": "before-operation-start",
        "values": {"date": "2023-10-18", "days": 1, "operation": "omb", "start": "2023-10-19"},
    }
    assert Fmt("en").flag(flag) == (
        "18 October 2023 is the day before omb starts (19 October 2023); counted as its "
        "preparation."
    )
    assert "sehari sebelum" in Fmt("id").flag(flag)
    three_days = {**flag, "values": {**flag["values"], "date": "2023-10-16", "days": 3}}
    assert "3 days before" in Fmt("en").flag(three_days)
