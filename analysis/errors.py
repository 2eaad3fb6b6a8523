"""User-facing input errors.

Every problem found in a user's file is a :class:`Problem` that prints as
``FILE:ROW:COLUMN: message`` (ROW as the user sees it in the file: the header is
row 1, the first data row is row 2). Functions collect *all* problems and raise one
:class:`InputError`; the CLI prints them one per line and exits with status 1,
never with a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from analysis.i18n import DEFAULT_LANG, t


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell (or row, or file) of a user's input."""

    file: str
    row: int | None
    column: str | None
    message: str
    #: The catalogue key of the message (:mod:`analysis.i18n`) and its values, when the problem
    #: was made with :meth:`said`: :meth:`text` then gives the message in any language.
    key: str | None = field(default=None, compare=False, repr=False)
    params: tuple = field(default=(), compare=False, repr=False)

    @classmethod
    def said(cls, file: str, row: int | None, column: str | None, key: str, /, lang: str = DEFAULT_LANG,
             **params) -> "Problem":
        """A problem whose message is the catalogue text ``key`` in ``lang`` (Chinese by default),
        kept as a key so that :meth:`text` and :meth:`line` can say it in the reader's language
        (for code that raises without knowing the language, such as the target-list reader)."""
        return cls(file, row, column, t(key, lang, **params), key, tuple(params.items()))

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The message in ``lang`` (the message as made, when it was not made from a key)."""
        return t(self.key, lang, **dict(self.params)) if self.key else self.message

    def line(self, lang: str = DEFAULT_LANG) -> str:
        """``FILE:ROW:COLUMN: message`` with the message in ``lang``."""
        return f"{self._where()}{self.text(lang)}"

    def _where(self) -> str:
        row = "" if self.row is None else str(self.row)
        col = "" if self.column is None else str(self.column)
        return f"{self.file}:{row}:{col}: "

    def __str__(self) -> str:
        return f"{self._where()}{self.message}"


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
