"""Benchmarks of the audit (issue 6). Prints figures; asserts nothing.

    python bench/audit.py [--quick] [--keep DIR] [--verify-only]
    python bench/audit.py --postgres postgresql://postgres@127.0.0.1:5432/test [--postgres-events N]

On SQLite stores of 1,000,000 events (100,000 with ``--quick``), each command run as
``humas`` in its own process:
1. ``audit seal`` of the whole store, then ``audit verify`` (target at least 100,000
   events/s, and at most 3x the baseline's time), each round right after its baseline,
   measured in the same run: plain SHA-256 over the same stored bytes, read with the
   sqlite3 module. Two stores: one as users' stores are, its read model built (one
   operation, 40 units, the latest week of a long operation: bench/report.py's
   ``million_store``), where verify also projects every event again and compares every
   read-model row; and one without a read model (seals and digests only). Beside the
   wall-clock rates, the CPU time of verify (its worker processes included) against
   the baseline's;
   ``--postgres``: only that verify, on a PostgreSQL store made the same way (200,000
   events by default) in a schema of its own, against the same baseline read with
   psycopg;
2. ``audit export`` (events/s, and the peak memory of the process against the same export
   of a store ten times smaller: flat memory means a ratio near 1);
3. ``audit log --json --last 1000`` (target under 1 s), against ``python -c pass``.

The store is made fast: one activity's real ``Logged`` and ``Corrected`` events are
recorded once through the application, and their stored bytes, with a new id, title and
time for each activity, are inserted through the recorder 10,000 at a time.
"""

import argparse
import hashlib
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventsourcing.persistence import StoredEvent
from report import million_store

from adapters.bootstrap import open_application
from adapters.store import parse_store
from domain.model.provenance import Recorder
from domain.model.seal import MAX_SEAL_RECORDS

HUMAS = str(Path(sys.executable).with_name("humas"))
OFFICER = Recorder(actor="Bripka Ani Lestari")
SUPERVISOR = "AKP Hendra Saputra"
BATCH = 10_000

# Runs a command and prints its peak memory (KiB) on stderr's last line, so that one
# measurement's peak is not mixed with another's.
MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""


def templates(folder: Path) -> tuple[StoredEvent, StoredEvent]:
    """The stored form of a real activity's first two events."""
    app = open_application(parse_store(str(folder / "template.sqlite")))
    logged = app.log_activity(OFFICER, kind="outreach", title="TITLE-PLACEHOLDER",
                              occurred_on=date(2023, 10, 20), units=["Polsek Belitang"],
                              audience_size=45, messages=["pemilu-damai"])  # fmt: skip
    app.correct_activity(OFFICER, str(logged.id), {"audience_size": 60}, "angka dari Kapolsek")
    first, second = app.recorder.select_notifications(start=None, limit=2)
    app.close()
    return first, second


def filled_store(path: Path, events: int, folder: Path) -> None:
    """A store of ``events`` events, its read model not built (``store rebuild`` builds it):
    ``audit verify`` then checks the seals and digests only."""
    logged, corrected = templates(folder)
    stamp_of = {}
    for stored in (logged, corrected):
        stamp_of[stored.topic] = json.loads(stored.state)["timestamp"]["_data_"].encode()
    app = open_application(parse_store(str(path)))
    app.recorder.projection = None  # the rows are not written with the events
    start = datetime(2023, 10, 19, tzinfo=UTC)
    batch: list[StoredEvent] = []
    for number in range(events // 2):
        stream = UUID(int=(number + 1) << 64 | 0x4000_8000_0000_0000)
        title = f"Jumat Curhat nomor {number}".encode()
        for offset, stored in enumerate((logged, corrected)):
            moment = (start + timedelta(seconds=2 * number + offset)).isoformat().encode()
            state = stored.state.replace(stamp_of[stored.topic], moment)
            state = state.replace(b"TITLE-PLACEHOLDER", title)
            batch.append(StoredEvent(stream, offset + 1, stored.topic, state))
        if len(batch) >= BATCH:
            app.recorder.insert_events(batch)
            batch = []
    if batch:
        app.recorder.insert_events(batch)
    app.close()


def run(*args: str) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of one process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *args], check=True,
                          capture_output=True, text=True)  # fmt: skip
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stderr.strip().splitlines()[-1])


