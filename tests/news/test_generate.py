"""Synthetic articles for benchmarks: deterministic, varied, and read as intended."""

from collections import Counter

from adapters.news import extract, read_news
from adapters.news.generate import generate_articles


def test_same_seed_same_articles() -> None:
    assert list(generate_articles(20, seed=3)) == list(generate_articles(20, seed=3))
    assert list(generate_articles(20, seed=3)) != list(generate_articles(20, seed=4))


def test_generated_kinds_are_extracted_as_their_kind() -> None:
    seen: Counter[tuple[str, str]] = Counter()
    for name, text in generate_articles(50, seed=11):
        kind = name.split("_", 1)[1].split("-")[0]
        facts = extract(read_news(text.encode(), source=name))
        seen[(kind, facts.category)] += 1
        assert facts.occurred_on is not None
    assert all(kind == category for kind, category in seen)
    assert len(seen) == 5
