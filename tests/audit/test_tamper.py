"""An auditor finds records changed behind humas's back, in the SQLite file and in the
PostgreSQL tables: each change is caught, and named with the seal it breaks."""

import re
from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from domain.model.provenance import Recorder
from tests.audit.tamper import Tamperer
from tests.cli import humas


@pytest.fixture
def week(app: Any, officer: Recorder) -> SimpleNamespace:
    """Positions 1-3: two activities and a correction, sealed by seal #1 (its events are
    4 and 5); position 6: one more activity, sealed with 4-5 by seal #2 (event 7)."""
    outreach = app.log_activity(officer, kind="outreach", title="Jumat Curhat di Belitang",
                                occurred_on=date(2023, 10, 20), units=["Polsek Belitang"])  # fmt: skip
    drill = app.log_activity(officer, kind="simulation", title="Simulasi Sispam Kota",
                             occurred_on=date(2023, 10, 17), personnel=250)  # fmt: skip
    app.correct_activity(officer, str(drill.id), {"personnel": 275}, "angka dari Kabag Ops")
    first = app.seal(officer)
    press = app.log_activity(officer, kind="press", title="Konferensi pers",
                             occurred_on=date(2023, 10, 25))  # fmt: skip
    second = app.seal(officer)
    return SimpleNamespace(outreach=outreach, drill=drill, press=press, seals=(first, second))


@pytest.fixture
def db(store_url: str, week: SimpleNamespace) -> Any:
    with Tamperer(store_url) as tamperer:
        assert [row.position for row in tamperer.rows()] == [1, 2, 3, 4, 5, 6, 7]
        yield tamperer


def verify(store: str) -> tuple[int, list[str], list[dict[str, Any]]]:
    text = humas(store, "audit", "verify")
    data = humas(store, "audit", "verify", "--json")
    assert data.code == text.code
    return text.code, text.out.splitlines(), data.json()["problems"]


def test_an_untouched_store_verifies_in_one_line(store_url: str, week: SimpleNamespace) -> None:
    result = humas(store_url, "audit", "verify")
    assert result.code == 0
    assert result.out.splitlines() == [
        "intact: 6 records match 2 seals; latest seal #2 at position 6, "
        f"hash {week.seals[1]['hash']}"
    ]


def test_a_changed_stored_state_is_named(
    store_url: str, week: SimpleNamespace, db: Tamperer
) -> None:
    db.replace_in_state(2, b"Simulasi Sispam Kota", b"Simulasi Sispam Kita")
    code, lines, problems = verify(store_url)
    assert code == 3
    assert [(p["kind"], p["position"], p["stream"], p["version"], p["seal"]) for p in problems] == [
        ("altered", 2, str(week.drill.id), 1, 1)
    ]
    assert lines[0].startswith(f"altered    position 2  Activity {week.drill.id} v1")
    assert lines[0].endswith("(breaks seal #1)")
    assert lines[-1] == "1 problem found; broken seals: #1"


def test_a_deleted_row_is_named(store_url: str, week: SimpleNamespace, db: Tamperer) -> None:
    db.delete(3)  # the correction of the drill's personnel
    code, _, problems = verify(store_url)
    assert code == 3
    [problem] = problems
    assert (problem["kind"], problem["position"], problem["version"], problem["seal"]) == (
        "deleted", 3, 2, 1,
    )  # fmt: skip
    assert problem["stream"] == str(week.drill.id)  # found from the seal's id prefix
    assert problem["title"] == "Simulasi Sispam Kota"


def test_a_forged_row_inside_a_sealed_range_is_named(
    store_url: str, week: SimpleNamespace, db: Tamperer
) -> None:
    correction = db.row(3)
    forged = replace(correction, stream=week.outreach.id, version=2)
    db.insert(0, forged)  # before the first record, inside what seal #1 covers
    code, lines, problems = verify(store_url)
    assert code == 3
    assert [(p["kind"], p["position"], p["stream"], p["version"], p["seal"]) for p in problems] == [
        ("inserted", 0, str(week.outreach.id), 2, 1)
    ]
    assert "which never sealed it" in lines[0]


