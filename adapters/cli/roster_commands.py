"""``humas roster …``: who may do what in this store."""

import click

from adapters.cli.common import (
    TEXT,
    TITLE,
    Session,
    choices,
    json_option,
    pass_session,
    pass_writer,
    print_list,
)
from adapters.cli.i18n import N_, tell
from domain.model.values import Role


@click.group("roster")
def roster() -> None:
    """The people of the unit and their roles (officer, supervisor, auditor).

    Until the first entry, every actor may write. The first entry must be a supervisor;
    after that only supervisors change the roster.

    \b
    Example:
      humas roster add "AKP Hendra Saputra" --role supervisor
      humas roster list
    """


@roster.command("add")
@click.argument("name", type=TITLE)
@click.option("--role", type=choices(Role), required=True)
@pass_writer
def add(session: Session, name: str, role: str) -> None:
    """Put a person on the roster with a role.

    \b
    Example:
      humas roster add "AKP Hendra Saputra" --role supervisor
      humas roster add "Bripka Ani Lestari" --role officer
    """
    session.app.add_to_roster(session.recorder, name, role)
    click.echo(tell("added {name} as {role}", name=name, role=role))


@roster.command("remove")
@click.argument("name", type=TITLE)
@click.option("--reason", type=TEXT, required=True, help="Why, e.g. moved to Polres Lahat.")
@pass_writer
def remove(session: Session, name: str, reason: str) -> None:
    """Take a person off the roster, with a reason; the history keeps them.

    \b
    Example:
      humas roster remove "Bripka Ani Lestari" --reason "mutasi ke Polres Lahat"
    """
    session.app.remove_from_roster(session.recorder, name, reason)
    click.echo(tell("removed {name}", name=name))


@roster.command("list")
@json_option
@pass_session
def roster_list(session: Session, as_json: bool) -> None:
    """Who is on the roster, by role.

    \b
    Example:
      humas roster list --json
    """
    print_list(
        session.app.roster(),
        [("name", N_("NAME")), ("role", N_("ROLE"))],
        as_json,
        empty=N_("the roster is empty: every actor may write"),
    )
