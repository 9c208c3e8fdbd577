"""Operations (operasi): plan, revise, name, close, list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from domain.model.errors import Conflict, DomainError
from domain.model.provenance import Recorder, recording_as
from domain.usecases.base import HumasCore

if TYPE_CHECKING:  # loaded when a record needs it (domain/model/topics.py)
    from domain.model.operation import Operation


class OperationUseCases(HumasCore):
    def plan_operation(self, by: Recorder, **values: Any) -> Operation:
        self._require(by, "write")
        with recording_as(by):
            from domain.model.operation import Operation

            operation = Operation.plan(**values)
        for ref in operation.refs():
            if self.read_model.ids_matching(ref):
                field = "slug" if ref == operation.slug else "alias"
                raise Conflict("alias-taken", field=field, ref=repr(ref))
        try:
            self._save(operation)
        except IntegrityError:
            raise Conflict("slug-taken", "slug", slug=repr(operation.slug)) from None
        return operation

    def revise_operation(self, by: Recorder, ref: str, **values: Any) -> Operation:
        return self._change(by, self.operation_id(ref), lambda op: op.revise_period(**values))

    def add_operation_stakeholder(self, by: Recorder, ref: str, organisation: str) -> Operation:
        return self._change(by, self.operation_id(ref), lambda op: op.add_stakeholder(organisation))

    def add_operation_alias(self, by: Recorder, ref: str, alias: str) -> Operation:
        if self.read_model.ids_matching(alias):
            raise Conflict("alias-names-record", field="alias", alias=repr(alias))
        return self._change(by, self.operation_id(ref), lambda op: op.add_alias(alias))

    def close_operation(self, by: Recorder, ref: str, reason: str | None = None) -> Operation:
        return self._change(by, self.operation_id(ref), lambda op: op.close(reason))

    def get_operation(self, ref: str) -> Operation:
        return self.repository.get(UUID(self.operation_id(ref)))

    def list_operations(self) -> list[dict[str, Any]]:
        self.read_model.catch_up()
        return self.read_model.operations()

    def _operation_ids(self, refs: set[str | None]) -> dict[str | None, UUID | DomainError]:
        """The operation each reference means (see :meth:`operation_id`), or why it means
        none; a file names a handful of operations over thousands of rows."""
        found: dict[str | None, UUID | DomainError] = {}
        for ref in refs:
            if not ref:
                continue
            try:
                found[ref] = UUID(self.operation_id(ref))
            except DomainError as error:
                found[ref] = error
        return found
