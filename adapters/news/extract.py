"""Rule-based fact extraction from one news item (ekstraksi fakta berita).

The extractor reads, it does not decide what is true: every value keeps the sentence
that produced it (``evidence``), and doubts and contradictions go to ``flags`` instead
of being silently resolved.

Category rule (one per item, in this order):

1. ``unrelated`` when the item is mainly sport (three or more sport sentences) or a drug
   case (two or more drug sentences), whatever attack words it uses.
2. ``simulation`` when a drill cue is present (a reveal like "ternyata adalah simulasi",
   Sispam Kota, skenario, peragaan, latihan pengamanan) and the drill is the main topic:
   drill sentences plus riot-narrative sentences (they belong to the drill once it is
   revealed) outnumber the sentences about the parade (apel, gelar pasukan). A drill held
   during a gelar pasukan, told over several paragraphs, is a simulation; a launch report
   that mentions a drill in one line stays an ``operation_launch``.
3. ``unrelated`` when an untracked seasonal operation (Ketupat, Lilin, Zebra …) is named
   and no tracked operation is.
4. ``deployment`` for apel pergeseran pasukan and other movements of personnel to TPS.
5. ``operation_launch`` for apel / gelar pasukan with an election or operation context.
6. ``incident`` when two or more sentences report disorder (bentrok, ricuh, bakar ban …)
   and there is no drill cue.
7. ``outreach`` for sosialisasi, edukasi, cooling system, patroli dialogis, Jumat Curhat …
   with an election theme.
8. otherwise ``unrelated``: weak evidence gives no category rather than a guess.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from adapters.news.clean import clean_article, split_sentences
from adapters.news.dates import DateMention, find_dates, parse_published
from adapters.news.lexicon import (
    MESSAGES,
    OPERATION_MENTION_RE,
    OPERATIONS,
    POLDA_PROVINCES,
    PROVINCE_NAMES,
    STAKEHOLDERS,
    UNTRACKED_OPERATION_RE,
    Operation,
)
from adapters.news.people import find_people, find_quotes, find_units
from adapters.news.reader import RawItem
from domain.model.operation import PREPARATION_DAYS

JSON_KEYS = (
    "source", "url", "title", "outlet", "published_on", "category", "occurred_on",
    "date_precision", "operation", "venue", "region", "scenario_setting", "scenario_steps",
    "units", "people", "stakeholders", "personnel", "audience_size", "messages", "quotes",
    "flags", "evidence",
)  # fmt: skip

CATEGORIES = ("simulation", "incident", "outreach", "operation_launch", "deployment", "unrelated")


@dataclass
class NewsFacts:
    """Facts proposed from one news item; ``as_json()`` is the stable exchange form."""

    source: str
    url: str | None
    title: str | None
    outlet: str | None
    published_on: str | None
    category: str
    occurred_on: str | None
    date_precision: str | None
    operation: dict[str, str | None] | None
    venue: str | None
    region: dict[str, str | None] | None
    scenario_setting: str | None
    scenario_steps: list[str]
    units: list[str]
    people: list[dict[str, Any]]
    stakeholders: list[str]
    personnel: int | None
    audience_size: int | None
    messages: list[str]
    quotes: list[dict[str, str | None]]
    flags: list[str]
    evidence: dict[str, str | None]
    # for the store, not part of as_json()
    body: str = ""
    dateline: str | None = None
    content_hash: str = ""
    stated_days: int | None = None
    stated_period: tuple[date, date] | None = None
    removed_noise: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in JSON_KEYS}


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


DRILL_STRONG = _cue(
    r"ternyata\s+(?:hanya\s+|adalah\s+|merupakan\s+|bagian dari\s+)?(?:sebuah\s+|rangkaian\s+)?"
    r"(?:simulasi|latihan|peragaan|skenario)|sispam\s?kota|simulasi\s+(?:pengamanan|dalmas|"
    r"pengendalian|penanganan|kontinjensi|unjuk rasa|kerusuhan|sistem pengamanan)|\bskenario\b|"
    r"\bperagaan\b|\bdiperagakan\b|latihan\s+(?:pengendalian massa|dalmas|sispam|pra ?operasi|"
    r"pengamanan)|tactical floor game"
)
DRILL_WEAK = _cue(r"\bsimulasi\b|\blatihan\b")
RIOT = _cue(
    r"unjuk rasa|berunjuk rasa|demonstra|\bdemo\b|bentrok|\bricuh|kericuhan|kerusuhan|anarkis|"
    r"bakar ban|membakar|melempar|lempar batu|water cannon|gas air mata|provokator|"
    r"penyerangan|sandera|dipukul mundur|membubarkan massa"
)
LAUNCH = _cue(
    r"gelar pasukan|apel (?:gelar )?pasukan|apel kesiapan|apel siaga|pembukaan operasi|"
    r"dimulainya operasi"
)
DEPLOY = _cue(
    r"pergeseran (?:pasukan|personel|personil)|\bBKO\b|diberangkatkan|memberangkatkan|"
    r"diterjunkan|menerjunkan|dikirim ke TPS|digeser ke"
)
OUTREACH = _cue(
    r"sosialisasi|edukasi|penyuluhan|cooling system|patroli dialogis|\bsambang|"
    r"jum'?at curhat|goes to (?:school|campus)|silaturahmi|imbauan|himbauan|deklarasi|"
    r"\bdialog\b|\bFGD\b|door to door|\bpolmas\b|coffee morning|ngopi bareng"
)
ELECTION = _cue(
    r"pemilu|pilkada|pileg|pilpres|kampanye|\bTPS\b|\bKPU\b|bawaslu|pemungutan suara|"
    r"pesta demokrasi|\bcaleg|capres|hoaks|hoax|politik uang|netralitas|rekapitulasi|"
    r"kotak suara|surat suara|\bPPK\b|\bKPPS\b|\bpleno\b"
)
SPORTS = _cue(
    r"sepak ?bola|turnamen|\bpiala\b|\bcup\b|pertandingan|\blaga\b|\bgol\b|\bskor\b|"
    r"kesebelasan|\bklub\b|\bjuara\b|\bbabak\b|kiper|striker|\bliga\b|bola voli|futsal|wasit"
)
DRUG = _cue(r"narkoba|narkotika|\bsabu\b|ganja|ekstasi|pengedar|resnarkoba|\bgram\b")

_ACTIVITY_VERB = _cue(
    r"digelar|dilaksanakan|diadakan|menggelar|melaksanakan|berlangsung|dilakukan|"
    r"mengadakan|kegiatan|berunjuk rasa|terjadi|bertempat"
)
_FUTURE = _cue(r"\bakan\b|mendatang|rencananya|\bnanti\b|dijadwalkan|jadwal")
_PERIOD_CONTEXT = _cue(r"\boperasi\b|\bops\b|\bOMB\b|selama\s+\d+\s+hari")
_DAYS = re.compile(r"selama\s+(?P<n>\d+)\s+hari", re.I)

_VENUE_HEAD = (
    r"(?:Halaman|Lapangan|Mapolres\w*|Mapolsek\w*|Mapolda\w*|Mako\w*|Aula|Gedung|Kantor|Balai|"
    r"Masjid|Pendopo|Pendapa|Alun-[Aa]lun|Taman|Stadion|GOR|Gelanggang|Sekolah|SMAN?|SMKN?|SMPN?|"
    r"Kampus|Universitas|Desa|Kelurahan|Pasar|Jalan|Jl\.|Hotel|Rumah|Pondok Pesantren|Kafe|"
    r"Cafe|Warung|Kedai|Restoran|Rumah Makan|"
    r"Ponpes|Posko|Simpang|Bundaran|Terminal|Pelabuhan|Gudang|Wisma|Graha|Ruang|Lobi|Pantai|TPS)"
)
_VENUE = re.compile(
    r"\b(?:di|ke|bertempat di|berlokasi di|mendatangi|menyambangi|mengunjungi|mengepung|"
    r"menggeruduk)\s+(?:(?:depan|sekitar|dalam|area)\s+)?"
    rf"(?P<v>{_VENUE_HEAD}(?:\s+(?:[A-Z0-9][\w.'/-]*|dan\s+(?=[A-Z])))*)"
)
_DISTRICT = re.compile(
    r"(?<!Wali )(?<!Sispam )\b(?P<kind>Kabupaten|Kab\.|Kota)\s+"
    r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
)
_REGIONAL_SUFFIX_PROVINCE = {
    "musi": "Sumatera Selatan", "toba": "Sumatera Utara", "singgalang": "Sumatera Barat",
    "telabang": "Kalimantan Tengah", "kie raha": "Maluku Utara",
}  # fmt: skip

# scenario steps of a drill, in the order the narrative tells them
SCENARIO_STEPS: list[tuple[str, re.Pattern[str]]] = [
    ("kampanye", _cue(r"\bkampanye\b")),
    ("pemungutan suara", _cue(r"pemungutan suara|pencoblosan")),
    ("unjuk rasa", _cue(r"unjuk rasa|demonstra|\bdemo\b|\borasi\b|berorasi|\bprotes\b")),
    ("negosiasi", _cue(r"negosia|mediasi")),
    ("massa anarkis", _cue(r"anarkis|ricuh|kericuhan|rusuh")),
    ("lempar benda", _cue(r"melempar|lempar batu|dilempari")),
    ("bakar ban", _cue(r"bakar ban|membakar ban")),
    ("Dalmas dikerahkan", _cue(r"\bDalmas\b")),
    ("water cannon", _cue(r"water cannon|\bRaisa\b")),
    ("gas air mata", _cue(r"gas air mata")),
    ("penyanderaan", _cue(r"sandera")),
    ("provokator ditangkap", _cue(r"provokator[^.]{0,80}(?:ditangkap|diamankan|dibekuk)")),
    ("senjata tajam diamankan", _cue(r"senjata tajam|sajam|parang|celurit|golok")),
    ("pembubaran massa", _cue(r"(?:di|me)mukul mundur|dibubarkan|membubarkan")),
    ("tim kesehatan", _cue(r"tim kesehatan|tim medis|perawatan medis|ambulans|dievakuasi")),
    ("dokumentasi", _cue(r"dokumentasi")),
]

_PERSONNEL = re.compile(
    r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)\s+(?:orang\s+)?(?:personel|personil|pasukan|prajurit)\b",
    re.I,
)
_AUDIENCE = re.compile(
    r"(?:(?:diikuti|dihadiri)\s+(?:oleh\s+)?(?:sekitar|kurang lebih|lebih dari|±|sebanyak)?\s*"
    r"(?P<a>\d{1,3}(?:\.\d{3})+|\d+))|(?P<b>\d{1,3}(?:\.\d{3})+|\d+)\s+(?:orang\s+)?"
    r"(?:peserta|warga|siswa|pelajar|mahasiswa|jemaah|jamaah|pemilih pemula|tokoh|santri|"
    r"pemuda|pengemudi|nelayan|pedagang|orang)\b",
    re.I,
)
_TIMESTAMP = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)\b")


@dataclass
class _Sentence:
    pos: int
    text: str


def extract(item: RawItem, *, today: date | None = None) -> NewsFacts:
    """Propose the facts of one news item.

    ``today`` stands in for the publication date when the item has none; relative dates
    and missing years are resolved against the publication date, else against ``today``.
    """
    cleaned = clean_article(item.text)
    body = cleaned.body
    sentences = _sentences(body)
    flags: list[str] = []

    title = item.title or _lead_title(cleaned.lead_lines)
    published = parse_published(item.published) or _lead_published(cleaned.lead_lines)
    ref, ref_label = (published, "publication date") if published else (today, "today")

    mentions = find_dates(body, ref, ref_label)
    stated_days, stated_period, period_mention = _stated_duration(mentions, sentences, flags)

    category, category_evidence, reveal_pos = _categorise(title, sentences)
    occurred = _occurred_on(mentions, sentences, published, period_mention, category)
    occurred_on: date | None = None
    precision = None
    date_evidence = None
    if occurred:
        occurred_on = occurred.start
        precision = _precision(occurred)
        date_evidence = _sentence_at(sentences, occurred.pos)
        flags.extend(occurred.notes)

    operation = _operation(f"{title or ''}\n{body}", category, occurred_on, flags)
    venue, setting = _places(sentences, category, reveal_pos)
    units = find_units(body)
    people = find_people(body)
    quotes = find_quotes([(s.pos, s.text) for s in sentences], people)
    region = _region(venue, units, body, operation)

    return NewsFacts(
        source=item.source,
        url=item.url,
        title=title,
        outlet=item.outlet or cleaned.dateline_outlet,
        published_on=published.isoformat() if published else None,
        category=category,
        occurred_on=occurred_on.isoformat() if occurred_on else None,
        date_precision=precision,
        operation=operation,
        venue=venue,
        region=region,
        scenario_setting=setting,
        scenario_steps=_scenario_steps(sentences) if category == "simulation" else [],
        units=units,
        people=[p.as_json() for p in people],
        stakeholders=sorted({label for label, cue in STAKEHOLDERS if cue.search(body)}),
        personnel=_largest(_PERSONNEL, body),
        audience_size=_largest(_AUDIENCE, body) if category == "outreach" else None,
        messages=[code for code, cue in MESSAGES if cue.search(body)],
        quotes=[q.as_json() for q in quotes],
        flags=flags,
        evidence={"category": category_evidence, "occurred_on": date_evidence},
        body=body,
        dateline=cleaned.dateline_town,
        content_hash=item.content_hash,
        stated_days=stated_days,
        stated_period=stated_period,
        removed_noise=cleaned.removed,
    )


def _sentences(body: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    cursor = 0
    for text in split_sentences(body):
        pos = body.find(text, cursor)
        out.append(_Sentence(pos, text))
        cursor = pos + len(text)
    return out


def _sentence_at(sentences: list[_Sentence], pos: int) -> str | None:
    for s in reversed(sentences):
        if s.pos <= pos:
            return s.text
    return None


def _lead_title(lead: list[str]) -> str | None:
    for line in lead:
        if not find_dates(line, None) and len(line.split()) >= 3:
            return line
    return None


def _lead_published(lead: list[str]) -> date | None:
    """A date line with a clock time above the body is the page's publication stamp; a
    date line without one is the site header's "today" and says nothing of the item."""
    for line in lead:
        if _TIMESTAMP.search(line):
            found = [m for m in find_dates(line, None) if m.precision == "day"]
            if found:
                return found[0].start
    return None


