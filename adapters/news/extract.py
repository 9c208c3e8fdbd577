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
   that mentions a drill in one line stays an ``operation_launch``. A clash told from the
   first sentence is a drill only when the narration names or reveals one ("ternyata",
   "merupakan simulasi"), not a quote's "skenario pengamanan". The drill must
   rehearse election security or a tracked operation (Sispam Kota always does): a flood
   drill, or one of an operation the unit does not track, falls to the rules below.
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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import adapters.news.flags as flag
from adapters.news.clean import clean_article, split_sentences
from adapters.news.dates import (
    NUMBER_WORDS,
    DateMention,
    YearContext,
    find_dates,
    parse_published,
    words_to_number,
)
from adapters.news.lexicon import (
    MESSAGES,
    POLDA_PROVINCES,
    PROVINCE_NAMES,
    STAKEHOLDERS,
    UNTRACKED_OPERATION_RE,
)
from adapters.news.operations import (
    NATIONAL_OPERATIONS,
    KnownOperation,
    NationalOperation,
    OperationMatcher,
    OperationMention,
    known_operations,
    national_of,
)
from adapters.news.people import (
    Person,
    find_people,
    find_quotes,
    is_bare_sat_unit,
    place_words,
    units_at,
)
from adapters.news.reader import RawItem
from adapters.news.scan import SentenceIndex, finditer_anchored, lowered
from domain.model.policies import PREPARATION_CATEGORIES, PREPARATION_DAYS

