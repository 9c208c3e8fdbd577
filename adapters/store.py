"""Which store to open, and how to tell the eventsourcing library about it.

A store is named by a file path or ``sqlite:///PATH``
for the embedded SQLite store, ``postgresql://user[:password]@host[:port]/db`` for a
shared PostgreSQL database (``?schema=NAME`` keeps several stores in one database).
Without either, the SQLite file lives in the user's data directory.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from adapters.worded import WordedError

if TYPE_CHECKING:
    import psycopg


class StoreError(WordedError):
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
            raise StoreError(
                "store {text}: write sqlite:///PATH with three slashes",
                text=repr(without_password(text)),
            )
        return _sqlite(Path(path))
    if "://" in text:
        raise StoreError(
            "store {text}: use a file path, sqlite:///PATH or postgresql://…",
            text=repr(without_password(text)),
        )
    return _sqlite(Path(text).expanduser())


def without_password(text: str) -> str:
    """A store's address as it may be shown: any password in it left out."""
    return re.sub(r"(://[^/@:]*):[^/@]*@", r"\1@", text)


def _sqlite(path: Path) -> StoreConfig:
    path = path.expanduser().resolve()
    if path.is_dir():
        raise StoreError("store {path}: is a directory, not a file", path=path)
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        # The read model's rows are written in the events' transaction, and with each
        # record humas saves, a digest of it (see Audit in the README).
        "APPLICATION_RECORDER_TOPIC": "adapters.audit.digests:SQLiteSavedRecorder",
    }
    return StoreConfig(kind="sqlite", location=str(path), env=env)


def _postgres(text: str) -> StoreConfig:
    url = urlsplit(text)
    database = url.path.lstrip("/")
    shown = repr(without_password(text))
    if not url.hostname or not database:
        raise StoreError("store {text}: write postgresql://user@host:port/database", text=shown)
    try:
        port = str(url.port or 5432)
    except ValueError:
        raise StoreError("store {text}: the port is not a number", text=shown) from None
    user = unquote(url.username or os.environ.get("PGUSER", "postgres"))
    settings = parse_qs(url.query, keep_blank_values=True)
    unknown = sorted(set(settings) - {"schema"})
    if unknown:
        # A mistyped ?schema= would otherwise put the store in the database's public
        # schema, beside another unit's.
        raise StoreError(
            "store {text}: unknown setting {names}; humas reads only ?schema=NAME",
            text=shown, names=", ".join(repr(name) for name in unknown),
        )  # fmt: skip
    schema = settings.get("schema", [""])[0]
    if schema and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", schema):
        # the library writes the schema's name into its statements as it is
        raise StoreError(
            "store {text}: a schema is named by letters, digits and _ (at most 63, "
            "not starting with a digit)",
            text=shown,
        )
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
        # ... and records, with each one humas saves, a digest of it (see Audit).
        "APPLICATION_RECORDER_TOPIC": "adapters.audit.postgres_digests:PostgresSavedRecorder",
    }
    location = f"postgresql://{user}@{url.hostname}:{port}/{database}"
    if schema:
        location += f"?schema={schema}"
    return StoreConfig(kind="postgresql", location=location, env=env)


# What a store location holds, as far as opening it is concerned.
MISSING = "missing"  # nothing there yet (no file, no schema, no event table)
EMPTY = "empty"  # an empty database a first write may make a store of
HUMAS = "humas"  # a humas store
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Probe:
    state: str  # MISSING, EMPTY or HUMAS
    writable: bool = True  # False: the login may only read (an auditor's PostgreSQL role)
    schema_missing: bool = False  # PostgreSQL: the ?schema=NAME does not exist yet


def missing_store(config: StoreConfig) -> StoreError:
    where = config.location
    return StoreError(
        "no humas store at {where}; `humas store init {where}` creates one, or the first write does",
        where=where,
    )


def probe(config: StoreConfig) -> Probe:
    """Look at what the store's location holds without creating or changing anything.

    Raises StoreError (one line naming the location) for anything that is not a humas
    store: a file that is not a database, a damaged one, another program's database."""
    return _probe_sqlite(config) if config.kind == "sqlite" else _probe_postgres(config)


def read_only_uri(location: str) -> str:
    """The SQLite URI that opens a store's file read-only.

    A store is kept in WAL mode, whose readers need a shared-memory file beside it. In a
    folder nobody here may write (an auditor's copy on a write-protected stick or disc)
    SQLite cannot make that file and refuses the store as if it were damaged. There,
    when no write-ahead log lies beside it (nobody has the store open to write), the
    file is opened as immutable: read as it is, with no file of its own."""
    uri = f"file:{quote(location)}?mode=ro"
    beside = [Path(f"{location}-wal"), Path(f"{location}-shm")]
    folder = Path(location).parent
    if not os.access(folder, os.W_OK) and not any(path.exists() for path in beside):
        uri += "&immutable=1"
    return uri


