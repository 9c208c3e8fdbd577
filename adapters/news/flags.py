"""The doubts the extractor raises about one news item (tanda keraguan).

One function per kind of flag, so that the day flags become data (a code with values)
only this module changes. Today a flag is a line ``code: explanation``.
"""

from datetime import date


def year_inferred(text: str, year: int, source: str) -> str:
    """A day and month written without a year; ``source`` names what gave the year:
    ``publication date``, ``weekday Selasa``, ``years in the text (2024)``, ``operation
    period``, ``today``."""
    return f"year-inferred: {text} -> {year} from {source}"


def relative_date(text: str, value: date, source: str, precision: str = "day") -> str:
    if precision == "week":
        return f"relative-date: '{text}' -> week of {value.isoformat()}"
    return f"relative-date: '{text}' -> {value.isoformat()} from {source}"


def weekday_mismatch(weekday: str, value: date, actual: str) -> str:
    return f"weekday-mismatch: {weekday} stated, {value.isoformat()} is a {actual}"


def duration_conflict(days: int, start: date, end: date, span: int) -> str:
    return (
        f"duration-conflict: {days} days stated, but {start.isoformat()} to "
        f"{end.isoformat()} spans {span} days"
    )


def personnel_conflict(totals: list[int]) -> str:
    return (
        f"personnel-conflict: {' and '.join(str(n) for n in totals)} personnel stated as the total"
    )


def before_operation_start(day: date, lead: int, name: str, start: date) -> str:
    return (
        f"before-operation-start: activity on {day.isoformat()} is {lead} days "
        f"before {name} starts ({start.isoformat()})"
    )


def outside_operation_before(day: date, name: str, start: date) -> str:
    return f"outside-operation: activity on {day.isoformat()} predates {name} ({start.isoformat()})"


def outside_operation_after(day: date, name: str, end: date) -> str:
    return (
        f"outside-operation: activity on {day.isoformat()} is after {name} ended "
        f"({end.isoformat()})"
    )
