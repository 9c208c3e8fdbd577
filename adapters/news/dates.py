"""Dates as Indonesian news writes them (tanggal dalam berita).

:func:`find_dates` returns every date mention of a text with its position, so the
extractor can choose the one that dates the activity and explain why.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from adapters.news.lexicon import MONTH_RE, MONTHS, WEEKDAY_NAMES_ID, WEEKDAY_RE, WEEKDAYS


@dataclass
class DateMention:
    """One date found in the text.

    ``end`` is set for ranges; ``precision`` is ``day``, ``week`` or ``month``;
    ``notes`` are doubts to pass on as flags (inferred year, weekday mismatch).
    """

    start: date
    pos: int
    text: str
    precision: str = "day"
    end: date | None = None
    weekday: int | None = None
    kind: str = "numeric"  # numeric, named, range, relative, words, month
    notes: list[str] = field(default_factory=list)


_WD = rf"(?:(?P<wd>{WEEKDAY_RE})\s*,?\s*)?"
_NUMERIC = re.compile(
    _WD + r"(?:\(\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?\s*\)"
    r"|(?<![\d/])(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})(?![\d/]))",
    re.I,
)
_NAMED = re.compile(
    _WD + rf"(?<!\d)(?P<ad>\d{{1,2}})\s+(?P<am>{MONTH_RE})\b\.?(?:\s+(?P<ay>\d{{4}})\b)?", re.I
)
_ENGLISH = re.compile(rf"\b(?P<m>{MONTH_RE})\.?\s+(?P<d>\d{{1,2}}),\s*(?P<y>\d{{4}})\b", re.I)
_RANGE_SEP = r"\s*(?:s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?|hingga|[-–—])\s*"
_RANGE = re.compile(
    r"(?<![\d])(?P<ad>\d{1,2})(?:\s+(?P<am>"
    + MONTH_RE
    + r")\.?(?:\s+(?P<ay>\d{4}))?)?"
    + _RANGE_SEP
    + r"(?:tanggal\s+)?(?P<bd>\d{1,2})\s+(?P<bm>"
    + MONTH_RE
    + r")\.?\s+(?P<by>\d{4})\b",
    re.I,
)
_MONTH_ONLY = re.compile(rf"\b(?:bulan\s+)?(?P<m>{MONTH_RE})\s+(?P<y>\d{{4}})\b", re.I)
_RELATIVE = {
    r"\bhari ini\b": 0,
    r"\bkemarin\b": -1,
    r"\btadi malam\b|\bsemalam\b|\bmalam tadi\b": -1,
    r"\bdua hari (?:lalu|yang lalu)\b": -2,
    r"\btiga hari (?:lalu|yang lalu)\b": -3,
}
_WEEK_AGO = re.compile(r"\b(?:pekan|minggu) lalu\b", re.I)

_UNITS = {
    "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9,
}  # fmt: skip
_NUMBER_WORD = (
    r"(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|belas|puluh|"
    r"seratus|ratus|seribu|ribu)\b"
)
_WORDS = re.compile(
    rf"\btanggal\s+(?P<d>{_NUMBER_WORD}(?:\s+{_NUMBER_WORD})*)\s+(?P<m>{MONTH_RE})\s+"
    rf"(?:tahun\s+)?(?P<y>{_NUMBER_WORD}(?:\s+{_NUMBER_WORD})*)",
    re.I,
)


def words_to_number(words: str) -> int | None:
    """Indonesian number words up to the thousands: 'dua ribu dua puluh tiga' -> 2023."""
    total, current = 0, 0
    for w in words.lower().split():
        if w in _UNITS:
            current += _UNITS[w]
        elif w == "sepuluh":
            current += 10
        elif w == "sebelas":
            current += 11
        elif w == "belas":
            current += 10
        elif w == "puluh":
            current = (current or 1) * 10
        elif w in ("ratus", "seratus"):
            current = (current or 1) * 100
        elif w in ("ribu", "seribu"):
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current or None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    return 2000 + y if y < 100 else y


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def infer_year(month: int, day: int, ref: date) -> int:
    """The year that puts day/month closest on or before ``ref`` (news reports the past)."""
    candidate = _safe_date(ref.year, month, day)
    if candidate and candidate > ref + timedelta(days=31):
        return ref.year - 1
    return ref.year


def find_dates(
    text: str, ref: date | None, ref_label: str = "publication date"
) -> list[DateMention]:
    """Every date mention in ``text`` in order of position.

    ``ref`` (publication date, or today) completes dates without a year and resolves
    relative words; without it those mentions are skipped.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(mention: DateMention, span: tuple[int, int]) -> None:
        if free(*span):
            taken.append(span)
            found.append(mention)

    for m in _RANGE.finditer(text):
        end = _safe_date(int(m["by"]), MONTHS[m["bm"].lower()], int(m["bd"]))
        if not end:
            continue
        sm = MONTHS[m["am"].lower()] if m["am"] else end.month
        sy = int(m["ay"]) if m["ay"] else (end.year if sm <= end.month else end.year - 1)
        start = _safe_date(sy, sm, int(m["ad"]))
        if start and start <= end:
            add(DateMention(start, m.start(), m.group(0), "day", end, kind="range"), m.span())

    for m in _NUMERIC.finditer(text):
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        notes: list[str] = []
        year = _year(y)
        if year is None:
            if ref is None:
                continue
            year = infer_year(int(mo), int(d), ref)
            notes.append(f"year-inferred: {m.group(0).strip()} -> {year} from {ref_label}")
        value = _safe_date(year, int(mo), int(d))
        if value:
            mention = DateMention(value, m.start(), m.group(0), notes=notes)
            _check_weekday(mention, m["wd"])
            add(mention, m.span())

    for m in _NAMED.finditer(text):
        month = MONTHS[m["am"].lower()]
        notes = []
        year = _year(m["ay"])
        if year is None:
            if ref is None:
                continue
            year = infer_year(month, int(m["ad"]), ref)
            notes.append(f"year-inferred: {m.group(0).strip()} -> {year} from {ref_label}")
        value = _safe_date(year, month, int(m["ad"]))
        if value:
            mention = DateMention(value, m.start(), m.group(0), kind="named", notes=notes)
            _check_weekday(mention, m["wd"])
            add(mention, m.span())

    for m in _ENGLISH.finditer(text):
        value = _safe_date(int(m["y"]), MONTHS[m["m"].lower()], int(m["d"]))
        if value:
            add(DateMention(value, m.start(), m.group(0), kind="named"), m.span())

    for m in _WORDS.finditer(text):
        d, y = words_to_number(m["d"]), words_to_number(m["y"])
        value = _safe_date(y, MONTHS[m["m"].lower()], d) if d and y else None
        if value:
            add(DateMention(value, m.start(), m.group(0), kind="words"), m.span())

    for m in _MONTH_ONLY.finditer(text):
        value = date(int(m["y"]), MONTHS[m["m"].lower()], 1)
        add(DateMention(value, m.start(), m.group(0), "month", kind="month"), m.span())

    if ref is not None:
        for pattern, offset in _RELATIVE.items():
            for m in re.finditer(pattern, text, re.I):
                value = ref + timedelta(days=offset)
                note = f"relative-date: '{m.group(0)}' -> {value.isoformat()} from {ref_label}"
                mention = DateMention(value, m.start(), m.group(0), kind="relative", notes=[note])
                add(mention, m.span())
        for m in _WEEK_AGO.finditer(text):
            value = ref - timedelta(days=7)
            note = f"relative-date: '{m.group(0)}' -> week of {value.isoformat()}"
            add(DateMention(value, m.start(), m.group(0), "week", kind="relative", notes=[note]),
                m.span())  # fmt: skip
    found.sort(key=lambda x: x.pos)
    return found


def _check_weekday(mention: DateMention, weekday: str | None) -> None:
    if not weekday:
        return
    stated = WEEKDAYS[weekday.lower()]
    mention.weekday = stated
    if stated != mention.start.weekday():
        actual = WEEKDAY_NAMES_ID[mention.start.weekday()]
        mention.notes.append(
            f"weekday-mismatch: {weekday} stated, {mention.start.isoformat()} is a {actual}"
        )


_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")


def parse_published(value: str | None) -> date | None:
    """A publication date from metadata: ISO, dd/mm/yyyy or written in words."""
    if not value:
        return None
    value = value.strip()
    m = _ISO.search(value)
    if m:
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    try:
        return datetime.strptime(value[:10], "%d/%m/%Y").date()
    except ValueError:
        pass
    mentions = [x for x in find_dates(value, None) if x.precision == "day"]
    return mentions[0].start if mentions else None
