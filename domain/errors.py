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