def test_a_row_appended_after_the_latest_seal_is_named_and_never_sealed(
    store_url: str, week: SimpleNamespace, db: Tamperer
) -> None:
    forged = replace(db.row(3), stream=week.outreach.id, version=2)
    db.insert(8, forged)
    code, lines, problems = verify(store_url)
    assert code == 3
    assert [(p["kind"], p["position"], p["seal"]) for p in problems] == [("inserted", 8, None)]
    assert "inserted outside humas" in lines[0]
    # A report seals the store first, but never the forged row; verify keeps naming it.
    report = humas(store_url, "report", "weekly", "--week", "2023-W43", "--format", "json")
    assert report.code == 0, report.err
    code, lines, problems = verify(store_url)
    assert code == 3
    assert [(p["kind"], p["position"]) for p in problems] == [("inserted", 8)]
    # An explicit seal refuses, unless a supervisor accepts the row and says why.
    refused = humas(store_url, "audit", "seal")
    assert refused.code == 2
    assert "1 records were not saved by humas (positions 8)" in refused.err
    accepted = humas(store_url, "audit", "seal", "--accept-foreign", "--reason", "impor manual DBA")
    assert accepted.code == 0, accepted.err
    assert humas(store_url, "audit", "verify").code == 0


def test_a_forged_row_stays_named_when_the_digests_table_is_dropped_too(
    store_url: str, week: SimpleNamespace, db: Tamperer
) -> None:
    forged = replace(db.row(3), stream=week.outreach.id, version=2)
    db.insert(100, forged)  # far ahead: the next write's position stays free
    db.drop_digests()  # as if the store came from a humas before the digests
    code, _, problems = verify(store_url)
    assert code == 3
    assert ("inserted", 100, None) in [(p["kind"], p["position"], p["seal"]) for p in problems]
    assert {p["kind"] for p in problems} == {"inserted", "digest"}  # nothing vouches now
    # The seals show the store had digests: the next write vouches for nothing it holds.
    logged = humas(store_url, "log", "press", "--title", "Rilis", "--on", "2023-10-26")
    assert logged.code == 0, logged.err
    code, _, problems = verify(store_url)
    assert code == 3
    assert ("inserted", 100, None) in [(p["kind"], p["position"], p["seal"]) for p in problems]
    refused = humas(store_url, "audit", "seal")
    assert refused.code == 2
    assert re.search(r"not saved by humas \(positions [\d, ]*\b100\)", refused.err), refused.err


def test_a_state_emptied_by_hand_is_named_and_stops_no_auditors_command(
    store_url: str, week: SimpleNamespace, db: Tamperer, tmp_path: Any
) -> None:
    db._run(f"UPDATE {db.table} SET state = NULL WHERE {db.position} = 6")  # press, as logged
    code, _, problems = verify(store_url)
    assert code == 3
    assert [(p["kind"], p["position"]) for p in problems] == [("altered", 6)]
    export = tmp_path / "audit.jsonl"
    for command in (["audit", "log"], ["audit", "diff", "--since", "2020-01-01"],
                    ["audit", "as-of", "2030-01-01"], ["audit", "export", "--out", str(export)]):  # fmt: skip
        answered = humas(store_url, *command)
        assert answered.code == 0, (command, answered.err)
    listed = humas(store_url, "activity", "list")
    assert listed.code == 1
    [line] = listed.err.splitlines()
    assert "the event at position 6, which this list reads, cannot be read" in line


def test_two_swapped_versions_are_named(
    store_url: str, week: SimpleNamespace, db: Tamperer
) -> None:
    db.swap_versions(week.drill.id, 1, 2)
    code, lines, problems = verify(store_url)
    assert code == 3
    assert [(p["kind"], p["position"], p["version"], p["seal"]) for p in problems] == [
        ("reordered", 2, 2, 1),
        ("reordered", 3, 1, 1),
    ]
    assert "seal #1 sealed it at position 3" in lines[0]
    assert "seal #1 sealed it at position 2" in lines[1]


def test_an_altered_seal_is_caught_by_the_next_seal(
    store_url: str, week: SimpleNamespace, db: Tamperer
) -> None:
    first_hash = week.seals[0]["hash"].encode()
    db.replace_in_state(5, first_hash, b"f" * 64)
    code, _, problems = verify(store_url)
    assert code == 3
    # Seal #1 no longer gives its hash and seal #2 no longer follows it; its event,
    # which seal #2 covers, is not named a second time.
    assert [(p["kind"], p["seal"]) for p in problems] == [("seal", 1), ("seal", 2)]


