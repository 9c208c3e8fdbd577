"""The HTML report in a real browser: headless Chromium, no Node, no DevTools client.

Chromium is driven from the command line: ``--dump-dom`` gives the page as the browser
parsed it (so the counts below are of real SVG elements, not of our own text), and
``--enable-logging=stderr`` prints every console message as an ``INFO:CONSOLE`` line. The
report has no script, so any console line (a CSP refusal, a failed load) is an error.
Screenshots go to ``artifacts/`` at the repository root (gitignored).
"""

import itertools
import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reports import build_figures, render
from tests.reports import report_samples as samples


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found (Debian: apt-get install -y chromium)",
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
_profiles = itertools.count()


def chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{next(_profiles)}"  # a fresh profile: no shared state
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


class Marks(HTMLParser):
    """Counts, per chart, the elements whose class has ``bar`` or ``point`` or ``bar-group``."""

    def __init__(self) -> None:
        super().__init__()
        self.chart: str | None = None
        self.counts: dict[str, dict[str, int]] = {}
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "svg" and "chart" in (attributes.get("class") or "").split():
            self.chart = attributes.get("data-chart")
            self.counts[self.chart] = {"bar": 0, "point": 0, "bar-group": 0}
        elif self.chart:
            for token in (attributes.get("class") or "").split():
                if token in self.counts[self.chart]:
                    self.counts[self.chart][token] += 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self.chart = None


def test_the_console_check_sees_errors(tmp_path):
    # Without this, "no console line" could pass because the logging flag stopped working.
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom'); nope();</script>")
    lines = console_lines(chromium(tmp_path, page, "--dump-dom").stderr)
    assert any("boom" in line for line in lines)
    assert any("nope is not defined" in line for line in lines)


def test_report_renders_in_chromium_with_every_chart_mark(tmp_path):
    records = samples.activities()
    records[0]["title"] = "<script>alert(1)</script> Simulasi"
    items = samples.coverage()
    items[0]["quotes"] = [{"speaker": "Kasi Humas", "text": "kata </svg><script>x()</script>"}]
    inp = samples.make_input(
        kind="period", period_start=date(2023, 10, 2), activities=records, coverage=items
    )
    page = tmp_path / "report.html"
    page.write_text(render(inp, "html"), encoding="utf-8")

    result = chromium(tmp_path, page, "--dump-dom")

    assert console_lines(result.stderr) == []
    dom = result.stdout
    marks = Marks()
    marks.feed(dom)
    assert marks.scripts == 0, "an escaped title or quote became a script element"
    figures = build_figures(inp)
    days = figures["activities"]["per_day"]
    assert marks.counts == {
        "per-day": {
            "bar": sum(len(day["counts"]) for day in days),
            "point": 0,
            "bar-group": len(days),
        },
        "reach": {"bar": 0, "point": len(figures["outreach"]["by_week"]), "bar-group": 0},
        "messages": {"bar": 2 * len(figures["messages"]), "point": 0, "bar-group": 0},
    }
    # The same numbers by hand (17 Oct has a drill and a parade; 10, 12, 13, 18, 20 Oct one
    # activity each), so a change in the figures cannot hide a charting bug.
    assert (marks.counts["per-day"]["bar-group"], marks.counts["per-day"]["bar"]) == (21, 7)
    assert marks.counts["reach"]["point"] == 3
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Simulasi" in dom
    assert re.search(r"<section[^>]*id=\"appendix\"", dom)


@pytest.mark.parametrize(
    ("lang", "width", "name"),
    [("id", 412, "report-id-phone.png"), ("en", 1280, "report-en-desktop.png")],
)
def test_screenshot_artifacts(tmp_path, lang, width, name):
    page = tmp_path / "report.html"
    page.write_text(render(samples.make_input(lang=lang), "html"), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    shot.unlink(missing_ok=True)

    result = chromium(tmp_path, page, f"--window-size={width},3000", f"--screenshot={shot}")

    assert console_lines(result.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # PNG header: the width is the one asked for, so the page was laid out at that size.
    assert int.from_bytes(data[16:20], "big") == width