def _stated_duration(
    mentions: list[DateMention], sentences: list[_Sentence], flags: list[str]
) -> tuple[int | None, tuple[date, date] | None, DateMention | None]:
    days = None
    period: tuple[date, date] | None = None
    period_mention = None
    for s in sentences:
        m = _DAYS.search(s.text)
        if m and _PERIOD_CONTEXT.search(s.text) and days is None:
            days = int(m["n"])
    for mention in mentions:
        sentence = _sentence_at(sentences, mention.pos) or ""
        if (
            mention.end
            and _PERIOD_CONTEXT.search(sentence)
            and (mention.end - mention.start).days > 31
        ):
            period = (mention.start, mention.end)
            period_mention = mention
            break
    if days is not None and period:
        span = (period[1] - period[0]).days + 1
        if span != days:
            flags.append(
                f"duration-conflict: {days} days stated, but {period[0].isoformat()} to "
                f"{period[1].isoformat()} spans {span} days"
            )
    return days, period, period_mention


def _hits(pattern: re.Pattern[str], sentences: list[_Sentence]) -> list[_Sentence]:
    return [s for s in sentences if pattern.search(s.text)]


def _categorise(title: str | None, sentences: list[_Sentence]) -> tuple[str, str | None, int]:
    """Category, the sentence that decided it, and the position of a drill reveal."""
    title = title or ""
    sports = _hits(SPORTS, sentences)
    if len(sports) + (2 if SPORTS.search(title) else 0) >= 3:
        return "unrelated", sports[0].text if sports else title, -1
    drugs = _hits(DRUG, sentences)
    if len(drugs) >= 2:
        return "unrelated", drugs[0].text, -1

    strong = _hits(DRILL_STRONG, sentences)
    riots = _hits(RIOT, sentences)
    elections = _hits(ELECTION, sentences)
    weak = [s for s in _hits(DRILL_WEAK, sentences) if len(riots) >= 2 or ELECTION.search(s.text)]
    drill = strong or weak
    launches = _hits(LAUNCH, sentences)
    if drill or DRILL_STRONG.search(title):
        reveal = drill[0] if drill else sentences[0]
        riot_before = [s for s in riots if s.pos <= reveal.pos]
        drill_score = len({s.pos for s in drill}) + len(riot_before)
        drill_score += 3 if DRILL_WEAK.search(title) or DRILL_STRONG.search(title) else 0
        launch_score = len(launches) + (3 if LAUNCH.search(title) else 0)
        if drill_score >= launch_score:
            return "simulation", reveal.text, reveal.pos

    tracked = any(op.cue.search(s.text) for op in OPERATIONS for s in sentences)
    untracked = _hits(UNTRACKED_OPERATION_RE, sentences)
    if untracked and not tracked:
        return "unrelated", untracked[0].text, -1

    deploys = _hits(DEPLOY, sentences)
    has_context = tracked or bool(elections)
    if deploys and has_context and (len(deploys) >= len(launches) or "pergeseran" in title.lower()):
        return "deployment", deploys[0].text, -1
    if (launches or LAUNCH.search(title)) and has_context:
        return "operation_launch", launches[0].text if launches else title, -1
    outreach = _hits(OUTREACH, sentences)
    if len(riots) >= 2 and len(riots) >= len(outreach):
        return "incident", riots[0].text, -1
    if outreach and has_context:
        return "outreach", outreach[0].text, -1
    return "unrelated", None, -1


