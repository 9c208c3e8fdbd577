"""Audit answers as text for a person; ``--json`` prints the same values as data."""

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from domain.model.seal import Verdict
from reports.i18n import Fmt

Echo = Callable[[str], None]


def local_time(recorded_at: str | None) -> str:
    """A recorded moment in the machine's local time, as the auditor typed hers."""
    if not recorded_at:
        return "?"
    return datetime.fromisoformat(recorded_at).astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


def record_name(entry: dict[str, Any]) -> str:
    title = f' "{entry["title"]}"' if entry.get("title") else ""
    stream = entry.get("stream") or "?"
    return f"{entry.get('record_type') or 'record'} {stream[:8]}{title}"


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
        return ", ".join(f"{key} {value}" for key, value in source.items())
    return str(source)


def print_log(entries: Iterable[dict[str, Any]], echo: Echo) -> int:
    count = 0
    for entry in entries:
        count += 1
        if "error" in entry:
            echo(
                f"#{entry['position']}  {record_name(entry)} v{entry['version']}  "
                f"{entry['type']}  cannot be read: {entry['error']}"
            )
            continue
        echo(
            f"#{entry['position']}  {local_time(entry['recorded_at'])}  "
            f"{entry['actor'] or '?'} via {entry['channel'] or '?'}  "
            f"{record_name(entry)} v{entry['version']}  {entry['type']}"
        )
        for line in change_lines(entry["changes"]):
            echo(f"      {line}")
        if entry.get("reason"):
            echo(f"      reason: {entry['reason']}")
        if source_text(entry.get("source")):
            echo(f"      source: {source_text(entry['source'])}")
    return count


def print_diff(diff: dict[str, Any], echo: Echo) -> None:
    totals = ", ".join(f"{count} {what}" for what, count in diff["totals"].items()) or "no change"
    until = local_time(diff["until"]) if diff["until"] else "now"
    echo(f"from {local_time(diff['since'])} to {until}: {totals}")
    for record in diff["records"]:
        echo("")
        echo(record_name(record))
        for change in record["changes"]:
            if change["what"] == "unreadable":
                echo(f"  unreadable  #{change['position']}  {change.get('error')}")
                continue
            reason = f"  (reason: {change['reason']})" if change.get("reason") else ""
            echo(
                f"  {change['what']:<10} #{change['position']}  {local_time(change['recorded_at'])}"
                f"  {change['actor'] or '?'} via {change['channel'] or '?'}{reason}"
            )
            if change["what"] != "new":  # a new record's every field is in `audit log`
                for line in change_lines(change["changes"]):
                    echo(f"               {line}")


def print_holdings(holdings: dict[str, Any], echo: Echo) -> None:
    position = holdings["position"]
    echo(f"as of {local_time(holdings['as_of'])}: the store up to position {position or 0:,}")
    operations = holdings["operations"]
    echo(f"operations: {len(operations)}")
    for op in operations:
        echo(f"  {op['slug']}  {op['name']}  {op['status']}  {op['start']} to {op['end']}")
    activities = holdings["activities"]
    echo(f"activities: {activities['total']}")
    for label in ("status", "review", "kind"):
        counts = activities[f"by_{label}"]
        if counts:
            echo(f"  by {label}: " + ", ".join(f"{key} {count}" for key, count in counts.items()))
    incidents = holdings["incidents"]
    echo(f"incidents: {incidents['total']}")
    echo(f"open flags: {len(holdings['open_flags'])}")
    for flag in holdings["open_flags"]:
        words = Fmt("en").flag(flag["flag"])
        echo(f'  {flag["record_type"]} {flag["id"][:8]} "{flag["title"]}": {words}')
    if holdings["unreadable"]:
        echo(f"{holdings['unreadable']} records could not be read (humas audit verify)")


def verdict_summary(verdict: Verdict) -> str:
    latest = verdict.latest
    if latest is None:
        return f"intact: no seal yet; {verdict.records:,} records, none sealed (humas audit seal)"
    since = f"; {verdict.unsealed:,} recorded since, not yet sealed" if verdict.unsealed else ""
    return (
        f"intact: {verdict.sealed:,} records match {_count(len(verdict.seals), 'seal')}; latest seal "
        f"#{latest.number} at position {latest.position:,}, hash {latest.hash}{since}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def print_problems(verdict: Verdict, echo: Echo) -> None:
    for problem in verdict.problems:
        where = f"position {problem.position}  " if problem.position is not None else ""
        what = ""
        if problem.stream:
            title = f' "{problem.title}"' if problem.title else ""
            what = f"{problem.record_type or 'record'} {problem.stream} v{problem.version}{title}: "
        breaks = (
            f" (breaks seal #{problem.seal})" if problem.seal and problem.kind != "seal" else ""
        )
        echo(f"{problem.kind:<10} {where}{what}{problem.detail}{breaks}")
    for note in verdict.notes:
        echo(f"note: {note}")
    broken = ", ".join(f"#{number}" for number in verdict.broken_seals())
    echo(
        f"{_count(len(verdict.problems), 'problem')} found"
        + (f"; broken seals: {broken}" if broken else "")
    )
