"""The rules that decide, each written once and used by every part that needs it:
the use cases, the read model's SQL, the reports.

- what counts in figures: not cancelled, and recorded or confirmed by a person;
- the unit an activity counts for: its organiser, else the first unit listed;
- planned or conducted: a day after today (by the application's one clock) is planned;
- the review steps every reviewable record (activity, incident) takes.
"""

from collections.abc import Callable, Sequence
from datetime import date

from domain.model.errors import InvalidValue, Refused
from domain.model.values import AWAITING_REVIEW, COUNTED_REVIEWS, Lifecycle, Review

# An opening parade or a preparation drill held up to this many days before an
# operation starts belongs to it ("dalam rangka kesiapan Operasi …"); anything earlier
# does not.
PREPARATION_DAYS = 14
# What may happen before an operation starts (within PREPARATION_DAYS): its drills,
# its launch and the deployments that prepare it.
PREPARATION_CATEGORIES = ("simulation", "operation_launch", "deployment")

# The application's clock: every "is this day still ahead?" asks it, so a test (or an
# auditor reproducing a past report) can set one day for all of them.
Clock = Callable[[], date]


def counts_in_figures(status: str | None, review: str | None, verified_only: bool = False) -> bool:
    """Whether a record counts in reports: ``proposed`` records (made by the machine from
    news) count once a person accepts them; rejected, merged and cancelled never count."""
    if status == Lifecycle.CANCELLED:
        return False
    if verified_only:
        return review == Review.VERIFIED
    return review in COUNTED_REVIEWS


def counted_sql(status: str = "status", review: str = "review") -> str:
    """:func:`counts_in_figures` as an SQL condition on the read model's columns."""
    reviews = ", ".join(f"'{value.value}'" for value in COUNTED_REVIEWS)
    return f"{status} <> '{Lifecycle.CANCELLED.value}' AND {review} IN ({reviews})"


def organiser_of(organiser: str | None, units: Sequence[str] | None) -> str | None:
    """The unit an activity counts for: its organiser, else the first unit listed
    (officers list the organising unit first)."""
    for name in (organiser, *(units or ())):
        if name and name.strip():
            return name.strip()
    return None


def lifecycle_on(day: date | None, today: date) -> Lifecycle:
    """A new record's lifecycle: planned when its day is still ahead, else conducted."""
    return Lifecycle.PLANNED if day is not None and day > today else Lifecycle.CONDUCTED


def check_review_step(record: str, current: Review, decision: Review, reason: str | None) -> None:
    """The review state machine of activities and incidents alike: a proposed or reported
    record becomes verified or rejected, a rejection with its reason; nothing else."""
    if current not in AWAITING_REVIEW:
        raise Refused("already-decided", record=record, status=current.value)
    if decision is Review.REJECTED and not (reason or "").strip():
        raise InvalidValue("rejection-needs-reason", field="reason")
