"""An auditor replays the history: every event in recorded order, changes between two
moments grouped by record, and where each record came from."""

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from adapters.audit.times import parse_moment
from domain.model.provenance import Recorder
from tests.cli import humas

SUPERVISOR = Recorder(actor="AKP Hendra Saputra")


def now() -> datetime:
    moment = datetime.now(UTC)
    time.sleep(0.01)  # so that events on either side are recorded at other times
    return moment


@pytest.fixture
def week(app: Any, officer: Recorder) -> SimpleNamespace:
    drill = app.log_activity(officer, kind="simulation", title="Simulasi Sispam Kota",
                             occurred_on=date(2023, 10, 17), personnel=250)  # fmt: skip
    outreach = app.log_activity(officer, kind="outreach", title="Jumat Curhat",
                                occurred_on=date(2023, 10, 20),
                                source={"report_id": "LP-07", "file": "polsek-belitang.yaml"})  # fmt: skip
    start = now()
    app.correct_activity(SUPERVISOR, str(drill.id), {"personnel": 275}, "data Kabag Ops")
    app.correct_activity(SUPERVISOR, str(outreach.id), {"title": "Jumat Curhat Belitang"}, "judul")
    press = app.log_activity(officer, kind="press", title="Konferensi pers",
                             occurred_on=date(2023, 10, 25))  # fmt: skip
    app.cancel_activity(officer, str(press.id), "hujan deras")
    end = now()
    app.accept(SUPERVISOR, str(drill.id))
    return SimpleNamespace(drill=drill, outreach=outreach, press=press, start=start, end=end)


def test_the_log_lists_every_event_in_recorded_order(store_url: str, week: SimpleNamespace) -> None:
    entries = humas(store_url, "audit", "log", "--json").json()
    assert [(e["position"], e["type"], e["title"]) for e in entries] == [
        (1, "Logged", "Simulasi Sispam Kota"),
        (2, "Logged", "Jumat Curhat"),
        (3, "Corrected", "Simulasi Sispam Kota"),
        (4, "Corrected", "Jumat Curhat Belitang"),
        (5, "Logged", "Konferensi pers"),
        (6, "Cancelled", "Konferensi pers"),
        (7, "Verified", "Simulasi Sispam Kota"),
    ]
    correction = entries[2]
    assert correction["actor"] == "AKP Hendra Saputra"
    assert correction["channel"] == "cli"
    assert correction["record_type"] == "Activity"
    assert correction["stream"] == str(week.drill.id)
    assert correction["changes"] == {"personnel": {"from": 250, "to": 275}}
    assert correction["reason"] == "data Kabag Ops"
    assert entries[1]["source"] == {"report_id": "LP-07", "file": "polsek-belitang.yaml"}
    assert datetime.fromisoformat(correction["recorded_at"]) > week.start


def test_the_log_as_text_says_who_changed_what_and_why(
    store_url: str, week: SimpleNamespace
) -> None:
    result = humas(store_url, "audit", "log", "--from", "3", "--to", "3")
    first, *details = result.out.splitlines()
    assert first.startswith("#3  ")
    assert first.endswith(
        f'AKP Hendra Saputra via cli  Activity {str(week.drill.id)[:8]} "Simulasi Sispam Kota" '
        "v2  Corrected"
    )
    assert details == ["      personnel: 250 -> 275", "      reason: data Kabag Ops"]


def test_the_log_as_text_writes_a_field_reports_reporter_and_attachments_as_json(
    app: Any, officer: Recorder, store_url: str
) -> None:
    source = {"report_id": "TR/2023/11/041", "at": "/laporan/rakor.yaml:1",
              "reporter": {"name": "Siti Aminah", "rank": "Bripka"}, "attachments": []}  # fmt: skip
    app.log_activity(officer, kind="coordination", title="Rapat koordinasi",
                     occurred_on=date(2023, 11, 20), source=source)  # fmt: skip
    [line] = [
        line for line in humas(store_url, "audit", "log").out.splitlines() if "source:" in line
    ]
    assert line == (
        "      source: report_id TR/2023/11/041, at /laporan/rakor.yaml:1, "
        'reporter {"name": "Siti Aminah", "rank": "Bripka"}'
    )


def test_positions_bound_the_log_and_last_takes_the_newest(
    store_url: str, week: SimpleNamespace
) -> None:
    between = humas(store_url, "audit", "log", "--from", "2", "--to", "4", "--json").json()
    assert [entry["position"] for entry in between] == [2, 3, 4]
    newest = humas(store_url, "audit", "log", "--last", "2", "--json").json()
    assert [entry["position"] for entry in newest] == [6, 7]
    assert humas(store_url, "audit", "log", "--from", "99").out == "no event in that range\n"


