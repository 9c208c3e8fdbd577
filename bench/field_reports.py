"""Benchmark of the field-report import (issue 4). Prints figures; asserts nothing.

    python bench/field_reports.py [--quick] [--postgres URL]

A Polsek's sheet of 10,000 rows (1,000 with --quick), every column filled in as the
example sheet has them, is imported into a new store:
1. baseline, measured in the same run: reading and validating the sheet only
   (``load_field_reports`` and ``activity_record``, no store), rows per second;
2. the import through the application API (read, validate, check, save in one
   transaction, read model brought up to date) into a SQLite file (target at least
   2,000 rows/s) and into PostgreSQL (reported), each as a rate and against the baseline,
   so the ratio is the store's share of the cost;
3. the whole ``humas ingest field-report`` command in a new process (start-up included),
   and the same file again (every row already imported, nothing written).
Each rate is the median of three runs, each into a new store.
"""

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from core import HUMAS, OFFICER, postgres_store

from adapters.bootstrap import open_application
from adapters.field_reports import load_field_reports
from adapters.field_reports.intake import import_field_report_file
from adapters.field_reports.model import field_names
from adapters.field_reports.records import activity_record
from adapters.store import parse_store

KINDS = ["outreach", "deployment", "coordination", "press", "other"]


def write_sheet(path: Path, rows: int) -> Path:
    """A sheet like the example one, ``rows`` rows, with a paragraph of narrative each."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=field_names())
        writer.writeheader()
        for n in range(rows):
            polsek = f"Polsek {('Talang Rejo', 'Sido Makmur', 'Karang Anyar')[n % 3]}"
            writer.writerow({
                "report_id": f"TR/2023/{n:06d}", "reporter.name": "Rahmat Hidayat",
                "reporter.rank": "Aipda", "reporter.nrp": "85071123", "unit": polsek,
                "kind": KINDS[n % len(KINDS)],
                "title": f"Sambang dan patroli dialogis ke desa, laporan {n}",
                "date": f"{1 + n % 28}/11/2023", "time": f"{7 + n % 12:02d}:30",
                "place.venue": "Pos Ronda RT 04", "place.village": "Karang Anyar",
                "place.subdistrict": "Talang Rejo", "place.district": "Muara Seruni",
                "place.province": "Sumatera Selatan", "units": f"{polsek}; Koramil 409-02",
                "personnel": str(n % 40), "stakeholders": "Pemerintah Desa; Babinsa; Linmas",
                "audience": "warga dan pengurus ronda", "audience_size": str(n % 300),
                "channel": "tatap muka",
                "messages": "jangan mudah percaya hoaks; jaga kamtibmas jelang Pemilu 2024",
                "operation": "omb",
                "narrative": "Bhabinkamtibmas menyambangi pos ronda, mengecek buku jaga malam, "
                "dan mengajak warga melapor bila ada kabar yang meresahkan.",
            })  # fmt: skip
    return path


def validate(sheet: Path) -> float:
    started = time.perf_counter()
    records = [activity_record(report) for report in load_field_reports(sheet)]
    return len(records) / (time.perf_counter() - started)


def new_store(store: str) -> str:
    app = open_application(parse_store(store))
    app.plan_operation(OFFICER, name="Operasi Mantap Brata 2023-2024", slug="omb",
                       start=date(2023, 10, 19), end=date(2024, 10, 20))  # fmt: skip
    app.close()
    return store


def import_rate(store: str, sheet: Path) -> float:
    app = open_application(parse_store(store))
    started = time.perf_counter()
    result = import_field_report_file(app, OFFICER, sheet)
    elapsed = time.perf_counter() - started
    assert not result.problems and result.imported, result.problems[:3]
    records = result.imported
    app.close()
    return len(records) / elapsed


def command_rate(store: str, sheet: Path, rows: int) -> float:
    command = [HUMAS, "--store", store, "--as", "bench", "ingest", "field-report", str(sheet)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return rows / (time.perf_counter() - started)


def median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def drop_postgres_store(store: str) -> None:
    import psycopg

    server, _, query = store.partition("?schema=")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{query}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1,000 rows, one run each")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    rows = 1_000 if args.quick else 10_000
    runs = 1 if args.quick else 3

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        sheet = write_sheet(folder / "minggu.csv", rows)
        size = sheet.stat().st_size / 1e6
        baseline = median(runs, lambda: validate(sheet))
        print(f"sheet: {rows:,} rows, {size:.1f} MB")
        print(f"validate only (baseline)         {baseline:8.0f} rows/s")

        stores = iter(range(1_000))
        sqlite = median(runs, lambda: import_rate(
            new_store(str(folder / f"import-{next(stores)}.sqlite")), sheet))  # fmt: skip
        print(f"import, SQLite                   {sqlite:8.0f} rows/s  "
              f"{sqlite / baseline:4.2f}x the baseline  (target >= 2,000 rows/s)")  # fmt: skip

        try:
            made: list[str] = []

            def postgres_rate() -> float:
                made.append(new_store(postgres_store(args.postgres)))
                return import_rate(made[-1], sheet)

            postgres = median(runs, postgres_rate)
            print(f"import, PostgreSQL               {postgres:8.0f} rows/s  "
                  f"{postgres / baseline:4.2f}x the baseline")  # fmt: skip
            for store in made:
                drop_postgres_store(store)
        except Exception as error:
            print(f"PostgreSQL not measured: {error}")

        store = new_store(str(folder / "command.sqlite"))
        first = command_rate(store, sheet, rows)
        again = command_rate(store, sheet, rows)
        print(f"humas ingest field-report, SQLite {first:7.0f} rows/s  (new process, start-up "
              "included)")  # fmt: skip
        print(f"the same file again (no-op)      {again:8.0f} rows/s")


if __name__ == "__main__":
    main()
