"""Protecting the store: encryption with HUMAS_CIPHER_KEY, read-only opening, who may seal,
and a PostgreSQL login that can only read."""

import os
import re
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from adapters.protection import new_key
from domain.model.errors import Refused
from domain.model.provenance import Recorder
from tests.cli import humas

TITLES = ("Simulasi Sispam Kota Rahasia", "Operasi Mantap Brata Musi", "Ops Lilin Sriwijaya")
README = Path(__file__).resolve().parents[2] / "README.md"


def record_secrets(store: str, key: str) -> None:
    env = {"HUMAS_CIPHER_KEY": key}
    assert humas(store, "operation", "plan", TITLES[1], "--slug", "omb-musi", "--start",
                 "19/10/2023", "--end", "20/10/2024", "--alias", TITLES[2], **env).code == 0  # fmt: skip
    assert humas(store, "log", "simulation", "--title", TITLES[0], "--on", "17/10/2023",
                 "--unit", "Polres OKU Timur", "--operation", "omb-musi", **env).code == 0  # fmt: skip
    assert humas(store, "audit", "seal", **env).code == 0


def test_with_a_key_no_title_is_in_the_sqlite_files(tmp_path: Path) -> None:
    store, key = str(tmp_path / "store.sqlite"), new_key()
    record_secrets(store, key)
    listed = humas(store, "activity", "list", "--operation", TITLES[2], "--json", HUMAS_CIPHER_KEY=key)  # fmt: skip
    assert [row["title"] for row in listed.json()] == [TITLES[0]]
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("store.sqlite*"))
    for title in TITLES:
        for form in (title, title.lower(), title.lower().replace(" ", "-")):
            assert form.encode() not in raw
    assert b"omb-musi" not in raw


@pytest.mark.postgres
def test_with_a_key_no_title_is_in_the_postgresql_tables(postgres_store_url: str) -> None:
    import psycopg

    store_url = postgres_store_url
    record_secrets(store_url, new_key())
    server, _, schema = store_url.partition("?schema=")
    with psycopg.connect(server) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (schema,))]  # fmt: skip
        assert "humas_events" in tables
        for table in tables:
            rows = connection.execute(f'SELECT t::text FROM "{schema}"."{table}" t').fetchall()  # type: ignore[arg-type]
            text = "\n".join(row[0] for row in rows).lower()
            assert not any(title.lower() in text for title in TITLES), table
            assert "omb-musi" not in text, table


def test_a_missing_wrong_or_malformed_key_is_one_line(tmp_path: Path) -> None:
    store, key = str(tmp_path / "store.sqlite"), new_key()
    record_secrets(store, key)
    for env, says in (
        ({}, "is encrypted: set HUMAS_CIPHER_KEY to its key"),
        ({"HUMAS_CIPHER_KEY": new_key()}, "HUMAS_CIPHER_KEY does not open store"),
        ({"HUMAS_CIPHER_KEY": "not-a-key"}, "HUMAS_CIPHER_KEY is not a key"),
    ):
        result = humas(store, "activity", "list", **env)
        assert result.code == 1
        assert result.err.startswith("humas: error: ") and says in result.err
        assert len(result.err.splitlines()) == 1


def test_a_plain_store_refuses_a_key(tmp_path: Path) -> None:
    store = str(tmp_path / "store.sqlite")
    assert humas(store, "log", "press", "--title", "Rilis", "--on", "2023-10-20").code == 0
    result = humas(store, "activity", "list", HUMAS_CIPHER_KEY=new_key())
    assert result.code == 1
    assert "is not encrypted, but HUMAS_CIPHER_KEY is set" in result.err


def test_new_key_prints_a_fresh_aes_256_key(tmp_path: Path) -> None:
    first = humas(str(tmp_path / "s"), "store", "new-key").out.strip()
    second = humas(str(tmp_path / "s"), "store", "new-key").out.strip()
    assert first != second
    assert re.fullmatch(r"[A-Za-z0-9+/]{43}=", first)


def test_seals_and_exports_of_an_encrypted_store_check_without_the_key(tmp_path: Path) -> None:
    store, key = str(tmp_path / "store.sqlite"), new_key()
    record_secrets(store, key)
    out = tmp_path / "export.jsonl"
    assert humas(store, "audit", "export", "--out", str(out), HUMAS_CIPHER_KEY=key).code == 0
    assert humas(store, "audit", "verify", HUMAS_CIPHER_KEY=key).code == 0
    assert humas(str(tmp_path / "none"), "audit", "verify", "--export", str(out)).code == 0


