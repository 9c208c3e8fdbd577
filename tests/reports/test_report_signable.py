"""Reports a supervisor signs without edits, on both stores, read from the rendered md,
html and json: flags as data in the report's words and settled by a supervisor, counts
that leave rejected records out and say what is unknown, a part per operation, the unit
list, and charts that fit the period.

The two news items in ``articles/`` are ours, written for these tests: two outlets
reporting one dialogue patrol, each writing "Kamis (26/10)" without a year.
"""

import json
import re
import shlex
from pathlib import Path

import pytest

from tests.cli import humas

ARTICLES = Path(__file__).parent / "articles"
FIRST, SECOND = ARTICLES / "patroli-kabar-selatan.txt", ARTICLES / "patroli-warta-komering.txt"
SUPERVISOR = "AKP Hendra Saputra"
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
PLAN = ["operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
        "--start", "19/10/2023", "--end", "20/10/2024", "--days", "222",
        "--stakeholder", "KPU"]  # fmt: skip
W43 = ["report", "weekly", "--week", "2023-W43"]


def ok(result):
    assert result.code == 0, result.err
    return result


def log(store, kind, title, day, *extra):
    return ok(humas(store, "log", kind, "--title", title, "--on", day, *extra))


def week(store, *extra, lang="id", fmt="md"):
    return ok(humas(store, *W43, "--lang", lang, "--format", fmt, *extra)).out


def body(markdown: str) -> str:
    """What a reader reads: the Markdown report has no appendix; HTML's is cut off."""
    return markdown.split('<section id="appendix">')[0]


@pytest.fixture
def oku(store_url):
    """A week of Operasi Mantap Brata: outreach with and without an audience size, a
    parade with stakeholders, and a news item proposed from the press then rejected."""
    ok(humas(store_url, *PLAN))
    ok(humas(store_url, "--as", SUPERVISOR, "roster", "add", SUPERVISOR, "--role", "supervisor",
             actor=None))  # fmt: skip
    ok(humas(store_url, "--as", SUPERVISOR, "roster", "add", "Bripka Ani Lestari", "--role",
             "officer", actor=None))  # fmt: skip
    log(store_url, "outreach", "Sosialisasi lewat radio", "2023-10-24", "--unit",
        "Polres OKU Timur", "--audience", "pendengar radio", "--channel", "radio",
        "--operation", "omb")  # fmt: skip
    log(store_url, "outreach", "Jumat Curhat", "2023-10-27", "--unit", "Polsek Belitang",
        "--audience", "warga desa", "--audience-size", "45", "--operation", "omb",
        "--stakeholder", "KPU", "--stakeholder", "Bawaslu")  # fmt: skip
    log(store_url, "deployment", "Apel pergeseran pasukan", "2023-10-25", "--unit",
        "Polres OKU Timur", "--operation", "omb", "--stakeholder", "KPU")  # fmt: skip
    ingested = ok(humas(store_url, "ingest", "news", str(FIRST), "--operation", "omb", "--json"))
    proposed = json.loads(ingested.out.splitlines()[0])["ids"]["record"]
    return {"store": store_url, "proposed": proposed}


def reject(oku):
    ok(humas(oku["store"], "review", "reject", oku["proposed"][:8], "--reason",
             "bukan kegiatan satuan kita", actor=SUPERVISOR))  # fmt: skip


# --- flags as data, in the report's language ------------------------------------------


def test_flags_read_in_the_report_language_not_as_stored(oku):
    indonesian, english = week(oku["store"]), week(oku["store"], lang="en")

    assert "Durasi yang disebutkan 222 hari" in indonesian
    assert "Tahun pada “Kamis (26/10)” tidak tertulis" in indonesian
    assert "The stated duration is 222 days" in english
    for stored in ("duration conflict", "year-inferred", "-> 2023", "counting both ends"):
        assert stored not in indonesian
    listed = ok(humas(oku["store"], "flag", "list", "--json", "--lang", "id")).json()
    duration = next(row for row in listed if row["code"] == "duration-conflict")
    assert duration["values"] == {
        "stated": 222, "counted": 368, "start": "2023-10-19", "end": "2024-10-20"
    }  # fmt: skip
    assert duration["record"]["type"] == "Operation" and duration["status"] == "open"
    assert duration["text"].startswith("Durasi yang disebutkan 222 hari")


def test_a_flag_is_listed_once_with_the_news_item_that_raised_it(oku):
    markdown = week(oku["store"])
    rows = [line for line in markdown.splitlines() if "Tahun pada “Kamis (26/10)”" in line]
    # On the proposed activity, naming the outlet: not again as the news item's own.
    assert len(rows) == 1 and "Kabar Selatan (27 Okt 2023)" in rows[0]


