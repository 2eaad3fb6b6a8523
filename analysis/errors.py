"""User-facing input errors.

Every problem found in a user's file is a :class:`Problem` that prints as
``FILE:ROW:COLUMN: message`` (ROW as the user sees it in the file: the header is
row 1, the first data row is row 2). Functions collect *all* problems and raise one
:class:`InputError`; the CLI prints them one per line and exits with status 1,
never with a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell (or row, or file) of a user's input."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "" if self.row is None else str(self.row)
        col = "" if self.column is None else str(self.column)
        return f"{self.file}:{row}:{col}: {self.message}"


class InputError(Exception):
    """Raised with every problem found in the inputs, printed one per line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:  # pragma: no cover - trivial
        return "\n".join(str(p) for p in self.problems)


def display_name(path: str | Path) -> str:
    """The file name as the user typed it (relative when under the cwd)."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