JSON_KEYS = (
    "source", "url", "title", "outlet", "published_on", "category", "occurred_on",
    "date_precision", "operation", "venue", "region", "scenario_setting", "scenario_steps",
    "units", "people", "stakeholders", "personnel", "audience_size", "messages", "quotes",
    "flags", "evidence",
)  # fmt: skip


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
    flags: list[flag.NewsFlag]
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
    r"\bperagaan\b|\b(?:di|mem)peragakan\b|"
    r"latihan\s+(?:pengendalian massa|dalmas|sispam|pra ?operasi|pengamanan)|tactical floor game"
)
DRILL_WEAK = _cue(r"\bsimulasi\b|\blatihan\b")
_CITY_DRILL = _cue(r"sispam\s?kota|sistem pengamanan kota")
RIOT = _cue(
    r"unjuk rasa|berunjuk rasa|demonstra|\bdemo\b|bentrok|\bricuh|kericuhan|kerusuhan|anarkis|"
    r"bakar ban|membakar|melempar|lempar batu|water cannon|gas air mata|provokator|"
    r"penyerangan|sandera|dipukul mundur|membubarkan massa|aksi (?:massa|damai|protes)|"
    r"massa aksi|\bmassa\b[^.]{0,80}?\b(?:mendatangi|menuntut|berorasi|mengepung|memblokade|"
    r"memblokir|merangsek|menerobos)|\bberorasi\b|pengunjuk rasa|\bprotes\b|memprotes|\btawuran\b|saling dorong|"
    r"pengepungan|menggeruduk|digeruduk|menduduki|keributan|menyegel|disegel|penyegelan|"
    r"memblokade|blokade|intimidasi"
)
# violence against people or property; an incident when it touches the election
ATTACK = _cue(
    r"\bmenyerang|\bpenyerang|\bdiserang|\bserangan\b(?!\s+fajar)|mengamuk|\bamuk\b|"
    r"membacok|dibacok|menusuk|ditusuk|penganiayaan|dianiaya|menganiaya|pengeroyokan|"
    r"dikeroyok|mengeroyok|perusakan|pengrusakan|merusak|dirusak|pembakaran|dibakar|"
    r"molotov|ledakan|\bteror\b|senjata tajam|\bsajam\b|mengacungkan|penembakan|ditembak"
)
# words before a riot word that make it a risk, an appeal or a plan, not an event
_HYPOTHETICAL = _cue(
    r"(?:antisipasi|mengantisipasi|potensi|rawan|kerawanan|kemungkinan|\bjika\b|\bbila\b|"
    r"apabila|seandainya|andaikan|mencegah|pencegahan|\bcegah|\bakan\b|\btidak\b|\btak\b|"
    r"\btanpa\b|jangan|hindari|menghindari|\bimbau|\bhimbau|mengimbau|menghimbau|\bajak|"
    r"mengajak|\bagar\b|supaya|larangan|dilarang|menolak|\btolak|\bbebas\b|\banti\b|"
    r"ancaman|gangguan|kesiapsiagaan|menghadapi|menangani|penanganan|\bcara\b|\bsiap\b|"
    r"terprovokasi|provokasi|hasutan|ajakan|\bisu\b|hoaks|\bnihil\b|seperti|misalnya|"
    r"rencana|berencana|direncanakan|mewaspadai|waspada|pengendalian|kontinjensi)"
    r"[^.]{0,45}$"
)
_PLANNED_AFTER = _cue(
    r"^[^.]{0,25}?\b(?:yang akan|akan digelar|direncanakan|rencananya|mendatang)\b"
)
_REVEAL = _cue(
    r"ternyata|rupanya|hanyalah|bukan (?:kejadian|peristiwa) (?:sebenarnya|nyata)|"
    r"(?:bagian dari|merupakan|adalah|hanya|sekadar)\s+(?:\w+\s+){0,3}?(?:simulasi|latihan)"
)
# a drill named in the narration (not in a quote, not a bare "skenario", which may be a
# security plan): after a riot told from the first sentence, the drill must be named so
_DRILL_NAMED = _cue(
    r"simulasi|sispam\s?kota|latihan|peragaan|(?:di|mem)peragakan|tactical floor game"
)
# (not "telah melaksanakan": a report of the drill itself is written in the past tense)
_BACKGROUND = _cue(
    r"\bsebelumnya\b|\bpernah\b|\bsempat menggelar|beberapa (?:hari|waktu|pekan|bulan) "
    r"(?:lalu|sebelumnya)|"
    # a drill as a habit that trained the personnel ("terlatih karena rutin mengikuti
    # latihan"), not a drill held ("menggelar latihan rutin")
    r"\bterlatih\b|\brutin\s+(?:mengikuti|berlatih|dilatih)"
)
# a clash recalled from before ("bentrok bulan lalu", "saat itu", "pernah"): the article's
# own event is something else (a meeting that looks back on it)
_RECALLED = _cue(
    r"\b(?:bulan|tahun|pekan|minggu) lalu\b|beberapa (?:hari|waktu|pekan|bulan) lalu|\bsilam\b|"
    r"\bpernah\b|\b(?:saat|kala|waktu) itu\b|mengingatkan kembali|(?:peristiwa|kejadian) serupa"
)
# an operation's own field work: patrols, raids, checks
PATROL = _cue(
    r"\bpatroli\b|\brazia\b|\bmerazia\b|\bpenertiban\b|\bmenertibkan\b|\bpenindakan\b|"
    r"\bpemeriksaan\b|\bmenyisir\b|\bpenyekatan\b|\bpos pengamanan\b|\bpos pelayanan\b|"
    r"\bpengaturan lalu lintas\b|\bmenindak\b|\bmengamankan\s+\d"
)
_MOVEMENT = _cue(
    r"pergeseran (?:pasukan|personel|personil)|\bBKO\b|diberangkatkan|memberangkatkan|"
    # personnel sent out to the polling stations: a parade before the vote deploys them
    r"(?:diterjunkan|dikerahkan|disebar|dikirim|digeser)\s+ke\s+(?:\d[\d.]*\s+)?TPS\b"
)
LAUNCH = _cue(
    r"gelar pasukan|apel (?:gelar )?pasukan|apel kesiapan|apel siaga|pembukaan operasi|"
    r"dimulainya operasi"
)
_SECURING = (
    r"pengamanan\s+(?:\d+\s+)?(?:TPS|pemungutan suara|kampanye|(?:rapat\s+)?pleno|"
    r"rekapitulasi)\b"
)
DEPLOY = _cue(
    r"pergeseran (?:pasukan|personel|personil)|\bBKO\b|diberangkatkan|memberangkatkan|"
    r"diterjunkan|menerjunkan|dikirim ke TPS|digeser ke|dikerahkan|mengerahkan|disiagakan|"
    r"menyiagakan|\bmengawal\b|\bdikawal\b|disebar(?:kan)? ke\b|"
    # securing the election's own events (polling stations, a campaign, a count) told
    # as done, not as a topic ("warga menanyakan pengamanan TPS")
    r"\b(?:melaksanakan|memimpin|melakukan|briefing|arahan)\s+"
    + _SECURING
    + r"|"
    + _SECURING
    + r"\s+(?:\w+\s+){0,3}?(?:melibatkan|dilakukan|dijaga)\b|"
    # an escort of the election's logistics: "pengawalan logistik pemilu", "kawal distribusi"
    r"(?:\bpengawalan|\bkawal)\s+(?:\w+\s+){0,2}?(?:logistik|kotak suara|surat suara|"
    r"(?:pen)?distribusi)"
)
OUTREACH = _cue(
    r"sosialisasi|edukasi|penyuluhan|cooling system|patroli dialogis|\bsambang|menyambangi|"
    r"jum'?at curhat|goes to (?:school|campus)|silaturahmi|imbauan|himbauan|deklarasi|"
    r"\bdialog\b|\bFGD\b|door to door|\bpolmas\b|coffee morning|ngopi bareng"
)
ELECTION = _cue(
    r"pemilu|pilkada|pileg|pilpres|kampanye|\bTPS\b|\bKPU\b|bawaslu|pemungutan suara|"
    r"pesta demokrasi|\bcaleg|capres|hoaks|hoax|politik uang|netralitas|rekapitulasi|"
    r"kotak suara|surat suara|\bPPK\b|\bKPPS\b|\bpleno\b|"
    # words only an election gives a meaning: cooling a campaign's tension, new voters
    r"cooling system|pemilih pemula|partai politik|\bparpol\b|calon legislatif|\bpaslon\b|"
    # the elections spelled out, and the regional ones by office
    r"pemilihan (?:umum|kepala daerah|bupati|wali ?kota|gubernur|legislatif|presiden)|"
    r"\bpilbup\b|\bpilwalkot\b|\bpilwako\b|\bpilgub\b|\bcalon (?:bupati|wali ?kota|gubernur)"
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
    r"Ponpes|Posko|Simpang|Bundaran|Terminal|Pelabuhan|Dermaga|Bandara|Gudang|Wisma|Graha|"
    r"Ruang|Lobi|Pantai|Kampung|Dusun|TPS|"
    # an office of a kind, in lower case, before its name: "di depan kantor KPU"
    r"kantor(?=\s+[A-Z]))"
)
_VENUE = re.compile(
    r"\b(?:di|ke|bertempat di|berlokasi di|mendatangi|menyambangi|mengunjungi|mengepung|"
    r"menggeruduk|mengamankan|menjaga|memantau|meninjau)\s+"
    # the people of a place visited: "menyambangi warga Dusun Padang Rantau"
    r"(?:(?:warga|masyarakat)\s+)?(?:(?:depan|sekitar|dalam|area)\s+)?"
    # "di halaman Kantor Bupati": the part of the place in lower case, then its name
    rf"(?P<v>(?:(?:halaman|lapangan|aula|pelataran)\s+)?{_VENUE_HEAD}"
    r"(?:\s+(?:[A-Z0-9][\w.'/-]*|dan\s+(?=[A-Z])))*)"
)
_DISTRICT = re.compile(
    # "Kecamatan Kota Lahat" is a sub-district, not the city
    r"(?<!Wali )(?<!Sispam )(?<!Kecamatan )(?<!Kec\. )(?<!Kelurahan )(?<!Desa )"
    r"\b(?P<kind>Kabupaten|Kab\.|Kota)\s+"
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
    # the passive too: "ban bekas dibakar"
    ("bakar ban", _cue(r"bakar ban|membakar ban|\bban\s+(?:\w+\s+)?dibakar|pembakaran ban")),
    ("Dalmas dikerahkan", _cue(r"\bDalmas\b")),
    ("water cannon", _cue(r"water cannon|\bRaisa\b")),
    ("gas air mata", _cue(r"gas air mata")),
    ("penyanderaan", _cue(r"sandera")),
    (
        "provokator ditangkap",
        _cue(
            r"provokator[^.]{0,80}(?:ditangkap|diamankan|dibekuk)|"
            r"(?:menangkap|mengamankan|membekuk|meringkus)[^.]{0,60}provokator"
        ),
    ),
    ("senjata tajam diamankan", _cue(r"senjata tajam|sajam|parang|celurit|golok")),
    (
        "pembubaran massa",
        _cue(
            r"(?:dipukul|memukul|didorong|mendorong) (?:\w+ )?mundur|dibubarkan|membubarkan|kocar-?kacir"
        ),
    ),
    ("tim kesehatan", _cue(r"tim kesehatan|tim medis|perawatan medis|ambulans|dievakuasi")),
    ("dokumentasi", _cue(r"dokumentasi")),
]

