"""The one place that wires a ready application: store, read model, settings."""

import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from adapters.store import StoreConfig, StoreError
from domain.application import HumasApplication

# Any fixed number: the PostgreSQL advisory lock under which a store's tables are made.
_CREATE_TABLES_LOCK = 7305521


def open_application(
    config: StoreConfig, *, read_only: bool = False, cipher_key: str | None = None
) -> HumasApplication:
    """``read_only``: nothing is written, not even the read model, which then lives in
    memory, caught up from the events when a command needs it. ``cipher_key`` (default
    ``$HUMAS_CIPHER_KEY``) encrypts what is stored."""
    from eventsourcing.persistence import PersistenceError

    from adapters.protection import KEY_VARIABLE, check_key_opens, store_env
    from adapters.read_model import SqlReadModel

    key = os.environ.get(KEY_VARIABLE) if cipher_key is None else cipher_key
    env = store_env(config, read_only=read_only, key=key)
    try:
        with nullcontext() if read_only else _one_opener_at_a_time(config):
            app = HumasApplication(env=env)
            app.read_only = read_only
            check_key_opens(app, config.location)
            app.attach(SqlReadModel(app, in_memory=read_only))
    except (PersistenceError, OSError) as error:
        lines = str(error).strip().splitlines()
        raise StoreError(
            f"cannot open store {config.location}: {lines[0] if lines else type(error).__name__}"
        ) from None
    return app


@contextmanager
def _one_opener_at_a_time(config: StoreConfig) -> Iterator[None]:
    """Officers opening a new PostgreSQL store at the same moment would race to create
    its tables ("tuple concurrently updated"); a session lock lets one go first."""
    if config.kind != "postgresql":
        yield
        return
    import psycopg

    env = config.env
    try:
        connection = psycopg.connect(
            dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"], password=env["POSTGRES_PASSWORD"] or None,
            connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"]), autocommit=True,
        )  # fmt: skip
    except psycopg.Error as error:
        raise OSError(str(error).strip()) from None
    with connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (_CREATE_TABLES_LOCK,))
        yield
