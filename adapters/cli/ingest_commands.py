"""``humas ingest news`` and ``humas ingest field-report``: bring outside sources in.

A bad item or file is one line on stderr and the others still go in; the exit code
at the end says whether anything failed.
"""

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from adapters.cli.common import Session, json_option, pass_session

# Below this many items a progress bar is more noise than help.
PROGRESS_FROM = 20


@click.group("ingest")
def ingest() -> None:
    """Read news items and field reports into the store."""


@ingest.command("news")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--url", "urls", multiple=True, metavar="ADDRESS", help="Fetch a page (repeat).")
@click.option("--operation", metavar="REF", help="Operation the items belong to.")
@click.option("--dry-run", is_flag=True, help="Show what would be stored; store nothing.")
@json_option
@pass_session
def ingest_news(
    session: Session,
    paths: tuple[str, ...],
    urls: tuple[str, ...],
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
    from adapters.news.ingest import fetch, news_item, news_sources, read_source
    from adapters.news.reader import NewsReadError

    if not paths and not urls:
        raise click.UsageError("give at least one PATH, - or --url ADDRESS")
    sources = news_sources(paths)
    # Readers, not items: each item is read only when its turn comes (flat memory).
    readers = [lambda s=source: read_source(s, sys.stdin.buffer) for source in sources]
    readers += [lambda u=url: fetch(u) for url in urls]
    app, by = session.app, session.recorder
    counts = {"ingested": 0, "linked": 0, "duplicate": 0, "failed": 0}
    with _progress(len(readers)) as advance:
        for read in readers:
            try:
                item = news_item(read())
            except NewsReadError as error:
                counts["failed"] += 1
                click.echo(f"humas: error: {error}", err=True)
                advance()
                continue
            outcome = app.ingest_news(by, item, operation=operation, dry_run=dry_run)
            counts[outcome["outcome"]] += 1
            _print_outcome(item, outcome, dry_run, as_json)
            advance()
    summary = ", ".join(
        f"{'duplicates' if key == 'duplicate' else key} {value}" for key, value in counts.items()
    )
    click.echo(("would have " if dry_run else "") + summary, err=as_json)
    if counts["failed"]:
        sys.exit(2)


def _print_outcome(item: Any, outcome: dict[str, Any], dry_run: bool, as_json: bool) -> None:
    if as_json:
        record = dict(item.facts)
        if not dry_run:
            record["ids"] = {
                "coverage_item": outcome["coverage_id"],
                "record_type": outcome.get("record_type"),
                "record": outcome.get("record_id"),
                "outcome": outcome["outcome"],
            }
        click.echo(json.dumps(record, ensure_ascii=False, default=str))
        return
    facts = item.facts
    record = f"{(outcome.get('record_type') or '').lower()} {(outcome.get('record_id') or '')[:8]}"
    if outcome["outcome"] == "duplicate":
        what = f"duplicate of coverage item {outcome['coverage_id'][:8]}"
    elif outcome["outcome"] == "linked":
        what = f"linked to {record}"
    else:
        what = f"proposed {record}" if outcome.get("record_id") else "kept as coverage only"
    flags = f" [{len(facts['flags'])} flag(s)]" if facts.get("flags") else ""
    click.echo(
        f"{item.source}: {facts['category']} {facts.get('occurred_on') or 'undated'}: {what}{flags}"
    )


@contextmanager
def _progress(total: int) -> Iterator[Any]:
    """A progress bar on stderr, only for a person at a terminal and a long run."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    with click.progressbar(length=total, file=sys.stderr, label="ingesting") as bar:
        yield lambda: bar.update(1)


@ingest.command("field-report")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="FILE..."
)
@click.option("--dry-run", is_flag=True, help="Check the files and show what would be imported.")
@json_option
@pass_session
def ingest_field_report(
    session: Session, files: tuple[str, ...], dry_run: bool, as_json: bool
) -> None:
    """Import field reports (YAML, JSON or CSV): each file whole or not at all.

    \b
    Example:
      humas ingest field-report laporan-polsek-belitang.csv
    """
    from pathlib import Path

    from adapters.field_reports import FieldReportErrors, load_field_reports
    from adapters.field_reports.records import activity_record
    from domain.errors import RecordsRefused

    app, by = session.app, session.recorder
    failed = False
    results = []
    for name in files:
        try:
            loaded = load_field_reports(Path(name))
            records = [activity_record(report) for report in loaded]
            result = app.import_field_reports(by, records, dry_run=dry_run)
        except FieldReportErrors as error:
            failed = True
            for line in error.lines:
                click.echo(f"humas: error: {line}", err=True)
            continue
        except RecordsRefused as error:
            failed = True
            for index, field, message in error.problems:
                click.echo(
                    f"humas: error: {loaded[index].where}: {field or 'record'}: {message}", err=True
                )
            continue
        results.append({"file": name, "dry_run": dry_run, **result})
        if not as_json:
            verb = "would import" if dry_run else "imported"
            click.echo(
                f"{name}: {verb} {len(result['imported'])}, "
                f"already imported {len(result['already_imported'])}"
            )
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(2)


def register(group: click.Group) -> None:
    group.add_command(ingest)
