"""What ``humas ingest news`` stores: coverage items, proposed activities, incidents,
links between outlets' reports of one thing, duplicates and flags."""

from pathlib import Path

import pytest

from domain.application import HumasApplication
from tests.cli import humas
from tests.ingest.support import (
    BEFORE_THE_OPERATION,
    CORPUS,
    DRILL_REPORTS,
    OPENING_368_DAYS,
    REAL_CLASH,
    RIOT_LIKE_DRILL,
    events_in,
    ingest,
    json_lines,
    plan_operation,
)


def activities(store: str, *options: str) -> list[dict]:
    return humas(store, "activity", "list", "--json", *options).json()


def test_three_outlets_reporting_one_drill_give_one_activity_with_three_coverage_items(
    store: str,
) -> None:
    result = ingest(store, *DRILL_REPORTS)
    assert result.code == 0, result.err
    [drill] = activities(store)
    assert (drill["kind"], drill["occurred_on"], drill["review"]) == (
        "simulation", "2023-11-09", "proposed",
    )  # fmt: skip
    assert drill["operation"] == "omb"
    shown = humas(store, "activity", "show", drill["id"], "--json").json()
    assert len(shown["coverage"]) == 3
    assert {item["outlet"] for item in shown["coverage"]} == {
        "Kabar Tanjung", "Warta Harapan", "Tribratanews Polres Tanjung Harapan",
    }  # fmt: skip
    assert sorted(item["link"] for item in shown["coverage"]) == ["created", "matched", "matched"]


def test_linking_is_an_event_in_the_activitys_history(store: str) -> None:
    ingest(store, *DRILL_REPORTS)
    [drill] = activities(store)
    history = humas(store, "history", drill["id"], "--json").json()
    assert [event["type"] for event in history].count("CoverageLinked") == 2
    assert all(event["channel"] == "news" for event in history)
    assert {event["actor"] for event in history} == {"Bripka Ani Lestari"}


def test_a_real_clash_becomes_an_incident_never_an_activity(
    store: str, app: HumasApplication
) -> None:
    result = ingest(store, REAL_CLASH)
    assert result.code == 0, result.err
    assert activities(store) == []
    [incident] = app.list_incidents()
    assert (incident["occurred_on"], incident["review"]) == ("2024-02-26", "proposed")
    assert incident["police_intervened"] is True
    assert incident["place"]["district"] == "Kabupaten Karang Baru"
    assert len(incident["coverage_ids"]) == 1


def test_a_drill_written_like_a_riot_is_not_an_incident(store: str, app: HumasApplication) -> None:
    [item] = json_lines(ingest(store, RIOT_LIKE_DRILL, "--json").out)
    assert item["category"] == "simulation"
    assert "ternyata merupakan simulasi" in item["evidence"]["category"]
    assert app.list_incidents() == []
    [drill] = activities(store)
    assert drill["kind"] == "simulation"
    assert drill["scenario_setting"] == "Kantor KPU Kabupaten Tanjung Harapan"
    assert drill["place"]["venue"] == "Lapangan Bhayangkara Tanjung Harapan"


def test_the_same_file_twice_is_a_duplicate_and_changes_nothing(store: str) -> None:
    first = json_lines(ingest(store, DRILL_REPORTS[0], "--json").out)[0]["ids"]
    events = events_in(store)
    again = ingest(store, DRILL_REPORTS[0], "--json")
    assert again.code == 0
    [item] = json_lines(again.out)
    assert item["ids"]["outcome"] == "duplicate"
    assert item["ids"]["coverage_item"] == first["coverage_item"]
    assert item["ids"]["record"] == first["record"]  # what the earlier copy reports
    assert again.err.strip() == "ingested 0, linked 0, duplicates 1, failed 0"
    said = ingest(store, DRILL_REPORTS[0]).out
    assert f"which reports activity {first['record'][:8]}" in said
    assert events_in(store) == events
    assert len(activities(store)) == 1


