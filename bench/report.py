"""Benchmark of the weekly report (issue 5). Prints figures; asserts nothing.

    python bench/report.py [--quick]

A weekly HTML report from a store of 100,000 activities against the same report from
a store of 10,000, where the reported week holds about as many activities in both
(the big store spans ten times as many days). Targets: under 2 s for the whole
process, and within 1.5x of the small store: the time follows the period, not the store.

A report seals the store first. The first report on a store never sealed seals its whole
backlog, so it is timed on its own; the median is of the reports after it, which find
the store sealed and only read.
"""

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core import FIRST_DAY, HUMAS, filled_store, median_seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    small, big, runs = (2_000, 20_000, 3) if args.quick else (10_000, 100_000, 7)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        timings = {}
        for count, days in ((small, 222), (big, 2220)):
            store = str(folder / f"{count}.sqlite")
            filled_store(store, count, days)
            day = FIRST_DAY + timedelta(days=100)
            command = [HUMAS, "--store", store, "report", "weekly", "--date", day.isoformat(),
                       "--format", "html", "--out", str(folder / f"{count}.html")]  # fmt: skip
            first = median_seconds(command, 1)
            timings[count] = median_seconds(command, runs)
            print(f"weekly report, store of {count:>7,}   {timings[count] * 1000:7.1f} ms"
                  f"   (first report, sealing the backlog: {first * 1000:7.1f} ms)")  # fmt: skip
        print(f"ratio big/small                  {timings[big] / timings[small]:7.2f}x"
              "  (targets: < 2 s, <= 1.5x)")  # fmt: skip


if __name__ == "__main__":
    main()
