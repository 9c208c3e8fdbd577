"""What the ingest tests share: our test articles and a few helpers.

The articles in ``articles/`` are our own, written in the style of regional news for
these tests: three outlets reporting one drill in Kabupaten Tanjung Harapan on
9 November 2023 (one of them opens like a riot and reveals the drill late), a real
clash at the KPU office of Karang Baru, the opening parade stating 368 days, and an
outreach session two months before the operation started.
"""

import json
from pathlib import Path
from typing import Any

from tests.cli import humas

ARTICLES = Path(__file__).resolve().parent / "articles"
CORPUS = Path(__file__).resolve().parents[1] / "news_corpus"

DRILL_REPORTS = [
    ARTICLES / "drill_kabar_tanjung.txt",
    ARTICLES / "drill_warta_harapan.txt",
    ARTICLES / "drill_tribrata_harapan.txt",
]
RIOT_LIKE_DRILL = ARTICLES / "drill_warta_harapan.txt"
REAL_CLASH = ARTICLES / "incident_ricuh_karang_baru.txt"
OPENING_368_DAYS = ARTICLES / "launch_368_hari.txt"
BEFORE_THE_OPERATION = ARTICLES / "outreach_sebelum_operasi.txt"
UNRELATED = CORPUS / "008_kapolres-cup.txt"

# The keys of one item in ``humas ingest news --json``, in this order (issue 3).
ITEM_KEYS = [
    "source", "url", "title", "outlet", "published_on", "category", "occurred_on",
    "date_precision", "operation", "venue", "region", "scenario_setting", "scenario_steps",
    "units", "people", "stakeholders", "personnel", "audience_size", "messages", "quotes",
    "flags", "evidence",
]  # fmt: skip


def plan_operation(store: str, days: int = 222) -> None:
    result = humas(store, "operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
                   "--start", "2023-10-19", "--end", "2024-10-20", "--days", str(days))  # fmt: skip
    assert result.code == 0, result.err


def ingest(store: str, *args: str | Path, **options: Any) -> Any:
    return humas(store, "ingest", "news", *map(str, args), **options)


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def events_in(store: str) -> int:
    return humas(store, "store", "info", "--json").json()["events"]
