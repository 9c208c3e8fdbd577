"""Everyday use without surprises (issue 15): stores that are not there or not humas's,
inputs officers really type, one rule for every entry point, commands that explain
themselves. Every store-facing test runs on SQLite and PostgreSQL."""

import re
import sqlite3
import uuid
from pathlib import Path

import click
import pytest

from tests.cli import humas

PLAN = ["operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
        "--start", "19/10/2023", "--end", "20/10/2024", "--days", "222"]  # fmt: skip


def events_in(store: str) -> int:
    return humas(store, "store", "info", "--json").json()["events"]


def one_line(result) -> bool:  # type: ignore[no-untyped-def]
    return len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


# Opening a store ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["activity", "list"], ["store", "info"], ["operation", "list"], ["review", "list"],
     ["incident", "list"], ["report", "weekly", "--week", "2023-W42"], ["audit", "log"]],
)  # fmt: skip
def test_a_read_never_creates_a_store(store_url: str, args: list[str]) -> None:
    result = humas(store_url, *args)
    assert result.code == 1 and one_line(result), result.err
    assert "no humas store at" in result.err and "humas store init" in result.err
    assert humas(store_url, "store", "info").code == 1  # still nothing there


def test_a_read_on_a_mistyped_path_creates_no_folder(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "store.sqlite"
    result = humas(str(missing), "activity", "list")
    assert result.code == 1 and one_line(result)
    assert not missing.parent.exists()


def test_the_first_write_creates_the_store_and_says_so_once(store_url: str) -> None:
    first = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20")
    assert first.code == 0, first.err
    assert first.err.count("created a new humas store") == 1
    second = humas(store_url, "log", "outreach", "--title", "Sambang 2", "--on", "2023-10-21")
    assert second.code == 0 and "created" not in second.err
    assert events_in(store_url) == 2


@pytest.mark.parametrize(
    "args",
    [["log", "outreach", "--title", "Sambang", "--on", "2023-10-20"], PLAN,
     ["ingest", "field-report", "laporan.yaml"]],
)  # fmt: skip
def test_a_write_refused_for_want_of_an_actor_creates_no_store(
    store_url: str, args: list[str]
) -> None:
    result = humas(store_url, *args, actor=None)
    assert result.code == 2 and one_line(result), result.err
    assert "who is recording?" in result.err and "created" not in result.err
    assert "no humas store at" in humas(store_url, "store", "info").err


def test_store_init_creates_an_empty_store_once(store_url: str) -> None:
    assert "created a new humas store" in humas(store_url, "store", "init").out
    assert "already a humas store" in humas(store_url, "store", "init").out
    assert events_in(store_url) == 0


def test_a_new_store_s_lists_say_there_is_nothing_yet_not_a_bare_heading(store_url: str) -> None:
    humas(store_url, "store", "init")
    for command, said in ((["activity", "list"], "no activities\n"),
                          (["operation", "list"], "no operations\n"),
                          (["coverage", "list"], "no coverage items\n"),
                          (["incident", "list"], "no incidents\n")):  # fmt: skip
        result = humas(store_url, *command)
        assert (result.code, result.out) == (0, said), command
        assert humas(store_url, *command, "--json").json() == []
    assert humas(store_url, "kegiatan", "list", HUMAS_LANG="id").out == "tidak ada kegiatan\n"


def test_the_first_write_creates_a_new_postgresql_schema(postgres_store_url: str) -> None:
    import psycopg

    schema = f"humas_new_{uuid.uuid4().hex[:10]}"
    server = postgres_store_url.split("?")[0]
    url = f"{server}?schema={schema}"
    try:
        assert humas(url, "activity", "list").code == 1
        result = humas(url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20")
        assert result.code == 0, result.err
        assert "created a new humas store" in result.err
        assert events_in(url) == 1
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _damaged(tmp_path: Path) -> Path:
    store = tmp_path / "good.sqlite"
    assert humas(str(store), *PLAN).code == 0
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(store.read_bytes()[:5000])
    return damaged


@pytest.mark.parametrize("schema", ["humas;drop", "humas-oku", "1humas", "h" * 64])
def test_a_schema_name_the_server_would_misread_is_refused_before_anything_is_made(
    postgres_store_url: str, schema: str
) -> None:
    import psycopg

    server = postgres_store_url.split("?")[0]
    result = humas(f"{server}?schema={schema}", "store", "init")
    assert result.code == 1 and one_line(result), result.err
    assert "a schema is named by letters, digits and _" in result.err
    with psycopg.connect(server, autocommit=True) as connection:
        made = connection.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
        assert made.fetchone() is None


@pytest.mark.parametrize(
    "address",
    ["postgresql://humas:rahasia@db.polres.local:port/humas",
     "postgresql://humas:rahasia@db.polres.local:5432/",
     "postgresql://humas:rahasia@db.polres.local/humas?schema=oku;timur",
     "mysql://humas:rahasia@db.polres.local/humas"],
)  # fmt: skip
def test_a_store_address_refused_never_shows_its_password(address: str) -> None:
    result = humas(address, "activity", "list")
    assert result.code == 1 and one_line(result), result.err
    assert "rahasia" not in result.err and "humas@db.polres.local" in result.err


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "kontak.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE kontak (nama TEXT)")
    connection.close()
    return path


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "catatan.txt"
    path.write_text("ini bukan basis data\n" * 50)
    return path


@pytest.mark.parametrize("make", [_text_file, _foreign, _damaged])
@pytest.mark.parametrize(
    "args", [["activity", "list"], ["log", "outreach", "--title", "x", "--on", "2023-10-20"]]
)
def test_what_is_not_a_humas_store_is_one_line_and_left_alone(
    tmp_path: Path, make, args: list[str]
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    before = path.read_bytes()
    result = humas(str(path), *args)
    assert result.code == 1 and one_line(result), result.err
    assert str(path) in result.err
    assert path.read_bytes() == before


def test_reads_work_through_a_read_only_postgresql_login(postgres_store_url: str) -> None:
    """The auditor's login of the README: SELECT only, every transaction read-only."""
    import psycopg

    assert humas(postgres_store_url, *PLAN).code == 0
    server, _, query = postgres_store_url.partition("?")
    schema = query.split("=", 1)[1]
    role = f"humas_auditor_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE ROLE {role} LOGIN")
        connection.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO {role}')
        connection.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {role}')
        connection.execute(f"ALTER ROLE {role} SET default_transaction_read_only = on")
    try:
        auditor = postgres_store_url.replace("postgres@", f"{role}@")
        listed = humas(auditor, "operation", "list", "--json")
        assert listed.code == 0, listed.err
        assert [row["slug"] for row in listed.json()] == ["omb"]
        assert humas(auditor, "activity", "list").code == 0
        refused = humas(auditor, "log", "outreach", "--title", "x", "--on", "2023-10-20")
        assert refused.code == 1 and one_line(refused), refused.err
        assert "the store is opened read-only" in refused.err  # not the server's words
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM {role}')
            connection.execute(f'REVOKE USAGE ON SCHEMA "{schema}" FROM {role}')
            connection.execute(f"DROP ROLE {role}")


def test_with_read_only_every_write_is_refused_in_one_line_and_nothing_is_written(
    store_url: str, tmp_path: Path
) -> None:
    assert humas(store_url, *PLAN).code == 0
    ref = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20",
                "--json").json()["id"][:8]  # fmt: skip
    before = events_in(store_url)
    writes = [["log", "outreach", "--title", "x", "--on", "2023-10-20"],
              ["activity", "correct", ref, "--personnel", "5", "--reason", "x"],
              ["review", "accept", ref], ["unit", "add", "Polres OKU Timur"],
              ["flag", "resolve", "omb", "duration-conflict", "--reason", "x"],
              ["roster", "add", "AKP Hendra", "--role", "supervisor"], ["store", "rebuild"],
              ["store", "init", str(tmp_path / "baru.sqlite")]]  # fmt: skip
    for args in writes:
        refused = humas(store_url, "--read-only", *args)
        assert refused.code == 1 and one_line(refused), (args, refused.err)
        assert "the store is opened read-only" in refused.err, args
    assert events_in(store_url) == before and not (tmp_path / "baru.sqlite").exists()


