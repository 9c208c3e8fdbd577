"""Steps of news.feature, on both stores (see the root conftest.py).

The officer uses the ``humas ingest news`` command itself; the outcome is read through
the application, as a supervisor's screen would. The articles are our own test
articles in ``tests/ingest/articles``."""

import re
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from adapters.dates import parse_date
from domain.model.provenance import Recorder
from domain.ports import ActivityFilter
from tests.cli import humas
from tests.ingest.support import ARTICLES

pytestmark = pytest.mark.usefixtures("store_url", "app")

scenarios("news.feature")

# Each outlet's report of the Sispamkota drill of Polres Tanjung Harapan, 9 November 2023.
DRILL_REPORT_OF = {
    "Kabar Tanjung": ARTICLES / "drill_kabar_tanjung.txt",
    "Warta Harapan": ARTICLES / "drill_warta_harapan.txt",  # opens like a riot at the KPU
    "Tribratanews": ARTICLES / "drill_tribrata_harapan.txt",
}


@pytest.fixture
def story() -> dict[str, Any]:
    """What a scenario remembers between its steps."""
    return {}


@given(parsers.parse('officer "{name}" tracks "{operation}" as "{slug}" stated as {days:d} days'))
def tracks(app, story, name, operation, slug, days):
    story["officer"] = name
    app.plan_operation(Recorder(name), name=operation, slug=slug, start=parse_date("19/10/2023"),
                       end=parse_date("20/10/2024"), stated_days=days)  # fmt: skip


@given(parsers.parse("she ingested the drill reports of {outlets}"))
@when(parsers.parse("she ingests the drill reports of {outlets}"))
def ingests(app, story, store_url, outlets):
    story["outlets"] = re.findall(r'"([^"]+)"', outlets)
    files: list[Path] = [DRILL_REPORT_OF[outlet] for outlet in story["outlets"]]
    story["events_before"] = app.store_info()["events"]
    story["result"] = humas(store_url, "ingest", "news", *map(str, files), actor=story["officer"])
    assert story["result"].code == 0, story["result"].err


@then(parsers.parse('one {kind} on "{day}" awaits review as proposed'))
def one_proposed(app, story, kind, day):
    [activity] = app.list_activities(ActivityFilter(status="proposed"))
    assert (activity["kind"], activity["occurred_on"]) == (kind, parse_date(day).isoformat())
    story["activity"] = activity


@then(parsers.parse("it has {count:d} coverage items, one from each outlet"))
def coverage_items(app, story, count):
    items = app.coverage_of(story["activity"]["id"])
    assert len(items) == count
    outlets = " | ".join(item["outlet"] for item in items)
    assert all(outlet in outlets for outlet in story["outlets"])


@then("no incident is recorded")
def no_incident(app):
    assert app.list_incidents() == []


@then(parsers.parse('the evidence for its category says "{words}"'))
def evidence_says(story, words):
    assert words in story["activity"]["evidence"]["category"]


@then("she is told it is a duplicate")
def told_duplicate(story):
    *items, last = story["result"].out.strip().splitlines()
    assert "duplicate of coverage item" in items[0]
    assert last == "ingested 0, linked 0, duplicates 1, failed 0"


@then("the store holds no new event")
def no_new_event(app, story):
    assert app.store_info()["events"] == story["events_before"]
