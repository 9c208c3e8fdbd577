"""People, units and quotes (tokoh, satuan, kutipan) in a cleaned article body."""

import re
from dataclasses import dataclass, field

from adapters.news.lexicon import (
    COMMAND_RE,
    HEADLINE_VERBS,
    POLDA_PROVINCES,
    PREFIX_TITLES,
    RANK_RE,
    RANKS,
    ROLE_WORDS,
    SUBUNIT_RE,
)
from adapters.news.scan import finditer_anchored, lowered


@dataclass
class Person:
    name: str
    rank: str | None = None
    role: str | None = None
    titles: list[str] = field(default_factory=list)
    pos: int = 0

    @property
    def label(self) -> str:
        return f"{self.rank} {self.name}" if self.rank else self.name

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "rank": self.rank, "role": self.role, "titles": self.titles}


# a name word may end a sentence ("… kata Suryadi."), but is not an abbreviation ("Dr.")
_NAME_TOKEN = re.compile(
    r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*(?!\w)(?!\.\w)|[A-Z]\.(?=\s+[A-Z][a-z]{2,})"
    # the Balinese "I" opening a name: "Kompol I Made Sudarta"
    r"|I(?=\s+[A-Z][a-z]{2,})"
)
# a title contains a dot inside or is a short all-capital token (S.I.K., M.H., SIK, MT.)
_TITLE_TOKEN = re.compile(r"(?:[A-Z][A-Za-z]{0,3}\.)+[A-Za-z]{0,4}\.?|[A-Z]{2,4}\.?|[A-Z]\.")
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:{ROLE_WORDS})(?:\s+(?:[A-Z][\w.]*|\d+|Polres|Polda|Polsek))*)\s*,?\s*$"
)
_SELAKU = re.compile(
    rf"^\s*,?\s*(?:selaku|sebagai)\s+(?P<role>(?:{ROLE_WORDS})(?:\s+[A-Z][\w.]*)*)"
)
_RANK = re.compile(RANK_RE, re.I)
# civilian officials are introduced by role alone: "Bupati OKU Timur, Ir. H. Lanosin MT."
_CIVIL_ROLE = re.compile(
    r"(?<![\w-])(?:Wakil Bupati|Bupati|Wakil Wali\s?[Kk]ota|Wali\s?[Kk]ota|Gubernur|Camat|"
    # the head of a body known by its acronym: "Ketua KNPI", "Ketua PGRI"
    r"(?:Wakil )?Ketua (?:Bawaslu|Panwascam|[A-Z]{2,6}(?![\w-]))|Anggota (?:KPU|Bawaslu)|"
    r"Kajari|Dandim|"
    r"Danramil|Kepala Desa|Kades|Lurah|Sekda|Pj\.? Bupati|Plt\.? Bupati)(?![\w-])"
)


def _read_name(text: str, pos: int, after_role: bool = False) -> tuple[str, list[str], int] | None:
    """Name and academic titles from ``pos``: prefix titles, name words, suffix titles.

    ``after_role``: read after a civilian role, where the place it serves may come first
    ("Bupati Sukamaju H. Ridwan Arif"): a prefix title (H., Ir., Dr.) then starts the name."""
    titles: list[str] = []
    names: list[str] = []
    i = pos
    separator = re.compile(r"[ ,]*")
    while True:
        gap_m = separator.match(text, i)
        j = gap_m.end() if gap_m else i
        gap = text[i:j]
        tm = _TITLE_TOKEN.match(text, j)
        nm = _NAME_TOKEN.match(text, j)
        is_initial = nm is not None and nm.group(0).endswith(".")
        # a leading initial opens the name ("A. Rachmad Wibowo"), unless it is a title (H.)
        opens = not is_initial or (nm is not None and nm.group(0).lower() not in PREFIX_TITLES)
        token = tm or nm
        if after_role and names and token and token.group(0).lower() in PREFIX_TITLES:
            names, titles = [], []  # the words before were the place, not the name
        # "Arif." ending a sentence is a name word, not a title like "Drs." or "Prof."
        title_wins = bool(tm and len(tm.group(0)) > len(nm.group(0) if nm else ""))
        if tm and nm and tm.group(0) == nm.group(0) + "." and not _known_title(tm.group(0)):
            title_wins = False
        if nm and not title_wins and (names or opens):
            word = nm.group(0)
            # a comma or a suffix title closes the name; an initial ("A.") continues it
            if names and ("," in gap or titles[len(prefix_titles(titles)) :]):
                break
            if len(names) == 5:
                break
            # "Andi Muh. Ikhsan": a shortened name word keeps its dot and the name runs on
            if word.lower() in _SHORT_NAME_WORDS and text.startswith(". ", nm.end()):
                names.append(word + ".")
                i = nm.end() + 1
                continue
            names.append(word)
            i = nm.end()
            continue
        if tm:
            titles.append(tm.group(0))
            i = tm.end()
            continue
        break
    if not names:
        return None
    return " ".join(names), titles, i


