"""Helpers of the field-report import tests: example files, generated sheets, counts."""

import csv
import json
from pathlib import Path

from adapters.field_reports import load_field_reports
from adapters.field_reports.model import field_names
from tests.cli import humas

EXAMPLES = Path(__file__).resolve().parents[2] / "adapters" / "field_reports" / "examples"
OPERATION = "Operasi Mantap Brata 2023-2024"  # the example reports write "Mantap Brata 2023-2024"

# Every column of a field-report CSV, in the order the template has them.
COLUMNS = field_names()


def events_in(store: str) -> int:
    """How many events the store holds, as a fresh ``humas store info`` says."""
    info = humas(store, "store", "info", "--json", actor=None)
    assert info.code == 0, info.err
    return int(info.json()["events"])


def records_in(path: Path) -> int:
    return len(load_field_reports(path))


def csv_rows(count: int, start: int = 0, operation: str = "") -> list[dict[str, str]]:
    """``count`` plausible rows of a Polsek's weekly sheet, report ids B/<number>."""
    return [
        {
            "report_id": f"B/{number:05d}",
            "reporter.name": "Rahmat Hidayat", "reporter.rank": "Aipda",
            "reporter.nrp": "85071123", "unit": f"Polsek {number % 37}", "kind": "outreach",
            "title": f"Sambang dan patroli dialogis nomor {number}",
            "date": f"{1 + number % 28}/11/2023", "time": "08:30",
            "place.venue": "Pos Ronda RT 04", "place.village": "Karang Anyar",
            "place.subdistrict": "Talang Rejo", "place.district": "Muara Seruni",
            "place.province": "Sumatera Selatan", "units": f"Polsek {number % 37}; Koramil",
            "personnel": str(number % 50), "stakeholders": "Pemerintah Desa; Babinsa",
            "audience": "warga dan pengurus ronda", "audience_size": str(number % 300),
            "channel": "tatap muka", "messages": "jaga kamtibmas; tolak hoaks",
            "operation": operation,
            "narrative": "Bhabinkamtibmas menyambangi pos ronda dan mengajak warga melapor.",
        }
        for number in range(start, start + count)
    ]  # fmt: skip


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def reports_file(
    folder: Path, fmt: str, records: list[dict[str, object]]
) -> tuple[Path, list[str]]:
    """A file of ``fmt`` (csv, yaml, json) holding ``records`` (a few fields each, the rest
    filled in), and where each record is, as error lines name it: the CSV row's line,
    the line of the YAML mapping, ``[index]`` in JSON."""
    filled = [
        {"report_id": f"R/{number}", "title": f"Rapat koordinasi {number}",
         "date": "2023-11-20", "personnel": 4, **record}
        for number, record in enumerate(records)
    ]  # fmt: skip
    path = folder / f"laporan.{fmt}"
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        rows = [
            {**csv_rows(1, number)[0], **{key: str(value) for key, value in record.items()}}
            for number, record in enumerate(filled)
        ]
        write_csv(path, rows)
        return path, [str(line) for line in range(2, 2 + len(rows))]
    if fmt == "json":
        reports = [{**_common_fields(), **record} for record in filled]
        path.write_text(json.dumps(reports, ensure_ascii=False, indent=2), encoding="utf-8")
        return path, [f"[{index}]" for index in range(len(reports))]
    lines, starts = ["# Laporan Polsek Talang Rejo"], []
    for record in filled:
        starts.append(str(len(lines) + 1))
        block = [
            f"report_id: {json.dumps(record['report_id'])}",
            "reporter: {name: Siti Aminah, rank: Bripka, nrp: '86020457'}",
            "unit: Polsek Talang Rejo",
            "kind: coordination",
            f"title: {json.dumps(record['title'])}",
            f"date: {json.dumps(record['date'])}",
            f"personnel: {record['personnel']}",
        ]
        if record.get("operation"):
            block.append(f"operation: {json.dumps(record['operation'])}")
        lines += ["- " + block[0], *("  " + line for line in block[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, starts


def _common_fields() -> dict[str, object]:
    return {
        "reporter": {"name": "Siti Aminah", "rank": "Bripka", "nrp": "86020457"},
        "unit": "Polsek Talang Rejo",
        "kind": "coordination",
    }
