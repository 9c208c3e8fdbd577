"""Word lists and patterns for Indonesian police news (kosakata berita Humas).

Everything the extractor recognises by name lives here, so that a new rank, stakeholder
or operation is one line in one place.
"""

import re
from dataclasses import dataclass
from datetime import date

# --- months and weekdays -------------------------------------------------------------

MONTHS: dict[str, int] = {
    # Indonesian, full and abbreviated
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agust": 8, "ags": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12,
    # English, as some portals print them
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES_ID = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
]  # fmt: skip

# date.weekday() index for each spelling
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
WEEKDAY_NAMES_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))

# --- ranks and academic titles ---------------------------------------------------------

# spelled-out and variant forms -> canonical abbreviation
RANKS: dict[str, str] = {
    "jenderal polisi": "Jenderal Pol", "jenderal pol": "Jenderal Pol", "komjen pol": "Komjen Pol",
    "komjen": "Komjen Pol", "irjen pol": "Irjen Pol", "irjen": "Irjen Pol",
    "brigjen pol": "Brigjen Pol", "brigjen": "Brigjen Pol", "kombes pol": "Kombes Pol",
    "kombes": "Kombes Pol", "komisaris besar polisi": "Kombes Pol",
    "ajun komisaris besar polisi": "AKBP", "akbp": "AKBP", "komisaris polisi": "Kompol",
    "kompol": "Kompol", "ajun komisaris polisi": "AKP", "akp": "AKP",
    "inspektur polisi satu": "Iptu", "iptu": "Iptu", "inspektur polisi dua": "Ipda",
    "ipda": "Ipda", "aiptu": "Aiptu", "aipda": "Aipda", "bripka": "Bripka",
    "brigpol": "Brigpol", "brigadir polisi": "Brigpol", "brigadir": "Brigpol",
    "briptu": "Briptu", "bripda": "Bripda",
    # armed forces officers appear next to the police in joint events
    "letkol inf": "Letkol Inf", "letkol": "Letkol", "kolonel inf": "Kolonel Inf",
    "kolonel": "Kolonel", "mayor inf": "Mayor Inf", "mayor": "Mayor", "kapten inf": "Kapten Inf",
    "kapten": "Kapten", "letjen tni": "Letjen TNI", "letjen": "Letjen TNI",
    "mayjen tni": "Mayjen TNI", "mayjen": "Mayjen TNI", "brigjen tni": "Brigjen TNI",
    "lettu": "Lettu", "letda": "Letda", "peltu": "Peltu", "pelda": "Pelda", "serma": "Serma",
    "serka": "Serka", "sertu": "Sertu", "serda": "Serda", "kopka": "Kopka", "koptu": "Koptu",
    "kopda": "Kopda", "praka": "Praka", "pratu": "Pratu",
}  # fmt: skip
RANK_RE = (
    r"(?<![\w])(?:"
    + "|".join(re.escape(r).replace(r"\ ", r"\.?\s+") for r in sorted(RANKS, key=len, reverse=True))
    + r")\.?(?![\w])"
)

# titles written before a name
# religious honorifics (KH, Pdt.) are written before a name as academic titles are
PREFIX_TITLES = {
    "ir.", "h.", "hj.", "dr.", "drs.", "dra.", "prof.", "kh.", "k.h.", "kh", "ust.", "hj",
    "pdt.", "pdt",
}  # fmt: skip

# --- roles -------------------------------------------------------------------------

