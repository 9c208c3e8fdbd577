"""``humas operation …``: plan, revise, close and read operations."""

from typing import Any

import click

from adapters.cli.common import (
    DATE,
    DAYS,
    REF,
    TEXT,
    TITLE,
    Session,
    in_order,
    json_option,
    pass_session,
    pass_writer,
    print_list,
    print_record,
    reads_one_record,
)
from adapters.cli.flag_commands import flag_line
from adapters.cli.i18n import N_, _, tell


@click.group("operation")
def operation() -> None:
    """Plan and follow operations (operasi), e.g. Operasi Mantap Brata 2023-2024.

    \b
    Example:
      humas operation list
      humas operation show omb
    """


@operation.command("plan")
@click.argument("name", type=TITLE)
@click.option("--slug", type=REF, help="Short name to type later (default: made from NAME).")
@click.option("--start", type=DATE, required=True, help="First day, e.g. 19/10/2023.")
@click.option("--end", type=DATE, required=True, help="Last day, e.g. 20/10/2024.")
@click.option("--days", type=DAYS, help="Duration in days as the source states it.")
@click.option("--objective", type=TEXT, help="What the operation is for.")
@click.option("--lead-unit", type=TITLE, help="Leading unit, e.g. Polres OKU Timur.")
@click.option(
    "--stakeholder",
    "stakeholders",
    type=TITLE,
    multiple=True,
    help="Institution involved (repeat).",
)
@click.option(
    "--alias", "aliases", type=REF, multiple=True, help="Another name, e.g. OMB (repeat)."
)
@json_option
@pass_writer
def plan(session: Session, name: str, slug: str | None, as_json: bool, **values: object) -> None:
    """Record a planned operation.

    \b
    Example:
      humas operation plan "Operasi Mantap Brata 2023-2024" --slug omb \\
        --start 19/10/2023 --end 20/10/2024 --days 222 --stakeholder KPU --alias OMB
    """
    values["stakeholders"] = list(values["stakeholders"])  # type: ignore[call-overload]
    values["aliases"] = list(values["aliases"])  # type: ignore[call-overload]
    in_order(values["start"], values["end"], "--start", "--end")  # type: ignore[arg-type]
    stated_days = values.pop("days")
    record = session.app.plan_operation(
        session.recorder, name=name, slug=slug, stated_days=stated_days, **values
    )
    _show(record.summary(), as_json, verb=N_("planned"))


@operation.command("list")
@json_option
@pass_session
def list_operations(session: Session, as_json: bool) -> None:
    """List every operation.

    \b
    Example:
      humas operation list
      humas operation list --json
    """
    print_list(
        session.app.list_operations(),
        [("slug", N_("SLUG")), ("name", N_("NAME")), ("start", N_("START")), ("end", N_("END")),
         ("days", N_("DAYS")), ("status", N_("STATUS")), ("flag", N_("FLAG"))],
        as_json,
        empty=N_("no operations"),
        cells=lambda row: {"days": _days(row), "flag": "!" if _open_flags(row) else ""},
    )  # fmt: skip


@operation.command("show")
@reads_one_record
def show(session: Session, ref: str, as_json: bool) -> None:
    """Show one operation: REF is its slug, an alias, its name, or an id prefix.

    \b
    Example:
      humas operation show omb
      humas operation show "Mantap Brata 2023-2024" --json
    """
    _show(session.app.get_operation(ref).summary(), as_json)


@operation.command("revise")
@click.argument("ref", type=REF)
@click.option("--start", type=DATE, help="New first day.")
@click.option("--end", type=DATE, help="New last day.")
@click.option("--days", "stated_days", type=DAYS, help="New stated duration.")
@click.option("--reason", type=TEXT, required=True, help="Why the period changes.")
@json_option
@pass_writer
def revise(session: Session, ref: str, as_json: bool, **values: object) -> None:
    """Revise an operation's period or stated duration, with a reason.

    \b
    Example:
      humas operation revise omb --end 21/10/2024 --reason "diperpanjang sesuai TR Kapolda"
    """
    record = session.app.revise_operation(session.recorder, ref, **values)
    _show(record.summary(), as_json, verb=N_("revised"))


@operation.command("add-stakeholder")
@click.argument("ref", type=REF)
@click.argument("organisation", type=TITLE)
@pass_writer
def add_stakeholder(session: Session, ref: str, organisation: str) -> None:
    """Add an institution (KPU, Bawaslu, TNI …) to an operation.

    \b
    Example:
      humas operation add-stakeholder omb Bawaslu
    """
    record = session.app.add_operation_stakeholder(session.recorder, ref, organisation)
    click.echo(
        tell("{slug}: stakeholders {names}", slug=record.slug, names=", ".join(record.stakeholders))
    )


@operation.command("add-alias")
@click.argument("ref", type=REF)
@click.argument("alias", type=REF)
@pass_writer
def add_alias(session: Session, ref: str, alias: str) -> None:
    """Add another name by which sources call an operation.

    \b
    Example:
      humas operation add-alias omb "Ops Mantap Brata Musi 2023-2024"
    """
    record = session.app.add_operation_alias(session.recorder, ref, alias)
    click.echo(tell("{slug}: aliases {names}", slug=record.slug, names=", ".join(record.aliases)))


@operation.command("close")
@click.argument("ref", type=REF)
@click.option("--reason", type=TEXT, help="Why, if it closes early or late.")
@pass_writer
def close(session: Session, ref: str, reason: str | None) -> None:
    """Close an operation.

    \b
    Example:
      humas operation close omb
      humas operation close omb --reason "ditutup lebih awal"
    """
    record = session.app.close_operation(session.recorder, ref, reason)
    click.echo(tell("closed {slug}", slug=record.slug))


def _days(summary: dict) -> str:
    stated, counted = summary["stated_days"], summary["period_days"]
    if stated in (None, counted):
        return f"{counted}"
    return tell("{stated} stated / {counted}", stated=stated, counted=counted)


def _show(summary: dict, as_json: bool, verb: str | None = None) -> None:
    heading = (
        tell("{verb} operation {slug} ({id})", verb=_(verb), slug=summary["slug"],
             id=summary["id"][:8])
        if verb
        else None
    )  # fmt: skip
    print_record(summary, as_json, _fields, heading=heading, more=_show_flags)


def _period(summary: dict[str, Any]) -> str:
    return tell(
        "{start} to {end} ({days} days)",
        start=summary["start"],
        end=summary["end"],
        days=_days(summary),
    )


def _fields(summary: dict[str, Any]) -> list[tuple[str, Any]]:
    return [
        (N_("name"), summary["name"]),
        (N_("slug"), summary["slug"]),
        (N_("id"), summary["id"]),
        (N_("period"), _period(summary)),
        (N_("objective"), summary["objective"]),
        (N_("lead unit"), summary["lead_unit"]),
        (N_("stakeholders"), summary["stakeholders"]),
        (N_("aliases"), summary["aliases"]),
        (N_("status"), _(summary["status"])),
    ]


def _show_flags(summary: dict[str, Any]) -> None:
    """Every flag, a settled one with why (as ``activity show`` says them)."""
    for entry in _flag_entries(summary):
        click.echo(f"{_('FLAG')}  {flag_line(entry.flag, entry.resolved)}")


def _flag_entries(summary: dict[str, Any]) -> list[Any]:
    from domain.flags import entries_of

    return entries_of(summary.get("flag_entries") or summary.get("flags"))


def _open_flags(summary: dict[str, Any]) -> list[Any]:
    return [entry for entry in _flag_entries(summary) if entry.is_open]