# counts: the word counted, with the number just before it ("420 personel", "85 peserta"),
# or a verb of attendance with the number after it ("diikuti sekitar 200")
_NUMBER = r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)"
_NUMBER_BEFORE = re.compile(_NUMBER + r"\s+(?:orang\s+)?$")
# or in words ("dua ratus personel"), from ten up: "tiga orang provokator" is narration
_WORDS_BEFORE = re.compile(rf"(?<![\w-])(?P<words>{NUMBER_WORDS})\s+(?:orang\s+)?$", re.I)
_TENS_OR_MORE = re.compile(
    r"(?:puluh|belas|sepuluh|sebelas|ratus|ribu)\s+(?:\w+\s+)?(?:orang\s+)?$", re.I
)
_LEAST_IN_WORDS = 10
_PERSONNEL = re.compile(r"\b(?:personel|personil|pasukan|prajurit)\b", re.I)
_AUDIENCE_WORD = re.compile(
    r"\b(?:peserta|warga|siswa|pelajar|mahasiswa|jemaah|jamaah|pemilih pemula|tokoh|santri|"
    r"pemuda|pengemudi|nelayan|pedagang|orang|kepala desa|kades|perangkat desa|ulama|guru|"
    r"petani|kader|relawan|jemaat|umat|remaja|ibu-ibu|pengurus|aparatur sipil negara|ASN)\b",
    re.I,
)
_ATTENDED = re.compile(
    r"\b(?:diikuti|dihadiri)\s+(?:oleh\s+)?(?:sekitar|kurang lebih|lebih dari|±|sebanyak)?\s*"
    + _NUMBER,
    re.I,
)
# the count after the word: "personel gabungan sebanyak 300 orang"
_PERSONNEL_THEN_NUMBER = re.compile(
    r"\b(?:personel|personil|pasukan|prajurit)\b(?:\s+(?:gabungan|TNI|Polri|TNI-Polri)){0,3}"
    # "personel yang dikerahkan sebanyak 12 orang"
    r"(?:\s+yang\s+(?:di|ter)\w+)?"
    r"\s+(?:sebanyak|berjumlah|sejumlah)\s+(?:sekitar\s+|kurang lebih\s+|±\s*)?"
    + _NUMBER
    + r"(?:\s+(?:orang|personel|personil))?\b",
    re.I,
)
_TIMESTAMP = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)\b")


@dataclass
class _Sentence:
    pos: int
    text: str


