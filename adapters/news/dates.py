"""Dates as Indonesian news writes them (tanggal dalam berita).

:func:`find_dates` returns every date mention of a text with its position, so the
extractor can choose the one that dates the activity and explain why.
"""

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import adapters.news.flags as flags
from adapters.news.lexicon import MONTH_RE, MONTHS, WEEKDAY_NAMES_ID, WEEKDAY_RE, WEEKDAYS
from adapters.news.scan import finditer_anchored


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
    notes: list[flags.NewsFlag] = field(default_factory=list)


# The patterns run on the lower-cased text and start with a digit, a bracket or a
# literal word, so that the engine skips quickly to where a date can be; a weekday or a
# month written before a match is looked for just before it (see _before).
_NUMERIC = re.compile(
    r"\(\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?\s*\)"
    r"|(?P<d2>\d{1,2})(?P<sep>[/.-])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4})(?![\d/-])"
)
_NAMED = re.compile(rf"(?P<ad>\d{{1,2}})\s+(?P<am>{MONTH_RE})\b\.?(?:\s+(?P<ay>\d{{4}})\b)?")
_ENGLISH = re.compile(r"(?P<d>\d{1,2}),\s*(?P<y>\d{4})\b")
_MONTH_BEFORE = re.compile(rf"\b(?P<m>{MONTH_RE})\.?\s+$")
# "Selasa, 17 …" and "Selasa (17.10.2023)": the bracket of a date not written with slashes
_WEEKDAY_BEFORE = re.compile(rf"\b(?P<wd>{WEEKDAY_RE})\s*,?\s*(?:\(\s*)?$")
# "17 dan 18 Oktober": two days of one month read as a span (not "14 Februari dan 27
# November", two dates)
_RANGE_SEP = r"\s*(?P<sep>s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?|hingga|dan|[-–—])\s*"
_RANGE = re.compile(
    r"(?P<ad>\d{1,2})(?:\s+(?P<am>"
    + MONTH_RE
    + r")\.?(?:\s+(?P<ay>\d{4}))?)?"
    + _RANGE_SEP
    + r"(?:tanggal\s+)?(?P<bd>\d{1,2})\s+(?P<bm>"
    + MONTH_RE
    + r")\b(?:\.?\s+(?P<by>\d{4})\b)?"
)
# "28/11/2023 hingga 2/12/2023": two numeric dates, each with its year, joined as a range
_NUMERIC_RANGE_GAP = re.compile(_RANGE_SEP.replace("|dan", "") + r"(?:tanggal\s+)?")
_YEAR = re.compile(r"(?P<y>\d{4})\b")
_MONTH_YEAR_BEFORE = re.compile(rf"\b(?:bulan\s+)?(?P<m>{MONTH_RE})\s+$")
_RELATIVE = {
    r"\bhari ini\b": 0,
    r"\bkemarin\b": -1,
    r"\btadi malam\b|\bsemalam\b|\bmalam tadi\b": -1,
    r"\bdua hari (?:lalu|yang lalu)\b": -2,
    r"\btiga hari (?:lalu|yang lalu)\b": -3,
}
_RELATIVE_RE = re.compile("|".join(f"(?P<r{i}>{p})" for i, p in enumerate(_RELATIVE)))
_RELATIVE_OFFSETS = list(_RELATIVE.values())
_WEEK_AGO = re.compile(r"\b(?:pekan|minggu) lalu\b")
# "Senin lalu", "Kamis kemarin", "pada Jumat pagi": the last such day on or before the
# publication ("Minggu lalu" is last week, not last Sunday)
_WEEKDAY_NAMED = rf"(?:{WEEKDAY_RE.replace('|minggu', '').replace('minggu|', '')})"
_WEEKDAY_RELATIVE = re.compile(
    rf"\b(?P<wd>{_WEEKDAY_NAMED})\s+(?:lalu|kemarin|yang lalu)\b"
    # "Jumat pekan lalu": that day of the week before the publication's (weeks start Monday)
    rf"|\b(?P<last_week>{_WEEKDAY_NAMED})\s+(?:pekan|minggu) lalu\b"
    rf"|\bpada\s+(?:hari\s+)?(?P<wd2>{_WEEKDAY_NAMED})\b"
    rf"(?!\s*,?\s*(?:\(|\d|tanggal)|\s+(?:pekan|minggu) lalu)"
    # "Rabu malam", "Kamis pagi" with no date: that day, the last on or before publication
    rf"|\b(?P<wd3>{_WEEKDAY_NAMED})\s+(?:pagi|siang|sore|malam|dini hari)\b"
    rf"(?!\s*,?\s*(?:\(|\d|tanggal))"
)