def test_one_item_ingested_by_two_officers_at_once_is_stored_once(
    store: str, app: HumasApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from adapters.bootstrap import open_application
    from adapters.news import read_news_file
    from adapters.news.ingest import news_item
    from adapters.store import parse_store
    from domain.model.provenance import Recorder

    item = news_item(read_news_file(DRILL_REPORTS[0]))
    other = open_application(parse_store(store))
    try:
        looked_up = other.read_model.coverage_matching
        lookups: list[dict | None] = []

        def saved_just_after_we_looked(content_hash: str, url: str | None) -> dict | None:
            lookups.append(looked_up(content_hash, url) if lookups else None)
            return lookups[-1]

        monkeypatch.setattr(other.read_model, "coverage_matching", saved_just_after_we_looked)
        app.ingest_news(Recorder("Bripka Ani Lestari"), item)
        outcome = other.ingest_news(Recorder("Brigpol Dedi Kurniawan"), item)
    finally:
        other.read_model.close()
        other.close()
    assert outcome["outcome"] == "duplicate" and len(lookups) == 2
    assert len(app.list_coverage()) == 1 and len(activities(store)) == 1


def test_the_same_address_with_other_text_is_a_duplicate(store: str, tmp_path: Path) -> None:
    ingest(store, DRILL_REPORTS[0])
    edited = tmp_path / "edited.txt"
    text = DRILL_REPORTS[0].read_text(encoding="utf-8")
    edited.write_text(text.replace("menemui jalan buntu", "gagal"), encoding="utf-8")
    events = events_in(store)
    result = ingest(store, edited)
    assert result.out.strip().splitlines()[-1] == "ingested 0, linked 0, duplicates 1, failed 0"
    assert events_in(store) == events


@pytest.mark.parametrize("stated", [368, 240])
def test_a_duration_unlike_the_stored_operations_is_a_store_conflict(
    store: str, tmp_path: Path, stated: int
) -> None:
    article = tmp_path / "gelar-pasukan.txt"
    text = OPENING_368_DAYS.read_text(encoding="utf-8")
    article.write_text(text.replace("selama 368 hari", f"selama {stated} hari"), "utf-8")
    [item] = json_lines(ingest(store, article, "--json").out)
    conflicts = [flag for flag in item["flags"] if flag["code"] == "store-conflict"]
    assert conflicts == [
        {
            "code": "store-conflict",
            "values": {"field": "days", "operation": "omb", "reported": stated, "stored": 222},
        }
    ]
    [opening] = activities(store)
    assert conflicts[0] in opening["flags"]


def test_the_same_duration_as_the_store_is_no_conflict(store_url: str, tmp_path: Path) -> None:
    plan_operation(store_url, days=368)
    [item] = json_lines(ingest(store_url, OPENING_368_DAYS, "--json").out)
    assert not [flag for flag in item["flags"] if flag["code"] == "store-conflict"]


def test_a_figure_unlike_the_linked_activitys_is_flagged_on_the_link(
    store: str, tmp_path: Path
) -> None:
    ingest(store, DRILL_REPORTS[1])  # 300 personnel
    other = tmp_path / "tribrata.txt"
    text = DRILL_REPORTS[2].read_text(encoding="utf-8")
    other.write_text(text.replace("300 personel", "350 personel"), encoding="utf-8")
    [item] = json_lines(ingest(store, other, "--json").out)
    assert item["ids"]["outcome"] == "linked"
    conflict = {
        "code": "store-conflict",
        "values": {"field": "personnel", "reported": 350, "stored": 300},
    }
    assert conflict in item["flags"]
    [drill] = activities(store)
    assert drill["personnel"] == 300  # the first claim stays; the other is kept with its source
    assert conflict in drill["flags"]


def test_proposed_activities_await_review_in_the_list(store: str) -> None:
    ingest(store, *DRILL_REPORTS, OPENING_368_DAYS, REAL_CLASH)
    humas(store, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-11-10")
    proposed = activities(store, "--status", "proposed")
    assert sorted(row["kind"] for row in proposed) == ["deployment", "simulation"]
    table = humas(store, "activity", "list", "--status", "proposed").out
    assert "Polres Tanjung Harapan" in table and "Jumat Curhat" not in table


def test_activity_show_gives_the_coverage_items_and_the_evidence(store: str) -> None:
    ingest(store, *DRILL_REPORTS)
    [drill] = activities(store)
    shown = humas(store, "activity", "show", drill["id"][:8]).out
    assert "coverage      3 item(s)" in shown
    assert "Warta Harapan: Massa Serbu Kantor KPU" in shown
    assert "https://kabartanjung.com/peristiwa/polres-gelar-sispamkota" in shown
    assert "evidence      category: Polres Tanjung Harapan menggelar simulasi" in shown
    assert "evidence      occurred_on: " in shown


def test_an_item_dated_before_the_operation_starts_is_not_attached_to_it(store: str) -> None:
    [item] = json_lines(ingest(store, BEFORE_THE_OPERATION, "--operation", "omb", "--json").out)
    assert item["occurred_on"] == "2023-08-14"
    assert any(flag["code"] == "outside-operation" for flag in item["flags"])
    [session] = activities(store)
    assert session["operation"] is None
    assert activities(store, "--operation", "omb") == []


def test_coverage_keeps_the_text_as_received_and_who_ingested_it(
    store: str, app: HumasApplication
) -> None:
    ingest(store, DRILL_REPORTS[0])
    [item] = app.list_coverage()
    history = humas(store, "history", item["id"], "--json").json()
    assert history[0]["channel"] == "news" and history[0]["actor"] == "Bripka Ani Lestari"
    assert history[0]["changes"]["raw_text"] == DRILL_REPORTS[0].read_text(encoding="utf-8")
    assert len(item["content_hash"]) == 64


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "The year of “Kamis (29/2)” is not written"),
     ("id", "Tahun pada “Kamis (29/2)” tidak tertulis")],
)  # fmt: skip
def test_an_incidents_flags_are_shown_in_the_readers_words(
    store: str, lang: str, words: str
) -> None:
    # a real clash dated "Kamis (29/2)": its year is inferred, and the incident says so
    [item] = json_lines(ingest(store, CORPUS / "097_bentrok-kpu-nyata.txt", "--json").out)
    assert item["ids"]["record_type"] == "Incident"
    shown = humas(store, "incident", "show", item["ids"]["record"][:8], HUMAS_LANG=lang)
    assert words in shown.out and "(year-inferred)" in shown.out, shown.out


def test_an_item_without_a_headline_gives_its_record_a_title_from_its_facts(store: str) -> None:
    # an article copied as text often has no headline: the record is never named by a path
    [item] = json_lines(ingest(store, CORPUS / "110_jumat-curhat-pekan-lalu.txt", "--json").out)
    assert item["title"] is None
    [activity] = activities(store)
    assert (
        activity["title"] == "Sosialisasi Polres Way Sekampung di Masjid Al-Ikhlas Desa Sidomulyo"
    )
