"""The root of the ``humas`` command: global options, the session, and error handling.

Only click is imported at start-up. Each command's module is imported when that
command runs (click's lazy group pattern), and each command imports the application
when it needs it, so ``humas --help`` and ``humas log`` stay quick.
"""

import sys
from typing import Any, NoReturn

import click

from adapters.cli import i18n
from adapters.cli.common import OPTION_NAMES, Session
from adapters.cli.i18n import _

i18n.install_into_click()  # before the decorators below: click's words in the catalogue

# Every top-level command: its name, where it lives ("module:attribute"), and the line
# ``humas --help`` shows for it, so listing the commands imports none of them
# (tests/core/test_everyday_cli.py checks each line against the command's own help).
# A new command module adds one line here and one in INDONESIAN_NAMES (a test checks
# both), then regenerates the kept root help:
# python -m adapters.cli.root_help (a test checks it).
COMMANDS: dict[str, tuple[str, str]] = {
    "operation": ("adapters.cli.operations:operation", "Plan and follow operations (operasi)."),
    "log": ("adapters.cli.activities:log", "Record an activity of the unit."),
    "activity": ("adapters.cli.activities:activity", "List, show, correct, cancel activities."),
    "incident": ("adapters.cli.incidents:incident", "List and show incidents (kejadian)."),
    "history": ("adapters.cli.activities:history", "Every event of a record, as readable text."),
    "ingest": ("adapters.cli.ingest_commands:ingest", "Read news items and field reports in."),
    "coverage": ("adapters.cli.coverage_commands:coverage", "News items kept as coverage."),
    "review": ("adapters.cli.review_commands:review", "What waits for a supervisor; decisions."),
    "roster": ("adapters.cli.roster_commands:roster", "The people of the unit and their roles."),
    "report": ("adapters.cli.report_commands:report", "Weekly and period reports (Anev)."),
    "schema": ("adapters.cli.field_report_commands:schema", "JSON Schemas of the files read."),
    "template": ("adapters.cli.field_report_commands:template", "Blank field-report templates."),
    "store": ("adapters.cli.store_commands:store", "The store in use: create, inspect, rebuild."),
    "config": ("adapters.cli.store_commands:config", "Personal settings: actor, store."),
    "demo": ("adapters.cli.store_commands:demo", "Record the OKU Timur example in a new store."),
    "audit": ("adapters.cli.audit_commands:audit", "For auditors: history, seals, exports."),
    "flag": ("adapters.cli.flag_commands:flag", "Flags: doubts to see, settled by supervisors."),
    "unit": ("adapters.cli.unit_commands:unit", "The unit list: which unit stands under which."),
    "completion": ("adapters.cli.store_commands:completion", "Shell completion (bash, zsh, fish)."),
}

# Each command's Indonesian name. Both names work in every language; the Indonesian help
# lists these, the English help the English ones, and scripts keep the English names.
INDONESIAN_NAMES: dict[str, str] = {
    "operation": "operasi", "log": "catat", "activity": "kegiatan", "incident": "kejadian",
    "history": "riwayat", "ingest": "impor", "coverage": "pemberitaan",
    "review": "verifikasi", "roster": "personel", "report": "laporan", "schema": "skema",
    "template": "templat", "store": "basis-data", "config": "pengaturan", "demo": "demo",
    "audit": "audit", "flag": "catatan", "unit": "satuan", "completion": "pelengkapan",
}  # fmt: skip
ENGLISH_NAMES = {indonesian: english for english, indonesian in INDONESIAN_NAMES.items()}


