"""``humas review …``: a supervisor verifies, fixes, rejects or merges what came in."""

from typing import Any

import click

from adapters.cli.activities import field_options, field_values
from adapters.cli.common import (
    KIND,
    REF,
    TEXT,
    Session,
    choices,
    json_option,
    pass_session,
    pass_writer,
    print_json,
    print_list,
)
from adapters.cli.i18n import N_, _, ngettext, tell
from domain.model.values import AWAITING_REVIEW


@click.group("review")
def review() -> None:
    """What waits for a supervisor, and the supervisor's decisions.

    \b
    Example:
      humas review list
      humas review accept 3f2a9c --personnel 350 --reason "angka dari Kapolsek"
    """


@review.command("list")
@click.option("--status", type=choices(AWAITING_REVIEW), help="Only records in this status.")
@click.option("--operation", type=REF, help="Only records of this operation.")
@json_option
@pass_session
def review_list(session: Session, status: str | None, operation: str | None, as_json: bool) -> None:
    """What waits for review, oldest first, with the source of each.

    \b
    Example:
      humas review list
      humas review list --status proposed --operation omb --json
    """
    print_list(
        session.app.review_queue(status=status, operation=operation),
        [("short_id", N_("ID")), ("recorded", N_("RECORDED")), ("review", N_("STATUS")), ("kind", N_("KIND")),
         ("occurred_on", N_("DATE")), ("from", N_("SOURCE")), ("title", N_("TITLE"))],
        as_json,
        empty=N_("nothing waits for review"),
        cells=lambda row: {
            "from": _source_label(row), "recorded": row["recorded_at"][:16].replace("T", " "),
            # an incident is a record type, said in words; an activity's kind is as typed
            "kind": _("incident") if row["record_type"] == "Incident" else row["kind"],
        },
    )  # fmt: skip


def _source_label(row: dict[str, Any]) -> str:
    """Where a waiting record came from, in the reader's language."""
    source = row.get("source") or {}
    if source.get("report_id"):
        return tell("field report {id}", id=source["report_id"])
    if source.get("coverage_id"):
        count = len(row.get("coverage_ids") or [])
        return tell(ngettext("news ({count} item)", "news ({count} items)", count), count=count)
    return _("officer")


@review.command("accept")
@click.argument("ref", type=REF)
@click.option("--kind", type=KIND, help="Fix the kind.")
@field_options(required=False)
@click.option(
    "--reason", type=TEXT, help="Why it is right, or why the fixes (kept in the history)."
)
@json_option
@pass_writer
def accept(session: Session, ref: str, reason: str | None, as_json: bool, **options: Any) -> None:
    """Verify a record, fixing fields in the same step if needed (each fix is recorded).
    Takes the same options as activity correct.

    \b
    Example:
      humas review accept 3f2a9c --personnel 350 --unit "Polres OKU Timur" \\
        --reason "angka dari Kapolsek"
    """
    fixes = field_values(options, only_given=True)
    record = session.app.accept(session.recorder, ref, fixes, reason)
    _answer(record, "verified", as_json)


@review.command("reject")
@click.argument("ref", type=REF)
@click.option("--reason", type=TEXT, required=True, help="Why the record is wrong.")
@json_option
@pass_writer
def reject(session: Session, ref: str, reason: str, as_json: bool) -> None:
    """Reject a record, with a reason; it stays in the history.

    \b
    Example:
      humas review reject 3f2a9c --reason "bukan kegiatan Polres"
    """
    record = session.app.reject(session.recorder, ref, reason)
    _answer(record, "rejected", as_json)


@review.command("merge")
@click.argument("ref", type=REF)
@click.option("--into", "into", type=REF, required=True, help="The record that stays.")
@click.option("--reason", type=TEXT, help="Why they are one activity.")
@json_option
@pass_writer
def merge(session: Session, ref: str, into: str, reason: str | None, as_json: bool) -> None:
    """Merge two records of one activity: REF points at the survivor from now on, and
    its coverage items move over.

    \b
    Example:
      humas review merge 7b41d0 --into 3f2a9c --reason "berita yang sama"
    """
    survivor = session.app.merge(session.recorder, ref, into, reason)
    _answer(survivor, "merged into", as_json)


def _answer(record: Any, verb: str, as_json: bool) -> None:
    summary = record.summary()
    if as_json:
        print_json(summary)
        return
    click.echo(
        tell("{verb} {id} {title}", verb=_(verb), id=summary["id"][:8], title=summary["title"])
    )
