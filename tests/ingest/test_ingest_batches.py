"""Items are saved many to a transaction: within a batch an item sees the earlier ones as
if they were stored, an item the rules refuse leaves nothing of itself, and a save that
loses a race is done again item by item."""

from datetime import date
from functools import partial
from pathlib import Path
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError

from adapters.news import intake
from adapters.news.ingest import read_source
from adapters.news.intake import ingest_news_items
from domain.model.provenance import Recorder
from domain.usecases.news_pending import PendingIntake
from tests.cli import humas
from tests.ingest.support import DRILL_REPORTS, ingest, json_lines

OFFICER = Recorder("Bripka Ani Lestari")


def _with_long_title(tmp_path: Path) -> Path:
    """A drill report whose title breaks the rule for titles (at most 300 characters):
    refused when it is the first report of the drill (a later one only links)."""
    text = DRILL_REPORTS[0].read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("Title:"))
    url = next(line for line in text.splitlines() if line.startswith("URL:"))
    bad = tmp_path / "judul-panjang.txt"
    bad.write_text(
        text.replace(title, "Title: " + "Simulasi Sispamkota Polres " * 15).replace(
            url, "URL: https://kabartanjung.com/peristiwa/judul-panjang"
        ),
        "utf-8",
    )
    return bad


def test_one_run_links_the_reports_of_one_drill_and_finds_its_own_repeats(
    store: str, tmp_path: Path
) -> None:
    again = tmp_path / "salinan.txt"
    again.write_bytes(DRILL_REPORTS[0].read_bytes())
    lines = json_lines(ingest(store, *DRILL_REPORTS, again, "--json").out)
    outcomes = [line["ids"]["outcome"] for line in lines]
    assert outcomes == ["ingested", "linked", "linked", "duplicate"]
    records = {line["ids"]["record"] for line in lines}
    assert len(records) == 1
    assert lines[3]["ids"]["coverage_item"] == lines[0]["ids"]["coverage_item"]
    activity = humas(store, "activity", "show", records.pop(), "--json").json()
    assert len(activity["coverage"]) == 3


def test_an_item_the_rules_refuse_leaves_nothing_and_its_batch_goes_in(
    store: str, tmp_path: Path
) -> None:
    bad = _with_long_title(tmp_path)
    result = ingest(store, bad, DRILL_REPORTS[1], DRILL_REPORTS[2], "--json")
    assert result.code == 2
    assert f"humas: error: {bad}: title: " in result.err
    assert [line["ids"]["outcome"] for line in json_lines(result.out)] == ["ingested", "linked"]
    listed = humas(store, "coverage", "list", "--json").json()
    assert sorted(item["source"] for item in listed) == sorted(map(str, DRILL_REPORTS[1:]))


def test_batch_boundaries_change_no_outcome(
    memory_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = tmp_path / "salinan.txt"
    again.write_bytes(DRILL_REPORTS[2].read_bytes())
    sources = [str(_with_long_title(tmp_path)), *map(str, DRILL_REPORTS), str(again)]
    readers = [(source, partial(read_source, source)) for source in sources]
    monkeypatch.setattr(intake, "BATCH_ITEMS", 2)
    done = list(ingest_news_items(memory_app, OFFICER, readers))
    assert [d.outcome["outcome"] if d.outcome else "refused" for d in done] == [
        "refused", "ingested", "linked", "linked", "duplicate",
    ]  # fmt: skip
    assert len({d.outcome["record_id"] for d in done if d.outcome}) == 1


def test_a_save_that_loses_a_race_is_done_again_item_by_item(
    memory_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers = [(str(path), partial(read_source, str(path))) for path in DRILL_REPORTS]
    save, calls = memory_app.save, []

    def first_save_loses(*aggregates):  # another process saved one of these first
        calls.append(len(aggregates))
        if len(calls) == 1:
            raise IntegrityError("stored meanwhile")
        return save(*aggregates)

    monkeypatch.setattr(memory_app, "save", first_save_loses)
    done = list(ingest_news_items(memory_app, OFFICER, readers))
    assert [d.outcome["outcome"] for d in done] == ["ingested", "linked", "linked"]
    assert calls[0] > 3 and len(calls) == 4  # the batch, then one save per item
    assert len(memory_app.list_coverage(date(2023, 11, 1), date(2023, 11, 30))) == 3


def test_an_item_taken_back_restores_a_record_an_earlier_item_changed(memory_app) -> None:
    activity = memory_app.log_activity(
        OFFICER, kind="outreach", title="Sosialisasi pemilu damai", occurred_on=date(2023, 11, 9)
    )
    pending = PendingIntake(memory_app.repository)
    first, second = uuid4(), uuid4()
    pending.begin()
    pending.get(activity.id).link_coverage(first)
    pending.begin()
    pending.get(activity.id).link_coverage(second)
    pending.take_back()
    memory_app.save(*pending.aggregates.values())
    stored = memory_app.repository.get(activity.id)
    assert stored.coverage_ids == [str(first)]
