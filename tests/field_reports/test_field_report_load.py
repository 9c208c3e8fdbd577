"""Loading whole files: valid ones of each format, and every kind of refusal."""

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.field_reports import load as load_module
from adapters.field_reports.load import FieldReportErrors, load_field_reports
from domain.model.rules import kind_choices

EXAMPLES = Path(__file__).resolve().parents[2] / "adapters" / "field_reports" / "examples"

HEADER = "reporter.name,reporter.rank,unit,kind,title,date"
ROW = "Rahmat Hidayat,Aipda,Polsek Talang Rejo,outreach,Sambang,13/11/2023"

YAML_RECORD = """\
reporter:
  name: Rahmat Hidayat
  rank: Aipda
unit: Polsek Talang Rejo
kind: outreach
title: Sambang ke pos ronda
date: 2023-11-13
"""

JSON_RECORD = {
    "reporter": {"name": "Rahmat Hidayat", "rank": "Aipda"},
    "unit": "Polsek Talang Rejo",
    "kind": "outreach",
    "title": "Sambang ke pos ronda",
    "date": "2023-11-13",
}


def refused(path: Path) -> list[str]:
    with pytest.raises(FieldReportErrors) as caught:
        load_field_reports(path)
    return caught.value.lines


# ------------------------------------------------------------------ valid files


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.*")))
def test_every_example_loads_cleanly(example: str) -> None:
    loaded = load_field_reports(EXAMPLES / example)
    assert loaded
    assert all(item.path == EXAMPLES / example for item in loaded)


def test_there_is_one_example_per_format() -> None:
    assert {p.suffix for p in EXAMPLES.glob("*.*")} == {".csv", ".yaml", ".json"}


def test_csv_rows_carry_their_physical_line(write: Callable[..., Path]) -> None:
    text = (
        f"# comment line\n{HEADER},narrative\n"
        f'{ROW},"first line\n# not a comment, inside the cell\nthird line"\n'
        "\n"
        f"{ROW.replace('Sambang', 'Jumat Curhat')},\n"
    )
    loaded = load_field_reports(write("r.csv", text))
    assert [item.location for item in loaded] == [3, 7]
    assert loaded[0].report.narrative == (
        "first line\n# not a comment, inside the cell\nthird line"
    )
    assert loaded[0].location_kind == "line"
    assert loaded[1].where.endswith("r.csv:7")


def test_csv_lists_are_split_on_semicolons(write: Callable[..., Path]) -> None:
    text = f"{HEADER},units,messages\n{ROW},Polsek Talang Rejo; Koramil 409-02 ;,tolak hoaks\n"
    report = load_field_reports(write("r.csv", text))[0].report
    assert report.units == ["Polsek Talang Rejo", "Koramil 409-02"]
    assert report.messages == ["tolak hoaks"]