def extract(
    item: RawItem,
    *,
    operations: Sequence[KnownOperation] | None = None,
    today: date | None = None,
) -> NewsFacts:
    """Propose the facts of one news item.

    ``operations`` are the store's operations (see :mod:`adapters.news.operations`): an
    operation is recognised in the text by their names and linked only when the day
    falls in its period. Without them, national operations are named, never dated.
    ``today`` completes a day/month when nothing in the item gives the year.
    """
    cleaned = clean_article(item.text)
    body = cleaned.body
    sentences = _sentences(body)
    flags: list[flag.NewsFlag] = []

    title = item.title or _lead_title(cleaned.lead_lines)
    published = (
        parse_published(item.published) or _lead_published(cleaned.lead_lines) or cleaned.stamp
    )
    matcher = _matcher(tuple(operations) if operations is not None else None)
    # read in the title and the body; positions are the body's (negative: the title)
    offset = len(title or "") + 1
    op_mentions = [
        replace(m, pos=m.pos - offset) for m in matcher.mentions(f"{title or ''}\n{body}")
    ]
    periods = [
        (m.operation.start, m.operation.end)
        for m in op_mentions
        if isinstance(m.operation, KnownOperation) and m.operation.start and m.operation.end
    ]
    # the weekday settles a year only near some year: the text's, else the day of reading
    years = YearContext.of(f"{title or ''}\n{body}", published, periods, today)
    years.reading_day = today or date.today()
    ref, ref_label = (published, "publication date") if published else (today, "today")
    mentions = find_dates(body, ref, ref_label, years)
    stated_days, stated_period, period_mention = _stated_duration(mentions, sentences, flags)

    tracked = [m for m in op_mentions if _is_tracked(m, matcher)]
    seasonal = [m for m in op_mentions if not _is_tracked(m, matcher)]
    # only an operation the text names makes its field work the unit's; a theme alone
    # (an election word) dates an item into an operation but makes nothing an activity
    category, category_evidence, reveal_pos = _categorise(
        title, sentences, bool(tracked), bool(seasonal) and not tracked
    )
    occurred = _occurred_on(mentions, sentences, published, period_mention, category)
    occurred_on: date | None = None
    precision = None
    date_evidence = None
    if occurred:
        occurred_on = occurred.start
        precision = _precision(occurred)
        date_evidence = _sentence_at(sentences, occurred.pos)
        flags.extend(occurred.notes)

    if occurred_on and tracked and all(_outside(m, occurred_on) for m in tracked):
        # the store holds another edition of the operation named (Ketupat 2024, the
        # text's Ketupat 2023): the item is about an operation the unit does not track
        category, category_evidence, reveal_pos = _categorise(title, sentences, False, True)
    text = f"{title or ''}\n{body}"
    operation, operation_pos = _operation(
        tracked, op_mentions, matcher, text, offset, category, occurred_on, flags
    )

    venue, setting, venue_pos = _places(sentences, category, reveal_pos)
    units_found = units_at(body)
    units = [unit for unit, _ in units_found]
    people = find_people(body, places=place_words(body, [cleaned.dateline_town or ""]))
    quotes = find_quotes([(s.pos, s.text) for s in sentences], people)
    # no unit named as such: the one a chief named leads it ("Kapolsek Sukajaya Iptu X
    # menggelar …" is Polsek Sukajaya's), so reports of one activity find each other
    units_pos = units_found[0][1] if units_found else -1
    chiefs = _units_of_chiefs(people)
    units = _sat_units_of_the_chief_s_polres(units, chiefs[0])
    region, region_pos = _region(venue, units, chiefs, body, operation, cleaned.dateline_town)
    if not units:
        units, units_pos = chiefs
    index = sentences.cues
    personnel_after = [
        (int(m["n"].replace(".", "")), m.start("n")) for m in index.finditer(_PERSONNEL_THEN_NUMBER)
    ]
    personnel_counts = _counted(index, body, _PERSONNEL) + personnel_after
    personnel, personnel_pos = _largest(personnel_counts)
    # a roster of units with no total written: the personnel are its sum
    roster = _roster_total(body)
    if roster and (personnel is None or roster[0] > personnel):
        personnel, personnel_pos = roster
    totals = _stated_totals(sentences, personnel_counts)
    if len(totals) > 1:
        flags.append(flag.personnel_conflict(totals))
    # "personel sebanyak 300 orang": those 300 "orang" are the personnel, not an audience
    of_personnel = {pos for _, pos in personnel_after}
    audience, audience_pos = (
        _largest(
            [
                (n, pos)
                for n, pos in _counted(index, body, _AUDIENCE_WORD)
                + [(int(m["n"].replace(".", "")), m.start("n")) for m in index.finditer(_ATTENDED)]
                if pos not in of_personnel
            ]
        )
        if category == "outreach"
        else (None, -1)
    )

    evidence: dict[str, str | None] = {
        "category": category_evidence,
        "occurred_on": date_evidence,
    }

    def cite(key: str, value: object, pos: int) -> None:
        if value and pos >= 0:
            evidence[key] = _sentence_at(sentences, pos)

    # every proposed fact keeps the sentence it was read from
    if operation and operation_pos < 0 and operation_pos > -(10**9):
        evidence["operation"] = title
    cite("operation", operation, operation_pos)
    cite("venue", venue, venue_pos)
    cite("region", region, region_pos)
    cite("units", units, units_pos)
    cite("personnel", personnel, personnel_pos)
    cite("audience_size", audience, audience_pos)
    cite("people", people, people[0].pos if people else -1)
    cite("quotes", quotes, body.find(quotes[0].text) if quotes else -1)

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
        stakeholders=sorted({label for label, cue in STAKEHOLDERS if index.search(cue)}),
        personnel=personnel,
        audience_size=audience,
        messages=[code for code, cue in MESSAGES if index.search(cue)],
        quotes=[q.as_json() for q in quotes],
        flags=flags,
        evidence=evidence,
        body=body,
        dateline=cleaned.dateline_town,
        content_hash=item.content_hash,
        stated_days=stated_days,
        stated_period=stated_period,
        removed_noise=cleaned.removed,
    )


@lru_cache(maxsize=8)
def _matcher(operations: tuple[KnownOperation, ...] | None) -> OperationMatcher:
    """One matcher per list of operations: a run of ingest builds its patterns once."""
    return OperationMatcher(known_operations(operations) if operations is not None else None)


def _is_tracked(mention: OperationMention, matcher: OperationMatcher) -> bool:
    """An operation the unit tracks: one the store holds or, with no store given, an
    election operation named in the text."""
    if isinstance(mention.operation, KnownOperation):
        return True
    return mention.operation.election


def _themes(
    matcher: OperationMatcher, body: str
) -> list[tuple[KnownOperation | NationalOperation, int]]:
    """Operations an untitled item may belong to by its theme (an election item to the
    election operation), with how often the theme is spoken of."""
    found = []
    low = body.lower()
    candidates: list[KnownOperation | NationalOperation] = list(matcher.tracked)
    if not matcher.tracked:
        candidates = [n for n in NATIONAL_OPERATIONS if n.election]
    for op in candidates:
        national = national_of(op)
        if national and national.theme:
            hits = len(finditer_anchored(lowered(national.theme), low))
            if hits:
                found.append((op, hits))
    return found


class _Sentences(list[_Sentence]):
    """The body's sentences, with an index that runs each cue once over the body."""

    cues: SentenceIndex


def _sentences(body: str) -> _Sentences:
    out = _Sentences()
    cursor = 0
    for text in split_sentences(body):
        pos = body.find(text, cursor)
        out.append(_Sentence(pos, text))
        cursor = pos + len(text)
    out.cues = SentenceIndex(body, [s.pos for s in out])
    return out


def _sentence_at(sentences: _Sentences, pos: int) -> str | None:
    """The sentence holding ``pos`` (a binary search: long pages have many sentences)."""
    i = bisect_right(sentences.cues.starts, pos) - 1
    return sentences[i].text if i >= 0 else None


def _lead_title(lead: list[str]) -> str | None:
    after_ticker = False
    for line in lead:
        # a site's ticker ("TERKINI", "Trending: …") shows another story's headline
        ticker = _TICKER.match(line)
        if ticker:
            # the label alone on its line: the headline is on the next one
            after_ticker = not line[ticker.end() :].strip()
            continue
        if after_ticker:
            after_ticker = False
            continue
        if _BREADCRUMB.search(line):
            continue
        if not find_dates(line, None) and len(line.split()) >= 3:
            return line
    return None


