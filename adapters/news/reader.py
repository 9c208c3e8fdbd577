"""Reading one news item (berita) from a saved text or HTML file.

The reader only decodes and separates metadata from the article text; it draws no
conclusions. Extraction of facts is in :mod:`adapters.news.extract`.
"""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from adapters.worded import WordedError

MAX_BYTES = 5 * 1024 * 1024
HEADER_KEYS = {"url": "url", "title": "title", "outlet": "outlet", "published": "published"}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+)\s*:\s*(?P<value>.*)$")
_MIN_ARTICLE_CHARS = 80


class NewsReadError(WordedError, ValueError):
    """The item cannot be read: one line for the user, naming the item first."""


@dataclass(frozen=True)
class RawItem:
    """A news item as received, before any interpretation."""

    source: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    content_hash: str = ""
    raw: str | bytes = b""


def normalise_text(text: str) -> str:
    """Unicode NFC, unified line ends, no trailing spaces: the form that is hashed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def read_news_file(path: str | Path) -> RawItem:
    """Read a ``.txt`` or ``.html`` news item from disk (size checked before reading)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise NewsReadError(
            "{path}: cannot open file ({reason})", path=path, reason=exc.strerror
        ) from exc
    if size > MAX_BYTES:
        raise NewsReadError(
            "{path}: file is {size} bytes, over the 5 MB limit", path=path, size=size
        )
    return read_news(path.read_bytes(), source=str(path))


def read_news(data: bytes, *, source: str) -> RawItem:
    """Decode ``data`` and split it into article text and metadata.

    HTML is recognised by the source's suffix or by its first tag; everything else is
    read as copied text with an optional ``Key: value`` header block.
    """
    if len(data) > MAX_BYTES:
        raise NewsReadError(
            "{source}: item is {size} bytes, over the 5 MB limit", source=source, size=len(data)
        )
    if not data.strip():
        raise NewsReadError("{source}: empty file", source=source)
    if b"\x00" in data[:8192]:
        raise NewsReadError("{source}: binary file, not a news text", source=source)
    text = _decode(data, source)
    if _looks_binary(text):
        raise NewsReadError("{source}: binary file, not a news text", source=source)
    if _is_html(source, text):
        return _read_html(text, source)
    return _read_text(text, source)


def _decode(data: bytes, source: str) -> str:
    for encoding in ("utf-8-sig", "utf-8"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Windows-1252 decodes almost anything, so accept it only when the result reads as text
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise NewsReadError(
            "{source}: undecodable text (not UTF-8 or Windows-1252)", source=source
        ) from exc
    letters = sum(ch.isascii() and (ch.isalnum() or ch.isspace()) for ch in text)
    if letters / len(text) < 0.85:
        raise NewsReadError("{source}: undecodable text (not UTF-8 or Windows-1252)", source=source)
    return text


# Unicode's control characters (category Cc) but for tab and line ends, as a class the
# engine counts in C (a loop over the characters asking unicodedata cost more than
# reading a short article).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) / len(sample) > 0.05


def _is_html(source: str, text: str) -> bool:
    if source.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:2048].lower()
    # A page may open with a comment or an XML declaration before its <html> tag.
    return head.startswith("<") and ("<html" in head or "<body" in head)


def _read_text(text: str, source: str) -> RawItem:
    meta: dict[str, str] = {}
    lines = normalise_text(text).split("\n")
    # a header block is only a header when every line up to the first blank one is Key: value
    end = lines.index("") if "" in lines else -1
    if end > 0:
        parsed = [_HEADER_LINE.match(line) for line in lines[:end]]
        if all(m and m["key"].lower() in HEADER_KEYS for m in parsed):
            meta = {HEADER_KEYS[m["key"].lower()]: m["value"].strip() for m in parsed if m}
            lines = lines[end + 1 :]
    body = "\n".join(lines).strip()
    if not body:
        raise NewsReadError("{source}: no article text after the header", source=source)
    return RawItem(
        source=source,
        text=body,
        url=meta.get("url") or None,
        title=meta.get("title") or None,
        outlet=meta.get("outlet") or None,
        published=meta.get("published") or None,
        content_hash=content_hash(body),
        raw=text,
    )


def _read_html(html: str, source: str) -> RawItem:
    import trafilatura  # slow to import; only HTML items need it

    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False
    )
    doc = json.loads(extracted) if extracted else {}
    body = normalise_text(doc.get("text") or "")
    title = (doc.get("title") or "").strip() or None
    # trafilatura repeats the headline as the first line of the text
    if title and body.split("\n", 1)[0].strip() == title:
        body = body.split("\n", 1)[1].strip() if "\n" in body else ""
    if len(body) < _MIN_ARTICLE_CHARS:
        raise NewsReadError("{source}: HTML page without article text", source=source)
    outlet = doc.get("sitename") or doc.get("source-hostname") or doc.get("hostname")
    return RawItem(
        source=source,
        text=body,
        url=doc.get("source") or None,
        title=title,
        outlet=outlet or None,
        published=doc.get("date") or None,
        content_hash=content_hash(body),
        raw=html,
    )


def check_address(url: str, *, allow_private: bool = False) -> None:
    """Refuse an address ``--url`` must not reach: anything but http(s), and unless
    ``allow_private``, a host that is or resolves to a loopback, private, link-local
    (cloud metadata at 169.254.169.254), shared or reserved address, so that a news
    address cannot be used to probe the machine humas runs on or its network."""
    import ipaddress
    import socket
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise NewsReadError("{url}: not an address", url=url) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise NewsReadError("{url}: only http:// and https:// addresses can be fetched", url=url)
    if not host:
        raise NewsReadError("{url}: the address names no host", url=url)
    if allow_private:
        return
    try:
        found = {
            info[4][0] for info in socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
        }
    except (OSError, UnicodeError) as error:
        raise NewsReadError(
            "{url}: cannot reach the address ({reason})", url=url, reason=str(error)
        ) from None
    for text in sorted(found):
        address = ipaddress.ip_address(str(text).partition("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_global:
            raise NewsReadError(
                "{url}: {host} is a private address ({address}); "
                "only public addresses are fetched unless --allow-private is given",
                url=url, host=host, address=str(address),
            )  # fmt: skip