_UNITS = {
    "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "nol": 0, "kosong": 0,
}  # fmt: skip
_NUMBER_WORD = (
    r"(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|belas|puluh|"
    r"seratus|ratus|seribu|ribu|nol|kosong)\b"
)
NUMBER_WORDS = rf"{_NUMBER_WORD}(?:\s+{_NUMBER_WORD})*"
# "tanggal dua puluh tujuh Oktober dua ribu dua puluh tiga",
# "Senin tanggal dua belas bulan dua tahun dua ribu dua empat"
_WORDS = re.compile(
    rf"\btanggal\s+(?P<d>{NUMBER_WORDS})\s+"
    rf"(?:(?P<m>{MONTH_RE})\b|bulan\s+(?:(?P<mn>{MONTH_RE})\b|(?P<mw>{NUMBER_WORDS})))"
    rf"\s+(?:tahun\s+)?(?P<y>{NUMBER_WORDS})"
)


def words_to_number(words: str) -> int | None:
    """Indonesian number words up to the thousands: 'dua ribu dua puluh tiga' -> 2023.

    After "ribu", digits said one by one are a two-digit number, as years are often
    read out: 'dua ribu dua empat' -> 2024.
    """
    tokens = words.lower().split()
    if "ribu" in tokens or "seribu" in tokens:
        cut = tokens.index("ribu") + 1 if "ribu" in tokens else tokens.index("seribu") + 1
        tail = tokens[cut:]
        if len(tail) == 2 and all(t in _UNITS for t in tail):
            head = words_to_number(" ".join(tokens[:cut]))
            return head + _UNITS[tail[0]] * 10 + _UNITS[tail[1]] if head else None
    # thousands done, hundreds of the group being read, and its tens and units: "puluh"
    # multiplies only the units before it ("seratus lima puluh" is 150, not 1050)
    total, hundreds, small = 0, 0, 0
    for w in tokens:
        if w in _UNITS:
            small += _UNITS[w]
        elif w == "sepuluh":
            small += 10
        elif w == "sebelas":
            small += 11
        elif w == "belas":
            small += 10
        elif w == "puluh":
            small = (small or 1) * 10
        elif w in ("ratus", "seratus"):
            hundreds += (small or 1) * 100
            small = 0
        elif w in ("ribu", "seribu"):
            total += (hundreds + small or 1) * 1000
            hundreds, small = 0, 0
        else:
            return None
    return total + hundreds + small or None


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


_YEAR_IN_TEXT = re.compile(r"(?<![\d/.,-])(?:19|20)\d{2}(?![\d/]|[.,]\d)")


@dataclass
class YearContext:
    """What settles a year the text leaves out, in the order a reader uses it: the
    publication date, else the weekday written beside the day, else the periods of the
    operations the text names, else the years written in the text, else today."""

    published: date | None = None
    text_years: list[int] = field(default_factory=list)
    periods: list[tuple[date, date]] = field(default_factory=list)
    today: date | None = None
    reading_day: date | None = None  # bounds a weekday's year when nothing else does
    _anchor: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        text: str,
        published: date | None,
        periods: list[tuple[date, date]] | None = None,
        today: date | None = None,
    ) -> "YearContext":
        years = [int(y) for y in _YEAR_IN_TEXT.findall(text)]
        return cls(published, years, periods or [], today)

    def anchor(self) -> int | None:
        """The year the text speaks of most (the earliest of equals: news looks back)."""
        if not self.text_years:
            return None
        if self._anchor is not None and self._anchor[0] == len(self.text_years):
            return self._anchor[1]
        counts: dict[int, int] = {}
        for y in self.text_years:
            counts[y] = counts.get(y, 0) + 1
        self._anchor = (len(self.text_years), min(counts, key=lambda y: (-counts[y], y)))
        return self._anchor[1]

    def resolve(self, month: int, day: int, weekday: int | None) -> tuple[int, str] | None:
        if self.published:
            return infer_year(month, day, self.published), "publication date"
        if weekday is not None:
            around = self.anchor() or (self.today.year if self.today else None)
            if around is None and self.periods:
                around = self.periods[0][0].year
            latest = self.today or self.reading_day
            if around is None and latest:
                around = latest.year
            if around is not None:
                fits = [
                    y for y in range(around - 7, around + 2)
                    if (c := _safe_date(y, month, day)) and c.weekday() == weekday
                    and (latest is None or c <= latest)
                ]  # fmt: skip
                if fits:
                    year = min(fits, key=lambda y: (abs(y - around), -y if y <= around else y))
                    return year, f"weekday {WEEKDAY_NAMES_ID[weekday]}"
        for start, end in self.periods:
            for y in range(start.year, end.year + 1):
                c = _safe_date(y, month, day)
                if c and start <= c <= end:
                    return y, "operation period"
        anchor = self.anchor()
        if anchor is not None:
            return anchor, f"years in the text ({anchor})"
        if self.today:
            return infer_year(month, day, self.today), "today"
        return None


