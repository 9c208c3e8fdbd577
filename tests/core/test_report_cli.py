"""``humas report`` and ``humas demo`` against real stores."""

import json
from pathlib import Path

from tests.cli import humas

PLAN = ["operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
        "--start", "19/10/2023", "--end", "20/10/2024", "--days", "222"]  # fmt: skip


def log(store, kind, title, day, *extra):
    result = humas(store, "log", kind, "--title", title, "--on", day, "--operation", "omb", *extra)
    assert result.code == 0, result.err


def test_a_weekly_report_counts_the_week_and_compares_with_the_one_before(store_url, tmp_path):
    humas(store_url, *PLAN)
    log(store_url, "outreach", "Jumat Curhat", "2023-10-20", "--unit", "Polsek Belitang")
    log(store_url, "outreach", "Cooling system", "2023-10-24", "--unit", "Polsek Belitang",
        "--audience-size", "1234")  # fmt: skip
    log(store_url, "deployment", "Apel pergeseran", "2023-10-25", "--unit", "Polres OKU Timur")
    out = tmp_path / "w43.json"
    result = humas(store_url, "report", "weekly", "--week", "2023-W43", "--format", "json",
                   "--out", str(out))  # fmt: skip
    assert result.code == 0, result.err
    figures = json.loads(out.read_text(encoding="utf-8"))
    text = json.dumps(figures)
    assert "1234" in text or "1.234" in text
    markdown = humas(store_url, "report", "weekly", "--date", "2023-10-24", "--lang", "en").out
    assert "Monday, 23 October 2023" in markdown and "1,234" in markdown
    indonesian = humas(store_url, "report", "weekly", "--date", "2023-10-24", HUMAS_LANG="id").out
    assert "Senin, 23 Oktober 2023" in indonesian and "1.234" in indonesian


def test_a_title_with_markup_shows_as_text_in_the_html_report(store_url, tmp_path):
    humas(store_url, *PLAN)
    log(store_url, "press", "<script>alert(1)</script>", "2023-10-24")
    out = tmp_path / "report.html"
    humas(store_url, "report", "period", "--from", "2023-10-23", "--to", "2023-10-29",
          "--format", "html", "--out", str(out))  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_same_store_gives_the_same_report_apart_from_the_generated_line(store_url):
    humas(store_url, *PLAN)
    log(store_url, "outreach", "Sambang", "2023-10-24", "--unit", "Polsek Martapura")
    first = humas(store_url, "report", "weekly", "--week", "2023-W43").out.splitlines()
    second = humas(store_url, "report", "weekly", "--week", "2023-W43").out.splitlines()
    differing = [pair for pair in zip(first, second, strict=True) if pair[0] != pair[1]]
    assert len(differing) <= 1


def test_a_bad_week_is_one_line(store_url):
    result = humas(store_url, "report", "weekly", "--week", "2023-W60")
    assert result.code == 2 and "--week" in result.err


def test_the_demo_ends_with_an_html_report_of_its_busiest_week(tmp_path):
    store = str(tmp_path / "demo.sqlite")
    result = humas(store, "demo", "--lang", "en", actor=None)
    assert result.code == 0, result.err
    report_line = result.out.strip().splitlines()[-1]
    path = report_line.rsplit(": ", 1)[1]
    html = Path(path).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lower().startswith("<!doctype html>")
    assert "Operasi Mantap Brata 2023-2024" in html and "Weekly report" in html
    info = humas(store, "store", "info", "--json").json()
    assert info["activities"] >= 15 and info["operations"] == 1
    again = humas(store, "demo", actor=None)
    assert again.code == 2 and "not empty" in again.err


def test_a_report_is_made_again_from_the_command_in_its_footer(tmp_path) -> None:
    import re

    from tests.cli import humas

    store = str(tmp_path / "store.sqlite")
    humas(store, "log", "outreach", "--title", "Sosialisasi awal", "--on", "2023-10-24")
    first = tmp_path / "a.md"
    assert humas(store, "report", "weekly", "--week", "2023-W43", "--out", str(first)).code == 0
    text = first.read_text(encoding="utf-8")
    command = re.search(r"`(humas report weekly --week 2023-W43 --lang en --as-of (\S+))`", text)
    assert command, text[-400:]
    humas(store, "log", "outreach", "--title", "Sosialisasi susulan", "--on", "2023-10-25")
    again = tmp_path / "b.md"
    made = humas(store, "report", "weekly", "--week", "2023-W43", "--as-of", command.group(2),
                 "--out", str(again))  # fmt: skip
    assert made.code == 0, made.err
    lines, lines_again = text.splitlines(), again.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(lines_again)
    differ = [a for a, b in zip(lines, lines_again, strict=True) if a != b]
    assert len(differ) <= 1  # the generated-at line, when the minute turned meanwhile
    assert "susulan" not in again.read_text(encoding="utf-8")


def test_an_as_of_time_to_the_minute_counts_the_whole_minute() -> None:
    from adapters.audit.times import parse_moment

    assert parse_moment("2023-10-29T17:03+07:00", whole_minute=True).isoformat() == (
        "2023-10-29T17:04:00+07:00"
    )
    assert parse_moment("2023-10-29T17:03:12+07:00", whole_minute=True).second == 12
    assert parse_moment("2023-10-29T17:03+07:00").minute == 3
