"""The command line speaks Indonesian or English (issue 16): every help of the command
tree, click's own words, table headings and every refusal come from the catalogue
(adapters/cli/locale), in the language chosen by --lang, HUMAS_LANG, the lang setting or
the locale; JSON stays as it is."""

import inspect
import os
import re
import string
from datetime import date
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po

from adapters.cli import i18n
from adapters.cli.catalogue import po_path, problems, walk
from adapters.cli.main import cli
from adapters.dates import MESSAGES as DATE_MESSAGES
from adapters.dates import DateError
from domain.model.errors import MESSAGES, WORDS, DomainError
from tests.cli import humas

LANGS = ("id", "en")
OTHER = {"id": "en", "en": "id"}


def catalogue() -> dict[str, str]:
    """Indonesian translations by their English msgid (plural pairs left out)."""
    read = read_po(po_path("id").open("rb"), locale="id")
    return {m.id: m.string for m in read if m.id and isinstance(m.id, str)}


def flat(text: str) -> str:
    return " ".join(text.split())


def first_paragraph(text: str) -> str:
    return flat(text.split("\n\n")[0])


def telling(id_text: str, en_text: str) -> bool:
    """A pair whose words tell the languages apart: more than one word each, different."""
    id_first, en_first = first_paragraph(id_text), first_paragraph(en_text)
    return " " in id_first and " " in en_first and id_first != en_first


def test_the_compiled_catalogues_are_up_to_date_and_complete() -> None:
    """Every message of the code, the domain, click and the command tree is in both .po
    files, every Indonesian one is translated, and each .mo is compiled from its .po
    (python -m adapters.cli.catalogue makes them)."""
    assert problems() == []


def rendered_helps(lang: str) -> dict[str, str]:
    """Every command's --help, as a person sees it in ``lang``."""
    helps = {}
    for path, _command in walk(cli):
        args = path.split()[1:]
        result = humas("unused.sqlite", *args, "--help", actor=None, HUMAS_LANG=lang)
        assert result.code == 0, (path, result.err)
        helps[path] = result.out
    return helps


@pytest.mark.parametrize("lang", LANGS)
def test_every_help_of_the_command_tree_is_in_one_language(lang: str) -> None:
    """Each --help shows no text of the other language: no English sentence of the
    catalogue in Indonesian help, no Indonesian one in English help."""
    words = catalogue()
    pairs = [(en, idn) for en, idn in words.items() if telling(idn, en)]
    helps = rendered_helps(lang)
    assert len(helps) > 60
    for path, text in helps.items():
        shown = flat(text)
        for en, idn in pairs:
            foreign = first_paragraph(en if lang == "id" else idn)
            assert foreign not in shown, f"{path} --help in {lang} shows {foreign!r}"
        usage = {"id": "Penggunaan:", "en": "Usage:"}[lang]
        assert text.startswith(usage), path


def test_every_example_keeps_its_lines_in_both_languages() -> None:
    """An example is a block of command lines ("\\b" in the help): one whose Indonesian
    text lost that mark would run its lines together into one paragraph."""

    def example_lines(text: str) -> list[str]:
        lines = text.splitlines()
        return [line.strip() for line in lines if re.match(r"    \S", line) and "humas" in line]

    english, indonesian = rendered_helps("en"), rendered_helps("id")
    for path, text in english.items():
        assert example_lines(text), path
        # as many lines (the words of a comment, a command's Indonesian name may differ)
        assert len(example_lines(indonesian[path])) == len(example_lines(text)), path


def test_every_help_text_of_the_command_tree_has_its_indonesian_words() -> None:
    words = catalogue()
    for path, command in walk(cli):
        assert isinstance(command, click.Command)
        texts = [command.help, command.short_help] + [
            param.help for param in command.params if isinstance(param, click.Option)
        ]
        for text in filter(None, texts):
            assert words.get(inspect.cleandoc(text)), f"{path}: not translated: {text!r}"


def sample_values(template: str) -> dict[str, object]:
    fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    samples: dict[str, object] = {}
    for name in fields:
        if name in WORDS:
            samples[name] = next(iter(WORDS[name]))
        elif name in ("limit", "length", "count", "years", "record", "least"):
            samples[name] = 12345
        elif name in ("day", "first", "last", "latest"):
            samples[name] = date(2023, 10, 17)
        else:
            samples[name] = f"'{name}-value'"
    return samples


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_domain_error_code_is_said_in_both_languages(code: str) -> None:
    values = sample_values(MESSAGES[code])
    error = DomainError(code, **values)
    said = {}
    for lang in LANGS:
        i18n.use(lang)
        said[lang] = i18n.explain(error)
        assert "{" not in said[lang]
        for value in values.values():
            assert (
                not str(value).endswith("-value'")
                or value in said[lang]
                or value == "'article-value'"
            )
    i18n.use("en")
    assert said["id"] != said["en"]