def test_csv_with_bom_and_windows_line_endings_is_accepted(write: Callable[..., Path]) -> None:
    text = f'{HEADER},narrative\r\n{ROW},"two\r\nlines"\r\n{ROW.replace("Sambang", "B")},\r\n'
    path = write("r.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    loaded = load_field_reports(path)
    assert [item.location for item in loaded] == [2, 4]
    assert loaded[0].report.reporter.name == "Rahmat Hidayat"  # BOM not glued to the header


def test_csv_saved_by_excel_with_semicolons_is_accepted(write: Callable[..., Path]) -> None:
    text = HEADER.replace(",", ";") + ";units\n" + ROW.replace(",", ";") + ';"Polsek A; Koramil"\n'
    report = load_field_reports(write("r.csv", text))[0].report
    assert report.title == "Sambang"
    assert report.units == ["Polsek A", "Koramil"]


def test_csv_header_is_case_insensitive_and_trailing_empty_columns_are_ignored(
    write: Callable[..., Path],
) -> None:
    text = f"{HEADER.upper()},,\n{ROW},,\n"
    assert load_field_reports(write("r.csv", text))[0].report.unit == "Polsek Talang Rejo"


def test_yaml_single_mapping_and_list(write: Callable[..., Path]) -> None:
    single = load_field_reports(write("one.yaml", YAML_RECORD))
    assert [item.location for item in single] == [1]
    indented = "".join(f"  {line}\n" for line in YAML_RECORD.splitlines())
    listed = "# two reports\n-" + indented[1:] + "\n-" + indented[1:].replace("Sambang", "Rakor")
    loaded = load_field_reports(write("two.yml", listed))
    assert [item.location for item in loaded] == [2, 10]


def test_yaml_times_and_dates_stay_what_the_officer_wrote(write: Callable[..., Path]) -> None:
    # YAML 1.1 would read 10:30 as the number 630 and 010 as octal 8.
    text = YAML_RECORD + "time: 10:30\npersonnel: 010\nreporter_x: 1\n"
    lines = refused(write("r.yaml", text))
    assert lines == [
        f"{write('r.yaml', text)}:1: reporter_x: unknown field; did you mean 'reporter'?"
    ]
    report = load_field_reports(write("ok.yaml", YAML_RECORD + "time: 10:30\npersonnel: 010\n"))
    assert report[0].report.time == "10:30"
    assert report[0].report.personnel == 10


def test_json_object_and_list(write: Callable[..., Path]) -> None:
    single = load_field_reports(write("one.json", json.dumps(JSON_RECORD)))
    assert [(item.location, item.location_kind) for item in single] == [(0, "index")]
    other = {**JSON_RECORD, "title": "Rakor"}
    loaded = load_field_reports(write("two.json", json.dumps([JSON_RECORD, other])))
    assert [item.where.rsplit(":", 1)[1] for item in loaded] == ["[0]", "[1]"]


def test_the_same_activity_gets_the_same_id_in_every_format(write: Callable[..., Path]) -> None:
    from_yaml = load_field_reports(write("r.yaml", YAML_RECORD))[0].report
    from_json = load_field_reports(write("r.json", json.dumps(JSON_RECORD)))[0].report
    csv_row = ROW.replace("Sambang", "Sambang ke pos ronda").replace("13/11/2023", "2023-11-13")
    from_csv = load_field_reports(write("r.csv", f"{HEADER}\n{csv_row}\n"))[0].report
    assert from_yaml.effective_report_id == from_json.effective_report_id
    assert from_yaml.effective_report_id == from_csv.effective_report_id


def test_attachments_are_resolved_and_hashed(write: Callable[..., Path]) -> None:
    photo = write("foto/sambang-1.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    text = (
        YAML_RECORD + f"attachments:\n  - path: foto/sambang-1.jpg\n    sha256: {digest.upper()}\n"
    )
    report = load_field_reports(write("r.yaml", text))[0].report
    assert report.attachments[0].path == str(photo.resolve())
    assert report.attachments[0].sha256 == digest
    assert photo.exists()  # not moved or copied away
    csv_text = f"{HEADER},attachments\n{ROW},foto/sambang-1.jpg; foto/sambang-1.jpg\n"
    from_csv = load_field_reports(write("r.csv", csv_text))[0].report
    assert [a.sha256 for a in from_csv.attachments] == [digest, digest]


def test_attachment_problems_are_reported(write: Callable[..., Path]) -> None:
    write("foto/a.jpg", b"photo")
    text = (
        YAML_RECORD + "attachments:\n"
        "  - path: foto/a.jpg\n"
        f"    sha256: {'0' * 64}\n"
        "  - path: foto/hilang.jpg\n"
        "  - path: foto\n"
    )
    path = write("r.yaml", text)
    lines = refused(path)
    assert lines[0].startswith(f"{path}:1: attachments[0]: sha256 given for 'foto/a.jpg' does not")
    assert lines[1].startswith(f"{path}:1: attachments[1]: file 'foto/hilang.jpg' not found")
    assert lines[2].startswith(f"{path}:1: attachments[2]: 'foto' is not a file")
    assert len(lines) == 3


# ------------------------------------------------------------------ refusals


def test_bad_csv_row_is_refused_with_the_line_it_starts_on(write: Callable[..., Path]) -> None:
    text = (
        f"{HEADER},narrative,personnel\n"
        f'{ROW},"a narrative\nover\nthree lines",3\n'
        f"{ROW.replace('13/11/2023', '31/11/2023')},,banyak\n"
    )
    path = write("r.csv", text)
    assert refused(path) == [
        f"{path}:5: date: '31/11/2023' is not a real date",
        f"{path}:5: personnel: must be a whole number in digits only, e.g. 1250 (no dots, ± or words), got 'banyak'",
    ]


def test_all_problems_of_all_records_are_listed_at_once(write: Callable[..., Path]) -> None:
    text = (
        f"{HEADER},audience_size,place.venue\n"
        f"{ROW},-5,\n"
        f"{ROW},10,Balai Desa\n"
        ",Aipda,Polsek Talang Rejo,rapat,Rakor,2023-11-15,,\n"
        f"{ROW},10,Balai Desa\n"
    )
    path = write("r.csv", text)
    assert refused(path) == [
        f"{path}:2: audience_size: must be 0 or more, got '-5'",
        f"{path}:4: reporter.name: must be filled in",
        f"{path}:4: kind: unknown kind 'rapat'; choose one of {kind_choices()}",
        f"{path}:5: record: same content as the record at line 3 (no report_id to tell them apart)",
    ]


def test_nothing_is_returned_when_one_record_of_many_is_bad(write: Callable[..., Path]) -> None:
    records = [{**JSON_RECORD, "title": f"Sambang {n}"} for n in range(50)]
    records[37]["audience_size"] = "banyak"
    path = write("r.json", json.dumps(records))
    assert refused(path) == [
        f"{path}:[37]: audience_size: must be a whole number in digits only, e.g. 1250 (no dots, ± or words), got 'banyak'"
    ]


def test_unknown_and_missing_columns(write: Callable[..., Path]) -> None:
    path = write("r.csv", "reporter.nama,reporter.rank,unit,kind,judul,date,venue\nA,B,C,D,E,F,G\n")
    assert refused(path) == [
        f"{path}:1: reporter.nama: unknown column; did you mean 'reporter.name'?",
        f"{path}:1: judul: unknown column",
        f"{path}:1: venue: unknown column; did you mean 'place.venue'?",
        f"{path}:1: reporter.name: required column is missing",
        f"{path}:1: title: required column is missing",
    ]


def test_repeated_and_nameless_columns(write: Callable[..., Path]) -> None:
    path = write("r.csv", f"{HEADER},title,,units\n")
    assert refused(path) == [
        f"{path}:1: title: column appears twice",
        f"{path}:1: record: column 8 has no name",
    ]


def test_csv_row_with_wrong_number_of_cells(write: Callable[..., Path]) -> None:
    path = write("r.csv", f"{HEADER}\n{ROW},Balai Desa, Sido Makmur\n{ROW}\nA,B\n")
    lines = refused(path)
    assert lines[0].startswith(f"{path}:2: record: has 8 cells but the header has 6 columns")
    assert lines[1] == f"{path}:4: record: has 2 cells but the header has 6 columns"


def test_csv_unterminated_quote_names_the_line(write: Callable[..., Path]) -> None:
    path = write("r.csv", f'{HEADER}\n{ROW}\n{ROW[:-10]}"unfinished,\n')
    [line] = refused(path)
    assert line.startswith(f"{path}: line 3: not valid CSV")


@pytest.mark.parametrize(
    ("length", "complaint"),
    [(50_001, "cell is too long (50,001 characters"), (140_000, "longer than 50,000")],
)
def test_huge_csv_cells_are_refused_cleanly(
    write: Callable[..., Path], length: int, complaint: str
) -> None:
    path = write("r.csv", f"{HEADER},narrative\n{ROW},ok\n{ROW},{'x' * length}\n")
    [line] = refused(path)
    assert complaint in line
    assert line.startswith(f"{path}:3: narrative: ") or line.startswith(f"{path}: line 3:")


def test_huge_yaml_values_are_refused_cleanly(write: Callable[..., Path]) -> None:
    path = write("r.yaml", YAML_RECORD + f"narrative: {'x' * 60_000}\n")
    assert refused(path) == [
        f"{path}:1: narrative: is too long (60,000 characters; the limit is 2,000)"
    ]


def test_yaml_repeated_keys_are_refused(write: Callable[..., Path]) -> None:
    repeated = write("r.yaml", YAML_RECORD + "title: Judul kedua\n")
    assert refused(repeated) == [f"{repeated}:1: title: is given twice (lines 6 and 8); keep one"]


def test_yaml_anchors_and_merges_write_a_value_once_for_several_reports(
    write: Callable[..., Path],
) -> None:
    path = write(
        "r.yaml",
        "- &umum\n"
        "  report_id: SR/1\n"
        "  reporter: &pelapor {name: Siti Aminah, rank: Bripka}  # ditulis sekali\n"
        "  unit: Polsek Talang Rejo\n"
        "  kind: sambang\n"
        "  title: Sambang Desa A\n"
        "  date: 22/11/2023\n"
        "- <<: *umum\n"
        "  report_id: SR/2\n"
        "  title: Sambang Desa B\n"
        "- {report_id: SR/3, reporter: *pelapor, unit: Polsek Talang Rejo, kind: rakor,\n"
        "   title: Rakor, date: 24/11/2023}\n",
    )
    first, merged, aliased = (item.report for item in load_field_reports(path))
    assert (merged.title, merged.date, merged.reporter) == (
        "Sambang Desa B",
        first.date,
        first.reporter,
    )
    assert aliased.reporter.name == "Siti Aminah"


def test_a_yaml_alias_inside_its_own_value_is_refused(write: Callable[..., Path]) -> None:
    path = write("r.yaml", YAML_RECORD + "units: &u [Polsek A, *u]\n")
    assert refused(path) == [
        f"{path}:1: record: uses a YAML alias (*name) inside the value it names; "
        "write the value out instead"
    ]


def test_yaml_aliases_that_repeat_values_without_end_are_refused(
    write: Callable[..., Path],
) -> None:
    # "Billion laughs": ten aliases of ten aliases of ... would be 10**9 values.
    laughs = "stakeholders: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]\n" + "".join(
        f"x{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 10)}]\n" for level in range(1, 10)
    )
    path = write("r.yaml", YAML_RECORD + laughs)
    assert refused(path) == [
        f"{path}:1: record: its YAML aliases (*name) repeat values more than 20,000 times; "
        "write the values out instead"
    ]


def test_json_repeated_keys_are_refused(write: Callable[..., Path]) -> None:
    text = json.dumps(JSON_RECORD)[:-1] + ', "title": "Lain"}'
    path = write("r.json", text)
    assert refused(path) == [f"{path}:[0]: title: is given twice; keep one"]


def test_duplicate_report_ids_inside_one_file(write: Callable[..., Path]) -> None:
    records = [
        {**JSON_RECORD, "report_id": "TR/1"},
        {**JSON_RECORD, "report_id": "TR/2", "title": "Lain"},
        {**JSON_RECORD, "report_id": "TR/1", "title": "Lain lagi"},
        JSON_RECORD,
        JSON_RECORD,
    ]
    path = write("r.json", json.dumps(records))
    assert refused(path) == [
        f"{path}:[2]: report_id: 'TR/1' is already used by the record at [0]",
        f"{path}:[4]: record: same content as the record at [3] (no report_id to tell them apart)",
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("r.yaml", "", "file is empty"),
        ("r.csv", "\r\n  \n", "file is empty"),
        ("r.json", "[]", "file contains no reports"),
        ("r.yaml", "# only a comment\n", "file contains no reports"),
        ("r.csv", "# only a comment\n", "file contains no reports"),
        ("r.csv", HEADER + "\n", "has a header (line 1) but no report rows"),
        ("r.yaml", "just some words\n", "must hold one report"),
        ("r.json", "42", "must hold one report object"),
        ("r.txt", "anything", "unsupported file type '.txt'"),
        ("r.csv", b"\xff\xfeh\x00i\x00", "UTF-16"),
        ("r.csv", HEADER.encode() + b"\n\xe9t\xe9\n", "line 2: not valid UTF-8 text (byte 0xe9)"),
        ("r.json", b'{"a":\x00}', "line 1: contains a NUL character"),
        ("r.yaml", "a: [1, 2\nb: 3\n", "line 2, column 2: not valid YAML: while parsing a flow"),
        ("r.yaml", "title: [1, 2\n", "line 2, column 1: not valid YAML"),
        ("r.yaml", "a: 1\n---\nb: 2\n", "line 2, column 1: not valid YAML: expected a single"),
        ("r.yaml", "a: !!python/object:os.system {}\n", "line 1, column 4: not valid YAML"),
        ("r.json", '{\n  "title": "x",\n}', "line 3, column 1: not valid JSON"),
        ("r.json", "[" * 100_000, "nested too deeply"),
        ("r.yaml", "[" * 5_000, "nested too deeply"),
    ],
)
def test_file_level_problems_are_one_line(
    write: Callable[..., Path], name: str, content: str | bytes, expected: str
) -> None:
    path = write(name, content)
    [line] = refused(path)
    assert line.startswith(f"{path}: ")
    assert expected in line


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert refused(tmp_path / "hilang.csv") == [f"{tmp_path / 'hilang.csv'}: file not found"]
    folder = tmp_path / "laporan.yaml"
    folder.mkdir()
    assert refused(folder) == [f"{folder}: is a directory, not a report file"]


