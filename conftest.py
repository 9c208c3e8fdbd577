"""Store fixtures: every store-facing test runs on SQLite and on PostgreSQL.

PostgreSQL tests use a fresh schema in the ``test`` database of the server at
127.0.0.1:5432 (or ``HUMAS_TEST_POSTGRES``). Where no server answers they skip,
saying so, unless ``HUMAS_REQUIRE_POSTGRES=1`` (set by CI), where they fail.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

POSTGRES_SERVER = os.environ.get("HUMAS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
SHARED = Path(__file__).resolve().parent.parent / "shared"


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
    schema = f"humas_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_SERVER, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES_SERVER}?schema={schema}"
    finally:
        with psycopg.connect(POSTGRES_SERVER, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


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
    from adapters.bootstrap import open_application
    from adapters.store import parse_store

    application = open_application(parse_store(store_url))
    yield application
    application.read_model.close()
    application.close()


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
