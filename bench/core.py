"""Benchmarks of the core (issue 2). Prints figures; asserts nothing.

    python bench/core.py [--quick] [--postgres URL]

Every figure is a ratio against a baseline measured in the same run, or a rate,
because machines are noisy:
1. start-up: ``humas --help`` and ``humas log outreach …`` against ``python -c pass``
   (median of 15 runs each; targets at most 2.5x and 6x, issue 15);
2. logging 10,000 activities through the application API with the read model kept
   current, on a SQLite file (target at least 1,000/s) and on PostgreSQL;
3. ``humas activity list --json --from D --to D`` answering about 100 activities from
   a store of 100,000 (target under 0.5 s) against the same query on a store of 1,000
   (target within 1.5x);
4. writes against the bare eventsourcing library (issue 10): a comparable aggregate (its
   creation event declares the fields of humas's ``Activity.Logged``), saved by a plain
   library Application on the same kind of store, one save each and 1,000 per save,
   beside ``log_activity`` and ``log_activities`` (targets: SQLite >= 80%, PostgreSQL
   >= 60% of the library); also beside the first baseline, a one-field aggregate
   carrying the same values as one dict (``Plain``), for comparison with older figures.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventsourcing.domain import Aggregate, event

from adapters.bootstrap import close_application, open_application
from adapters.store import parse_store
from domain.model.provenance import Recorder

HUMAS = str(Path(sys.executable).with_name("humas"))
OFFICER = Recorder(actor="bench")
FIRST_DAY = date(2023, 10, 19)


def median_seconds(
    command: list[str], runs: int, env: dict[str, str] | None = None, check: bool = True
) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def startup(folder: Path, runs: int) -> None:
    env = {**os.environ, "HUMAS_STORE": str(folder / "startup.sqlite"), "HUMAS_ACTOR": "bench"}
    baseline = median_seconds([sys.executable, "-c", "pass"], runs)
    print(f"python -c pass          {baseline * 1000:7.1f} ms")
    log_command = [HUMAS, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20"]
    refused = [HUMAS, "log", "outreach", "--title", "Jumat Curhat", "--on", "31/02/2024"]
    for lang in ("id", "en"):  # issue 16: the same start-up in both languages
        said = {**env, "HUMAS_LANG": lang}
        help_time = median_seconds([HUMAS, "--help"], runs, said)
        log_time = median_seconds(log_command, runs, said)
        refused_time = median_seconds(refused, runs, said, check=False)
        print(
            f"humas --help       [{lang}] {help_time * 1000:7.1f} ms  "
            f"{help_time / baseline:5.1f}x  (target <= 2.5x)"
        )
        print(
            f"humas log outreach [{lang}] {log_time * 1000:7.1f} ms  "
            f"{log_time / baseline:5.1f}x  (target <= 6x)"
        )
        print(
            f"a refused date     [{lang}] {refused_time * 1000:7.1f} ms  "
            f"{refused_time / baseline:5.1f}x"
        )


def activity(number: int, days: int) -> dict:
    return {
        "kind": ("outreach", "deployment", "coordination", "simulation")[number % 4],
        "title": f"Kegiatan nomor {number}",
        "occurred_on": FIRST_DAY + timedelta(days=number % days),
        "units": [f"Polsek {number % 37}"],
        "personnel": number % 50,
        "audience_size": number % 300,
        "messages": ["pemilu-damai"],
    }


def logging_rate(store: str, count: int) -> float:
    app = open_application(parse_store(store))
    started = time.perf_counter()
    for number in range(count):
        app.log_activity(OFFICER, **activity(number, 222))
    elapsed = time.perf_counter() - started
    app.close()
    return count / elapsed


class Plain(Aggregate):
    """The first baseline: one creation event carrying an activity's values in one dict
    (one declared field, half the stored size of humas's event)."""

    @event("Logged")
    def __init__(self, fields: dict, status: str, review: str, source: dict) -> None:
        self.fields, self.status, self.review, self.source = fields, status, review, source


class Comparable(Aggregate):
    """The comparable baseline: a bare-library aggregate whose creation event declares
    the fields of humas's ``Activity.Logged`` (with the actor and channel every humas
    event carries), each set as given: the same event, the same stored bytes, without
    humas's checks, conversions, digests or read model."""

    @event("Logged")
    def __init__(
        self, kind: str, title: str, occurred_on: date, occurred_at: str | None,
        date_precision: str, place: dict | None, organiser: str | None, units: list,
        personnel: int | None, stakeholders: list, audience: str | None,
        audience_size: int | None, channel: str | None, messages: list,
        operation_id: uuid.UUID | None, notes: str | None, scenario_setting: str | None,
        scenario_steps: list, status: str, review: str, source: dict | None,
        coverage_ids: list | None, flags: list | None, evidence: dict | None, actor: str,
        via: str,
    ) -> None:  # fmt: skip
        self.kind, self.title, self.occurred_on = kind, title, occurred_on
        self.occurred_at, self.date_precision, self.place = occurred_at, date_precision, place
        self.organiser, self.units, self.personnel = organiser, units, personnel
        self.stakeholders, self.audience = stakeholders, audience
        self.audience_size, self.channel, self.messages = audience_size, channel, messages
        self.operation_id, self.notes = operation_id, notes
        self.scenario_setting, self.scenario_steps = scenario_setting, scenario_steps
        self.status, self.review, self.source = status, review, source
        self.coverage_ids, self.flags, self.evidence = coverage_ids, flags, evidence
        self.actor, self.via = actor, via


# What humas stores for the fields the bench's activities leave out.
UNSAID = {
    "occurred_at": None, "date_precision": "day", "place": None, "stakeholders": [],
    "audience": None, "channel": None, "operation_id": None, "notes": None,
    "scenario_setting": None, "scenario_steps": [], "status": "conducted",
    "review": "reported", "source": {}, "coverage_ids": [], "flags": [], "evidence": {},
    "actor": OFFICER.actor, "via": OFFICER.via,
}  # fmt: skip


def bare_saver(
    store: str, comparable: bool = True
) -> tuple[Callable[[list[dict]], None], Callable[[], None]]:
    """Saves bare-library aggregates made from activities' values by a plain library
    Application on the same kind of store (dates stored as humas stores them), all of
    a list in one save; and its closing. ``comparable``: ``Comparable`` aggregates,
    else ``Plain`` ones."""
    from eventsourcing.application import Application
    from eventsourcing.persistence import JSONTranscoder

    from domain.usecases.base import DateAsISO

    class Bare(Application):
        def register_transcodings(self, transcoder: JSONTranscoder) -> None:
            super().register_transcodings(transcoder)
            transcoder.register(DateAsISO())

    config = parse_store(store)
    env = {key: value for key, value in config.env.items() if "RECORDER_TOPIC" not in key}
    app = Bare(env=env)

    def save_comparable(records: list[dict]) -> None:
        app.save(*(Comparable(**UNSAID, organiser=r["units"][0], **r) for r in records))

    def save_plain(records: list[dict]) -> None:
        values = [
            {**record, "occurred_on": record["occurred_on"].isoformat()} for record in records
        ]
        app.save(*(Plain(value, "conducted", "reported", {}) for value in values))

    return (save_comparable if comparable else save_plain), app.close


def humas_saver(store: str) -> tuple[Callable[[list[dict]], None], Callable[[], None]]:
    """The same through humas: ``log_activity`` for one, ``log_activities`` for more
    (roles checked, each activity's values checked, digests and read-model rows written
    in the same transaction)."""
    app = open_application(parse_store(store))

    def save(records: list[dict]) -> None:
        if len(records) == 1:
            app.log_activity(OFFICER, **records[0])
        else:
            app.log_activities(OFFICER, records)

    return save, lambda: close_application(app)


def write_rates(label: str, make_store: Callable[[str], str], count: int, rounds: int = 5) -> None:
    """Saves per second, one per save and 1,000 per save, of the bare library (the
    comparable aggregate, and the first one-field baseline) and of humas, measured in
    alternating rounds (a machine's load moves less between neighbouring rounds than
    across a whole run); the median round of each, and each round's ratio."""
    savers = {
        "comparable": bare_saver(make_store("comparable")),
        "plain": bare_saver(make_store("plain"), comparable=False),
        "humas": humas_saver(make_store("humas")),
    }
    per_round = max(count // rounds, 1)
    rates: dict[tuple[str, int], list[float]] = {}
    cpu: dict[tuple[str, int], list[float]] = {}
    number = 0
    for _ in range(rounds):
        for size in (1, 1000):
            saves = per_round if size == 1 else max(per_round // 100, 2)
            for name, (save, _) in savers.items():
                batches = [[activity(number + n, 222) for n in range(size)] for _ in range(saves)]
                number += size * saves
                started, used = time.perf_counter(), time.process_time()
                for batch in batches:
                    save(batch)
                rates.setdefault((name, size), []).append(
                    size * saves / (time.perf_counter() - started)
                )
                cpu.setdefault((name, size), []).append(
                    (time.process_time() - used) / (size * saves)
                )
    for _, close in savers.values():
        close()
    for size, what in ((1, "one save each"), (1000, "1,000 per save")):
        ours = statistics.median(rates[("humas", size)])
        print(f"{label}: humas, {what:15}           {ours:8.0f} /s  "
              f"{statistics.median(cpu[('humas', size)]) * 1e6:6.0f} µs CPU an activity")  # fmt: skip
        for name in ("comparable", "plain"):
            bare = statistics.median(rates[(name, size)])
            ratios = sorted(
                a / b for a, b in zip(rates[("humas", size)], rates[(name, size)], strict=True)
            )
            used = statistics.median(cpu[(name, size)])
            cpu_ratio = used / statistics.median(cpu[("humas", size)])
            print(f"{label}: bare library, {name:10} {bare:8.0f} /s  {used * 1e6:6.0f} µs CPU;  "
                  f"humas {ours / bare:4.0%} of it (rounds {ratios[0]:.0%} to {ratios[-1]:.0%}), "
                  f"in CPU time {cpu_ratio:4.0%}")  # fmt: skip


def filled_store(store: str, count: int, days: int) -> None:
    """A store of ``count`` activities over ``days`` days, saved 1,000 per transaction."""
    app = open_application(parse_store(store))
    for start in range(0, count, 1000):
        records = [activity(n, days) for n in range(start, min(start + 1000, count))]
        app.log_activities(OFFICER, records)
    app.close()


def list_time(store: str, day_from: date, day_to: date, runs: int) -> tuple[float, int]:
    command = [HUMAS, "--store", store, "activity", "list", "--json",
               "--from", day_from.isoformat(), "--to", day_to.isoformat()]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return median_seconds(command, runs), output.count('"kind"')


def postgres_store(server: str) -> str:
    """A new schema on the server, dropped when the benchmark ends (atexit)."""
    import atexit

    import psycopg

    schema = f"humas_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    atexit.register(_drop_schema, server, schema)
    return f"{server}?schema={schema}"


def _drop_schema(server: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller stores, fewer runs")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up figures")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--writes", type=int, default=0, metavar="N",
                        help="only the writes against the bare library, N saves each way")  # fmt: skip
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    logged = 1_000 if args.quick else 10_000
    big = 10_000 if args.quick else 100_000

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if args.writes:
            write_rates("SQLite", lambda name: str(folder / f"{name}.sqlite"), args.writes)
            write_rates("PostgreSQL", lambda name: postgres_store(args.postgres), args.writes)
            return
        startup(folder, runs)
        if args.startup_only:
            return

        rate = logging_rate(str(folder / "log.sqlite"), logged)
        print(f"log {logged:,} activities, SQLite      {rate:8.0f} /s  (target >= 1,000/s)")
        try:
            pg_rate = logging_rate(postgres_store(args.postgres), logged)
            print(f"log {logged:,} activities, PostgreSQL  {pg_rate:8.0f} /s")
        except Exception as error:
            print(f"PostgreSQL not measured: {error}")

        # The same ~100-activity answer from a small and a big store: 1 day in the small
        # store holds about as many activities as 1 day in the big one.
        small_days, big_days = 10, 1000
        filled_store(str(folder / "small.sqlite"), 1_000, small_days)
        filled_store(str(folder / "big.sqlite"), big, big_days)
        small_time, small_n = list_time(str(folder / "small.sqlite"), FIRST_DAY, FIRST_DAY, runs)
        day = FIRST_DAY + timedelta(days=500)
        big_time, big_n = list_time(str(folder / "big.sqlite"), day, day, runs)
        print(f"activity list, {small_n} of 1,000      {small_time * 1000:7.1f} ms")
        print(f"activity list, {big_n} of {big:,}    {big_time * 1000:7.1f} ms  "
              f"{big_time / small_time:4.2f}x of the small store  (targets < 500 ms, <= 1.5x)")  # fmt: skip


if __name__ == "__main__":
    main()