ROLE_WORDS = (
    r"Kapolri|Wakapolri|Kapolda|Wakapolda|Kapolrestabes|Kapolresta|Kapolres|Wakapolres|"
    r"Kapolsek|Kapolsekta|Wakapolsek|Dir(?:binmas|samapta|lantas|intelkam|reskrim\w*|"
    r"resnarkoba|polairud)|Karo\s?(?:Ops|SDM|Logistik)|Pangdam|Kabag\s?Ops|Kabag\s?Ren|Karendalops|Kabid\s?Humas|"
    r"Kasi\s?Humas|Kasie\s?Humas|Ps\.?\s?Kasi\s?Humas|Kasubsi\s?Penmas|Paur\s?Humas|"
    r"Kasat\s?[A-Z][a-z]+|Kanit\s?[A-Z][a-z]+|Bhabinkamtibmas|Danramil|Dandim|Danrem|"
    r"Wakil\s+Bupati|Bupati|Wakil\s+Wali\s?[Kk]ota|Wali\s?[Kk]ota|Gubernur|Pj\.?\s+Bupati|"
    r"Sekda|Camat|Kepala\s+Desa|Kades|Lurah|Kajari|Kepala\s+Kejaksaan\s+Negeri|"
    r"Ketua\s+KPU|Ketua\s+Bawaslu|Ketua\s+DPRD|Ketua\s+FKUB|Ketua|Kepala\s+Sekolah|Rektor"
)

# --- units -------------------------------------------------------------------------

# commands (Polda, Polres, Polsek) and their sub-units (Sat …, Brimob, Si Humas)
# the longer name first: "Polresta" would stop short inside "Polrestabes"
COMMAND_RE = r"(?:Polda|Polrestabes|Polresta|Polres|Polsekta|Polsek)"
# the verbs a headline in title case puts after a command ("Polres Mimika Gelar
# Sosialisasi"): never a word of the command's name
HEADLINE_VERBS = (
    r"Gelar|Menggelar|Laksanakan|Lakukan|Adakan|Pimpin|Ajak|Imbau|Himbau|Amankan|Kawal|"
    r"Sambangi|Siagakan|Terjunkan|Kerahkan|Berikan|Beri|Sosialisasikan|Siap|Siapkan|Bersama|"
    r"Pantau|Tinjau|Cek|Hadiri|Tangkap|Ringkus|Bentuk|Gandeng|Jaga|Antisipasi|Perketat|"
    r"Latih|Simulasikan|Edukasi|Sosialisasi|Patroli|Apel|Geser|Kirim|Dukung|Terima|Raih|"
    r"Ungkap|Bekuk|Musnahkan|Serahkan|Salurkan|Bagikan"
)
# "Satuan Samapta" is "Sat Samapta" spelled out; a Polda's directorates are "Dit…"
_BRANCH = r"samapta|binmas|lantas|intelkam|reskrim\w*|resnarkoba|polairud"
SUBUNIT_RE = (
    rf"(?:Satbrimob|Brimob|(?i:sat(?:uan)?\s?(?:{_BRANCH})|dit\s?(?:{_BRANCH}))|Si\s?Humas|"
    r"Sie\s?Humas|Bag\s?Ops)"
)

# Polda short names -> province, for the region field
POLDA_PROVINCES: dict[str, str] = {
    "aceh": "Aceh", "sumut": "Sumatera Utara", "sumbar": "Sumatera Barat", "riau": "Riau",
    "kepri": "Kepulauan Riau", "jambi": "Jambi", "sumsel": "Sumatera Selatan",
    "babel": "Kepulauan Bangka Belitung", "bengkulu": "Bengkulu", "lampung": "Lampung",
    "banten": "Banten", "metro jaya": "DKI Jakarta", "jabar": "Jawa Barat",
    "jateng": "Jawa Tengah", "diy": "DI Yogyakarta", "jatim": "Jawa Timur", "bali": "Bali",
    "ntb": "Nusa Tenggara Barat", "ntt": "Nusa Tenggara Timur", "kalbar": "Kalimantan Barat",
    "kalteng": "Kalimantan Tengah", "kalsel": "Kalimantan Selatan", "kaltim": "Kalimantan Timur",
    "kaltara": "Kalimantan Utara", "sulut": "Sulawesi Utara", "gorontalo": "Gorontalo",
    "sulteng": "Sulawesi Tengah", "sulbar": "Sulawesi Barat", "sulsel": "Sulawesi Selatan",
    "sultra": "Sulawesi Tenggara", "maluku": "Maluku", "malut": "Maluku Utara",
    "papua": "Papua", "papua barat": "Papua Barat",
}  # fmt: skip
PROVINCE_NAMES = sorted(set(POLDA_PROVINCES.values()), key=len, reverse=True)

