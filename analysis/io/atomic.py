"""Writing files and folders so that a crash never leaves a half-written output.

* :func:`atomic_write`: one file, written to a temporary file beside it and renamed over it.
* :func:`atomic_dir`: a whole folder (``data/processed``, ``reports``), written into a
  temporary folder *beside* it and swapped in with one atomic exchange of the two names
  (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames whose short gap
  :func:`recover` repairs). Readers see the old folder or the new one, never a mixture.
* :func:`locked`: an exclusive ``fcntl.flock`` lock beside the output, so that two runs writing
  the same output wait for each other (or stop with :class:`LockedError` after ``timeout``).
  The kernel releases the lock when a process dies, so a killed run never blocks the next.

Temporaries left by a killed run (``.NAME.*.tmp`` beside the folder, ``.NAME.*.old``) are
removed by the next :func:`atomic_dir` on the same folder, under the lock.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import IO, Iterator, Sequence

#: files carried over from the old folder into the new one (e.g. git's placeholder)
CARRY: tuple[str, ...] = (".gitkeep",)

#: seconds a run waits for another run's lock on the same output before giving up
LOCK_TIMEOUT: float = 600.0

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class LockedError(OSError):
    """Another process holds the lock on an output (errno ``EWOULDBLOCK``)."""


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_write(path: str | Path, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    Readers never see a half-written file, and a failure leaves the old file intact.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": encoding, "newline": ""})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file normal permissions
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename in (None, "", tmp):
            exc.filename = str(path)  # name the file the user asked for, not the temporary one
        raise


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` and flush it to disk (for files inside an :func:`atomic_dir`)."""
    path = Path(path)
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return path


# ------------------------------------------------------------------------------------------ locks
def lock_path(target: str | Path) -> Path:
    """The lock file guarding ``target``: ``.NAME.lock`` beside it."""
    target = Path(target)
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def locked(target: str | Path, *, timeout: float | None | str = "default", poll: float = 0.05) -> Iterator[Path]:
    """Hold an exclusive lock on ``target`` (a file or folder that may not exist yet).

    Waits while another process holds it; after ``timeout`` seconds (default
    :data:`LOCK_TIMEOUT`; ``None``: forever; ``0``: do not wait) raises :class:`LockedError`
    naming the lock file. The lock file is
    removed on release; a killed holder leaves an unlocked file that the next run reuses.

    Not re-entrant: a process must not take the same lock twice.
    """
    path = lock_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    timeout = LOCK_TIMEOUT if timeout == "default" else timeout
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if deadline is not None and time.monotonic() >= deadline:
                raise LockedError(errno.EWOULDBLOCK, "another run is writing this output", str(path)) from None
            time.sleep(poll)
            continue
        except BaseException:
            os.close(fd)
            raise
        # the holder before us may have removed the file after we opened it: lock the live one
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


# ------------------------------------------------------------------------------------------ folders
def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap the names ``a`` and ``b``; False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _temporaries(target: Path) -> list[Path]:
    return sorted(p for suffix in (".tmp", ".old")
                  for p in target.parent.glob(f".{target.name}.*{suffix}"))


def recover(target: str | Path) -> None:
    """Undo a swap interrupted between its two renames (systems without an atomic exchange):
    when ``target`` is missing but its ``.old`` copy exists, put the old copy back."""
    target = Path(target)
    if not target.exists():
        olds = [p for p in _temporaries(target) if p.name.endswith(".old")]
        if olds:
            os.rename(olds[-1], target)


def clean_stale(target: str | Path) -> list[Path]:
    """Remove temporaries a killed run left beside ``target`` (call with the lock held)."""
    target = Path(target)
    recover(target)
    removed = []
    for p in _temporaries(target):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        removed.append(p)
    return removed


def _swap_in(tmp: Path, target: Path) -> None:
    if not target.exists():
        os.rename(tmp, target)
        return
    if not target.is_dir() or target.is_symlink():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(target))
    if _exchange(tmp, target):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the old folder
        return
    old = tmp.with_name(tmp.name.removesuffix(".tmp") + ".old")
    os.rename(target, old)
    os.rename(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def atomic_dir(target: str | Path, *, lock: bool = True, carry: Sequence[str] = CARRY,
               timeout: float | None | str = "default") -> Iterator[Path]:
    """Build a folder in a temporary folder beside ``target`` and swap it in on success.

    ::

        with atomic_dir(config.processed_dir()) as tmp:
            write_bytes(tmp / "a.csv", ...)
            write_bytes(tmp / "manifest.json", ...)

    On an exception (or a kill) ``target`` is untouched and the temporary folder removed
    (by the next run after a kill). ``lock=False`` when the caller already holds
    :func:`locked` on ``target``. Files named in ``carry`` are copied from the old folder.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with (locked(target, timeout=timeout) if lock else contextlib.nullcontext()):
        clean_stale(target)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        try:
            os.chmod(tmp, 0o777 & ~_umask())
            yield tmp
            for name in carry:
                if (target / name).is_file() and not (tmp / name).exists():
                    shutil.copy2(target / name, tmp / name)
            _fsync_dir(tmp)
            _swap_in(tmp, target)
            _fsync_dir(target.parent)
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):
                _name_the_target(exc, tmp, target)
            raise


def _name_the_target(exc: OSError, tmp: Path, target: Path) -> None:
    """An error on ``tmp/x`` names ``target/x``: the file the user knows, not a temporary name."""
    for attr in ("filename", "filename2"):
        name = getattr(exc, attr, None)
        if isinstance(name, (str, os.PathLike)):
            with contextlib.suppress(ValueError):
                setattr(exc, attr, str(target / Path(name).relative_to(tmp)))
