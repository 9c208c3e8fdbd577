"""The read model catches up from the events and can be rebuilt from them alone."""

import json
from datetime import date, timedelta

from domain.model.provenance import Recorder
from domain.ports import ActivityFilter


def test_rebuilding_the_read_model_gives_identical_answers(app, officer):
    app.plan_operation(officer, name="Operasi Mantap Brata 2023-2024", slug="omb",
                       start=date(2023, 10, 19), end=date(2024, 10, 20), aliases=["OMB"])  # fmt: skip
    for day in range(30):
        activity = app.log_activity(officer, kind=("outreach", "deployment")[day % 2],
                                    title=f"Kegiatan {day}", operation="omb",
                                    occurred_on=date(2023, 10, 20) + timedelta(days=day))  # fmt: skip
        if day % 5 == 0:
            app.correct_activity(officer, str(activity.id), {"personnel": day}, reason="rekap")
        if day % 7 == 0:
            app.cancel_activity(officer, str(activity.id), reason="batal")
    queries = [
        ActivityFilter(),
        ActivityFilter(kind="deployment", date_from=date(2023, 10, 25)),
        ActivityFilter(status="cancelled"),
    ]
    before = ([app.list_activities(q) for q in queries], app.list_operations(), app.store_info())
    app.rebuild_read_model(Recorder("humas test"))
    after = ([app.list_activities(q) for q in queries], app.list_operations(), app.store_info())
    assert after == before
    assert before[2]["events"] == 1 + 30 + 6 + 5


def test_a_second_application_on_the_same_store_catches_up(app, officer, store_url):
    from adapters.bootstrap import open_application
    from adapters.store import parse_store

    other = open_application(parse_store(store_url))
    other.log_activity(officer, kind="press", title="Rilis pers", occurred_on=date(2023, 10, 21))
    [row] = app.list_activities(ActivityFilter())
    assert row["title"] == "Rilis pers"
    other.read_model.close()
    other.close()


def _review_the_demo(store: str, fixes: tuple[str, ...], on_incident: tuple[str, ...]) -> list:
    """A supervisor accepts the demo's first waiting activity (with ``fixes``), decides on
    its incident (``on_incident``: accept, or reject with a reason) and merges its last
    outreach into the first. Returns the outreach rows."""
    from tests.cli import humas

    chief = "AKP Hendra Saputra"
    waiting = humas(store, "review", "list", "--json").json()
    activities = [row for row in waiting if row["record_type"] == "Activity"]
    [incident] = [row for row in waiting if row["record_type"] == "Incident"]
    outreach = [row for row in activities if row["kind"] == "outreach"]
    accepted = humas(store, "review", "accept", activities[0]["id"], *fixes, actor=chief)
    assert accepted.code == 0, accepted.err
    decided = humas(store, "review", on_incident[0], incident["id"], *on_incident[1:], actor=chief)
    assert decided.code == 0, decided.err
    merged = humas(store, "review", "merge", outreach[-1]["id"], "--into", outreach[0]["id"],
                   actor=chief)  # fmt: skip
    assert merged.code == 0, merged.err
    return outreach


def test_rebuilding_after_news_review_and_merges_gives_identical_answers(demo):
    """The demo holds coverage, an incident, field reports and seals; a supervisor then
    verifies, rejects and merges. Rebuilt from the events alone, every list is the same."""
    from tests.cli import humas

    store, _ = demo
    outreach = _review_the_demo(store, fixes=(), on_incident=("reject", "--reason", "x"))

    def answers() -> list[str]:
        results = [humas(store, *command, "--json") for command in (
            ["activity", "list"], ["activity", "list", "--status", "merged"],
            ["review", "list"], ["store", "info"], ["operation", "list"],
            ["activity", "show", outreach[0]["id"]],
        )]  # fmt: skip
        assert [result.code for result in results] == [0] * len(results)
        return [result.out for result in results]

    before = answers()
    assert humas(store, "store", "rebuild").code == 0
    assert answers() == before


def _rows_and_summaries(store: str) -> tuple[list[dict], list[dict]]:
    """Every row of the read model, and the same records' own ``summary()``."""
    from uuid import UUID

    from adapters.bootstrap import close_application, open_application
    from adapters.read_model.schema import _dumps
    from adapters.store import parse_store

    app = open_application(parse_store(store))
    try:
        model = app.read_model
        model.catch_up()
        rows = model.operations() + model.activities(ActivityFilter()) + model.coverage()
        rows += model.incidents()
        summaries = [app.repository.get(UUID(row["id"])).summary() for row in rows]
        for row, summary in zip(rows, summaries, strict=True):
            if "content_hash" in summary:  # a coverage row keeps the day it is listed by
                summary["day"] = row["day"]
        return rows, [json.loads(_dumps(summary)) for summary in summaries]
    finally:
        close_application(app)


def test_every_row_is_the_summary_of_its_record(demo):
    """The handlers turn events into rows without the aggregates; after news, field
    reports, corrections, review and merges every row is what the record itself says."""
    from tests.cli import humas

    store, _ = demo
    _review_the_demo(store, fixes=("--personnel", "12"), on_incident=("accept",))
    some = [
        row
        for row in humas(store, "activity", "list", "--json").json()
        if row["review"] != "merged"
    ]
    assert humas(store, "activity", "cancel", some[-1]["id"], "--reason", "hujan").code == 0
    assert humas(store, "activity", "correct", some[0]["id"], "--place", "Aula Polres",
                 "--unit", "Polsek Belitang", "--reason", "salah tempat").code == 0  # fmt: skip
    assert humas(store, "operation", "revise", "omb", "--days", "223", "--reason", "r").code == 0
    rows, summaries = _rows_and_summaries(store)
    assert len(rows) > 10
    assert rows == summaries