# a site's path to the page: "Home » Berita » Daerah", "Beranda / Hukum"
_BREADCRUMB = re.compile(r"^(?:home|beranda)\s*(?:[»›>/|]|$)|\s[»›>]\s", re.I)
_TICKER = re.compile(
    r"(?:berita\s+)?(?:terkini|terbaru|trending(?:\s+topic)?|(?:ter)?populer|breaking\s+news"
    r"|hot\s+news|headlines?|news\s+update)\s*(?:[:|»\-–—]\s*|$)",
    re.I,
)


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
    mentions: list[DateMention], sentences: _Sentences, flags: list[flag.NewsFlag]
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
            flags.append(flag.duration_conflict(days, period[0], period[1], span))
    return days, period, period_mention


def _hits(pattern: re.Pattern[str], sentences: list[_Sentence]) -> list[_Sentence]:
    if isinstance(sentences, _Sentences):
        return [sentences[i] for i in sentences.cues.sentences(pattern)]
    return [s for s in sentences if pattern.search(s.text)]


def _real(pattern: re.Pattern[str], text: str) -> bool:
    """The text reports the thing as having happened: not a risk to prevent, an appeal,
    a plan or a denial ("mengantisipasi unjuk rasa", "tanpa kericuhan", "akan berdemo")."""
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 45) : m.start()]
        after = text[m.end() : m.end() + 30]
        if not (_HYPOTHETICAL.search(before) or _PLANNED_AFTER.match(after)):
            return True
    return False


def _categorise(
    title: str | None,
    sentences: list[_Sentence],
    operation_context: bool,
    other_operation: bool,
) -> tuple[str, str | None, int]:
    """Category, the sentence that decided it, and the position of a drill reveal.

    The main event decides (title, lead, the reveal); the police's presence is context:
    a protest secured by 150 personnel is a protest."""
    title = title or ""
    sports = _hits(SPORTS, sentences)
    if len(sports) + (2 if SPORTS.search(title) else 0) >= 3:
        return "unrelated", sports[0].text if sports else title, -1
    drugs = _hits(DRUG, sentences)
    if len(drugs) >= 2:
        return "unrelated", drugs[0].text, -1

    riots = _hits(RIOT, sentences)
    elections = _hits(ELECTION, sentences)

    # a drill mentioned as background ("sebelumnya telah menggelar simulasi") is not the
    # event, whatever the item reports (a clash, a parade); a reveal ("ternyata …
    # simulasi") always is, and a drill report in the past tense stays a drill
    def drill_told(s: _Sentence) -> bool:
        return bool(_REVEAL.search(s.text)) or not _BACKGROUND.search(s.text)

    strong = [s for s in _hits(DRILL_STRONG, sentences) if drill_told(s)]
    weak = [
        s for s in _hits(DRILL_WEAK, sentences)
        if (len(riots) >= 2 or ELECTION.search(s.text)) and drill_told(s)
    ]  # fmt: skip
    drill = strong or weak
    # a clash told from the first sentence is the event unless the narration names or
    # reveals a drill: "skenario pengamanan" in a quote is the police's plan, not a drill
    opening = sentences[0] if sentences else None
    if (
        opening
        and opening not in drill
        and opening in riots
        and _real(RIOT, opening.text)
        and not (DRILL_STRONG.search(title) or DRILL_WEAK.search(title))
    ):
        drill = [s for s in drill if _drill_narrated(s.text)]
    launches = _hits(LAUNCH, sentences)
    has_context = operation_context or bool(elections)
    # a drill rehearses election security or a tracked operation (a city security drill
    # always does): a flood drill, or the drill of an operation not tracked, is not one
    drill_context = (has_context or bool(_hits(_CITY_DRILL, sentences))) and not other_operation
    if (drill or DRILL_STRONG.search(title)) and drill_context:
        reveal = drill[0] if drill else sentences[0]
        riot_before = [s for s in riots if s.pos <= reveal.pos]
        drill_score = len({s.pos for s in drill}) + len(riot_before)
        drill_score += 3 if DRILL_WEAK.search(title) or DRILL_STRONG.search(title) else 0
        launch_score = len(launches) + (3 if LAUNCH.search(title) else 0)
        # a tie goes to the parade when the lead tells it and not the drill ("apel gelar
        # pasukan …; usai apel, peragaan singkat …"): the drill is part of its programme
        parade_first = bool(opening and opening in launches and opening not in drill)
        if drill_score > launch_score or (drill_score == launch_score and not parade_first):
            return "simulation", reveal.text, reveal.pos

    # the main event: a protest, clash or attack told in the title or the lead
    lead = sentences[:2]
    real_riots = [s for s in riots if _real(RIOT, s.text)]
    attacks = [s for s in _hits(ATTACK, sentences) if _real(ATTACK, s.text)]
    lead_riot = [s for s in lead if s in real_riots]
    lead_attack = [s for s in lead if s in attacks] if has_context else []
    title_event = _real(RIOT, title) or (has_context and _real(ATTACK, title))
    if lead_riot or lead_attack or title_event:
        decided = (lead_riot or lead_attack or real_riots or attacks or sentences)[0]
        return "incident", decided.text, -1
    # told further down, a clash reported in two sentences or more is still the event:
    # the deployment sentence above it says who was there, not what happened
    outreach = _hits(OUTREACH, sentences)
    disorder = [
        s for s in real_riots + (attacks if has_context else []) if not _RECALLED.search(s.text)
    ]
    if len({s.pos for s in disorder}) >= 2 and len(disorder) >= len(outreach):
        return "incident", min(disorder, key=lambda s: s.pos).text, -1

    if other_operation:
        untracked = _hits(UNTRACKED_OPERATION_RE, sentences)
        if untracked or UNTRACKED_OPERATION_RE.search(title):
            return "unrelated", untracked[0].text if untracked else title, -1

    # personnel "yang akan dikerahkan" at a meeting are a plan, not a deployment
    deploys = [s for s in _hits(DEPLOY, sentences) if _real(DEPLOY, s.text)]
    head = " ".join([title, *(s.text for s in lead)])
    # a parade opening the operation named in the title or lead is its launch, however
    # many sentences then tell where the personnel stand; a troop movement is not
    moving = bool(_MOVEMENT.search(head))
    launch_first = bool(LAUNCH.search(head)) and not moving
    if (
        deploys
        and has_context
        and not launch_first
        and (len(deploys) >= len(launches) or moving)
        and not _outreach_first(title, lead, outreach, deploys)
    ):
        return "deployment", deploys[0].text, -1
    if (launches or LAUNCH.search(title)) and has_context:
        return "operation_launch", launches[0].text if launches else title, -1
    if outreach and has_context:
        return "outreach", outreach[0].text, -1
    # an operation's own field work (patrols, raids) with no ceremony
    patrols = _hits(PATROL, sentences)
    if patrols and operation_context:
        return "deployment", patrols[0].text, -1
    return "unrelated", None, -1


