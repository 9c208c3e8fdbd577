"""The one place that wires a ready application: store, read model, settings."""

import os
from collections.abc import Callable

from adapters.store import (
    HUMAS,
    StoreConfig,
    StoreError,
    cannot_open,
    missing_store,
    prepare_new_store,
    probe,
)
from domain.application import HumasApplication


def open_application(
    config: StoreConfig,
    *,
    read_only: bool = False,
    cipher_key: str | None = None,
    key_optional: bool = False,
) -> HumasApplication:
    """``read_only``: nothing is written, not even the read model, which then lives in
    memory, caught up from the events when a command needs it. ``cipher_key`` (default
    ``$HUMAS_CIPHER_KEY``) encrypts what is stored. ``key_optional``: an encrypted store
    opens without its key too, for what needs only the stored bytes (``audit verify``).

    The caller closes what this opens: ``close_application``."""
    from eventsourcing.persistence import PersistenceError

    from adapters.protection import KEY_VARIABLE, check_key_opens, store_env
    from adapters.read_model import SqlReadModel

    key = os.environ.get(KEY_VARIABLE) if cipher_key is None else cipher_key
    env = store_env(config, read_only=read_only, key=key)
    if config.kind == "postgresql":
        # Made below, and only when missing: the library's CREATE … IF NOT EXISTS on every
        # open takes catalogue locks that make officers' commands queue behind each other.
        env["HUMAS_CREATE_TABLE"] = "false"
    app: HumasApplication | None = None
    try:
        if config.kind == "sqlite" and not read_only:
            prepare_new_store(config)  # its folder; a PostgreSQL schema is made on purpose
        app = HumasApplication(env=env)
        app.read_only = read_only
        if config.kind == "postgresql" and not read_only:
            _create_missing_tables(app)
        try:
            check_key_opens(app, config.location)
        except StoreError:
            if key or not key_optional:
                raise
            app.without_key = True
        app.attach(SqlReadModel(app))
    except (PersistenceError, OSError) as error:
        if app is not None:
            app.close()
        raise cannot_open(config, error) from None
    except BaseException:
        if app is not None:
            app.close()
        raise
    return app


def open_in_memory_application() -> HumasApplication:
    """The application on the library's in-memory (POPO) store, with a read model in
    memory made by the same handlers: for use-case tests that need no database."""
    from adapters.read_model import SqlReadModel

    app = HumasApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.attach(SqlReadModel(app))
    return app


def open_for_command(
    config: StoreConfig,
    *,
    writing: bool,
    read_only: bool = False,
    announce: Callable[..., None] = lambda template, **values: None,
    key_optional: bool = False,
) -> HumasApplication:
    """Open the store the way a command needs it.

    A command that only reads never creates a store: a missing one is an error. The
    first write creates it (and its PostgreSQL schema), and ``announce`` says so once (its
    words with ``{name}`` fields, and their values: the command line translates them).
    A login the server lets only read (an auditor's role) opens the store read-only
    by itself. Anything that is not a humas store is refused in one line."""
    found = probe(config)
    if found.state == HUMAS:
        if writing and read_only:
            raise StoreError("the store is opened read-only (--read-only): this command writes")
        if writing and not found.writable:
            raise StoreError(
                "the store is opened read-only (the login or the file allows only reading): "
                "this command writes"
            )
        return open_application(
            config, read_only=read_only or not found.writable, key_optional=key_optional
        )
    if not writing or read_only:
        raise missing_store(config)
    if not found.writable:
        raise StoreError(
            "cannot create store {location}: this login may only read", location=config.location
        )
    prepare_new_store(config)
    app = open_application(config)
    announce("created a new humas store at {location}", location=config.location)
    return app


def close_application(app: HumasApplication) -> None:
    """Close the read model and the store's connections (a PostgreSQL server counts them)."""
    read_model = getattr(app, "read_model", None)
    if read_model is not None:
        read_model.close()
    app.close()


def _create_missing_tables(app: HumasApplication) -> None:
    """Create the event and snapshot tables of a PostgreSQL store that lacks them.

    Whether they exist is asked without any lock; only a store that lacks them takes
    a lock, one per store (its schema), so that officers opening a new store at the same
    moment do not race to create them ("tuple concurrently updated")."""
    recorders = [app.recorder, *([app.snapshots.recorder] if app.snapshots else [])]
    datastore = app.recorder.datastore  # type: ignore[attr-defined]
    tables = [recorder.events_table_name for recorder in recorders]  # type: ignore[attr-defined]
    tables += getattr(app.recorder, "own_tables", ())  # humas's digests (adapters/audit/)
    from adapters.postgres_store import missing_tables

    with datastore.get_connection() as connection:
        if not missing_tables(connection, datastore.schema, tables):
            return
        connection.execute("SELECT pg_advisory_lock(hashtext(%s))", (datastore.schema,))
        try:
            for recorder in recorders:
                recorder.create_table()  # type: ignore[attr-defined]
        finally:
            connection.execute("SELECT pg_advisory_unlock(hashtext(%s))", (datastore.schema,))
