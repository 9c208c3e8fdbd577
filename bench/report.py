"""Benchmark of the weekly report (issues 5 and 10). Prints figures; asserts nothing.

    python bench/report.py [--quick] [--million]

Realistic shape: one operation that every activity belongs to, 40 units, and the report
of the operation's latest week. The small store holds that week, the week before it and
10,000 older activities of the same operation; the big one the same two weeks and
100,000 older activities. Stores are written through the application API, 1,000
activities a save. Targets: the big store's report within 1.3x of the small store's,
and under 1 s on a store of 1,000,000 events.

``--million``: the big store holds 1,000,000 events (the operation, the two weeks
logged through the application, and 999,398 older activities whose ``Logged`` events
are a real one's stored bytes with a new id, title, day, unit, kind and time each,
inserted through the store's recorder 10,000 at a time, so that their digests and read
rows go in with them as with any save). It is made once and kept in the system's
temporary folder (``humas-report-1m.sqlite``; delete it to make it again), with its
backlog sealed by a first report.

A report seals the store first. The first report on a store never sealed seals its whole
backlog, so it is timed on its own; the median is of the reports after it, which find
the store sealed and only read.
"""

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core import HUMAS, OFFICER, median_seconds
from eventsourcing.persistence import StoredEvent

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


def million_store(path: Path, events: int = 1_000_000) -> None:
    """The operation and its two latest weeks through the application, then older
    activities, each a copy of a real ``Logged`` event's stored bytes with its own id,
    title, day, unit, kind and time, inserted through the recorder (digests and read
    rows in the same transactions, as any save)."""
    app = open_application(parse_store(str(path)))
    app.plan_operation(OFFICER, name="Operasi Mantap Brata 2023-2024", slug="omb",
                       start=START, end=date(2024, 10, 20))  # fmt: skip
    records = [record(n, WEEK - timedelta(days=7) + timedelta(days=n % 14)) for n in range(600)]
    app.log_activities(OFFICER, records)
    template_day = START + timedelta(days=1)
    app.log_activities(OFFICER, [record(600, template_day)])
    template = app.recorder.select_notifications(start=602, limit=1)[0]
    state = template.state
    stamp = json.loads(state)["timestamp"]["_data_"].encode()
    day = f'"occurred_on":{{"_type_":"date_iso","_data_":"{template_day}"}}'.encode()
    kind = f'"kind":"{record(600, template_day)["kind"]}"'.encode()
    unit = b'"organiser":"Polsek 0","units":["Polsek 0"]'
    title = b'"title":"Kegiatan 600"'
    assert all(state.count(part) == 1 for part in (stamp, day, kind, unit, title))
    span = (WEEK - START).days - 7
    moment = datetime(2023, 10, 19, tzinfo=UTC)
    batch: list[StoredEvent] = []
    for number in range(601, 601 + events - 602):
        new = (
            state.replace(stamp, (moment + timedelta(seconds=number)).isoformat().encode())
            .replace(day, day.replace(str(template_day).encode(), str(START + timedelta(days=(number * 7919) % span)).encode()))
            .replace(kind, f'"kind":"{("outreach", "deployment", "coordination", "press")[number % 4]}"'.encode())
            .replace(unit, f'"organiser":"Polsek {number % 40}","units":["Polsek {number % 40}"]'.encode())
            .replace(title, f'"title":"Kegiatan {number}"'.encode())
        )  # fmt: skip
        batch.append(
            StoredEvent(UUID(int=number << 64 | 0x4000_8000_0000_0000), 1, template.topic, new)
        )
        if len(batch) == 10_000:
            app.recorder.insert_events(batch)
            batch = []
    if batch:
        app.recorder.insert_events(batch)
    close_application(app)


def million(folder: Path, runs: int) -> None:
    """The weekly report on the kept store of 1,000,000 events, beside the same report on
    a store of 10,000 activities made in this run."""
    path = Path(tempfile.gettempdir()) / "humas-report-1m.sqlite"
    if not path.exists():
        part = path.with_name("humas-report-1m-unfinished.sqlite")
        for leftover in part.parent.glob(part.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        million_store(part)
        made = time.perf_counter() - started
        seal = [HUMAS, "--store", str(part), "report", "weekly", "--week", "2024-W40",
                "--operation", "omb", "--format", "html", "--out", str(folder / "seal.html")]  # fmt: skip
        sealed = median_seconds(seal, 1)
        part.rename(path)
        print(
            f"store of 1,000,000 events made in {made:.0f} s; its first report (sealing it) {sealed:.0f} s"
        )
    small = str(folder / "small.sqlite")
    operation_store(small, 10_000)
    timings = {}
    for name, store in (("10,600 activities", small), ("1,000,000 events", str(path))):
        command = [HUMAS, "--store", store, "report", "weekly", "--week", "2024-W40",
                   "--operation", "omb", "--format", "html", "--out", str(folder / "r.html"), "--force"]  # fmt: skip
        median_seconds(command, 1)  # the small store's first report seals it
        timings[name] = median_seconds(command, runs)
        print(f"weekly report of one operation, {name:>18}  {timings[name] * 1000:7.1f} ms")
    ratio = timings["1,000,000 events"] / timings["10,600 activities"]
    print(
        f"ratio 1,000,000 events / 10,600 activities {ratio:5.2f}x  (target: < 1 s on 1,000,000 events)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--million", action="store_true", help="the big store of 1,000,000")
    args = parser.parse_args()
    small, big = (1_000, 20_000) if args.quick else (10_000, 100_000)
    runs = 3 if args.quick else 7
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if args.million:
            million(folder, runs)
            return
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
