"""Figures of a report, on the hand-made week in report_samples.py."""

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reports import build_figures
from reports.figures import KINDS, is_counted
from tests.reports import report_samples as samples

activities, activity, coverage = samples.activities, samples.activity, samples.coverage
incidents, make_input, news = samples.incidents, samples.make_input, samples.news


def by(rows: list[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in rows}


def test_counted_activities_exclude_proposed_rejected_cancelled_and_other_periods():
    f = build_figures(make_input())

    assert f["totals"]["ids"] == ["a1", "a2", "a3", "a7"]
    assert f["totals"]["previous_ids"] == ["p1", "p2", "p3"]  # p4 rejected
    assert f["totals"]["counted"] == 4
    assert f["totals"]["change"] == 1
    # The header's "not yet verified" is the reported record that still counts.
    assert f["totals"]["not_verified_ids"] == ["a2"]


def test_verified_only_leaves_reported_records_out_and_says_how_many():
    f = build_figures(make_input(verified_only=True))

    assert f["totals"]["ids"] == ["a1", "a3", "a7"]
    assert f["totals"]["previous_ids"] == ["p1", "p2"]
    assert f["totals"]["not_verified"] == 0
    assert f["totals"]["left_out_ids"] == ["a2"]
    assert f["report"]["verified_only"] is True


def test_a_proposed_record_counts_once_a_person_verifies_it():
    records = activities()
    for record in records:
        if record["id"] == "a4":
            record["review"] = "verified"

    f = build_figures(make_input(activities=records))

    assert "a4" in f["totals"]["ids"]
    assert f["outreach"]["audience_total"] == 1234 + 80 + 500


def test_change_against_the_previous_period_by_kind_and_by_unit():
    f = build_figures(make_input())

    kinds = {
        k: (r["current"], r["previous"], r["change"])
        for k, r in by(f["activities"]["by_kind"], "kind").items()
    }
    assert kinds == {
        "simulation": (1, 0, 1),
        "outreach": (2, 2, 0),
        "deployment": (1, 0, 1),
        "coordination": (0, 1, -1),
        "press": (0, 0, 0),
        "other": (0, 0, 0),
    }
    units = by(f["activities"]["by_unit"], "unit")
    # The organiser is the unit; a7 has none, so its first participating unit is.
    assert units["Polsek Belitang"]["ids"] == ["a7"]
    assert (units["Polres OKU Timur"]["current"], units["Polres OKU Timur"]["previous"]) == (2, 2)
    assert units["Polsek Semendawai"]["change"] == -1
    assert next(r["unit"] for r in f["activities"]["by_unit"]) == "Polres OKU Timur"


def test_per_day_has_every_day_of_the_period_and_adds_up():
    f = build_figures(make_input())
    days = f["activities"]["per_day"]

    assert [d["date"] for d in days] == [f"2023-10-{n}" for n in range(16, 23)]
    assert by(days, "date")["2023-10-17"]["counts"] == {"simulation": 1, "deployment": 1}
    assert sum(d["total"] for d in days) == f["totals"]["counted"]


def test_nil_returns_are_units_active_before_or_last_period_but_silent_now():
    f = build_figures(make_input(units_active_before=["Polsek Buay Madang", " polres  oku timur"]))

    nil = by(f["quality"]["nil_returns"], "unit")
    assert sorted(nil) == ["Polsek Buay Madang", "Polsek Semendawai"]
    assert (
        nil["Polsek Buay Madang"]["active_before"],
        nil["Polsek Buay Madang"]["active_previous"],
    ) == (True, False)
    assert nil["Polsek Semendawai"]["previous_ids"] == ["p1"]


def test_a_unit_whose_only_record_is_proposed_files_a_nil_return():
    records = [
        *activities(),
        activity("p9", "outreach", "2023-10-11", "Sambang", organiser="Polsek Madang Suku I"),
        activity(
            "a9",
            "outreach",
            "2023-10-18",
            "Usulan",
            organiser="Polsek Madang Suku I",
            review="proposed",
        ),
    ]
    f = build_figures(make_input(activities=records))

    assert "Polsek Madang Suku I" in by(f["quality"]["nil_returns"], "unit")


def test_a_unit_whose_reports_await_verification_is_no_nil_return_in_a_verified_only_report():
    # Polsek Martapura filed "Cooling system" (reported, not yet verified) this week.
    f = build_figures(make_input(verified_only=True, units_active_before=["Polsek Martapura"]))

    assert "a2" not in f["totals"]["ids"]  # left out of the figures
    assert "Polsek Martapura" not in by(f["quality"]["nil_returns"], "unit")


def test_an_item_without_publication_date_counts_in_the_week_of_the_day_it_reports_only():
    # Its day is in this week (16-22 October): listed here, and in no later week, whose
    # input holds this week's items as the previous period's.
    item = news("c9", None, "Kabar OKU", activity_id="a2", occurred_on="2023-10-18")
    this_week = build_figures(make_input(coverage=[*coverage(), item]))
    next_week = build_figures(
        make_input(
            coverage=[*coverage(), item],
            period_start=date(2023, 10, 23),
            period_end=date(2023, 10, 29),
        )
    )

    assert "c9" in this_week["coverage"]["ids"]
    assert "c9" not in next_week["coverage"]["ids"]
    never_dated = news("c8", None, "Kabar OKU")
    assert "c8" in build_figures(make_input(coverage=[never_dated]))["coverage"]["ids"]


def test_several_items_about_one_activity_count_once_as_an_activity_and_each_as_coverage():
    items = [*coverage(), news("c7", "2023-10-20", "Detik Sumsel", activity_id="a1")]
    f = build_figures(make_input(coverage=items))
    cov = f["coverage"]

    assert cov["items"] == 7
    assert cov["activities_covered"] == 3  # a1, a2 and a4 (the latter not counted)
    group = by(cov["groups"], "activity_id")["a1"]
    assert group["items"] == 4 and group["several_items"] is True
    assert group["ids"] == ["c1", "c2", "c3", "c7"]
    assert cov["several_items"] == 1
    assert cov["syndicated_groups"] == [] and cov["syndicated_copies"] == 0  # different texts
    # Coverage does not create activities: the counted total is unchanged.
    assert f["totals"]["counted"] == 4
    assert by(cov["outlets"], "outlet")["Sumeks.co"]["items"] == 3


def test_syndicated_groups_count_the_items_and_outlets_of_one_text():
    copies = [
        news("c7", "2023-10-18", "Detik Sumsel", activity_id="a1", syndicated_from="c1"),
        news("c8", "2023-10-19", "detik sumsel ", activity_id="a1", syndicated_from="c1"),
        news("c9", "2023-10-22", "Kabar OKU", incident_id="i1", syndicated_from="old"),
    ]
    f = build_figures(make_input(coverage=[*coverage(), *copies]))
    cov = f["coverage"]

    assert cov["items"] == 9  # every copy is an item of its own
    assert cov["syndicated_copies"] == 3
    first, older = cov["syndicated_groups"]
    assert first["first_id"] == "c1" and first["first_outlet"] == "Sumeks.co"
    assert (first["items"], first["copies"], first["outlet_count"]) == (3, 2, 2)
    assert first["outlets"] == ["Detik Sumsel", "Sumeks.co"]
    assert first["about"] == "activity" and first["ids"] == ["c1", "c7", "c8"]
    # the first copy came before the period: the group is the period's copies alone
    assert older["first_id"] == "old" and older["first_outlet"] is None
    assert (older["items"], older["copies"], older["about"]) == (1, 1, "incident")
    assert by(f["appendix"], "key")["coverage/syndicated/c1"]["ids"] == ["c1", "c7", "c8"]


def test_coverage_linked_only_from_the_activity_side_still_groups():
    items = [*coverage(), news("c8", "2023-10-20", "Detik Sumsel")]
    records = activities()
    records[0]["coverage_ids"].append("c8")  # a1 lists it, the item has no activity_id

    f = build_figures(make_input(activities=records, coverage=items))

    assert "c8" in by(f["coverage"]["groups"], "activity_id")["a1"]["ids"]
    assert f["coverage"]["unlinked"] == 0


def test_drills_are_never_incidents():
    # A caller passing the drill in as an incident by mistake must not inflate the count.
    mistaken = {
        "id": "a1",
        "occurred_on": "2023-10-17",
        "place": None,
        "description": "Kerusuhan di KPU",
        "police_intervened": True,
        "coverage_ids": [],
    }
    f = build_figures(make_input(incidents=[*incidents(), mistaken]))

    assert f["incidents"]["ids"] == ["i1"]  # i0 happened before the period
    assert f["incidents"]["drills_not_counted"] == 1
    assert f["drills"]["ids"] == ["a1"]
    assert f["drills"]["items"][0]["scenario_steps"][1] == "Negosiasi gagal"
    assert f["drills"]["items"][0]["personnel"] == 1250


def test_an_incident_sharing_news_with_a_drill_is_flagged():
    real = incidents()
    real[0]["coverage_ids"] = ["c5", "c2"]  # c2 is about the drill

    f = build_figures(make_input(incidents=real))

    checks = [
        c for c in f["quality"]["checks"] if c["code"] == "incident_shares_coverage_with_drill"
    ]
    assert checks == [
        {
            "code": "incident_shares_coverage_with_drill",
            "subject": "i1",
            "ids": ["a1", "c2"],
            # The reader sees records by title and day; the ids are for the appendix.
            "records": [
                {
                    "title": "Simulasi Sispam Kota Gelar Pasukan Operasi Mantap Brata",
                    "date": "2023-10-17",
                },
                {"title": "Berita c2", "date": "2023-10-18"},
            ],
        }
    ]


def test_key_message_pull_through_in_own_activities_and_in_coverage():
    f = build_figures(make_input())

    pulled = {r["message"]: (r["activities"], r["coverage"]) for r in f["messages"]}
    # "Anti-Hoaks" on a3 is the same message; a4 (proposed) does not count for activities.
    assert pulled == {"pemilu-damai": (2, 2), "anti-hoaks": (2, 1), "politik-uang": (0, 1)}
    anti = by(f["messages"], "message")["anti-hoaks"]
    assert (anti["activity_ids"], anti["coverage_ids"]) == (["a2", "a3"], ["c4"])


def test_stakeholder_table_merges_spelling_variants():
    f = build_figures(make_input())
    table = f["stakeholders"]

    assert table["columns"][0] == "KPU"
    polres = by(table["rows"], "unit")["Polres OKU Timur"]
    kpu = by(polres["cells"], "stakeholder")["KPU"]
    assert (kpu["count"], kpu["ids"]) == (2, ["a1", "a3"])
    assert by(table["totals"], "stakeholder")["KPU"]["count"] == 3


def test_outreach_reach_by_audience_channel_and_week():
    f = build_figures(make_input(kind="period", period_start=date(2023, 10, 9)))
    out = f["outreach"]

    assert out["ids"] == ["a2", "a3", "p1", "p2"]
    assert out["audience_total"] == 1234 + 80 + 40 + 200
    assert [(w["start"], w["end"], w["size"]) for w in out["by_week"]] == [
        ("2023-10-09", "2023-10-15", 240),
        ("2023-10-16", "2023-10-22", 1314),
    ]
    assert by(out["channels"], "label")[None]["ids"] == ["p1", "p2"]  # channel not stated
    assert by(out["by_audience"], "label")["tokoh agama"]["size"] == 1234


def test_operation_day_numbers_and_a_period_outside_the_operation():
    f = build_figures(make_input())
    assert f["operation"]["days"] == {"first": 1, "last": 4, "of": 368}

    later = build_figures(make_input(period_start=date(2023, 11, 6), period_end=date(2023, 11, 12)))
    assert later["operation"]["days"] == {"first": 19, "last": 25, "of": 368}

    before = build_figures(make_input(period_start=date(2023, 9, 4), period_end=date(2023, 9, 10)))
    assert before["operation"]["days"] is None
    assert "period_outside_operation" in {c["code"] for c in before["quality"]["checks"]}


def test_data_quality_lists_flags_waiting_records_and_checks():
    q = build_figures(make_input())["quality"]

    # Once per record: the news item's flag shows on its incident, naming the item.
    assert [(x["source"], x["id"], x["code"]) for x in q["flags"]] == [
        ("operation", "op-1", "duration-conflict"),
        ("activity", "a4", "year-inferred"),
        ("activity", "a3", "store-conflict"),
        ("incident", "i1", "weekday-mismatch"),
    ]
    assert q["flags"][0]["values"] == {
        "stated": 222, "counted": 368, "start": "2023-10-19", "end": "2024-10-20"
    }  # fmt: skip
    assert q["flags"][3]["sources"] == [{"outlet": "Kabar OKU", "published_on": "2023-10-21"}]
    assert q["reported_ids"] == ["a2"] and q["proposed_ids"] == ["a4"]
    uncounted = [c for c in q["checks"] if c["code"] == "coverage_of_uncounted"]
    assert uncounted == [
        {
            "code": "coverage_of_uncounted",
            "subject": "a4",
            "ids": ["a4"],
            "records": [{"title": "Sosialisasi politik uang (dari berita)", "date": "2023-10-19"}],
        }
    ]
    assert q["open"] == len(q["flags"]) + len(q["checks"])


def test_spokespersons_are_counted_across_case_variants():
    speakers = build_figures(make_input())["coverage"]["speakers"]

    top = speakers[0]
    assert top["speaker"] == "Kapolres OKU Timur AKBP Dwi Agung Setyono"
    assert (top["quotes"], top["items"], top["ids"]) == (3, 2, ["c1", "c2"])
    assert top["example"] == "Simulasi ini untuk kesiapan personel."


def test_the_appendix_cites_the_ids_behind_each_figure():
    f = build_figures(make_input())
    cited = {entry["key"]: entry["ids"] for entry in f["appendix"]}

    assert len(cited) == len(f["appendix"]), "appendix keys must be unique"
    for row in f["activities"]["by_kind"]:
        assert cited[f"activities/by_kind/{row['kind']}"] == row["ids"]
        assert len(row["ids"]) == row["current"]
    assert cited["messages/pemilu-damai/coverage"] == ["c1", "c2"]
    assert cited["coverage/activity/a1"] == ["c1", "c2", "c3"]
    assert cited["incidents"] == ["i1"]
    assert cited["stakeholders/Polres OKU Timur/KPU"] == ["a1", "a3"]


REVIEWS = ("proposed", "reported", "verified", "rejected")
STATUSES = ("planned", "conducted", "cancelled")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.sampled_from(REVIEWS),
            st.sampled_from(STATUSES),
            st.integers(min_value=0, max_value=13),  # days after 9 Oct: both periods
            st.sampled_from(["Polres A", "Polsek B", "polsek b", None]),
        ),
        max_size=25,
    ),
    st.booleans(),
)
def test_totals_always_add_up(rows, verified_only):
    records = [
        activity(
            f"r{i:02d}",
            kind,
            date(2023, 10, 9 + offset).isoformat(),
            f"t{i}",
            review=review,
            status=status,
            organiser=unit,
            units=["Polres A"],
        )
        for i, (kind, review, status, offset, unit) in enumerate(rows)
    ]
    f = build_figures(make_input(activities=records, coverage=[], verified_only=verified_only))
    expected = [
        r["id"]
        for r in records
        if r["occurred_on"] >= "2023-10-16" and is_counted(r, verified_only)
    ]
    assert f["totals"]["ids"] == sorted(expected)
    if verified_only:
        assert all(r["review"] == "verified" for r in records if r["id"] in expected)
    assert not any(r["status"] == "cancelled" for r in records if r["id"] in expected)
    total = f["totals"]["counted"]
    assert sum(r["current"] for r in f["activities"]["by_kind"]) == total
    assert sum(r["current"] for r in f["activities"]["by_unit"]) == total
    assert sum(d["total"] for d in f["activities"]["per_day"]) == total
    assert sum(r["previous"] for r in f["activities"]["by_kind"]) == f["totals"]["previous"]