def test_an_attachment_that_is_a_loop_of_symbolic_links_is_one_line(
    write: Callable[..., Path],
) -> None:
    path = write("r.yaml", YAML_RECORD + "attachments:\n  - path: foto/a.jpg\n")
    (path.parent / "foto").mkdir()
    (path.parent / "foto" / "a.jpg").symlink_to("b.jpg")
    (path.parent / "foto" / "b.jpg").symlink_to("a.jpg")
    assert refused(path) == [f"{path}:1: attachments[0].path: is a loop of symbolic links"]


def test_a_yaml_field_name_that_is_not_text_is_named_in_the_files_words(
    write: Callable[..., Path],
) -> None:
    path = write("r.yaml", YAML_RECORD + "2024: x\nplace:\n  1: Balai Desa\n")
    assert sorted(refused(path)) == [
        f"{path}:1: place: has a field name that is not text: 1 (write it in quotes)",
        f"{path}:1: record: has a field name that is not text: 2024 (write it in quotes)",
    ]


def test_a_folder_without_a_suffix_is_named_a_folder(tmp_path: Path) -> None:
    # An officer types the folder the reports came in (kiriman/) rather than its files.
    folder = tmp_path / "kiriman"
    folder.mkdir()
    assert refused(folder) == [f"{folder}: is a directory, not a report file"]


