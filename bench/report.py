"""Benchmark of the weekly report (issues 5 and 10). Prints figures; asserts nothing.

    python bench/report.py [--quick] [--million]

Realistic shape: one operation that every activity belongs to, 40 units, and the report
of the operation's latest week. The small store holds that week, the week before it and
10,000 older activities of the same operation; the big one the same two weeks and
100,000 older activities (``--million``: 1,000,000). Stores are written through the
application API, 1,000 activities a save. Targets: the big store's report within 1.3x
of the small store's, and under 1 s on a store of 1,000,000 events.

A report seals the store first. The first report on a store never sealed seals its whole
backlog, so it is timed on its own; the median is of the reports after it, which find
the store sealed and only read.
"""

import argparse
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core import HUMAS, OFFICER, median_seconds

from adapters.bootstrap import close_application, open_application
from adapters.store import parse_store

START = date(2023, 10, 19)
WEEK = date(2024, 9, 30)  # the operation's latest week (2024-W40)


def record(number: int, day: date) -> dict:
    return {
        "kind": ("outreach", "deployment", "coordination", "press")[number % 4],
        "title": f"Kegiatan {number}",
        "occurred_on": day,
        "operation": "omb",
        "units": [f"Polsek {number % 40}"],
        "personnel": 5 + number % 40,
        "audience_size": 20 + number % 300,
        "messages": ["pemilu damai"],
    }


def operation_store(store: str, older: int) -> None:
    app = open_application(parse_store(store))
    app.plan_operation(OFFICER, name="Operasi Mantap Brata 2023-2024", slug="omb",
                       start=START, end=date(2024, 10, 20))  # fmt: skip
    span = (WEEK - START).days - 7
    records = [record(n, WEEK - timedelta(days=7) + timedelta(days=n % 14)) for n in range(600)]
    records += [
        record(n, START + timedelta(days=(n * 7919) % span)) for n in range(600, 600 + older)
    ]
    for start in range(0, len(records), 1000):
        app.log_activities(OFFICER, records[start : start + 1000])
    close_application(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--million", action="store_true", help="the big store of 1,000,000")
    args = parser.parse_args()
    small, big = (1_000, 20_000) if args.quick else (10_000, 100_000)
    if args.million:
        big = 1_000_000
    runs = 3 if args.quick else 7
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        timings = {}
        for count in (small, big):
            store = str(folder / f"{count}.sqlite")
            operation_store(store, count)
            command = [HUMAS, "--store", store, "report", "weekly", "--week", "2024-W40",
                       "--operation", "omb", "--format", "html", "--out", str(folder / f"{count}.html")]  # fmt: skip
            first = median_seconds(command, 1)
            timings[count] = median_seconds(command, runs)
            print(f"weekly report of one operation, {count + 600:>9,} activities  {timings[count] * 1000:7.1f} ms"
                  f"   (first report, sealing the backlog: {first * 1000:7.1f} ms)")  # fmt: skip
        print(f"ratio big/small                  {timings[big] / timings[small]:7.2f}x"
              "  (targets: <= 1.3x; < 1 s on 1,000,000 events)")  # fmt: skip


if __name__ == "__main__":
    main()
