"""The doubts the extractor raises about one news item (tanda keraguan).

One function per kind of flag, each giving the flag as records keep it: a code with
values (``domain/flags.py``), put into words only when shown, in the reader's language.
"""

from datetime import date
from typing import Any

from domain.flag_sentences import reference_of
from domain.flags import Flag, FlagCode

NewsFlag = dict[str, Any]


def year_inferred(text: str, year: int, source: str) -> NewsFlag:
    """A day and month written without a year; ``source`` names what gave the year:
    ``publication date``, ``weekday Selasa``, ``years in the text (2024)``, ``operation
    period``, ``today``."""
    return Flag.of(
        FlagCode.YEAR_INFERRED, text=text, year=year, **{"from": reference_of(source)}
    ).as_dict()


def relative_date(text: str, value: date, source: str, precision: str = "day") -> NewsFlag:
    """A day counted from a reference ("kemarin"); a week ("pekan lalu") is kept with
    the precision ``week``."""
    if precision == "week":
        return Flag.of(
            FlagCode.RELATIVE_DATE, text=text, date=value.isoformat(), precision="week"
        ).as_dict()
    return Flag.of(
        FlagCode.RELATIVE_DATE, text=text, date=value.isoformat(), **{"from": reference_of(source)}
    ).as_dict()


def weekday_mismatch(weekday: str, value: date) -> NewsFlag:
    return Flag.of(FlagCode.WEEKDAY_MISMATCH, stated=weekday, date=value.isoformat()).as_dict()


def duration_conflict(days: int, start: date, end: date, span: int) -> NewsFlag:
    return Flag.of(
        FlagCode.DURATION_CONFLICT,
        stated=days, counted=span, start=start.isoformat(), end=end.isoformat(),
    ).as_dict()  # fmt: skip


def before_operation_start(day: date, lead: int, name: str, start: date) -> NewsFlag:
    return Flag.of(
        FlagCode.BEFORE_OPERATION_START,
        date=day.isoformat(), days=lead, operation=name, start=start.isoformat(),
    ).as_dict()  # fmt: skip


def outside_operation_before(day: date, name: str, start: date) -> NewsFlag:
    return Flag.of(
        FlagCode.OUTSIDE_OPERATION, date=day.isoformat(), operation=name, start=start.isoformat()
    ).as_dict()


def outside_operation_after(day: date, name: str, end: date) -> NewsFlag:
    return Flag.of(
        FlagCode.OUTSIDE_OPERATION, date=day.isoformat(), operation=name, end=end.isoformat()
    ).as_dict()


def personnel_conflict(totals: list[int]) -> NewsFlag:
    """The item states two totals of personnel (or more), each alone in its sentence."""
    return Flag.of(FlagCode.PERSONNEL_CONFLICT, stated=list(totals)).as_dict()
