"""Audit answers as text for a person, in the command line's language; ``--json`` prints
the same values as data, in English.

What a record holds (field names, values, event types such as ``Corrected``) is shown as
stored: an auditor compares it with the export and the database, which keep those names.
"""

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from adapters.cli.common import record_kind
from adapters.cli.i18n import N_, _, language, ngettext, tell
from domain.model.seal import Verdict

Echo = Callable[[str], None]

# The kinds of changes and problems, as the reader's language names them.
CHANGES = {
    "new": N_("new"), "corrected": N_("corrected"), "verified": N_("verified"),
    "rejected": N_("rejected"), "merged": N_("merged"), "cancelled": N_("cancelled"),
    "unreadable": N_("unreadable"),
}  # fmt: skip
PROBLEM_KINDS = {
    "altered": N_("altered"), "deleted": N_("deleted"), "inserted": N_("inserted"),
    "reordered": N_("reordered"), "digest": N_("digest"), "seal": N_("seal"),
    "read model": N_("read model"), "export": N_("export"),
}  # fmt: skip


def _named(table: dict[str, str], key: str | None) -> str:
    return _(table[key]) if key in table else str(key)


def _record_type(name: str | None) -> str:
    """A record's type: in English as stored (``Activity``, as the export and the
    database name it), in Indonesian in words (``kegiatan``)."""
    return record_kind(name) if language() == "id" or not name else name


def local_time(recorded_at: str | None) -> str:
    """A recorded moment in the machine's local time, as the auditor typed hers."""
    if not recorded_at:
        return "?"
    return datetime.fromisoformat(recorded_at).astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


def record_name(entry: dict[str, Any]) -> str:
    title = f' "{entry["title"]}"' if entry.get("title") else ""
    stream = entry.get("stream") or "?"
    return f"{_record_type(entry.get('record_type'))} {stream[:8]}{title}"