def test_a_pipe_is_refused_at_once_rather_than_read_for_ever(tmp_path: Path) -> None:
    pipe = tmp_path / "laporan.csv"
    os.mkfifo(pipe)
    assert refused(pipe) == [f"{pipe}: is not a regular file"]


@pytest.mark.parametrize("written", ["1.000", "2.500", "1,000", "10.0", "1e3", "40 orang"])
def test_a_count_takes_digits_only_as_on_the_command_line(
    write: Callable[..., Path], written: str
) -> None:
    # "1.000" is a thousand in Indonesian: it must not go in as 1
    path = write("r.csv", f'{HEADER},audience_size\n{ROW},"{written}"\n')
    assert refused(path) == [
        f"{path}:2: audience_size: must be a whole number in digits only, e.g. 1250 (no dots, ± or words), got {written!r}"
    ]


def test_a_count_written_as_a_json_fraction_is_refused(write: Callable[..., Path]) -> None:
    path = write("r.json", json.dumps({**JSON_RECORD, "audience_size": 1.000}))
    assert refused(path) == [f"{path}:[0]: audience_size: must be a whole number, got 1.0"]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e400"])
def test_a_count_that_is_no_finite_number_is_refused_in_the_files_words(
    write: Callable[..., Path], number: str
) -> None:
    text = json.dumps({**JSON_RECORD, "personnel": 0}).replace(
        '"personnel": 0', f'"personnel": {number}'
    )
    path = write("r.json", text)
    [line] = refused(path)
    assert line.startswith(f"{path}:[0]: personnel: must be a whole number, got ")
    assert "Input should" not in line


