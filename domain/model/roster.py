"""The roster (daftar personel): who may do what in this store, kept as events.

Roles guard against honest mistakes and keep a record of who did what; they do not
stop someone with direct write access to the database (tamper evidence is the audit's
job). Until the first entry exists every actor may write, so a single officer on a
laptop needs no roster.
"""

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.model.errors import InvalidValue, Refused
from domain.model.provenance import Provenance
from domain.model.snapshots import TypedSnapshot
from domain.model.streams import ROSTER_ID
from domain.model.values import Role

ROLES = tuple(role.value for role in Role)

# What each action needs; auditors appear nowhere because they only read.
PERMISSIONS: dict[str, tuple[str, ...]] = {
    "write": ("officer", "supervisor"),  # log, correct, cancel, import
    "review": ("supervisor",),
    "roster": ("supervisor",),
    "seal": ("supervisor",),
    "settle": ("supervisor",),  # settle a record's flags
    "rebuild": ("officer", "supervisor"),  # rewrites the read model's tables
}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Roster(Aggregate):
    TOPIC = "humas:Roster"
    Snapshot = TypedSnapshot  # restores enums, places and tuples as they were
    id: UUID  # given when created (the library then expects it), not drawn at random

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:Roster.Event"
        class_version = 1  # raise it with an upcaster when the shape changes (see activity.py)

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:Roster.Created"

    @classmethod
    def start(cls) -> "Roster":
        return cls(id=ROSTER_ID)  # type: ignore[call-arg]

    @event("Started", topic="humas:Roster.Started")
    def __init__(self) -> None:
        self.members: dict[str, dict[str, str]] = {}

    def role_of(self, name: str) -> str | None:
        member = self.members.get(_key(name))
        return member["role"] if member else None

    def check(self, actor: str, action: str) -> None:
        """Refuse ``action`` unless ``actor``'s role allows it (anyone, while empty)."""
        if not self.members:
            return
        needed = PERMISSIONS[action]
        role = self.role_of(actor)
        if role in needed:
            return
        roles = " or ".join(needed)
        if role is None:
            raise Refused("role-needed-not-listed", action=action, roles=roles, actor=actor)
        article = "an" if role in ("officer", "auditor") else "a"
        raise Refused(
            "role-needed", action=action, roles=roles, actor=actor, article=article, role=role
        )

    def add(self, actor: str, name: str, role: str) -> None:
        if role not in ROLES:
            raise InvalidValue("not-one-of", field="role", got=repr(role), choices=", ".join(ROLES))
        if not name.strip():
            raise InvalidValue("name-empty", field="name")
        if not self.members and role != "supervisor":
            raise Refused("first-must-be-supervisor")
        self.check(actor, "roster")
        if _key(name) in self.members:
            raise Refused("already-on-roster", name=name, role=self.role_of(name))
        self._add(name=" ".join(name.split()), role=role)

    @event("MemberAdded", topic="humas:Roster.MemberAdded")
    def _add(self, name: str, role: str) -> None:
        self.members[_key(name)] = {"name": name, "role": role}

    def remove(self, actor: str, name: str, reason: str) -> None:
        self.check(actor, "roster")
        if not reason.strip():
            raise InvalidValue("removal-needs-reason", field="reason")
        if _key(name) not in self.members:
            raise Refused("not-on-roster", name=name)
        supervisors = [m for m in self.members.values() if m["role"] == "supervisor"]
        if self.role_of(name) == "supervisor" and len(supervisors) == 1:
            raise Refused("last-supervisor")
        self._remove(name=self.members[_key(name)]["name"], reason=reason)

    @event("MemberRemoved", topic="humas:Roster.MemberRemoved")
    def _remove(self, name: str, reason: str) -> None:
        del self.members[_key(name)]

    def summary(self) -> list[dict[str, Any]]:
        return sorted(self.members.values(), key=lambda member: (member["role"], member["name"]))