def test_a_report_never_overwrites_a_file_without_force(store_url: str, tmp_path: Path) -> None:
    humas(store_url, *PLAN)
    out = tmp_path / "anev.md"
    out.write_text("laporan lama")
    args = ["report", "weekly", "--week", "2023-W42", "--out", str(out)]
    refused = humas(store_url, *args)
    assert refused.code == 2 and one_line(refused) and "--force" in refused.err
    assert out.read_text() == "laporan lama"
    assert humas(store_url, *args, "--force").code == 0
    assert out.read_text() != "laporan lama"


@pytest.mark.parametrize("args", [["report", "weekly", "--week", "2023-W42"], ["audit", "export"]])
def test_an_out_file_in_a_folder_that_is_not_there_is_one_line_and_writes_nothing(
    store_url: str, tmp_path: Path, args: list[str]
) -> None:
    humas(store_url, *PLAN)
    before = events_in(store_url)
    refused = humas(store_url, *args, "--out", str(tmp_path / "laporan" / "anev.md"))
    assert refused.code == 2 and one_line(refused), refused.err
    assert f"--out: there is no folder {tmp_path / 'laporan'}" in refused.err
    assert ".part" not in refused.err and not (tmp_path / "laporan").exists()
    assert events_in(store_url) == before  # the report sealed nothing


