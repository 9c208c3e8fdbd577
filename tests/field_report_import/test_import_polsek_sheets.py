"""Sheets as a Polsek clerk makes them (Excel in an Indonesian locale, a phone), on both
stores: what goes in, and what is refused in one line."""

import json

from tests.cli import humas
from tests.field_report_import.helpers import events_in

HEADER = "Report_ID;Reporter.Name;Reporter.Rank;Unit;Kind;Title;Date;Time;Units;Operation;;"


def excel_sheet(*rows: str) -> bytes:
    """A "CSV (semicolon)" saved as UTF-8 by Excel: byte-order mark, CRLF, and the two
    empty columns at the end that a sheet exports when its cells were once touched."""
    return b"\xef\xbb\xbf" + "\r\n".join([HEADER, *rows, ""]).encode("utf-8")


def row(report_id: str, kind: str, date: str, time: str = "", units: str = "") -> str:
    return f"{report_id};Rahmat Hidayat;Aipda;Polsek Sido Rejo;{kind};Kegiatan {report_id};{date};{time};{units};omb;;"


def imported(store: str) -> dict[str, dict]:
    listed = humas(store, "activity", "list", "--json", actor=None)
    assert listed.code == 0, listed.err
    return {item["title"].removeprefix("Kegiatan "): item for item in listed.json()}


def test_an_excel_sheet_with_indonesian_dates_times_and_kinds_goes_in_whole(store, write):
    path = write(
        "minggu-47.csv",
        excel_sheet(
            row("SR/1", "Jumat Curhat", "17/11/2023", "09.00"),
            row("SR/2", "patroli dialogis", "17-11-2023", "09:00 WIB"),
            row("SR/3", "Sambang", "17 Nov 2023", "pukul 09.00 WITA"),
            row("SR/4", "cooling system", "17 November 2023", "19.30"),
            row("SR/5", "Gelar Pasukan", "Jumat, 17 November 2023", "07.00"),
        ),
    )

    result = humas(store, "ingest", "field-report", str(path))

    assert result.code == 0, result.err
    got = imported(store)
    assert {
        ref: (item["kind"], item["occurred_on"], item["occurred_at"]) for ref, item in got.items()
    } == {
        "SR/1": ("outreach", "2023-11-17", "09:00"),
        "SR/2": ("outreach", "2023-11-17", "09:00 WIB"),
        "SR/3": ("outreach", "2023-11-17", "09:00 WITA"),
        "SR/4": ("outreach", "2023-11-17", "19:30"),
        "SR/5": ("deployment", "2023-11-17", "07:00"),
    }


def test_a_unit_written_in_other_case_or_spacing_is_listed_once(store, write):
    path = write(
        "units.csv",
        excel_sheet(
            row(
                "SR/6",
                "sosialisasi",
                "20/11/2023",
                "",
                '"POLSEK SIDO REJO; Koramil 409-02; Polsek  Sido Rejo"',
            )
        ),
    )

    assert humas(store, "ingest", "field-report", str(path)).code == 0

    assert imported(store)["SR/6"]["units"] == ["Polsek Sido Rejo", "Koramil 409-02"]


def test_counts_written_the_indonesian_way_are_refused_saying_how_to_write_them(store, write):
    header = "report_id;reporter.name;reporter.rank;unit;kind;title;date;audience_size;personnel"
    lines = [header] + [
        f"SR/{n};Budi Santoso;Bripka;Polsek Sido Rejo;sosialisasi;Sosialisasi {n};20/11/2023;{size};4"
        for n, size in enumerate(["1.250", "± 50 orang", "50 org"], start=1)
    ]
    path = write("jumlah.csv", "\r\n".join(lines) + "\r\n")
    before = events_in(store)

    english = humas(store, "ingest", "field-report", str(path), HUMAS_LANG="en")
    indonesian = humas(store, "ingest", "field-report", str(path), HUMAS_LANG="id")

    assert english.code == indonesian.code == 2
    hint = "must be a whole number in digits only, e.g. 1250 (no dots, ± or words)"
    assert english.err.splitlines() == [
        f"humas: error: {path}:2: audience_size: {hint}, got '1.250'",
        f"humas: error: {path}:3: audience_size: {hint}, got '± 50 orang'",
        f"humas: error: {path}:4: audience_size: {hint}, got '50 org'",
    ]
    assert indonesian.err.splitlines()[0] == (
        f"humas: kesalahan: {path}:2: audience_size: harus bilangan bulat yang ditulis dengan "
        "angka saja, mis. 1250 (tanpa titik, ± atau kata), bukan '1.250'"
    )
    assert events_in(store) == before


def test_an_unquoted_semicolon_in_a_semicolon_sheet_is_named_as_the_likely_slip(store, write):
    path = write(
        "satuan.csv",
        excel_sheet(
            row("SR/7", "sosialisasi", "20/11/2023", "", "Polsek Sido Rejo; Koramil 409-02")
        ),
    )

    english = humas(store, "ingest", "field-report", str(path), HUMAS_LANG="en")
    indonesian = humas(store, "ingest", "field-report", str(path), HUMAS_LANG="id")

    assert english.code == indonesian.code == 2
    assert english.err == (
        f"humas: error: {path}:2: record: has 11 cells but the header has 10 columns; "
        "is a ';' inside a cell missing its quotes?\n"
    )
    assert indonesian.err == (
        f"humas: kesalahan: {path}:2: record: memiliki 11 sel, tetapi judul kolom ada 10; "
        "apakah ada ';' di dalam sel yang tidak diberi tanda kutip?\n"
    )
    assert imported(store) == {}


def test_a_form_tools_export_with_the_reports_under_a_key_is_one_line_about_the_file(store, write):
    report = {"report_id": "SR/F/1", "reporter": {"name": "Dewi", "rank": "Briptu"},
              "unit": "Polsek Sido Rejo", "kind": "sosialisasi", "title": "Sosialisasi",
              "date": "2023-11-25", "audience_size": "120", "time": None}  # fmt: skip
    path = write("formulir.json", json.dumps({"submissions": [report]}))

    english = humas(store, "ingest", "field-report", str(path), HUMAS_LANG="en")
    indonesian = humas(store, "ingest", "field-report", str(path), HUMAS_LANG="id")

    assert english.code == indonesian.code == 2
    assert english.err == (
        f"humas: error: {path}: holds no report but a list under 'submissions'; the file must "
        "be that list itself, or one report\n"
    )
    assert indonesian.err.startswith(f"humas: kesalahan: {path}: tidak memuat laporan, ")
    assert imported(store) == {}
    # The same report as the list itself goes in: nulls and numbers in quotes included.
    path.write_text(json.dumps([report]), encoding="utf-8")
    assert humas(store, "ingest", "field-report", str(path)).code == 0
    assert imported(store)["Sosialisasi"]["audience_size"] == 120


def test_an_operation_named_without_its_year_is_refused_naming_the_one_meant(store, write):
    path = write("operasi.csv", excel_sheet(row("SR/8", "sosialisasi", "20/11/2023")).replace(
        b";omb;;", b";Operasi Mantap Brata;;"
    ))  # fmt: skip
    before = events_in(store)

    result = humas(store, "ingest", "field-report", str(path), HUMAS_LANG="en")

    assert result.code == 2
    assert result.err == (
        f"humas: error: {path}:2: operation: no operation matches 'Operasi Mantap Brata'; "
        "did you mean 'Operasi Mantap Brata 2023-2024' (omb)? Write its slug or whole name, "
        "or add 'Operasi Mantap Brata' as an alias (humas operation add-alias)\n"
    )
    assert events_in(store) == before