# name words written short (Muhammad, Mohammad, Abdul): not titles, and not an end
_SHORT_NAME_WORDS = {"muh", "moh", "moch", "mhd", "muhd", "mochd", "abd"}


def _known_title(token: str) -> bool:
    return token.lower() in PREFIX_TITLES or token.rstrip(".").lower() in _ACADEMIC


def prefix_titles(titles: list[str]) -> list[str]:
    """The leading titles that are written before a name (Ir., H., Dr.)."""
    out = []
    for t in titles:
        if t.lower() not in PREFIX_TITLES:
            break
        out.append(t)
    return out


# words that are never part of a person's name: roles, bodies, kinds of place
_NOT_NAME_WORDS = (
        "Ketua Wakil Kepala Anggota Sekretaris Bupati Wali Walikota Gubernur Camat Lurah "
        "Kades Sekda Kapolri Kapolda Kapolres Kapolresta Kapolsek Wakapolres Kasat Kasi "
        "Kasie Kanit Kabag Kabid Kasubsi Paur Bhabinkamtibmas Babinsa Danramil Dandim "
        "Danrem Kajari Rektor Ustadz Pj Plt Polri Polda Polres Polresta Polsek Polisi TNI "
        "KPU Bawaslu Panwaslu DPRD KPPS PPK PPS TPS Kabupaten Kota Kecamatan Desa Kelurahan "
        "Provinsi Kantor Dinas Sekolah Partai Pemilu Pilkada Satpol Linmas Humas Kamtibmas "
        "Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli "
        "Agustus September Oktober November Desember Operasi Ops Satlantas Satreskrim "
        "Satbinmas Satsamapta Brimob Sat Humas Mapolres Mapolsek Lapangan Halaman Aula"
)  # fmt: skip
_NOT_NAME = set(_NOT_NAME_WORDS.lower().split())
# short capital tokens that are academic titles (S.H. written SH); others are bodies
_ACADEMIC = {
    "sh", "mh", "sik", "mt", "mm", "se", "st", "sip", "map", "msi", "si", "spd", "mpd", "sag",
    "mag", "ssos", "sos", "skom", "shi", "mkn", "phd", "mba", "ma", "ms", "sp", "skm", "ir",
    "dr", "drs", "dra", "h", "hj", "kh", "ak", "ca", "mkes", "msc", "ba", "bsc", "sstp",
    "mpa", "mhum", "shum", "psi", "mkom", "ssi", "ste", "sh.", "mh.",
}  # fmt: skip


def _is_title(token: str) -> bool:
    """A written title: dotted (S.I.K., M.H.) or a known short form (SH, MT)."""
    if "." in token.rstrip(".") or (token.endswith(".") and len(token) <= 4):
        return True
    return token.rstrip(".").lower() in _ACADEMIC


