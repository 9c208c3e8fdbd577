"""A report made from a store holding news coverage, incidents and reviewed records."""

import json
from datetime import date

import pytest

from domain.model.coverage import NewsItem
from domain.model.provenance import Recorder
from reports.render import render
from reports.source import build_input

ANI, CHIEF = Recorder("Bripka Ani Lestari"), Recorder("AKP Hendra Saputra")


@pytest.fixture
def app(memory_app):
    """These use cases need no database: the library's in-memory store."""
    return memory_app


def item(outlet: str, category: str, **facts) -> NewsItem:
    """A news item as the extractor hands it over (written for this test)."""
    base = {
        "source": f"{outlet}.txt", "url": f"https://{outlet}.example/b", "title": f"Berita {outlet}",
        "outlet": outlet, "published_on": "2023-10-18", "category": category,
        "occurred_on": "2023-10-17", "date_precision": "day", "operation": None,
        "venue": "Halaman Kantor Pemkab OKU Timur", "region": {"district": "OKU Timur"},
        "scenario_setting": None, "scenario_steps": [], "units": ["Polres OKU Timur"],
        "people": [], "stakeholders": [], "personnel": None, "audience_size": None,
        "messages": ["pemilu-damai"], "flags": [], "evidence": {},
        "quotes": [{"speaker": "AKBP Dwi Agung Setyono", "text": "Kami siap.", "on_behalf_of": None}],
    }  # fmt: skip
    base.update(facts)
    return NewsItem(source=base["source"], raw_text=outlet, content_hash=outlet,
                    url=base["url"], facts=base)  # fmt: skip


def figures(app, **options) -> dict:
    """A report as the report command makes it: sealing first, unless made as of a moment."""
    if "as_of" not in options:
        options["seal"] = app.seal_for_report()
    inp = build_input(app, kind="weekly", start=date(2023, 10, 16), end=date(2023, 10, 22),
                      operation_ref=None, lang="id", verified_only=False, **options)  # fmt: skip
    return json.loads(render(inp, "json"))


def test_proposed_records_count_once_a_person_accepts_them_and_coverage_counts_each_item(app):
    drill = app.ingest_news(ANI, item("kabar-timur", "simulation"))
    app.ingest_news(ANI, item("warta-oku", "simulation"))
    app.ingest_news(ANI, item("suara-musi", "simulation"))
    before = figures(app)
    assert before["totals"]["counted"] == 0
    assert before["coverage"]["items"] == 3

    app.accept(CHIEF, drill["record_id"])
    after = figures(app)
    assert after["totals"]["counted"] == 1
    assert after["coverage"]["items"] == 3
    [group] = [g for g in after["coverage"]["groups"] if g["items"] == 3]
    assert group["activity_id"] == drill["record_id"]


def test_real_incidents_are_public_order_context_and_drills_never_count_as_incidents(app):
    app.ingest_news(ANI, item("kabar-timur", "simulation"))
    riot = app.ingest_news(ANI, item("warta-oku", "incident", venue="Kantor KPU OKU Timur"))
    report = figures(app)
    assert report["incidents"]["total"] == 1
    assert report["incidents"]["list"][0]["id"] == riot["record_id"]

    app.reject(CHIEF, riot["record_id"], "bukan kejadian nyata")
    assert figures(app)["incidents"]["total"] == 0


def test_a_report_seals_the_store_and_an_unchanged_store_gives_the_same_seal(app):
    app.ingest_news(ANI, item("kabar-timur", "simulation"))
    first = figures(app)["report"]
    assert first["seal"]["hash"] and first["seal"]["position"] < first["store_position"]
    again = figures(app)["report"]
    assert (again["seal"], again["store_position"]) == (first["seal"], first["store_position"])
    app.ingest_news(ANI, item("warta-oku", "simulation"))
    assert figures(app)["report"]["seal"] != first["seal"]


def test_a_report_as_of_a_past_moment_uses_the_store_and_the_seal_of_then(app):
    from datetime import UTC, datetime

    drill = app.ingest_news(ANI, item("kabar-timur", "simulation"))
    app.accept(CHIEF, drill["record_id"])
    sent = figures(app)
    moment = datetime.now(UTC)
    app.ingest_news(ANI, item("warta-oku", "simulation"))
    app.cancel_activity(ANI, drill["record_id"], "ternyata batal")
    then = figures(app, as_of=moment)
    assert then["report"]["store_position"] == sent["report"]["store_position"]
    assert then["report"]["seal"] == sent["report"]["seal"]
    assert (then["totals"]["counted"], then["coverage"]["items"]) == (1, 1)
    assert figures(app)["totals"]["counted"] == 0