def test_a_yes_where_a_time_belongs_is_quoted_as_the_file_wrote_it(
    write: Callable[..., Path],
) -> None:
    path = write("r.yaml", YAML_RECORD + "time: yes\n")
    assert refused(path) == [f"{path}:1: time: must be a time written as HH:MM, got true"]


def test_files_over_the_size_limit_are_refused(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_module, "MAX_FILE_BYTES", 1024 * 1024)
    path = write("r.csv", HEADER + "\n" + (ROW + "\n") * 20_000)
    assert refused(path) == [f"{path}: file is larger than 1 MiB; split it up"]


def test_names_from_the_file_cannot_break_the_line_format(write: Callable[..., Path]) -> None:
    path = write("r.yaml", YAML_RECORD + '"nama: pelapor": x\n')
    assert refused(path) == [f"{path}:1: record: 'nama: pelapor': unknown field"]


def test_csv_without_a_header_row_gets_one_clear_line(write: Callable[..., Path]) -> None:
    path = write("r.csv", f"{ROW}\n{ROW}\n")
    assert refused(path) == [
        f"{path}:1: record: the first row must be the header naming the columns, e.g. "
        "reporter.name,reporter.rank,unit,kind,title,date"
    ]


def test_attachment_paths_written_on_windows_are_found(write: Callable[..., Path]) -> None:
    photo = write("foto/jumat-curhat.jpg", b"photo")
    text = f"{HEADER},attachments\n{ROW},foto\\jumat-curhat.jpg\n"
    report = load_field_reports(write("r.csv", text))[0].report
    assert report.attachments[0].path == str(photo.resolve())