def _is_name(name: str, places: set[str]) -> bool:
    """A person's name: not a place, a role, a body or a weekday ("Lahat", "Ketua")."""
    words = [w.lower().rstrip(".") for w in name.split()]
    if not words or any(w in _NOT_NAME for w in words):
        return False
    return " ".join(words) not in places and words[0] not in places


def place_words(text: str, extra: list[str] | None = None) -> set[str]:
    """The places a text names ("Polres Lahat", "Kabupaten OKU Timur", the dateline), in
    lower case, so that a place is never taken for a person."""
    named = {(m["kind"], " ".join(m["name"].split()).lower()) for m in _PLACE_NAMED.finditer(text)}
    # a command's name is its place's whole name: after "Polres Bumi Agung", the words
    # running on in "Kabupaten Bumi Agung Sari Wulandari" are a person's
    commands = {name for kind, name in named if "pol" in kind.lower()}
    places = {name for _, name in named if not _runs_on(name.split(), commands)}
    for name in extra or []:
        places.add(" ".join(name.split()).lower())
    return places


def _runs_on(words: list[str], commands: set[str]) -> bool:
    """Whether the words are a command's name with more words after it."""
    return any(" ".join(words[:n]) in commands for n in range(1, len(words)))


def _place_at(text: str, i: int, places: set[str]) -> int:
    """The end of a place name (up to three words) or acronym starting at ``i``, else -1."""
    words: list[tuple[str, int]] = []
    j = i
    # "Ketua KPU Kabupaten Sukamaju": the kind of place belongs to the role too
    while (kind := _NEXT_WORD.match(text, j)) and kind["w"].lower() in _PLACE_KINDS:
        j = kind.end()
    after_kind = j
    for _ in range(3):
        w = _NEXT_WORD.match(text, j)
        if not w:
            break
        # an honorific opens the holder's name: the words before it are the place
        # ("Ketua MUI Danau Biru KH Abdul …")
        if _is_prefix_title(w["w"]):
            return words[-1][1] if words else -1
        words.append((w["w"], w.end()))
        j = w.end()
    # "OKU Timur", "Musi Rawas Utara", "Belitang II": a compass word or a Roman numeral
    # ends a place's name (people's names have neither)
    for n in range(len(words), 1, -1):
        if words[n - 1][0] in _PLACE_ENDINGS or _ROMAN.fullmatch(words[n - 1][0]):
            return words[n - 1][1]
    for n in range(len(words), 0, -1):
        phrase = " ".join(w for w, _ in words[:n]).lower()
        if phrase in places:
            return words[n - 1][1]
    if words and (
        (words[0][0].isupper() and len(words[0][0]) >= 2)
        or words[0][0].lower() in POLDA_PROVINCES  # "Sumsel", "Jabar"
    ):
        return words[0][1]
    return after_kind if after_kind > i else -1


def _is_prefix_title(word: str) -> bool:
    return word.lower() in PREFIX_TITLES or f"{word.lower()}." in PREFIX_TITLES


_PLACE_ENDINGS = {"Timur", "Barat", "Utara", "Selatan", "Tengah", "Ulu", "Ilir", "Hulu", "Hilir"}
_ROMAN = re.compile(r"(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)")


_PLACE_KINDS = {"kabupaten", "kab", "kota", "kecamatan", "desa", "kelurahan", "provinsi"}


_PLACE_NAMED = re.compile(
    # a command also through its chief or its headquarters: "Kapolres X", "Mapolres X"
    r"\b(?P<kind>(?:Waka|Ka|Ma)pol(?:da|restabes|resta|res|sekta|sek)|"
    r"Pol(?:da|restabes|resta|res|sekta|sek)|"
    r"Kabupaten|Kab\.|Kota|Kecamatan|Desa|Kelurahan|Provinsi|Kodim|Koramil|Pemkab|Pemkot)"
    r"(?P<name>(?:\s+(?!(?:AKBP|AKP|Kompol|Iptu|Ipda|Aiptu|Aipda|Bripka|Brigpol|Briptu)\b)"
    r"[A-Z][\w-]*){1,3})"
)


