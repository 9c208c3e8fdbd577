"""The hand-written corpus: every article must come out as its reviewed expected file."""

import json
from pathlib import Path

import pytest

from tests.news.corpus import ARTICLES, CORPUS, expected, extract_article

ALWAYS_COMPARED = {"category", "occurred_on", "operation", "flags"}


def test_corpus_is_large_enough() -> None:
    assert len(ARTICLES) >= 80
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
        "093_ricuh-panjang-terungkap.txt": ["Karet", "Amblas", "Lintas Tengah"],
        "099_kapolres-cup-ricuh.txt": ["Pengedar", "Terminal"],
        "102_sosialisasi-rentang-sd.txt": ["Pasar Malam", "Pemuda Bentrok"],
        "103_edukasi-bulan-singkat-id.txt": ["Beras", "Natal"],
        "116_seed-bentuk-singgalang.txt": ["Cabai", "Pasar Ranah", "BACA"],
        "123_tanpa-judul-menu-situs.txt": ["Imsakiyah", "Karet", "Cup", "Facebook", "©"],
        "136_keterangan-foto-dan-komentar.txt": ["Knalpot", "Terbakar", "Budi", "Balas"],
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


def test_a_syndicated_copy_reads_like_its_original() -> None:
    """The same text from another outlet: the same facts, its own outlet and address."""
    first = extract_article(CORPUS / "075_sindikasi-asal.txt").as_json()
    copy = extract_article(CORPUS / "076_sindikasi-salinan.txt").as_json()
    differ = {key for key in first if first[key] != copy[key]}
    assert differ == {"source", "url", "outlet"}


def test_a_syndicated_copy_with_its_own_head_reads_like_its_original() -> None:
    """A release run by another outlet under its own headline, dateline and credits."""
    first = extract_article(CORPUS / "120_pergeseran-samapta-lantas.txt").as_json()
    copy = extract_article(CORPUS / "134_sindikasi-pergeseran.txt").as_json()
    differ = {key for key in first if first[key] != copy[key]}
    assert differ == {"source", "title", "outlet", "published_on"}


def test_an_operation_is_tracked_only_when_the_store_holds_it() -> None:
    """The same kind of parade: Ketupat is unrelated while the store does not hold it, and
    its launch once the store does (058 names its store in its expected file)."""
    untracked = extract_article(CORPUS / "005_apel-ketupat-sukamaju.txt")
    tracked = extract_article(CORPUS / "058_apel-ketupat-tersimpan.txt")
    assert (untracked.category, untracked.operation) == ("unrelated", None)
    assert tracked.category == "operation_launch"
    assert tracked.operation and tracked.operation["slug"] == "ketupat-musi-2024"


def test_every_proposed_fact_has_its_sentence() -> None:
    for article in ARTICLES:
        facts = extract_article(article)
        cited = facts.evidence
        for field in ("operation", "venue", "units", "personnel", "people", "quotes"):
            if getattr(facts, field):
                assert cited.get(field), f"{article.name}: no evidence for {field}"
                assert cited[field] in facts.body or cited[field] == facts.title