def test_every_event_type_has_a_handler():
    """A new event type of a listed record needs a handler (adapters/projection.py);
    without one its rows fall back to loading the aggregate, far slower."""
    from adapters.projection import handles
    from domain.model.activity import Activity
    from domain.model.coverage import CoverageItem
    from domain.model.incident import Incident
    from domain.model.operation import Operation

    def topics(kind: type) -> set[str]:
        found, todo = set(), [kind.Event]
        while todo:
            event_class = todo.pop()
            todo += event_class.__subclasses__()
            topic = event_class.__dict__.get("TOPIC")
            if topic and not topic.endswith((".Event", ".Created")):
                found.add(topic)
        return found

    every = set().union(*(topics(kind) for kind in (Activity, CoverageItem, Incident, Operation)))
    assert len(every) > 15
    assert sorted(topic for topic in every if not handles(topic)) == []


def test_the_same_handlers_feed_an_in_memory_read_model_on_the_librarys_popo_store(officer):
    """Use-case tests can run on the library's in-memory store: the read model then keeps
    its rows in memory, made by the same handlers."""
    from adapters.read_model import SqlReadModel
    from domain.application import HumasApplication

    app = HumasApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.attach(SqlReadModel(app))
    logged = app.log_activity(officer, kind="outreach", title="Jumat Curhat", units=["Polsek Belitang"],
                              occurred_on=date(2023, 10, 20))  # fmt: skip
    app.correct_activity(officer, str(logged.id), {"personnel": 12}, reason="rekap")
    [row] = app.list_activities(ActivityFilter())
    assert row == {**app.get_activity(str(logged.id)).summary(), "operation": None}
    assert app.units_active_before(date(2023, 10, 21)) == ["Polsek Belitang"]
    app.read_model.close()
    app.close()


def test_an_old_stores_rows_are_made_again_by_the_handlers_as_its_records_say(tmp_path):
    """A store of the first release (events of version 1, rows of an older layout): its
    rows are made again when it is first opened to write, the old events upcast on the
    way, and each is what its record says."""
    import shutil
    from pathlib import Path

    fixtures = Path(__file__).parent.parent / "fixtures" / "stores"
    old = sorted(fixtures.glob("*v1.sqlite"))
    if not old:
        import pytest

        pytest.skip(f"no store of events version 1 in {fixtures}")
    copy = tmp_path / old[0].name
    shutil.copy(old[0], copy)
    rows, summaries = _rows_and_summaries(str(copy))
    assert len(rows) > 5
    assert rows == summaries


def _all_rows(store: str) -> dict[str, list[tuple]]:
    import sqlite3

    from adapters.read_model.schema import COLUMNS

    connection = sqlite3.connect(store)
    try:
        tables = [*COLUMNS, "humas_refs", "humas_unit_days", "humas_position"]
        return {
            t: connection.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables
        }
    finally:
        connection.close()


def _rebuilt_rows(store: str) -> dict[str, list[tuple]]:
    from tests.cli import humas

    rebuilt = humas(store, "store", "rebuild")
    assert rebuilt.code == 0, rebuilt.err
    return _all_rows(store)


def test_a_big_rebuild_made_by_processes_of_their_own_gives_the_same_rows(tmp_path, monkeypatch):
    """On a big SQLite store, processes of their own read and decode the events while
    the rebuild writes the rows (adapters/read_model/rebuilding.py). Made to split even the
    demo's events into ranges of seven (a record's later events in a later range than
    the row they change), the rows are the ones a rebuild alone makes. PostgreSQL
    rebuilds alone."""
    import adapters.read_model.rebuilding as rebuilding
    from tests.cli import humas

    store = str(tmp_path / "demo.sqlite")
    assert humas(store, "demo", actor=None).code == 0
    _review_the_demo(store, fixes=("--personnel", "12"), on_incident=("accept",))
    alone = _rebuilt_rows(store)
    monkeypatch.setattr(rebuilding, "APART_FROM", 0)
    monkeypatch.setattr(rebuilding, "BATCH", 7)
    made = []
    ranges = rebuilding.prepared_ranges

    def counted(*args):
        for found in ranges(*args):
            made.append(found)
            yield found

    monkeypatch.setattr(rebuilding, "prepared_ranges", counted)
    apart = _rebuilt_rows(store)
    assert len(made) > 5 and None not in made
    assert sum(len(fresh) for _, _, _, fresh in made) > 5  # rows made by the processes
    assert len(alone["humas_activities"]) > 5
    assert apart == alone


def test_a_rebuild_whose_processes_fail_is_finished_alone(tmp_path, monkeypatch):
    """Processes that cannot read the store (here: given a file that does not exist)
    leave the rebuild to do it alone, with the same rows."""
    import adapters.read_model.rebuilding as rebuilding
    from tests.cli import humas

    store = str(tmp_path / "demo.sqlite")
    assert humas(store, "demo", actor=None).code == 0
    alone = _rebuilt_rows(store)
    monkeypatch.setattr(rebuilding, "APART_FROM", 0)
    monkeypatch.setattr(rebuilding, "BATCH", 7)
    gone = f"file:{tmp_path / 'gone.sqlite'}?mode=ro"
    monkeypatch.setattr(rebuilding, "readable_location", lambda _: gone)
    assert _rebuilt_rows(store) == alone
