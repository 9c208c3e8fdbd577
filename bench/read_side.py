"""Benchmark of the read side (issue 10). Prints figures; asserts nothing.

    python bench/read_side.py [--quick] [--older N]

Realistic shape: one operation that every activity belongs to, 40 units, the latest
week of a long operation. Two SQLite stores are built through the real import path
(``humas ingest field-report`` of CSV sheets, 10,000 rows a sheet): a small one (the
reported week, the week before it, 1,000 older activities) and a big one (the same
two weeks and N older activities, default 100,000). Each figure is printed beside its
baseline from the same run:

1. the weekly report and ``activity list --operation X --from --to``, big store
   against small store (target <= 1.3x);
2. ``--read-only`` list against the normal list on the big store (target <= 1.5x);
3. ``humas store rebuild`` against plain Python reading and JSON-decoding the same
   stored events with ``sqlite3`` (target >= 40%).
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HUMAS = str(Path(sys.executable).with_name("humas"))
OPERATION_START = date(2023, 10, 19)
WEEK = date(2024, 9, 30)  # 2024-W40, the latest week of the operation's history
PREVIOUS = WEEK - timedelta(days=7)
HEADER = (
    "report_id,reporter.name,reporter.rank,unit,kind,title,date,operation,personnel,"
    "audience_size,messages,stakeholders"
)
KINDS = ("outreach", "deployment", "coordination", "outreach", "press")


def sheet_row(prefix: str, number: int, day: date) -> str:
    kind = KINDS[number % len(KINDS)]
    return (
        f"{prefix}-{number},Rudi Hartono,Aipda,Polsek {number % 40},{kind},"
        f"Laporan {prefix} {number},{day.isoformat()},omb,{3 + number % 30},"
        f"{10 + number % 250},kamtibmas kondusif;tolak hoaks,Bawaslu;Pemda"
    )


def run(store: str, *args: str, timeout: float = 3600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUMAS_STORE": store, "HUMAS_ACTOR": "AKP Hendra Saputra"}
    return subprocess.run(
        [HUMAS, *args], capture_output=True, text=True, env=env, timeout=timeout, check=True
    )


def build(folder: Path, name: str, older: int) -> str:
    """A store holding the reported week, the week before it and ``older`` activities
    spread over the operation's earlier days, imported 10,000 rows a sheet."""
    store = str(folder / f"{name}.sqlite")
    run(store, "operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
        "--start", "19/10/2023", "--end", "20/10/2024")  # fmt: skip
    rows = [sheet_row("W", n, WEEK + timedelta(days=n % 7)) for n in range(300)]
    rows += [sheet_row("P", n, PREVIOUS + timedelta(days=n % 7)) for n in range(300)]
    span = (PREVIOUS - OPERATION_START).days - 1
    sheets = [rows]
    for start in range(0, older, 10_000):
        sheets.append([
            sheet_row("H", n, OPERATION_START + timedelta(days=(n * 7919) % span))
            for n in range(start, min(start + 10_000, older))
        ])  # fmt: skip
    for number, sheet in enumerate(sheets):
        path = folder / f"{name}-{number}.csv"
        path.write_text(HEADER + "\n" + "\n".join(sheet) + "\n", encoding="utf-8")
        run(store, "ingest", "field-report", str(path))
    return store


def median_seconds(store: str, *args: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run(store, *args)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="10,000 older activities")
    parser.add_argument("--older", type=int, default=100_000)
    args = parser.parse_args()
    older = 10_000 if args.quick else args.older
    runs = 5
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        started = time.perf_counter()
        small = build(folder, "small", 1_000)
        big = build(folder, "big", older)
        print(
            f"stores built through `humas ingest field-report` in {time.perf_counter() - started:.0f} s"
        )

        report = ("report", "weekly", "--week", "2024-W40", "--operation", "omb", "--format", "html",
                  "--out", str(folder / "report.html"))  # fmt: skip
        listing = ("activity", "list", "--operation", "omb", "--from", WEEK.isoformat(),
                   "--to", (WEEK + timedelta(days=6)).isoformat(), "--json")  # fmt: skip
        for store in (small, big):
            run(store, *report)  # the first report seals the store's backlog
        report_small = median_seconds(small, *report, runs=runs)
        report_big = median_seconds(big, *report, runs=runs)
        list_small = median_seconds(small, *listing, runs=runs)
        list_big = median_seconds(big, *listing, runs=runs)
        read_only = median_seconds(big, "--read-only", *listing, runs=runs)
        shown = len(json.loads(run(big, *listing).stdout))
        print(f"weekly report, small store (1,600 activities)    {report_small * 1000:7.1f} ms")
        print(f"weekly report, big store ({older + 600:,} activities) {report_big * 1000:7.1f} ms"
              f"  {report_big / report_small:4.2f}x the small store (target <= 1.3x)")  # fmt: skip
        print(f"list of the week ({shown} rows), small store       {list_small * 1000:7.1f} ms")
        print(f"list of the week, big store                      {list_big * 1000:7.1f} ms"
              f"  {list_big / list_small:4.2f}x the small store (target <= 1.3x)")  # fmt: skip
        print(f"--read-only list of the week, big store          {read_only * 1000:7.1f} ms"
              f"  {read_only / list_big:4.2f}x the normal list (target <= 1.5x)")  # fmt: skip

        database = sqlite3.connect(big)
        started = time.perf_counter()
        events = 0
        for (state,) in database.execute("SELECT state FROM stored_events"):
            json.loads(state)
            events += 1
        raw = events / (time.perf_counter() - started)
        database.close()
        started = time.perf_counter()
        run(big, "store", "rebuild")
        rebuild = events / (time.perf_counter() - started)
        print(f"plain read + JSON decode of {events:,} events     {raw:9,.0f} events/s")
        print(f"humas store rebuild (new process)                {rebuild:9,.0f} events/s"
              f"  {rebuild / raw:4.0%} of plain read + decode (target >= 40%)")  # fmt: skip


if __name__ == "__main__":
    main()
