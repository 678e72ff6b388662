"""Errors that reach the user as one clear line (never a traceback)."""


class WartaError(Exception):
    """Base class for errors reported to the user as one line."""


class InputError(WartaError):
    """The input cannot be read or processed (empty, binary, too large, malformed)."""


class UsageError(WartaError):
    """The command line or the API was called wrongly."""


class QueryError(UsageError):
    """A search the store refuses before running it: too many terms, too short a prefix."""


class QueryTimeout(WartaError):
    """A query the store stopped at its time limit (SQLite progress handler, PostgreSQL
    ``statement_timeout``)."""


class StoreError(WartaError):
    """The archive cannot be used: disk full, read-only, corrupt, not a Warta archive."""


class BudgetError(WartaError):
    """An extraction stopped because it ran past its time budget."""