@pytest.mark.parametrize("code", sorted(DATE_MESSAGES))
def test_every_date_problem_is_said_in_both_languages(code: str) -> None:
    error = DateError(code, **{k: str(v) for k, v in sample_values(DATE_MESSAGES[code]).items()})
    i18n.use("id")
    indonesian = i18n.explain(error)
    i18n.use("en")
    assert indonesian != i18n.explain(error) == error.message


def test_numbers_and_dates_in_a_refusal_are_written_as_each_language_writes_them() -> None:
    error = DomainError("count-out-of-range", limit=10_000_000, got="-1")
    early = DomainError("date-too-early", day=date(1935, 8, 12), first=date(1945, 8, 17))
    i18n.use("id")
    assert i18n.explain(error) == "harus bilangan bulat dari 0 sampai 10.000.000, bukan -1"
    assert i18n.explain(early) == "12 Agustus 1935 lebih awal dari 17 Agustus 1945"
    i18n.use("en")
    assert i18n.explain(error) == "must be a whole number from 0 to 10,000,000, got -1"


@pytest.mark.parametrize(("lang", "written"), [("id", "-10.000.000.000.000.000.000.000.000.000.000"),
                                               ("en", "-10,000,000,000,000,000,000,000,000,000,000")])  # fmt: skip
def test_a_number_of_any_size_is_written_in_a_sentence(lang: str, written: str) -> None:
    i18n.use(lang)
    try:
        assert i18n.shown(-(10**31)) == written  # beyond the 28 digits of Babel's decimals
    finally:
        i18n.use("en")


def test_a_count_out_of_range_is_refused_with_both_numbers_written_alike(store_url: str) -> None:
    args = ["log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20",
            "--audience-size", "12345678"]  # fmt: skip
    assert humas(store_url, *args, HUMAS_LANG="id").err == (
        "humas: kesalahan: Nilai tidak sah untuk '--audience-size': harus bilangan bulat "
        "dari 0 sampai 10.000.000, bukan 12.345.678\n"
    )
    assert humas(store_url, *args, HUMAS_LANG="en").err == (
        "humas: error: Invalid value for '--audience-size': must be a whole number "
        "from 0 to 10,000,000, got 12,345,678\n"
    )


def test_an_impossible_date_is_refused_in_the_language_chosen(store_url: str) -> None:
    args = ["log", "outreach", "--title", "Jumat Curhat", "--on", "31/02/2024"]
    indonesian = humas(store_url, *args, HUMAS_LANG="id")
    english = humas(store_url, *args, HUMAS_LANG="en")
    assert indonesian.code == english.code == 2
    assert indonesian.err == (
        "humas: kesalahan: Nilai tidak sah untuk '--on': "
        "'31/02/2024' bukan tanggal yang ada di kalender\n"
    )
    assert (
        english.err == "humas: error: Invalid value for '--on': '31/02/2024' is not a real date\n"
    )


def test_tables_have_headings_in_the_language_chosen_and_json_stays(store_url: str) -> None:
    assert humas(store_url, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20",
                 "--unit", "Polsek Belitang").code == 0  # fmt: skip
    table = humas(store_url, "activity", "list", HUMAS_LANG="id").out.splitlines()
    assert table[0].split() == ["ID", "TANGGAL", "JENIS", "STATUS", "VERIFIKASI", "SATUAN", "JUDUL"]
    english = humas(store_url, "activity", "list", HUMAS_LANG="en").out.splitlines()
    assert english[0].split() == ["ID", "DATE", "KIND", "STATUS", "REVIEW", "UNIT", "TITLE"]
    assert table[1].split()[3:5] == ["terlaksana", "dilaporkan"]  # statuses in words
    assert english[1].split()[3:5] == ["conducted", "reported"]
    as_json = {lang: humas(store_url, "activity", "list", "--json", HUMAS_LANG=lang).out
               for lang in LANGS}  # fmt: skip
    assert as_json["id"] == as_json["en"] and '"title": "Jumat Curhat"' in as_json["id"]


