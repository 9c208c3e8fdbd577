"""News items: reading saved articles and proposing facts from them (berita).

Pure functions, no store: :func:`read_news` / :func:`read_news_file` turn bytes into a
:class:`RawItem`; :func:`extract` turns a RawItem into :class:`NewsFacts`.
"""

from adapters.news.extract import NewsFacts, extract
from adapters.news.reader import NewsReadError, RawItem, read_news, read_news_file

__all__ = ["NewsFacts", "NewsReadError", "RawItem", "extract", "read_news", "read_news_file"]