def find_dates(
    text: str,
    ref: date | None,
    ref_label: str = "publication date",
    years: YearContext | None = None,
) -> list[DateMention]:
    """Every date mention in ``text`` in order of position.

    ``ref`` (publication date, or today) resolves relative words; ``years`` completes
    dates without a year (by default from ``ref``). Without either those are skipped.
    """
    if years is None:
        years = (
            YearContext(published=ref)
            if ref_label == "publication date"
            else YearContext(today=ref)
        )
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: keep positions
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    found: list[DateMention] = []
    taken = _Spans()

    def add(mention: DateMention, span: tuple[int, int]) -> None:
        if taken.claim(*span):
            found.append(mention)

    def mention(a: int, b: int, value: date, **kw: Any) -> DateMention:
        return DateMention(value, a, text[a:b], **kw)

    for m in _after(_RANGE, low, ""):
        if m["sep"] == "dan" and m["am"]:
            continue
        notes: list[flags.NewsFlag] = []
        if m["by"]:
            end_year = int(m["by"])
        else:
            # "28 Desember - 2 Januari": the year of the end, as for a single day
            resolved = years.resolve(MONTHS[m["bm"]], int(m["bd"]), None)
            if resolved is None:
                continue
            end_year = resolved[0]
            notes.append(flags.year_inferred(text[m.start() : m.end()], *resolved))
        last = _safe_date(end_year, MONTHS[m["bm"]], int(m["bd"]))
        if not last:
            continue
        sm = MONTHS[m["am"]] if m["am"] else last.month
        sy = int(m["ay"]) if m["ay"] else (last.year if sm <= last.month else last.year - 1)
        first = _safe_date(sy, sm, int(m["ad"]))
        if first and first <= last:
            add(mention(m.start(), m.end(), first, precision="day", end=last, kind="range",
                        notes=notes), m.span())  # fmt: skip

    numeric = _after(_NUMERIC, low, "/")
    # the ranges first: the two dates in them are not two days
    for a, b in itertools.pairwise(numeric):
        if a["y2"] and b["y2"] and _NUMERIC_RANGE_GAP.fullmatch(low, a.end(), b.start()):
            first = _safe_date(int(a["y2"]), int(a["m2"]), int(a["d2"]))
            last = _safe_date(int(b["y2"]), int(b["m2"]), int(b["d2"]))
            if first and last and first <= last:
                add(mention(a.start(), b.end(), first, precision="day", end=last, kind="range"),
                    (a.start(), b.end()))  # fmt: skip

    for m in numeric:
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        wd, start = _before(_WEEKDAY_BEFORE, low, m.start())
        _add_day(add, text, start, m.end(), int(d), int(mo), _year(y), wd, "numeric", years)

    for m in _after(_NAMED, low, ""):
        wd, start = _before(_WEEKDAY_BEFORE, low, m.start())
        _add_day(add, text, start, m.end(), int(m["ad"]), MONTHS[m["am"]], _year(m["ay"]), wd,
                 "named", years)  # fmt: skip

    for m in _after(_ENGLISH, low, "."):
        month_name, start = _before(_MONTH_BEFORE, low, m.start())
        value = _safe_date(int(m["y"]), MONTHS[month_name], int(m["d"])) if month_name else None
        if value:
            add(mention(start, m.end(), value, kind="named"), (start, m.end()))

    for m in finditer_anchored(_WORDS, low):
        d, y = words_to_number(m["d"]), words_to_number(m["y"])
        named = m["m"] or m["mn"]
        number = MONTHS[named] if named else words_to_number(m["mw"] or "")
        if d and y and number and 1 <= number <= 12 and 1900 < y < 2200:
            value = _safe_date(y, number, d)
            if value:
                wd, start = _before(_WEEKDAY_BEFORE, low, m.start())
                spelled = mention(start, m.end(), value, kind="words")
                _check_weekday(spelled, wd)
                add(spelled, (start, m.end()))

    for m in _after(_YEAR, low, "/.-"):
        month_name, start = _before(_MONTH_YEAR_BEFORE, low, m.start())
        if month_name:
            value = date(int(m["y"]), MONTHS[month_name], 1)
            add(mention(start, m.end(), value, precision="month", kind="month"), (start, m.end()))

    if ref is not None:
        for m in finditer_anchored(_RELATIVE_RE, low):
            group = next(i for i, g in enumerate(m.groups()) if g is not None)
            value = ref + timedelta(days=_RELATIVE_OFFSETS[group])
            note = flags.relative_date(text[m.start() : m.end()], value, ref_label)
            add(mention(m.start(), m.end(), value, kind="relative", notes=[note]), m.span())
        for m in finditer_anchored(_WEEKDAY_RELATIVE, low):
            weekday = WEEKDAYS[m["wd"] or m["wd2"] or m["wd3"] or m["last_week"]]
            back = (ref.weekday() - weekday) % 7
            if m["wd"] and back == 0:
                back = 7  # "Senin lalu" said on a Monday is the Monday before
            if m["last_week"]:
                back = ref.weekday() + 7 - weekday
            value = ref - timedelta(days=back)
            written = " ".join(text[m.start() : m.end()].split())
            note = flags.relative_date(written, value, ref_label)
            add(mention(m.start(), m.end(), value, kind="relative", notes=[note]), m.span())
        for m in finditer_anchored(_WEEK_AGO, low):
            value = ref - timedelta(days=7)
            note = flags.relative_date(text[m.start() : m.end()], value, ref_label, "week")
            add(mention(m.start(), m.end(), value, precision="week", kind="relative",
                        notes=[note]), m.span())  # fmt: skip
    found.sort(key=lambda x: x.pos)
    return found