def _occurred_on(
    mentions: list[DateMention],
    sentences: list[_Sentence],
    published: date | None,
    period: DateMention | None,
    category: str,
) -> DateMention | None:
    """The mention that dates the activity: the classic "Hari (dd/mm/yyyy)" near the lead,
    in a sentence that reports the activity, and not in the future of the publication."""
    best: tuple[float, DateMention] | None = None
    lead_end = sentences[1].pos + len(sentences[1].text) if len(sentences) > 1 else 10**9
    for mention in mentions:
        if mention is period or (published and mention.start > published):
            continue
        sentence = _sentence_at(sentences, mention.pos) or ""
        if mention.end and _PERIOD_CONTEXT.search(sentence) and category != "unrelated":
            continue
        score = 0.0
        if mention.weekday is not None or mention.text.strip().endswith(")"):
            score += 3
        if mention.pos <= lead_end:
            score += 2
        if _ACTIVITY_VERB.search(sentence):
            score += 2
        if _FUTURE.search(sentence):
            score -= 4
        if mention.kind == "month":
            score -= 3
        elif mention.kind == "relative":
            score -= 1
        if best is None or score > best[0]:
            best = (score, mention)
    return best[1] if best else None


def _precision(mention: DateMention) -> str | None:
    if mention.end:
        span = (mention.end - mention.start).days
        return "day" if span == 0 else "week" if span <= 6 else "month" if span <= 31 else None
    return mention.precision