def test_an_audit_export_never_overwrites_a_file_without_force(
    store_url: str, tmp_path: Path
) -> None:
    humas(store_url, *PLAN)
    out = tmp_path / "audit.jsonl"
    out.write_text("ekspor lama")
    refused = humas(store_url, "audit", "export", "--out", str(out))
    assert refused.code == 2 and one_line(refused) and "--force" in refused.err
    assert out.read_text() == "ekspor lama" and not list(tmp_path.glob("*.part"))
    assert humas(store_url, "audit", "export", "--out", str(out), "--force").code == 0
    assert '"kind": "header"' in out.read_text() or '"kind":"header"' in out.read_text()


# Errors ------------------------------------------------------------------------


def test_an_unexpected_exception_is_one_line_exit_70_and_debug_shows_it(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from domain.usecases.activities import ActivityUseCases

    humas(store_url, *PLAN)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the read model fell over")

    monkeypatch.setattr(ActivityUseCases, "list_activities", broken)
    result = humas(store_url, "activity", "list")
    assert result.code == 70 and one_line(result)
    assert "internal error: RuntimeError: the read model fell over" in result.err
    assert "rerun with --debug" in result.err
    debug = humas(store_url, "--debug", "activity", "list")
    assert debug.code == 70 and "Traceback" in debug.err and "fell over" in debug.err


# Inputs as officers write them ---------------------------------------------------


def test_weekday_dates_times_with_zone_and_the_operation_s_full_name(store_url: str) -> None:
    humas(store_url, *PLAN)
    result = humas(store_url, "log", "outreach", "--title", "Jumat Curhat",
                   "--on", "Selasa, 17 Oktober 2023", "--at", "08.00 WITA",
                   "--operation", "Operasi Mantap Brata 2023-2024", "--json")  # fmt: skip
    assert result.code == 0, result.err
    logged = result.json()
    assert (logged["occurred_on"], logged["occurred_at"]) == ("2023-10-17", "08:00 WITA")
    assert logged["operation"] == "omb"
    for name in ("Mantap Brata 2023-2024", "mantap brata 2023-2024", "OMB"):
        listed = humas(store_url, "activity", "list", "--operation", name, "--json")
        assert listed.code == 0 and len(listed.json()) == 1, (name, listed.err)


def test_a_wrong_weekday_names_both_days(store_url: str) -> None:
    result = humas(store_url, "log", "outreach", "--title", "x", "--on", "Senin, 17 Oktober 2023")
    assert result.code == 2 and one_line(result)
    assert "Selasa" in result.err and "Senin" in result.err


@pytest.mark.parametrize(
    ("alias", "kind"),
    [("sosialisasi", "outreach"), ("simulasi", "simulation"), ("apel", "deployment"),
     ("gelar-pasukan", "deployment"), ("rakor", "coordination"), ("rilis", "press"),
     ("konferensi-pers", "press")],
)  # fmt: skip
def test_indonesian_kind_names_log_and_filter(store_url: str, alias: str, kind: str) -> None:
    logged = humas(store_url, "log", alias, "--title", "x", "--on", "2023-10-20", "--json")
    assert logged.code == 0, logged.err
    assert logged.json()["kind"] == kind
    listed = humas(store_url, "activity", "list", "--kind", alias.replace("-", " "), "--json")
    assert [row["kind"] for row in listed.json()] == [kind]


def test_an_unknown_kind_lists_the_choices(store_url: str) -> None:
    result = humas(store_url, "log", "riot", "--title", "x", "--on", "2023-10-20")
    assert result.code == 2 and one_line(result)
    assert "outreach" in result.err and "sosialisasi" in result.err


def test_an_unknown_operation_is_refused_naming_the_operation_option(store_url: str) -> None:
    humas(store_url, *PLAN)
    logged = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20",
                   "--json").json()  # fmt: skip
    ref = logged["id"][:8]
    before = events_in(store_url)
    for args in (["activity", "list"], ["review", "list"], ["flag", "list"],
                 ["report", "weekly", "--week", "2023-W42"],
                 ["activity", "correct", ref, "--reason", "salah operasi"],
                 ["review", "accept", ref], ["log", "outreach", "--title", "x", "--on", "2023-10-20"]):  # fmt: skip
        result = humas(store_url, *args, "--operation", "Operasi Ketupat")
        assert result.code == 2 and one_line(result), (args, result.err)
        assert result.err == "humas: error: --operation: no operation matches 'Operasi Ketupat'\n"
    assert events_in(store_url) == before