def test_a_flag_raised_by_an_item_published_the_next_week_names_that_item(store_url, tmp_path):
    # Written for this test: a Monday item about the Thursday before, without its year.
    late = tmp_path / "patroli-senin.txt"
    late.write_text(
        "URL: https://kabar-selatan.example/2023/10/30/patroli-pasar\n"
        "Title: Patroli Dialogis Polsek Buay Madang di Pasar Kota Baru\n"
        "Outlet: Kabar Selatan\nPublished: 30 Oktober 2023\n\n"
        "MARTAPURA - Polsek Buay Madang menggelar patroli dialogis di Pasar Kota Baru, "
        "Kamis (26/10). Kapolsek Buay Madang AKP Sugeng Riyadi mengajak pedagang menjaga "
        "kamtibmas menjelang Pemilu 2024.\n",
        encoding="utf-8",
    )
    ok(humas(store_url, *PLAN))
    ok(humas(store_url, "ingest", "news", str(late), "--operation", "omb"))

    markdown = week(store_url)  # 23-29 October: the patrol's week, not the item's
    rows = [line for line in markdown.splitlines() if "Tahun pada “Kamis (26/10)”" in line]
    assert len(rows) == 1 and "Kabar Selatan (30 Okt 2023)" in rows[0]
    figures = json.loads(week(store_url, fmt="json"))
    assert figures["coverage"]["items"] == 0  # published the week after: not this week's


# --- settling flags -------------------------------------------------------------------


def test_a_supervisor_settles_a_flag_with_a_reason_and_it_is_in_the_history(oku):
    store = oku["store"]
    refused = humas(store, "flag", "resolve", "omb", "duration-conflict", "--reason", "x")
    assert refused.code == 2 and "supervisor" in refused.err  # an officer may not
    settled = humas(store, "flag", "resolve", "omb", "duration-conflict", "--reason",
                    "SK Kapolda: 222 hari efektif", actor=SUPERVISOR)  # fmt: skip
    ok(settled)

    still_open = ok(humas(store, "flag", "list", "--open", "--json")).json()
    assert "duration-conflict" not in {row["code"] for row in still_open}
    every = ok(humas(store, "flag", "list", "--json")).json()
    done = next(row for row in every if row["code"] == "duration-conflict")
    assert done["status"] == "resolved" and done["resolved"]["by"] == SUPERVISOR
    ok(humas(store, "store", "rebuild"))  # the read model rebuilt from the events agrees
    assert ok(humas(store, "flag", "list", "--json")).json() == every
    history = ok(humas(store, "history", "omb")).out
    assert "FlagResolved" in history and "SK Kapolda: 222 hari efektif" in history
    shown = ok(humas(store, "operation", "show", "omb")).out  # settled, and why, as activity show
    assert "(duration-conflict) [settled: SK Kapolda: 222 hari efektif]" in shown
    again = humas(store, "flag", "resolve", "omb", "duration-conflict", "--reason", "y",
                  actor=SUPERVISOR)  # fmt: skip
    assert again.code == 2 and "no open flag" in again.err

    markdown, html = week(store), week(store, fmt="html")
    assert "Durasi yang disebutkan" not in markdown  # no longer among the open ones
    assert "1 catatan telah diselesaikan oleh pimpinan" in markdown
    appendix = html.split('<section id="appendix">')[1]
    assert "Durasi yang disebutkan 222 hari" in appendix and "SK Kapolda" in appendix


def test_a_settled_flag_raised_again_by_a_later_news_item_reopens(oku):
    store, activity = oku["store"], oku["proposed"][:8]
    ok(humas(store, "flag", "resolve", activity, "year-inferred", "--reason",
             "tanggal dicek dengan Kapolsek", actor=SUPERVISOR))  # fmt: skip
    assert "year-inferred" not in {
        row["code"] for row in ok(humas(store, "flag", "list", "--open", "--json")).json()
    }
    ok(humas(store, "ingest", "news", str(SECOND), "--operation", "omb"))  # same patrol
    reopened = [
        row
        for row in ok(humas(store, "flag", "list", "--open", "--json")).json()
        if row["code"] == "year-inferred"
    ]
    assert len(reopened) == 1 and len(reopened[0]["sources"]) == 2
    shown = ok(humas(store, "activity", "show", activity, "--json")).json()
    assert shown["flag_entries"][0]["status"] == "open"  # the record says the same


# --- counts a supervisor can defend ---------------------------------------------------


