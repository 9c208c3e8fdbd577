"""The one place that wires a ready application: store, read model, settings."""

from collections.abc import Iterator
from contextlib import contextmanager

from adapters.store import StoreConfig, StoreError
from domain.application import HumasApplication

# Any fixed number: the PostgreSQL advisory lock under which a store's tables are made.
_CREATE_TABLES_LOCK = 7305521


def open_application(config: StoreConfig) -> HumasApplication:
    from eventsourcing.persistence import PersistenceError

    from adapters.read_model import SqlReadModel

    try:
        with _one_opener_at_a_time(config):
            app = HumasApplication(env=config.env)
            app.attach(SqlReadModel(app))
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
