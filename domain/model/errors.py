"""Errors the domain raises; adapters turn them into one line for a person.

An error carries a code and values, never a finished sentence: the words are in
``MESSAGES`` (English, with ``{name}`` fields) and the command line says them in the
reader's language from its catalogue (adapters/cli/i18n.py). ``message`` is the English
sentence, for logs and for the English-only channels (JSON, news problems).
"""

from datetime import date
from typing import Any

MESSAGES: dict[str, str] = {
    # value rules (domain/model/rules.py)
    "not-whole-number": "must be a whole number, got {got}",
    "count-out-of-range": "must be a whole number from 0 to {limit}, got {got}",
    "date-missing": "the date is missing",
    "date-too-early": "{day} is before {first}",
    "date-too-late": "{day} is more than {years} years ahead (after {latest})",
    "not-text": "must be text, got {got}",
    "empty": "must not be empty",
    "too-long": "is {length} characters long; at most {limit}",
    "control-character": "contains the control character {character}",
    "not-one-line": "must be a single line",
    "empty-reference": "an empty reference matches nothing",
    "reference-too-long": "is {length} characters long; a reference has at most {limit}",
    "reference-not-one-line": "a reference is one line without control characters",
    "not-time-of-day": "{got} is not a time of day HH:MM (WIB, WITA or WIT)",
    "period-reversed": "the period ends ({last}) before it starts ({first})",
    "unknown-kind": "unknown kind {got}; choose one of {kinds} (or {aliases})",
    "not-one-of": "{got} is not one of {choices}",
    "unknown-field": "unknown field {name}",
    # activities
    "kind-missing": "the kind is missing",
    "title-missing": "the title is missing",
    "title-empty": "the title must not be empty",
    "occurred-on-missing": "the occurred on is missing",
    "scenario-only-simulation": "only a simulation has a scenario",
    "correction-needs-reason": "a correction needs a reason",
    "nothing-to-correct": "nothing to correct: every value given is already recorded",
    "already-conducted": "the activity is already recorded as conducted",
    "cancellation-needs-reason": "a cancellation needs a reason",
    "activity-cancelled": "activity {id} was cancelled, so it cannot be {what}",
    "activity-merged": "activity {id} was merged into {into}, so it cannot be {what}; "
    "change that one instead",
    "coverage-already-linked": "coverage item {id} is already linked",
    "merge-into-itself": "an activity cannot be merged into itself",
    "merge-rejected": "a rejected activity cannot take part in a merge",
    "merge-other-kind": "{kind} and {other} are different kinds: not one activity",
    # review
    "already-decided": "{record} is already {status}",
    "rejection-needs-reason": "a rejection needs a reason",
    "not-awaiting-review": "{got} does not wait for review; use {waiting}",
    "accepted-as-is": "an {sort} is accepted as it is; reject it if it is wrong",
    "not-activity-or-incident": "{ref} is not an activity or an incident",
    # roster
    "role-needed": "{action} needs the {roles} role; {actor} is {article} {role}",
    "role-needed-not-listed": "{action} needs the {roles} role; {actor} is not on the roster",
    "name-empty": "the name must not be empty",
    "first-must-be-supervisor": "the first person on the roster must be a supervisor",
    "already-on-roster": "{name} is already on the roster as {role}",
    "removal-needs-reason": "a removal needs a reason",
    "not-on-roster": "{name} is not on the roster",
    "roster-empty": "{name} is not on the roster: the roster is empty",
    "last-supervisor": "the last supervisor cannot be removed; add another one first",
    # units
    "unit-name-empty": "the unit's name must not be empty",
    "unit-listed": "{name} is already on the unit list",
    "unit-above-unlisted": "{name} is not on the unit list; add it first",
    "unit-unlisted": "{name} is not on the unit list (humas unit add)",
    # operations
    "slug-needs-letter": "the slug needs at least one letter or digit",
    "revision-needs-reason": "a revision needs a reason",
    "nothing-to-revise": "nothing to revise: give --start, --end or --days",
    "operation-closed": "operation {slug} is already closed",
    "days-not-positive": "the number of days must be positive",
    "alias-taken": "{ref} already names an operation",
    "alias-names-record": "{alias} already names a record",
    "slug-taken": "an operation with slug {slug} exists",
    # flags
    "settling-needs-reason": "settling a flag needs a reason",
    "no-open-flag": "{record} has no open flag {code}",
    "not-flagged-record": "{ref} is not an operation, activity or incident",
    # references and the store
    "no-match": "no {sort} matches {ref}",
    "no-match-but-longer": "no operation matches {ref}; did you mean {names}? Write its "
    "slug or whole name, or add {ref} as an alias (humas operation add-alias)",
    "id-too-short": "no {sort} matches {ref}; an id is typed with at least {least} of its "
    "first characters",
    "ambiguous": "{ref} matches {count} records; type more of the id",
    "kept-changing": "record {id} kept changing under us; try again",
    "records-kept-changing": "the records kept changing under us; try again",
    "rebuild-read-only": "the store is opened read-only: store rebuild rewrites its read model",
    "store-read-only": "the store is opened read-only (--read-only, or a login that may only "
    "read): this command writes",
    "seal-needs-reason": "give the reason for sealing records humas never saved",
    "foreign-records": "{count} records were not saved by humas (positions {positions}): "
    "see humas audit verify; a supervisor may seal them anyway with "
    "--accept-foreign --reason TEXT",
    # reports
    "not-iso-week": "{got} is not an ISO week such as 2023-W42",
    "report-period-reversed": "the period ends before it starts",
    "records-refused": "{count} record(s) refused",
    "same-report": "the same report as record {record}",
}