def find_people(text: str, places: set[str] | None = None) -> list[Person]:
    """People named with a rank, or with a civilian role and a name; never a place, a
    role alone or a body. Later short mentions ("Hendra") fold into the full name."""
    places = place_words(text) if places is None else places
    people: dict[str, Person] = {}
    low = text.lower()
    ranks = (
        finditer_anchored(lowered(_RANK), low) if len(low) == len(text) else _RANK.finditer(text)
    )
    for m in ranks:
        read = _read_name(text, m.end())
        if not read:
            continue
        name, titles, end = read
        if not _is_name(name, places):
            continue
        rank = RANKS[" ".join(m.group(0).replace(".", " ").split()).lower()]
        before = text[max(0, m.start() - 80) : m.start()]
        before = re.split(r"[.\"“”]\s", before)[-1]
        role_m = _ROLE_BEFORE.search(before)
        role = _clean_role(role_m["role"]) if role_m else None
        if not role:
            after = _SELAKU.match(text, end)
            role = _clean_role(after["role"]) if after else None
        _merge(people, Person(name, rank, role, [t for t in titles if _is_title(t)], m.start()))
    for m in _CIVIL_ROLE.finditer(text):
        # "Kantor Camat Muara Pinang", "Rumah Dinas Bupati X": the office names a place
        if _BUILDING_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            continue
        # the role runs over the place it serves: "Ketua KPU Lahat Mirza Hakim"
        i = m.end()
        while (j := _place_at(text, i, places)) > 0:
            i = j
        gap = _GAP.match(text, i)
        start = gap.end() if gap else i
        # the role ends its sentence ("… serta Ketua KPU Provinsi.\nSebanyak 300 …"):
        # the next sentence's first word is not the holder's name
        if _ENDS_SENTENCE.search(text, m.start(), i) or "\n" in text[i:start]:
            continue
        if _RANK.match(text, start):
            continue
        read = _read_name(text, start, after_role=True)
        if not read:
            continue
        name, titles, _ = read
        if not _is_name(name, places):
            continue
        role = _clean_role(text[m.start() : i])
        _merge(people, Person(name, None, role, [t for t in titles if _is_title(t)], m.start()))
    return _fold_short_names(sorted(people.values(), key=lambda p: p.pos))


_GAP = re.compile(r"\s*,?\s*")
_BUILDING_BEFORE = re.compile(r"\b(?:[Kk]antor|[Rr]umah [Dd]inas|[Rr]ujab|[Pp]endopo|[Aa]ula)\s+$")
# a word of three small letters or more, then a dot: a sentence ends ("Kab." does not)
_ENDS_SENTENCE = re.compile(r"[a-z]{3}\.$")
_NEXT_WORD = re.compile(r"\s+(?P<w>[A-Z][\w-]*)\.?")


def _fold_short_names(people: list[Person]) -> list[Person]:
    """A later mention by part of a name is the same person: keep the full one."""
    kept: list[Person] = []
    for person in people:
        words = set(person.name.split())
        same = next(
            (k for k in kept if words <= set(k.name.split()) or set(k.name.split()) <= words),
            None,
        )
        if same is None:
            kept.append(person)
            continue
        if len(person.name.split()) > len(same.name.split()):
            same.name = person.name
        same.rank = same.rank or person.rank
        same.role = same.role or person.role
        same.titles = same.titles or person.titles
    return kept


def _clean_role(role: str) -> str:
    return " ".join(role.replace(",", " ").split())


def _merge(people: dict[str, Person], person: Person) -> None:
    key = person.name.lower()
    known = people.get(key)
    if not known:
        people[key] = person
        return
    known.rank = known.rank or person.rank
    known.role = known.role or person.role
    known.titles = known.titles or person.titles


