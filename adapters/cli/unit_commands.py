"""``humas unit add|list``: the unit list, which unit stands under which."""

import click

from adapters.cli.common import Session, json_option, pass_session, print_list
from adapters.cli.i18n import N_, tell


@click.group("unit")
def unit() -> None:
    """The unit list: Polres, its Polseks and sections. Reports with --unit cover a unit
    and every unit under it.

    \b
    Example:
      humas unit add "Polsek Belitang" --under "Polres OKU Timur"
    """


@unit.command("add")
@click.argument("name")
@click.option("--under", metavar="UNIT", help="The unit it stands under (already listed).")
@pass_session
def add(session: Session, name: str, under: str | None) -> None:
    """Put a unit on the list.

    \b
    Example:
      humas unit add "Polres OKU Timur"
      humas unit add "Polsek Belitang" --under "Polres OKU Timur"
    """
    session.app.add_unit(session.recorder, name, under)
    click.echo(
        tell("added {name} under {under}", name=name, under=under)
        if under
        else tell("added {name}", name=name)
    )


@unit.command("list")
@json_option
@pass_session
def unit_list(session: Session, as_json: bool) -> None:
    """Every unit on the list and the unit it stands under.

    \b
    Example:
      humas unit list --json
    """
    print_list(
        session.app.units(), [("name", N_("UNIT")), ("under", N_("UNDER"))], as_json,
        empty=N_("the unit list is empty"),
    )  # fmt: skip


def register(group: click.Group) -> None:
    group.add_command(unit)
