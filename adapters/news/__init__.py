"""News items: reading saved articles and proposing facts from them (berita).

Pure functions, no store: :func:`read_news` / :func:`read_news_file` turn bytes into a
:class:`RawItem`; :func:`extract` turns a RawItem into :class:`NewsFacts`, recognising
the store's operations the caller passes (:func:`known_operations`).
"""

from adapters.news.extract import NewsFacts, extract
from adapters.news.operations import KnownOperation, known_operations
from adapters.news.reader import NewsReadError, RawItem, read_news, read_news_file

__all__ = [
    "KnownOperation",
    "NewsFacts",
    "NewsReadError",
    "RawItem",
    "extract",
    "known_operations",
    "read_news",
    "read_news_file",
]