# a number names a unit ("Kodim 0412"), unless it counts the people after it
_NAME_WORDS = (
    # on its line: a headline above the body is not the rest of a name
    rf"(?:[^\S\n]+(?!(?:Polri|Polda|Polres\w*|Polsek\w*|{HEADLINE_VERBS})\b)"
    r"(?:[A-Z][\w'-]*|\d+(?!\d|\s+(?:personel|personil|orang|anggota)\b)))*"
)
_UNIT = re.compile(
    rf"(?<![\w-])(?P<kind>{SUBUNIT_RE})(?P<sub>{_NAME_WORDS}(?:\s+{COMMAND_RE}{_NAME_WORDS})?)"
    rf"|(?<![\w-])(?P<command>{COMMAND_RE}{_NAME_WORDS})"
)


def find_units(text: str) -> list[str]:
    """Units as written, spacing normalised; a sub-unit keeps the command it belongs to."""
    return [unit for unit, _ in units_at(text)]


def units_at(text: str) -> list[tuple[str, int]]:
    """Each unit (as ``find_units`` names it) and where it is first written: a unit named
    in the normal form ("Sat Binmas" for "Satuan Binmas") is not found by its name."""
    units: dict[str, str] = {}
    first: dict[str, int] = {}
    matches = list(_UNIT.finditer(text))
    for m, shared in zip(matches, _shared_commands(text, matches), strict=True):
        words = _SPELLED_OUT.sub("Sat ", m.group(0)).split() + shared
        # a rank or a role ends the unit name: "Polres OKU Timur AKBP …"
        cut: list[str] = []
        for w in words:
            if cut and (_RANK.fullmatch(w) or re.fullmatch(ROLE_WORDS, w)):
                break
            cut.append(w)
        if m["command"] and len(cut) < 2:
            continue
        unit = " ".join(cut)
        # one unit however its sub-unit is spaced: "Sat Binmas", "Satbinmas"
        key = unit.lower().replace(" ", "")
        units.setdefault(key, unit)
        first.setdefault(key, m.start())
    _own_command(units, first)
    # "Sat Binmas" after "Sat Binmas Polres Lahat" is the same unit, named short
    return [
        (unit, first[key]) for key, unit in units.items() if not _named_in_full(key, unit, units)
    ]


_POLRES_NAMED = re.compile(r"\bPolres(?:ta|tabes)?\s.+")
_SAT_UNIT = re.compile(r"Sat(?!brimob)", re.I)


def is_bare_sat_unit(unit: str) -> bool:
    """A Sat-unit named without its command ("Sat Samapta"; Satbrimob is a Polda's)."""
    return bool(_SAT_UNIT.match(unit)) and not _COMMAND_WORD.search(unit)


def _own_command(units: dict[str, str], first: dict[str, int]) -> None:
    """A Sat-unit named alone ("personel Sat Samapta") in an item of one Polres is that
    Polres's: a Polres, not a Polda, has Sat-units. Changes both maps in place, in order."""
    commands = {m.group(0) for unit in units.values() if (m := _POLRES_NAMED.search(unit))}
    if len(commands) != 1:
        return
    [command] = commands
    owned: dict[str, str] = {}
    for key, unit in units.items():
        if is_bare_sat_unit(unit):
            unit = f"{unit} {command}"
            first.setdefault(unit.lower().replace(" ", ""), first[key])
            key = unit.lower().replace(" ", "")
        owned.setdefault(key, unit)
    units.clear()
    units.update(owned)


_SPELLED_OUT = re.compile(r"^Satuan\s+", re.I)
_JOINED = re.compile(r"\s*(?:,|dan|serta)\s*")


def _shared_commands(text: str, matches: list[re.Match[str]]) -> list[list[str]]:
    """For each unit, the command it shares with the units listed after it: "Sat Samapta
    dan Sat Lantas Polres X" are both X's (words to add; none when it names its own)."""
    shared: list[list[str]] = []
    following: list[str] = []
    for m, after in zip(reversed(matches), [None, *reversed(matches)], strict=False):
        own = _COMMAND_WORD.search(m["sub"] or "") if m["kind"] else None
        listed = after is not None and _JOINED.fullmatch(text, m.end(), after.start())
        if own:
            following = m["sub"][own.start() :].split()
        elif not (m["kind"] and listed):
            following = []
        shared.append([] if own else following)
    return shared[::-1]