def test_every_change_at_once_is_listed(
    store_url: str, week: SimpleNamespace, db: Tamperer
) -> None:
    db.replace_in_state(1, b"Belitang", b"Belitung")
    db.delete(3)
    db.replace_in_state(6, b"Konferensi pers", b"Konferensi palsu")
    code, lines, problems = verify(store_url)
    assert code == 3
    assert [(p["kind"], p["position"], p["seal"]) for p in problems] == [
        ("altered", 1, 1),
        ("deleted", 3, 1),
        ("altered", 6, 2),
    ]
    assert lines[-1] == "3 problems found; broken seals: #1, #2"


def test_a_report_hash_that_the_store_no_longer_holds_fails(
    store_url: str, week: SimpleNamespace
) -> None:
    assert humas(store_url, "audit", "verify", "--expect", week.seals[0]["hash"][:12]).code == 0
    result = humas(store_url, "audit", "verify", "--expect", "0123456789ab")
    assert result.code == 3
    assert "no seal has the hash 0123456789ab" in result.out
    assert humas(store_url, "audit", "verify", "--expect", "xyz").code == 2


def test_a_long_backlog_is_sealed_in_several_seals(
    store_url: str, app: Any, officer: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("domain.usecases.sealing.MAX_SEAL_RECORDS", 2)
    for day in range(17, 22):
        app.log_activity(officer, kind="press", title=f"Rilis {day}", occurred_on=date(2023, 10, day))  # fmt: skip
    sealed = app.seal(officer)
    assert (sealed["number"], sealed["position"]) == (3, 5)
    with Tamperer(store_url) as db:
        db.replace_in_state(4, b"Rilis 20", b"Rilis 99")
    code, _, problems = verify(store_url)
    assert code == 3
    assert [(p["kind"], p["position"], p["seal"]) for p in problems] == [("altered", 4, 2)]


CHANGES = {
    "nothing": lambda db, week: None,
    "a changed state": lambda db, week: db.replace_in_state(
        2, b"Simulasi Sispam Kota", b"Simulasi Sispam Kita"
    ),
    "a deleted row": lambda db, week: db.delete(2),
    "a row forged inside seal #1": lambda db, week: db.insert(
        0, replace(db.row(3), stream=week.outreach.id, version=2)
    ),
    "two swapped versions": lambda db, week: db.swap_versions(week.drill.id, 1, 2),
    "a row appended": lambda db, week: db.insert(
        8, replace(db.row(3), stream=week.outreach.id, version=2)
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_seals_checked_on_several_cores_give_the_verdict_of_one(
    app: Any, store_url: str, week: SimpleNamespace, db: Tamperer, monkeypatch: Any, change: str
) -> None:
    """A big store's seals are vouched for in processes of their own (SQLite files);
    whatever was changed, the verdict is the one a single reading gives."""
    from domain.usecases import sealing
    from domain.usecases.event_log import EventLog

    CHANGES[change](db, week)
    alone = app.verify_store(()).as_dict()
    answers: list[Any] = []
    spans = EventLog.map_spans

    def kept(self: EventLog, *args: Any) -> Any:
        answers.append(spans(self, *args))
        return answers[-1]

    monkeypatch.setattr(sealing, "CHECK_APART_FROM", 1)
    monkeypatch.setattr(EventLog, "map_spans", kept)
    apart = app.verify_store(()).as_dict()
    assert apart == alone
    if not db.postgres:  # each seal whose records are untouched is vouched for apart
        [found] = answers
        assert found is not None
        intact = {1, 2} - set(alone["broken_seals"])
        assert sum(1 for answer in found if answer and answer[0]) == len(intact)


def test_an_auditor_reads_the_verdict_in_indonesian(
    store_url: str, week: SimpleNamespace, db: Tamperer
) -> None:
    intact = humas(store_url, "audit", "verify", HUMAS_LANG="id")
    assert intact.out.startswith("utuh: 6 data cocok dengan 2 segel; segel terakhir #2 di posisi 6")
    db.swap_versions(week.drill.id, 1, 2)
    lines = humas(store_url, "audit", "verify", HUMAS_LANG="id").out.splitlines()
    assert lines[0].startswith("dipindah   posisi 2  kegiatan ")
    assert lines[0].endswith("segel #1 menyegelnya di posisi 3, dengan isi lain (merusak segel #1)")
    assert lines[-1] == "ditemukan 2 masalah; segel yang rusak: #1"
