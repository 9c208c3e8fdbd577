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
from adapters.worded import WordedError

# Items saved in one transaction: a commit per item was most of an ingest's time.
BATCH_ITEMS = 100
BATCH_CHARACTERS = 10_000_000  # five items at the 5 MB limit, whatever their number

if TYPE_CHECKING:
    from domain.application import HumasApplication
    from domain.model.coverage import NewsItem
    from domain.model.provenance import Recorder


@dataclass
class ItemIngest:
    """How one item went: its facts and what the store made of it, or why it could not
    go in: ``error`` is a reading problem (a :class:`WordedError` naming the item) or a
    value rule's refusal (a DomainError, named by :meth:`said`)."""

    name: str
    item: "NewsItem | None" = None
    outcome: dict[str, Any] | None = None
    error: Exception | None = None

    @property
    def problem(self) -> str | None:
        """The problem as one English line, naming the item (JSON, logs, the demo)."""
        return self.said(str)

    def said(self, explain: Callable[[Exception], str]) -> str | None:
        """The problem as one line, each error in the words of ``explain``
        (adapters/cli/i18n.py)."""
        error = self.error
        if error is None:
            return None
        if isinstance(error, WordedError):  # it names the item itself
            return explain(error)
        field = getattr(error, "field", None)
        return f"{self.name}: {field + ': ' if field else ''}{explain(error)}"


def ingest_news_items(
    app: "HumasApplication",
    by: "Recorder",
    readers: Iterable[tuple[str, Callable[[], RawItem]]],
    *,
    operation: str | None = None,
    dry_run: bool = False,
) -> Iterator[ItemIngest]:
    """Each item in turn, in the order given (each read only when its turn comes, so
    memory stays flat); a bad item stops no other. Items are stored a batch at a time
    (``BATCH_ITEMS`` items or ``BATCH_CHARACTERS`` of text, whichever comes first), so
    their outcomes come a batch at a time too."""
    # the store's operations, read once: the extractor recognises each by its names
    operations = known_operations(app.list_operations())
    batch: list[ItemIngest] = []
    items = size = 0
    for name, read in readers:
        try:
            item = news_item(read(), operations)
        except Exception as error:  # one bad item (or an extractor bug) stops no other
            batch.append(ItemIngest(name, error=_unread(name, error)))
            continue
        batch.append(ItemIngest(name, item))
        items, size = items + 1, size + len(item.raw_text)
        if items >= BATCH_ITEMS or size >= BATCH_CHARACTERS:
            yield from _store(app, by, batch, operation, dry_run)
            batch, items, size = [], 0, 0
    yield from _store(app, by, batch, operation, dry_run)


def _store(
    app: "HumasApplication",
    by: "Recorder",
    batch: list[ItemIngest],
    operation: str | None,
    dry_run: bool,
) -> list[ItemIngest]:
    """The batch's items given to the store together; each gets its outcome, or the one
    line saying why the rules refused it."""
    readable = [done for done in batch if done.item is not None]
    items = [done.item for done in readable if done.item is not None]
    if items:
        results = app.ingest_news_batch(by, items, operation=operation, dry_run=dry_run)
        for done, result in zip(readable, results, strict=True):
            if isinstance(result, dict):
                done.outcome = result
            else:  # the value rules of every channel
                done.error = result
    return batch


def _unread(name: str, error: Exception) -> WordedError:
    """Why an item could not be read or understood, naming it."""
    if isinstance(error, NewsReadError):
        return error  # already names the item
    if isinstance(error, OSError):
        return WordedError("{name}: cannot read ({reason})", name=name,
                           reason=error.strerror or str(error))  # fmt: skip
    return WordedError(
        "{name}: facts could not be extracted ({error}: {detail})",
        name=name, error=type(error).__name__, detail=str(error),
    )  # fmt: skip
