"""``humas store …`` and ``humas config …``: which store, what it holds, settings."""

import click

from adapters.cli.common import (
    TITLE,
    Session,
    json_option,
    pass_session,
    print_fields,
    print_json,
)
from adapters.cli.i18n import LANGS, N_, _, language, tell


@click.group("store")
def store() -> None:
    """The store in use: create it, see what it holds, rebuild its read model.

    \b
    Example:
      humas --store laporan.sqlite store init
      humas store info
    """


@store.command("init")
@click.argument("location", required=False, metavar="[STORE]")
@pass_session
def init(session: Session, location: str | None) -> None:
    """Create a new, empty store (default: the one --store or the settings name).

    Commands that only read never create a store; the first write, or this command,
    does. On PostgreSQL it creates the ?schema=NAME too.

    \b
    Example:
      humas store init ~/humas/polres-oku-timur.sqlite
      humas store init "postgresql://humas@db.polres.local/humas?schema=oku_timur"
    """
    from adapters.bootstrap import close_application, open_for_command
    from adapters.store import HUMAS, parse_store, probe

    config = parse_store(location) if location else session.store
    if probe(config).state == HUMAS:
        click.echo(tell("{store} is already a humas store", store=config.describe()))
        return
    if session.read_only:
        from domain.model.errors import StoreReadOnly

        raise StoreReadOnly("store-read-only")
    app = open_for_command(config, writing=True)
    close_application(app)
    click.echo(tell("created a new humas store at {location}", location=config.location))


@store.command("info")
@json_option
@pass_session
def info(session: Session, as_json: bool) -> None:
    """Say which store is in use and how much it holds.

    \b
    Example:
      humas store info --json
    """
    counts = session.app.store_info()
    answer = {"store": session.store.kind, "location": session.store.location, **counts}
    if as_json:
        print_json(answer)
        return
    labels = {"operations": N_("operations"), "activities": N_("activities"),
              "coverage_items": N_("coverage items"), "incidents": N_("incidents"),
              "events": N_("events"), "position": N_("position")}  # fmt: skip
    members = counts["roster"]
    roster = (
        tell("{count} people, roles enforced", count=members)
        if members
        else _("empty: every actor may write (humas roster add NAME --role supervisor)")
    )
    print_fields(
        [(N_("store"), session.store.describe())]
        + [(label, tell("{count}", count=counts[key])) for key, label in labels.items()]
        + [(N_("roster"), roster)]
    )


@store.command("rebuild")
@pass_session
def rebuild(session: Session) -> None:
    """Rebuild the read model (lists, filters, lookups) from the events alone.

    \b
    Example:
      humas --store laporan.sqlite store rebuild
    """
    import sys

    from domain.model.provenance import Recorder

    app = session.app
    # Anyone may rebuild while the store has no roster; after that, the role decides.
    by = Recorder(session.actor or "(no name given)")
    if not sys.stderr.isatty():
        counts = app.rebuild_read_model(by)
    else:  # a progress bar, by events read
        total = app.recorder.max_notification_id() or 0
        with click.progressbar(length=total, label=_("rebuilding"), file=sys.stderr) as bar:
            app.read_model.on_progress = lambda _, position: bar.update(position - bar.pos)  # type: ignore[attr-defined]
            counts = app.rebuild_read_model(by)
    click.echo(
        tell(
            "rebuilt from {events} events: {operations} operations, {activities} activities",
            events=counts["events"], operations=counts["operations"],
            activities=counts["activities"],
        )
    )  # fmt: skip


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
    """Personal settings: actor (who you are), store (which store to use), lang (id or en).

    \b
    Example:
      humas config set actor "Bripka Ani Lestari"
      humas config show
    """


@config.command("set")
@click.argument("key", type=click.Choice(["actor", "store", "lang"]))
@click.argument("value", type=TITLE)
def set_value(key: str, value: str) -> None:
    """Remember a setting.

    \b
    Example:
      humas config set actor "Bripka Ani Lestari"
      humas config set store ~/humas/polres-oku-timur.sqlite
      humas config set lang id
    """
    from adapters.config import write_setting

    path = write_setting(key, value)
    click.echo(f"{key} = {value}  ({path})")


@config.command("unset")
@click.argument("key", type=click.Choice(["actor", "store", "lang"]))
def unset_value(key: str) -> None:
    """Forget a setting.

    \b
    Example:
      humas config unset store
    """
    from adapters.config import write_setting

    write_setting(key, None)
    click.echo(tell("{key} unset", key=key))


@config.command("show")
@json_option
def show(as_json: bool) -> None:
    """Print the settings and where they are kept.

    \b
    Example:
      humas config show
      humas config show --json
    """
    from adapters.config import config_path, read_config

    if as_json:
        print_json({"path": str(config_path()), "settings": read_config()})
        return
    click.echo(f"# {config_path()}")
    for key, value in read_config().items():
        click.echo(f"{key} = {value}")


@click.command("demo")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=language,
    help="Language of the report (default: the command line's, see humas --lang).",
)
@click.option("--force", is_flag=True, help="Overwrite the report file if it exists.")
@click.pass_context
def demo(ctx: click.Context, lang: str, force: bool) -> None:
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
    from adapters.store import parse_store, probe

    session: Session = ctx.obj
    if session.store_option:
        config = session.store
    else:
        folder = Path(tempfile.mkdtemp(prefix="humas-demo-"))
        config = parse_store(str(folder / "demo.sqlite"))
    probe(config)  # anything that is not a humas store is refused before it is touched
    folder = Path(config.location).parent if config.kind == "sqlite" else Path.cwd()
    app = open_application(config)
    ctx.call_on_close(lambda: close_application(app))
    if app.store_info()["events"]:
        raise click.UsageError(
            tell("--store: {location} is not empty; the demo needs a new store",
                 location=config.location)
        )  # fmt: skip
    run_demo(app, lambda template, **values: click.echo(tell(template, **values)), language())
    counts = app.store_info()
    click.echo(
        tell(
            "store {store}: {operations} operation, {activities} activities, {events} events",
            store=config.describe(),
            operations=counts["operations"],
            activities=counts["activities"],
            events=counts["events"],
        )
    )
    from adapters.cli.report_commands import write_report
    from reports.source import busiest_week

    start, end = busiest_week(app)
    out = folder / f"laporan-{start.isocalendar().year}-W{start.isocalendar().week:02d}-{lang}.html"
    if out.exists() and not force:
        raise click.ClickException(
            tell("{path} exists; the demo is recorded in {location}, its report not written "
                 "(--force overwrites the file)", path=str(out), location=config.location)
        )  # fmt: skip
    write_report(app, "weekly", start, end, operation=None, lang=lang, fmt="html",
                 out=out, verified_only=False)  # fmt: skip
    click.echo(tell("try: humas --store {location} activity list", location=config.location))
    click.echo(tell("report of the busiest week ({start} to {end}): {path}", start=start, end=end,
                    path=str(out)))  # fmt: skip


@click.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]), default="bash")
def completion(shell: str) -> None:
    """Print the shell completion script: commands, options, kinds complete on Tab.

    The same script comes from _HUMAS_COMPLETE=bash_source humas (zsh_source,
    fish_source for the other shells).

    \b
    Example:
      eval "$(humas completion bash)"            # in ~/.bashrc
      humas completion fish > ~/.config/fish/completions/humas.fish
    """
    from click.shell_completion import get_completion_class

    from adapters.cli.main import cli

    complete = get_completion_class(shell)
    assert complete is not None  # click ships bash, zsh and fish
    click.echo(complete(cli, {}, "humas", "_HUMAS_COMPLETE").source())
