"""``humas audit …``: replay the history, seal it, check it, export it.

Every audit command opens the store read-only, except ``audit seal``, the one that
writes (and needs a supervisor where the store has a roster).
"""

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from adapters.cli.common import (
    FORCE,
    POSITION,
    TIME_HELP,
    Session,
    TimeParam,
    check_out_file,
    json_option,
    pass_session,
    print_json,
)
from adapters.cli.i18n import N_, _, explain, tell
from adapters.files import written_whole

SINCE = TimeParam()
UNTIL = TimeParam(end_of_day=True)


def _reading(session: Session) -> Session:
    """Auditors read: the store is opened read-only whatever the global option says."""
    session.read_only = True
    return session


def _print_json_array(items: Iterable[Any]) -> None:
    """A JSON array printed item by item, so a long log never sits whole in memory."""
    first = True
    click.echo("[", nl=False)
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2, default=str)
        click.echo(("\n" if first else ",\n") + "  " + text.replace("\n", "\n  "), nl=False)
        first = False
    click.echo("\n]" if not first else "]")


def _in_order(first: Any, last: Any, first_name: str, last_name: str) -> None:
    """Refuse a range that ends before it starts: it would answer "nothing", which an
    auditor could take for "nothing changed"."""
    if first is not None and last is not None and first > last:
        raise click.BadParameter(
            tell("{last} comes before {first}", first=first_name, last=last_name),
            param_hint=f"{first_name}/{last_name}",
        )


@click.group("audit")
def audit() -> None:
    """For auditors: the history in recorded order, changes between two moments, seals
    that make tampering evident, and an export anyone can check.

    \b
    Example:
      humas audit log --since 2023-10-16 --until 2023-10-22
      humas audit verify
    """


@audit.command("log")
@click.option("--from", "first", type=POSITION, help="From this position on.")
@click.option("--to", "last", type=POSITION, help="Up to this position.")
@click.option("--since", type=SINCE, help=f"Recorded at this time or later ({TIME_HELP}).")
@click.option("--until", type=UNTIL, help=f"Recorded before this time; a day counts whole ({TIME_HELP}).")  # fmt: skip
@click.option("--last", "tail", type=POSITION, metavar="N", help="Only the last N events.")  # fmt: skip
@json_option
@pass_session
def log(session: Session, as_json: bool, **bounds: Any) -> None:
    """Every event in the order it was recorded: position, time, actor, channel, record,
    event type, what changed, reason.

    \b
    Example:
      humas audit log --since 2023-10-16 --until 2023-10-22
      humas audit log --from 1200 --to 1300 --json
    """
    from adapters.audit.render import print_log

    _in_order(bounds["since"], bounds["until"], "--since", "--until")
    _in_order(bounds["first"], bounds["last"], "--from", "--to")
    entries = _reading(session).app.audit_log(**bounds)
    if as_json:
        _print_json_array(entries)
    elif not print_log(entries, click.echo):
        click.echo(_("no event in that range"))


@audit.command("diff")
@click.option("--since", type=SINCE, required=True, help=f"From this moment ({TIME_HELP}).")
@click.option("--until", type=UNTIL, help=f"Up to this moment (default: now; {TIME_HELP}).")
@json_option
@pass_session
def diff(session: Session, since: datetime, until: datetime | None, as_json: bool) -> None:
    """What changed between two moments, record by record: new, corrected (old and new
    values), verified, rejected, merged, cancelled.

    \b
    Example:
      humas audit diff --since 2023-10-20T08:00+07:00 --until 2023-10-27
    """
    from adapters.audit.render import print_diff

    _in_order(since, until, "--since", "--until")
    changes = _reading(session).app.audit_diff(since, until)
    if as_json:
        print_json(changes)
    else:
        print_diff(changes, click.echo)


@audit.command("as-of")
@click.argument("moment", metavar="TIME", type=SINCE)
@json_option
@pass_session
def as_of(session: Session, moment: datetime, as_json: bool) -> None:
    """What the tracker held at a past moment: operations, activities by status, review
    and kind, incidents, open flags; rebuilt from the events recorded before it.

    \b
    Example:
      humas audit as-of 2023-10-20T14:00+07:00
    """
    from adapters.audit.render import print_holdings

    holdings = _reading(session).app.audit_as_of(moment)
    if as_json:
        print_json(holdings)
    else:
        print_holdings(holdings, click.echo)


@audit.command("seal")
@click.option("--accept-foreign", is_flag=True,
              help="Seal records humas never saved too (give --reason; it is recorded).")  # fmt: skip
@click.option("--reason", metavar="TEXT", help="Why records humas never saved are sealed.")
@json_option
@pass_session
def seal(session: Session, accept_foreign: bool, reason: str | None, as_json: bool) -> None:
    """Seal every event stored so far (a supervisor's command).

    The seal is a SHA-256 hash chain over the stored records, chained to the previous
    seal and stored as an event of its own; `humas audit verify` recomputes it. It
    refuses while records humas never saved (rows put in the database by other means)
    wait to be sealed, unless --accept-foreign --reason TEXT.

    \b
    Example:
      humas --as "AKP Hendra Saputra" audit seal
      humas --as "AKP Hendra Saputra" audit seal --accept-foreign --reason "restored from backup"
    """
    if accept_foreign and not (reason or "").strip():
        raise click.BadParameter(_("say why with --reason TEXT"), param_hint="--accept-foreign")
    if reason is not None and not accept_foreign:
        # a seal records a reason only for the records humas never saved: not silently lost
        raise click.BadParameter(_("goes with --accept-foreign"), param_hint="--reason")
    sealed = session.app.seal(session.recorder, reason if accept_foreign else None)
    if as_json:
        print_json(sealed)
    elif sealed is None:
        click.echo(_("nothing to seal: the store is empty"))
    else:
        click.echo(
            tell(
                N_("sealed seal #{number}: up to position {position}, hash {hash}") if sealed["new"] else N_("nothing new since seal #{number}: up to position {position}, hash {hash}"),
                number=str(sealed["number"]), position=sealed["position"], hash=sealed["hash"],
            )
        )  # fmt: skip