def test_a_rejected_record_counts_nowhere_not_even_in_the_media_section(oku):
    reject(oku)
    figures = json.loads(week(oku["store"], fmt="json"))
    markdown = week(oku["store"])

    assert oku["proposed"] not in json.dumps(figures)
    assert "Sambangi Pedagang" not in markdown.split("### Berita")[0]  # not an activity
    assert figures["coverage"]["activities_covered"] == 0
    assert figures["coverage"]["unlinked"] == 1  # the item itself is still news


def test_rows_name_records_by_title_and_day_never_by_id(oku):
    for text in (week(oku["store"]), body(week(oku["store"], fmt="html"))):
        assert UUID.findall(text) == []
        assert oku["proposed"][:8] not in text


def test_an_unknown_audience_is_unknown_and_the_totals_say_how_many_are_known(oku):
    markdown, english = week(oku["store"]), week(oku["store"], lang="en")

    assert "| pendengar radio | 1 | tidak diketahui |" in markdown
    assert "| pendengar radio | 1 | unknown |" in english
    assert "45 (jumlah diketahui untuk 1 dari 2 kegiatan)" in markdown
    assert "(jumlah peserta diketahui pada 1 kegiatan)" in markdown  # the summary too


def test_the_stakeholder_matrix_has_a_row_total_and_an_activities_column(oku):
    markdown = week(oku["store"])
    table = markdown.split("## 5.")[1].split("## 6.")[0]

    assert "| Satuan | KPU | Bawaslu | Jumlah | Kegiatan |" in table
    assert "| Polsek Belitang | 1 | 1 | 2 | 1 |" in table  # two stakeholders, one activity
    assert "| **Jumlah** | **2** | **1** | **3** | **2** |" in table


def test_the_media_sentence_separates_activities_incidents_and_unrelated_items(oku):
    ok(humas(oku["store"], "ingest", "news", str(SECOND), "--operation", "omb"))
    reject(oku)  # the patrol both items report
    summary = json.loads(week(oku["store"], fmt="json", lang="en"))["summary"]
    media = next(sentence for sentence in summary if "media carried" in sentence)
    # Both items report the rejected patrol: neither is about the unit's activities.
    assert "the media carried 2 items from 2 outlets (2 not related to them)" in media


def test_ties_for_the_largest_change_are_named_together(store_url):
    ok(humas(store_url, *PLAN))
    log(store_url, "outreach", "Sambang", "2023-10-17", "--operation", "omb")
    log(store_url, "press", "Rilis", "2023-10-24", "--operation", "omb")
    summary = " ".join(json.loads(week(store_url, fmt="json", lang="en"))["summary"])
    assert "The largest changes, equal in size, are in Outreach (−1) and Press (+1)." in summary


def test_an_empty_period_says_so_in_one_sentence(oku):
    markdown = ok(
        humas(oku["store"], "report", "weekly", "--week", "2024-W30", HUMAS_LANG="id")
    ).out
    html = ok(humas(oku["store"], "report", "weekly", "--week", "2024-W30", "--format", "html",
                    HUMAS_LANG="id"))  # fmt: skip

    assert "Pada periode ini tidak tercatat kegiatan, pemberitaan, maupun kejadian." in markdown
    for text in (markdown, body(html.out)):
        assert not re.search(r"\b0 (orang|kegiatan|berita|media|kejadian)\b", text)
        assert "| 0 |" not in text and '<td class="num">0</td>' not in text


# --- every operation of the unit ------------------------------------------------------


def test_without_operation_each_operation_has_its_part_with_its_own_day(oku):
    store = oku["store"]
    ok(humas(store, "operation", "plan", "Operasi Zebra Musi 2023", "--slug", "zebra",
             "--start", "16/10/2023", "--end", "29/10/2023"))  # fmt: skip
    log(store, "deployment", "Razia kendaraan", "2023-10-25", "--unit", "Satlantas",
        "--operation", "zebra")  # fmt: skip
    log(store, "coordination", "Rapat RT", "2023-10-26", "--unit", "Polsek Belitang")

    every = week(store)
    assert "#### Operasi Mantap Brata 2023-2024" in every and "Hari ke-5 s.d. 11 dari 368" in every
    assert "#### Operasi Zebra Musi 2023" in every and "Hari ke-8 s.d. 14 dari 14" in every
    assert "#### Di luar operasi" in every
    figures = json.loads(week(store, fmt="json"))
    assert figures["totals"]["counted"] == 5
    parts = [((p["operation"] or {}).get("slug"), p["counted"]) for p in figures["operations"]]
    assert parts == [("zebra", 1), ("omb", 3), (None, 1)]  # by start, then outside any
    one = week(store, "--operation", "zebra")
    assert "Razia kendaraan" in one and "Jumat Curhat" not in one and "#### " not in one


