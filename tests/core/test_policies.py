"""Each deciding rule is written once; the read model's SQL says what the Python says."""

import sqlite3
from datetime import date
from itertools import product

import pytest

from domain.model.policies import counted_sql, counts_in_figures, lifecycle_on, organiser_of
from domain.model.values import Lifecycle, Review


@pytest.fixture
def app(memory_app):
    """These use cases need no database: the library's in-memory store."""
    return memory_app


def test_the_sql_of_what_counts_agrees_with_the_rule_for_every_status_and_review() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE records (status TEXT, review TEXT)")
    pairs = list(product([s.value for s in Lifecycle], [r.value for r in Review]))
    db.executemany("INSERT INTO records VALUES (?, ?)", pairs)
    counted_by_sql = set(db.execute(f"SELECT status, review FROM records WHERE {counted_sql()}"))
    assert counted_by_sql == {pair for pair in pairs if counts_in_figures(*pair)}
    assert ("conducted", "proposed") not in counted_by_sql
    assert ("cancelled", "verified") not in counted_by_sql


def test_the_organiser_is_named_else_the_first_unit_listed() -> None:
    assert organiser_of("Polres OKU Timur", ["Polsek Belitang"]) == "Polres OKU Timur"
    assert organiser_of(None, [" ", "Polsek Belitang", "Kodim"]) == "Polsek Belitang"
    assert organiser_of("", []) is None


def test_a_day_still_ahead_is_planned_by_the_one_clock() -> None:
    today = date(2023, 10, 20)
    assert lifecycle_on(date(2023, 10, 21), today) is Lifecycle.PLANNED
    assert lifecycle_on(today, today) is Lifecycle.CONDUCTED
    assert lifecycle_on(None, today) is Lifecycle.CONDUCTED


def test_the_application_asks_its_clock(app, officer) -> None:
    app.clock = lambda: date(2023, 10, 1)
    ahead = app.log_activity(
        officer, kind="outreach", title="Sosialisasi", occurred_on=date(2023, 10, 5)
    )
    assert ahead.status is Lifecycle.PLANNED
    app.clock = lambda: date(2023, 10, 9)
    done = app.log_activity(
        officer, kind="outreach", title="Sosialisasi", occurred_on=date(2023, 10, 5)
    )
    assert done.status is Lifecycle.CONDUCTED


def test_activities_and_incidents_take_the_same_review_steps(app, officer) -> None:
    from domain.model.errors import InvalidValue, Refused
    from domain.model.policies import check_review_step

    for waiting in (Review.PROPOSED, Review.REPORTED):
        check_review_step("record", waiting, Review.VERIFIED, None)
        with pytest.raises(InvalidValue, match="a rejection needs a reason"):
            check_review_step("record", waiting, Review.REJECTED, " ")
    for decided in (Review.VERIFIED, Review.REJECTED, Review.MERGED):
        with pytest.raises(Refused, match=f"record is already {decided.value}"):
            check_review_step("record", decided, Review.VERIFIED, None)
    logged = app.log_activity(
        officer, kind="outreach", title="Sosialisasi", occurred_on=date(2023, 10, 5)
    )
    app.accept(officer, str(logged.id))
    with pytest.raises(Refused, match=f"activity {str(logged.id)[:8]} is already verified"):
        app.reject(officer, str(logged.id), "salah")
