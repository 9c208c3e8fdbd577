"""Rules of review, coverage linking and the roster, with no store at all."""

from datetime import date
from uuid import uuid4

import pytest

from domain.model.activity import Activity
from domain.model.coverage import reports_same_activity
from domain.model.errors import InvalidValue, Refused
from domain.model.roster import Roster
from domain.model.values import Lifecycle, Review


def log(review=Review.PROPOSED, **overrides):
    values = {"kind": "simulation", "title": "Simulasi Sispam Kota",
              "occurred_on": date(2023, 10, 17), "units": ["Polres OKU Timur"]}  # fmt: skip
    return Activity.log(status=Lifecycle.CONDUCTED, review=review, **{**values, **overrides})


def test_verifying_with_fixes_records_the_fix_before_the_verification():
    activity = log(personnel=250)
    activity.verify({"personnel": 275})
    events = [type(event).__name__ for event in activity.collect_events()]
    assert events == ["Logged", "Corrected", "Verified"]
    assert (activity.personnel, activity.review) == (275, Review.VERIFIED)


def test_a_decided_record_is_not_decided_again():
    activity = log()
    activity.reject("bukan kegiatan kita")
    with pytest.raises(Refused, match="already rejected"):
        activity.verify()


def test_linking_the_same_coverage_item_twice_is_refused():
    activity, item = log(), uuid4()
    activity.link_coverage(item, ["year-inferred: 17/10 -> 2023"])
    with pytest.raises(Refused, match="already linked"):
        activity.link_coverage(item)
    assert activity.coverage_ids == [str(item)] and activity.flags == [
        "year-inferred: 17/10 -> 2023"
    ]


def test_a_merge_moves_coverage_and_flags_to_the_survivor_and_freezes_the_merged_record():
    survivor, merged = log(review=Review.REPORTED), log(flags=["store-conflict: personnel"])
    item = uuid4()
    merged.link_coverage(item)
    merged.merge_into(survivor, "satu kegiatan")
    assert survivor.coverage_ids == [str(item)] and merged.coverage_ids == []
    assert survivor.flags == ["store-conflict: personnel"]
    assert merged.review is Review.MERGED and merged.merged_into == str(survivor.id)
    with pytest.raises(Refused, match="was merged into"):
        merged.verify()


def test_an_activity_is_not_merged_into_itself():
    activity = log()
    with pytest.raises(Refused, match="itself"):
        activity.merge_into(activity, "x")


@pytest.mark.parametrize(
    ("existing", "new", "same"),
    [
        ({"units": ["Polres OKU Timur"]}, {"units": ["polres oku timur"]}, True),
        ({"units": ["Polsek Belitang"], "place": {"venue": "Lapangan Merdeka"}},
         {"units": ["Polres OKU Timur"], "place": {"venue": "lapangan merdeka"}}, True),
        ({"units": ["Polsek Belitang"], "place": {"district": "OKU Timur"}},
         {"units": [], "place": {"district": "OKU Timur"}}, True),
        ({"units": ["Polsek Belitang"], "place": {"district": "OKU Timur"}},
         {"units": ["Polres Lahat"], "place": {"district": "Lahat"}}, False),
        ({"units": [], "place": {}}, {"units": [], "place": {}}, False),
    ],
)  # fmt: skip
def test_two_records_of_one_day_and_kind_are_one_activity_when_unit_or_place_agree(
    existing, new, same
):
    assert reports_same_activity(existing, new) is same


def test_roster_names_match_whatever_the_case_and_spacing():
    roster = Roster.start()
    roster.add("AKP Hendra", "AKP Hendra", "supervisor")
    roster.add("akp  hendra", "Bripka Ani", "officer")
    assert roster.role_of("bripka ani") == "officer"
    with pytest.raises(Refused, match="already on the roster"):
        roster.add("AKP Hendra", "BRIPKA ANI", "auditor")
    with pytest.raises(InvalidValue, match="not one of"):
        roster.add("AKP Hendra", "Dewi", "kapolres")
