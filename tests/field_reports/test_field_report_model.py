"""The FieldReport contract itself, independent of file formats."""

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from adapters.field_reports.model import KINDS, FieldReport, field_names


def minimal(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "reporter": {"name": "Rahmat Hidayat", "rank": "Aipda"},
        "unit": "Polsek Talang Rejo",
        "kind": "outreach",
        "title": "Sambang ke pos ronda",
        "date": "2023-11-13",
    }
    record.update(changes)
    return record


def errors_of(record: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    with pytest.raises(ValidationError) as caught:
        FieldReport.model_validate(record)
    return {error["loc"]: error["msg"] for error in caught.value.errors()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-10-17", date(2023, 10, 17)),
        ("17/10/2023", date(2023, 10, 17)),
        ("7/1/2024", date(2024, 1, 7)),
        (" 29/02/2024 ", date(2024, 2, 29)),
    ],
)
def test_dates_in_both_written_forms_are_read(text: str, expected: date) -> None:
    assert FieldReport.model_validate(minimal(date=text)).date == expected


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("31/02/2023", "not a real date"),
        ("2023-02-29", "not a real date"),
        ("2023-13-01", "not a real date"),
        ("17/10/23", "not a complete date"),
        ("17 Brumaire 2023", "unknown month"),
        ("2023-10-17T10:00", "not a complete date"),
        ("0023-10-17", "is before 1945-08-17"),
        ("2203-10-17", "years ahead"),
        ("", "must be filled in"),
    ],
)
def test_impossible_and_misshaped_dates_are_refused(text: str, complaint: str) -> None:
    assert complaint in errors_of(minimal(date=text))[("date",)]


@pytest.mark.parametrize(("text", "expected"), [("09:00", "09:00"), ("9.05", "09:05"), ("", None)])
def test_time_is_normalised_to_hh_mm(text: str, expected: str | None) -> None:
    assert FieldReport.model_validate(minimal(time=text)).time == expected


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("24:00", "not a time of day"),
        ("09:00 WAT", "unknown time zone"),
        ("pagi", "not a time of day"),
        (930, "HH:MM"),
    ],
)
def test_bad_times_are_refused(text: Any, complaint: str) -> None:
    assert complaint in errors_of(minimal(time=text))[("time",)]


def test_text_is_stripped_and_blank_optionals_mean_not_given() -> None:
    report = FieldReport.model_validate(
        minimal(title="  Sambang  ", channel="   ", place={"venue": " Pos Ronda "}, units=None)
    )
    assert report.title == "Sambang"
    assert report.channel is None
    assert report.place.venue == "Pos Ronda"
    assert report.units == []


def test_unknown_fields_are_refused_at_every_level() -> None:
    errors = errors_of(minimal(titel="x", reporter={"name": "A", "rank": "B", "pangkat": "C"}))
    assert ("titel",) in errors
    assert ("reporter", "pangkat") in errors


def test_counts_must_be_whole_non_negative_numbers() -> None:
    errors = errors_of(minimal(personnel=-1, audience_size=True))
    assert ("personnel",) in errors
    assert "whole number" in errors[("audience_size",)]
    assert FieldReport.model_validate(minimal(personnel="12")).personnel == 12


def test_kind_is_one_of_the_six_or_an_alias_and_case_insensitive() -> None:
    assert FieldReport.model_validate(minimal(kind="Coordination")).kind == "coordination"
    assert FieldReport.model_validate(minimal(kind="sosialisasi")).kind == "outreach"
    assert FieldReport.model_validate(minimal(kind="Gelar Pasukan")).kind == "deployment"
    assert FieldReport.model_validate(minimal(kind="rakor")).kind == "coordination"
    assert "unknown kind 'rapat'" in errors_of(minimal(kind="rapat"))[("kind",)]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Jumat Curhat", "outreach"),
        ("Jum'at Curhat", "outreach"),
        ("patroli dialogis", "outreach"),
        ("Sambang", "outreach"),
        ("cooling system", "outreach"),
        ("Penyuluhan", "outreach"),
        ("Polisi Goes to School", "outreach"),
        ("Apel Gelar Pasukan", "deployment"),
        ("Simulasi Sispamkota", "simulation"),
    ],
)
def test_the_outreach_formats_of_the_glossary_are_kinds_a_polsek_can_write(
    written: str, kind: str
) -> None:
    assert FieldReport.model_validate(minimal(kind=written)).kind == kind


