"""The humas command, end to end, on both stores."""

import pytest

from tests.cli import humas

PLAN = ["operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
        "--start", "19/10/2023", "--end", "20 Oktober 2024", "--days", "222",
        "--stakeholder", "KPU", "--stakeholder", "Bawaslu", "--alias", "OMB"]  # fmt: skip
DRILL = ["log", "simulation", "--title", "Simulasi Sispam Kota", "--on", "17/10/2023",
         "--operation", "OMB", "--unit", "Polres OKU Timur", "--personnel", "250",
         "--place", "Halaman Kantor Pemkab OKU Timur", "--scenario-setting", "Kantor KPU OKU Timur",
         "--step", "Unjuk rasa", "--step", "Negosiasi gagal", "--step", "Dalmas dikerahkan"]  # fmt: skip


def events_in(store):
    return humas(store, "store", "info", "--json").json()["events"]


def test_an_officer_plans_an_operation_and_sees_the_duration_flag(store_url):
    planned = humas(store_url, *PLAN, "--json")
    assert planned.code == 0, planned.err
    shown = humas(store_url, "operation", "show", "OMB", "--json").json()
    assert {"id", "slug", "name", "start", "end", "stated_days", "stakeholders", "flags"} <= set(
        shown
    )
    assert shown["stakeholders"] == ["KPU", "Bawaslu"]
    assert shown["flags"][0] == {
        "code": "duration-conflict",
        "values": {"stated": 222, "counted": 368, "start": "2023-10-19", "end": "2024-10-20"},
    }
    assert shown["flag_entries"][0]["status"] == "open"
    assert (
        "FLAG  The stated duration is 222 days" in humas(store_url, "operation", "show", "omb").out
    )
    [listed] = humas(store_url, "operation", "list", "--json").json()
    assert listed["slug"] == "omb"


@pytest.mark.parametrize(
    "kind", ["simulation", "outreach", "deployment", "coordination", "press", "other"]
)
def test_each_kind_can_be_logged_and_listed(store_url, kind):
    logged = humas(store_url, "log", kind, "--title", f"Kegiatan {kind}", "--on", "2023-10-20",
                   "--unit", "Polsek Belitang", "--audience-size", "40", "--json")  # fmt: skip
    assert logged.code == 0, logged.err
    [row] = humas(store_url, "activity", "list", "--kind", kind, "--json").json()
    assert row["kind"] == kind and row["occurred_on"] == "2023-10-20"
    assert {"id", "title", "status", "operation", "units", "stakeholders", "personnel",
            "audience_size"} <= set(row)  # fmt: skip


def test_a_drill_is_logged_with_its_scenario_corrected_and_its_history_shown(store_url):
    humas(store_url, *PLAN)
    drill = humas(store_url, *DRILL, "--json").json()
    assert drill["operation"] == "omb"
    assert drill["scenario_steps"] == ["Unjuk rasa", "Negosiasi gagal", "Dalmas dikerahkan"]
    corrected = humas(store_url, "--as", "AKP Hendra", "activity", "correct", drill["id"][:8],
                      "--personnel", "275", "--reason", "data Kabag Ops")  # fmt: skip
    assert corrected.code == 0, corrected.err
    history = humas(store_url, "history", drill["id"][:6], "--json").json()
    assert [event["type"] for event in history] == ["Logged", "Corrected"]
    last = history[-1]
    assert last["actor"] == "AKP Hendra" and last["channel"] == "cli"
    assert last["changes"] == {"personnel": {"from": 250, "to": 275}}
    assert last["reason"] == "data Kabag Ops"
    assert {"version", "type", "recorded_at", "actor", "channel", "changes", "reason"} <= set(last)


def test_activities_are_filtered_by_operation_date_and_status(store_url):
    humas(store_url, *PLAN)
    humas(store_url, *DRILL)
    for day in ("2023-10-20", "2023-10-27", "2023-11-03"):
        humas(
            store_url,
            "log",
            "outreach",
            "--title",
            "Jumat Curhat",
            "--on",
            day,
            "--operation",
            "omb",
        )
    rows = humas(store_url, "activity", "list", "--operation", "omb", "--from", "2023-10-18",
                 "--to", "2023-10-31", "--json").json()  # fmt: skip
    assert [row["occurred_on"] for row in rows] == ["2023-10-20", "2023-10-27"]
    cancelled = rows[0]["id"]
    humas(store_url, "activity", "cancel", cancelled, "--reason", "hujan")
    [row] = humas(store_url, "activity", "list", "--status", "cancelled", "--json").json()
    assert row["id"] == cancelled


def test_a_write_without_an_actor_says_how_to_set_one(store_url):
    result = humas(store_url, *PLAN, actor=None)
    assert result.code == 2
    assert "humas config set actor" in result.err


