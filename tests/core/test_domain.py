"""Rules of operations and activities, with no store at all."""

from datetime import date

import pytest

from domain.model.activity import Activity
from domain.model.errors import InvalidValue, Refused
from domain.model.operation import Operation
from domain.model.provenance import Recorder, recording_as
from domain.model.values import Lifecycle, Review


def plan(**overrides):
    values = {
        "name": "Operasi Mantap Brata 2023-2024",
        "slug": "omb",
        "start": date(2023, 10, 19),
        "end": date(2024, 10, 20),
        "stated_days": 222,
    }
    return Operation.plan(**{**values, **overrides})


def log(**overrides):
    values = {"kind": "outreach", "title": "Jumat Curhat", "occurred_on": date(2023, 10, 20)}
    return Activity.log(
        status=Lifecycle.CONDUCTED, review=Review.REPORTED, **{**values, **overrides}
    )


def test_a_stated_duration_that_disagrees_with_the_period_is_flagged_with_both_numbers():
    [flag] = plan().flags
    assert flag["code"] == "duration-conflict"
    assert (flag["values"]["stated"], flag["values"]["counted"]) == (222, 368)


def test_a_stated_duration_that_agrees_raises_no_flag():
    assert plan(stated_days=368).flags == []
    assert plan(stated_days=None).flags == []


def test_an_operation_cannot_end_before_it_starts():
    with pytest.raises(InvalidValue) as error:
        plan(end=date(2023, 1, 1))
    assert error.value.field == "end"


def test_revising_the_period_needs_a_reason_and_clears_the_flag():
    operation = plan()
    with pytest.raises(InvalidValue):
        operation.revise_period(reason=" ", stated_days=368)
    operation.revise_period(reason="Sprin revisi", stated_days=368)
    assert operation.flags == []


def test_the_slug_and_aliases_are_what_officers_may_type():
    operation = plan(aliases=["Ops Mantap Brata Musi 2023-2024", "OMB"])
    assert operation.refs()[0] == "omb"
    assert "Ops Mantap Brata Musi 2023-2024" in operation.refs()


def test_every_event_records_who_and_through_which_channel():
    with recording_as(Recorder(actor="Bripka Ani", via="field-report")):
        activity = log()
    activity.correct({"audience_size": 40}, reason="daftar hadir")
    first, second = activity.collect_events()
    assert (first.actor, first.via) == ("Bripka Ani", "field-report")
    assert second.actor == ""  # outside recording_as nobody is named
    assert second.reason == "daftar hadir"


def test_a_correction_keeps_the_old_value_and_needs_a_reason():
    activity = log(personnel=10)
    with pytest.raises(InvalidValue):
        activity.correct({"personnel": 12}, reason="")
    activity.correct({"personnel": 12}, reason="salah hitung")
    corrected = activity.collect_events()[-1]
    assert corrected.changes == {"personnel": 12}
    assert corrected.previous == {"personnel": 10}


def test_correcting_to_the_same_values_is_refused():
    activity = log(personnel=10)
    with pytest.raises(InvalidValue):
        activity.correct({"personnel": 10}, reason="sama")


@pytest.mark.parametrize(
    ("field", "value"),
    [("personnel", -1), ("audience_size", -5), ("title", "  "), ("occurred_at", "25:00"),
     ("kind", "riot")],
)  # fmt: skip
def test_bad_values_are_refused_naming_the_field(field, value):
    with pytest.raises(InvalidValue) as error:
        log(**{field: value})
    assert error.value.field == field


def test_only_a_simulation_has_a_scenario():
    with pytest.raises(InvalidValue):
        log(scenario_steps=["negosiasi"])
    drill = log(kind="simulation", scenario_setting="Kantor KPU", scenario_steps=["a", "b"])
    assert drill.scenario_steps == ["a", "b"]


def test_a_cancelled_activity_cannot_be_corrected_or_conducted():
    activity = log()
    activity.cancel(reason="hujan deras")
    with pytest.raises(Refused):
        activity.correct({"title": "x"}, reason="y")
    with pytest.raises(Refused):
        activity.mark_conducted()


def test_correcting_part_of_the_place_keeps_the_rest():
    activity = log(place={"venue": "Masjid Al-Ikhlas", "district": "OKU Timur"})
    activity.correct({"place": {"village": "Gumawang"}}, reason="desa tertinggal")
    assert activity.place.venue == "Masjid Al-Ikhlas"
    assert activity.place.village == "Gumawang"


def test_without_an_organiser_the_first_unit_organises():
    activity = log(units=["Polsek Belitang", "Koramil Belitang"])
    assert activity.organiser == "Polsek Belitang"
    assert (
        log(organiser="Polres OKU Timur", units=["Polsek Belitang"]).organiser == "Polres OKU Timur"
    )
