"""``humas report weekly|period``: the Anev report, in Indonesian or English."""

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from domain.application import HumasApplication
    from domain.model.provenance import Recorder

from adapters.cli.common import (
    DATE,
    FORCE,
    REF,
    TIME_HELP,
    TITLE,
    Session,
    TimeParam,
    check_out_file,
    compose,
    in_order,
    pass_session,
)
from adapters.cli.i18n import LANGS, _, language, tell
from adapters.files import written_whole

report_options = compose(
    click.option("--operation", type=REF,
                 help="One operation (default: every operation, a part for each)."),
    click.option("--unit", metavar="NAME",
                 help="One unit and the units under it, from the unit list (humas unit add)."),
    click.option("--lang", type=click.Choice(LANGS), default=language,
                 help="Language of the report (default: the command line's, see humas --lang)."),
    click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md",
                 help="Markdown, a self-contained HTML page, or JSON."),
    click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
                 help="Write to this file instead of standard output."),
    FORCE,
    click.option("--verified-only", is_flag=True, help="Count verified activities only."),
    click.option("--as-of", type=TimeParam(whole_minute=True), metavar="TIME",
                 help=f"The report as it would have been generated then ({TIME_HELP})."),
)  # fmt: skip


@click.group("report")
def report() -> None:
    """Weekly and period reports for the Anev meeting.

    \b
    Example:
      humas report weekly --week 2023-W42 --format html --out anev-w42.html
      humas report period --from 19/10/2023 --to 18/11/2023 --lang en
    """


@report.command("weekly")
@click.option(
    "--week", metavar="YYYY-Www", type=TITLE, help="ISO week, e.g. 2023-W42 (default: this week)."
)
@click.option("--date", "day", type=DATE, help="Any day of the week wanted.")
@report_options
@pass_session
def weekly(session: Session, week: str | None, day: date | None, **options: Any) -> None:
    """A weekly report.

    \b
    Example:
      humas report weekly --week 2023-W42 --format html --out anev-w42.html
    """
    import re

    from domain.model.errors import InvalidValue
    from domain.model.rules import check_day
    from reports.source import week_bounds

    if week and day:
        # two ways of naming the week: answering one would ignore the other
        raise click.UsageError(_("name the week by --week or by --date, not both"))
    if week and not re.fullmatch(r"\d{4}-[Ww]\d{1,2}", week.strip()):
        # The domain's code, so the refusal is said in the reader's language.
        raise InvalidValue("not-iso-week", "week", got=repr(week))
    if week:  # the year first: week 1 of year 1 has no Monday a date can hold
        check_day(date(int(week.strip()[:4]), 7, 1), "week")
    start, end = week_bounds(week.strip() if week else None, day)
    check_day(start, "week")
    check_day(end, "week")
    _write(session, "weekly", start, end, **options)


@report.command("period")
@click.option("--from", "start", type=DATE, required=True, help="First day.")
@click.option("--to", "end", type=DATE, required=True, help="Last day.")
@report_options
@pass_session
def period(session: Session, start: date, end: date, **options: Any) -> None:
    """A report over any period.

    \b
    Example:
      humas report period --from 19/10/2023 --to 18/11/2023 --lang en --format json
    """
    in_order(start, end, "--from", "--to")
    _write(session, "period", start, end, **options)


def _write(
    session: Session, kind: str, start: date, end: date, force: bool, **options: Any
) -> None:
    from domain.model.provenance import Recorder

    check_out_file(options.get("out"), force)
    # A report seals the store (see the footer); the seal names who asked, when known.
    by = Recorder(session.actor) if session.actor else None
    path = write_report(session.app, kind, start, end, by=by, **options)
    if path:
        click.echo(tell("report written to {path}", path=str(path)), err=True)


def write_report(
    app: "HumasApplication", kind: str, start: date, end: date, *, operation: str | None,
    lang: str, unit: str | None = None,
    fmt: str, out: Path | None, verified_only: bool, as_of: datetime | None = None,
    by: "Recorder | None" = None,
) -> Path | None:  # fmt: skip
    from reports.render import render
    from reports.source import build_input, check_names

    # Now: seal first, so the figures' store position counts the seal's own event and a
    # second report on an unchanged store is the same, footer and all. What the report
    # names is checked before: a report refused for a wrong name writes no seal.
    seal = None
    if as_of is None:
        check_names(app, operation, unit)
        seal = app.seal_for_report(by)
    report_input = build_input(app, kind=kind, start=start, end=end,
                               operation_ref=operation, lang=lang, verified_only=verified_only,
                               unit=unit, as_of=as_of, seal=seal)  # fmt: skip
    text = render(report_input, fmt)  # type: ignore[arg-type]
    if out is None:
        click.echo(text, nl=not text.endswith("\n"))
        return None
    with written_whole(out) as file:
        file.write(text)
    return out
