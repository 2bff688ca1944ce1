"""The core's exceptions. The CLI turns each into an exit status in one place (cli.main)."""

from __future__ import annotations


class CantradeError(Exception):
    """Base class: a problem the user can fix. Exit status 2, one line on stderr."""

    exit_code = 2


class UsageError(CantradeError):
    """A bad option value or query (empty query, --limit 0, unknown topic or source)."""


class CorpusError(CantradeError):
    """The corpus cannot be read: missing path, no text files, unreadable folder."""


class TopicsFileError(CantradeError):
    """A --topics file that is missing or not valid TOML of the expected shape."""


class FactNotFound(CantradeError):
    """`show` of an id that is not in the corpus."""