def _operation(
    body: str, category: str, occurred: date | None, flags: list[str]
) -> dict[str, str | None] | None:
    """The tracked operation: named in the text, or implied by the election theme when
    the activity falls in the operation's period. An unrelated item gets none."""
    if category == "unrelated":
        return None
    named: Operation | None = None
    regional = None
    for m in OPERATION_MENTION_RE.finditer(body):
        praja = "praja" in m["core"].lower()
        op = OPERATIONS[1] if praja else OPERATIONS[0]
        named = named or op
        if op is named and m["suffix"].strip() and regional is None:
            regional = " ".join(m.group(0).split())
    if named is None and re.search(r"\bOMB\b", body):
        named = OPERATIONS[0]
    if named is not None:
        if occurred and not _within(named, occurred, flags):
            return None
        return {"name": named.name, "regional_name": regional}
    if occurred is None:
        return None
    themed = [op for op in OPERATIONS if op.theme.search(body) and op.start <= occurred <= op.end]
    if not themed:
        return None
    # both themes in an overlapping period: the one the item talks about more
    op = max(themed, key=lambda o: len(o.theme.findall(body)))
    return {"name": op.name, "regional_name": None}


def _within(op: Operation, occurred: date, flags: list[str]) -> bool:
    """Named operations accept the opening parade or drill held up to two weeks before
    the start (preparation); anything earlier or after the end is another activity."""
    if occurred < op.start:
        lead = (op.start - occurred).days
        if lead <= PREPARATION_DAYS:
            flags.append(
                f"before-operation-start: activity on {occurred.isoformat()} is {lead} days "
                f"before {op.name} starts ({op.start.isoformat()})"
            )
            return True
        flags.append(
            f"outside-operation: activity on {occurred.isoformat()} predates {op.name} "
            f"({op.start.isoformat()})"
        )
        return False
    if occurred > op.end:
        flags.append(
            f"outside-operation: activity on {occurred.isoformat()} is after {op.name} ended "
            f"({op.end.isoformat()})"
        )
        return False
    return True


