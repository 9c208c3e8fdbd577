"""``humas incident list|show``: what the news reported happening (kejadian)."""

from datetime import date
from typing import Any

import click

from adapters.cli.common import (
    DATE,
    REF,
    Session,
    in_order,
    json_option,
    pass_session,
    print_fields,
    print_json,
    print_table,
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
@click.option("--from", "date_from", type=DATE, help="From this day on.")
@click.option("--to", "date_to", type=DATE, help="Up to this day.")
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
    rows = session.app.list_incidents(date_from=date_from, date_to=date_to)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        row["short_id"] = row["id"][:8]
        row["where"] = ", ".join(
            value for key, value in (row.get("place") or {}).items() if value and key != "precision"
        )
    print_table(
        rows,
        [("short_id", "ID"), ("occurred_on", "DATE"), ("review", "REVIEW"),
         ("where", "PLACE"), ("title", "TITLE")],
    )  # fmt: skip
    if not rows:
        click.echo("no incidents")


@incident.command("show")
@click.argument("ref", type=REF)
@json_option
@pass_session
def show(session: Session, ref: str, as_json: bool) -> None:
    """Show one incident: REF is its id or an id prefix of 6 or more characters.

    \b
    Example:
      humas incident show 5c1e2a --json
    """
    summary = session.app.describe_incident(ref)
    if as_json:
        print_json(summary)
        return
    place = summary.get("place") or {}
    intervened = {True: "yes", False: "no"}.get(summary["police_intervened"])
    print_fields(
        [
            ("title", summary["title"]),
            ("id", summary["id"]),
            ("date", summary["occurred_on"]),
            ("review", summary["review"]),
            ("place", ", ".join(v for k, v in place.items() if v and k != "precision")),
            ("what happened", summary["what_happened"]),
            ("actors", summary["actors"]),
            ("police intervened", intervened),
            ("operation", summary.get("operation")),
        ]
    )
    _show_extras(summary)


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
