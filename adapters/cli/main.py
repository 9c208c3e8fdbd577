"""The root of the ``humas`` command: global options, the session, and error handling.

Only click is imported at start-up; each command imports the application when it
runs, so ``humas --help`` stays quick.
"""

import sys
from typing import Any, NoReturn

import click

from adapters.cli.common import OPTION_NAMES, Session


class HumasGroup(click.Group):
    """A group whose every failure is one line on stderr, never a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except click.exceptions.Abort:
            _fail("aborted", 130)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except Exception as error:
            _fail(*_explain(error))
        sys.exit(result if isinstance(result, int) else 0)


def _explain(error: Exception) -> tuple[str, int]:
    from adapters.dates import DateError
    from adapters.store import StoreError
    from domain.model.errors import DomainError

    if isinstance(error, DomainError):
        where = OPTION_NAMES.get(error.field or "", f"--{(error.field or '').replace('_', '-')}")
        return (f"{where}: {error.message}" if error.field else error.message), 2
    if isinstance(error, DateError | ValueError):
        return str(error), 2
    if isinstance(error, StoreError):
        return str(error), 1
    from eventsourcing.persistence import PersistenceError

    if isinstance(error, PersistenceError):
        lines = str(error).strip().splitlines()
        return f"store error: {lines[0] if lines else type(error).__name__}", 1
    if isinstance(error, OSError):
        return f"{error.filename or ''}: {error.strerror or error}".lstrip(": "), 1
    raise error


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"humas: error: {message}", err=True)
    sys.exit(code)


@click.group(cls=HumasGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    metavar="STORE",
    help="File path, sqlite:///PATH or postgresql://user@host:port/db "
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
@click.version_option(package_name="humas")
@click.pass_context
def cli(ctx: click.Context, store: str | None, actor: str | None, read_only: bool) -> None:
    """humas: the campaign tracker of a police PR unit (Humas).

    \b
    Example:
      humas --as "Bripka Ani" operation plan "Operasi Mantap Brata 2023-2024" \\
          --slug omb --start 19/10/2023 --end 20/10/2024 --days 222
      humas --as "Bripka Ani" log outreach --title "Jumat Curhat" --on 2023-10-20
      humas activity list --from 2023-10-16 --to 2023-10-22
    """
    ctx.obj = Session(store, actor, read_only)
    ctx.call_on_close(ctx.obj.close)  # a PostgreSQL server counts every open connection


from adapters.cli import (  # noqa: E402
    activities,
    audit_commands,
    coverage_commands,
    field_report_commands,
    ingest_commands,
    operations,
    report_commands,
    review_commands,
    roster_commands,
    store_commands,
)

for _module in (
    operations,
    activities,
    ingest_commands,
    coverage_commands,
    review_commands,
    roster_commands,
    report_commands,
    field_report_commands,
    store_commands,
    audit_commands,
):
    _module.register(cli)


def main() -> None:
    cli.main(prog_name="humas")
