"""``humas incident list|show``: what the news reported happening (kejadian)."""

from datetime import date
from typing import Any

import click

from adapters.cli.common import (
    Session,
    in_order,
    json_option,
    label_width,
    pass_session,
    period_options,
    place_text,
    print_fields,
    print_list,
    print_record,
    reads_one_record,
)
from adapters.cli.flag_commands import flag_line
from adapters.cli.i18n import N_, _


@click.group("incident")
def incident() -> None:
    """Incidents (kejadian): a clash, a protest, a disturbance the news reported.

    \b
    Example:
      humas incident list --from 2023-10-16 --to 2023-10-22
      humas incident show 5c1e2a
    """


@incident.command("list")
@period_options()
@json_option
@pass_session
def list_incidents(
    session: Session, date_from: date | None, date_to: date | None, as_json: bool
) -> None:
    """List incidents, oldest first.

    \b
    Example:
      humas incident list --from 2023-10-16 --to 2023-10-22 --json
    """
    in_order(date_from, date_to, "--from", "--to")
    print_list(
        session.app.list_incidents(date_from=date_from, date_to=date_to),
        [("short_id", N_("ID")), ("occurred_on", N_("DATE")), ("review", N_("REVIEW")),
         ("where", N_("PLACE")), ("title", N_("TITLE"))],
        as_json,
        empty=N_("no incidents"),
        cells=lambda row: {"where": place_text(row.get("place"))},
    )  # fmt: skip


@incident.command("show")
@reads_one_record
def show(session: Session, ref: str, as_json: bool) -> None:
    """Show one incident: REF is its id or an id prefix of 6 or more characters.

    \b
    Example:
      humas incident show 5c1e2a --json
    """
    print_record(session.app.describe_incident(ref), as_json, _fields, more=_show_extras)


def _fields(summary: dict[str, Any]) -> list[tuple[str, Any]]:
    return [
        (N_("title"), summary["title"]),
        (N_("id"), summary["id"]),
        (N_("date"), summary["occurred_on"]),
        (N_("review"), _(summary["review"])),
        (N_("place"), place_text(summary.get("place"))),
        (N_("what happened"), summary["what_happened"]),
        (N_("actors"), summary["actors"]),
        (
            N_("police intervened"),
            {True: _("yes"), False: _("no")}.get(summary["police_intervened"]),
        ),
        (N_("operation"), summary.get("operation")),
    ]


def _show_extras(summary: dict[str, Any]) -> None:
    width = label_width(_fields(summary))

    def show(pairs: list[tuple[str, Any]]) -> None:
        print_fields(pairs, width)

    if summary.get("review_reason"):
        show([(N_("rejected"), summary["review_reason"])])
    for flag in summary.get("flags") or []:
        show([(N_("flag"), flag_line(flag))])
    for item in summary.get("coverage") or []:
        published = item.get("published_on") or _("undated")
        show(
            [(N_("coverage"), f"{item['id'][:8]}  {published}  {item.get('outlet') or '?'}: {item.get('title')}")]
        )  # fmt: skip
