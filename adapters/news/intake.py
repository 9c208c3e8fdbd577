"""Ingesting news items: read each, extract its facts against the store's operations,
keep it as a coverage item, and say how each went.

The one pipeline the command (``humas ingest news``) and the demo call; they only say
where the items are and print the :class:`ItemIngest` each item gives.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from adapters.news.ingest import news_item
from adapters.news.operations import known_operations
from adapters.news.reader import NewsReadError, RawItem

if TYPE_CHECKING:
    from domain.application import HumasApplication
    from domain.model.coverage import NewsItem
    from domain.model.provenance import Recorder


@dataclass
class ItemIngest:
    """How one item went: its facts and what the store made of it, or one line saying
    why it could not go in (naming the item)."""

    name: str
    item: "NewsItem | None" = None
    outcome: dict[str, Any] | None = None
    problem: str | None = None


def ingest_news_items(
    app: "HumasApplication",
    by: "Recorder",
    readers: Iterable[tuple[str, Callable[[], RawItem]]],
    *,
    operation: str | None = None,
    dry_run: bool = False,
) -> Iterator[ItemIngest]:
    """Each item in turn (read only when its turn comes, so memory stays flat); a bad
    item stops no other."""
    from domain.model.errors import InvalidValue

    # the store's operations, read once: the extractor recognises each by its names
    operations = known_operations(app.list_operations())
    for name, read in readers:
        try:
            item = news_item(read(), operations)
        except Exception as error:  # one bad item (or an extractor bug) stops no other
            yield ItemIngest(name, problem=_unread(name, error))
            continue
        try:
            outcome = app.ingest_news(by, item, operation=operation, dry_run=dry_run)
        except InvalidValue as error:  # the value rules of every channel: one line
            field = f"{error.field}: " if error.field else ""
            yield ItemIngest(name, item, problem=f"{name}: {field}{error.message}")
            continue
        yield ItemIngest(name, item, outcome)


def _unread(name: str, error: Exception) -> str:
    """One line saying why an item could not be read or understood, naming it."""
    if isinstance(error, NewsReadError):
        return str(error)  # already names the item
    if isinstance(error, OSError):
        return f"{name}: cannot read ({error.strerror or error})"
    return f"{name}: facts could not be extracted ({type(error).__name__}: {error})"
