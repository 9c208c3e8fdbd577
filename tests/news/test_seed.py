"""The seed item the project was created from (a real article, kept outside the repo)."""

import json
from pathlib import Path

import pytest

from adapters.news import extract, read_news_file
from tests.news.corpus import store_operations

SEED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
SEED = SEED_DIR / "000_6751945e6e76ea3d.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}")


@pytest.fixture(scope="module")
def facts():
    return extract(read_news_file(SEED), operations=store_operations())


def test_is_a_simulation_on_17_october(facts) -> None:
    assert facts.category == "simulation"
    assert facts.occurred_on == "2023-10-17"
    assert facts.date_precision == "day"
    assert "ternyata adalah simulasi" in facts.evidence["category"]


def test_operation_and_regional_name(facts) -> None:
    assert facts.operation == {
        "name": "Operasi Mantap Brata 2023-2024",
        "slug": "omb-2023",
        "regional_name": "Ops Mantab Brata Musi 2023-2024",
    }


def test_real_venue_and_scenario_place(facts) -> None:
    assert facts.venue == "Halaman Kantor Pemerintah Kabupaten OKU Timur"
    assert facts.scenario_setting == "Kantor KPU OKU Timur"
    steps = facts.scenario_steps
    assert steps.index("negosiasi") < steps.index("bakar ban") < steps.index("provokator ditangkap")
    assert "tim kesehatan" in steps


def test_duration_conflict_is_flagged_with_both_numbers(facts) -> None:
    [conflict] = [f for f in facts.flags if f["code"] == "duration-conflict"]
    assert conflict["values"] == {
        "stated": 222, "counted": 368, "start": "2023-10-19", "end": "2024-10-20"
    }  # fmt: skip
    assert facts.stated_days == 222
    assert [d.isoformat() for d in facts.stated_period] == ["2023-10-19", "2024-10-20"]


def test_kapolres_quote_is_attributed(facts) -> None:
    assert facts.quotes[0]["speaker"] == "AKBP Dwi Agung Setyono"
    assert facts.quotes[0]["text"].startswith("Operasi ini melibatkan seluruh stakeholder")


def test_people_and_titles(facts) -> None:
    bupati = next(p for p in facts.people if p["name"] == "Lanosin")
    assert bupati["role"] == "Bupati OKU Timur"
    assert bupati["titles"] == ["Ir.", "H.", "MT."]


def test_stakeholders(facts) -> None:
    assert {"KPU", "Bawaslu", "TNI", "Kejaksaan", "Pemerintah Daerah"} <= set(facts.stakeholders)


def test_outlet_not_taken_for_a_town(facts) -> None:
    assert facts.outlet == "BACAKORAN.CO"
    assert facts.dateline is None


def test_nothing_from_read_also_lines(facts) -> None:
    dumped = json.dumps(facts.as_json(), ensure_ascii=False) + facts.body
    for word in ("Banyuasin", "Molotov", "Penyanderaan", "KEOS", "Peluru"):
        assert word not in dumped