def test_a_bare_patrol_is_refused_as_it_could_be_outreach_or_deployment() -> None:
    assert "unknown kind 'patroli'" in errors_of(minimal(kind="patroli"))[("kind",)]


@pytest.mark.parametrize(
    ("text", "kept"), [("09.00 WIB", "09:00 WIB"), ("9.30 wita", "09:30 WITA"), ("08:00", "08:00")]
)
def test_times_keep_their_zone(text: str, kept: str) -> None:
    assert FieldReport.model_validate(minimal(time=text)).time == kept


def test_kinds_match_the_domain() -> None:
    from domain.model.values import ActivityKind

    assert set(KINDS) == {kind.value for kind in ActivityKind}


def test_scenario_is_only_for_simulations() -> None:
    errors = errors_of(minimal(scenario_setting="TPS tiruan", scenario_steps=["protes"]))
    assert "only a simulation" in errors[("scenario_setting",)]
    assert "only a simulation" in errors[("scenario_steps",)]
    drill = FieldReport.model_validate(
        minimal(kind="simulation", scenario_setting="TPS tiruan", scenario_steps=["protes"])
    )
    assert drill.scenario_steps == ["protes"]


def test_size_limits_refuse_huge_text() -> None:
    errors = errors_of(minimal(title="x" * 301, narrative="y" * 2_001, messages=["z"] * 201))
    assert {("title",), ("narrative",), ("messages",)} <= set(errors)
    assert FieldReport.model_validate(minimal(narrative="y" * 2_000)).narrative


def test_single_line_fields_refuse_line_breaks_and_control_characters() -> None:
    errors = errors_of(minimal(title="Sambang\nke pos", unit="Polsek\x1b[31m"))
    assert "single line" in errors[("title",)]
    assert "control character" in errors[("unit",)]
    # A narrative may span lines.
    assert FieldReport.model_validate(minimal(narrative="a\nb")).narrative == "a\nb"


def test_nrp_is_digits_and_may_be_written_as_a_number() -> None:
    reporter = {"name": "A", "rank": "Aipda", "nrp": 85071123}
    assert FieldReport.model_validate(minimal(reporter=reporter)).reporter.nrp == "85071123"
    assert ("reporter", "nrp") in errors_of(minimal(reporter={**reporter, "nrp": "8507-1123"}))


def test_effective_report_id_prefers_the_senders_id() -> None:
    assert FieldReport.model_validate(minimal(report_id="LAP/1")).effective_report_id == "LAP/1"


def test_content_id_is_stable_and_ignores_order_spelling_and_report_id() -> None:
    one = FieldReport.model_validate(minimal(date="13/11/2023", time="9.00"))
    other_order = dict(reversed(list(minimal(date="2023-11-13", time="09:00").items())))
    two = FieldReport.model_validate(other_order)
    assert one.effective_report_id == two.effective_report_id
    assert one.effective_report_id.startswith("sha256:")
    assert len(one.effective_report_id) == len("sha256:") + 64
    named = FieldReport.model_validate(minimal(time="09:00", report_id="X"))
    assert named.content_hash() == one.content_hash()
    changed = FieldReport.model_validate(minimal(title="Sambang ke pos kamling"))
    assert changed.effective_report_id != one.effective_report_id


def test_field_names_are_the_flat_file_names() -> None:
    names = field_names()
    assert {
        "reporter.name",
        "reporter.rank",
        "reporter.nrp",
        "place.venue",
        "place.province",
    } <= set(names)
    assert "reporter" not in names and "place" not in names
    assert len(names) == len(set(names))


def test_blank_fields_do_not_change_the_content_id() -> None:
    bare = FieldReport.model_validate(minimal())
    blanks = FieldReport.model_validate(
        minimal(channel="", units=[], place={"venue": " "}, personnel=None, scenario_steps=None)
    )
    assert bare.effective_report_id == blanks.effective_report_id
