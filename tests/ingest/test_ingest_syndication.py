"""Syndicated copies and the coverage commands: the same text from another outlet is a
coverage item of its own, linked to the first; the same address, or the same content
from the same outlet, is a duplicate; ``coverage show`` and ``coverage list``."""

import re
from pathlib import Path

from tests.cli import humas
from tests.ingest.support import CORPUS, ingest, json_lines

ORIGINAL = CORPUS / "075_sindikasi-asal.txt"
COPY = CORPUS / "076_sindikasi-salinan.txt"


def test_a_copy_from_another_outlet_is_its_own_item_linked_to_the_first(store: str) -> None:
    first = json_lines(ingest(store, ORIGINAL, "--json").out)[0]["ids"]
    second = json_lines(ingest(store, COPY, "--json").out)[0]["ids"]
    assert first["outcome"] == "ingested" and second["outcome"] == "linked"
    assert second["coverage_item"] != first["coverage_item"]
    assert second["record"] == first["record"]
    shown = humas(store, "coverage", "show", second["coverage_item"][:8], "--json").json()
    assert shown["syndicated_from"] == first["coverage_item"]
    activity = humas(store, "activity", "show", first["record"], "--json").json()
    assert {item["outlet"] for item in activity["coverage"]} == {
        "Suara Bukit Raya", "Berita Bhayangkara",
    }  # fmt: skip


def test_the_same_content_from_the_same_outlet_is_a_duplicate(store: str, tmp_path: Path) -> None:
    moved = tmp_path / "moved.txt"
    moved.write_text(
        ORIGINAL.read_text("utf-8").replace("/2024/02/09/simulasi-tps", "/amp/simulasi-tps"),
        "utf-8",
    )
    assert ingest(store, ORIGINAL).code == 0
    again = json_lines(ingest(store, moved, "--json").out)[0]["ids"]
    assert again["outcome"] == "duplicate"


def test_coverage_show_gives_the_cleaned_body_facts_and_evidence(store: str) -> None:
    ids = json_lines(ingest(store, CORPUS / "072_dateline-kapital-red.txt", "--json").out)[0]
    shown = humas(store, "coverage", "show", ids["ids"]["coverage_item"])
    assert shown.code == 0, shown.err
    assert re.search(r"^  outlet {2,}AMPARPOS\.COM$", shown.out, re.M)
    assert re.search(r"^  evidence {2,}occurred_on: Satbinmas Polres Batu Ampar", shown.out, re.M)
    body = shown.out.split("\n\n", 1)[1]
    assert body.startswith("Satbinmas Polres Batu Ampar") and "(Red:" not in body
    assert "body" not in ids  # ingest's own JSON keeps its keys


def test_coverage_list_filters_by_period_outlet_and_category(store: str) -> None:
    ingest(store, ORIGINAL, COPY, CORPUS / "088_demo-buruh-bukan-pemilu.txt")
    every = humas(store, "coverage", "list", "--json").json()
    assert len(every) == 3 and all("body" not in row for row in every)
    outlet = humas(store, "coverage", "list", "--outlet", "berita bhayangkara", "--json").json()
    assert [row["outlet"] for row in outlet] == ["Berita Bhayangkara"]
    incidents = humas(store, "coverage", "list", "--category", "incident", "--json").json()
    assert [row["category"] for row in incidents] == ["incident"]
    period = humas(store, "coverage", "list", "--from", "2024-01-01", "--json").json()
    assert len(period) == 2
    table = humas(store, "coverage", "list", "--to", "2023-12-31")
    assert table.code == 0 and "Buruh Unjuk Rasa" in table.out


def test_an_unknown_coverage_reference_is_one_line(store: str) -> None:
    result = humas(store, "coverage", "show", "ffffffff")
    assert result.code != 0 and result.err.count("\n") == 1 and "no coverage item" in result.err


def test_the_copy_again_from_its_outlet_at_another_address_is_a_duplicate(
    store: str, tmp_path: Path
) -> None:
    again = tmp_path / "again.txt"
    again.write_text(
        COPY.read_text("utf-8").replace("polres-bukit-raya-simulasi", "amp/bukit-raya"), "utf-8"
    )
    ingest(store, ORIGINAL, COPY)
    result = json_lines(ingest(store, again, "--json").out)[0]["ids"]
    assert result["outcome"] == "duplicate"
    assert len(humas(store, "coverage", "list", "--json").json()) == 2


def test_a_report_lists_the_syndicated_group_with_its_items_and_outlets(store: str) -> None:
    lines = json_lines(ingest(store, ORIGINAL, COPY, "--json").out)  # one batch
    assert [line["ids"]["outcome"] for line in lines] == ["ingested", "linked"]
    report = humas(
        store, "report", "period", "--from", "2024-02-05", "--to", "2024-02-11",
        "--format", "json",
    ).json()  # fmt: skip
    coverage = report["coverage"]
    assert coverage["items"] == 2 and coverage["syndicated_copies"] == 1
    [group] = coverage["syndicated_groups"]
    assert group["first_id"] == lines[0]["ids"]["coverage_item"]
    assert (group["items"], group["outlet_count"]) == (2, 2)
    assert group["outlets"] == ["Berita Bhayangkara", "Suara Bukit Raya"]
    assert group["about"] == "activity"
