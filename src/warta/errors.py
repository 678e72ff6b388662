"""Errors that reach the user as one clear line (never a traceback)."""


class WartaError(Exception):
    """Base class for errors reported to the user as one line."""


class InputError(WartaError):
    """The input cannot be read or processed (empty, binary, too large, malformed)."""


class UsageError(WartaError):
    """The command line or the API was called wrongly."""
