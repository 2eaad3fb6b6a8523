"""analysis.io.atomic: whole-folder transactions, the lock, stale temporaries, fault injection."""

from __future__ import annotations

import errno
import threading
import time

import pytest

from analysis.io import atomic
from analysis.io.atomic import LockedError, atomic_dir, clean_stale, lock_path, locked, recover, write_bytes


def _tree(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _beside(folder) -> list[str]:
    """Everything next to ``folder`` other than itself (temporaries, lock files)."""
    return sorted(p.name for p in folder.parent.iterdir() if p != folder)


@pytest.fixture
def old(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.csv").write_bytes(b"old a\n")
    (out / "b.csv").write_bytes(b"old b\n")
    (out / ".gitkeep").write_bytes(b"")
    return out


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_atomic_dir_swaps_the_whole_folder(old, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    with atomic_dir(old) as tmp:
        assert tmp.parent == old.parent and tmp.name.startswith(".out.") and tmp.name.endswith(".tmp")
        assert _tree(old)["a.csv"] == b"old a\n"          # readers still see the old folder
        write_bytes(tmp / "a.csv", b"new a\n")
        write_bytes(tmp / "c.csv", b"new c\n")
    # wholly new: b.csv (not written by the new run) is gone; git's placeholder carried over
    assert _tree(old) == {".gitkeep": b"", "a.csv": b"new a\n", "c.csv": b"new c\n"}
    assert _beside(old) == []


def test_atomic_dir_creates_a_missing_folder(tmp_path):
    with atomic_dir(tmp_path / "new" / "out") as tmp:
        write_bytes(tmp / "x", b"1")
    assert _tree(tmp_path / "new" / "out") == {"x": b"1"}


def test_failure_inside_leaves_the_old_folder_and_no_temporaries(old):
    before = _tree(old)
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_dir(old) as tmp:
            write_bytes(tmp / "a.csv", b"half")
            raise RuntimeError("boom")
    assert _tree(old) == before
    assert _beside(old) == []


@pytest.mark.parametrize("err, where", [(errno.ENOSPC, "write"), (errno.EROFS, "mkdtemp")])
def test_os_errors_leave_the_old_folder(old, monkeypatch, err, where):
    """Fault injection: a full disk during a write, a read-only file system at the start."""
    def fail(*args, **kwargs):
        raise OSError(err, "injected", str(old.parent))

    if where == "write":
        real_open = open

        class Full:
            def __init__(self, path, mode="r", *a, **k):
                self.fh, self.path = real_open(path, mode, *a, **k), path

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                raise OSError(err, "No space left on device", str(self.path))

            def __getattr__(self, name):
                return getattr(self.fh, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

        monkeypatch.setattr(atomic, "open", Full, raising=False)
    else:
        monkeypatch.setattr(atomic.tempfile, "mkdtemp", fail)
    before = _tree(old)
    with pytest.raises(OSError) as info:
        with atomic_dir(old) as tmp:
            write_bytes(tmp / "a.csv", b"new a\n")
    assert info.value.errno == err
    assert _tree(old) == before
    assert _beside(old) == []


def test_stale_temporaries_of_a_killed_run_are_removed(old):
    (old.parent / ".out.k1l3d.tmp").mkdir()
    (old.parent / ".out.k1l3d.tmp" / "a.csv").write_bytes(b"half")
    (old.parent / ".out.x.old").mkdir()
    (old.parent / "unrelated.tmp").write_bytes(b"keep me")
    with atomic_dir(old) as tmp:
        write_bytes(tmp / "a.csv", b"new")
    assert _beside(old) == ["unrelated.tmp"]


def test_recover_puts_back_the_old_folder_after_a_kill_between_two_renames(tmp_path):
    out = tmp_path / "out"
    (tmp_path / ".out.abc.old").mkdir()
    (tmp_path / ".out.abc.old" / "a.csv").write_bytes(b"old")
    recover(out)
    assert _tree(out) == {"a.csv": b"old"}
    assert clean_stale(out) == []


def test_a_second_lock_waits_then_stops_with_the_lock_path(tmp_path):
    out = tmp_path / "out"
    with locked(out) as path:
        assert path == lock_path(out) == tmp_path / ".out.lock"
        t0 = time.monotonic()
        with pytest.raises(LockedError, match="another run is writing") as info:
            with locked(out, timeout=0.3):
                pass  # pragma: no cover
        assert time.monotonic() - t0 >= 0.3
        assert info.value.errno == errno.EWOULDBLOCK and info.value.filename == str(path)
    assert not lock_path(out).exists()          # released and removed
    with locked(out, timeout=0):                # free again
        pass


def test_a_waiting_run_proceeds_when_the_first_finishes(tmp_path):
    out = tmp_path / "out"
    order = []
    held = threading.Event()

    def first():
        with locked(out):
            held.set()
            time.sleep(0.3)
            order.append("first done")

    th = threading.Thread(target=first)
    th.start()
    held.wait(5)
    with locked(out, timeout=10):
        order.append("second in")
    th.join()
    assert order == ["first done", "second in"]