# --- stakeholders ------------------------------------------------------------------

# canonical label -> pattern; matched case-sensitively where an acronym could be a word
STAKEHOLDERS: list[tuple[str, re.Pattern[str]]] = [
    ("KPU", re.compile(r"\bKPU\b|Komisi Pemilihan Umum", re.I)),
    ("Bawaslu", re.compile(r"\b(?:Bawaslu|Panwaslu\w*)\b", re.I)),
    (
        "TNI",
        re.compile(r"\b(?:TNI|Kodim|Koramil|Korem|Dandim|Danrem|Danramil|Babinsa|Lanal|Lanud)\b"),
    ),
    ("Kejaksaan", re.compile(r"\b(?:kejaksaan|Kejari|Kajari|Kejati|Kajati)\b", re.I)),
    (
        "Pemerintah Daerah",
        re.compile(
            # a candidate for the office ("calon bupati") is not the government
            r"(?<!calon )(?<!calon wakil )"
            r"\b(?:Pemkab|Pemkot|Pemprov|Bupati|Wali\s?kota|Gubernur|Pj\.? Bupati|Sekda|"
            r"pemerintah(?:\s+(?:daerah|kabupaten|kota|provinsi))?)\b",
            re.I,
        ),
    ),
    ("Forkopimda", re.compile(r"\bForkopimda\b|\bForkopimcam\b", re.I)),
    ("DPRD", re.compile(r"\bDPRD\b")),
    ("Satpol PP", re.compile(r"\b(?:Satpol[\s-]?PP|Pol[\s-]PP)\b", re.I)),
    ("Linmas", re.compile(r"\bLinmas\b", re.I)),
    ("KPPS", re.compile(r"\bKPPS\b")),
    ("PPK", re.compile(r"\bPPK\b")),
    ("PPS", re.compile(r"\bPPS\b")),
    ("Partai Politik", re.compile(r"\b(?:partai politik|parpol)\b", re.I)),
    ("Tokoh Agama", re.compile(r"\b(?:tokoh agama|toga|ulama|pemuka agama)\b", re.I)),
    ("Tokoh Masyarakat", re.compile(r"\b(?:tokoh masyarakat|tomas)\b", re.I)),
    ("Tokoh Adat", re.compile(r"\btokoh adat\b", re.I)),
    ("Tokoh Pemuda", re.compile(r"\btokoh pemuda\b", re.I)),
    ("FKUB", re.compile(r"\bFKUB\b")),
]

# --- key messages of the campaign ---------------------------------------------------

