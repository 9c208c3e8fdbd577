"""Moments an auditor types: ISO 8601, local time unless a zone is given."""

import re
from datetime import date, datetime, time, timedelta

from adapters.worded import WordedError
from domain.model.rules import FIRST_DAY, last_day


class TimeError(WordedError, ValueError):
    """A moment that cannot be read; the message is one line for a person."""


# A time of day written to the minute: 2023-10-29T17:03, with or without a zone.
_TO_THE_MINUTE = re.compile(r"[T ]\d{2}:\d{2}(Z|[+-]\d{2}(:?\d{2})?)?$")


def parse_moment(text: str, *, end_of_day: bool = False, whole_minute: bool = False) -> datetime:
    """``2023-10-20``, ``2023-10-20T14:00``, ``2023-10-20T07:00Z``, ``2023-10-20T14:00+07:00``.

    Without a zone it is the machine's local time. A day alone is its first moment, or
    with ``end_of_day`` (for ``--until``) the first moment of the next day, so that
    ``--since D --until D`` is the whole of day D. With ``whole_minute`` (for an as-of
    moment), a time written to the minute counts that whole minute.
    """
    value = text.strip()
    try:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            moment = datetime.fromisoformat(value)
        else:
            moment = datetime.combine(day + timedelta(days=1 if end_of_day else 0), time())
    except (ValueError, OverflowError):
        raise TimeError(
            "{text} is not a time: write ISO 8601, e.g. 2023-10-20, 2023-10-20T14:00, 2023-10-20T07:00Z or 2023-10-20T14:00+07:00",
            text=repr(text),
        ) from None
    if not FIRST_DAY <= moment.date() <= last_day(date.today()):
        # the value rules' span of days; outside it a moment is a typing slip (and near
        # year 1 or 9999 it has no local time to convert to)
        raise TimeError(
            "{text} is outside {first} to {last}",
            text=repr(text),
            first=FIRST_DAY.isoformat(),
            last=last_day(date.today()).isoformat(),
        )
    if whole_minute and _TO_THE_MINUTE.search(value):
        moment += timedelta(minutes=1)  # 17:03 is any time in that minute
    return moment if moment.tzinfo else moment.astimezone()