def test_an_id_typed_too_short_is_refused_saying_how_many_characters_it_takes(
    store_url: str,
) -> None:
    logged = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20",
                   "--json").json()  # fmt: skip
    short = humas(store_url, "activity", "show", logged["id"][:5])
    assert short.code == 2 and one_line(short), short.err
    assert short.err == (
        f"humas: error: REF: no activity matches '{logged['id'][:5]}'; "
        "an id is typed with at least 6 of its first characters\n"
    )
    assert humas(store_url, "activity", "show", logged["id"][:6]).code == 0


OUT_OF_BOUNDS = [
    ["log", "outreach", "--title", "x", "--on", "2023-10-20", "--audience-size", "9" * 20],
    ["log", "outreach", "--title", "x", "--on", "2023-10-20", "--personnel", "10000001"],
    ["log", "outreach", "--title", "x", "--on", "0001-01-01"],
    ["log", "outreach", "--title", "x", "--on", "9999-12-31"],
    ["log", "outreach", "--title", "x" * 301, "--on", "2023-10-20"],
    ["log", "outreach", "--title", "x", "--on", "2023-10-20", "--note", "y" * 2001],
    ["log", "outreach", "--title", "x", "--on", "2023-10-20", "--unit", ""],
    ["log", "outreach", "--title", "x\x07", "--on", "2023-10-20"],
    ["activity", "list", "--operation", "x" * 120_000],
    ["flag", "list", "--operation", ""],
    ["flag", "list", "--operation", "omb\nlain"],
    ["activity", "list", "--from", "2023-10-30", "--to", "2023-10-01"],
    ["activity", "show", "x" * 201],
    ["report", "period", "--from", "0001-01-01", "--to", "9999-12-31"],
    ["report", "period", "--from", "2023-10-30", "--to", "2023-10-01"],
    ["report", "weekly", "--week", "0001-W01"],
    ["report", "weekly", "--week", "9999-W52"],
    ["operation", "plan", "Ops", "--start", "2024-01-01", "--end", "2024-01-02", "--days", "9" * 25],
    ["audit", "log", "--from", "9" * 23],
    ["audit", "log", "--last", "9" * 23],
]  # fmt: skip