def baseline(path: Path) -> tuple[float, float]:
    """The baseline's rate (events/s, wall clock) and its CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    connection = sqlite3.connect(path)
    count = 0
    for (state,) in connection.execute("SELECT state FROM stored_events ORDER BY rowid"):
        hashlib.sha256(state).digest()
        count += 1
    connection.close()
    return count / (time.perf_counter() - started), time.process_time() - cpu


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def postgres_baseline(server: str, schema: str) -> tuple[float, float]:
    """The same floor on PostgreSQL: every stored state read with psycopg (in binary, as
    verify reads them) and hashed."""
    import psycopg

    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    with psycopg.connect(server) as connection, connection.cursor(name="floor") as cursor:
        cursor.itersize = BATCH
        cursor.execute(
            f'SELECT state FROM "{schema}".humas_events ORDER BY notification_id', binary=True
        )
        for (state,) in cursor:
            hashlib.sha256(state).digest()
            count += 1
    return count / (time.perf_counter() - started), time.process_time() - cpu


def verify_rounds(
    label: str, store: Path | str, events: int, floor: Any = None, rounds: int = 3
) -> None:
    """``audit verify`` of ``store``, each round right after its baseline (``floor()``;
    by default the SQLite one), as the machine's load moves both; prints every round and
    the median verify."""
    found = []
    for _ in range(rounds):
        base_rate, base_cpu = floor() if floor else baseline(Path(store))
        cpu = children_cpu()
        seconds, memory = run(HUMAS, "--store", str(store), "audit", "verify")
        cpu = children_cpu() - cpu
        found.append((events / seconds, base_rate, memory, cpu, base_cpu))
        print(f"  round: baseline {base_rate:9,.0f}/s, verify {events / seconds:9,.0f}/s, "
              f"{base_rate * seconds / events:4.1f}x; CPU {cpu:5.1f} s against "
              f"{base_cpu:4.1f} s, {cpu / base_cpu:4.1f}x")  # fmt: skip
    rate, base_rate, memory, cpu, base_cpu = sorted(found)[len(found) // 2]  # the median verify
    print(f"sha256 of every state (baseline) {base_rate:9,.0f} events/s")
    print(f"audit verify, {events:,} events, {label}: {rate:9,.0f} events/s  "
          f"{base_rate / rate:4.1f}x the baseline's time, CPU {cpu / base_cpu:4.1f}x, "
          f"{memory / 1024:5.0f} MiB  (target >= 100,000/s, <= 3x)")  # fmt: skip


def median(runs: int, *args: str) -> float:
    return statistics.median(run(*args)[0] for _ in range(runs))


def postgres(server: str, events: int) -> None:
    """``audit verify`` of a PostgreSQL store with its read model, in a schema of its own
    on ``server`` (dropped at the end), against the PostgreSQL baseline."""
    import psycopg

    schema = f"humas_bench_audit_{uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        store = f"{server}?schema={schema}"
        started = time.perf_counter()
        million_store(store, events)  # type: ignore[arg-type]  # a store's address will do
        run(HUMAS, "--as", SUPERVISOR, "--store", store, "audit", "seal")
        print(f"PostgreSQL store of {events:,} events with its read model made and sealed in "
              f"{time.perf_counter() - started:7.1f} s")  # fmt: skip
        verify_rounds("PostgreSQL, read model built", store, events,
                      lambda: postgres_baseline(server, schema))  # fmt: skip
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="100,000 events instead of 1,000,000")
    parser.add_argument("--keep", type=Path, help="make the stores in this folder and keep them")
    parser.add_argument(
        "--verify-only", action="store_true", help="seal and verify, no export or log"
    )
    parser.add_argument("--postgres", metavar="SERVER",
                        help="only verify on PostgreSQL (postgresql://user@host:port/db): a "
                        "store of --postgres-events events in a schema made and dropped")  # fmt: skip
    parser.add_argument("--postgres-events", type=int, default=200_000)
    args = parser.parse_args()
    if args.postgres:
        postgres(args.postgres, args.postgres_events)
        return
    events = 100_000 if args.quick else 1_000_000
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        big, small = folder / f"audit-{events}.sqlite", folder / f"audit-{events // 10}.sqlite"
        modelled = folder / f"audit-{events}-read-model.sqlite"
        for path, count in ((big, events), (small, events // 10)):
            if not path.exists():
                started = time.perf_counter()
                filled_store(path, count, folder)
                print(
                    f"store of {count:>9,} events made in    {time.perf_counter() - started:7.1f} s"
                )
        if not modelled.exists():
            started = time.perf_counter()
            million_store(modelled, events)
            run(HUMAS, "--as", SUPERVISOR, "--store", str(modelled), "audit", "seal")
            print(f"store of {events:>9,} events with its read model made and sealed in "
                  f"{time.perf_counter() - started:7.1f} s")  # fmt: skip
        run(HUMAS, "--as", SUPERVISOR, "--store", str(small), "audit", "seal")
        seconds, memory = run(HUMAS, "--as", SUPERVISOR, "--store", str(big), "audit", "seal")
        print(f"audit seal, {events:,} events     {events / seconds:9,.0f} events/s  "
              f"{memory / 1024:5.0f} MiB  ({-(-events // MAX_SEAL_RECORDS)} seals)")  # fmt: skip

        verify_rounds("read model built (as users' stores)", modelled, events)
        verify_rounds("no read model (seals and digests only)", big, events)
        if args.verify_only:
            return

        exported = {}
        for path, count in ((small, events // 10), (big, events)):
            out = folder / f"{path.stem}.jsonl"
            seconds, memory = run(HUMAS, "--store", str(path), "audit", "export", "--out", str(out))
            exported[count] = memory
            print(f"audit export, {count:>9,} events {count / seconds:9,.0f} events/s  "
                  f"peak {memory / 1024:5.0f} MiB, {out.stat().st_size / 2**20:6.0f} MiB written")  # fmt: skip
            out.unlink()
        print(f"export peak memory, big/small        {exported[events] / exported[events // 10]:5.2f}x"
              "  (flat: near 1)")  # fmt: skip

        floor = median(5, sys.executable, "-c", "pass")
        tail = median(5, HUMAS, "--store", str(big), "audit", "log", "--json", "--last", "1000")
        print(f"python -c pass (baseline)         {floor * 1000:8.1f} ms")
        print(f"audit log --json --last 1000      {tail * 1000:8.1f} ms  {tail / floor:5.1f}x "
              "the baseline  (target < 1 s)")  # fmt: skip


if __name__ == "__main__":
    main()