@audit.command("verify")
@click.option(
    "--export",
    "export_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Check this export file instead of a store (no store or key needed).",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Make this report (md, html or json) again as of its footer and compare its figures.",
)
@click.option("--key", metavar="KEY",
              help="With --export of an encrypted store: its key, to check the readable fields too.")  # fmt: skip
@click.option("--expect", multiple=True, metavar="HASH",
              help="A seal hash from a report footer (12+ hex digits) that must still be there (repeat).")  # fmt: skip
@json_option
@click.pass_context
def verify(
    ctx: click.Context,
    export_file: Path | None,
    report_file: Path | None,
    key: str | None,
    expect: tuple[str, ...],
    as_json: bool,
) -> None:
    """Recompute the seals and name every record altered, deleted, inserted or moved.

    Exit 0 and one line when everything matches; exit 3 listing every problem.

    \b
    Example:
      humas audit verify
      humas audit verify --export humas-audit.jsonl --expect 055e10388ebb
    """
    from adapters.audit.render import print_notes, print_problems, verdict_summary
    from domain.model.seal import verdict_note

    for wanted in expect:
        if len(wanted) < 12 or any(c not in "0123456789abcdefABCDEF" for c in wanted):
            raise click.BadParameter(_("give at least 12 hex digits of a seal hash"), param_hint="--expect")  # fmt: skip
    if report_file is not None and export_file is not None:
        # each checks something else: answering one would leave the other unchecked
        raise click.UsageError(_("verify a report or an export, one at a time"))
    if report_file is not None:
        _verify_report(ctx, report_file, as_json)
        return
    if export_file is not None:
        from adapters.audit.export import ExportFileError, check_export
        from adapters.store import StoreError

        try:
            verdict = check_export(export_file, expect, key)
        except ExportFileError as error:
            raise click.BadParameter(explain(error), param_hint="--export") from None
        except StoreError as error:  # a key that is no key, or another store's
            raise click.BadParameter(explain(error), param_hint="--key") from None
    else:
        session: Session = ctx.obj
        session.key_optional = True  # seals and stored bytes need no key
        app = _reading(session).app
        verdict = app.verify_store(expect)
        if app.without_key:
            verdict.notes.append(verdict_note(
                "the read model was not checked: it is encrypted; set HUMAS_CIPHER_KEY to check it"
            ))  # fmt: skip
        elif any(problem.stream for problem in verdict.problems):
            # the read model is made from the events: it is judged by an intact log
            verdict.notes.append(
                verdict_note("the read model is checked once the event log is intact")
            )
        else:
            from adapters.audit.read_model_check import check_read_model

            verdict.problems.extend(check_read_model(app))
    if as_json:
        print_json(verdict.as_dict())
    elif verdict.intact:
        click.echo(verdict_summary(verdict))
        print_notes(verdict, click.echo)
    else:
        print_problems(verdict, click.echo)
    if not verdict.intact:
        ctx.exit(3)


@audit.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The JSONL file to write (- for standard output).")  # fmt: skip
@FORCE
@pass_session
def export(session: Session, out: Path, force: bool) -> None:
    """Write every stored record (stored bytes, digest, what it says) and every seal to
    a JSONL file that `humas audit verify --export` (or twenty lines of Python, see the
    README) checks on any machine.

    \b
    Example:
      humas audit export --out humas-audit-2023-11.jsonl
    """
    import sys

    from adapters.audit.export import write_export

    if str(out) != "-":
        check_out_file(out, force)
    lines = _reading(session).app.audit_export()
    if str(out) == "-":
        written = write_export(lines, sys.stdout)
    else:
        with written_whole(out) as file:
            written = write_export(lines, file)
    click.echo(
        tell("exported {events} events and {seals} seals (up to position {position}) to {path}",
             events=written.events, seals=written.seals, position=written.last_position,
             path=str(out)),
        err=True,
    )  # fmt: skip


def _verify_report(ctx: click.Context, path: Path, as_json: bool) -> None:
    from adapters.audit.report_check import ReportFileError, check_report

    session: Session = ctx.obj
    try:
        checked = check_report(_reading(session).app, path)
    except ReportFileError as error:
        raise click.BadParameter(explain(error), param_hint="--report") from None
    if as_json:
        print_json({"report": str(path), "matches": checked.matches, "position": checked.position,
                    "digest": checked.digest, "events_give": checked.recomputed,
                    "line_changed": checked.differs_at})  # fmt: skip
    elif checked.matches:
        click.echo(
            tell("{path}: its figures match the events as of position {position} "
                 "(figures digest {digest})", path=str(path), position=checked.position,
                 digest=checked.digest)
        )  # fmt: skip
    elif checked.digest == checked.recomputed:
        click.echo(
            tell("report     {path}: line {line} is not what the events give as of position "
                 "{position}: the report was changed after it was made (or made by another "
                 "version of humas)", path=str(path),
                 line=checked.differs_at, position=checked.position)
        )  # fmt: skip
    else:
        click.echo(
            tell("report     {path}: its figures differ from what the events give as of position "
                 "{position} (digest {digest}, events give {recomputed})", path=str(path),
                 position=checked.position, digest=checked.digest, recomputed=checked.recomputed)
        )  # fmt: skip
    if not checked.matches:
        ctx.exit(3)