@pytest.mark.parametrize("args", OUT_OF_BOUNDS, ids=lambda args: " ".join(args)[:50])
def test_values_outside_the_rules_are_one_line_exit_2_and_write_nothing(
    store_url: str, args: list[str]
) -> None:
    humas(store_url, *PLAN)
    before = events_in(store_url)
    result = humas(store_url, *args)
    assert result.code == 2 and one_line(result), result.err
    assert events_in(store_url) == before


# Commands ----------------------------------------------------------------------


def test_history_reads_as_text(store_url: str) -> None:
    humas(store_url, *PLAN)
    logged = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20",
                   "--unit", "Polsek Belitang", "--unit", "Polsek Buay Madang",
                   "--village", "Tegal Rejo", "--json").json()  # fmt: skip
    humas(store_url, "activity", "correct", logged["id"], "--unit", "Polsek Belitang",
          "--reason", "Polsek Buay Madang tidak ikut")  # fmt: skip
    text = humas(store_url, "history", logged["id"][:8]).out
    assert "{'" not in text and "['" not in text
    assert "units: Polsek Belitang, Polsek Buay Madang → Polsek Belitang" in text
    assert "village: Tegal Rejo" in text
    assert "reason: Polsek Buay Madang tidak ikut" in text


def _commands(group: click.Group, ctx: click.Context, path: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            yield (*path, name), command
            yield from _commands(command, ctx, (*path, name))
        else:
            yield (*path, name), command


def test_every_command_s_help_has_an_example() -> None:
    from adapters.cli.main import cli

    commands = list(_commands(cli, click.Context(cli)))
    assert len(commands) >= 40
    without = [" ".join(path) for path, command in commands
               if not re.search(r"example", command.help or "", re.I)]  # fmt: skip
    assert not without
    for path, _ in commands:
        result = humas("unused.sqlite", *path, "--help")
        assert result.code == 0 and "Example" in result.out, path


def test_the_registry_loads_each_top_level_command_from_its_module() -> None:
    import importlib

    from adapters.cli.main import COMMANDS, cli

    listed = humas("unused.sqlite", "--help").out
    for name, (where, line) in COMMANDS.items():
        module, _, attribute = where.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command) and command.name == name
        assert cli.get_command(click.Context(cli), name) is command
        assert name in listed and line in listed


def test_listing_the_commands_imports_no_command_module() -> None:
    import subprocess
    import sys

    code = ("import sys; from adapters.cli.main import cli; "
            "from click.testing import CliRunner; CliRunner().invoke(cli, ['--help']); "
            "print(sorted(m for m in sys.modules if m.startswith(('adapters.cli.', 'domain', "
            "'eventsourcing'))))")  # fmt: skip
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert (
        loaded.stdout.strip() == "['adapters.cli.common', 'adapters.cli.i18n', 'adapters.cli.main']"
    )


def test_bash_completion_script_and_completions() -> None:
    import os
    import subprocess
    import sys

    humas_bin = str(Path(sys.executable).with_name("humas"))
    script = subprocess.run([humas_bin], env={**os.environ, "_HUMAS_COMPLETE": "bash_source"},
                            capture_output=True, text=True)  # fmt: skip
    assert "complete" in script.stdout and "_HUMAS_COMPLETE" in script.stdout
    assert humas("unused.sqlite", "completion", "bash").out.strip() == script.stdout.strip()
    env = {**os.environ, "_HUMAS_COMPLETE": "bash_complete", "COMP_WORDS": "humas acti",
           "COMP_CWORD": "1"}  # fmt: skip
    words = subprocess.run([humas_bin], env=env, capture_output=True, text=True).stdout
    assert "activity" in words
    for words, at, kind in (("humas log sosi", "2", "sosialisasi"),
                            ("humas catat gel", "2", "gelar-pasukan"),
                            ("humas activity list --kind sosi", "4", "sosialisasi")):  # fmt: skip
        env.update(COMP_WORDS=words, COMP_CWORD=at)
        offered = subprocess.run([humas_bin], env=env, capture_output=True, text=True).stdout
        assert f"plain,{kind}" in offered.split(), (words, offered)


