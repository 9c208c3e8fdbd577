"""Errors the domain raises; adapters turn them into one line for a person."""


class DomainError(Exception):
    """A request the domain refuses. ``field`` names the input at fault, when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidValue(DomainError):
    """A value that breaks a rule of the domain (negative count, end before start …)."""


class NotFound(DomainError):
    """A reference that matches no record, or more than one."""


class Refused(DomainError):
    """A change that no longer makes sense, e.g. correcting a cancelled activity."""


class Conflict(DomainError):
    """A change that lost a race too many times, or a name that is taken."""


class RecordsRefused(DomainError):
    """Some records of a batch break the rules, so none of the batch is written.

    ``problems`` are (index of the record in the batch, field or None, message), all of
    them at once, so the sender can fix the file in one go."""

    def __init__(self, problems: list[tuple[int, str | None, str]]) -> None:
        super().__init__(f"{len(problems)} record(s) refused")
        self.problems = problems
