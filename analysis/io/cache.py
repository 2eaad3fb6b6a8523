"""Results that are costly to compute and depend only on files and code, computed once.

:func:`memo` keys a result on everything it is computed from: the bytes of its input
files, the source of the whole package (any code change is a new key) and the versions
of the numerical libraries. A result found under its key is read back; otherwise it is
computed and saved (atomically) for the next run. A wrong or stale answer is therefore
impossible short of a SHA-256 collision; what can happen is a recomputation.

Two processes asking for the same result at once (two notebooks, two test workers) take turns:
the second waits for the first (a lock beside the file, :func:`analysis.io.atomic.locked`) and
then reads what it saved instead of computing it again.

Used for the calibration back-test on the real public series (about 5-10 s), which every
report, notebook 05/06 and the figure checks need, and for the national plan check (a few
seconds, also printed by ``python -m analysis backtest``); both change only when the public
series, the calibration file or the code change.

The folder is :func:`analysis.config.cache_dir` (``ANALYSIS_CACHE_DIR``; ``off`` turns
saving and reading off). Files are Python pickles written by this package into the user's
own cache folder; remove the folder to clear it. A folder that cannot be written is not
an error: the result is then computed each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import pickle
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from analysis import config
from analysis.io.atomic import atomic_write, locked

__all__ = ["memo", "key_for"]

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent.parent
_LIBRARIES = ("numpy", "pandas", "scipy", "statsmodels")
_SOURCE_DIGEST: dict[str, str] = {}


def _source_digest() -> str:
    """SHA-256 of every ``.py`` and ``.json`` file of the package (once per process)."""
    if "d" not in _SOURCE_DIGEST:
        h = hashlib.sha256()
        for p in sorted(_PACKAGE.rglob("*")):
            if p.suffix in (".py", ".json") and p.is_file() and "__pycache__" not in p.parts:
                h.update(p.relative_to(_PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
        _SOURCE_DIGEST["d"] = h.hexdigest()
    return _SOURCE_DIGEST["d"]


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def key_for(name: str, inputs: Iterable[str | Path], params: str = "") -> str:
    """The key of ``name`` computed from the files ``inputs`` (a missing file counts as
    missing), the package's source, the libraries' versions and ``params``."""
    h = hashlib.sha256()
    h.update(f"{name}\0{params}\0{_source_digest()}\0".encode())
    h.update(" ".join(f"{lib}={_version(lib)}" for lib in _LIBRARIES).encode() + b"\0")
    for p in sorted(Path(x) for x in inputs):
        h.update(p.name.encode() + b"\0")
        try:
            h.update(hashlib.sha256(p.read_bytes()).digest())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


def memo(name: str, compute: Callable[[], T], *, inputs: Iterable[str | Path], params: str = "") -> T:
    """``compute()``, or the result saved under the same key by an earlier run.

    Parameters
    ----------
    name : str
        What is computed (a file-name-safe word, e.g. ``"backtest"``).
    compute : callable
        Computes the result from ``inputs`` and the package's code alone.
    inputs : iterable of path-like
        Every file the result is computed from.
    params : str
        Anything else the result depends on (arguments), as text.
    """
    folder = config.cache_dir()
    if folder is None:
        return compute()
    key = key_for(name, inputs, params)
    path = folder / f"{name}-{key[:40]}.pickle"
    with contextlib.ExitStack() as stack:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stack.enter_context(locked(path))  # one process computes this key, the others wait for it
        except OSError:  # a folder that cannot be written (or a lock held too long): no turn-taking
            pass
        found, value = _load(path)
        if found:
            return value
        value = compute()
        _save(folder, name, path, value)
        return value


def _load(path: Path) -> tuple[bool, object]:
    try:
        with open(path, "rb") as fh:
            return True, pickle.load(fh)
    except FileNotFoundError:
        return False, None
    except Exception:  # noqa: BLE001 - a damaged or foreign file: compute again and replace it
        return False, None


def _save(folder: Path, name: str, path: Path, value: object) -> None:
    try:
        with atomic_write(path, binary=True) as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        for old in folder.glob(f"{name}-*.pickle"):  # earlier keys of the same result
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