def test_review_accept_takes_a_reason_and_keeps_it(store_url: str) -> None:
    humas(store_url, *PLAN)
    fixed = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20",
                  "--json").json()  # fmt: skip
    plain = humas(store_url, "log", "outreach", "--title", "Patroli", "--on", "2023-10-21",
                  "--json").json()  # fmt: skip
    accepted = humas(store_url, "review", "accept", fixed["id"][:8], "--personnel", "12",
                     "--reason", "angka dari Kapolsek")  # fmt: skip
    assert accepted.code == 0, accepted.err
    history = humas(store_url, "history", fixed["id"][:8]).out
    assert "personnel: — → 12" in history and "reason: angka dari Kapolsek" in history
    assert "fixed on review" not in history
    assert humas(store_url, "review", "accept", plain["id"][:8], "--reason", "dicek").code == 0
    verified = [event for event in humas(store_url, "history", plain["id"], "--json").json()
                if event["type"] == "Verified"]  # fmt: skip
    assert [event["reason"] for event in verified] == ["dicek"]


@pytest.mark.parametrize(
    ("day", "kind", "flag"),
    [("2030-01-05", "outreach", "outside-operation"), ("1990-01-05", "outreach", "outside-operation"),
     ("2023-10-10", "simulation", "before-operation-start"), ("2023-10-10", "outreach", "outside-operation"),
     ("2023-11-01", "outreach", None)],
)  # fmt: skip
def test_the_operation_window_flags_an_officer_s_activity_as_it_flags_news(
    store_url: str, day: str, kind: str, flag: str | None
) -> None:
    humas(store_url, *PLAN)
    args = ["log", kind, "--title", "x", "--on", day, "--operation", "omb", "--json"]
    if kind == "simulation":
        args += ["--scenario-setting", "Kantor KPU", "--step", "Unjuk rasa"]
    logged = humas(store_url, *args)
    assert logged.code == 0, logged.err
    flags = [str(item) for item in logged.json()["flags"]]
    assert [f for f in flags if flag and flag in f] if flag else not flags, flags
    shown = humas(store_url, "activity", "show", logged.json()["id"][:8]).out
    assert (flag in shown) if flag else "outside" not in shown


@pytest.mark.parametrize("how", ["activity correct", "review accept"])
def test_a_correction_that_moves_the_day_outside_the_operation_is_flagged_too(
    store_url: str, how: str
) -> None:
    humas(store_url, *PLAN)
    logged = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2023-11-01",
                   "--operation", "omb", "--json").json()  # fmt: skip
    assert not logged["flags"]
    ref = logged["id"][:8]
    command = [*how.split(), ref, "--on", "2030-01-05", "--reason", "tanggal salah ketik"]
    assert humas(store_url, *command).code == 0
    shown = humas(store_url, "activity", "show", ref, "--json").json()
    assert [str(flag) for flag in shown["flags"] if "outside-operation" in str(flag)], shown
    listed = humas(store_url, "flag", "list", "--json").json()
    assert any(row.get("code") == "outside-operation" for row in listed), listed
    # A correction that keeps the day inside raises nothing more.
    other = humas(store_url, "log", "outreach", "--title", "Patroli", "--on", "2023-11-02",
                  "--operation", "omb", "--json").json()  # fmt: skip
    humas(store_url, "activity", "correct", other["id"][:8], "--on", "2023-11-03",
          "--reason", "hari berikutnya")  # fmt: skip
    assert not humas(store_url, "activity", "show", other["id"][:8], "--json").json()["flags"]


