"""Start-up of the package's own processes: the command line and the explorer's server.

jsonschema, which nbformat, nbclient, nbconvert and jupyter_server import, compiles the ~35
lark grammars of the optional ``rfc3987_syntax`` as soon as it is imported (1-3 s of every
start; python-jsonschema/jsonschema#1428). It only serves the ``"iri"`` string format, which
no schema of these libraries uses. The package's own processes therefore go without it:
jsonschema then simply does not check that format. Code that imports :mod:`analysis` as a
library (a notebook, a researcher's script) is left as it is.
"""

from __future__ import annotations

import sys

__all__ = ["UNUSED_SLOW_IMPORTS", "skip_unused_slow_imports"]

#: Optional modules that libraries import eagerly and that the package's processes never use.
UNUSED_SLOW_IMPORTS: tuple[str, ...] = ("rfc3987_syntax",)


def skip_unused_slow_imports() -> None:
    """Make :data:`UNUSED_SLOW_IMPORTS` unavailable to this process (``import`` raises
    ``ImportError``, which their importers expect), unless one is already imported."""
    for name in UNUSED_SLOW_IMPORTS:
        sys.modules.setdefault(name, None)
