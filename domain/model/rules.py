"""The value rules every way in obeys: the command line, field reports and news.

Pure functions, no I/O: each takes a value (and the field it is for) and returns it
checked, or raises :class:`~domain.errors.InvalidValue` with the same words whichever
channel it came through. The adapters parse text into values (``17/10/2023`` into a
date); the limits themselves live here, once.
"""

import re
import unicodedata
from datetime import date

from domain.model.errors import InvalidValue
from domain.model.values import ActivityKind

MAX_COUNT = 10_000_000  # people reached, personnel: more than any event in Indonesia
FIRST_DAY = date(1945, 8, 17)  # Proklamasi: nothing the police record is older
YEARS_AHEAD = 10  # a plan further ahead is a typing error (2203 for 2023)
MAX_TEXT = 2_000  # a text field: an audience, a note, a scenario step
MAX_TITLE = 300  # titles and names: one line
MAX_REF = 200  # a reference: an id, a slug, an alias, an operation's name
MIN_ID_PREFIX = 6  # the fewest first characters of an id that find its record
ZONES = ("WIB", "WITA", "WIT")

# Control characters other than tab and line breaks could hide text or drive a
# terminal when the record is printed later.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]")
TIME_OF_DAY = re.compile(r"^([01]\d|2[0-3]):[0-5]\d( (WIB|WITA|WIT))?$")


def last_day(today: date) -> date:
    """The latest day a record may carry: ten years from ``today``."""
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def check_count(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue("not-whole-number", field=field, got=_shown(value))
    if not 0 <= value <= MAX_COUNT:  # the number itself, so it is written as the limit is
        raise InvalidValue("count-out-of-range", field=field, limit=MAX_COUNT, got=value)
    return value


def check_day(value: object, field: str, today: date | None = None) -> date:
    if not isinstance(value, date):
        raise InvalidValue("date-missing", field=field)
    latest = last_day(today or date.today())
    if value < FIRST_DAY:
        raise InvalidValue("date-too-early", field=field, day=value, first=FIRST_DAY)
    if value > latest:
        raise InvalidValue(
            "date-too-late", field=field, day=value, years=YEARS_AHEAD, latest=latest
        )
    return value


def check_text(value: object, field: str, limit: int = MAX_TEXT, *, one_line: bool = False) -> str:
    """Text that is not empty, not too long, without control characters."""
    if not isinstance(value, str):
        raise InvalidValue("not-text", field=field, got=_shown(value))
    text = value.strip()
    if not text:
        raise InvalidValue("empty", field=field)
    if len(text) > limit:
        raise InvalidValue("too-long", field=field, length=len(text), limit=limit)
    if found := _CONTROL.search(text):
        raise InvalidValue("control-character", field=field, character=repr(found.group()))
    if one_line and _LINE_BREAK.search(text):
        raise InvalidValue("not-one-line", field=field)
    return text


def check_title(value: object, field: str = "title") -> str:
    return check_text(value, field, MAX_TITLE, one_line=True)


def check_ref(value: object, field: str = "ref") -> str:
    """A reference to a record: an id or its prefix, a slug, an alias, a name."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue("empty-reference", field=field)
    if len(value.strip()) > MAX_REF:
        raise InvalidValue(
            "reference-too-long", field=field, length=len(value.strip()), limit=MAX_REF
        )
    if _CONTROL.search(value) or _LINE_BREAK.search(value):
        raise InvalidValue("reference-not-one-line", field=field)
    return value.strip()


def looks_like_short_id(ref: str) -> bool:
    """A few first characters of an id, too few to find a record by."""
    return re.fullmatch(rf"[0-9a-f]{{1,{MIN_ID_PREFIX - 1}}}", ref.strip().lower()) is not None


def check_time_of_day(value: object, field: str = "occurred_at") -> str:
    if not isinstance(value, str) or not TIME_OF_DAY.match(value):
        raise InvalidValue("not-time-of-day", field=field, got=_shown(value))
    return value


def check_range(first: date | None, last: date | None, field: str) -> None:
    """A period in order: ``first`` on or before ``last``."""
    if first is not None and last is not None and first > last:
        raise InvalidValue("period-reversed", field=field, last=last, first=first)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


# What officers call each kind (Indonesian names, common abbreviations), written with
# single spaces; "gelar-pasukan" and "Gelar Pasukan" mean "gelar pasukan" too.
KIND_ALIASES: dict[str, ActivityKind] = {
    "simulasi": ActivityKind.SIMULATION,
    "latihan": ActivityKind.SIMULATION,
    "sispamkota": ActivityKind.SIMULATION,
    "simulasi sispamkota": ActivityKind.SIMULATION,
    "simulasi sispam kota": ActivityKind.SIMULATION,
    "sosialisasi": ActivityKind.OUTREACH,
    "edukasi": ActivityKind.OUTREACH,
    "penyuluhan": ActivityKind.OUTREACH,
    # The outreach formats of DOMAIN.md's glossary: each is a meeting with the public.
    "cooling system": ActivityKind.OUTREACH,
    "patroli dialogis": ActivityKind.OUTREACH,
    "sambang": ActivityKind.OUTREACH,
    "jumat curhat": ActivityKind.OUTREACH,
    "polisi goes to school": ActivityKind.OUTREACH,
    "polmas": ActivityKind.OUTREACH,
    "apel": ActivityKind.DEPLOYMENT,
    "gelar pasukan": ActivityKind.DEPLOYMENT,
    "pergeseran pasukan": ActivityKind.DEPLOYMENT,
    "apel gelar pasukan": ActivityKind.DEPLOYMENT,
    "apel pergeseran pasukan": ActivityKind.DEPLOYMENT,
    "rakor": ActivityKind.COORDINATION,
    "rapat koordinasi": ActivityKind.COORDINATION,
    "rilis": ActivityKind.PRESS,
    "konferensi pers": ActivityKind.PRESS,
    "konpers": ActivityKind.PRESS,
    "lainnya": ActivityKind.OTHER,
}


def kind_choices() -> str:
    """The kinds and their aliases, as an error message lists them."""
    kinds = ", ".join(kind.value for kind in ActivityKind)
    return f"{kinds} (or {', '.join(KIND_ALIASES)})"


def activity_kind(value: object, field: str = "kind") -> ActivityKind:
    """A kind from its name or an alias, in any case, with spaces or hyphens."""
    if isinstance(value, ActivityKind):
        return value
    text = " ".join(str(value).strip().lower().replace("-", " ").replace("_", " ").split())
    # "Jum'at Curhat" and "Jum’at" are how many write Jumat.
    text = text.replace("'", "").replace("\u2019", "")
    if text in KIND_ALIASES:
        return KIND_ALIASES[text]
    try:
        return ActivityKind(text)
    except ValueError:
        raise InvalidValue(
            "unknown-kind",
            field=field,
            got=_shown(value),
            kinds=", ".join(kind.value for kind in ActivityKind),
            aliases=", ".join(KIND_ALIASES),
        ) from None


# Names ---------------------------------------------------------------------------


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: how slugs and names are compared."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def bare_name(name: str) -> str:
    """An operation's name as reports write it: "Mantap Brata 2023-2024" for
    "Operasi Mantap Brata 2023-2024" (and "Ops Mantap Brata 2023-2024"), as a slug, so
    that case, spacing and the leading word do not matter."""
    slug = slugify(name)
    for word in ("operasi-", "ops-"):
        slug = slug.removeprefix(word)
    return slug