@pytest.mark.parametrize("name", ["Bripka Ani\nBrigpol Dedi", "A" * 301, "Bripka Ani\x07"])
def test_an_actor_s_name_follows_the_rules_of_every_name_and_a_bad_one_writes_nothing(
    store_url, name
):
    humas(store_url, *PLAN)
    before = events_in(store_url)
    for given in ({"actor": name}, {"actor": None, "HUMAS_ACTOR": name}):
        result = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20",
                       **given)  # fmt: skip
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, result.err
        assert result.err.startswith("humas: error: --as: ")
    assert events_in(store_url) == before
    refused = humas(store_url, "config", "set", "actor", name, actor=None)
    assert refused.code == 2 and "Invalid value for 'VALUE'" in refused.err
    assert "actor =" not in humas(store_url, "config", "show", actor=None).out


def test_the_actor_can_come_from_the_settings_file(store_url):
    humas(store_url, "config", "set", "actor", "Brigpol Dedi", actor=None)
    humas(store_url, *PLAN, actor=None)
    [event] = humas(store_url, "history", "omb", "--json").json()
    assert event["actor"] == "Brigpol Dedi"
    shown = humas(store_url, "config", "show", "--json", actor=None).json()
    assert shown["settings"] == {"actor": "Brigpol Dedi"} and shown["path"].endswith(".json")


BAD_INPUT = [
    (["log", "outreach", "--title", "x", "--on", "2023-10-20", "--personnel", "-3"], "--personnel"),
    (["log", "outreach", "--title", "x", "--on", "2023-10-20", "--audience-size", "-1"], "--audience-size"),
    (["log", "outreach", "--title", "  ", "--on", "2023-10-20"], "--title"),
    (["log", "outreach", "--title", "x", "--on", "31/02/2024"], "--on"),
    (["log", "outreach", "--title", "x", "--on", "17/10"], "--on"),
    (["log", "outreach", "--title", "x", "--on", "2023-10-20", "--at", "9 pagi"], "--at"),
    (["log", "outreach", "--title", "x", "--on", "2023-10-20", "--operation", "nope"], "--operation"),
    (["log", "riot", "--title", "x", "--on", "2023-10-20"], "riot"),
    (["log", "outreach", "--title", "x", "--on", "2023-10-20", "--step", "a"], "--step"),
    (["operation", "plan", "Ops", "--start", "2024-01-02", "--end", "2024-01-01"], "--end"),
    (["operation", "plan", "Ops", "--start", "2024-01-01", "--end", "2024-01-02", "--days", "0"], "--days"),
    (["operation", "plan", "Operasi Mantap Praja 2024", "--slug", "OMB", "--start", "2024-08-01", "--end", "2024-12-01"], "--slug"),
    (["operation", "plan", "Operasi Mantap Praja 2024", "--alias", "omb", "--start", "2024-08-01", "--end", "2024-12-01"], "--alias"),
    (["activity", "show", "abcdef"], "REF"),
    (["activity", "correct", "abcdef", "--title", "y", "--reason", "z"], "REF"),
    (["activity", "list", "--kind", "riot"], "--kind"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "named"), BAD_INPUT)
def test_bad_input_is_one_line_naming_the_option_and_writes_nothing(store_url, args, named):
    humas(store_url, *PLAN)
    before = events_in(store_url)
    result = humas(store_url, *args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert named in result.err
    assert "Traceback" not in result.err
    assert events_in(store_url) == before


def test_a_period_that_ends_before_it_starts_is_refused_in_the_same_words_everywhere(store_url):
    humas(store_url, *PLAN)
    reversed_period = [
        ["operation", "plan", "Ops Lain", "--start", "19/10/2023", "--end", "01/10/2023"],
        ["operation", "revise", "omb", "--end", "01/10/2023", "--reason", "salah ketik"],
        ["activity", "list", "--from", "19/10/2023", "--to", "01/10/2023"],
        ["report", "period", "--from", "19/10/2023", "--to", "01/10/2023"],
    ]
    for args in reversed_period:
        result = humas(store_url, *args)
        assert result.code == 2, (args, result.err)
        assert "the period ends (1 October 2023) before it starts (19 October 2023)" in result.err


def test_a_revision_that_changes_nothing_says_what_to_give_and_blames_no_option(store_url):
    humas(store_url, *PLAN)
    result = humas(store_url, "operation", "revise", "omb", "--reason", "SK Kapolda")
    assert result.code == 2
    assert result.err == "humas: error: nothing to revise: give --start, --end or --days\n"


def test_a_cancelled_activity_refuses_corrections_in_one_line(store_url):
    drill = humas(
        store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20", "--json"
    )
    ref = drill.json()["id"]
    humas(store_url, "activity", "cancel", ref, "--reason", "banjir")
    result = humas(store_url, "activity", "correct", ref, "--title", "x", "--reason", "y")
    assert result.code == 2 and "cancelled" in result.err


def test_an_unreachable_store_is_one_line_not_a_traceback():
    result = humas("postgresql://nobody@127.0.0.1:1/none", "store", "info")
    assert result.code == 1
    assert result.err.startswith("humas: error: cannot open store")
    assert len(result.err.strip().splitlines()) == 1


def test_store_info_names_the_store_and_counts(store_url):
    humas(store_url, *PLAN)
    humas(store_url, *DRILL)
    info = humas(store_url, "store", "info", "--json").json()
    assert info["operations"] == 1 and info["activities"] == 1 and info["events"] == 2
    assert info["store"] in ("sqlite", "postgresql")