def test_numbers_where_text_belongs_get_a_hint(write: Callable[..., Path]) -> None:
    path = write("r.yaml", YAML_RECORD.replace("title: Sambang ke pos ronda", "title: 2024"))
    assert refused(path) == [f"{path}:1: title: must be text, got a number (write it in quotes)"]


def test_unreadable_file(write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("r.csv", f"{HEADER}\n{ROW}\n")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    # Tests may run as root, for whom chmod 000 does not stop reading.
    monkeypatch.setattr(Path, "open", deny)
    assert refused(path) == [f"{path}: permission denied: the file cannot be read"]


def test_yaml_times_with_a_dot_are_times_and_dotted_counts_are_named_as_written(
    write: Callable[..., Path],
) -> None:
    # Unquoted, YAML 1.1 reads 09.00 as the number 9.0 and 1.250 as 1.25.
    path = write("r.yaml", YAML_RECORD + "time: 09.00\n")
    assert load_field_reports(path)[0].report.time == "09:00"
    dotted = write("d.yaml", YAML_RECORD + "audience_size: 1.250\n")
    assert refused(dotted) == [
        f"{dotted}:1: audience_size: must be a whole number in digits only, e.g. 1250 (no dots, ± or words), got '1.250'"
    ]


def test_rows_may_stop_before_the_empty_unnamed_columns_at_the_end_of_the_header(
    write: Callable[..., Path],
) -> None:
    path = write("r.csv", f"{HEADER},,\n{ROW}\n")
    assert len(load_field_reports(path)) == 1


def test_a_header_retyped_in_words_names_the_same_columns(write: Callable[..., Path]) -> None:
    header = (
        "Report ID;Reporter Name;Reporter Rank;UNIT;Kind;Title;Date;Audience Size;Place-Village"
    )
    row = "SR/1;Rahmat Hidayat;Aipda;Polsek Talang Rejo;outreach;Sambang;13/11/2023;40;Sido Makmur"
    [loaded] = load_field_reports(write("r.csv", f"{header}\n{row}\n"))
    assert loaded.report.report_id == "SR/1"
    assert loaded.report.reporter.name == "Rahmat Hidayat"
    assert (loaded.report.audience_size, loaded.report.place.village) == (40, "Sido Makmur")


def test_a_column_written_twice_in_two_spellings_is_refused(write: Callable[..., Path]) -> None:
    path = write("r.csv", f"{HEADER},Reporter Name\n{ROW},Budi\n")
    assert refused(path) == [f"{path}:1: reporter.name: column appears twice"]


def test_a_line_break_in_a_cell_reads_the_same_from_a_windows_sheet(
    write: Callable[..., Path],
) -> None:
    row = f'{ROW},"Dimulai pukul 09.00.\nDilanjutkan tanya jawab."'
    unix = load_field_reports(write("unix.csv", f"{HEADER},narrative\n{row}\n"))[0].report
    windows = write("windows.csv", f"{HEADER},narrative\n{row}\n".replace("\n", "\r\n"))
    [loaded] = load_field_reports(windows)
    assert loaded.report.narrative == "Dimulai pukul 09.00.\nDilanjutkan tanya jawab."
    assert loaded.report.content_hash() == unix.content_hash()


def test_a_list_written_as_text_in_yaml_or_json_reads_as_a_csv_cell(
    write: Callable[..., Path],
) -> None:
    write("foto.jpg", "jpeg")
    yaml_path = write(
        "r.yaml",
        YAML_RECORD + "units: Polsek Talang Rejo; Koramil 409-02\nmessages: tolak hoaks\n"
        "attachments: foto.jpg\n",
    )
    [loaded] = load_field_reports(yaml_path)
    assert loaded.report.units == ["Polsek Talang Rejo", "Koramil 409-02"]
    assert loaded.report.messages == ["tolak hoaks"]
    assert [Path(item.path).name for item in loaded.report.attachments] == ["foto.jpg"]
    json_path = write("r.json", json.dumps({**JSON_RECORD, "stakeholders": "KPU; Bawaslu"}))
    assert load_field_reports(json_path)[0].report.stakeholders == ["KPU", "Bawaslu"]


def test_a_yaml_indented_with_a_tab_says_to_use_spaces(write: Callable[..., Path]) -> None:
    path = write("r.yaml", "reporter:\n\tname: Rahmat Hidayat\n")
    assert refused(path) == [
        f"{path}: line 2, column 1: not valid YAML: a tab here; use spaces instead "
        "(YAML does not take tabs to indent)"
    ]