def test_read_only_writes_nothing_and_still_answers(
    store_url: str, app: Any, officer: Recorder
) -> None:
    app.log_activity(officer, kind="press", title="Konferensi pers", occurred_on=date(2023, 10, 25))  # fmt: skip
    refused = humas(store_url, "--read-only", "log", "press", "--title", "X", "--on", "2023-10-26")
    assert refused.code == 1
    assert len(refused.err.splitlines()) == 1
    listed = humas(store_url, "--read-only", "activity", "list", "--json")
    assert [row["title"] for row in listed.json()] == ["Konferensi pers"]
    assert humas(store_url, "--read-only", "audit", "seal").code == 1
    assert app.store_info()["events"] == 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "opened read-only"), ("id", "dibuka hanya-baca")],
)  # fmt: skip
def test_a_write_to_a_store_opened_read_only_says_so_in_the_readers_language(
    store_url: str, app: Any, officer: Recorder, lang: str, said: str
) -> None:
    app.log_activity(officer, kind="press", title="Konferensi pers", occurred_on=date(2023, 10, 25))  # fmt: skip
    for command in (["log", "press", "--title", "X", "--on", "2023-10-26"],
                    ["operation", "plan", "Operasi Lilin", "--slug", "lilin", "--start",
                     "2023-12-20", "--end", "2024-01-02"],
                    ["audit", "seal"]):  # fmt: skip
        refused = humas(store_url, "--read-only", *command, HUMAS_LANG=lang)
        assert refused.code == 1
        [line] = refused.err.splitlines()
        assert said in line
        assert ("this command writes" if lang == "en" else "perintah ini menulis") in line
    assert app.store_info()["events"] == 1


def test_read_only_does_not_create_a_store(tmp_path: Path) -> None:
    store = tmp_path / "new.sqlite"
    result = humas(str(store), "audit", "log")
    assert result.code == 1
    assert result.err.startswith(f"humas: error: no humas store at {store}")
    assert not store.exists()


def test_sealing_needs_a_supervisor_once_there_is_a_roster(store_url: str, app: Any) -> None:
    boss, ani = Recorder("AKP Hendra Saputra"), Recorder("Bripka Ani Lestari")
    app.add_to_roster(boss, boss.actor, "supervisor")
    app.add_to_roster(boss, ani.actor, "officer")
    app.log_activity(ani, kind="press", title="Konferensi pers", occurred_on=date(2023, 10, 25))
    with pytest.raises(Refused, match="needs the supervisor role"):
        app.seal(ani)
    refused = humas(store_url, "audit", "seal", actor=ani.actor)
    assert refused.code == 2
    assert "needs the supervisor role" in refused.err
    assert humas(store_url, "audit", "seal", actor=boss.actor).code == 0
    assert app.seal_for_report(ani) == {**app.latest_seal(), "new": False, "unvouched": 0}


def test_a_seals_reason_without_accept_foreign_is_refused_not_dropped(
    store_url: str, app: Any, officer: Recorder
) -> None:
    app.log_activity(officer, kind="press", title="Rilis", occurred_on=date(2023, 10, 25))
    refused = humas(store_url, "audit", "seal", "--reason", "segel akhir pekan")
    assert refused.code == 2
    assert refused.err.splitlines() == [
        "humas: error: Invalid value for --reason: goes with --accept-foreign"
    ]
    assert app.store_info()["events"] == 1  # no seal made without its reason


def test_a_report_seal_is_made_only_when_something_new_was_stored(
    app: Any, officer: Recorder
) -> None:
    assert app.seal_for_report() is None  # an empty store
    app.log_activity(officer, kind="press", title="Rilis", occurred_on=date(2023, 10, 25))
    first = app.seal_for_report()
    assert (first["number"], first["position"], first["new"]) == (1, 1, True)
    assert app.seal_for_report() == {**first, "new": False}
    app.log_activity(officer, kind="press", title="Rilis lagi", occurred_on=date(2023, 10, 26))
    second = app.seal_for_report()
    assert (second["number"], second["position"]) == (2, 4)


