"""The read model: tables beside the events, in the same store, for listing and lookup.

Rows are made by event handlers (adapters/projection.py): each event changes one row.
A command's events and the rows they change are written in ONE transaction: the store's
event recorder calls :meth:`SqlReadModel.project_saved` inside its own transaction, so
a failure leaves neither events nor rows, and SQLite waits for the disk once. The read
model's position (the last event it holds) moves in that same transaction.

Events recorded by other means (an older humas, a store whose read model was rebuilt)
are caught up by :meth:`SqlReadModel.catch_up`, in batches: decode, apply, write many
rows to a statement, move the position, commit.

A read-only store (auditors, ``--read-only``) reads the stored rows as they are; only
when events were recorded after the read model's position does it copy the rows into a
private in-memory database and apply those later events there."""

from adapters.read_model.queries import Queries
from adapters.read_model.rebuilding import Rebuilding


class SqlReadModel(Rebuilding, Queries):
    """The read model: the rows kept by :class:`Projecting` (and made anew by
    :class:`Rebuilding`), read by :class:`Queries`."""

    def frozen_at(self, position: int) -> "SqlReadModel":
        """A private read model of the store as it stood at ``position``."""
        return SqlReadModel(self.app, in_memory=True, until=position)