def _named_in_full(key: str, unit: str, units: dict[str, str]) -> bool:
    """A sub-unit without its command ("Sat Binmas") when the text also names it with
    one ("Satbinmas Polres Lahat"); keys are the names without spaces, in lower case."""
    if _COMMAND_WORD.search(unit):
        return False
    return any(
        other != key and other.startswith(key) and _COMMAND_WORD.search(full)
        for other, full in units.items()
    )


_COMMAND_WORD = re.compile(rf"(?<![\w-])(?:{COMMAND_RE})", re.I)


@dataclass
class Quote:
    speaker: str | None
    text: str
    on_behalf_of: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {"speaker": self.speaker, "text": self.text, "on_behalf_of": self.on_behalf_of}


_SAY_VERBS = (
    r"kata|ujar|jelas|tegas|terang|tutur|ungkap|ucap|imbuh|tambah|sebut|papar|pungkas|lanjut|"
    r"pesan|tutup|harap|ajak|katanya|tandas|beber|urai|pinta|tukas|sambung|timpal|jawab"
)
_QUOTE = re.compile(
    r"[\"“”](?P<q>[^\"“”]{12,}?)[\"“”]"
    # single quotes, straight or curly, only with a verb of saying after them: an
    # apostrophe inside a word (Jum'at) opens no quote
    rf"|(?<!\w)['‘](?P<s>[^'‘’\"“”]{{12,}}?)['’](?=[\s,.]*(?:{_SAY_VERBS})\b)",
    re.I,
)
_SAY_AFTER = re.compile(
    # "ujarnya" and "kata dia" name the speaker only as the one just spoken of
    rf"[\s,.]*(?:(?:{_SAY_VERBS})(?P<nya>nya|\s+(?:dia|beliau)\b)?)\b(?P<rest>[^.\"“”]*)",
    re.I,
)
_SAY_BEFORE = re.compile(
    r"(?:mengatakan|menjelaskan|menegaskan|menyampaikan|mengungkapkan|menuturkan|berpesan|"
    r"mengimbau|menghimbau|mengajak|menyebutkan|berharap|menambahkan|membacakan|bahwa|"
    r"[Mm]enurut)[^\"“”]*[:,]?\s*$"
)
_ON_BEHALF = re.compile(r"\b(?:melalui|diwakili(?:\s+oleh)?)\b", re.I)
# a chief reading a superior's address: "membacakan amanat Kapolri", "amanat tertulis
# Kapolri yang dibacakannya"; the reader speaks, on the superior's behalf
_READING_FOR = re.compile(
    r"\b(?:membacakan\s+(?:amanat|sambutan)(?:\s+tertulis)?\s+|"
    r"(?:amanat|sambutan)(?:\s+tertulis)?\s+(?=\w+\s+yang\s+dibacakan))"
    r"(?P<who>Kapolri|Kapolda|Presiden)"
)


