"""Store fixtures: every store-facing test runs on SQLite and on PostgreSQL.

PostgreSQL tests use a fresh schema in the ``test`` database of the server at
127.0.0.1:5432 (or ``HUMAS_TEST_POSTGRES``). Where no server answers they skip,
saying so, unless ``HUMAS_REQUIRE_POSTGRES=1`` (set by CI), where they fail.
"""

import gc
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

POSTGRES_SERVER = os.environ.get("HUMAS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
SHARED = Path(__file__).resolve().parent.parent / "shared"

# The server is shared (max_connections = 100 for everyone): the suite holds at most this
# many connections at once. Every connection of this run, humas's and the tests' own,
# carries the run's name (libpq reads PGAPPNAME), so they can be counted.
MAX_CONNECTIONS = 10
RUN_NAME = f"humas-tests-{os.getpid()}"
os.environ.setdefault("PGAPPNAME", RUN_NAME)
# The command line speaks English in tests unless a test chooses (adapters/cli/i18n.py):
# whatever the machine's locale or the tester's settings say.
os.environ["HUMAS_LANG"] = "en"
# A test's schema is named after the run, so that a later run can drop what a killed one left.
SCHEMA_PREFIX = f"humas_test_{os.getpid()}_"


def _postgres_problem() -> str | None:
    import psycopg

    try:
        psycopg.connect(POSTGRES_SERVER, connect_timeout=3).close()
    except psycopg.Error as error:
        return f"no PostgreSQL server at {POSTGRES_SERVER}: {str(error).strip().splitlines()[0]}"
    return None


def _new_postgres_store() -> Iterator[str]:
    import psycopg

    problem = _postgres_problem()
    if problem:
        if os.environ.get("HUMAS_REQUIRE_POSTGRES") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    _drop_schemas_of_finished_runs()
    schema = f"{SCHEMA_PREFIX}{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_SERVER, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES_SERVER}?schema={schema}"
        gc.collect()  # an application a test forgot to close lets go of its connections
        held = _connections_held()
        assert held <= MAX_CONNECTIONS, (
            f"this test run holds {held} PostgreSQL connections (at most {MAX_CONNECTIONS}): "
            "close what you open (adapters.bootstrap.close_application)"
        )
    finally:
        with psycopg.connect(POSTGRES_SERVER, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _connections_held() -> int:
    import psycopg

    with psycopg.connect(POSTGRES_SERVER, autocommit=True, application_name="humas-count") as db:
        row = db.execute(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = %s", (RUN_NAME,)
        ).fetchone()
    return int(row[0]) if row else 0


_swept = False


def _drop_schemas_of_finished_runs() -> None:
    """Drop test schemas of runs on this machine that are no longer running (a run
    killed before its teardown leaves its schema behind)."""
    global _swept
    if _swept:
        return
    _swept = True
    import psycopg

    with psycopg.connect(POSTGRES_SERVER, autocommit=True) as connection:
        names = [row[0] for row in connection.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname ~ '^humas_test_[0-9]+_'"
        )]  # fmt: skip
        for name in names:
            pid = int(name.split("_")[2])
            if not _running(pid):
                connection.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty store of each kind."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
    else:
        yield from _new_postgres_store()


@pytest.fixture
def postgres_store_url() -> Iterator[str]:
    """A new, empty PostgreSQL store, for what only PostgreSQL has (its own tables, logins)."""
    yield from _new_postgres_store()


@pytest.fixture
def app(store_url: str):
    from adapters.bootstrap import close_application, open_application
    from adapters.store import parse_store

    application = open_application(parse_store(store_url))
    yield application
    close_application(application)


@pytest.fixture
def memory_app():
    """The application on the library's in-memory store: use-case tests need no database
    (store-facing tests use ``app``, on both stores)."""
    from adapters.bootstrap import close_application, open_in_memory_application

    application = open_in_memory_application()
    yield application
    close_application(application)


@pytest.fixture
def demo(store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """A store of each kind holding what ``humas demo`` records, and what it printed."""
    from tests.cli import humas

    monkeypatch.chdir(tmp_path)  # a PostgreSQL demo writes its report in the working folder
    result = humas(store_url, "demo", actor=None)
    assert result.code == 0, result.err
    return store_url, result.out


@pytest.fixture
def officer():
    from domain.model.provenance import Recorder

    return Recorder(actor="Bripka Ani Lestari")


@pytest.fixture
def shared_seed() -> Path:
    seed = SHARED / "seed"
    if not seed.is_dir():
        pytest.skip(f"the shared seed folder {seed} is absent")
    return seed


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the settings, store or actor of the person running it."""
    monkeypatch.setenv("HUMAS_CONFIG", str(tmp_path / "settings" / "config.json"))
    monkeypatch.delenv("HUMAS_STORE", raising=False)
    monkeypatch.delenv("HUMAS_ACTOR", raising=False)
