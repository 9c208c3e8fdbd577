"""The hand-written corpus and the store's operations it is read against."""

import json
from pathlib import Path
from typing import Any

from adapters.news import KnownOperation, NewsFacts, extract, known_operations, read_news_file

CORPUS = Path(__file__).resolve().parents[1] / "news_corpus"
ARTICLES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))


def expected(article: Path) -> dict[str, Any]:
    return json.loads(article.with_name(article.stem + ".expected.json").read_text("utf-8"))


def store_operations(spec: dict[str, Any] | None = None) -> list[KnownOperation]:
    """The corpus store's operations, or the list an expected file names for itself."""
    rows = (spec or {}).get("operations")
    if rows is None:
        rows = json.loads((CORPUS / "operations.json").read_text("utf-8"))["operations"]
    return known_operations(rows)


def extract_article(article: Path) -> NewsFacts:
    return extract(read_news_file(article), operations=store_operations(expected(article)))