def _clean_place(place: str) -> str:
    place = re.sub(r"\s+(?:dan|Jl\.)$", "", " ".join(place.split()))
    return place.rstrip(".,")


_SCENARIO_CUE = _cue(r"skenario|seolah|seakan|diperagakan|memperagakan|menggambarkan|adegan")
# the place a drill pretends to be: an office or polling station, not a parade ground
_SCENARIO_PLACE = re.compile(
    r"^(?!Halaman|Lapangan|Alun|Mapol|Mako).*(?:KPU|Bawaslu|TPS|PPK|DPRD|Kantor)"
)


def _places(
    sentences: list[_Sentence], category: str, reveal_pos: int
) -> tuple[str | None, str | None]:
    """Venue (where it really happened) and, for drills, the place the scenario plays:
    an election office or polling station named in the narrative before the reveal or in
    a sentence that describes the scenario."""
    venue = None
    setting = None
    for s in sentences:
        in_scenario = category == "simulation" and (
            s.pos < reveal_pos or (s.pos > reveal_pos and _SCENARIO_CUE.search(s.text))
        )
        for m in _VENUE.finditer(s.text):
            place = _clean_place(m["v"])
            if in_scenario and _SCENARIO_PLACE.match(place):
                setting = setting or place
            elif venue is None:
                venue = place
    return venue, setting


