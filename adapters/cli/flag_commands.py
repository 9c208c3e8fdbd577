"""``humas flag list|resolve``: the doubts records carry, and a supervisor settling them."""

import click

from adapters.cli.common import (
    Session,
    json_option,
    pass_session,
    print_json,
    print_table,
    record_kind,
)
from adapters.cli.i18n import LANGS, N_, _, language, tell

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
@click.option("--operation", metavar="REF", help="Only this operation and its records.")
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
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo(_("no open flag") if open_only else _("no flag"))
        return
    table = [
        {
            "record": f"{record_kind(row['record']['type'])} {row['record']['id'][:8]}",
            "title": row["record"]["title"],
            "code": row["code"],
            "status": row["status"],
            "text": row["text"]
            + (
                f" [{row['resolved']['by']}: {row['resolved']['reason']}]"
                if row["resolved"]
                else ""
            ),
        }
        for row in rows
    ]
    print_table(
        table,
        [("record", N_("RECORD")), ("title", N_("TITLE")), ("code", N_("CODE")), ("status", N_("STATUS")),
         ("text", N_("FLAG"))],
    )  # fmt: skip


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