def test_a_correction_into_the_period_leaves_the_flag_open_for_a_supervisor(
    store_url: str,
) -> None:
    humas(store_url, *PLAN)
    logged = humas(store_url, "log", "outreach", "--title", "Sambang", "--on", "2030-01-05",
                   "--operation", "omb", "--json").json()  # fmt: skip
    ref = logged["id"][:8]
    command = ["activity", "correct", ref, "--on", "2023-11-01", "--reason", "tahun salah ketik"]
    assert humas(store_url, *command).code == 0
    listed = humas(store_url, "flag", "list", "--open", "--json").json()
    [still] = [row for row in listed if row["record"]["id"] == logged["id"]]
    assert still["code"] == "outside-operation"


def test_a_field_report_outside_its_operation_gets_the_same_flag(
    store_url: str, tmp_path: Path
) -> None:
    humas(store_url, *PLAN)
    sheet = tmp_path / "laporan.yaml"
    sheet.write_text(
        "- report_id: BLT-1\n  reporter: {name: Sari Wulandari, rank: Aipda}\n"
        "  unit: Polsek Belitang\n  kind: sosialisasi\n  title: Sosialisasi pemilu damai\n"
        "  date: 05/01/2030\n  time: 09.00 WIB\n  operation: Operasi Mantap Brata 2023-2024\n"
    )
    result = humas(store_url, "ingest", "field-report", str(sheet), "--json")
    assert result.code == 0, result.err
    activity = humas(store_url, "activity", "show", result.json()[0]["activity_ids"][0], "--json")
    summary = activity.json()
    assert summary["occurred_at"] == "09:00 WIB" and summary["kind"] == "outreach"
    assert any("outside-operation" in str(flag) for flag in summary["flags"])


def test_incidents_are_listed_and_shown(store_url: str) -> None:
    from tests.ingest.support import REAL_CLASH

    humas(store_url, *PLAN)
    assert humas(store_url, "ingest", "news", str(REAL_CLASH)).code == 0
    listed = humas(store_url, "incident", "list", "--json")
    assert listed.code == 0 and len(listed.json()) == 1
    incident = listed.json()[0]
    table = humas(store_url, "incident", "list").out
    assert incident["id"][:8] in table
    shown = humas(store_url, "incident", "show", incident["id"][:8])
    assert shown.code == 0 and incident["title"] in shown.out and "coverage" in shown.out
    assert (
        humas(store_url, "incident", "show", incident["id"][:8], "--json").json()["id"]
        == incident["id"]
    )
    assert humas(store_url, "review", "accept", incident["id"][:8], "--reason", "dicek").code == 0


def test_a_field_report_file_s_problems_come_in_one_pass(store_url: str, tmp_path: Path) -> None:
    """A contract problem on one record and an unknown operation on another: both at
    once, in the file's order, and nothing written."""
    humas(store_url, *PLAN)
    sheet = tmp_path / "laporan.yaml"
    sheet.write_text(
        "- report_id: BLT-1\n  reporter: {name: Sari Wulandari, rank: Aipda}\n"
        "  unit: Polsek Belitang\n  kind: sosialisasi\n  title: Sosialisasi\n"
        "  date: 25/10/2023\n  operation: Operasi Tidak Ada 2023\n"
        "- report_id: BLT-2\n  reporter: {name: Sari Wulandari, rank: Aipda}\n"
        "  unit: Polsek Belitang\n  kind: rapat\n  title: Rakor\n  date: 26/10/2023\n"
    )
    before = events_in(store_url)
    result = humas(store_url, "ingest", "field-report", str(sheet))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 2, lines
    assert f"{sheet}:1: operation:" in lines[0] and "Operasi Tidak Ada 2023" in lines[0]
    assert f"{sheet}:8: kind: unknown kind 'rapat'" in lines[1]
    assert events_in(store_url) == before