# Values that are themselves words (what an action is called): said in the reader's
# language too.
ACTIONS = {
    "write": "recording or changing records",
    "review": "reviewing records",
    "roster": "changing the roster",
    "seal": "sealing the store",
    "rebuild": "rebuilding the read model",
    "settle": "settling flags",
}
# The roles an action needs ("needs the {roles} role"), as domain/model/roster.py joins them.
ROLE_CHOICES = {
    "officer or supervisor": "officer or supervisor",
    "supervisor": "supervisor",
}
# What a refused change would have done to a record ("cannot be {what}").
CHANGES = {
    "corrected": "corrected",
    "marked as conducted": "marked as conducted",
    "cancelled": "cancelled",
    "linked to coverage": "linked to coverage",
    "verified": "verified",
    "rejected": "rejected",
    "merged": "merged",
    "merged into": "merged into",
}
# What kind of record a reference was looked up among ("no {sort} matches").
SORTS = {
    "record": "record",
    "activity": "activity",
    "operation": "operation",
    "incident": "incident",
    "coverageitem": "coverage item",
}
WORDS = {"action": ACTIONS, "what": CHANGES, "sort": SORTS, "roles": ROLE_CHOICES}


def english(value: Any) -> str:
    """A value as the English message writes it."""
    if isinstance(value, bool) or not isinstance(value, int | date):
        return str(value)
    return value.isoformat() if isinstance(value, date) else f"{value:,}"


class DomainError(Exception):
    """A request the domain refuses: ``code`` (a key of MESSAGES) with its ``values``.
    ``field`` names the input at fault, when there is one."""

    def __init__(self, code: str, /, field: str | None = None, **values: Any) -> None:
        self.code = code
        self.field = field
        self.values = values
        shown = {
            name: WORDS[name].get(str(value), str(value)) if name in WORDS else english(value)
            for name, value in values.items()
        }
        self.message = MESSAGES[code].format_map(shown)
        super().__init__(self.message)


class InvalidValue(DomainError):
    """A value that breaks a rule of the domain (negative count, end before start …)."""


class NotFound(DomainError):
    """A reference that matches no record, or more than one."""


class Refused(DomainError):
    """A change that no longer makes sense, e.g. correcting a cancelled activity."""


class Conflict(DomainError):
    """A change that lost a race too many times, or a name that is taken."""


class StoreReadOnly(DomainError):
    """A write on a store opened read-only: the store cannot take it, whoever asks (the
    command line says so as a store's refusal, exit 1, not as the person's mistake)."""


class RecordsRefused(DomainError):
    """Some records of a batch break the rules, so none of the batch is written.

    ``problems`` are (index of the record in the batch, field or None, the error), all
    of them at once, so the sender can fix the file in one go."""

    def __init__(self, problems: list[tuple[int, str | None, DomainError]]) -> None:
        super().__init__("records-refused", count=len(problems))
        self.problems = problems
