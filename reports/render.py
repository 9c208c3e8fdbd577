"""Rendering a report as Markdown, self-contained HTML or JSON."""

import json
import re
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket

import reports.charts as charts
from reports.figures import build_figures
from reports.i18n import Fmt
from reports.model import ReportInput
from reports.summary import summary_sentences

Format = Literal["md", "html", "json"]
FORMATS: tuple[str, ...] = ("md", "html", "json")

_SPACE = re.compile(r"\s+")
# Characters that could start emphasis, links, raw HTML, code or a table column. A
# backslash before any ASCII punctuation is a literal in CommonMark, so this is safe.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&!~])")


def md_escape(value: Any) -> str:
    """Text made safe for a Markdown table cell or list item: one line, no markup."""
    if value is None:
        return "–"
    # A newline inside a cell would end the table row; collapse it like HTML would.
    text = _SPACE.sub(" ", str(value)).strip()
    return _MD_SPECIAL.sub(r"\\\1", text)


def http_url(value: Any) -> str | None:
    """The URL if it is http(s); a javascript: or data: link must not become clickable."""
    if not value:
        return None
    url = str(value).strip()
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None


def checks_by_code(checks: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The data-quality checks one line per code, in the order the figures give them,
    with the records of every check of that code: the label once, not once a subject."""
    grouped: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for check in checks:
        # A drill sharing news with an incident stays one line per incident: the reader
        # must see which records go together.
        paired = check["code"] == "incident_shares_coverage_with_drill"
        key = (check["code"], check.get("subject") if paired else None)
        grouped.setdefault(key, []).extend(check.get("records") or [])
    return [(code, records) for (code, _), records in grouped.items()]


class _KeptTemplates(FileSystemBytecodeCache):
    """Compiled templates kept in the user's cache folder: compiling the report's
    templates took about 0.3 s of every report. A kept template is used only while its
    source is unchanged (jinja2 compares a checksum); a cache that cannot be read or
    written is simply not used."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def _kept_templates() -> BytecodeCache | None:
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("humas", appauthor=False)) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _KeptTemplates(str(folder))


@cache
def _environment(lang: str) -> Environment:
    fmt = Fmt(lang)
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        bytecode_cache=_kept_templates(),
        # HTML (and the SVG inside it) is always escaped; Markdown uses the md filter.
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,  # a misspelt field fails the tests instead of vanishing
    )
    env.install_gettext_translations(fmt.tr, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        num=fmt.num,
        signed=fmt.signed,
        date_full=fmt.date_full,
        date_long=fmt.date_long,
        date_short=fmt.date_short,
        datetime_full=fmt.datetime_full,
        time=fmt.time,
        kind=fmt.kind,
        review=fmt.review,
        source=fmt.source,
        category=fmt.category,
        channel=fmt.channel,
        check=fmt.check,
        figure=fmt.figure,
        md=md_escape,
        checks_by_code=checks_by_code,
        http_url=http_url,
    )
    env.globals["fmt"] = fmt
    return env


def _context(inp: ReportInput) -> tuple[dict[str, Any], Fmt, list[str]]:
    figures = build_figures(inp)
    fmt = Fmt(inp.lang)
    return figures, fmt, summary_sentences(figures, fmt)


def render_markdown(inp: ReportInput) -> str:
    figures, _, summary = _context(inp)
    template = _environment(inp.lang).get_template("report.md.j2")
    return template.render(f=figures, summary=summary)


def render_html(inp: ReportInput) -> str:
    figures, fmt, summary = _context(inp)
    template = _environment(inp.lang).get_template("report.html.j2")
    return template.render(f=figures, summary=summary, charts=charts.all_charts(figures, fmt))


def render_json(inp: ReportInput) -> str:
    """The figures, the summary in the report's language and the appendix: JSON_SHAPE.md."""
    figures, _, summary = _context(inp)
    payload: dict[str, Any] = {}
    for key, value in figures.items():
        payload[key] = value
        if key == "totals":
            payload["summary"] = summary
    # Insertion order is deterministic and reads in report order; indent puts the
    # generated_at value on a line of its own, like the other formats.
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render(inp: ReportInput, fmt: Format) -> str:
    if fmt == "md":
        return render_markdown(inp)
    if fmt == "html":
        return render_html(inp)
    if fmt == "json":
        return render_json(inp)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {FORMATS}")