class Attribution:
    """Resolves who spoke: a person named in the clause, a role named earlier, or the
    last speaker for "-nya" verbs and for an unattributed follow-on quote."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        # each person's name words, compiled once: "ujar Hendra" names Hendra Wijaksono
        self._names = [
            re.compile(r"\b(?:" + "|".join(re.escape(w) for w in parts) + r")\b")
            if (parts := [w for w in p.name.split() if len(w) > 2])
            else None
            for p in people
        ]

    def resolve(self, clause: str, clause_pos: int) -> tuple[Person | None, str | None]:
        """The speaker in a clause; with "X melalui Y", Y spoke on X's behalf."""
        on_behalf = None
        # the superior whose address is read out is not the speaker
        clause = _READING_FOR.sub(" ", clause)
        parts = _ON_BEHALF.split(clause, maxsplit=1)
        if len(parts) == 2:
            principal = self._find(parts[0], clause_pos)
            on_behalf = principal.label if principal else _first_role(parts[0])
            clause = parts[1]
        who = self._find(clause, clause_pos)
        return who, on_behalf

    def _find(self, clause: str, clause_pos: int) -> Person | None:
        for person, names in zip(self.people, self._names, strict=True):
            if person.name in clause or (names and names.search(clause)):
                return person
        role = _first_role(clause)
        if not role:
            return None
        # a bare role resolves to the person named with it earlier in the item
        before = [p for p in self.people if p.role and p.role.lower().startswith(role.lower())]
        earlier = [p for p in before if p.pos <= clause_pos] or before
        return earlier[-1] if earlier else None


_ROLE_WORD = re.compile(rf"\b(?:{ROLE_WORDS})\b")


def _first_role(clause: str) -> str | None:
    m = _ROLE_WORD.search(clause)
    return m.group(0) if m else None


def find_quotes(sentences: list[tuple[int, str]], people: list[Person]) -> list[Quote]:
    """Quotes with their speakers. ``sentences`` are (position in body, sentence)."""
    attribution = Attribution(people)
    quotes: list[Quote] = []
    last: tuple[Person | None, str | None, str | None] = (None, None, None)
    last_pos = -1000
    previous = ""
    # "Kapolres X melalui Kasat Y …": Y speaks for X in the quotes that follow, too
    speaks_for: dict[int, str] = {}
    for pos, sentence in sentences:
        if _ON_BEHALF.search(sentence):
            agent, principal = attribution.resolve(_QUOTE.sub(" ", sentence), pos)
            if agent and principal:
                speaks_for[id(agent)] = principal
        for m in _QUOTE.finditer(sentence):
            text = (m["q"] or m["s"]).strip().rstrip(",").strip()
            speaker: Person | None = None
            on_behalf: str | None = None
            role_only: str | None = None
            after = _SAY_AFTER.match(sentence, m.end())
            before = sentence[: m.start()]
            if after:
                rest = after["rest"]
                speaker, on_behalf = attribution.resolve(rest, pos)
                reading = _READING_FOR.search(rest)  # "…," ujarnya membacakan amanat Kapolri
                if (not speaker and not rest.strip()) or (after["nya"] and not speaker):
                    speaker, on_behalf, role_only = last
                    if not (speaker or role_only):
                        speaker = _latest_before(people, pos)
                elif not speaker:
                    role_only = _first_role(rest)
                on_behalf = reading["who"] if reading else on_behalf
            elif _SAY_BEFORE.search(before) or before.strip().endswith((":", ",")):
                speaker, on_behalf = attribution.resolve(before, pos)
                reading = _READING_FOR.search(before)
                if reading:
                    on_behalf = reading["who"]
                if not speaker:
                    role_only = _first_role(before)
            elif pos - last_pos < 600:
                # a quote paragraph following a quote continues the same speaker
                speaker, on_behalf, role_only = last
            elif _SAY_BEFORE.search(previous) or _READING_FOR.search(previous):
                # the speaker was introduced in the sentence before the quote
                speaker, on_behalf = attribution.resolve(previous, pos)
                reading = _READING_FOR.search(previous)
                on_behalf = reading["who"] if reading else on_behalf
            label = speaker.label if speaker else role_only
            if speaker and not on_behalf:
                on_behalf = speaks_for.get(id(speaker))
            quotes.append(Quote(label, text, on_behalf))
            last = (speaker, on_behalf, role_only)
            last_pos = pos
        previous = sentence
    return quotes


def _latest_before(people: list[Person], pos: int) -> Person | None:
    """For "ujarnya" with no earlier quote: the person introduced last before it."""
    earlier = [p for p in people if p.pos < pos]
    return earlier[-1] if earlier else None
