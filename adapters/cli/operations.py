"""``humas operation …``: plan, revise, close and read operations."""

import click

from adapters.cli.common import (
    DATE,
    Session,
    json_option,
    pass_session,
    print_fields,
    print_json,
    print_table,
)


@click.group("operation")
def operation() -> None:
    """Plan and follow operations (operasi), e.g. Operasi Mantap Brata 2023-2024."""


@operation.command("plan")
@click.argument("name")
@click.option("--slug", help="Short name to type later (default: made from NAME).")
@click.option("--start", type=DATE, required=True, help="First day, e.g. 19/10/2023.")
@click.option("--end", type=DATE, required=True, help="Last day, e.g. 20/10/2024.")
@click.option(
    "--days", type=click.IntRange(min=1), help="Duration in days as the source states it."
)
@click.option("--objective", help="What the operation is for.")
@click.option("--lead-unit", help="Leading unit, e.g. Polres OKU Timur.")
@click.option("--stakeholder", "stakeholders", multiple=True, help="Institution involved (repeat).")
@click.option("--alias", "aliases", multiple=True, help="Another name, e.g. OMB (repeat).")
@json_option
@pass_session
def plan(session: Session, name: str, slug: str | None, as_json: bool, **values: object) -> None:
    """Record a planned operation.

    \b
    Example:
      humas operation plan "Operasi Mantap Brata 2023-2024" --slug omb \\
        --start 19/10/2023 --end 20/10/2024 --days 222 --stakeholder KPU --alias OMB
    """
    values["stakeholders"] = list(values["stakeholders"])  # type: ignore[call-overload]
    values["aliases"] = list(values["aliases"])  # type: ignore[call-overload]
    stated_days = values.pop("days")
    record = session.app.plan_operation(
        session.recorder, name=name, slug=slug, stated_days=stated_days, **values
    )
    _show(record.summary(), as_json, verb="planned")


@operation.command("list")
@json_option
@pass_session
def list_operations(session: Session, as_json: bool) -> None:
    """List every operation."""
    rows = session.app.list_operations()
    if as_json:
        print_json(rows)
        return
    for row in rows:
        row["days"] = _days(row)
        row["flag"] = "!" if row["flags"] else ""
    print_table(
        rows,
        [("slug", "SLUG"), ("name", "NAME"), ("start", "START"), ("end", "END"),
         ("days", "DAYS"), ("status", "STATUS"), ("flag", "FLAG")],
    )  # fmt: skip


@operation.command("show")
@click.argument("ref")
@json_option
@pass_session
def show(session: Session, ref: str, as_json: bool) -> None:
    """Show one operation: REF is its slug, an alias, or an id prefix."""
    _show(session.app.get_operation(ref).summary(), as_json)


@operation.command("revise")
@click.argument("ref")
@click.option("--start", type=DATE, help="New first day.")
@click.option("--end", type=DATE, help="New last day.")
@click.option("--days", "stated_days", type=click.IntRange(min=1), help="New stated duration.")
@click.option("--reason", required=True, help="Why the period changes.")
@json_option
@pass_session
def revise(session: Session, ref: str, as_json: bool, **values: object) -> None:
    """Revise an operation's period or stated duration, with a reason."""
    record = session.app.revise_operation(session.recorder, ref, **values)
    _show(record.summary(), as_json, verb="revised")


@operation.command("add-stakeholder")
@click.argument("ref")
@click.argument("organisation")
@pass_session
def add_stakeholder(session: Session, ref: str, organisation: str) -> None:
    """Add an institution (KPU, Bawaslu, TNI …) to an operation."""
    record = session.app.add_operation_stakeholder(session.recorder, ref, organisation)
    click.echo(f"{record.slug}: stakeholders {', '.join(record.stakeholders)}")


@operation.command("add-alias")
@click.argument("ref")
@click.argument("alias")
@pass_session
def add_alias(session: Session, ref: str, alias: str) -> None:
    """Add another name by which sources call an operation."""
    record = session.app.add_operation_alias(session.recorder, ref, alias)
    click.echo(f"{record.slug}: aliases {', '.join(record.aliases)}")


@operation.command("close")
@click.argument("ref")
@click.option("--reason", help="Why, if it closes early or late.")
@pass_session
def close(session: Session, ref: str, reason: str | None) -> None:
    """Close an operation."""
    record = session.app.close_operation(session.recorder, ref, reason)
    click.echo(f"closed {record.slug}")


def _days(summary: dict) -> str:
    stated, counted = summary["stated_days"], summary["period_days"]
    return f"{counted}" if stated in (None, counted) else f"{stated} stated / {counted}"


def _show(summary: dict, as_json: bool, verb: str | None = None) -> None:
    if as_json:
        print_json(summary)
        return
    if verb:
        click.echo(f"{verb} operation {summary['slug']} ({summary['id'][:8]})")
    print_fields(
        [
            ("name", summary["name"]),
            ("slug", summary["slug"]),
            ("id", summary["id"]),
            ("period", f"{summary['start']} to {summary['end']} ({_days(summary)} days)"),
            ("objective", summary["objective"]),
            ("lead unit", summary["lead_unit"]),
            ("stakeholders", summary["stakeholders"]),
            ("aliases", summary["aliases"]),
            ("status", summary["status"]),
        ]
    )
    for flag in summary["flags"]:
        click.echo(f"FLAG  {flag}")


def register(group: click.Group) -> None:
    group.add_command(operation)