NO_LOCALE = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


def usage_language(tmp_path: Path, *args: str, **env: str | None) -> str:
    settings = str(tmp_path / "config.json")
    result = humas("unused.sqlite", *args, "log", "--help", actor=None,
                   **{**NO_LOCALE, "HUMAS_LANG": None, "HUMAS_CONFIG": settings, **env})  # type: ignore[arg-type]  # fmt: skip
    assert result.code == 0, result.err
    return "id" if result.out.startswith("Penggunaan:") else "en"


def test_the_language_is_chosen_by_option_variable_setting_then_locale(tmp_path: Path) -> None:
    assert usage_language(tmp_path) == "en"
    assert usage_language(tmp_path, LANG="id_ID.UTF-8") == "id"
    assert usage_language(tmp_path, LANG="C.UTF-8") == "en"
    assert usage_language(tmp_path, LANG="en_US.UTF-8", LC_ALL="id_ID.UTF-8") == "id"
    settings = str(tmp_path / "config.json")
    assert humas("unused.sqlite", "config", "set", "lang", "id", HUMAS_CONFIG=settings).code == 0
    assert usage_language(tmp_path, LANG="en_US.UTF-8") == "id"
    assert usage_language(tmp_path, HUMAS_LANG="en") == "en"
    assert usage_language(tmp_path, "--lang", "en") == "en"
    assert usage_language(tmp_path, "--lang", "id", HUMAS_LANG="en") == "id"
    refused = humas("unused.sqlite", "config", "set", "lang", "fr", HUMAS_CONFIG=settings)
    assert refused.code == 2 and refused.err.count("\n") == 1