MESSAGES: list[tuple[str, re.Pattern[str]]] = [
    # code, cue. Codes:
    #   pemilu-damai       peaceful, safe, cool election (pemilu/pilkada damai, aman, sejuk)
    #   anti-hoaks         against hoaxes and false information
    #   netralitas         neutrality of police, civil servants, officials
    #   kamtibmas          public security and order
    #   anti-politik-uang  against vote buying (politik uang, serangan fajar)
    #   anti-sara          against ethnic/religious/racial incitement
    #   ujaran-kebencian   against hate speech
    #   anti-provokasi     do not be provoked or incited
    #   persatuan          unity of the nation (persatuan dan kesatuan)
    #   partisipasi        use your vote, come to the TPS, no abstention
    (
        "pemilu-damai",
        re.compile(
            r"\b(?:pemilu|pilkada|pesta demokrasi)\b[^.]{0,40}?\b(?:damai|aman|sejuk|kondusif)\b"
            r"|\b(?:damai|sejuk)\b[^.]{0,25}?\b(?:pemilu|pilkada)\b",
            re.I,
        ),
    ),
    ("anti-hoaks", re.compile(r"\b(?:hoaks|hoax|berita bohong|informasi palsu)\b", re.I)),
    ("netralitas", re.compile(r"\bnetral(?:itas)?\b", re.I)),
    ("kamtibmas", re.compile(r"\bkamtibmas\b|keamanan dan ketertiban masyarakat", re.I)),
    ("anti-politik-uang", re.compile(r"\b(?:politik uang|money politics?|serangan fajar)\b", re.I)),
    ("anti-sara", re.compile(r"\bSARA\b")),
    ("ujaran-kebencian", re.compile(r"\b(?:ujaran kebencian|hate speech)\b", re.I)),
    ("anti-provokasi", re.compile(r"\bterprovokasi\b|\bhasutan\b|\bdiadu domba\b", re.I)),
    ("persatuan", re.compile(r"\bpersatuan\b", re.I)),
    (
        "partisipasi",
        re.compile(r"\b(?:hak pilih|golput|partisipasi pemilih|datang ke TPS)\b", re.I),
    ),
]

# --- operations ----------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """A tracked, time-boxed police operation (operasi terpusat).

    ``cue`` finds any written form; ``theme`` tells an untitled item that it is about the
    same election. Start and end are the dates announced for the operation.
    """

    name: str
    cue: re.Pattern[str]
    theme: re.Pattern[str]
    start: date
    end: date


OPERATIONS: list[Operation] = [
    Operation(
        name="Operasi Mantap Brata 2023-2024",
        cue=re.compile(r"\b(?:(?:operasi|ops?\.?)\s+)?manta[bp]\s+brata\b|\bOMB\b", re.I),
        theme=re.compile(
            r"\b(?:pemilu|pileg|pilpres|pemungutan suara|TPS|KPPS|PPK|rekapitulasi|kampanye|"
            r"caleg|calon legislatif|capres|cawapres)\b",
            re.I,
        ),
        start=date(2023, 10, 19),
        end=date(2024, 10, 20),
    ),
    Operation(
        name="Operasi Mantap Praja 2024",
        cue=re.compile(r"\b(?:(?:operasi|ops?\.?)\s+)?manta[bp]\s+praja\b", re.I),
        theme=re.compile(
            r"\b(?:pilkada|pemilihan kepala daerah|paslon|pasangan calon|cabup|cawabup|"
            r"calon bupati|calon wali ?kota|cagub)\b",
            re.I,
        ),
        # the Pilkada operation as announced: from the campaign period to the end of disputes
        start=date(2024, 9, 23),
        end=date(2025, 3, 31),
    ),
]

# the written form of an operation with its regional suffix and years, e.g.
# "Ops Mantab Brata Musi 2023-2024", "Operasi Mantap Praja Toba 2024"
OPERATION_MENTION_RE = re.compile(
    # the suffix is case-sensitive: a capitalised place name, not the next lower-case word
    r"\b(?P<head>(?i:operasi|ops\.?|op\.?)\s+)?(?P<core>(?i:manta[bp]\s+(?:brata|praja)))"
    r"(?P<suffix>(?:\s+(?!(?:Tahun|Polres\w*|Polda|Polsek|Di|Dan|Yang)\b)[A-Z][a-z]+(?:\s+Raha)?){0,1})"
    r"(?P<years>\s+(?i:tahun\s+)?\d{4}(?:\s*[-–/]\s*\d{4})?)?"
)

# seasonal operations that are not election campaigns
UNTRACKED_OPERATION_RE = re.compile(
    r"\b(?:operasi|ops?\.?)\s+(?:ketupat|lilin|zebra|patuh|pekat|sikat|antik|candi|"
    r"bina kusuma|nila)\b",
    re.I,
)
