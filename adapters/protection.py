"""Protecting a store: encryption at rest (``HUMAS_CIPHER_KEY``) and read-only opening.

Both are settings of the eventsourcing library's persistence, made here so that every
way of opening a store (the commands, the demo, tests, benchmarks) gets them alike.

- With a key, the library encrypts every stored event with AES-GCM
  (``eventsourcing.cipher:AESCipher``); the read model encrypts its documents with the
  same cipher (see ``adapters/read_model/``).
- Read-only opens SQLite with ``mode=ro`` and PostgreSQL with
  ``default_transaction_read_only``, and creates no table.
"""

import json
from base64 import b64decode
from binascii import Error as Base64Error

from eventsourcing.application import Application
from eventsourcing.persistence import PersistenceError

from adapters.store import StoreConfig, StoreError, read_only_uri

KEY_VARIABLE = "HUMAS_CIPHER_KEY"
CIPHER_TOPIC = "eventsourcing.cipher:AESCipher"
KEY_BYTES = 32  # AES-256


def new_key() -> str:
    """A fresh random key, base64, for ``HUMAS_CIPHER_KEY``."""
    from eventsourcing.cipher import AESCipher

    return AESCipher.create_key(KEY_BYTES)


def store_env(config: StoreConfig, *, read_only: bool, key: str | None) -> dict[str, str]:
    """The library's settings for this store, this key, this mode.

    The library reads ``HUMAS_``-prefixed settings before plain ones, from the process
    environment too, so both cipher settings are always given: no key means no cipher,
    whatever the environment holds."""
    if key:
        _check_key(key)
    env = dict(config.env)
    env["MAPPER_TOPIC"] = "adapters.audit.mapper:SealsInClearMapper"
    env["HUMAS_CIPHER_TOPIC"] = CIPHER_TOPIC if key else ""
    env["HUMAS_CIPHER_KEY"] = key or ""
    if read_only:
        env["HUMAS_CREATE_TABLE"] = "false"
        if config.kind == "sqlite":
            env["SQLITE_DBNAME"] = read_only_uri(config.location)
        else:
            env["PERSISTENCE_MODULE"] = "adapters.postgres_store:ReadOnlyPostgresFactory"
    return env


def _check_key(key: str) -> None:
    try:
        size = len(b64decode(key.encode(), validate=True))
    except (Base64Error, ValueError):
        size = -1
    if size not in (16, 24, 32):
        raise StoreError(
            "{variable} is not a key (16, 24 or 32 bytes in base64); make one with: humas store new-key",
            variable=KEY_VARIABLE,
        )


def check_key_opens(app: Application, location: str) -> None:
    """Refuse, in one line, a store the key does not open (or that needs one).

    The first and the latest stored events are tried: one readable event is enough,
    since a record damaged by hand is the audit's business, not a key problem."""
    recorder = app.recorder
    try:
        first = recorder.select_notifications(start=None, limit=5)
        last_position = recorder.max_notification_id() or 0
        latest = recorder.select_notifications(start=max(last_position - 20, 0), limit=21)
    except (ValueError, TypeError, PersistenceError) as error:
        if isinstance(error, PersistenceError) and "decode" not in str(error):
            raise  # the store cannot be opened at all
        # a record changed by hand into something the library cannot read (an id that
        # is no id, text that is no UTF-8, a NULL state): `audit verify` names it
        return
    if not first:
        return
    # Seals are stored in clear (adapters/audit/mapper.py): they say nothing of the key.
    # A row changed by hand (a NULL topic or state) says nothing of it either.
    samples = [
        n
        for n in (*first, *latest)
        if isinstance(n.topic, str)
        and isinstance(n.state, bytes)
        and not n.topic.startswith("humas:Seal.")
    ]
    if not samples:
        return
    samples = [samples[0], samples[-1]]
    for sample in samples:
        try:
            app.mapper.to_domain_event(sample)
        except Exception:
            continue
        return
    plain = _is_plain(samples[0].state)
    if app.mapper.cipher is not None:
        if plain:
            raise StoreError(
                "store {location} is not encrypted, but {variable} is set: unset it to open this store",
                location=location,
                variable=KEY_VARIABLE,
            )
        raise StoreError(
            "{variable} does not open store {location}: it was encrypted with another key",
            variable=KEY_VARIABLE,
            location=location,
        )
    if not plain:
        raise StoreError(
            "store {location} is encrypted: set {variable} to its key",
            location=location,
            variable=KEY_VARIABLE,
        )


def _is_plain(state: bytes) -> bool:
    try:
        return isinstance(json.loads(state), dict)
    except ValueError:
        return False