def _after(pattern: re.Pattern[str], low: str, also: str) -> list[re.Match[str]]:
    """Matches not preceded by a digit (the tail of a longer number) nor by one of
    ``also``. No pattern opens with such a look-behind: the engine could then not skip
    ahead to the digits, and would try every position of a long page."""
    kept = []
    for m in pattern.finditer(low):
        before = low[m.start() - 1] if m.start() else " "
        if before.isdigit() or before in also:
            continue
        kept.append(m)
    return kept


class _Spans:
    """Spans of the text already read as a date, kept sorted: a later, overlapping match
    is part of one already found (a bisect, so a long page is not quadratic)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def claim(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, a)
        if i > 0 and self.ends[i - 1] > a:
            return False
        if i < len(self.starts) and self.starts[i] < b:
            return False
        self.starts.insert(i, a)
        self.ends.insert(i, b)
        return True


def _before(pattern: re.Pattern[str], low: str, pos: int) -> tuple[str | None, int]:
    """A weekday or month written just before ``pos`` ("Selasa (17/10)", "Nov 20, 2023"):
    the word and where the mention then starts."""
    m = pattern.search(low, max(0, pos - 16), pos)
    if m:
        return m.group(1), m.start()
    return None, pos


def _add_day(
    add: Callable[[DateMention, tuple[int, int]], None],
    text: str,
    start: int,
    end: int,
    day: int,
    month: int,
    year: int | None,
    weekday: str | None,
    kind: str,
    years: YearContext,
) -> None:
    notes: list[flags.NewsFlag] = []
    said = text[start:end].strip()
    if year is None:
        stated = WEEKDAYS[weekday] if weekday else None
        resolved = years.resolve(month, day, stated)
        if resolved is None:
            return
        year, source = resolved
        notes.append(flags.year_inferred(said, year, source))
    value = _safe_date(year, month, day)
    if value:
        mention = DateMention(value, start, text[start:end], kind=kind, notes=notes)
        _check_weekday(mention, text[start : start + len(weekday)] if weekday else None)
        add(mention, (start, end))


def _check_weekday(mention: DateMention, weekday: str | None) -> None:
    if not weekday:
        return
    stated = WEEKDAYS[weekday.lower()]
    mention.weekday = stated
    if stated != mention.start.weekday():
        mention.notes.append(flags.weekday_mismatch(weekday, mention.start))


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
