"""Operations as the extractor recognises them in text (operasi dalam berita).

The operations come from the store: the caller passes them to :func:`extract`, so an
operation a unit plans itself ("Operasi Pekat Musi 2024") is recognised as soon as it is
planned. Each is matched by its name, its slug and its aliases, with or without the
head word ("Operasi", "Ops", "Op."), with a regional name and years after the core
("Ops Mantab Brata Musi 2023-2024"), and by a shorter head of its name when the head
word is written ("Operasi Pekat" for "Operasi Pekat Musi 2024").

:data:`NATIONAL_OPERATIONS` knows the names of the operations every Polres runs and
the themes that tell an untitled item it belongs to one. It names; it never dates: the
period of an operation is always the store's.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

# "Operasi", "Ops", "Op." before an operation's name
_HEAD = r"(?:operasi|ops\.?|op\.)"
_YEARS = re.compile(r"(?:\s+(?:tahun\s+)?\d{4}(?:\s*[-–/]\s*\d{4})?)+\s*$", re.I)
_HEAD_WORD = re.compile(rf"^\s*{_HEAD}\s+", re.I)
# what may follow a name in the text: a regional name, then years
_SUFFIX = (
    # its short form in brackets may come first: "Operasi Mantap Brata (OMB) Musi"
    r"(?:\s*\([A-Z]{2,5}\))?"
    # a regional word in title case or, in a title written in capitals, in capitals (four
    # letters or more: "TNI" is no region)
    r"(?P<suffix>(?:\s+(?!(?i:Tahun|Polres\w*|Polda|Polsek\w*|Polri|Di|Dan|Yang|Ini|Itu|Pada|"
    r"Oleh|Kapolres\w*|Kapolda|Kapolsek\w*|Resmi|Digelar|Dimulai|Berakhir)\b)"
    r"[A-Z](?:[a-z]+|[A-Z]{3,}\b)(?:\s+Raha)?){0,2})"
    # years after a space or a hyphen: "Lodaya-2023"
    r"(?P<years>(?:\s+|-)(?i:tahun\s+)?\d{4}(?:\s*[-–/]\s*\d{4})?)?"
)


# The suffix without named groups, so that the alternatives can share it.
_SUFFIX_NOGROUP = _SUFFIX.replace("(?P<suffix>", "(?:").replace("(?P<years>", "(?:")


@dataclass(frozen=True)
class NationalOperation:
    """An operation every police command runs, known by name (no dates)."""

    core: str  # the name without head word and years, lower case
    name: str  # how to name it when the store does not hold it
    election: bool  # an election-security operation (the campaign's own)
    theme: re.Pattern[str] | None = None  # words telling an untitled item it belongs here
    acronyms: tuple[str, ...] = ()  # how every command writes it short ("OMB")


def _theme(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


NATIONAL_OPERATIONS: tuple[NationalOperation, ...] = (
    NationalOperation(
        "mantap brata",
        "Operasi Mantap Brata",
        True,
        _theme(
            r"\b(?:pemilu|pileg|pilpres|pemungutan suara|TPS|KPPS|PPK|rekapitulasi|kampanye|"
            r"caleg|calon legislatif|capres|cawapres|pemilih pemula|politik uang|pencoblosan|"
            r"surat suara|kotak suara|pleno|KPU|Bawaslu|cooling system|sispam ?kota|"
            r"pemilihan (?:umum|legislatif|presiden))\b"
        ),
        ("OMB",),
    ),
    NationalOperation(
        "mantap praja",
        "Operasi Mantap Praja",
        True,
        _theme(
            r"\b(?:pilkada|pemilihan kepala daerah|paslon|pasangan calon|cabup|cawabup|"
            r"calon bupati|calon wali ?kota|cagub|KPU|Bawaslu|cooling system|pilbup|pilwalkot|"
            r"pilwako|pilgub|sispam ?kota|pemilihan (?:bupati|wali ?kota|gubernur))\b"
        ),
    ),
    NationalOperation(
        "ketupat",
        "Operasi Ketupat",
        False,
        _theme(r"\b(?:mudik|arus balik|lebaran|idul ?fitri|pos pengamanan lebaran)\b"),
    ),
    NationalOperation("lilin", "Operasi Lilin", False, _theme(r"\b(?:natal|tahun baru|nataru)\b")),
    NationalOperation("zebra", "Operasi Zebra", False),
    NationalOperation("patuh", "Operasi Patuh", False),
    NationalOperation("keselamatan", "Operasi Keselamatan", False),
    NationalOperation("pekat", "Operasi Pekat", False),
    NationalOperation("sikat", "Operasi Sikat", False),
    NationalOperation("antik", "Operasi Antik", False),
    NationalOperation("candi", "Operasi Candi", False),
    NationalOperation("nila", "Operasi Nila", False),
    NationalOperation("bina kusuma", "Operasi Bina Kusuma", False),
    NationalOperation("bina waspada", "Operasi Bina Waspada", False),
    NationalOperation("cipta kondisi", "Operasi Cipta Kondisi", False),
)


@dataclass(frozen=True)
class KnownOperation:
    """An operation the store holds, as the extractor needs it."""

    name: str
    slug: str | None = None
    start: date | None = None
    end: date | None = None
    aliases: tuple[str, ...] = ()


def known_operations(items: Iterable[Any]) -> list[KnownOperation]:
    """The store's operations in the extractor's form: from domain aggregates,
    read-model rows (dicts) or :class:`KnownOperation` values."""
    out = []
    for item in items:
        if isinstance(item, KnownOperation):
            out.append(item)
            continue
        get = item.get if isinstance(item, Mapping) else lambda key, o=item: getattr(o, key, None)
        out.append(
            KnownOperation(
                name=str(get("name")),
                slug=get("slug"),
                start=_as_date(get("start")),
                end=_as_date(get("end")),
                aliases=tuple(get("aliases") or ()),
            )
        )
    return out


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def core_of(name: str) -> str:
    """The distinctive words of a name: no head word, no years, lower case."""
    core = _HEAD_WORD.sub("", _YEARS.sub("", name.strip()))
    return " ".join(core.lower().split())


def _word_pattern(word: str) -> str:
    # Indonesian writes a final b for a final p and back: "Mantab Brata", "Mantap Brata"
    stem = re.escape(word)
    if word[-1:] in "pb" and len(word) > 3:
        stem = re.escape(word[:-1]) + "[pb]"
    return stem


@dataclass(frozen=True)
class OperationMention:
    operation: KnownOperation | NationalOperation
    text: str  # as written, spacing normalised
    regional: bool  # the text adds a regional name or years to the core
    years: tuple[int, ...]
    pos: int
    quality: int = 0  # words of the operation's name matched


def _normal_words(core: str) -> list[str]:
    return [re.sub(r"b$", "p", w) for w in core.split()]


def _common_words(written: str, name: str) -> int:
    n = 0
    for a, b in zip(_normal_words(written), _normal_words(name), strict=False):
        if a != b:
            break
        n += 1
    return n


class OperationMatcher:
    """Finds the store's operations (else the national ones, by name only) in a text.

    Built once per list of operations; the patterns are one alternation per operation
    with no nested repetition, so matching is linear in the text.
    """

    def __init__(self, operations: Iterable[KnownOperation] | None) -> None:
        self.tracked: list[KnownOperation] = list(operations or [])
        self._patterns: list[tuple[KnownOperation | NationalOperation, re.Pattern[str]]] = []
        covered: set[str] = set()
        for op in self.tracked:
            forms = _forms(op)
            pattern = self._pattern_for(forms)
            if pattern:
                self._patterns.append((op, pattern))
            covered.update(core_of(form) for form in forms)
        # national operations name what the store does not hold (never with a date)
        for national in NATIONAL_OPERATIONS:
            if any(c == national.core or c.startswith(national.core + " ") for c in covered):
                continue
            pattern = self._pattern_for([national.core, *national.acronyms], head_required=True)
            if pattern:
                self._patterns.append((national, pattern))
        # the first word of each written form, for a quick look before a scan
        self._words = [_first_words(op) for op, _ in self._patterns]

    @staticmethod
    def _pattern_for(forms: list[str], head_required: bool = False) -> re.Pattern[str] | None:
        alternatives: set[str] = set()
        acronyms: set[str] = set()
        for form in forms:
            form = form.strip()
            if re.fullmatch(r"[A-Z]{2,6}", form):
                acronyms.add(form)  # "OMB": as written, capitals only
                continue
            words = core_of(form).split()
            if not words or all(w.isdigit() for w in words):
                continue
            # the full core, and each shorter head of it when the head word is written
            for n in range(len(words), 0, -1):
                body = r"\s+".join(_word_pattern(w) for w in words[:n])
                # one distinctive word alone ("Pekat", "Lilin") is a name only after
                # "Operasi"; two or more words are a name on their own
                needs_head = head_required or n < len(words) or n == 1
                head = rf"{_HEAD}\s+" if needs_head else rf"(?:{_HEAD}\s+)?"
                alternatives.add(f"(?i:{head}{body})")
        parts = [
            f"(?:{alt}){_SUFFIX_NOGROUP}" for alt in sorted(alternatives, key=len, reverse=True)
        ]
        parts += [rf"(?<![\w-]){re.escape(a)}(?![\w-])" for a in sorted(acronyms)]
        if not parts:
            return None
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")")

    def mentions(self, text: str) -> list[OperationMention]:
        found: list[OperationMention] = []
        low = text.lower()
        for (op, pattern), words in zip(self._patterns, self._words, strict=True):
            # a name none of whose words the text holds is not worth a scan of the text
            if not any(word in low for word in words):
                continue
            for m in _around(pattern, text, low, words):
                written = " ".join(m.group(0).split())
                years = tuple(int(y) for y in re.findall(r"\d{4}", written))
                # a regional name: more words than the operation's own name has
                regional = len(core_of(written).split()) > len(_name_core(op).split())
                quality = _common_words(core_of(written), _name_core(op))
                found.append(OperationMention(op, written, regional, years, m.start(), quality))
        # where two operations match at one place, the one whose name matched more words
        # ("Operasi Mantap Praja" is not a shortened "Operasi Mantap Brata")
        best: dict[int, int] = {}
        for mention in found:
            best[mention.pos] = max(best.get(mention.pos, 0), mention.quality)
        kept = [m for m in found if m.quality == best[m.pos]]
        kept.sort(key=lambda x: x.pos)
        return kept


def _forms(op: KnownOperation | NationalOperation) -> list[str]:
    """How the text may name an operation: a stored one by its name, aliases and slug, and
    by the short form every command uses for its kind ("OMB" for a Mantap Brata)."""
    if isinstance(op, NationalOperation):
        return [op.core, *op.acronyms]
    forms = [op.name, *op.aliases]
    if op.slug:
        forms.append(op.slug.replace("-", " "))
    national = national_of(op)
    return forms + [a for a in (national.acronyms if national else ()) if a not in forms]


def _first_words(op: KnownOperation | NationalOperation) -> set[str]:
    forms = _forms(op)
    words = set()
    for form in forms:
        core = core_of(form).split()
        if core:
            # the stem without its last letter, which may be written b or p
            words.add(core[0][:-1] if len(core[0]) > 3 else core[0])
    return words


def _name_core(op: KnownOperation | NationalOperation) -> str:
    return op.core if isinstance(op, NationalOperation) else core_of(op.name)


@lru_cache(maxsize=256)
def national_of(op: KnownOperation | NationalOperation) -> NationalOperation | None:
    """The national operation a stored one is an edition of ("Operasi Ketupat Musi 2024"
    is a Ketupat), for its theme and whether it secures an election."""
    if isinstance(op, NationalOperation):
        return op
    for national in NATIONAL_OPERATIONS:
        for form in (op.name, *op.aliases):
            core = core_of(form)
            if core == national.core or core.startswith(national.core + " "):
                return national
            if re.sub(r"b\b", "p", core).startswith(national.core):
                return national
    return None


def _around(pattern: re.Pattern[str], text: str, low: str, words: set[str]) -> list[re.Match[str]]:
    """The pattern's matches, looked for only around the places where one of the name's
    first words occurs (a head word and a regional suffix fit in the window)."""
    matches: dict[int, re.Match[str]] = {}
    for word in words:
        at = low.find(word)
        while at >= 0:
            start = max(0, at - 12)
            m = pattern.search(text, start, min(len(text), at + 120))
            while m and m.start() <= at:
                matches.setdefault(m.start(), m)
                m = pattern.search(text, m.end(), min(len(text), at + 120))
            at = low.find(word, at + 1)
    return [matches[k] for k in sorted(matches)]
