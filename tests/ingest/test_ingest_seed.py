"""The seed item (a real article kept outside the repository) through ``humas ingest news``.

Extraction of the seed is checked field by field in ``tests/news/test_seed.py``; here it
goes into a store with the operation planned as the Polres stated it (222 days).
"""

from pathlib import Path

from tests.cli import humas
from tests.ingest.support import ingest, json_lines


def test_the_seed_becomes_a_proposed_drill_with_its_conflict_flagged(
    store: str, shared_seed: Path
) -> None:
    result = ingest(store, shared_seed, "--json")
    assert result.code == 0, result.err
    [item] = json_lines(result.out)
    assert (item["category"], item["occurred_on"]) == ("simulation", "2023-10-17")
    assert item["operation"]["name"] == "Operasi Mantap Brata 2023-2024"
    assert item["quotes"][0]["speaker"] == "AKBP Dwi Agung Setyono"
    [duration] = [flag for flag in item["flags"] if flag["code"] == "duration-conflict"]
    assert (duration["values"]["stated"], duration["values"]["counted"]) == (222, 368)
    # the store holds 222 days too: no store conflict, only the article's own
    assert not [flag for flag in item["flags"] if flag["code"] == "store-conflict"]
    assert item["ids"]["record_type"] == "Activity"
    assert humas(store, "store", "info", "--json").json()["incidents"] == 0

    drill = humas(store, "activity", "show", item["ids"]["record"], "--json").json()
    assert (drill["kind"], drill["review"]) == ("simulation", "proposed")
    # the seed has no headline: the drill is named by its facts, not by the file's path
    assert (
        drill["title"]
        == "Simulasi Polres OKU Timur di Halaman Kantor Pemerintah Kabupaten OKU Timur"
    )
    assert drill["place"]["venue"] == "Halaman Kantor Pemerintah Kabupaten OKU Timur"
    assert drill["scenario_setting"] == "Kantor KPU OKU Timur"
    assert {"KPU", "Bawaslu", "TNI", "Kejaksaan"} <= set(drill["stakeholders"])
    assert len(drill["coverage"]) == 1


def test_the_seed_again_is_a_duplicate(store: str, shared_seed: Path) -> None:
    ingest(store, shared_seed)
    again = ingest(store, shared_seed)
    assert again.out.strip().splitlines()[-1] == "ingested 0, linked 0, duplicates 1, failed 0"
