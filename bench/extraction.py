"""Accuracy per field over the news corpus, and parse-only throughput.

Run: ``python bench/extraction.py`` from the repository root.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.news import extract, read_news  # noqa: E402
from adapters.news.extract import JSON_KEYS  # noqa: E402

CORPUS = ROOT / "tests" / "news_corpus"
THROUGHPUT_ITEMS = 1000


def main() -> None:
    articles = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    loaded = [(p, p.read_bytes()) for p in articles]
    fields = [k for k in JSON_KEYS if k != "source"]
    hits = dict.fromkeys(fields, 0)
    counted = dict.fromkeys(fields, 0)
    for path, data in loaded:
        spec = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        facts = extract(read_news(data, source=str(path))).as_json()
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
        extract(item)
    elapsed = time.perf_counter() - started
    print(
        f"throughput: {len(repeated)} items in {elapsed:.2f} s = {len(repeated) / elapsed:.0f} articles/s"
    )


if __name__ == "__main__":
    main()