def _outreach_first(
    title: str, lead: list[_Sentence], outreach: list[_Sentence], deploys: list[_Sentence]
) -> bool:
    """An outreach told in the title or lead, with no deployment there: personnel
    "disiagakan" further down (a press conference after it, a plan) are another matter."""
    if any(s in deploys for s in lead) or DEPLOY.search(title):
        return False
    return any(s in outreach for s in lead) or bool(OUTREACH.search(title))


def _drill_narrated(sentence: str) -> bool:
    narration = _SPEECH.sub(" ", sentence)
    return bool(_REVEAL.search(narration) or _DRILL_NAMED.search(narration))


# the most a date mention can score in _occurred_on: a weekday or bracket, in the lead,
# in a sentence with an activity verb; past the lead it loses the lead's 2
_BEST_SCORE = 3 + 2 + 2
_BEST_AFTER_LEAD = _BEST_SCORE - 2


def _occurred_on(
    mentions: list[DateMention],
    sentences: _Sentences,
    published: date | None,
    period: DateMention | None,
    category: str,
) -> DateMention | None:
    """The mention that dates the activity: the classic "Hari (dd/mm/yyyy)" near the lead,
    in a sentence that reports the activity, and not in the future of the publication."""
    best: tuple[float, DateMention] | None = None
    lead_end = sentences[1].pos + len(sentences[1].text) if len(sentences) > 1 else 10**9
    # which sentences speak of a period, an activity or the future: one pass each
    cues = sentences.cues

    def says(cue: re.Pattern[str], sentence: str, pos: int) -> bool:
        return bisect_right(cues.starts, pos) - 1 in cues.sentence_set(cue)

    for mention in mentions:  # in the order of the text
        if best and best[0] >= (_BEST_SCORE if mention.pos <= lead_end else _BEST_AFTER_LEAD):
            break  # no later mention can score higher (a tie keeps the earlier one)
        if mention is period or (published and mention.start > published):
            continue
        sentence = _sentence_at(sentences, mention.pos) or ""
        if mention.end and says(_PERIOD_CONTEXT, sentence, mention.pos) and category != "unrelated":
            continue
        score = 0.0
        if mention.weekday is not None or mention.text.strip().endswith(")"):
            score += 3
        if mention.pos <= lead_end:
            score += 2
        if says(_ACTIVITY_VERB, sentence, mention.pos):
            score += 2
        if says(_FUTURE, sentence, mention.pos):
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
    tracked: list[OperationMention],
    mentions: list[OperationMention],
    matcher: OperationMatcher,
    text: str,
    offset: int,
    category: str,
    occurred: date | None,
    flags: list[flag.NewsFlag],
) -> tuple[dict[str, str | None] | None, int]:
    """The operation and where the text says so: named in the text (the store's, chosen
    by the day, else by the years written), or implied by its theme when the day falls in
    its period. An unrelated item gets none."""
    if category == "unrelated":
        return None, -1
    if tracked:
        candidates = _by_day(tracked, occurred)
        mention = candidates[0]
        op = mention.operation
        # the fullest regional name: the lead's "… Nala 2023-2024" over the title's "… Nala"
        regional = max(
            (m.text for m in mentions if m.operation is op and m.regional), key=len, default=None
        )
        if isinstance(op, KnownOperation):
            if occurred and op.start and op.end and not _within(op, occurred, flags):
                return None, -1
            return {"name": op.name, "slug": op.slug, "regional_name": regional}, mention.pos
        return {"name": op.name, "slug": None, "regional_name": regional}, mention.pos
    if occurred is None:
        return None, -1
    # a drill, parade or deployment shortly before the start is the operation's preparation
    lead = timedelta(days=PREPARATION_DAYS if category in PREPARATION_CATEGORIES else 0)
    # the themes are counted only here: most items name their operation
    dated = [
        (op, hits) for op, hits in _themes(matcher, text)
        if isinstance(op, KnownOperation) and op.start and op.end
        and op.start - lead <= occurred <= op.end
    ]  # fmt: skip
    if not dated:
        return None, -1
    # two themes in an overlapping period: the one the item talks about more
    op = max(dated, key=lambda pair: pair[1])[0]
    assert isinstance(op, KnownOperation) and op.start
    if occurred < op.start:
        _within(op, occurred, flags)  # flagged as before the start
    national = national_of(op)
    # where the body speaks of the theme, else the title (a negative position)
    theme = national.theme.search(text, offset) if national and national.theme else None
    if theme is None and national and national.theme and national.theme.search(text[:offset]):
        return {"name": op.name, "slug": op.slug, "regional_name": None}, -1  # the title
    pos = theme.start() - offset if theme else -(10**9)
    return {"name": op.name, "slug": op.slug, "regional_name": None}, pos


def _outside(mention: OperationMention, day: date) -> bool:
    op = mention.operation
    if not isinstance(op, KnownOperation) or not (op.start and op.end):
        return False
    return not op.start - timedelta(days=PREPARATION_DAYS) <= day <= op.end


