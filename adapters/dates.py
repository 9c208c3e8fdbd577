"""Dates as officers type them: ISO, day/month/year, or with an Indonesian or English month.

Only complete, unambiguous dates pass: ``2023-10-17``, ``17/10/2023``, ``17-10-2023``,
``17 Oktober 2023``, ``17 Okt 2023``, ``17 October 2023``. Impossible days
(31/02/2024), two-digit years and dates without a year are refused, because a wrong
guess would end up in an auditor's record.
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

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$")


class DateError(ValueError):
    """Text that is not one complete, possible date; the message says why."""


def parse_date(text: str) -> date:
    cleaned = " ".join(text.strip().lower().split())
    if match := _ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NUMERIC.match(cleaned):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _WORDS.match(cleaned):
        if match[2] not in MONTHS:
            raise DateError(f"{text!r}: unknown month {match[2]!r}")
        day, month, year = int(match[1]), MONTHS[match[2]], int(match[3])
    else:
        raise DateError(
            f"{text!r} is not a complete date; write e.g. 2023-10-17, 17/10/2023 or 17 Oktober 2023"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"{text!r} is not a real date") from None
