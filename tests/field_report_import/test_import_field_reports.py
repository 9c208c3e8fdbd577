"""`humas ingest field-report`: each file whole or not at all, on both stores."""

import hashlib
from pathlib import Path

import pytest

from domain.usecases.field_report_intake import field_report_activity_id
from tests.cli import humas
from tests.field_report_import.helpers import events_in, records_in, reports_file

EXAMPLE_FILES = [
    "polsek_talang_rejo_minggu_46.csv",
    "polsek_talang_rejo_rakor_dan_simulasi.yaml",
    "polres_muara_seruni_patroli.json",
]


def activities(store: str, *options: str) -> list[dict]:
    listed = humas(store, "activity", "list", "--json", *options, actor=None)
    assert listed.code == 0, listed.err
    return listed.json()


def history(store: str, ref: str) -> list[dict]:
    shown = humas(store, "history", ref, "--json", actor=None)
    assert shown.code == 0, shown.err
    return shown.json()


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_each_example_file_is_imported_whole_as_reported_records_via_field_report(
    store, examples, name
):
    path = examples / name
    result = humas(store, "ingest", "field-report", str(path))

    count = records_in(path)
    assert result.code == 0, result.err
    assert result.out == f"{path}: imported {count}, already imported 0\n"
    imported = activities(store)
    assert len(imported) == count
    assert {row["review"] for row in imported} == {"reported"}
    assert {row["operation"] for row in imported} == {"omb"}
    for row in imported:
        [logged] = history(store, row["id"])
        assert (logged["actor"], logged["channel"]) == ("Bripka Ani Lestari", "field-report")


def test_every_record_names_its_reporter_file_and_line_and_the_attachments_digest(store, examples):
    path = examples / "polsek_talang_rejo_rakor_dan_simulasi.yaml"
    humas(store, "ingest", "field-report", str(path))

    activity_id = str(field_report_activity_id("TR/2023/11/041"))
    shown = humas(store, "activity", "show", activity_id, "--json", actor=None)
    source = shown.json()["source"]
    attachment = examples / "lampiran" / "daftar-hadir-rakor-2023-11-20.txt"
    assert source["report_id"] == "TR/2023/11/041"
    assert source["reporter"] == {"name": "Siti Aminah", "rank": "Bripka", "nrp": "86020457"}
    assert source["file"] == str(path.resolve())
    assert source["line"] == 4
    assert source["at"] == f"{path.resolve()}:4"
    assert source["attachments"] == [
        {
            "path": str(attachment.resolve()),
            "sha256": hashlib.sha256(attachment.read_bytes()).hexdigest(),
        }
    ]


@pytest.mark.parametrize(
    ("name", "where"),
    [
        # the rows of this sheet start on these lines: some cells span several lines
        ("polsek_talang_rejo_minggu_46.csv", [("line", n) for n in (4, 5, 7, 8, 9, 13, 14)]),
        ("polsek_talang_rejo_rakor_dan_simulasi.yaml", [("line", 4), ("line", 45)]),
        ("polres_muara_seruni_patroli.json", [("index", 0), ("index", 1), ("index", 2)]),
    ],
)
def test_the_source_says_where_in_the_file_each_record_was(store, examples, name, where):
    humas(store, "ingest", "field-report", str(examples / name))

    sources = [row["source"] for row in activities(store)]
    found = [(key, source[key]) for source in sources for key in ("line", "index") if key in source]
    assert sorted(found) == sorted(where)


@pytest.mark.parametrize("fmt", ["csv", "yaml", "json"])
def test_one_bad_record_refuses_its_file_listing_every_problem_and_other_files_go_in(
    store, examples, tmp_path, fmt
):
    bad, places = reports_file(
        tmp_path / "bad",
        fmt,
        [{}, {"date": "31/02/2024"}, {}, {"personnel": -3}],
    )
    good = examples / "polsek_talang_rejo_minggu_46.csv"
    before = events_in(store)

    result = humas(store, "ingest", "field-report", str(bad), str(good))

    assert result.code == 2
    errors = result.err.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"humas: error: {bad}:{places[1]}: date: ")
    assert errors[1].startswith(f"humas: error: {bad}:{places[3]}: personnel: ")
    assert result.out == f"{good}: imported 7, already imported 0\n"
    assert events_in(store) == before + 7
    assert not [row for row in activities(store) if row["source"]["file"] == str(bad.resolve())]


@pytest.mark.parametrize("fmt", ["csv", "yaml", "json"])
def test_an_unknown_operation_is_refused_with_the_line_of_its_record(store, tmp_path, fmt):
    path, places = reports_file(
        tmp_path, fmt, [{"operation": "omb"}, {"operation": "Operasi Ketupat 2024"}]
    )
    before = events_in(store)

    result = humas(store, "ingest", "field-report", str(path))

    assert result.code == 2
    assert result.err == (
        f"humas: error: {path}:{places[1]}: operation: "
        "no operation matches 'Operasi Ketupat 2024'\n"
    )
    assert events_in(store) == before


def test_an_operation_is_found_by_slug_alias_or_name_with_or_without_operasi(store, tmp_path):
    humas(store, "operation", "add-alias", "omb", "OMB Musi")
    names = ["omb", "OMB Musi", "Operasi Mantap Brata 2023-2024", "mantap brata 2023-2024"]
    path, _ = reports_file(tmp_path, "csv", [{"operation": name} for name in names])

    result = humas(store, "ingest", "field-report", str(path))

    assert result.code == 0, result.err
    assert [row["operation"] for row in activities(store)] == ["omb"] * 4