def _by_day(tracked: list[OperationMention], occurred: date | None) -> list[OperationMention]:
    """Mentions ordered by how well their operation fits: its period holds the day (or
    the preparation before it), then the years written with it, then order of mention."""

    def fit(m: OperationMention) -> tuple[int, int, int]:
        op = m.operation
        if not isinstance(op, KnownOperation) or not (op.start and op.end):
            return (1, 1, m.pos)
        inside = 1
        if occurred:
            prepared = op.start - timedelta(days=PREPARATION_DAYS)
            inside = 0 if prepared <= occurred <= op.end else 1
        written = 0 if not m.years or any(op.start.year <= y <= op.end.year for y in m.years) else 1
        return (inside, written, m.pos)

    return sorted(tracked, key=fit)


def _within(op: KnownOperation, occurred: date, flags: list[flag.NewsFlag]) -> bool:
    """Named operations accept the opening parade or drill held up to two weeks before
    the start (preparation); anything earlier or after the end is another activity."""
    assert op.start and op.end
    if occurred < op.start:
        lead = (op.start - occurred).days
        if lead <= PREPARATION_DAYS:
            flags.append(flag.before_operation_start(occurred, lead, op.name, op.start))
            return True
        flags.append(flag.outside_operation_before(occurred, op.name, op.start))
        return False
    if occurred > op.end:
        flags.append(flag.outside_operation_after(occurred, op.name, op.end))
        return False
    return True


_CHIEF = re.compile(r"^(?:Wa)?Ka(?P<unit>pol(?:da|restabes|resta|res|sekta|sek))\s+(?P<name>.+)$")


_COMMAND_NAMED = re.compile(r"\bPol(?:da|res|sek)", re.I)


def _sat_units_of_the_chief_s_polres(units: list[str], chiefs: list[str]) -> list[str]:
    """Sat-units named alone, in an item that names one Polres only through its chief
    ("Kapolres X mengatakan personel Sat Samapta diterjunkan"), are that Polres's."""
    polres = [c for c in chiefs if c.lower().startswith("polres")]
    if len(polres) != 1 or any(_COMMAND_NAMED.search(u) for u in units):
        return units
    return [f"{u} {polres[0]}" if is_bare_sat_unit(u) else u for u in units]


def _units_of_chiefs(people: list[Person]) -> tuple[list[str], int]:
    """The commands whose chiefs the item names, in order: "Kapolres Lahat" → "Polres
    Lahat" (a deputy, "Wakapolres", speaks for the same command); and where the first
    chief is named."""
    units: dict[str, str] = {}
    first = -1
    for person in people:
        m = _CHIEF.match(person.role or "")
        if m:
            unit = f"{m['unit'].capitalize()} {m['name']}"
            units.setdefault(unit.lower(), unit)
            first = person.pos if first < 0 else first
    return list(units.values()), first


def _clean_place(place: str) -> str:
    place = re.sub(r"\s+(?:dan|Jl\.)$", "", " ".join(place.split()))
    return place.rstrip(".,")


# quoted speech (a word in scare quotes, dua "korban", is the narrative's own)
_SPEECH = re.compile(r"[\"“”][^\"“”]{12,}[\"“”]")
_SCENARIO_CUE = _cue(r"skenario|seolah|seakan|diperagakan|memperagakan|menggambarkan|adegan")
# the place a drill pretends to be: an office or polling station, not a parade ground
_SCENARIO_PLACE = re.compile(
    r"^(?!Halaman|Lapangan|Alun|Mapol|Mako).*(?:KPU|Bawaslu|TPS|PPK|DPRD|Kantor)"
)


def _places(
    sentences: list[_Sentence], category: str, reveal_pos: int
) -> tuple[str | None, str | None, int]:
    """Venue (where it really happened) and, for drills, the place the scenario plays:
    an election office or polling station named in the narrative before the reveal or in
    a sentence that describes the scenario. Last: where the venue was read."""
    venue = None
    venue_pos = -1
    setting = None
    for s in sentences:
        in_scenario = category == "simulation" and (
            s.pos < reveal_pos or (s.pos > reveal_pos and _SCENARIO_CUE.search(s.text))
        )
        quoted = [q.span() for q in _SPEECH.finditer(s.text)]
        for m in _VENUE.finditer(s.text):
            if any(start <= m.start() < end for start, end in quoted):
                continue  # "… datang ke TPS," says a speaker: a wish, not where it was
            place = _clean_place(m["v"])
            if in_scenario and _SCENARIO_PLACE.match(place):
                setting = setting or place
            elif place.startswith("kantor"):
                continue  # "ke kantor PPK": any office of a kind, a scenario's place at most
            elif venue is None:
                venue, venue_pos = place, s.pos
        if venue and (setting or category != "simulation"):
            break
    return venue, setting, venue_pos


_POLRES_OF = re.compile(r"\bPolres\w*\s+(?P<district>.+)")