def test_unit_narrows_to_the_unit_and_the_units_under_it(oku):
    store = oku["store"]
    ok(humas(store, "unit", "add", "Polres OKU Timur"))
    ok(humas(store, "unit", "add", "Polsek Belitang", "--under", "Polres OKU Timur"))
    ok(humas(store, "unit", "add", "Polsek Madang", "--under", "Polres OKU Timur"))
    assert ok(humas(store, "unit", "list", "--json")).json()[0] == {
        "name": "Polres OKU Timur", "under": None
    }  # fmt: skip

    events = ok(humas(store, "store", "info", "--json")).json()["events"]
    unknown = humas(store, *W43, "--unit", "Polsek Nusa")
    assert unknown.code == 2 and "Polsek Nusa is not on the unit list" in unknown.err
    # refused before the report seals the store: nothing is written
    assert ok(humas(store, "store", "info", "--json")).json()["events"] == events

    polres = json.loads(week(store, "--unit", "polres oku timur", fmt="json"))
    polsek = json.loads(week(store, "--unit", "Polsek Belitang", fmt="json"))
    assert (polres["totals"]["counted"], polsek["totals"]["counted"]) == (3, 1)
    assert polsek["report"]["unit"] == "Polsek Belitang"
    under_nothing = humas(store, "unit", "add", "Polsek X", "--under", "Polres Y")
    assert under_nothing.code == 2 and "Polres Y" in under_nothing.err


def test_a_unit_report_lists_only_its_own_silent_units_as_nil_returns(oku):
    store = oku["store"]
    ok(humas(store, "unit", "add", "Polres OKU Timur"))
    ok(humas(store, "unit", "add", "Polsek Belitang", "--under", "Polres OKU Timur"))
    ok(humas(store, "unit", "add", "Polres Muara Enim"))
    log(store, "outreach", "Sambang warga", "2023-10-02", "--unit", "Polsek Belitang",
        "--operation", "omb")  # fmt: skip
    log(store, "outreach", "Sambang pasar", "2023-10-03", "--unit", "Polres Muara Enim",
        "--operation", "omb")  # fmt: skip

    w44 = ["report", "weekly", "--week", "2023-W44", "--format", "json"]
    polres = ok(humas(store, *w44, "--unit", "Polres OKU Timur")).json()
    everyone = ok(humas(store, *w44)).json()

    nil = [row["unit"] for row in polres["quality"]["nil_returns"]]
    assert nil == ["Polres OKU Timur", "Polsek Belitang"]  # not the other Polres
    assert "Polres Muara Enim" in [row["unit"] for row in everyone["quality"]["nil_returns"]]


def test_an_empty_unit_is_refused_in_one_line_not_read_as_every_unit(oku):
    store = oku["store"]
    ok(humas(store, "unit", "add", "Polres OKU Timur"))

    for empty in ("", "  "):
        refused = humas(store, *W43, "--unit", empty)
        assert refused.code == 2 and refused.out == ""
        assert refused.err.strip().count("\n") == 0 and "--unit" in refused.err


def test_a_unit_report_made_again_as_of_its_moment_ignores_units_listed_since(oku):
    store = oku["store"]
    ok(humas(store, "unit", "add", "Polres OKU Timur"))
    ok(humas(store, "unit", "add", "Polsek Belitang", "--under", "Polres OKU Timur"))
    log(store, "outreach", "Sambang pasar", "2023-10-26", "--unit", "Polsek Madang",
        "--operation", "omb")  # fmt: skip
    first = json.loads(week(store, "--unit", "Polres OKU Timur", fmt="json"))

    ok(humas(store, "unit", "add", "Polsek Madang", "--under", "Polres OKU Timur"))
    command = shlex.split(first["report"]["command"])[1:]  # without "humas"
    again = ok(humas(store, *command, "--format", "json")).json()
    now = json.loads(week(store, "--unit", "Polres OKU Timur", fmt="json"))

    assert again["totals"] == first["totals"]
    assert again["report"]["figures_digest"] == first["report"]["figures_digest"]
    assert now["totals"]["counted"] == first["totals"]["counted"] + 1  # Polsek Madang's


# --- charts that fit the period -------------------------------------------------------


def test_a_week_has_daily_bars_and_no_one_point_line_a_month_weekly_bars(oku):
    weekly = week(oku["store"], fmt="html")
    assert 'data-chart="per-day" data-groups="7"' in weekly
    assert 'data-chart="reach"' not in weekly
    month = ok(humas(oku["store"], "report", "period", "--from", "2023-10-02", "--to",
                     "2023-11-05", "--format", "html")).out  # fmt: skip
    assert 'data-chart="per-week" data-groups="5"' in month
    assert 'data-chart="reach" data-points="5"' in month
