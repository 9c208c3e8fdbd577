"""Reads whose cost follows the period, not the history: the plans say which index
serves each read of a report, on both stores."""

from datetime import date, timedelta

import pytest

from domain.ports import ActivityFilter

START = date(2023, 10, 19)


@pytest.fixture
def long_operation(app, officer):
    """One operation that every activity belongs to, 40 units, a year of history."""
    app.plan_operation(officer, name="Operasi Mantap Brata 2023-2024", slug="omb",
                       start=START, end=date(2024, 10, 20))  # fmt: skip
    records = [
        {"kind": "outreach", "title": f"Kegiatan {n}", "operation": "omb",
         "occurred_on": START + timedelta(days=n % 360), "units": [f"Polsek {n % 40}"]}
        for n in range(600)
    ]  # fmt: skip
    app.log_activities(officer, records)
    app.read_model.rebuild()  # and brings the planner's statistics up to date
    return app.operation_id("omb")


def test_a_period_of_one_operation_is_read_through_a_date_index(app, long_operation):
    model = app.read_model
    where = ActivityFilter(long_operation, date_from=date(2024, 9, 30), date_to=date(2024, 10, 6))
    plan = model.plan(*model.activities_query(where))
    assert "humas_activities_op_day" in plan or "humas_activities_day" in plan, plan
    # never the whole table, nor the operation's index alone (every activity shares it)
    assert "SCAN humas_activities\n" not in plan + "\n" and "Seq Scan" not in plan, plan
    assert len(model.activities(where)) == 7  # days 347 to 353 of the operation


def test_nil_returns_read_each_units_first_day_not_the_history(app, long_operation):
    model = app.read_model
    assert len(app.units_active_before(date(2024, 9, 30), "omb")) == 40
    assert app.units_active_before(START + timedelta(days=3), "omb") == [
        "Polsek 0", "Polsek 1", "Polsek 2"
    ]  # fmt: skip
    plan = model.plan(model.units_query(), ("Polsek 1", long_operation))
    assert "humas_activities_unit_day" in plan, plan


def test_a_units_first_day_follows_cancellations_and_corrections(app, officer):
    first = app.log_activity(officer, kind="outreach", title="Pertama", units=["Polsek Belitang"],
                             occurred_on=date(2023, 10, 20))  # fmt: skip
    app.log_activity(officer, kind="outreach", title="Kedua", units=["Polsek Belitang"],
                     occurred_on=date(2023, 11, 20))  # fmt: skip
    assert app.units_active_before(date(2023, 10, 21)) == ["Polsek Belitang"]
    app.cancel_activity(officer, str(first.id), reason="batal")
    assert app.units_active_before(date(2023, 10, 21)) == []
    assert app.units_active_before(date(2023, 11, 21)) == ["Polsek Belitang"]
    later = app.log_activity(officer, kind="press", title="Rilis", units=["Polres OKU Timur"],
                             occurred_on=date(2023, 12, 1))  # fmt: skip
    app.correct_activity(officer, str(later.id), {"organiser": "Polsek Martapura"}, reason="salah")
    assert app.units_active_before(date(2024, 1, 1)) == ["Polsek Belitang", "Polsek Martapura"]
    # a rebuild lowers first days as activities come and asks again for changed ones
    app.read_model.rebuild()
    assert app.units_active_before(date(2023, 10, 21)) == []
    assert app.units_active_before(date(2024, 1, 1)) == ["Polsek Belitang", "Polsek Martapura"]
