"""``humas flag list|resolve``: the doubts records carry, and a supervisor settling them."""

from typing import Any

import click

from adapters.cli.common import (
    REF,
    Session,
    json_option,
    pass_session,
    print_list,
    record_kind,
)
from adapters.cli.i18n import LANGS, N_, language, tell

lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=language,
    help="Language of the flags' words (default: the command line's, see humas --lang).",
)


def flag_words(flag: object, lang: str) -> str:
    """A flag (its code and values, or an old sentence) in words, from the catalogue."""
    from reports.i18n import Fmt

    return Fmt(lang).flag(flag)  # type: ignore[arg-type]


def flag_line(stored: object, resolved: dict[str, Any] | None = None) -> str:
    """A flag as a record keeps it (a code with values, or an old English sentence) in
    the reader's words, its code beside them; ``resolved``: how it was settled, if it was."""
    from domain.flags import upcast

    flag = upcast(stored)
    settled = tell(" [settled: {reason}]", reason=resolved["reason"]) if resolved else ""
    return f"{flag_words(flag, language())} ({flag.code}){settled}"


@click.group("flag")
def flag() -> None:
    """Flags: doubts a person must see (a duration that does not match the dates, a
    figure a news item gives otherwise, a year taken from the publication date …).

    \b
    Example:
      humas flag list --open
    """


@flag.command("list")
@click.option("--open", "open_only", is_flag=True, help="Only flags not settled yet.")
@click.option("--operation", type=REF, help="Only this operation and its records.")
@lang_option
@json_option
@pass_session
def flag_list(
    session: Session, open_only: bool, operation: str | None, lang: str, as_json: bool
) -> None:
    """Every flag: the record, the code, its values, where it came from, when it was
    opened, and who settled it and why.

    \b
    Example:
      humas flag list --open --operation omb
    """
    rows = session.app.list_flags(open_only=open_only, operation=operation)
    for row in rows:
        row["text"] = flag_words(row, lang)
    print_list(
        rows,
        [("record", N_("RECORD")), ("title", N_("TITLE")), ("code", N_("CODE")), ("status", N_("STATUS")),
         ("text", N_("FLAG"))],
        as_json,
        empty=N_("no open flag") if open_only else N_("no flag"),
        cells=_cells,
    )  # fmt: skip


def _cells(row: dict[str, Any]) -> dict[str, str]:
    settled = row["resolved"]
    return {
        "record": f"{record_kind(row['record']['type'])} {row['record']['id'][:8]}",
        "title": row["record"]["title"],
        "text": row["text"] + (f" [{settled['by']}: {settled['reason']}]" if settled else ""),
    }


@flag.command("resolve")
@click.argument("ref")
@click.argument("code")
@click.option("--reason", required=True, help="What was checked, e.g. the decree's figure.")
@pass_session
def resolve(session: Session, ref: str, code: str, reason: str) -> None:
    """Settle a record's open flags of CODE, with a reason (supervisors). The settling is
    an event in the record's history; a later source raising the flag again reopens it.

    \b
    Example:
      humas flag resolve omb duration-conflict --reason "SK Kapolda: 222 hari efektif"
    """
    summary = session.app.resolve_flag(session.recorder, ref, code, reason)
    click.echo(
        tell("settled {code} on {record}: {reason}", code=code,
             record=summary.get("slug") or summary["id"][:8], reason=reason)
    )  # fmt: skip


def register(group: click.Group) -> None:
    group.add_command(flag)