def _probe_sqlite(config: StoreConfig) -> Probe:
    import sqlite3

    path = Path(config.location)
    if not path.exists():
        return Probe(MISSING)
    if not path.is_file():
        raise StoreError("store {path}: is not a file", path=path)
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(
            "store {path}: cannot be read ({strerror})", path=path, strerror=error.strerror
        ) from None
    if not header:
        return Probe(EMPTY)  # a zero-byte file: what SQLite itself makes of a new database
    if header != SQLITE_HEADER:
        raise StoreError("{path} is not a humas store: it is not a SQLite database", path=path)
    try:
        connection = sqlite3.connect(read_only_uri(str(path)), uri=True)
        try:
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )}  # fmt: skip
            if "stored_events" in tables:
                connection.execute("SELECT max(rowid) FROM stored_events").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(
            "{path} is not a usable humas store: the database is damaged ({error})",
            path=path,
            error=error,
        ) from None
    if "stored_events" in tables:
        return Probe(HUMAS, writable=os.access(path, os.W_OK))
    if tables:
        shown = ", ".join(sorted(tables)[:3])
        raise StoreError(
            "{path} is not a humas store: it is another program's database (tables {shown})",
            path=path,
            shown=shown,
        )
    return Probe(EMPTY)


def postgres_connect(config: StoreConfig, *, autocommit: bool = False) -> "psycopg.Connection[Any]":
    """A plain psycopg connection to the store's database (psycopg only imported here)."""
    import psycopg

    env = config.env
    try:
        return psycopg.connect(
            dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"], password=env["POSTGRES_PASSWORD"] or None,
            connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"]), autocommit=autocommit,
        )  # fmt: skip
    except psycopg.Error as error:
        raise cannot_open(config, error) from None


def cannot_open(config: StoreConfig, error: Exception) -> StoreError:
    """A store's refusal as one line: its first line, which names the cause."""
    lines = str(error).strip().splitlines()
    return StoreError(
        "cannot open store {location}: {detail}",
        location=config.location,
        detail=lines[0] if lines else type(error).__name__,
    )


def _probe_postgres(config: StoreConfig) -> Probe:
    import psycopg

    schema = config.env["POSTGRES_SCHEMA"] or None
    with postgres_connect(config, autocommit=True) as connection:
        try:
            row = connection.execute(
                """SELECT n.nspname IS NOT NULL,
                          to_regclass(quote_ident(coalesce(%(s)s, current_schema())) || '.humas_events'),
                          current_setting('default_transaction_read_only') = 'on',
                          pg_is_in_recovery()
                     FROM (SELECT 1) AS one
                     LEFT JOIN pg_namespace n ON n.nspname = coalesce(%(s)s, current_schema())""",
                {"s": schema},
            ).fetchone()
            assert row is not None
            schema_exists, table, read_only, standby = row
            writable = not (read_only or standby)
            if table is not None and writable:
                writable = bool(connection.execute(
                    "SELECT has_table_privilege(%s::regclass, 'INSERT')", (table,)
                ).fetchone()[0])  # type: ignore[index]  # fmt: skip
        except psycopg.Error as error:
            raise cannot_open(config, error) from None
    if table is None:
        return Probe(MISSING, writable=writable, schema_missing=not schema_exists)
    return Probe(HUMAS, writable=writable)


def prepare_new_store(config: StoreConfig) -> None:
    """Make the place a new store goes: the SQLite file's folder, the PostgreSQL schema."""
    if config.kind == "sqlite":
        folder = Path(config.location).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                "store {location}: cannot create its folder ({strerror})",
                location=config.location,
                strerror=error.strerror,
            ) from None
    elif config.env["POSTGRES_SCHEMA"]:
        create_postgres_schema(config)


def create_postgres_schema(config: StoreConfig) -> None:
    """Make the ``?schema=NAME`` of a new PostgreSQL store."""
    schema = config.env["POSTGRES_SCHEMA"]
    with postgres_connect(config, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema.replace(chr(34), chr(34) * 2)}"')


def explain_store_failure(error: Exception) -> StoreError:
    """One line for a store that failed under a command (damaged file, lost server); the
    database's own words stay as it said them."""
    lines = str(error).strip().splitlines()
    text = lines[0] if lines else type(error).__name__
    if "malformed" in text or "not a database" in text:
        return StoreError("the store is damaged ({detail}); restore it from a backup", detail=text)
    # A write the store refused because it was opened read-only (SQLite, PostgreSQL), by a
    # command that does not say beforehand that it writes (audit seal writes only when
    # something is new).
    if "readonly database" in text or "read-only transaction" in text:
        return StoreError("the store is opened read-only: this command writes")
    if "permission denied" in text:
        return StoreError("this login may not change the store ({detail})", detail=text)
    return StoreError("store error: {detail}", detail=text)