def _region(
    venue: str | None, units: list[str], body: str, operation: dict[str, str | None] | None
) -> dict[str, str | None] | None:
    district = None
    for text in (venue or "", body):
        for m in _DISTRICT.finditer(text):
            # "Polsek Danau Tiga Kota AKP X": the word Kota ends a unit name here
            name = " ".join(w for w in m["name"].split() if not w.isupper() or len(w) <= 3)
            name = re.split(r"\s+(?:AKBP|AKP|Kompol|Iptu|Ipda|Aiptu|Aipda)\b", f" {name}")[0]
            if name.strip():
                kind = "Kabupaten" if m["kind"].startswith("Kab") else "Kota"
                district = f"{kind} {name.strip()}"
                break
        if district:
            break
    polres = [u for u in units if re.match(r"Polres\w*\s", u)]
    if polres and (district is None or not _DISTRICT.search(venue or "")):
        district = polres[0].split(" ", 1)[1]
    province = None
    for m in re.finditer(r"\bPolda\s+(?P<name>Metro Jaya|Papua Barat|[A-Z][A-Za-z]+)", body):
        province = POLDA_PROVINCES.get(m["name"].lower())
        if province:
            break
    if province is None:
        for name in PROVINCE_NAMES:
            if re.search(rf"\b(?:Provinsi\s+)?{re.escape(name)}\b", body):
                province = name
                break
    if province is None and operation and operation.get("regional_name"):
        regional = operation["regional_name"] or ""
        for suffix, name in _REGIONAL_SUFFIX_PROVINCE.items():
            if re.search(rf"\b{suffix}\b", regional, re.I):
                province = name
    if district is None and province is None:
        return None
    return {"district": district, "province": province}


def _scenario_steps(sentences: list[_Sentence]) -> list[str]:
    """Steps of the drill in narrative order; quoted speech is left out."""
    text = " ".join(s.text for s in sentences if not re.search(r"[\"“”]", s.text))
    found = []
    for label, cue in SCENARIO_STEPS:
        m = cue.search(text)
        if m:
            found.append((m.start(), label))
    return [label for _, label in sorted(found)]


def _largest(pattern: re.Pattern[str], text: str) -> int | None:
    """The largest stated count: a total is never smaller than its parts."""
    values = [
        int(next(g for g in m.groups() if g).replace(".", "")) for m in pattern.finditer(text)
    ]
    return max(values) if values else None
