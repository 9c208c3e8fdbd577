"""``audit verify --report FILE``: does a report that left the office still match the events?

A report's footer (md, html) or its JSON names the command that makes it again as of the
moment its figures come from, and the digest of its figures. The report is made again
from the events (a private read model caught up to that moment), its figures hashed the
same way, and the digests compared.
"""

import html
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adapters.worded import WordedError

_COMMAND = re.compile(r"humas report (?:weekly|period) [^`<\n]*?--as-of [0-9T:.+\-Z]+")
_DIGEST = re.compile(r"sha256:([0-9a-f]{64})")


class ReportFileError(WordedError, ValueError):
    """A file that is no humas report with a footer to check; one line for a person."""


@dataclass(frozen=True)
class ReportCheck:
    matches: bool
    position: int
    digest: str  # as printed in the report
    recomputed: str  # as the events give it
    # The first line of the file that is not the report made again (None: every line is,
    # apart from the generated-at line): a figure edited in the text, its digest left be.
    differs_at: int | None = None


def footer_of(path: Path) -> tuple[list[str], str]:
    """The reproducing command's arguments (after ``humas``) and the figures digest."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportFileError(
            "{path}: cannot be read ({error})", path=str(path), error=str(error)
        ) from None
    if path.suffix.lower() == ".json":
        try:
            report = json.loads(text)["report"]
            command, digest = str(report["command"]), str(report["figures_digest"])
        except (ValueError, KeyError, TypeError):
            raise ReportFileError(
                "{path}: no report.command and report.figures_digest", path=str(path)
            ) from None
    else:
        found_command, found_digest = _COMMAND.search(text), _DIGEST.search(text)
        if not found_command or not found_digest:
            raise ReportFileError(
                "{path}: its footer names no command and figures digest "
                "(a report from an older humas?)",
                path=str(path),
            )
        command, digest = found_command.group(0), found_digest.group(1)
        if path.suffix.lower() in (".html", ".htm"):
            command = html.unescape(command)  # a unit's name is quoted: &#39;Polres OKU&#39;
    args = shlex.split(command)
    return args[1:], digest.removeprefix("sha256:")


def check_report(app: Any, path: Path) -> ReportCheck:
    """Make the report of ``path`` again as of its moment and compare its figures."""
    from adapters.cli.report_commands import report as report_group
    from reports.figures import build_figures
    from reports.source import build_input, week_bounds

    args, digest = footer_of(path)
    if len(args) < 2 or args[0] != "report" or args[1] not in report_group.commands:
        raise ReportFileError("{path}: its footer's command is not a humas report", path=str(path))
    command = report_group.commands[args[1]]
    try:
        context = command.make_context(args[1], args[2:])
    except Exception as error:
        raise ReportFileError(
            "{path}: its footer's command cannot be read ({error})",
            path=str(path),
            error=str(error),
        ) from None
    params = context.params
    if args[1] == "weekly":
        start, end = week_bounds(params["week"], params["day"])
    else:
        start, end = params["start"], params["end"]
    report_input = build_input(
        app, kind=args[1], start=start, end=end, operation_ref=params["operation"],
        unit=params["unit"], lang=params["lang"], verified_only=params["verified_only"], as_of=params["as_of"],
    )  # fmt: skip
    figures = build_figures(report_input)
    recomputed = figures["report"]["figures_digest"]
    differs_at = _first_line_changed(path, report_input)
    matches = recomputed == digest and differs_at is None
    return ReportCheck(matches, report_input.store_position, digest, recomputed, differs_at)


def _first_line_changed(path: Path, report_input: Any) -> int | None:
    """The first line of the file that differs from the report made again in its format
    (None: none). The generated-at line is the one line the two may differ in: found as
    the lines that differ between two renderings made at two other moments."""
    from dataclasses import replace
    from datetime import timedelta

    from reports.render import Format, render

    suffix = path.suffix.lower()
    fmt: Format = "json" if suffix == ".json" else "html" if suffix in (".html", ".htm") else "md"
    made = render(report_input, fmt).splitlines()
    later = replace(report_input, generated_at=report_input.generated_at + timedelta(days=400))
    # the same lines, one moment apart: the generated-at line is the one that differs
    moments = {
        number
        for number, (line, other) in enumerate(
            zip(made, render(later, fmt).splitlines(), strict=True)
        )
        if line != other
    }
    given = path.read_text(encoding="utf-8").splitlines()
    for number, (line, again) in enumerate(zip(given, made, strict=False)):
        if line != again and number not in moments:
            return number + 1
    return None if len(given) == len(made) else min(len(given), len(made)) + 1