def test_times_bound_the_log_in_any_iso_form(store_url: str, week: SimpleNamespace) -> None:
    def positions(*options: str) -> list[int]:
        result = humas(store_url, "audit", "log", "--json", *options)
        assert result.code == 0, result.err
        return [entry["position"] for entry in result.json()]

    since, until = week.start.isoformat(), week.end.isoformat()
    assert positions("--since", since, "--until", until) == [3, 4, 5, 6]
    assert positions("--since", week.start.strftime("%Y-%m-%dT%H:%M:%S.%fZ")) == [3, 4, 5, 6, 7]
    assert positions("--until", week.start.isoformat()) == [1, 2]
    today = week.start.astimezone().date().isoformat()
    assert positions("--since", today, "--until", today) == [1, 2, 3, 4, 5, 6, 7]


@pytest.fixture
def jakarta(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Jakarta")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_time_without_a_zone_is_local_time(jakarta: None) -> None:
    assert parse_moment("2023-10-20T14:00") == datetime.fromisoformat("2023-10-20T07:00Z")
    assert parse_moment("2023-10-20T07:00Z") == datetime.fromisoformat("2023-10-20T07:00+00:00")
    assert parse_moment("2023-10-20") == datetime.fromisoformat("2023-10-20T00:00+07:00")
    until = parse_moment("2023-10-20", end_of_day=True)
    assert until == datetime.fromisoformat("2023-10-21T00:00+07:00")


@pytest.mark.parametrize("bad", ["2023-13-01", "20/10/2023 14:00", "yesterday", "2023-10-20T25:00"])
def test_a_time_that_is_not_iso_8601_is_one_line_and_exit_2(tmp_path: Any, bad: str) -> None:
    result = humas(str(tmp_path / "s.sqlite"), "audit", "log", "--since", bad)
    assert result.code == 2
    assert result.err.startswith("humas: error: ")
    assert "--since" in result.err and "ISO 8601" in result.err
    assert len(result.err.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [(["log", "--since", "2023-10-22", "--until", "2023-10-16"], "--until comes before --since"),
     (["log", "--from", "30", "--to", "12"], "--to comes before --from"),
     (["diff", "--since", "2023-10-27", "--until", "2023-10-20"], "--until comes before --since")],
)  # fmt: skip
def test_a_range_that_ends_before_it_starts_is_refused_not_answered_with_nothing(
    tmp_path: Any, args: list[str], said: str
) -> None:
    result = humas(str(tmp_path / "s.sqlite"), "audit", *args)
    assert result.code == 2
    [line] = result.err.splitlines()
    assert line.startswith("humas: error: Invalid value for ") and line.endswith(said)


def test_diff_groups_the_changes_by_record(store_url: str, week: SimpleNamespace) -> None:
    diff = humas(store_url, "audit", "diff", "--since", week.start.isoformat(), "--json").json()
    assert diff["totals"] == {"corrected": 2, "new": 1, "cancelled": 1, "verified": 1}
    by_title = {record["title"]: record for record in diff["records"]}
    drill = by_title["Simulasi Sispam Kota"]
    assert [(c["what"], c["changes"]) for c in drill["changes"]] == [
        ("corrected", {"personnel": {"from": 250, "to": 275}}),
        ("verified", {}),
    ]
    renamed = by_title["Jumat Curhat Belitang"]
    assert renamed["changes"][0]["changes"]["title"] == {
        "from": "Jumat Curhat",
        "to": "Jumat Curhat Belitang",
    }
    press = by_title["Konferensi pers"]
    assert [(c["what"], c["reason"]) for c in press["changes"]] == [
        ("new", None),
        ("cancelled", "hujan deras"),
    ]


def test_diff_text_shows_old_and_new(store_url: str, week: SimpleNamespace) -> None:
    result = humas(store_url, "audit", "diff", "--since", week.start.isoformat(),
                   "--until", week.end.isoformat())  # fmt: skip
    lines = result.out.splitlines()
    assert lines[0].endswith("2 corrected, 1 new, 1 cancelled")
    assert f'Activity {str(week.drill.id)[:8]} "Simulasi Sispam Kota"' in lines
    assert "               personnel: 250 -> 275" in lines
    assert any(line.startswith("  cancelled  #6") and "(reason: hujan deras)" in line
               for line in lines)  # fmt: skip


def test_diff_shows_review_merges_and_unknown_events_under_their_names(
    app: Any, officer: Recorder, store_url: str
) -> None:
    start = now()
    first = app.log_activity(officer, kind="outreach", title="Sambang desa", occurred_on=date(2023, 10, 21))  # fmt: skip
    again = app.log_activity(officer, kind="outreach", title="Sambang desa (dobel)", occurred_on=date(2023, 10, 21))  # fmt: skip
    wrong = app.log_activity(officer, kind="press", title="Rilis salah", occurred_on=date(2023, 10, 22))  # fmt: skip
    app.merge(SUPERVISOR, str(again.id), str(first.id), "laporan ganda")
    app.reject(SUPERVISOR, str(wrong.id), "bukan kegiatan kita")
    app.add_to_roster(SUPERVISOR, "AKP Hendra Saputra", "supervisor")
    app.seal(SUPERVISOR)
    diff = app.audit_diff(start)
    assert diff["totals"] == {"new": 4, "merged": 2, "rejected": 1, "MemberAdded": 1}
    assert {record["record_type"] for record in diff["records"]} == {"Activity", "Roster"}


def test_history_shows_the_source_of_each_event(store_url: str, week: SimpleNamespace) -> None:
    events = humas(store_url, "history", str(week.outreach.id), "--json").json()
    assert events[0]["source"] == {"report_id": "LP-07", "file": "polsek-belitang.yaml"}
    assert events[1]["source"] is None
    text = humas(store_url, "history", str(week.outreach.id)).out
    assert "      source: report_id LP-07, file polsek-belitang.yaml" in text.splitlines()


def test_audit_commands_leave_the_store_as_it_was(
    store_url: str, week: SimpleNamespace, app: Any
) -> None:
    before = app.store_info()
    for command in (["log"], ["diff", "--since", "2023-01-01"], ["verify"]):
        assert humas(store_url, "audit", *command).code == 0
    assert humas(store_url, "audit", "export", "--out", "-").code == 0
    assert app.store_info() == before
    assert app.latest_seal() is None


def test_as_of_shows_what_the_tracker_held_then(store_url: str, week: SimpleNamespace) -> None:
    def held(moment: datetime) -> dict[str, Any]:
        result = humas(store_url, "audit", "as-of", moment.isoformat(), "--json")
        assert result.code == 0, result.err
        return result.json()

    before = held(week.start)
    assert before["position"] == 2
    assert before["activities"] == {
        "total": 2,
        "by_status": {"conducted": 2},
        "by_review": {"reported": 2},
        "by_kind": {"simulation": 1, "outreach": 1},
    }
    after = held(week.end)["activities"]
    assert (after["total"], after["by_status"]) == (3, {"conducted": 2, "cancelled": 1})
    assert after["by_review"] == {"reported": 3}
    assert held(datetime.now(UTC))["activities"]["by_review"] == {"reported": 2, "verified": 1}


def test_as_of_lists_operations_and_open_flags(app: Any, officer: Recorder, store_url: str) -> None:
    app.plan_operation(officer, name="Operasi Mantap Brata 2023-2024", slug="omb",
                       start=date(2023, 10, 19), end=date(2024, 10, 20), stated_days=222)  # fmt: skip
    moment = now()
    app.revise_operation(officer, "omb", stated_days=368, reason="sesuai rentang tanggal")
    then = humas(store_url, "audit", "as-of", moment.isoformat())
    lines = then.out.splitlines()
    assert "  omb  Operasi Mantap Brata 2023-2024  open  2023-10-19 to 2024-10-20" in lines
    assert "open flags: 1" in lines
    assert "stated duration is 222 days" in lines[lines.index("open flags: 1") + 1]
    assert humas(store_url, "audit", "as-of", "2023-01-01").out.splitlines()[1] == "operations: 0"
    assert "open flags: 0" in humas(store_url, "audit", "as-of", now().isoformat()).out


@pytest.mark.parametrize(
    "option", ["--since 0001-01-01", "--until 9999-12-31", "--since 1900-01-01"]
)
def test_a_moment_outside_the_span_of_days_is_refused_in_one_line(
    store_url: str, option: str
) -> None:
    humas(store_url, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20")
    refused = humas(store_url, "audit", "log", *option.split())
    assert refused.code == 2
    assert len(refused.err.strip().splitlines()) == 1


def test_an_auditor_reads_log_diff_and_as_of_in_indonesian(
    store_url: str, week: SimpleNamespace
) -> None:
    logged = humas(store_url, "audit", "log", "--from", "3", "--to", "3", HUMAS_LANG="id")
    assert " lewat cli  kegiatan " in logged.out and "alasan: " in logged.out
    diff = humas(store_url, "audit", "diff", "--since", week.start.isoformat(),
                 "--until", week.end.isoformat(), HUMAS_LANG="id").out.splitlines()  # fmt: skip
    assert diff[0].startswith("dari ") and diff[0].endswith("2 dikoreksi, 1 baru, 1 dibatalkan")
    assert any(line.startswith("  dibatalkan #6") and "(alasan: hujan deras)" in line
               for line in diff)  # fmt: skip
    held = humas(store_url, "audit", "as-of", "2023-01-01", HUMAS_LANG="id").out.splitlines()
    assert held[0].startswith("per ") and held[1:3] == ["operasi: 0", "kegiatan: 0"]
