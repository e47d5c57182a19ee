"""Expected failures: a DomainError carries a Vietnamese message the UI shows as it is."""


class DomainError(Exception):
    """A rule was broken or the input is wrong; nothing was written."""

    def __init__(self, message: str, *, field: str | None = None, details: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details

    def __str__(self) -> str:
        return self.message


class PermissionDenied(DomainError):
    """The signed-in account's role may not do this."""


class NotFound(DomainError):
    """The record asked for does not exist."""


class DatabaseTooNew(DomainError):
    """The database was written by a newer version of the program."""
