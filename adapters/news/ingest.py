"""From files, standard input or an address to :class:`domain.model.coverage.NewsItem`.

Sources are walked lazily, one item in memory at a time, so a directory of ten
thousand articles is ingested in flat memory.
"""

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from adapters.news.extract import extract
from adapters.news.operations import KnownOperation
from adapters.news.reader import (
    MAX_BYTES,
    NewsReadError,
    RawItem,
    check_address,
    read_news,
    read_news_file,
)
from domain.model.coverage import NewsItem

SUFFIXES = (".txt", ".html", ".htm")
FETCH_TIMEOUT = 20  # seconds

# Words of a report in which the police stepped in; kept with an incident.
_INTERVENED = re.compile(
    r"diamankan|mengamankan|dibubarkan|membubarkan|ditangkap|menangkap|water cannon|"
    r"gas air mata|dipukul mundur|dihalau|menghalau|dievakuasi|dikendalikan",
    re.I,
)


def news_sources(paths: Sequence[str]) -> list[str]:
    """Every item the paths name: files as given, directories walked (sorted, recursive,
    by suffix), ``-`` for standard input. Only names are listed, not contents."""
    sources: list[str] = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            sources += sorted(
                str(file)
                for file in Path(path).rglob("*")
                if file.is_file() and file.suffix.lower() in SUFFIXES
            )
        else:
            sources.append(path)
    return sources


def read_source(source: str, stdin: BinaryIO | None = None) -> RawItem:
    if source == "-":
        if stdin is None:
            raise NewsReadError("-: no standard input")
        data = stdin.read(MAX_BYTES + 1)
        return read_news(data, source="<stdin>")
    return read_news_file(source)


def fetch(url: str, allow_private: bool = False) -> RawItem:
    """Fetch a page over HTTP(S); a failure is one line naming the address. Only public
    addresses are reached, redirects included, unless ``allow_private``."""
    import urllib.error  # here: only --url needs them, and they cost every run's start
    import urllib.request

    check_address(url, allow_private=allow_private)

    class PublicRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            check_address(newurl, allow_private=allow_private)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(PublicRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": "humas news ingest"})
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise NewsReadError(
            "{url}: the server answered {code} {reason}", url=url, code=str(error.code),
            reason=str(error.reason),
        ) from None  # fmt: skip
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, NewsReadError):  # a redirect to an address not allowed
            raise reason from None
        raise NewsReadError(
            "{url}: cannot reach the address ({reason})", url=url, reason=str(reason)
        ) from None
    item = read_news(data, source=url)
    # The address fetched is the item's address unless the page names a canonical one.
    return replace(item, url=item.url or url)


def news_item(raw: RawItem, operations: Sequence[KnownOperation] | None = None) -> NewsItem:
    """Extract the facts of a read item and pair them with its text as received.

    ``operations`` are the store's (see :func:`adapters.news.known_operations`): the
    extractor recognises them by name, slug and alias, and dates them by their periods."""
    facts = extract(raw, operations=operations)
    raw_text = raw.raw if isinstance(raw.raw, str) else raw.text
    return NewsItem(
        source=raw.source,
        raw_text=raw_text,
        content_hash=raw.content_hash,
        url=facts.url,
        # the cleaned body is kept with the facts: ``humas coverage show`` prints it
        facts={**facts.as_json(), "body": facts.body},
        police_intervened=(
            bool(_INTERVENED.search(facts.body)) if facts.category == "incident" else None
        ),
        stated_days=facts.stated_days,
    )
