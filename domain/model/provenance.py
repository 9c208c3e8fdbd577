"""Who recorded an event, and through which channel.

Every event carries its provenance. The application sets it around each use case
with :func:`recording_as`; the event classes pick it up when they are created, as
the eventsourcing library's content-management example does for its user id.
Stored events keep the values they were created with, so replay never consults
the context.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

CHANNELS = ("cli", "news", "field-report")

_actor: ContextVar[str] = ContextVar("humas_actor", default="")
_via: ContextVar[str] = ContextVar("humas_via", default="cli")


@dataclass(frozen=True)
class Provenance:
    """Mixed into every event class: ``actor`` and the channel it came ``via``."""

    actor: str = field(default_factory=lambda: _actor.get(), init=False)
    via: str = field(default_factory=lambda: _via.get(), init=False)


@dataclass(frozen=True)
class Recorder:
    """The person (and channel) on whose behalf the application records events."""

    actor: str
    via: str = "cli"


@contextmanager
def recording_as(recorder: Recorder) -> Iterator[None]:
    actor_token = _actor.set(recorder.actor)
    via_token = _via.set(recorder.via)
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _via.reset(via_token)


def reason_not_kept(state: dict[str, Any]) -> None:
    """Upcast an event from before it kept the actor's reason: no reason was given."""
    state["reason"] = None
