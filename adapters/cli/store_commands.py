"""``humas store …`` and ``humas config …``: which store, what it holds, settings."""

import click

from adapters.cli.common import Session, json_option, pass_session, print_json


@click.group("store")
def store() -> None:
    """The store in use: what it holds, rebuilding its read model."""


@store.command("info")
@json_option
@pass_session
def info(session: Session, as_json: bool) -> None:
    """Say which store is in use and how much it holds."""
    counts = session.app.store_info()
    answer = {"store": session.store.kind, "location": session.store.location, **counts}
    if as_json:
        print_json(answer)
        return
    click.echo(f"store       {session.store.describe()}")
    for key in ("operations", "activities", "events", "position"):
        click.echo(f"{key:<11} {counts[key]:,}")


@store.command("rebuild")
@pass_session
def rebuild(session: Session) -> None:
    """Rebuild the read model (lists, filters, lookups) from the events alone."""
    counts = session.app.rebuild_read_model()
    click.echo(
        f"rebuilt from {counts['events']:,} events: "
        f"{counts['operations']:,} operations, {counts['activities']:,} activities"
    )


@click.group("config")
def config() -> None:
    """Personal settings: actor (who you are), store (which store to use)."""


@config.command("set")
@click.argument("key", type=click.Choice(["actor", "store"]))
@click.argument("value")
def set_value(key: str, value: str) -> None:
    """Remember a setting, e.g.: humas config set actor "Bripka Ani"."""
    from adapters.config import write_setting

    path = write_setting(key, value)
    click.echo(f"{key} = {value}  ({path})")


@config.command("unset")
@click.argument("key", type=click.Choice(["actor", "store"]))
def unset_value(key: str) -> None:
    """Forget a setting."""
    from adapters.config import write_setting

    write_setting(key, None)
    click.echo(f"{key} unset")


@config.command("show")
def show() -> None:
    """Print the settings and where they are kept."""
    from adapters.config import config_path, read_config

    click.echo(f"# {config_path()}")
    for key, value in read_config().items():
        click.echo(f"{key} = {value}")


def register(group: click.Group) -> None:
    group.add_command(store)
    group.add_command(config)
