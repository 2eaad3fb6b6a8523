"""analysis.io.cache: a result is computed once per key and read back; any input change recomputes."""

from __future__ import annotations

import pickle
import threading
import time

import pytest

from analysis import config
from analysis.io import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_computed_once_then_read_back(folder, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    calls = []

    def compute():
        calls.append(1)
        return {"value": len(calls)}

    assert cache.memo("thing", compute, inputs=[src]) == {"value": 1}
    assert cache.memo("thing", compute, inputs=[src]) == {"value": 1}
    assert len(calls) == 1
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["thing"]


@pytest.mark.parametrize("change", ["input bytes", "params", "input missing"])
def test_any_change_of_what_it_depends_on_recomputes_and_replaces(folder, tmp_path, change):
    src = tmp_path / "in.csv"
    src.write_text("a\n1\n", encoding="utf-8")
    cache.memo("thing", lambda: 1, inputs=[src], params="p")
    if change == "input bytes":
        src.write_text("a\n2\n", encoding="utf-8")
    elif change == "input missing":
        src.unlink()
    params = "q" if change == "params" else "p"
    assert cache.memo("thing", lambda: 2, inputs=[src], params=params) == 2
    assert len(list(folder.glob("thing-*.pickle"))) == 1  # the old key's file is gone


def test_the_key_covers_the_package_source(tmp_path, monkeypatch):
    a = cache.key_for("thing", [])
    monkeypatch.setitem(cache._SOURCE_DIGEST, "d", "another version of the code")
    assert cache.key_for("thing", []) != a


def test_a_damaged_file_is_recomputed(folder, tmp_path):
    cache.memo("thing", lambda: 1, inputs=[])
    (path,) = folder.glob("thing-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cache.memo("thing", lambda: 2, inputs=[]) == 2
    assert pickle.loads(path.read_bytes()) == 2


def test_off_and_an_unwritable_folder_compute_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", "off")
    assert config.cache_dir() is None
    calls = []
    for _ in range(2):
        cache.memo("thing", lambda: calls.append(1) or len(calls), inputs=[])
    assert len(calls) == 2
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(blocker / "cache"))  # a folder under a file
    assert cache.memo("thing", lambda: 3, inputs=[]) == 3


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("ANALYSIS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert config.cache_dir() == tmp_path / "pingchuan-analysis"


def test_two_at_once_compute_once(folder):
    """The second caller waits for the first and reads its result (two notebooks, two workers)."""
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.3)
        return "done"

    out = []
    threads = [threading.Thread(target=lambda: out.append(cache.memo("thing", compute, inputs=[])))
               for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert out == ["done", "done"] and len(calls) == 1
    assert not list(folder.glob("*.lock")) and not list(folder.glob(".*.lock"))  # the lock is gone


def test_an_error_in_compute_is_raised_not_retried(folder):
    calls = []

    def compute():
        calls.append(1)
        raise OSError("disk on fire")

    with pytest.raises(OSError, match="disk on fire"):
        cache.memo("thing", compute, inputs=[])
    assert len(calls) == 1