class HumasGroup(click.Group):
    """The root group: commands loaded on demand, and every failure one line on stderr."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        cmd_name = ENGLISH_NAMES.get(cmd_name, cmd_name)
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        from importlib import import_module

        module, attribute = COMMANDS[cmd_name][0].split(":")
        command = getattr(import_module(module), attribute)
        assert isinstance(command, click.Command), f"{module}:{attribute} is not a command"
        return command

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[Any]:
        """The commands' names for a shell, the Indonesian ones too."""
        from click.shell_completion import CompletionItem

        offered = super().shell_complete(ctx, incomplete)
        return offered + [
            CompletionItem(name)
            for name in INDONESIAN_NAMES.values()
            if name.startswith(incomplete) and name not in COMMANDS
        ]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the registry's lines: no command module is imported."""
        names = INDONESIAN_NAMES if i18n.language() == "id" else {}
        rows = [(names.get(name, name), _(COMMANDS[name][1])) for name in COMMANDS]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        given = kwargs.get("args", args[0] if args else None)
        given = sys.argv[1:] if given is None else list(given)
        debug = "--debug" in given
        i18n.use(i18n.choose(given))  # before click says anything (--lang also parses below)
        try:
            result = super().main(*args, **kwargs)
        except click.exceptions.Abort:
            _fail(_("aborted"), 130)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.exceptions.NoArgsIsHelpError as error:  # bare ``humas``: the help
            click.echo(error.format_message(), err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except Exception as error:
            explained = _explain(error)
            if explained is None:
                if debug:
                    import traceback

                    traceback.print_exc()
                _fail(
                    i18n.tell(
                        "internal error: {error}: {detail}; rerun with --debug for details",
                        error=type(error).__name__,
                        detail=_first_line(error),
                    ),
                    70,
                )
            _fail(*explained)
        sys.exit(result if isinstance(result, int) else 0)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:300] if lines else ""


def _explain(error: Exception) -> tuple[str, int] | None:
    """A person's mistake or a store's refusal as (one line, exit code); None for a bug."""
    from adapters.audit.times import TimeError
    from adapters.config import ConfigError
    from adapters.dates import DateError
    from adapters.store import StoreError

    if isinstance(error, DateError):
        return i18n.explain(error), 2
    if isinstance(error, TimeError | ConfigError):
        return i18n.explain(error), 2
    if isinstance(error, StoreError):
        return i18n.explain(error), 1
    from domain.model.errors import DomainError, StoreReadOnly

    if isinstance(error, StoreReadOnly):
        return i18n.explain(error), 1
    if isinstance(error, DomainError):
        where = OPTION_NAMES.get(error.field or "", f"--{(error.field or '').replace('_', '-')}")
        message = i18n.explain(error)
        return (f"{where}: {message}" if error.field else message), 2
    from eventsourcing.persistence import MapperDeserialisationError, PersistenceError

    if isinstance(error, PersistenceError):
        from adapters.store import explain_store_failure

        return i18n.explain(explain_store_failure(error)), 1
    if isinstance(error, MapperDeserialisationError):  # an event changed by hand
        from adapters.store import StoreError

        unreadable = StoreError(
            "a stored event cannot be read ({detail}); humas audit verify names what was changed",
            detail=_first_line(error)[:200],
        )
        return i18n.explain(unreadable), 1
    if isinstance(error, OSError):
        return f"{error.filename or ''}: {error.strerror or error}".lstrip(": "), 1
    return None


def _fail(message: str, code: int) -> NoReturn:
    click.echo(i18n.tell("humas: error: {message}", message=message), err=True)
    sys.exit(code)


@click.group(cls=HumasGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    metavar="STORE",
    help="File path, sqlite:///PATH or postgresql://user@host:port/db[?schema=NAME] "
    "(default: $HUMAS_STORE, then the configured store, then a file in your data directory).",
)
@click.option(
    "--as", "actor", metavar="NAME", help="Who is recording (default: $HUMAS_ACTOR or config)."
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Open the store for reading only; nothing is written (audit commands always do).",
)
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGS),
    is_eager=True,
    expose_value=False,
    callback=lambda ctx, param, value: i18n.use(value) if value else None,
    help="Language of what humas says: id or en (default: $HUMAS_LANG, the lang setting, "
    "then the locale).",
)
@click.option("--debug", is_flag=True, help="Show the full traceback of an internal error.")
@click.version_option(package_name="humas", help="Show the version and exit.")
@click.pass_context
def cli(
    ctx: click.Context, store: str | None, actor: str | None, read_only: bool, debug: bool
) -> None:
    """humas: the campaign tracker of a police PR unit (Humas).

    Every command also has an Indonesian name (operasi, catat, kegiatan, laporan …),
    which humas --lang id --help lists.

    \b
    Example:
      humas --as "Bripka Ani" operation plan "Operasi Mantap Brata 2023-2024" \\
          --slug omb --start 19/10/2023 --end 20/10/2024 --days 222
      humas --as "Bripka Ani" log outreach --title "Jumat Curhat" --on 2023-10-20
      humas activity list --from 2023-10-16 --to 2023-10-22
    """
    session = Session(store, actor, read_only)
    ctx.obj = session
    ctx.call_on_close(session.close)  # the store's connections, whatever the command did


def main() -> None:
    cli.main(prog_name="humas")
