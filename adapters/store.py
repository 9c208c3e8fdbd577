"""Which store to open, and how to tell the eventsourcing library about it.

A store is named by a file path or ``sqlite:///PATH``
for the embedded SQLite store, ``postgresql://user[:password]@host[:port]/db`` for a
shared PostgreSQL database (``?schema=NAME`` keeps several stores in one database).
Without either, the SQLite file lives in the user's data directory.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class StoreError(Exception):
    """A store that cannot be named or opened; the message is one line for a person."""


@dataclass(frozen=True)
class StoreConfig:
    kind: str  # "sqlite" or "postgresql"
    location: str  # a file path, or the URL without its password
    env: dict[str, str]  # settings for the eventsourcing library's persistence module

    def describe(self) -> str:
        return f"{self.kind} {self.location}"


def default_store_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("humas", appauthor=False)) / "humas.sqlite"


def parse_store(text: str | None) -> StoreConfig:
    text = (text or "").strip()
    if not text:
        return _sqlite(default_store_path())
    if text.startswith(("postgresql://", "postgres://")):
        return _postgres(text)
    if text.startswith("sqlite://"):
        path = text.removeprefix("sqlite://")
        if not path.startswith("/"):
            raise StoreError(f"store {text!r}: write sqlite:///PATH with three slashes")
        return _sqlite(Path(path))
    if "://" in text:
        raise StoreError(f"store {text!r}: use a file path, sqlite:///PATH or postgresql://…")
    return _sqlite(Path(text).expanduser())


def _sqlite(path: Path) -> StoreConfig:
    path = path.expanduser().resolve()
    if path.is_dir():
        raise StoreError(f"store {path}: is a directory, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"store {path}: cannot create its folder ({error.strerror})") from None
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        # The read model's rows are written in the events' transaction.
        "APPLICATION_RECORDER_TOPIC": "adapters.sqlite_store:ProjectingSQLiteRecorder",
    }
    return StoreConfig(kind="sqlite", location=str(path), env=env)


def _postgres(text: str) -> StoreConfig:
    url = urlsplit(text)
    database = url.path.lstrip("/")
    if not url.hostname or not database:
        raise StoreError(f"store {text!r}: write postgresql://user@host:port/database")
    try:
        port = str(url.port or 5432)
    except ValueError:
        raise StoreError(f"store {text!r}: the port is not a number") from None
    user = unquote(url.username or os.environ.get("PGUSER", "postgres"))
    schema = parse_qs(url.query).get("schema", [""])[0]
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": database,
        "POSTGRES_HOST": url.hostname,
        "POSTGRES_PORT": port,
        "POSTGRES_USER": user,
        "POSTGRES_PASSWORD": unquote(url.password or os.environ.get("PGPASSWORD", "")),
        "POSTGRES_SCHEMA": schema,
        "POSTGRES_CONNECT_TIMEOUT": "5",
        # One connection kept open, a second only while one is busy (the tables of a new
        # store are made on one while another holds the store's lock): a server that
        # many officers share counts every connection.
        "POSTGRES_POOL_SIZE": "1",
        "POSTGRES_MAX_OVERFLOW": "1",
        # Big saves (a 10,000-row field-report file) without psycopg's pipeline mode.
        "APPLICATION_RECORDER_TOPIC": "adapters.postgres_store:UnpipelinedPostgresRecorder",
    }
    location = f"postgresql://{user}@{url.hostname}:{port}/{database}"
    if schema:
        location += f"?schema={schema}"
    return StoreConfig(kind="postgresql", location=location, env=env)
