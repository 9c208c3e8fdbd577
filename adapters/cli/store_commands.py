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
    click.echo(f"{'store':<14} {session.store.describe()}")
    for key in ("operations", "activities", "coverage_items", "incidents", "events", "position"):
        click.echo(f"{key.replace('_', ' '):<14} {counts[key]:,}")
    members = counts["roster"]
    click.echo(
        f"{'roster':<14} {members:,} people, roles enforced"
        if members
        else f"{'roster':<14} empty: every actor may write (humas roster add NAME --role supervisor)"
    )


@store.command("rebuild")
@pass_session
def rebuild(session: Session) -> None:
    """Rebuild the read model (lists, filters, lookups) from the events alone."""
    import sys

    app = session.app
    if not sys.stderr.isatty():
        counts = app.rebuild_read_model()
    else:  # a progress bar, by events read
        total = app.recorder.max_notification_id() or 0
        with click.progressbar(length=total, label="rebuilding", file=sys.stderr) as bar:
            app.read_model.on_progress = lambda _, position: bar.update(position - bar.pos)  # type: ignore[attr-defined]
            counts = app.rebuild_read_model()
    click.echo(
        f"rebuilt from {counts['events']:,} events: "
        f"{counts['operations']:,} operations, {counts['activities']:,} activities"
    )


@store.command("new-key")
def new_key() -> None:
    """Print a fresh random key for HUMAS_CIPHER_KEY (AES-256, base64).

    With the key set, events and read-model documents are stored encrypted. Keep the
    key apart from the database: without it nothing in the store can be read.

    \b
    Example:
      export HUMAS_CIPHER_KEY="$(humas store new-key)"
    """
    from adapters.protection import new_key as make_key

    click.echo(make_key())


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


@click.command("demo")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", help="Report language.")
@click.pass_context
def demo(ctx: click.Context, lang: str) -> None:
    """Record the OKU Timur example in a fresh store and say where it is.

    \b
    Example:
      humas demo                # a new store in a temporary folder
      humas --store demo.sqlite demo
    """
    import tempfile
    from pathlib import Path

    from adapters.bootstrap import close_application, open_application
    from adapters.demo import run_demo
    from adapters.store import parse_store

    session: Session = ctx.obj
    if session.store_option:
        config = session.store
    else:
        folder = Path(tempfile.mkdtemp(prefix="humas-demo-"))
        config = parse_store(str(folder / "demo.sqlite"))
    app = open_application(config)
    ctx.call_on_close(lambda: close_application(app))
    if app.store_info()["events"]:
        raise click.UsageError(
            f"--store: {config.location} is not empty; the demo needs a new store"
        )
    run_demo(app, click.echo)
    counts = app.store_info()
    click.echo(
        f"store {config.describe()}: {counts['operations']} operation, "
        f"{counts['activities']} activities, {counts['events']} events"
    )
    from adapters.cli.report_commands import write_report
    from reports.source import busiest_week

    start, end = busiest_week(app)
    folder = Path(config.location).parent if config.kind == "sqlite" else Path.cwd()
    out = folder / f"laporan-{start.isocalendar().year}-W{start.isocalendar().week:02d}-{lang}.html"
    write_report(app, "weekly", start, end, operation=None, lang=lang, fmt="html",
                 out=out, verified_only=False)  # fmt: skip
    click.echo(f"try: humas --store {config.location} activity list")
    click.echo(f"report of the busiest week ({start} to {end}): {out}")


def register(group: click.Group) -> None:
    group.add_command(store)
    group.add_command(config)
    group.add_command(demo)
