"""Benchmarks of ``humas ingest news`` (issue 3). Prints figures; asserts nothing.

    python bench/ingest.py [--quick]

1. parse only: read + clean + extract 1,000 generated articles from files, nothing stored;
2. end to end: ``humas ingest news DIR`` on the same 1,000 files into a new SQLite store
   (the installed command in a subprocess: start-up, reading, extraction, duplicate
   check, linking, saving, read model), as articles/s and as a share of the parse-only
   rate measured in the same run (target at least 300 articles/s);
3. peak memory: ``humas ingest news DIR`` on 10,000 generated articles, measured as the
   child's ``ru_maxrss`` (target under 300 MB: items are streamed, not loaded first).

``--quick`` uses 200 and 2,000 articles. ``--against TREE`` also runs step 2 with the
sources of another checkout (``git archive COMMIT | tar -x -C TREE``) in the same run,
alternating with this one, and prints this one's rate as a ratio of that one's. Each
end-to-end rate is also given per CPU second of the child (user + system), which a
loaded machine moves less than the wall clock.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.news.generate import generate_articles  # noqa: E402
from adapters.news.ingest import news_item, news_sources, read_source  # noqa: E402
from adapters.news.operations import KnownOperation  # noqa: E402

HUMAS = str(Path(sys.executable).with_name("humas"))
OPERATION = [
    "operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
    "--start", "2023-10-19", "--end", "2024-10-20", "--days", "222",
]  # fmt: skip


def write_articles(folder: Path, count: int, seed: int) -> Path:
    folder.mkdir(parents=True)
    for name, text in generate_articles(count, seed):
        # a few sub-folders, as an officer's archive by month would be
        (folder / name.rsplit("-", 1)[1].removesuffix(".txt")).mkdir(exist_ok=True)
        (folder / name.rsplit("-", 1)[1].removesuffix(".txt") / name).write_text(text, "utf-8")
    return folder


# the store's operation as the command passes it to the extractor
STORED = [KnownOperation("Operasi Mantap Brata 2023-2024", "omb", date(2023, 10, 19),
                         date(2024, 10, 20))]  # fmt: skip


def parse_only(folder: Path) -> tuple[int, float]:
    started = time.perf_counter()
    count = 0
    for source in news_sources([str(folder)]):
        news_item(read_source(source), STORED)
        count += 1
    return count, time.perf_counter() - started


def humas(store: Path, *args: str, tree: str | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HUMAS_ACTOR": "bench"}
    if tree:  # another checkout's sources come before the installed ones
        env["PYTHONPATH"] = tree
    return subprocess.Popen(
        [HUMAS, "--store", str(store), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def run(store: Path, *args: str, tree: str | None = None) -> tuple[float, int, float]:
    """Run ``humas`` to the end: (seconds, peak resident memory of that child in bytes,
    its CPU seconds)."""
    started = time.perf_counter()
    child = humas(store, *args, tree=tree)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode:
        raise SystemExit(f"humas {' '.join(args)} failed ({child.returncode}): {errors}")
    scale = 1 if sys.platform == "darwin" else 1024  # Linux reports KiB, macOS bytes
    return elapsed, usage.ru_maxrss * scale, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 articles")
    parser.add_argument("--against", metavar="TREE", help="another checkout's sources")
    parser.add_argument("--rounds", type=int, default=1, help="end-to-end runs of each")
    options = parser.parse_args()
    small, large = (200, 2_000) if options.quick else (1_000, 10_000)
    with tempfile.TemporaryDirectory(prefix="humas-bench-ingest-") as tmp:
        folder = Path(tmp)
        articles = write_articles(folder / "articles", small, seed=3)

        count, parse_seconds = parse_only(articles)
        parse_rate = count / parse_seconds
        print(f"parse only, {count:,} generated articles     {parse_rate:8.0f} articles/s")

        trees = [None, options.against] if options.against else [None]
        best: dict[str | None, tuple[float, float]] = {}
        for round_ in range(options.rounds):
            for tree in trees if round_ % 2 == 0 else trees[::-1]:
                store = folder / f"ingest-{round_}-{'other' if tree else 'this'}.sqlite"
                run(store, *OPERATION, tree=tree)
                seconds, _, cpu = run(store, "ingest", "news", str(articles), tree=tree)
                wall, cpu_best = best.get(tree, (float("inf"), float("inf")))
                best[tree] = (min(wall, seconds), min(cpu_best, cpu))
                if tree is None:
                    ours = store
        seconds, cpu = best[None]
        rate = count / seconds
        print(
            f"humas ingest news, {count:,} articles, SQLite {rate:8.0f} articles/s  "
            f"{rate / parse_rate:5.2f}x parse only  (target >= 300/s); "
            f"{count / cpu:.0f} per CPU second"
        )
        if options.against:
            other_seconds, other_cpu = best[options.against]
            print(
                f"  the other checkout, same files, same run {count / other_seconds:8.0f} articles/s, "
                f"{count / other_cpu:.0f} per CPU second; this one {other_seconds / seconds:.2f}x "
                f"its rate ({other_cpu / cpu:.2f}x per CPU second)"
            )
        again, _, _ = run(ours, "ingest", "news", str(articles))
        print(f"the same again (all duplicates)          {count / again:8.0f} articles/s")

        many = write_articles(folder / "many", large, seed=4)
        big_store = folder / "memory.sqlite"
        run(big_store, *OPERATION)
        seconds, peak, _ = run(big_store, "ingest", "news", str(many))
        print(
            f"humas ingest news, {large:,} articles        {large / seconds:8.0f} articles/s  "
            f"peak memory {peak / 2**20:6.1f} MB  (target < 300 MB)"
        )


if __name__ == "__main__":
    main()
