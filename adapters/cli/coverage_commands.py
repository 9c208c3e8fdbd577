"""``humas coverage list`` and ``humas coverage show``: the news items kept as coverage.

Each command calls one use case and prints; the cleaned body shown is the one stored
with the item when it was ingested.
"""

from typing import Any

import click

from adapters.cli.common import (
    Session,
    in_order,
    json_option,
    pass_session,
    period_options,
    print_fields,
    print_json,
    print_list,
    reads_one_record,
    record_kind,
)
from adapters.cli.flag_commands import flag_line
from adapters.cli.i18n import N_, _, tell
from domain.model.coverage import NEWS_CATEGORIES


@click.group("coverage")
def coverage() -> None:
    """News items kept as coverage: what each says, its flags and its evidence.

    \b
    Example:
      humas coverage list --from 2023-10-16 --to 2023-10-22
      humas coverage show 7b41d0
    """


@coverage.command("list")
@period_options("Published (else dated) from this day on.")
@click.option("--outlet", metavar="NAME", help="Only this outlet (case does not matter).")
@click.option("--category", type=click.Choice(NEWS_CATEGORIES), help="Only this category.")
@json_option
@pass_session
def list_coverage(session: Session, as_json: bool, **where: Any) -> None:
    """List coverage items, oldest first.

    \b
    Example:
      humas coverage list --from 2023-10-16 --to 2023-10-22 --category simulation
      humas coverage list --outlet "Warta Sukamaju" --json
    """
    in_order(where["date_from"], where["date_to"], "--from", "--to")
    print_list(
        [_brief(row) for row in session.app.list_coverage(**where)],
        [("short_id", N_("ID")), ("day", N_("DAY")), ("category", N_("CATEGORY")), ("outlet", N_("OUTLET")),
         ("record", N_("RECORD")), ("syndicated", N_("COPY OF")), ("title", N_("TITLE"))],
        as_json,
        empty=N_("no coverage items"),
        cells=_cells,
    )  # fmt: skip


def _cells(row: dict[str, Any]) -> dict[str, str]:
    return {
        "day": row.get("occurred_on") or row.get("published_on") or "",
        "record": f"{record_kind(row.get('record_type'))} {(row.get('record_id') or '')[:8]}"
        if row.get("record_type")
        else "",
        "syndicated": (row.get("syndicated_from") or "")[:8],
    }


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    """A listed item without its body and raw text (``coverage show`` has them)."""
    return {key: value for key, value in row.items() if key not in ("body", "raw_text")}


@coverage.command("show")
@reads_one_record
def show(session: Session, ref: str, as_json: bool) -> None:
    """Show one coverage item: its facts, flags, evidence and cleaned body. REF is its
    id or an id prefix of 6 or more characters.

    \b
    Example:
      humas coverage show 7b41d0 --json
    """
    item = session.app.describe_coverage(ref)
    if as_json:
        print_json(item)
        return

    fields: list[tuple[str, Any]] = []

    def row(label: str, value: Any) -> None:
        fields.append((label, value))

    for label, value in (
        (N_("source"), item.get("source") or "-"),
        (N_("address"), item.get("url") or "-"),
        (N_("outlet"), item.get("outlet") or "-"),
        (N_("title"), item.get("title") or "-"),
        (N_("published"), item.get("published_on") or "-"),
        (N_("category"), item.get("category") or "-"),
        (N_("day"), f"{item.get('occurred_on') or '-'} ({item.get('date_precision') or '-'})"),
    ):
        row(label, value)
    operation = item.get("operation") or {}
    if operation:
        row(N_("operation"), f"{operation.get('name')} ({operation.get('slug') or '-'})")
    region = item.get("region") or {}
    place = ", ".join(
        v for v in (item.get("venue"), region.get("district"), region.get("province")) if v
    )
    row(N_("place"), place or "-")
    for label, key in (
        (N_("units"), "units"),
        (N_("stakeholders"), "stakeholders"),
        (N_("messages"), "messages"),
    ):
        if item.get(key):
            row(label, ", ".join(item[key]))
    for label, key in ((N_("personnel"), "personnel"), (N_("audience size"), "audience_size")):
        if item.get(key) is not None:
            row(label, item[key])
    for person in item.get("people") or []:
        who = " ".join(p for p in (person.get("rank"), person.get("name")) if p)
        row(N_("person"), who + (f", {person['role']}" if person.get("role") else ""))
    for quote in item.get("quotes") or []:
        behalf = (
            tell(" (for {name})", name=quote["on_behalf_of"]) if quote.get("on_behalf_of") else ""
        )
        row(N_("quote"), f'{quote.get("speaker") or "?"}{behalf}: "{quote["text"]}"')
    record = item.get("record_type")
    if record:
        row(N_("reports"), f"{record_kind(record)} {item.get('record_id')} ({item.get('link')})")
    if item.get("syndicated_from"):
        row(N_("copy of"), tell("coverage item {id}", id=item["syndicated_from"]))
    for flag in item.get("flags") or []:
        row(N_("flag"), flag_line(flag))
    for key, sentence in (item.get("evidence") or {}).items():
        if sentence:
            row(N_("evidence"), f"{key}: {sentence}")
    click.echo(tell("coverage item {id}", id=item["id"]))
    print_fields(fields, indent="  ")
    click.echo("")
    click.echo(item.get("body") or _("(no cleaned body stored: ingested by an older version)"))
