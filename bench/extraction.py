"""Accuracy per field over the news corpus, parse-only throughput, and reading speed on
long pages.

Run: ``python bench/extraction.py`` from the repository root. Prints; asserts nothing.

1. accuracy: each corpus article against its expected file, read with the corpus
   store's operations (``tests/news_corpus/operations.json``);
2. throughput: 1,000 corpus articles read and extracted, as articles/s;
3. reading speed: one long page (the corpus articles run together without the lines that
   close a page, comments and copyright, which would end it early; 2 MB) read and
   extracted, as MB/s, beside a baseline measured in the same run on the same text (one
   pass of a plain word regex, ``\\w+``), so a loaded machine moves both.

``--against TREE`` also reads the same long page and the same 1,000 articles with the
sources of another checkout (``git archive COMMIT | tar -x -C TREE``), in a child
process of the same run, and prints this one's speed as a ratio of that one's.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.news import extract, known_operations, read_news  # noqa: E402
from adapters.news.clean import closes_page  # noqa: E402
from adapters.news.extract import JSON_KEYS  # noqa: E402

CORPUS = ROOT / "tests" / "news_corpus"
THROUGHPUT_ITEMS = 1000
LONG_PAGE_BYTES = 2_000_000


# Run in a child with another checkout's sources first on the path: the same work, timed.
OTHER_TREE = """
import json, pickle, sys, time
sys.path.insert(0, sys.argv[1])
from adapters.news import extract, known_operations, read_news
store, page, texts = pickle.load(open(sys.argv[2], "rb"))
operations = known_operations(store)
items = [read_news(data, source=name) for name, data in texts]
started = time.perf_counter()
for item in items:
    extract(item, operations=operations)
articles = time.perf_counter() - started
long_item = read_news(page.encode(), source="long-page.txt")
started = time.perf_counter()
extract(long_item, operations=operations)
print(json.dumps([articles, time.perf_counter() - started]))
"""


def other_tree(tree: str, store: list, page: str, texts: list) -> tuple[float, float]:
    """Seconds the other checkout takes for the articles and for the long page."""
    import pickle

    with tempfile.NamedTemporaryFile(suffix=".pickle") as work:
        pickle.dump((store, page, texts), work)
        work.flush()
        env = {**os.environ, "PYTHONPATH": tree}
        out = subprocess.run(
            [sys.executable, "-c", OTHER_TREE, tree, work.name],
            env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    articles, long_page = json.loads(out)
    return articles, long_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="TREE", help="another checkout's sources")
    options = parser.parse_args()
    articles = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    store = json.loads((CORPUS / "operations.json").read_text("utf-8"))["operations"]
    operations = known_operations(store)
    loaded = [(p, p.read_bytes()) for p in articles]
    fields = [k for k in JSON_KEYS if k != "source"]
    hits = dict.fromkeys(fields, 0)
    counted = dict.fromkeys(fields, 0)
    for path, data in loaded:
        spec = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        own = spec.get("operations")
        facts = extract(
            read_news(data, source=str(path)),
            operations=known_operations(own) if own is not None else operations,
        ).as_json()
        # every expected field counts here, also those a test leaves out as known wrong
        for field in spec["expected"]:
            counted[field] += 1
            hits[field] += facts[field] == spec["expected"][field]
    print(f"accuracy over {len(articles)} corpus articles (share matching the expected file)")
    for field in fields:
        if counted[field]:
            print(
                f"  {field:<18} {hits[field] / counted[field]:6.1%}  ({hits[field]}/{counted[field]})"
            )

    # parse-only: text items only, so the number measures the extractor, not trafilatura
    texts = [(p, d) for p, d in loaded if p.suffix == ".txt"]
    items = [read_news(d, source=str(p)) for p, d in texts]
    repeated = (items * (THROUGHPUT_ITEMS // len(items) + 1))[:THROUGHPUT_ITEMS]
    started = time.perf_counter()
    for item in repeated:
        extract(item, operations=operations)
    elapsed = throughput = time.perf_counter() - started
    print(
        f"throughput: {len(repeated)} items in {elapsed:.2f} s = {len(repeated) / elapsed:.0f} articles/s"
    )

    # a long page: reading must stay linear
    # without the lines that close a page (comments, copyright): the page must be read
    # to its end for the number to mean anything
    bodies = "\n".join(
        line for item in items for line in item.text.split("\n") if not closes_page(line)
    )
    page = (bodies * (LONG_PAGE_BYTES // len(bodies.encode()) + 1))[:LONG_PAGE_BYTES]
    size = len(page.encode()) / 1e6
    long_item = read_news(page.encode(), source="long-page.txt")
    started = time.perf_counter()
    sum(1 for _ in re.finditer(r"\w+", page))
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    extract(long_item, operations=operations)
    elapsed = time.perf_counter() - started
    print(
        f"long page: {size:.1f} MB read and extracted in {elapsed:.2f} s = {size / elapsed:.2f} MB/s "
        f"(target >= 1 MB/s); baseline word scan {size / baseline:.1f} MB/s, "
        f"{elapsed / baseline:.1f}x its time"
    )
    if options.against:
        texts_by_name = [(str(p), d) for p, d in texts]
        repeated_texts = (texts_by_name * (THROUGHPUT_ITEMS // len(texts) + 1))[:THROUGHPUT_ITEMS]
        other_articles, other_page = other_tree(options.against, store, page, repeated_texts)
        print(
            f"the other checkout, same run: {len(repeated) / other_articles:.0f} articles/s, "
            f"long page {size / other_page:.2f} MB/s; this one {other_articles / throughput:.2f}x "
            f"and {other_page / elapsed:.2f}x its speed"
        )


if __name__ == "__main__":
    main()
