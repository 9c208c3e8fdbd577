"""What activities and incidents share as records a supervisor reviews: the review steps
(verify, reject) and the flags a supervisor settles.

Each record declares its own ``Verified``, ``Rejected`` and ``FlagResolved`` classes, as
each stores them under its own topic (``humas:Activity.Verified``,
``humas:Incident.Verified``); their fields, versions and what they do to the record are
written once here, as the bases those classes stand on.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from domain.flags import StoredFlag, check_settling, not_among, raised, settled
from domain.model.errors import InvalidValue
from domain.model.policies import check_review_step
from domain.model.provenance import reason_not_kept
from domain.model.values import Review

if TYPE_CHECKING:
    from uuid import UUID


@dataclass(frozen=True)
class Verification:
    """A supervisor confirmed the record. Version 2 keeps the supervisor's reason."""

    reason: str | None

    class_version = 2
    upcast_v1_v2 = staticmethod(reason_not_kept)

    def apply(self, record: "Reviewed") -> None:
        record.review = Review.VERIFIED


@dataclass(frozen=True)
class Rejection:
    """A supervisor rejected the record, saying why."""

    reason: str

    def apply(self, record: "Reviewed") -> None:
        record.review = Review.REJECTED
        record.review_reason = self.reason


@dataclass(frozen=True)
class FlagSettling:
    """A supervisor checked a doubt: every open flag of ``code`` on the record is settled."""

    code: str
    by: str
    reason: str
    at: str

    def apply(self, record: "Reviewed") -> None:
        record.flag_entries = settled(
            record._flag_entries(), self.code, self.by, self.reason, self.at
        )


class Reviewed:
    """Mixed into a reviewable aggregate, which declares ``Verified``, ``Rejected`` and
    ``FlagResolved`` on the bases above and names itself in ``NOUN``."""

    NOUN: str  # how messages call the record: "activity", "incident"
    review: Review
    review_reason: str | None
    flags: list[StoredFlag]
    flag_entries: list[dict[str, Any]]

    if TYPE_CHECKING:
        id: UUID
        Verified: type[Any]
        Rejected: type[Any]
        FlagResolved: type[Any]

        def trigger_event(self, event_class: type[Any], **kwargs: Any) -> None: ...

    def _name(self) -> str:
        return f"{self.NOUN} {str(self.id)[:8]}"

    def _refuse_if_merged(self, what: str) -> None:
        """Refuse ``what`` on a record merged into another (a record that merges says how)."""

    def _fix(
        self, fixes: dict[str, Any], reason: str, flags: list[StoredFlag] | None = None
    ) -> None:
        """Change fields on review (a record that takes fixes says how); ``flags``: the
        doubts the new values raise."""
        raise InvalidValue("accepted-as-is", sort=self.NOUN)

    def verify(
        self,
        fixes: dict[str, Any] | None = None,
        reason: str | None = None,
        flags: list[StoredFlag] | None = None,
    ) -> None:
        """A supervisor confirms the record, fixing fields in the same step if needed;
        ``reason`` says why (the fixes' reason, and kept on the verification); ``flags``:
        the doubts the fixes raise (a day moved outside the operation)."""
        self._refuse_if_merged("verified")
        check_review_step(self._name(), self.review, Review.VERIFIED, reason)
        reason = reason.strip() if reason and reason.strip() else None
        if fixes:
            self._fix(fixes, reason or "fixed on review", flags)
        self.trigger_event(self.Verified, reason=reason)

    def reject(self, reason: str) -> None:
        self._refuse_if_merged("rejected")
        check_review_step(self._name(), self.review, Review.REJECTED, reason)
        self.trigger_event(self.Rejected, reason=reason)

    def _flag_entries(self) -> list[dict[str, Any]]:
        """The flags with how each stands (a snapshot taken before flags could be
        settled has the flags only)."""
        return getattr(self, "flag_entries", None) or raised([], self.flags, None)

    def _raise_flags(self, flags: list[Any], source: str) -> None:
        """Flags a source raised: each on the record once, its entry naming the source."""
        self.flags.extend(not_among(flags, self.flags))
        self.flag_entries = raised(self._flag_entries(), flags, source)

    def resolve_flag(self, code: str, by: str, reason: str, at: str) -> None:
        """A supervisor has checked the doubt: every open flag of ``code`` is settled."""
        check_settling(self._flag_entries(), code, reason, self._name())
        self.trigger_event(self.FlagResolved, code=code, by=by, reason=reason, at=at)