@pytest.mark.postgres
def test_the_readme_auditor_login_can_read_and_not_write(postgres_store_url: str) -> None:
    import psycopg

    store_url = postgres_store_url
    assert (
        humas(store_url, "log", "press", "--title", "Konferensi pers", "--on", "2023-10-25").code
        == 0
    )
    [sql] = re.findall(r"```sql\n(CREATE ROLE auditor.*?)```", README.read_text(), flags=re.S)
    schema, role = store_url.partition("?schema=")[2], f"humas_auditor_{uuid.uuid4().hex[:8]}"
    server = store_url.partition("?")[0]
    database = server.rsplit("/", 1)[1]
    sql = sql.replace("auditor", role).replace("public", f'"{schema}"')
    sql = sql.replace("DATABASE humas", f"DATABASE {database}")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]
    try:
        auditor = store_url.replace("postgres@", f"{role}:change-me@")
        assert humas(auditor, "audit", "verify").code == 0
        assert humas(auditor, "--read-only", "activity", "list").code == 0
        written = humas(
            auditor, "--read-only", "log", "press", "--title", "X", "--on", "2023-10-26"
        )
        assert written.code == 1
        # without --read-only too, the login's refusal is said as what it is
        written = humas(auditor, "log", "press", "--title", "X", "--on", "2023-10-26")
        assert written.code == 1
        [line] = written.err.splitlines()
        assert "is opened read-only (the login or the file allows only reading)" in line
        with psycopg.connect(auditor.partition("?")[0], autocommit=True) as connection:
            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                connection.execute(f'DELETE FROM "{schema}".humas_events')
            connection.execute("SET default_transaction_read_only = off")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(f'DELETE FROM "{schema}".humas_events')
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP OWNED BY "{role}"')  # type: ignore[arg-type]
            connection.execute(f'DROP ROLE "{role}"')  # type: ignore[arg-type]


def test_an_auditors_report_writes_no_seal(store_url: str) -> None:
    chief, auditor = "AKP Hendra Saputra", "Kompol Dewi Propam"
    humas(store_url, "roster", "add", chief, "--role", "supervisor", actor=chief)
    humas(store_url, "roster", "add", auditor, "--role", "auditor", actor=chief)
    humas(store_url, "log", "press", "--title", "Rilis", "--on", "2023-10-25", actor=chief)
    before = humas(store_url, "store", "info", "--json").json()["events"]
    report = humas(store_url, "report", "weekly", "--week", "2023-W43", actor=auditor)
    assert report.code == 0, report.err
    assert humas(store_url, "store", "info", "--json").json()["events"] == before


def test_an_auditor_cannot_rebuild_the_read_model_nor_a_read_only_store(store_url: str) -> None:
    boss = "AKP Hendra Saputra"
    assert humas(store_url, "roster", "add", boss, "--role", "supervisor", actor=boss).code == 0
    assert (
        humas(store_url, "roster", "add", "Kompol Dewi", "--role", "auditor", actor=boss).code == 0
    )
    refused = humas(store_url, "store", "rebuild", actor="Kompol Dewi")
    assert refused.code == 2
    assert refused.err.strip() == (
        "humas: error: rebuilding the read model needs the officer or supervisor role; "
        "Kompol Dewi is an auditor"
    )
    read_only = humas(store_url, "--read-only", "store", "rebuild", actor=boss)
    assert read_only.code != 0
    assert "rebuilt" not in read_only.out
    assert "read-only" in read_only.err
    assert humas(store_url, "store", "rebuild", actor=boss).code == 0


def test_an_auditors_copy_on_a_write_protected_medium_is_read_not_called_damaged(
    tmp_path: Path,
) -> None:
    """The copy lies on a read-only mount (a write-protected stick); the check runs in a
    mount namespace of its own, so it needs a machine that allows one."""
    import shutil
    import sqlite3
    import subprocess
    import sys

    office = str(tmp_path / "office.sqlite")
    assert humas(office, "log", "press", "--title", "Konferensi pers", "--on", "2023-10-25").code == 0  # fmt: skip
    assert humas(office, "audit", "seal").code == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    shutil.copy(office, stick / "humas.sqlite")
    with sqlite3.connect(stick / "humas.sqlite") as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    copy.close()
    humas_command = Path(sys.executable).parent / "humas"
    script = (
        f"mount --bind {stick} {stick} && mount -o remount,bind,ro {stick} && "
        f"{humas_command} --store {stick / 'humas.sqlite'} audit verify && "
        f"{humas_command} --store {stick / 'humas.sqlite'} activity list"
    )
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("this machine allows no mount namespace (unshare -m)")
    run = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                         env={**os.environ, "HUMAS_LANG": "en"}, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("intact: 1 records match 1 seal")
    assert "Konferensi pers" in run.stdout
    assert sorted(path.name for path in stick.iterdir()) == ["humas.sqlite"]