def _region(
    venue: str | None,
    units: list[str],
    chiefs: tuple[list[str], int],
    body: str,
    operation: dict[str, str | None] | None,
    dateline_town: str | None,
) -> tuple[dict[str, str | None] | None, int]:
    """District and province, and where the district was read. The dateline's town is
    the last hint: it names where the report was filed, not always where it happened,
    so the command a chief leads ("Kapolres X") comes before it."""
    district = None
    pos = -1
    for text in (venue or "", body):
        for m in _DISTRICT.finditer(text):
            # "Polsek Danau Tiga Kota AKP X": the word Kota ends a unit name here
            name = " ".join(w for w in m["name"].split() if not w.isupper() or len(w) <= 3)
            name = re.split(r"\s+(?:AKBP|AKP|Kompol|Iptu|Ipda|Aiptu|Aipda)\b", f" {name}")[0]
            if name.strip():
                kind = "Kabupaten" if m["kind"].startswith("Kab") else "Kota"
                district = f"{kind} {name.strip()}"
                pos = body.find(m.group(0))
                break
        if district:
            break
    # a Polres names its district, also when a sub-unit leads ("Sat Binmas Polres X")
    polres = [found for u in units if (found := _POLRES_OF.search(u))]
    if polres and (district is None or not _DISTRICT.search(venue or "")):
        district = polres[0]["district"]
        pos = body.find(polres[0].group(0))
    chief_polres = [found for u in chiefs[0] if (found := _POLRES_OF.search(u))]
    if district is None and chief_polres:
        district, pos = chief_polres[0]["district"], chiefs[1]
    # a Polda's item reports a province: a dateline town the body never names is the
    # outlet's desk ("Jakarta"), not where the Polda stands ("BENGKULU - Polda Bengkulu")
    desk = (
        dateline_town is not None
        and any(u.startswith("Polda ") for u in units)
        and dateline_town.lower() not in body.lower()
    )
    if district is None and dateline_town and not desk:
        district = dateline_town
        pos = 0
    province = None
    for m in re.finditer(r"\bPolda\s+(?P<name>Metro Jaya|Papua Barat|[A-Z][A-Za-z]+)", body):
        province = POLDA_PROVINCES.get(m["name"].lower())
        if province:
            pos = m.start() if pos < 0 else pos
            break
    low = body.lower()
    if province is None:
        for name in PROVINCE_NAMES:
            if name.lower() not in low:
                continue
            found = re.search(rf"\b(?:Provinsi\s+)?{re.escape(name)}\b", body)
            if found:
                province = name
                pos = found.start() if pos < 0 else pos
                break
    if province is None and operation and operation.get("regional_name"):
        regional = operation["regional_name"] or ""
        for suffix, name in _REGIONAL_SUFFIX_PROVINCE.items():
            if re.search(rf"\b{suffix}\b", regional, re.I):
                province = name
    if district is None and province is None:
        return None, -1
    return {"district": district, "province": province}, pos


def _scenario_steps(sentences: list[_Sentence]) -> list[str]:
    """Steps of the drill in narrative order; quoted speech is left out (a word in
    quotation marks, dua "korban", is the narrative's)."""
    text = " ".join(_SPEECH.sub(" ", s.text) for s in sentences)
    found = []
    for label, cue in SCENARIO_STEPS:
        m = cue.search(text)
        if m:
            found.append((m.start(), label))
    return [label for _, label in sorted(found)]


def _counted(index: SentenceIndex, body: str, word: re.Pattern[str]) -> list[tuple[int, int]]:
    """Numbers written just before a counted word: (value, position of the number)."""
    found = []
    for m in index.finditer(word):
        number = _NUMBER_BEFORE.search(body, max(0, m.start() - 24), m.start())
        if number:
            found.append((int(number["n"].replace(".", "")), number.start()))
            continue
        # a word of tens or more just before: only then is the longer reading worth it
        if not _TENS_OR_MORE.search(body, max(0, m.start() - 24), m.start()):
            continue
        words = _WORDS_BEFORE.search(body, max(0, m.start() - 48), m.start())
        if words and (value := words_to_number(words["words"])) and value >= _LEAST_IN_WORDS:
            found.append((value, words.start()))
    return found


# a count stated as the whole: personnel involved, with no part of them named beside it
_INVOLVED = _cue(
    r"melibatkan|dilibatkan|diikuti|menerjunkan|diterjunkan|mengerahkan|dikerahkan|"
    r"menurunkan|diturunkan"
)
_PART = _cue(r"\bBKO\b|dibantu|terdiri|masing-masing|di antaranya|sisanya|tambahan|\bdari\b")


def _stated_totals(sentences: _Sentences, counts: list[tuple[int, int]]) -> list[int]:
    """The different totals of personnel the item states, each alone in a sentence
    that involves them ("melibatkan 275 personel", "300 personel dilibatkan"): two are a
    conflict between sources, which the largest count does not settle."""
    by_sentence: dict[str, list[int]] = {}
    for value, pos in counts:
        sentence = _sentence_at(sentences, pos)
        if sentence is not None:
            by_sentence.setdefault(sentence, []).append(value)
    totals = {
        values[0]
        for sentence, values in by_sentence.items()
        if len(values) == 1 and _INVOLVED.search(sentence) and not _PART.search(sentence)
    }
    return sorted(totals)


# a line of a roster: a unit and its count, alone ("Kodim 0412 50 personel")
_ROSTER_LINE = re.compile(
    r"^[ \t]*[-•*]?[ \t]*[A-Z][^\n\d]{1,40}?(?:[ \t]+\d{1,5})?[ \t]*[:=]?[ \t]+"
    r"(?P<n>\d{1,5})[ \t]+(?:personel|personil|orang|anggota)[ \t]*[.;,]?[ \t]*$",
    re.M | re.I,
)


# where a roster line can end: a count at the end of its line (the engine skips to digits)
_COUNT_ENDS_LINE = re.compile(
    r"\d{1,5}[ \t]+(?:personel|personil|orang|anggota)[ \t]*[.;,]?[ \t]*$", re.M | re.I
)


def _roster_lines(body: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    for end in _COUNT_ENDS_LINE.finditer(body):
        line_start = body.rfind("\n", 0, end.start()) + 1
        m = _ROSTER_LINE.match(body, line_start)
        if m and (not found or found[-1].start() != m.start()):
            found.append(m)
    return found


def _roster_total(body: str) -> tuple[int, int] | None:
    """The sum of the longest roster, two lines or more in a row, and where it begins."""
    if "\n" not in body:
        return None
    best: tuple[int, int] | None = None
    run: list[re.Match[str]] = []
    for m in [*_roster_lines(body), None]:
        if m is not None and run and body.count("\n", run[-1].end(), m.start()) == 1:
            run.append(m)
            continue
        if len(run) >= 2 and (best is None or sum(int(r["n"]) for r in run) > best[0]):
            best = (sum(int(r["n"]) for r in run), run[0].start("n"))
        run = [m] if m is not None else []
    return best


def _largest(counts: list[tuple[int, int]]) -> tuple[int | None, int]:
    """The largest stated count (a total is never smaller than its parts) and where."""
    best: tuple[int | None, int] = (None, -1)
    for value, pos in counts:
        if best[0] is None or value > best[0]:
            best = (value, pos)
    return best
