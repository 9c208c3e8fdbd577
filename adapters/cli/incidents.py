"""``humas incident list|show``: what the news reported happening (kejadian)."""

from datetime import date
from typing import Any

import click

from adapters.cli.common import (
    Session,
    in_order,
    json_option,
    pass_session,
    period_options,
    place_text,
    print_list,
    print_record,
    reads_one_record,
)


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
        [("short_id", "ID"), ("occurred_on", "DATE"), ("review", "REVIEW"),
         ("where", "PLACE"), ("title", "TITLE")],
        as_json,
        empty="no incidents",
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
        ("title", summary["title"]),
        ("id", summary["id"]),
        ("date", summary["occurred_on"]),
        ("review", summary["review"]),
        ("place", place_text(summary.get("place"))),
        ("what happened", summary["what_happened"]),
        ("actors", summary["actors"]),
        ("police intervened", {True: "yes", False: "no"}.get(summary["police_intervened"])),
        ("operation", summary.get("operation")),
    ]


def _show_extras(summary: dict[str, Any]) -> None:
    if summary.get("review_reason"):
        click.echo(f"rejected           {summary['review_reason']}")
    for flag in summary.get("flags") or []:
        click.echo(f"flag               {flag}")
    for item in summary.get("coverage") or []:
        published = item.get("published_on") or "undated"
        click.echo(
            f"coverage           {item['id'][:8]}  {published}  "
            f"{item.get('outlet') or '?'}: {item.get('title')}"
        )
