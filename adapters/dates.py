"""Dates and times as officers type them.

Dates: ISO, day/month/year, or with an Indonesian or English month, optionally after
the weekday as the reports print it: ``2023-10-17``, ``17/10/2023``, ``17-10-2023``,
``17 Oktober 2023``, ``17 Okt 2023``, ``17-Nov-2023``, ``17 October 2023``,
``Selasa, 17 Oktober 2023``, ``Selasa (17/10/2023)``.
A weekday that does not fall on the date is an error naming both, and so are
impossible days (31/02/2024), two-digit years and dates without a year, because a wrong
guess would end up in an auditor's record.

Times of day: ``08:00``, ``08.00``, ``8.00``, ``08:00:00``, after ``pukul``, ``pkl.`` or
``jam``, and the same with the zone officers add, ``08.00 WIB`` / ``WITA`` / ``WIT``, which
is kept (``08:00 WIB``): 08:00 in Makassar is not 08:00 in Palembang. "08.00 WIB s.d.
selesai" (until done) is its start time. A range (``08.00-10.00``) is refused: the field
is one start time, and dropping the end silently would lose what the officer wrote.
"""

import re
from datetime import date

MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip

# Monday is 0, as in date.weekday().
WEEKDAYS = {
    "senin": 0, "monday": 0, "selasa": 1, "tuesday": 1, "rabu": 2, "wednesday": 2,
    "kamis": 3, "thursday": 3, "jumat": 4, "jum'at": 4, "friday": 4,
    "sabtu": 5, "saturday": 5, "minggu": 6, "ahad": 6, "sunday": 6,
}  # fmt: skip
WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ZONES = ("WIB", "WITA", "WIT")

# Longer than any date or time anyone types; longer text is refused before any regex.
_MAX_INPUT = 60
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
# "17 Nov 2023", and "17-Nov-2023" as Excel's d-mmm-yyyy format shows a date cell.
_WORDS = re.compile(r"^(\d{1,2})(?:\s+|-)([a-z]+)\.?,?(?:\s+|-)(\d{4})$")
# Where a time starts after a day: "17/11/2023 0:00", "2023-11-25t09:00:00+07:00".
_TIME_AFTER_A_DAY = re.compile(r"(?:\s+|t)\d{1,2}[:.]\d{2}")
# "Jumat, 17/11/2023", "Jumat,17/11/2023", "Jumat 17/11/2023", "Jumat (17/11/2023)".
_WEEKDAY = re.compile(r"^([a-z']+)(?:\s*,\s*|\s+)(\(.+\)|.+)$")
# "pukul 09.00", "pkl. 09.00", "jam 09.00"; "09:00:00" as a spreadsheet writes a time
# cell (whole minutes only); the zone with or without a space ("09.00WIB", "09.00 wib.");
# "09.00 s.d. selesai" / "09.00 - selesai" (until done) is a start time as such.
_TIME = re.compile(
    r"^(?:(?:pukul|pkl|jam)\.?\s*)?(\d{1,2})[:.](\d{2})(?:[:.]00)?(?:\s*([a-z]+)\.?)?"
    r"(?:\s*(?:s\.?\s?d\.?|s/d|sampai|-|–)\s*selesai)?$"
)


# What is wrong with a date or time typed, by code: the words in English with ``{name}``
# fields; the command line says them from its catalogue in the reader's language.
MESSAGES = {
    "too-long": "{text} is not a date: it is too long",
    "weekday-mismatch": "{text}: {day} is a {weekday}, not a {stated}",
    "unknown-month": "{text}: unknown month {month}",
    "incomplete": "{text} is not a complete date; write e.g. 2023-10-17, 17/10/2023, "
    "17 Oktober 2023 or Selasa, 17 Oktober 2023",
    "impossible": "{text} is not a real date",
    "with-time": "{text} is not a complete date but a day with a time; write the day alone "
    "(e.g. 17/10/2023) and the time on its own",
    "not-time": "{text} is not a time of day; write e.g. 08:00, 08.00 or 08.00 WIB",
    "time-out-of-range": "{text} is not a time of day (00:00 to 23:59)",
    "unknown-zone": "{text}: unknown time zone {zone}; use WIB, WITA or WIT",
}


class DateError(ValueError):
    """Text that is not one complete, possible date or time: a code of MESSAGES with its
    values; ``str()`` is the English sentence."""

    def __init__(self, code: str, /, **values: str) -> None:
        self.code = code
        self.values = values
        self.message = MESSAGES[code].format_map(values)
        super().__init__(self.message)


def parse_date(text: str) -> date:
    cleaned = " ".join(text.strip().lower().split())
    if len(cleaned) > _MAX_INPUT:
        raise DateError("too-long", text=repr(_short(text)))
    weekday = None
    if (match := _WEEKDAY.match(cleaned)) and match[1] in WEEKDAYS:
        weekday, cleaned = match[1], match[2]
        if cleaned.startswith("(") and cleaned.endswith(")"):
            cleaned = cleaned[1:-1].strip()
    day = _parse_bare(text, cleaned)
    if weekday is not None and WEEKDAYS[weekday] != day.weekday():
        stated = WEEKDAY_NAMES[WEEKDAYS[weekday]]
        raise DateError(
            "weekday-mismatch",
            text=repr(text.strip()),
            day=day.isoformat(),
            weekday=WEEKDAY_NAMES[day.weekday()],
            stated=stated,
        )
    return day


def _parse_bare(text: str, cleaned: str) -> date:
    if match := _ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NUMERIC.match(cleaned):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _WORDS.match(cleaned):
        if match[2] not in MONTHS:
            raise DateError("unknown-month", text=repr(text.strip()), month=repr(match[2]))
        day, month, year = int(match[1]), MONTHS[match[2]], int(match[3])
    else:
        # Excel's date-and-time cell ("17/11/2023 0:00"), a form tool's ISO timestamp:
        # the day is there, but which of the two the officer meant is not for us to pick.
        time = _TIME_AFTER_A_DAY.search(cleaned)
        before = cleaned[: time.start()] if time else ""
        if any(shape.match(before) for shape in (_ISO, _NUMERIC, _WORDS)):
            raise DateError("with-time", text=repr(_short(text)))
        raise DateError("incomplete", text=repr(_short(text)))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("impossible", text=repr(text.strip())) from None


def parse_time(text: str) -> str:
    """A time of day as ``HH:MM``, with its zone when one was written (``08:00 WIB``)."""
    cleaned = " ".join(text.strip().lower().split())
    match = _TIME.match(cleaned) if len(cleaned) <= _MAX_INPUT else None
    if not match:
        raise DateError("not-time", text=repr(_short(text)))
    hour, minute, zone = int(match[1]), int(match[2]), (match[3] or "").upper()
    if hour > 23 or minute > 59:
        raise DateError("time-out-of-range", text=repr(text.strip()))
    if zone and zone not in ZONES:
        raise DateError("unknown-zone", text=repr(text.strip()), zone=repr(match[3]))
    return f"{hour:02d}:{minute:02d}" + (f" {zone}" if zone else "")


def _short(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"
