"""The hand-written corpus: every article must come out as its reviewed expected file."""

import json
from pathlib import Path

import pytest

from tests.news.corpus import ARTICLES, CORPUS, expected, extract_article

ALWAYS_COMPARED = {"category", "occurred_on", "operation", "flags"}


def test_corpus_is_large_enough() -> None:
    assert len(ARTICLES) >= 40
    assert sum(p.suffix == ".html" for p in ARTICLES) >= 3


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_article(article: Path) -> None:
    spec = expected(article)
    compared = set(spec["compare"])
    assert compared >= ALWAYS_COMPARED, f"{article.name}: must compare {ALWAYS_COMPARED}"
    # fields the extractor still gets wrong keep their correct value for the benchmark
    assert not compared & set(spec.get("known_wrong", []))
    facts = extract_article(article).as_json()
    diffs = [
        f"  {field}:\n    expected {spec['expected'][field]!r}\n    got      {facts[field]!r}"
        for field in spec["compare"]
        if facts[field] != spec["expected"][field]
    ]
    assert not diffs, f"{article.name} differs:\n" + "\n".join(diffs)


def test_read_also_lines_never_leak() -> None:
    """Headlines inserted with "Baca juga" must not reach any field."""
    leaks = {
        "038_baca-juga-aneka.txt": ["Kota Lama", "Jembatan", "Pekat", "Miras"],
        "001_ricuh-kpu-sukamaju.txt": ["Cabai", "Pasar Induk"],
        "003_latihan-dalmas-kabarlembah.txt": ["Balap", "Jalan Lingkar"],
    }
    for name, words in leaks.items():
        facts = extract_article(CORPUS / name)
        dumped = json.dumps(facts.as_json(), ensure_ascii=False) + facts.body
        for word in words:
            assert word not in dumped, f"{name}: '{word}' leaked from a read-also line"


def test_syndicated_drill_agrees_across_outlets() -> None:
    """One drill, three outlets: same day, same category, same operation."""
    items = [
        extract_article(CORPUS / n)
        for n in (
            "001_ricuh-kpu-sukamaju.txt",
            "002_simulasi-sukamaju-sumsel.txt",
            "003_latihan-dalmas-kabarlembah.txt",
        )
    ]
    assert {f.category for f in items} == {"simulation"}
    assert {f.occurred_on for f in items} == {"2023-10-24"}
    assert {f.operation["name"] for f in items if f.operation} == {"Operasi Mantap Brata 2023-2024"}
    assert len({f.outlet for f in items}) == 3
    assert len({f.content_hash for f in items}) == 3
