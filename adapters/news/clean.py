"""Cleaning copied article text: noise removal, dateline, sentences.

Portals insert other stories' headlines ("Baca juga"), captions, ads and credits into
the body. They are removed before any fact is looked for, so that nothing from them can
leak into a field.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from adapters.news.lexicon import MONTH_RE, MONTHS, WEEKDAY_RE

_READ_ALSO = re.compile(
    r"\b(?:baca|simak)\s+(?:juga|pula)\b\s*[:.\-–—]?"
    # at the head of a line only: "berita terkait" is also said inside a sentence
    r"|^[\[(]?\s*(?:lihat\s+juga|baca\s+selengkapnya|(?:berita|artikel)\s+terkait)\b\s*[:.\-–—]?",
    re.I,
)
_READ_ALSO_WORDS = ("baca", "simak", "lihat", "terkait")
_NOISE_LINE = re.compile(
    r"""^\s*(?:
        \(?\s*foto\s*:.*                                     # photo caption
      | \(?\s*dok\.?\s+(?:istimewa|pribadi|humas)\b.*
      | \(\s*adv\s*\)
      | laporan\s*:.*                                      # byline
      | \(?\s*(?:istimewa|ist\.?|dok\.?\s*humas.*|dokumentasi\s+humas.*)\s*\)?\s*\.?
      | (?:advertisement|iklan|scroll\s+(?:to|untuk)\s+.*)
      | \[?\s*(?:gambar|image|img|foto|video)\s*(?:\d+)?\s*\]?
      | .*\.(?:jpe?g|png|webp|gif)
      | (?:rep|red|editor|penulis|reporter|pewarta|sumber|redaktur|penyunting)\s*:.*
      | \(?\s*[a-z]{2,6}(?:\s*/\s*[a-z]{2,6})+\s*\)?\s*\.?       # (xxx/dok), (rin/red)
      | (?:halaman|hal\.?|page)\s*\d+(?:\s*(?:dari|of|/)\s*\d+)?
      | (?:\d+\s+){1,}\d*\s*(?:selanjutnya|next|»)?
      | (?:selanjutnya|berikutnya|sebelumnya|next\s+page|halaman\s+selanjutnya)\s*[»>]*
      | (?:share|bagikan|tags?|tag)\s*(?::.*)?
      | (?:facebook|twitter|whatsapp|telegram|instagram|linkedin|line|copy\s+link
         |salin\s+(?:link|tautan))                               # share buttons
      | \(\s*(?:tim\s+)?humas\b[^)]{0,60}\)\s*\.?               # (Humas Polres Lahat)
    )\s*$""",
    re.I | re.X,
)
_INLINE_NOISE = re.compile(
    r"\(\s*(?:foto|red|rep|editor|penulis|reporter|pewarta|sumber|redaktur|penyunting|ed)"
    r"\s*[:.][^)]{0,120}\)|\[\s*(?:foto|gambar|image)[^\]]*\]|\(\s*ist(?:imewa)?\.?\s*\)"
    r"|\s*\(\s*[a-z]{2,6}(?:\s*/\s*[a-z]{2,6})+\s*\)\s*$|ADVERTISEMENT|SCROLL TO CONTINUE"
    r"(?: WITH CONTENT)?",
    re.I,
)

_OUTLET_TOKEN = (
    # a host, with its subdomains: "tribratanews.polreslahat.polri.go.id"
    r"[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*)*?"
    r"\.(?i:co\.id|com|co|id|net|or\.id|go\.id|web\.id|news|online)"
    r"(?:\.(?i:id))?"
)
_TOWN = r"[A-Z][A-Z'.]*(?:[ -][A-Z][A-Z'.]*){0,3}"
# the first six shapes are never a title line: a short line in one of them opens the body
_FIRM_DATELINES = 6
_DATELINES = [
    # OUTLET.ID - KOTA - ...
    re.compile(rf"^(?P<outlet>{_OUTLET_TOKEN})\s*[-–—|]+\s*(?P<town>{_TOWN})\s*[-–—]+\s*", re.I),
    # Outlet.polri.go.id – Kota. ... (the police's own release sites)
    re.compile(rf"^(?P<outlet>{_OUTLET_TOKEN})\s*[-–—|]+\s*(?P<town>{_TOWN})\.\s+", re.I),
    # Outlet.com, KOTA - ... (either in any case)
    re.compile(rf"^(?P<outlet>{_OUTLET_TOKEN}),\s*(?P<town>{_TOWN})\s*[-–—|]+\s*", re.I),
    # KOTA, OUTLET.ID - ... (either in any case)
    re.compile(rf"^(?P<town>{_TOWN}),\s*(?P<outlet>{_OUTLET_TOKEN})\s*[-–—]+\s*", re.I),
    # Outlet, Kota|| ...
    re.compile(
        r"^(?P<outlet>[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}),\s*(?P<town>[A-Z][\w ]{1,30}?)\s*\|\|\s*"
    ),
    # KOTA (Outlet): ... or KOTA (Outlet) - ...
    re.compile(
        r"^(?P<town>[A-Z][\w'.]*(?: [A-Z][\w'.]*){0,3})\s*\((?P<outlet>[^)]{2,30})\)\s*[:\-–—]\s*"
    ),
    # Kota, Outlet Name - ... (a national outlet's own name, no host: "Jakarta, Warta
    # Nasional --")
    re.compile(
        r"^(?P<town>[A-Z][a-z'.]+(?: [A-Z][a-z'.]+){0,2}),\s+"
        r"(?P<outlet>[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})\s+[-–—]+\s+(?=[A-Z\"“])"
    ),
    # OUTLET.ID - ...
    re.compile(rf"^(?P<outlet>{_OUTLET_TOKEN})\s*[-–—]+\s*", re.I),
    # KOTA - ... or KOTA | ... (town in capitals)
    re.compile(rf"^(?P<town>{_TOWN})\s*(?:[-–—]+|\|(?!\|))\s*(?=[A-Z\"“])"),
    # Kota - ... (town in title case: a dash with spaces, so no hyphenated word)
    re.compile(r"^(?P<town>[A-Z][a-z'.]+(?: [A-Z][a-z'.]+){0,3})\s+[-–—]+\s+(?=[A-Z\"“])"),
]


@dataclass
class CleanText:
    """The article body without noise, plus what was found at its head."""

    body: str
    lead_lines: list[str] = field(default_factory=list)  # lines before the body (title, date)
    dateline_town: str | None = None
    dateline_outlet: str | None = None
    removed: list[str] = field(default_factory=list)
    stamp: date | None = None  # the publication stamp found at the head of the page


def clean_article(text: str) -> CleanText:
    lines = [line.strip() for line in text.split("\n")]
    kept: list[str] = []
    removed: list[str] = []
    skip_next_headline = False
    in_related_list = False
    for n, line in enumerate(lines):
        if not line:
            continue
        low = line.lower()
        # the comments and the copyright close the page: nothing after them is the
        # article's, once a body has begun (a paragraph of twelve words or more)
        if (
            len(line) <= _PAGE_END_LONGEST
            and any(w in low for w in _PAGE_END_WORDS)
            and closes_page(line)
            and any(map(_is_paragraph, kept))
        ):
            removed.extend(rest for rest in lines[n:] if rest)
            break
        if skip_next_headline:
            skip_next_headline = False
            if _looks_like_headline(line):
                removed.append(line)
                # a related-stories list runs on, one headline a line
                skip_next_headline = in_related_list
                continue
        m = _READ_ALSO.search(line) if any(w in low for w in _READ_ALSO_WORDS) else None
        if m:
            removed.append(line[m.start() :])
            rest_before = line[: m.start()].strip(" [(")
            # "Baca juga" alone on its line: the headline is on the next line
            skip_next_headline = not line[m.end() :].strip()
            in_related_list = skip_next_headline and "terkait" in low
            if rest_before:
                kept.append(rest_before)
            continue
        if _NOISE_LINE.match(line) or _is_caption(line):
            removed.append(line)
            continue
        # most lines hold none of the inline marks: look only where one may be
        noisy = "(" in line or "[" in line or "advert" in low or "scroll" in low
        cleaned = (_INLINE_NOISE.sub("", line) if noisy else line).strip()
        if cleaned:
            kept.append(cleaned)
    lead, body_lines = _split_lead(kept)
    result = CleanText(body="", lead_lines=lead, removed=removed)
    # a publication stamp among the first lines of the body is the page's, not the event's
    for i, line in enumerate(body_lines[:4]):
        stamp = _STAMP.match(line)
        if stamp:
            result.stamp = _stamp_date(stamp)
            rest = line[stamp.end() :].strip()
            removed.append(line[: stamp.end()].strip())
            body_lines[i] = rest
            # what stands above the stamp is the page's head (a long headline), not body
            lead += body_lines[:i]
            body_lines = body_lines[i:]
            break
    body_lines = [line for line in body_lines if line]
    if body_lines and not any(p.match(body_lines[0]) for p in _DATELINES):
        # the headline copied onto the body's line: "Polres X Gelar Y KOTA - Kapolres …"
        glued = _GLUED_HEADLINE.match(body_lines[0])
        if glued and _title_case(glued["head"]) and glued["town"] not in ("TNI", "POLRI"):
            lead.append(glued["head"])
            body_lines[0] = body_lines[0][glued.end("head") :].strip()
    if body_lines:
        first, town, outlet = _strip_dateline(body_lines[0])
        body_lines[0] = first
        result.dateline_town = _town_case(town, "\n".join(body_lines)) if town else None
        result.dateline_outlet = outlet
    result.body = "\n".join(body_lines)
    return result


# the lines that close a page: its comments, copyright and site links (not the share
# buttons: some sites show them under the lead, with the body still to come)
_PAGE_END = re.compile(
    r"^\s*(?:\d+\s+)?(?:komentar|comments?|tinggalkan\s+(?:komentar|balasan)|tulis\s+komentar"
    r"|©.*|copyright\b.*|hak\s+cipta\b.*|.*all\s+rights\s+reserved.*"
    r"|pedoman\s+media\s+siber.*)\s*:?\s*$",
    re.I,
)


# a headline in title case, no sentence ended in it, then a dateline in capitals
_GLUED_HEADLINE = re.compile(
    r"(?P<head>[A-Z][^.!?\n]{10,200}?[a-z0-9][^.!?\n]*?)\s+"
    rf"(?=(?P<town>[A-Z]{{3,}})(?:[ -][A-Z]{{2,}}){{0,3}}\s*(?:,\s*{_OUTLET_TOKEN}\s*)?[-–—]+\s+[A-Z\"“])"
)


_SMALL_WORDS = {"di", "dan", "ke", "dari", "dengan", "untuk", "yang", "pada", "jelang", "bersama"}


def _title_case(line: str) -> bool:
    """A headline's case: its words capitalised, small words apart."""
    words = [w for w in line.split() if w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() or w[0].isdigit() for w in words) >= 0.8 * len(
        words
    )


_PAGE_END_LONGEST = 120  # a copyright or comments line is short: longer ones are body
_PAGE_END_WORDS = ("koment", "comment", "balasan", "©", "copyright", "cipta", "rights", "pedoman")


def closes_page(line: str) -> bool:
    """Whether the line opens a page's tail (comments, copyright) once a body has begun."""
    return bool(_PAGE_END.match(line))


def _is_paragraph(line: str) -> bool:
    """A line of the body, not a long headline: twelve words or more, ending a sentence."""
    return len(line.split()) >= 12 and bool(re.search(r"[.!?][\"”’]?$", line))


# "Jumat, 17 November 2023 | 10:38 WIB", "Diterbitkan 17/11/2023 10.38": a line that is
# only a date and a clock time, perhaps with a label or a byline after a bar
_STAMP = re.compile(
    rf"^\s*(?:(?:diterbitkan|dipublikasikan|diposting|diunggah|terbit|published|update|"
    rf"diperbarui)\s*(?:pada|:)?\s*)?(?:(?:{WEEKDAY_RE})\s*,?\s*)?"
    rf"(?:(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_RE})\s+(?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<y2>\d{{4}}))"
    rf"\s*(?:[|,\-–—]\s*)?(?:pukul\s*)?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*"
    rf"(?:WIB|WITA|WIT)?\s*(?:[|\-–—]\s*(?=\S)|$)",
    re.I,
)


def _stamp_date(m: re.Match[str]) -> date | None:
    try:
        if m["d"]:
            return date(int(m["y"]), MONTHS[m["m"].lower()], int(m["d"]))
        return date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
    except ValueError:
        return None


_CREDIT_LAST = re.compile(r"\(\s*foto\s*[:.][^)]*\)\s*$", re.I)


def _is_caption(line: str) -> bool:
    """A short line that ends with its photo credit: "Kapolres saat apel. (Foto: Humas)".
    A lead that ends with one keeps its text (it is longer, or dated)."""
    m = _CREDIT_LAST.search(line)
    if not m:
        return False
    text = line[: m.start()]
    return len(text.split()) <= 16 and not re.search(r"\(\d", text)


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (len(words) <= 18 and not re.search(r"[.!?][\"”]?$", line)) or line.isupper()


def _split_lead(lines: list[str]) -> tuple[list[str], list[str]]:
    """Short lines before the first paragraph are the title and date lines of the page."""
    for i, line in enumerate(lines):
        if _long_headline(line, lines[i + 1] if i + 1 < len(lines) else ""):
            continue
        if len(line.split()) >= 12 or any(p.match(line) for p in _DATELINES[:_FIRM_DATELINES]):
            return lines[:i], lines[i:]
    return [], lines


def _long_headline(line: str, following: str) -> bool:
    """A headline of twelve words or more: it ends no sentence and the body opens with its
    dateline on the next line."""
    return (
        len(line.split()) <= 20
        and not re.search(r"[.!?,;:][\"”’]?$", line)
        and any(p.match(following) for p in _DATELINES)
        and not any(p.match(line) for p in _DATELINES)
    )


def _strip_dateline(line: str) -> tuple[str, str | None, str | None]:
    for pattern in _DATELINES:
        m = pattern.match(line)
        if not m:
            continue
        groups = m.groupdict()
        town = groups.get("town")
        outlet = groups.get("outlet")
        # "BACAKORAN.CO -" has the shape of a town but is an outlet
        if town and re.fullmatch(_OUTLET_TOKEN, town, re.I):
            town, outlet = None, town
        if town and len(town) < 3:
            continue
        return line[m.end() :], town.strip() if town else None, outlet.strip() if outlet else None
    return line, None, None


def _town_case(town: str, body: str) -> str:
    """Use the spelling of the town from the body ("OKU Timur"), else title case."""
    town = " ".join(town.split()).rstrip(".")
    at = body.lower().find(town.lower())
    m = re.compile(re.escape(town), re.I).match(body, at) if at >= 0 else None
    if m and not m.group(0).isupper():
        return m.group(0)
    return " ".join(w if len(w) <= 3 and w.isupper() else w.capitalize() for w in town.split())


_ABBREV = re.compile(
    r"(?:\b[A-Z][a-z]{0,2}|\b[A-Z](?:\.[A-Z])+|\b(?:Kab|Jl|No|Dr|dr|Ir|Hj|Prof|Drs|Pol|Tbk|"
    r"dll|dsb|Sos|Pd|Kom|Si|Ket|Bpk|Sdr|St|Yth)|\bs\.d|\bs)$"
)


_END = re.compile(r"[.!?][\"”’]?(?=\s+[\"“A-Z0-9])")
_QUOTE_MARK = re.compile(r"[\"“”]")


def split_sentences(text: str) -> list[str]:
    """Sentences of the body, paragraph by paragraph; abbreviations do not end one.

    One pass per paragraph: the last word before a full stop and the count of quotation
    marks so far are kept as the scan goes, so a long paragraph is not read again."""
    sentences: list[str] = []
    for para in text.split("\n"):
        start = 0
        quotes = 0  # quotation marks between ``start`` and ``counted``
        counted = 0
        for m in _END.finditer(para):
            if m.group(0).startswith("."):
                space = max(para.rfind(" ", start, m.start()), start - 1)
                if _ABBREV.search(para[space + 1 : m.start()]):
                    continue
            # a full stop inside a quotation does not end the reporting sentence
            quotes += len(_QUOTE_MARK.findall(para, counted, m.end()))
            counted = m.end()
            if quotes % 2:
                continue
            sentences.append(para[start : m.end()].strip())
            start = m.end()
            quotes = 0
        tail = para[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences
