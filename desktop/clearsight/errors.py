"""The two kinds of error (house style 5).

A ``UserError`` is something the user can fix: a locked or full disk, a bad import file, a
missing owner. It carries a message fit to show as is, and the CLI turns it into exit code 2.
Anything else is a bug and is logged with its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is the message to show."""


class InputError(UserError):
    """Bad input (a file, an argument, a field), with every problem found, each with its place."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s), nothing was changed:\n{lines}")

    def __reduce__(self) -> tuple[type, tuple[str, list[str]]]:  # from a child process
        return (type(self), (self.source, self.problems))


class StoreError(UserError):
    """The database could not be read or written; the edit in memory is kept for a retry."""

    def __init__(self, message: str, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable

    def __reduce__(self) -> tuple[type, tuple[str, bool]]:
        return (type(self), (str(self), self.retryable))