def test_the_same_file_twice_is_already_imported_and_writes_nothing_new(store, examples):
    path = examples / "polsek_talang_rejo_minggu_46.csv"
    humas(store, "ingest", "field-report", str(path))
    before = events_in(store)

    again = humas(store, "ingest", "field-report", str(path))

    assert again.code == 0
    assert again.out == f"{path}: imported 0, already imported 7\n"
    assert events_in(store) == before


def test_a_report_sent_again_with_other_content_is_named_and_the_first_stays(store, write):
    report = (
        "report_id: TR/2023/11/035\n"
        "reporter: {name: Rahmat Hidayat, rank: Aipda}\n"
        "unit: Polsek Talang Rejo\n"
        "kind: outreach\n"
        "title: Jumat Curhat di Balai Desa Sido Makmur\n"
        "date: 17/11/2023\n"
        "audience_size: 45\n"
    )
    first = write("jumat-curhat.yaml", report)
    assert humas(store, "ingest", "field-report", str(first)).code == 0
    before = events_in(store)
    resent = write("jumat-curhat-revisi.yaml", report.replace("45", "60"))

    again = humas(store, "ingest", "field-report", str(resent), "--json")

    assert again.code == 0
    assert again.json()[0]["changed_since_import"] == ["TR/2023/11/035"]
    assert (
        f"humas: warning: {resent}: report TR/2023/11/035 was imported before with other "
        "content; the first stays (correct it with humas activity correct)"
    ) in again.err
    assert events_in(store) == before
    [activity] = activities(store)
    assert activity["audience_size"] == 45
    # the same content again is only already imported, without a warning
    same = humas(store, "ingest", "field-report", str(first))
    assert (same.out, same.err) == (f"{first}: imported 0, already imported 1\n", "")


def test_a_report_without_report_id_is_known_by_its_content(store, tmp_path, write):
    report = (
        "reporter: {name: Rahmat Hidayat, rank: Aipda}\n"
        "unit: Polsek Talang Rejo\n"
        "kind: outreach\n"
        "title: Jumat Curhat di Balai Desa Sido Makmur\n"
        "date: 17/11/2023\n"
    )
    first = write("jumat-curhat.yaml", report)
    # The same content in another format and another file, fields in another order.
    same = write(
        "salinan.json",
        '{"title": "Jumat Curhat di Balai Desa Sido Makmur", "date": "2023-11-17", '
        '"kind": "outreach", "unit": "Polsek Talang Rejo", '
        '"reporter": {"rank": "Aipda", "name": "Rahmat Hidayat"}}',
    )
    changed = write("diubah.yaml", report.replace("17/11/2023", "18/11/2023"))

    imported = humas(store, "ingest", "field-report", str(first), "--json").json()[0]
    before = events_in(store)
    again = humas(store, "ingest", "field-report", str(same), "--json").json()[0]
    after_same = events_in(store)
    other = humas(store, "ingest", "field-report", str(changed), "--json").json()[0]

    [report_id] = imported["imported"]
    assert report_id.startswith("sha256:")
    assert (again["imported"], again["already_imported"]) == ([], [report_id])
    assert after_same == before
    assert other["imported"] != [report_id] and len(other["imported"]) == 1


def test_a_dry_run_checks_and_counts_but_writes_nothing(store, examples, tmp_path):
    path = examples / "polsek_talang_rejo_minggu_46.csv"
    bad, places = reports_file(tmp_path, "csv", [{}, {"date": "2023-13-01"}])
    before = events_in(store)

    dry = humas(store, "ingest", "field-report", "--dry-run", str(path), str(bad))

    assert dry.code == 2
    assert dry.out == f"{path}: would import 7, already imported 0\n"
    assert dry.err.startswith(f"humas: error: {bad}:{places[1]}: date: ")
    assert events_in(store) == before
    assert activities(store) == []
    real = humas(store, "ingest", "field-report", str(path))
    assert real.out == f"{path}: imported 7, already imported 0\n"


def test_json_output_names_each_file_what_it_imported_and_what_went_wrong(
    store, examples, tmp_path
):
    good = examples / "polres_muara_seruni_patroli.json"
    bad, places = reports_file(tmp_path, "json", [{"personnel": "banyak"}])

    result = humas(store, "ingest", "field-report", "--json", str(good), str(bad))

    assert result.code == 2
    first, second = result.json()
    ids = ["TR/2023/11/051", "TR/2023/11/052", "TR/2023/11/053"]
    assert first == {
        "file": str(good),
        "dry_run": False,
        "imported": ids,
        "activity_ids": [str(field_report_activity_id(report_id)) for report_id in ids],
        "already_imported": [],
        "changed_since_import": [],
        "errors": [],
    }
    assert second["file"] == str(bad)
    assert (second["imported"], second["activity_ids"]) == ([], [])
    [error] = second["errors"]
    assert error.startswith(f"{bad}:{places[0]}: personnel: ")
    assert result.err == f"{good}: imported 3, already imported 0\nhumas: error: {error}\n"


def test_a_missing_file_is_one_error_line_and_the_others_still_go_in(store, examples):
    good = examples / "polsek_talang_rejo_rakor_dan_simulasi.yaml"
    missing = examples / "tidak-ada.csv"

    result = humas(store, "ingest", "field-report", str(missing), str(good))

    assert result.code == 2
    assert result.err == f"humas: error: {missing}: file not found\n"
    assert result.out == f"{good}: imported 2, already imported 0\n"


def test_activity_ids_come_from_report_ids_so_two_stores_agree(store, examples):
    path: Path = examples / "polres_muara_seruni_patroli.json"
    humas(store, "ingest", "field-report", str(path))

    ids = {row["id"] for row in activities(store)}
    assert ids == {str(field_report_activity_id(f"TR/2023/11/05{n}")) for n in (1, 2, 3)}
