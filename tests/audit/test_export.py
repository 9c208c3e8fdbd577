"""An auditor takes an export home and checks it there: with humas and no store, or with
the twenty lines of Python the README gives."""

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from domain.model.provenance import Recorder
from tests.cli import humas

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def export(app: Any, officer: Recorder, store_url: str, tmp_path: Path) -> Path:
    drill = app.log_activity(officer, kind="simulation", title="Simulasi Sispam Kota",
                             occurred_on=date(2023, 10, 17), personnel=250)  # fmt: skip
    app.seal(officer)
    app.correct_activity(officer, str(drill.id), {"personnel": 275}, "angka dari Kabag Ops")
    app.seal(officer)
    app.log_activity(officer, kind="press", title="Konferensi pers", occurred_on=date(2023, 10, 25))  # fmt: skip
    out = tmp_path / "humas-audit.jsonl"
    result = humas(store_url, "audit", "export", "--out", str(out))
    assert result.code == 0
    assert result.err == f"exported 6 events and 2 seals (up to position 6) to {out}\n"
    return out


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write(path: Path, items: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")


def test_the_export_holds_every_record_each_seal_after_its_range_and_an_end(export: Path) -> None:
    items = lines(export)
    assert [(item["kind"], item.get("position")) for item in items] == [
        ("header", None),
        ("event", 1),
        ("seal", 1),
        ("event", 2),
        ("event", 3),
        ("event", 4),
        ("seal", 4),
        ("event", 5),
        ("event", 6),
        ("end", None),
    ]
    correction = items[5]
    assert (correction["type"], correction["reason"]) == ("Corrected", "angka dari Kabag Ops")
    assert correction["changes"] == {"personnel": {"from": 250, "to": 275}}
    assert items[-1] == {"kind": "end", "events": 6, "seals": 2, "last_position": 6}


def test_an_export_verifies_without_any_store(export: Path, tmp_path: Path) -> None:
    elsewhere = str(tmp_path / "no-such-store.sqlite")
    result = humas(elsewhere, "audit", "verify", "--export", str(export))
    assert result.code == 0
    assert result.out.startswith("intact: 4 records match 2 seals; latest seal #2 at position 4")
    assert not Path(elsewhere).exists()


def test_a_changed_export_line_is_named(export: Path, tmp_path: Path) -> None:
    items = lines(export)
    forged = tmp_path / "forged.jsonl"
    items[1]["state"] = items[5]["state"]  # the drill's creation replaced by its correction
    del items[4]  # and a record deleted
    write(forged, items)
    result = humas(str(tmp_path / "x.sqlite"), "audit", "verify", "--export", str(forged), "--json")
    assert result.code == 3
    problems = result.json()["problems"]
    assert [(p["kind"], p["position"], p["seal"]) for p in problems] == [
        ("export", 1, None),  # what the line says is no longer what its state says
        ("export", None, None),  # the end line counts one event more
        ("altered", 1, 1),
        ("deleted", 3, 2),
    ]
    assert problems[2]["title"] == "Simulasi Sispam Kota"


def test_an_export_cut_short_is_caught(export: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.jsonl"
    write(cut, lines(export)[:-3])
    result = humas(str(tmp_path / "x.sqlite"), "audit", "verify", "--export", str(cut))
    assert result.code == 3
    assert "the end line is missing, the export was cut short" in result.out


def readme_check() -> str:
    """The auditor's own check, exactly as the README prints it."""
    text = README.read_text(encoding="utf-8")
    [snippet] = re.findall(r"```python\n(# check_export\.py.*?)```", text, flags=re.S)
    return snippet


def run_readme_check(export: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "check_export.py"
    script.write_text(readme_check(), encoding="utf-8")
    return subprocess.run([sys.executable, "-I", str(script), str(export)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_the_readme_check_passes_an_untouched_export(export: Path, tmp_path: Path) -> None:
    assert len([line for line in readme_check().splitlines() if line.strip()]) < 40
    run = run_readme_check(export, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    seals = {item["number"]: item["hash"] for item in lines(export) if item["kind"] == "seal"}
    assert run.stdout.splitlines() == [
        f"seal 1 up to position 1 hash {seals[1]}",
        f"seal 2 up to position 4 hash {seals[2]}",
        "intact",
    ]


def test_the_readme_check_catches_a_changed_export(export: Path, tmp_path: Path) -> None:
    items = lines(export)
    items[5]["state"] = items[3]["state"]
    forged = tmp_path / "forged.jsonl"
    write(forged, items)
    run = run_readme_check(forged, tmp_path)
    assert run.returncode == 1
    assert run.stdout.splitlines()[-3:] == [
        "position 4: altered",
        "position 4: recorded_at differs from the stored event",
        "seal 2: does not match its records",
    ]


@pytest.mark.parametrize("field", ["title", "actor", "changes", "recorded_at"])
def test_a_forged_readable_field_is_named_by_humas_and_by_the_readme_check(
    export: Path, tmp_path: Path, field: str
) -> None:
    items = lines(export)
    drill = items[1]
    drill[field] = {"personnel": 9999} if field == "changes" else "Orang lain"
    forged = tmp_path / "forged.jsonl"
    write(forged, items)
    result = humas(str(tmp_path / "x.sqlite"), "audit", "verify", "--export", str(forged))
    assert result.code == 3
    assert result.out.splitlines()[0].startswith("export     position 1  Activity")
    assert result.out.splitlines()[0].endswith(f"{field} differs from the stored event")
    if field != "changes":  # the README's lines check who, when, how, why and the title
        run = run_readme_check(forged, tmp_path)
        assert run.returncode == 1
        assert f"position 1: {field} differs from the stored event" in run.stdout


def test_an_encrypted_export_checks_its_readable_fields_only_with_the_key(tmp_path: Path) -> None:
    from adapters.protection import new_key

    store, key = str(tmp_path / "store.sqlite"), new_key()
    assert humas(store, "log", "press", "--title", "Rilis", "--on", "2023-10-25",
                 HUMAS_CIPHER_KEY=key).code == 0  # fmt: skip
    out = tmp_path / "e.jsonl"
    assert humas(store, "audit", "export", "--out", str(out), HUMAS_CIPHER_KEY=key).code == 0
    items = lines(out)
    items[1]["title"] = "Rilis palsu"
    write(out, items)
    unchecked = humas(store, "audit", "verify", "--export", str(out))
    assert unchecked.code == 0
    assert "the readable fields of 1 encrypted events were not checked" in unchecked.out
    checked = humas(store, "audit", "verify", "--export", str(out), "--key", key)
    assert checked.code == 3
    assert "title differs from the stored event" in checked.out


def encrypted_export(tmp_path: Path, key: str) -> Path:
    store = str(tmp_path / "store.sqlite")
    for title in ("Rilis", "Konferensi pers"):
        logged = humas(store, "log", "press", "--title", title, "--on", "2023-10-25",
                       HUMAS_CIPHER_KEY=key)  # fmt: skip
        assert logged.code == 0, logged.err
    out = tmp_path / "e.jsonl"
    assert humas(store, "audit", "export", "--out", str(out), HUMAS_CIPHER_KEY=key).code == 0
    return out


def test_another_stores_key_is_refused_in_one_line_not_taken_for_forged_fields(
    tmp_path: Path,
) -> None:
    from adapters.protection import new_key

    out = encrypted_export(tmp_path, new_key())
    result = humas(str(tmp_path / "x.sqlite"), "audit", "verify", "--export", str(out),
                   "--key", new_key())  # fmt: skip
    assert result.code == 2 and result.out == ""
    assert result.err.splitlines() == [
        "humas: error: Invalid value for --key: this key does not open the export's events "
        "(they were encrypted with another key)"
    ]


def test_an_encrypted_event_whose_bytes_were_changed_is_named_with_the_right_key(
    tmp_path: Path,
) -> None:
    from adapters.protection import new_key

    key = new_key()
    out = encrypted_export(tmp_path, key)
    items = lines(out)
    items[2]["state"] = items[1]["state"][:-8] + "AAAAAAAA"  # the cipher refuses these bytes
    write(out, items)
    result = humas(str(tmp_path / "x.sqlite"), "audit", "verify", "--export", str(out),
                   "--key", key)  # fmt: skip
    assert result.code == 3
    assert result.out.splitlines()[0].startswith("export     position 2")
    assert result.out.splitlines()[0].endswith("its stored bytes cannot be read with the key given")


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + bytes(range(256)) * 40,
                                     b"garbage\n" * 500, b"", b'{"kind": "event"}\n'])  # fmt: skip
def test_a_file_that_is_no_export_is_one_line_naming_it(tmp_path: Path, content: bytes) -> None:
    given = tmp_path / "humas.sqlite"
    given.write_bytes(content)
    result = humas(str(tmp_path / "x.sqlite"), "audit", "verify", "--export", str(given))
    assert result.code == 2 and result.out == ""
    assert result.err.splitlines() == [
        f"humas: error: Invalid value for --export: {given} is not a humas audit export: "
        "its first line is not the header of humas-audit-export/1"
    ]


def test_an_export_cut_short_names_the_files_last_line(export: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.jsonl"
    cut.write_text(export.read_text().splitlines(keepends=True)[0] + "{broken\n")
    result = humas(str(tmp_path / "x.sqlite"), "audit", "verify", "--export", str(cut))
    assert result.code == 3
    assert result.out.splitlines()[:2] == [
        "export     cut.jsonl line 2 is not a line of a humas audit export",
        "export     cut.jsonl line 2 is the last: the end line is missing, the export was cut short",
    ]
