"""``humas ingest news`` and ``humas ingest field-report``: bring outside sources in.

A bad item or file is one line on stderr and the others still go in; the exit code
at the end says whether anything failed.
"""

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

import click

from adapters.cli.common import REF, Session, json_option, pass_session, print_json
from adapters.cli.i18n import N_, _, explain, tell
from domain.flags import upcast
from domain.model.errors import SORTS

# Below this many items a progress bar is more noise than help.
PROGRESS_FROM = 20


@click.group("ingest")
def ingest() -> None:
    """Read news items and field reports into the store.

    \b
    Example:
      humas ingest field-report laporan-polsek-belitang.csv
      humas ingest news berita/ --operation omb
    """


@ingest.command("news")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--url", "urls", multiple=True, metavar="ADDRESS",
              help="Fetch a page (repeat); public http(s) addresses only.")  # fmt: skip
@click.option("--allow-private", is_flag=True,
              help="Let --url reach loopback and private-network addresses too.")  # fmt: skip
@click.option("--operation", type=REF, help="Operation the items belong to.")
@click.option("--dry-run", is_flag=True, help="Show what would be stored; store nothing.")
@json_option
@pass_session
def ingest_news(
    session: Session,
    paths: tuple[str, ...],
    urls: tuple[str, ...],
    allow_private: bool,
    operation: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Read news items (.txt, .html, a directory, or - for standard input), propose the
    activities they report, and link items that report one already recorded.

    \b
    Example:
      humas ingest news berita/ --operation omb-2023
      humas ingest news --url https://example.id/berita/simulasi --dry-run --json
    """
    from adapters.news.ingest import fetch, news_sources, read_source
    from adapters.news.intake import ingest_news_items
    from adapters.news.reader import RawItem

    if not paths and not urls:
        raise click.UsageError(_("give at least one PATH, - or --url ADDRESS"))
    session.writing = not dry_run  # a first import creates the store; a dry run never does
    app, by = session.app, session.recorder
    if operation:  # once, before any item is read: a wrong REF is the command's mistake
        from domain.model.errors import NotFound

        try:
            operation = app.operation_id(operation)
        except NotFound as error:
            raise click.BadParameter(explain(error), param_hint="--operation") from None
    sources = news_sources(paths)
    stdin = sys.stdin.buffer
    # Readers, not items: each item is read only when its turn comes (flat memory).
    readers: list[tuple[str, Callable[[], RawItem]]] = [
        (source, partial(read_source, source, stdin)) for source in sources
    ]
    readers += [(url, partial(fetch, url, allow_private)) for url in urls]
    counts = {"ingested": 0, "linked": 0, "duplicate": 0, "failed": 0}
    with _progress(len(readers)) as advance:
        for done in ingest_news_items(app, by, readers, operation=operation, dry_run=dry_run):
            if done.error is not None or done.outcome is None:
                counts["failed"] += 1
                said = done.said(explain)
                click.echo(tell("humas: error: {message}", message=said), err=True)
            else:
                counts[done.outcome["outcome"]] += 1
                _print_outcome(done.item, done.outcome, dry_run, as_json)
            advance()
    said = tell(
        N_(
            "would have ingested {ingested}, linked {linked}, duplicates {duplicate}, failed {failed}"
        )
        if dry_run
        else N_("ingested {ingested}, linked {linked}, duplicates {duplicate}, failed {failed}"),
        **counts,
    )
    click.echo(said, err=as_json)
    if counts["failed"]:
        sys.exit(2)


def _print_outcome(item: Any, outcome: dict[str, Any], dry_run: bool, as_json: bool) -> None:
    # The flags as judged against the store (e.g. store-conflict), not only the text's own.
    facts = {**item.facts, "flags": outcome.get("flags", item.facts.get("flags") or [])}
    if as_json:
        # the cleaned body is stored with the item (``coverage show``), not printed here
        line = {key: value for key, value in facts.items() if key != "body"}
        if not dry_run:
            line["ids"] = {
                "coverage_item": outcome["coverage_id"],
                "record_type": outcome.get("record_type"),
                "record": outcome.get("record_id"),
                "outcome": outcome["outcome"],
            }
            if outcome.get("syndicated_from"):
                line["ids"]["syndicated_from"] = outcome["syndicated_from"]
        click.echo(json.dumps(line, ensure_ascii=False, default=str))
        return
    sort = (outcome.get("record_type") or "").lower()
    record = f"{_(SORTS.get(sort, sort))} {(outcome.get('record_id') or '')[:8]}"
    if outcome["outcome"] == "duplicate":
        item_id = outcome["coverage_id"][:8]
        what = (
            tell("duplicate of coverage item {item}, which reports {record}", item=item_id,
                 record=record)
            if outcome.get("record_id")
            else tell("duplicate of coverage item {item}", item=item_id)
        )  # fmt: skip
    elif outcome.get("syndicated_from"):
        item_id = outcome["syndicated_from"][:8]
        what = (
            tell("copy of coverage item {item}, linked to {record}", item=item_id, record=record)
            if outcome.get("record_id")
            else tell("copy of coverage item {item}", item=item_id)
        )
    elif outcome["outcome"] == "linked":
        what = tell("linked to {record}", record=record)
    else:
        what = (
            tell("proposed {record}", record=record)
            if outcome.get("record_id")
            else _("kept as coverage only")
        )
    kinds = [upcast(flag).code for flag in facts["flags"]]
    flags = tell(" [flags: {codes}]", codes=", ".join(kinds)) if kinds else ""
    day = facts.get("occurred_on") or _("undated")
    click.echo(f"{item.source}: {facts['category']} {day}: {what}{flags}")


@contextmanager
def _progress(total: int) -> Iterator[Any]:
    """A progress bar on stderr, only for a person at a terminal and a long run."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    with click.progressbar(length=total, file=sys.stderr, label="ingesting") as bar:
        yield lambda: bar.update(1)


@ingest.command("field-report")
# Paths are not checked here: a missing file or a folder is that file's error line.
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--dry-run", is_flag=True, help="Check the files and show what would be imported.")
@json_option
@pass_session
def ingest_field_report(
    session: Session, files: tuple[str, ...], dry_run: bool, as_json: bool
) -> None:
    """Import field reports (YAML, JSON or CSV): each file whole or not at all.

    Every record of a file is checked before any is written; a file with a bad record
    writes nothing and lists every problem as FILE:LINE: FIELD: problem (FILE:[INDEX]
    for JSON), and the other files still go in (exit code 2 when any file failed).
    Records arrive as `reported`, through the channel field-report; a report imported
    before (the same report_id, or the same content when it has none) is skipped; one
    sent again with other content is named on stderr (correct the activity instead).

    \b
    Example:
      humas ingest field-report laporan-polsek-belitang.csv
      humas ingest field-report minggu-46/*.yaml --dry-run --json
    """
    session.writing = not dry_run  # a first import creates the store; a dry run never does
    from adapters.field_reports.intake import import_field_report_file

    app, by = session.app, session.recorder
    failed = False
    results = []
    for name in files:
        result = import_field_report_file(app, by, name, dry_run=dry_run)
        for line in result.problems:
            click.echo(tell("humas: error: {message}", message=line.said(tell)), err=True)
        if result.problems:
            failed = True
        else:
            said = tell(
                N_("{file}: would import {count}, already imported {skipped}") if dry_run else N_("{file}: imported {count}, already imported {skipped}"),
                file=str(name), count=len(result.imported), skipped=len(result.skipped),
            )  # fmt: skip
            click.echo(said, err=as_json)  # standard output holds only the JSON
            for report_id in result.changed:
                click.echo(tell(
                    "humas: warning: {file}: report {report} was imported before with other "
                    "content; the first stays (correct it with humas activity correct)",
                    file=str(name), report=report_id,
                ), err=True)  # fmt: skip
        results.append(result.as_json())
    if as_json:
        print_json(results)
    if failed:
        sys.exit(2)
