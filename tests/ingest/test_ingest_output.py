"""What ``humas ingest news`` prints: JSON lines, the readable summary and its last line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.news.generate import generate_articles
from tests.ingest.support import (
    DRILL_REPORTS,
    ITEM_KEYS,
    REAL_CLASH,
    UNRELATED,
    events_in,
    ingest,
    json_lines,
)


def test_a_dry_run_prints_the_22_keys_per_item_and_stores_nothing(store: str) -> None:
    before = events_in(store)
    result = ingest(store, *DRILL_REPORTS, REAL_CLASH, "--dry-run", "--json")
    assert result.code == 0, result.err
    items = json_lines(result.out)
    assert len(items) == 4
    assert all(list(item) == ITEM_KEYS for item in items)
    assert [item["category"] for item in items] == ["simulation"] * 3 + ["incident"]
    assert items[0]["occurred_on"] == "2023-11-09"
    assert events_in(store) == before
    assert result.err.strip().splitlines()[-1] == (
        "would have ingested 4, linked 0, duplicates 0, failed 0"
    )


def test_without_dry_run_each_line_also_has_the_ids_written(store: str) -> None:
    result = ingest(store, *DRILL_REPORTS, REAL_CLASH, UNRELATED, "--json")
    assert result.code == 0, result.err
    items = json_lines(result.out)
    assert all(list(item) == [*ITEM_KEYS, "ids"] for item in items)
    drill, *others, clash, unrelated = (item["ids"] for item in items)
    assert drill["outcome"] == "ingested" and drill["record_type"] == "Activity"
    assert [other["outcome"] for other in others] == ["linked", "linked"]
    assert {other["record"] for other in others} == {drill["record"]}
    assert (clash["record_type"], clash["outcome"]) == ("Incident", "ingested")
    assert unrelated["record"] is None and unrelated["coverage_item"]
    # stdout holds only the JSON lines; the summary goes to stderr
    assert result.err.strip() == "ingested 3, linked 2, duplicates 0, failed 0"


def test_the_readable_summary_has_one_line_per_item_and_the_counts_last(store: str) -> None:
    result = ingest(store, *DRILL_REPORTS, REAL_CLASH, UNRELATED)
    assert result.code == 0, result.err
    *lines, last = result.out.strip().splitlines()
    assert last == "ingested 3, linked 2, duplicates 0, failed 0"
    assert len(lines) == 5
    assert lines[0].startswith(f"{DRILL_REPORTS[0]}: simulation 2023-11-09: proposed activity ")
    assert "linked to activity" in lines[1] and "linked to activity" in lines[2]
    assert lines[3].startswith(f"{REAL_CLASH}: incident 2024-02-26: proposed incident ")
    assert lines[4].endswith("kept as coverage only")


def test_nothing_is_printed_to_stderr_as_progress_when_it_is_not_a_terminal(
    store: str, tmp_path: Path
) -> None:
    many = tmp_path / "berita"
    many.mkdir()
    for name, text in generate_articles(25, seed=1):  # above the progress bar's threshold
        (many / name).write_text(text, encoding="utf-8")
    result = ingest(store, many)
    assert result.code == 0
    assert result.err == ""
    assert result.out.strip().splitlines()[-1].endswith("duplicates 0, failed 0")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal (pty)")
def test_a_person_at_a_terminal_sees_a_progress_bar_for_many_items(tmp_path: Path) -> None:
    import pty

    command = Path(sys.executable).with_name("humas")
    if not command.exists():
        pytest.skip(f"the humas command is not installed beside {sys.executable}")
    many = tmp_path / "berita"
    many.mkdir()
    for name, text in generate_articles(25, seed=2):
        (many / name).write_text(text, encoding="utf-8")
    terminal, stderr = pty.openpty()
    store = str(tmp_path / "store.sqlite")
    with subprocess.Popen(
        [command, "--store", store, "--as", "Bripka Ani Lestari", "ingest", "news", many],
        stdout=subprocess.PIPE,
        stderr=stderr,
    ) as child:
        os.close(stderr)
        seen = b""
        while True:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the other end closed: the command is done
                break
            if not chunk:
                break
            seen += chunk
        out = child.stdout.read().decode() if child.stdout else ""
    os.close(terminal)
    assert child.returncode == 0
    assert "ingesting" in seen.decode(errors="replace")
    assert out.strip().splitlines()[-1].endswith("duplicates 0, failed 0")