def test_the_import_pipeline_returns_what_happened(app, officer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from adapters.field_reports.intake import import_field_report_file

    sheet = tmp_path / "laporan.yaml"
    sheet.write_text(
        "- report_id: BLT-1\n  reporter: {name: Sari Wulandari, rank: Aipda}\n"
        "  unit: Polsek Belitang\n  kind: apel\n  title: Apel pagi\n  date: 25/10/2023\n"
    )
    first = import_field_report_file(app, officer, sheet)
    assert (first.imported, first.skipped, first.problems) == (["BLT-1"], [], [])
    again = import_field_report_file(app, officer, sheet)
    assert (again.imported, again.skipped, again.problems) == ([], ["BLT-1"], [])


def test_a_news_item_outside_the_value_rules_is_one_line_and_the_others_go_in(
    store_url: str, tmp_path: Path
) -> None:
    from tests.ingest.support import ARTICLES

    good = ARTICLES / "outreach_sebelum_operasi.txt"
    old = tmp_path / "lama.txt"
    old.write_text(
        good.read_text()
        .replace("2023/08/15", "1935/08/12")
        .replace("Published: 2023-08-15", "Published: 1935-08-12")
        .replace("Senin (14/8/2023)", "Senin (12/8/1935)")
    )
    result = humas(store_url, "ingest", "news", str(old), str(good))
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if line.startswith("humas: error")]
    assert errors == [f"humas: error: {old}: occurred_on: 12 August 1935 is before 17 August 1945"]
    assert "ingested 1" in result.out + result.err


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_kept_root_help_is_click_s_own_rendering(lang: str) -> None:
    """`humas --help` prints adapters/cli/root_help.py without importing click, in the
    language chosen; it must be what click prints (regenerate: python -m
    adapters.cli.root_help)."""
    import os
    import subprocess
    import sys

    from adapters.cli.root_help import TEXTS, render

    text = TEXTS[lang]
    assert render(lang) == text
    humas_bin = str(Path(sys.executable).with_name("humas"))
    env = {**os.environ, "COLUMNS": "80", "HUMAS_LANG": lang}
    printed = subprocess.run([humas_bin, "--help"], env=env, capture_output=True, text=True)
    assert printed.returncode == 0 and printed.stdout == text
    other = "en" if lang == "id" else "id"
    chosen = subprocess.run([humas_bin, "--lang", lang, "--help"], env={**env, "HUMAS_LANG": other},
                            capture_output=True, text=True)  # fmt: skip
    assert chosen.stdout == text
    code = "import sys, runpy; sys.argv = ['humas', '--help']; from adapters.cli.entry import main\ntry:\n main()\nexcept SystemExit:\n pass\nprint(sorted(m for m in sys.modules if m.startswith(('click', 'babel'))))"
    loaded = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert loaded.stdout.strip().endswith("[]")
    narrow = subprocess.run([humas_bin, "--help"], env={**env, "COLUMNS": "60"},
                            capture_output=True, text=True)  # fmt: skip
    heading = {"id": "Perintah:", "en": "Commands:"}[lang]
    assert narrow.returncode == 0 and heading in narrow.stdout and narrow.stdout != text


def test_humas_alone_prints_the_help_not_an_error() -> None:
    import subprocess
    import sys

    humas_bin = str(Path(sys.executable).with_name("humas"))
    result = subprocess.run([humas_bin], capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.startswith("Usage: humas")
    assert "Commands:" in result.stderr


def test_byte_code_is_written_once_where_python_will_not(tmp_path: Path) -> None:
    import os
    from importlib.util import cache_from_source

    from adapters.cli.entry import compile_once

    for package in ("first", "second"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("VALUE = 1\n")
        (tmp_path / package / "module.py").write_text("def f():\n    return 2\n")
    compile_once(tmp_path, ("first", "second"))
    compiled = [Path(cache_from_source(str(path))) for path in tmp_path.glob("*/*.py")]
    assert len(compiled) == 4 and all(path.exists() for path in compiled)
    # Once: while no source changed, a later run compiles nothing.
    later = Path(cache_from_source(str(tmp_path / "second" / "module.py")))
    later.unlink()
    compile_once(tmp_path, ("first", "second"))
    assert not later.exists()
    # A source changed since: compiled again.
    changed = tmp_path / "second" / "module.py"
    changed.write_text("def f():\n    return 3\n")
    in_the_future = changed.stat().st_mtime + 10
    os.utime(changed, (in_the_future, in_the_future))
    compile_once(tmp_path, ("first", "second"))
    assert later.exists()
