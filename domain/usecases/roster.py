"""The roster: who may do what."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventsourcing.application import AggregateNotFoundError

from domain.model.errors import Refused
from domain.model.provenance import Recorder, recording_as
from domain.model.streams import ROSTER_ID
from domain.usecases.base import HumasCore

if TYPE_CHECKING:  # loaded when a record needs it (domain/model/topics.py)
    from domain.model.roster import Roster


class RosterUseCases(HumasCore):
    def add_to_roster(self, by: Recorder, name: str, role: str) -> Roster:
        def add() -> Roster:
            from domain.model.roster import Roster

            try:
                roster: Roster = self.repository.get(ROSTER_ID)
            except AggregateNotFoundError:
                roster = Roster.start()
            with recording_as(by):
                roster.add(by.actor, name, role)
            self._save(roster)
            return roster

        return self._retrying(add)

    def remove_from_roster(self, by: Recorder, name: str, reason: str) -> Roster:
        roster = self._roster()
        if roster is None:
            raise Refused("roster-empty", name=name)
        return self._change(
            by, str(ROSTER_ID), lambda r: r.remove(by.actor, name, reason), action="roster"
        )

    def roster(self) -> list[dict[str, Any]]:
        roster = self._roster()
        return roster.summary() if roster else []
