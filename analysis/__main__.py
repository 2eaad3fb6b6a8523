"""``python -m analysis``: the command line (see :mod:`analysis.cli`)."""

import sys

from analysis import config

config.one_blas_thread()  # before numpy loads (see its docstring); a value the user set is kept

from analysis.cli import main  # noqa: E402


def run() -> int:
    """The ``pingchuan-analysis`` command (the same as ``python -m analysis``)."""
    return main()


if __name__ == "__main__":
    sys.exit(run())