def change_lines(changes: dict[str, Any] | None) -> list[str]:
    """What changed, one line a field: ``old -> new`` for corrections, else the value."""
    lines = []
    for name, change in (changes or {}).items():
        if isinstance(change, dict) and set(change) == {"from", "to"}:
            lines.append(f"{name}: {_value(change['from'])} -> {_value(change['to'])}")
        elif change not in (None, [], {}, ""):
            lines.append(f"{name}: {_value(change)}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def source_text(source: Any) -> str | None:
    if not source:
        return None
    if isinstance(source, dict):
        # nested values (a field report's reporter, its attachments) as JSON, as the
        # changes are shown, not as Python writes them
        return ", ".join(
            f"{key} {value if isinstance(value, str | int) else json.dumps(value, ensure_ascii=False)}"
            for key, value in source.items()
            if value not in (None, [], {}, "")
        )
    return str(source)


def _who(entry: dict[str, Any]) -> str:
    return tell("{actor} via {channel}", actor=entry["actor"] or "?", channel=entry["channel"] or "?")  # fmt: skip


def print_log(entries: Iterable[dict[str, Any]], echo: Echo) -> int:
    count = 0
    for entry in entries:
        count += 1
        head = f"#{entry['position']}  "
        record = f"{record_name(entry)} v{entry['version']}  {entry['type']}"
        if "error" in entry:
            echo(head + record + "  " + tell("cannot be read: {error}", error=entry["error"]))
            continue
        echo(f"{head}{local_time(entry['recorded_at'])}  {_who(entry)}  {record}")
        for line in change_lines(entry["changes"]):
            echo(f"      {line}")
        if entry.get("reason"):
            echo("      " + tell("reason: {reason}", reason=entry["reason"]))
        if source_text(entry.get("source")):
            echo("      " + tell("source: {source}", source=source_text(entry["source"])))
    return count


def print_diff(diff: dict[str, Any], echo: Echo) -> None:
    totals = ", ".join(
        f"{count} {_named(CHANGES, what)}" for what, count in diff["totals"].items()
    ) or _("no change")
    until = local_time(diff["until"]) if diff["until"] else _("now")
    echo(tell("from {since} to {until}: {totals}", since=local_time(diff["since"]), until=until, totals=totals))  # fmt: skip
    for record in diff["records"]:
        echo("")
        echo(record_name(record))
        for change in record["changes"]:
            what = f"  {_named(CHANGES, change['what']):<10} #{change['position']}  "
            if change["what"] == "unreadable":
                echo(f"{what}{change.get('error')}")
                continue
            reason = (
                "  " + tell("(reason: {reason})", reason=change["reason"])
                if change.get("reason")
                else ""
            )
            echo(f"{what}{local_time(change['recorded_at'])}  {_who(change)}{reason}")
            if change["what"] != "new":  # a new record's every field is in `audit log`
                for line in change_lines(change["changes"]):
                    echo(f"               {line}")


def print_holdings(holdings: dict[str, Any], echo: Echo) -> None:
    from reports.i18n import Fmt

    echo(
        tell(
            "as of {moment}: the store up to position {position}",
            moment=local_time(holdings["as_of"]),
            position=holdings["position"] or 0,
        )
    )
    operations = holdings["operations"]
    echo(tell("operations: {count}", count=len(operations)))
    for op in operations:
        period = tell("{start} to {end}", start=op["start"], end=op["end"])
        echo(f"  {op['slug']}  {op['name']}  {op['status']}  {period}")
    activities = holdings["activities"]
    echo(tell("activities: {count}", count=activities["total"]))
    for label in (N_("status"), N_("review"), N_("kind")):
        counts = activities[f"by_{label}"]
        if counts:
            listed = ", ".join(f"{key} {count}" for key, count in counts.items())
            echo("  " + tell("by {what}: {counts}", what=_(label), counts=listed))
    echo(tell("incidents: {count}", count=holdings["incidents"]["total"]))
    echo(tell("open flags: {count}", count=len(holdings["open_flags"])))
    words = Fmt(language())
    for flag in holdings["open_flags"]:
        kind = _record_type(flag["record_type"])
        echo(f'  {kind} {flag["id"][:8]} "{flag["title"]}": {words.flag(flag["flag"])}')
    if holdings["unreadable"]:
        echo(
            tell(
                "{count} records could not be read (humas audit verify)",
                count=holdings["unreadable"],
            )
        )


def verdict_summary(verdict: Verdict) -> str:
    latest = verdict.latest
    if latest is None:
        return tell(
            "intact: no seal yet; {records} records, none sealed (humas audit seal)",
            records=verdict.records,
        )
    since = (
        tell("; {count} recorded since, not yet sealed", count=verdict.unsealed)
        if verdict.unsealed
        else ""
    )
    seals = len(verdict.seals)
    return tell(
        ngettext(
            "intact: {sealed} records match {seals} seal; latest seal #{number} at position "
            "{position}, hash {hash}{since}",
            "intact: {sealed} records match {seals} seals; latest seal #{number} at position "
            "{position}, hash {hash}{since}",
            seals,
        ),
        sealed=verdict.sealed, seals=seals, number=str(latest.number),
        position=latest.position, hash=latest.hash, since=since,
    )  # fmt: skip


def print_notes(verdict: Verdict, echo: Echo) -> None:
    for note in verdict.notes:
        echo(tell("note: {note}", note=tell(note.said, **note.values)))


def print_problems(verdict: Verdict, echo: Echo) -> None:
    for problem in verdict.problems:
        position, seal = str(problem.position), str(problem.seal)  # ids: no digit groups
        where = tell("position {position}", position=position) + "  "
        where = where if problem.position is not None else ""
        what = ""
        if problem.stream:
            title = f' "{problem.title}"' if problem.title else ""
            kind = _record_type(problem.record_type)
            what = f"{kind} {problem.stream} v{problem.version}{title}: "
        breaks = (
            " " + tell("(breaks seal #{seal})", seal=seal)
            if problem.seal and problem.kind != "seal"
            else ""
        )
        said = tell(problem.said, **problem.values)
        echo(f"{_named(PROBLEM_KINDS, problem.kind):<10} {where}{what}{said}{breaks}")
    print_notes(verdict, echo)
    found = len(verdict.problems)
    line = tell(ngettext("{count} problem found", "{count} problems found", found), count=found)
    broken = ", ".join(f"#{number}" for number in verdict.broken_seals())
    echo(line + (tell("; broken seals: {seals}", seals=broken) if broken else ""))