def test_a_report_is_written_in_the_language_of_the_command_line(store_url: str) -> None:
    assert (
        humas(store_url, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20").code
        == 0
    )
    for lang, heading in (("id", "Laporan"), ("en", "report")):
        out = humas(store_url, "report", "period", "--from", "2023-10-16", "--to", "2023-10-22",
                    HUMAS_LANG=lang).out  # fmt: skip
        assert re.search(heading, out.splitlines()[0]), (lang, out[:200])
    chosen = humas(store_url, "report", "period", "--from", "2023-10-16", "--to", "2023-10-22",
                   "--lang", "en", HUMAS_LANG="id").out  # fmt: skip
    assert "report" in chosen.splitlines()[0]


def field_report_templates() -> list[str]:
    from adapters.cli.catalogue import messages

    return sorted(
        message
        for message, where in messages().items()
        if isinstance(message, str) and where.startswith("adapters/field_reports/")
    )


def test_every_file_check_problem_is_said_in_both_languages() -> None:
    templates = field_report_templates()
    assert len(templates) > 50
    for template in templates:
        values = sample_values(template)
        i18n.use("id")
        indonesian = i18n.tell(template, **values)
        i18n.use("en")
        english = i18n.tell(template, **values)
        assert "{" not in indonesian and indonesian != english, template


SHEET = """report_id,reporter.name,reporter.rank,unit,kind,title,date,operation,tempat
TR/1,Rahmat Hidayat,Aipda,Polsek Talang Rejo,outreach,Jumat Curhat,31/02/2024,omb,
TR/2,Rahmat Hidayat,Aipda,Polsek Talang Rejo,outreach,Sambang,17/11/2023,ops-lain,
"""


def test_a_field_report_s_problems_are_listed_in_the_language_chosen(
    store_url: str, tmp_path: Path
) -> None:
    sheet = tmp_path / "minggu-46.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    said = {}
    for lang in LANGS:
        result = humas(store_url, "ingest", "field-report", str(sheet), HUMAS_LANG=lang)
        assert result.code == 2
        said[lang] = [line for line in result.err.splitlines() if f"{sheet}:" in line]
    assert said["id"] == [f"humas: kesalahan: {sheet}:1: tempat: kolom tidak dikenal"]
    assert said["en"] == [f"humas: error: {sheet}:1: tempat: unknown column"]


def test_a_field_report_s_record_problems_are_said_in_both_languages(
    store_url: str, tmp_path: Path
) -> None:
    sheet = tmp_path / "minggu-46.csv"
    sheet.write_text("\n".join(SHEET.replace(",tempat", "").replace("omb,", "omb").replace(
        "ops-lain,", "ops-lain").splitlines()) + "\n", encoding="utf-8")  # fmt: skip
    indonesian = humas(store_url, "ingest", "field-report", str(sheet), HUMAS_LANG="id")
    english = humas(store_url, "ingest", "field-report", str(sheet), HUMAS_LANG="en")
    assert indonesian.code == english.code == 2
    assert [line for line in indonesian.err.splitlines() if str(sheet) in line] == [
        f"humas: kesalahan: {sheet}:2: date: '31/02/2024' bukan tanggal yang ada di kalender",
        f"humas: kesalahan: {sheet}:3: operation: tidak ada operasi yang cocok dengan 'ops-lain'",
    ]
    assert [line for line in english.err.splitlines() if str(sheet) in line] == [
        f"humas: error: {sheet}:2: date: '31/02/2024' is not a real date",
        f"humas: error: {sheet}:3: operation: no operation matches 'ops-lain'",
    ]


def test_every_refusal_raised_names_a_code_of_the_message_tables() -> None:
    """A domain error or a date error raised anywhere carries a code the catalogue has
    words for (a sentence passed instead would reach a person untranslated)."""
    import ast

    root = Path(__file__).resolve().parents[2]
    wrong = []
    for folder in ("domain", "adapters", "reports"):
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                name = node.func.id
                if name not in ("InvalidValue", "NotFound", "Refused", "Conflict", "DateError"):
                    continue
                table = DATE_MESSAGES if name == "DateError" else MESSAGES
                code = node.args[0] if node.args else None
                if isinstance(code, ast.Constant) and code.value in table:
                    continue
                if isinstance(code, ast.Attribute) and code.attr == "code":
                    continue  # passed on from another error
                if isinstance(code, ast.JoinedStr):  # "{field}-missing": each one is listed
                    continue
                wrong.append(f"{path.relative_to(root)}:{node.lineno}")
    assert wrong == []
    assert {"kind-missing", "title-missing", "occurred-on-missing"} <= set(MESSAGES)


def test_a_store_that_is_not_there_is_said_in_the_language_chosen(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.sqlite")
    indonesian = humas(missing, "activity", "list", HUMAS_LANG="id")
    english = humas(missing, "activity", "list", HUMAS_LANG="en")
    assert indonesian.code == english.code == 1
    assert indonesian.err.startswith(f"humas: kesalahan: tidak ada basis data humas di {missing};")
    assert english.err.startswith(f"humas: error: no humas store at {missing};")


def test_every_command_has_an_indonesian_name_that_runs_the_same_command() -> None:
    from adapters.cli.main import COMMANDS, ENGLISH_NAMES, INDONESIAN_NAMES

    assert set(INDONESIAN_NAMES) == set(COMMANDS)
    assert len(ENGLISH_NAMES) == len(INDONESIAN_NAMES), "two commands share a name"
    ctx = click.Context(cli)
    for english, indonesian in INDONESIAN_NAMES.items():
        assert indonesian == english or indonesian not in COMMANDS
        assert cli.get_command(ctx, indonesian) is cli.get_command(ctx, english)


@pytest.mark.parametrize(
    ("lang", "shown", "hidden"), [("id", "kegiatan", "activity"), ("en", "activity", "kegiatan")]
)
def test_the_root_help_lists_the_commands_by_the_names_of_its_language(
    lang: str, shown: str, hidden: str
) -> None:
    listed = humas("unused.sqlite", "--help", HUMAS_LANG=lang).out.split("\n\n")[-1]
    names = [line.split()[0] for line in listed.splitlines()[1:]]
    assert shown in names and hidden not in names


def test_an_officer_records_and_lists_with_the_indonesian_names(store_url: str) -> None:
    logged = humas(
        store_url, "catat", "sosialisasi", "--title", "Jumat Curhat", "--on", "2023-10-20",
        HUMAS_LANG="id",
    )  # fmt: skip
    assert logged.code == 0, logged.err
    listed = humas(store_url, "kegiatan", "list", "--json", HUMAS_LANG="en")
    assert [row["title"] for row in listed.json()] == ["Jumat Curhat"]
    usage = humas(store_url, "kegiatan", "list", "--help", HUMAS_LANG="id").out
    assert usage.splitlines()[0].endswith(" kegiatan list [OPSI]")


# Where each function that says something to a person takes its English sentence.
SAYING = {
    "tell": 0, "_": 0, "N_": 0, "ngettext": 0, "say": 0, "announce": 0, "StoreError": 0,
    "ConfigError": 0, "TimeError": 0, "NewsReadError": 0, "WordedError": 0,
    "ReportFileError": 0, "Problem": 2, "verdict_note": 0, "_seal_problem": 1,
    "_record_problem": 5, "_problem": 1,
}  # fmt: skip


def test_every_sentence_given_to_a_saying_function_is_in_the_catalogue() -> None:
    """The catalogue's extraction (Babel) reads calls by their tokens; this reads them by
    their syntax tree, so a sentence Babel skipped (or an f-string, which cannot be
    translated) is found."""
    import ast

    from adapters.cli.catalogue import DOMAIN_SAYING, ROOT, messages

    known = {message if isinstance(message, str) else message[0] for message in messages()}
    paths = [*(ROOT / "adapters").rglob("*.py"), *(ROOT / path for path in DOMAIN_SAYING)]
    unsaid = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            index = SAYING.get(name or "")
            if index is None or len(node.args) <= index:
                continue
            given = node.args[index]
            if isinstance(given, ast.Constant) and given.value not in known:
                unsaid.append(f"{path.name}:{node.lineno}: {given.value!r}")
    assert unsaid == []


def test_a_news_item_that_cannot_be_read_is_said_in_the_language_chosen(
    store_url: str, tmp_path: Path
) -> None:
    empty = tmp_path / "kosong.txt"
    empty.write_text("")
    said = {
        lang: humas(store_url, "ingest", "news", str(empty), HUMAS_LANG=lang).err.splitlines()
        for lang in LANGS
    }
    assert f"humas: kesalahan: {empty}: berkas kosong" in said["id"]
    assert f"humas: error: {empty}: empty file" in said["en"]
    refused = humas(store_url, "ingest", "news", "--url", "http://127.0.0.1:5432/", HUMAS_LANG="id")
    assert refused.code == 2
    assert "127.0.0.1 adalah alamat privat (127.0.0.1); hanya alamat publik" in refused.err


def test_a_store_failing_under_a_command_is_said_in_the_language_chosen() -> None:
    from adapters.store import explain_store_failure

    failure = explain_store_failure(Exception("database disk image is malformed"))
    i18n.use("id")
    try:
        said = i18n.tell(failure.template, **failure.values)
    finally:
        i18n.use("en")
    assert said == "basis data rusak (database disk image is malformed); pulihkan dari cadangan"
    assert str(failure) == (
        "the store is damaged (database disk image is malformed); restore it from a backup"
    )


def test_the_shell_completes_the_indonesian_names_too() -> None:
    import subprocess
    import sys

    env = {**os.environ, "_HUMAS_COMPLETE": "bash_complete", "COMP_WORDS": "humas ke",
           "COMP_CWORD": "1"}  # fmt: skip
    run = [sys.executable, "-c", "from adapters.cli.entry import main; main()"]
    offered = subprocess.run(run, env=env, capture_output=True, text=True).stdout.split()
    assert {"plain,kegiatan", "plain,kejadian"} <= set(offered)


def test_a_file_that_is_no_report_is_refused_in_the_language_chosen(
    store_url: str, tmp_path: Path
) -> None:
    humas(store_url, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20")
    notes = tmp_path / "catatan.md"
    notes.write_text("# Catatan rapat\n\nBukan laporan humas.\n", encoding="utf-8")
    refused = humas(store_url, "audit", "verify", "--report", str(notes), HUMAS_LANG="id")
    assert refused.code == 2
    assert "catatan kakinya tidak menyebut perintah dan digest angka" in refused.err
    assert len(refused.err.splitlines()) == 1


def test_show_commands_say_statuses_in_the_reader_s_language_and_line_up(
    demo: tuple[str, str],
) -> None:
    store, _ = demo
    [incident] = humas(store, "incident", "list", "--json").json()
    shown = humas(store, "kejadian", "show", incident["id"], HUMAS_LANG="id").out
    assert "verifikasi" in shown and "usulan" in shown and "proposed" not in shown
    [item, *_] = humas(store, "coverage", "list", "--json").json()
    heading, *fields = (
        humas(store, "pemberitaan", "show", item["id"], HUMAS_LANG="id")
        .out.split("\n\n")[0]
        .splitlines()
    )
    # every value starts in one column, however long the Indonesian labels
    starts = {re.match(r"  \S+(?: \S+)*\s{2,}", line).end() for line in fields}  # type: ignore[union-attr]
    assert heading.startswith("berita") and len(starts) == 1, fields


def test_the_review_queue_says_where_each_record_came_from_in_the_reader_s_language(
    demo: tuple[str, str],
) -> None:
    store, _ = demo
    rows = {lang: humas(store, "review", "list", HUMAS_LANG=lang).out for lang in LANGS}
    assert "anggota" in rows["id"] and "berita (1 item)" in rows["id"]
    assert "laporan lapangan BLT/2023/11/014" in rows["id"] and "kejadian" in rows["id"]
    assert re.search(r"officer|news \(|field report|incident", rows["id"]) is None
    assert "officer" in rows["en"] and "news (1 item)" in rows["en"]
    assert "field report BLT/2023/11/014" in rows["en"] and "incident" in rows["en"]


def test_a_history_says_its_flags_and_field_names_in_the_reader_s_language(
    store_url: str,
) -> None:
    humas(store_url, "operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
          "--start", "19/10/2023", "--end", "20/10/2024")  # fmt: skip
    drill = humas(store_url, "log", "simulation", "--title", "Simulasi Sispam Kota", "--on",
                  "17/10/2023", "--operation", "omb", "--json").json()  # fmt: skip
    twice = humas(store_url, "log", "simulation", "--title", "Sispamkota", "--on", "17/10/2023",
                  "--json").json()  # fmt: skip
    assert humas(store_url, "review", "merge", twice["id"], "--into", drill["id"]).code == 0
    said = {lang: humas(store_url, "history", drill["id"], HUMAS_LANG=lang).out for lang in LANGS}
    assert (
        "catatan mutu data: Tanggal 17 Oktober 2023 berada 2 hari sebelum omb dimulai "
        "(19 Oktober 2023)" in said["id"]
    )
    assert "flags: 17 October 2023 is 2 days before omb starts (19 October 2023)" in said["en"]
    assert "2023-10-17 is 2 days before" not in said["id"] + said["en"]  # not the stored line
    merged = humas(store_url, "history", twice["id"], HUMAS_LANG="id").out
    assert f"id tujuan penggabungan: {drill['id']}" in merged and "survivor id" not in merged


def test_a_coverage_item_s_flags_are_said_in_the_reader_s_words(demo: tuple[str, str]) -> None:
    store, _ = demo
    [item] = [row for row in humas(store, "coverage", "list", "--json").json()
              if row["outlet"] == "Suara Belitang"]  # fmt: skip
    said = {lang: humas(store, "pemberitaan", "show", item["id"], HUMAS_LANG=lang).out
            for lang in LANGS}  # fmt: skip
    assert "Tahun pada “Kamis (26/10)” tidak tertulis" in said["id"]
    assert "The year of “Kamis (26/10)” is not written" in said["en"]
    assert "-> 2023 from publication date" not in said["id"] + said["en"]  # not the stored line


def test_a_count_with_a_thousands_dot_is_refused_saying_how_to_write_it(store_url: str) -> None:
    # "1.250" is 1,250 to an Indonesian reader and 1.25 to Python: neither is guessed.
    args = ["log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20",
            "--audience-size", "1.250"]  # fmt: skip
    assert humas(store_url, *args, HUMAS_LANG="id").err == (
        "humas: kesalahan: Nilai tidak sah untuk '--audience-size': harus bilangan bulat yang "
        "ditulis dengan angka saja, mis. 1250 (tanpa titik, ± atau kata), bukan '1.250'\n"
    )
    assert humas(store_url, *args, HUMAS_LANG="en").err == (
        "humas: error: Invalid value for '--audience-size': must be a whole number in digits "
        "only, e.g. 1250 (no dots, ± or words), got '1.250'\n"
    )


def test_merging_two_kinds_is_refused_in_words_that_read_in_both_languages(
    store_url: str,
) -> None:
    talk = humas(store_url, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-11-10",
                 "--json").json()  # fmt: skip
    drill = humas(store_url, "log", "simulation", "--title", "Sispamkota", "--on", "2023-11-10",
                  "--json").json()  # fmt: skip
    said = {
        lang: humas(
            store_url, "review", "merge", talk["id"], "--into", drill["id"], HUMAS_LANG=lang
        )
        for lang in LANGS
    }
    assert said["en"].code == said["id"].code != 0
    assert "outreach and simulation are different kinds: not one activity" in said["en"].err
    assert "jenis yang berbeda: bukan satu kegiatan" in said["id"].err
