"""No text typed or sent through the explorer can create, overwrite or read a file.

The attack drives the widget protocol directly, as a script speaking to the kernel
would (comm ``update`` messages carrying any value for any synced trait of any
widget, ``custom`` click events for every button, uploads whose every field names a
path), without the UI. A Python audit hook records every file the process opens
meanwhile: none may be opened for writing but the upload reader's own private copy of an
uploaded monitoring file's bytes (``analysis.io.dataset.load_observations_bytes``: a fresh
``mkdtemp`` folder, a fixed name ``upload.<suffix>``, removed once read; never the client's
name), and the secret file next to the working folder may not be read.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

import ipywidgets as W
import pandas as pd
import pytest

from analysis import config
from analysis.app import explorer as widgets
from analysis.io.catalogue import load_targets
from analysis.io.dataset import DATA_SUFFIXES

_EVENTS: list[tuple[str, str]] = []
_RECORDING = [False]


def _audit(event, args):
    if _RECORDING[0] and event == "open":
        path, mode, flags = (list(args) + [None, None])[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND))
        _EVENTS.append((str(path), "write" if writing else "read"))


sys.addaudithook(_audit)


def _walk(w, seen=None):
    seen = seen if seen is not None else {}
    if isinstance(w, W.Widget) and w.model_id not in seen:
        seen[w.model_id] = w
        for name in w.keys:
            v = getattr(w, name, None)
            for x in (v if isinstance(v, (tuple, list)) else [v]):
                if isinstance(x, W.Widget):
                    _walk(x, seen)
    return seen


def _update(w, state: dict, buffers=()) -> None:
    """What the kernel does with a comm message from the page: ``{"method": "update", "state": ...}``."""
    w._handle_msg({"content": {"data": {"method": "update", "state": state, "buffer_paths": [["value", 0, "content"]]
                                        if buffers else []}}, "buffers": list(buffers)})


def _click(w) -> None:
    w._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "click"}}}, "buffers": []})


def _digest(root: Path) -> dict:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    work = tmp_path / "voila-working-folder"
    work.mkdir()
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"indicator_id": "tech_contract_turnover", "token": "TOP-SECRET-7f3a"}))
    monkeypatch.chdir(work)
    return tmp_path, secret


ATTACKS = ["../secret.json", "../../data/raw/monitoring/pingchuan_monitoring_illustrative.csv", "/etc/passwd",
           "../x/../../evil.json", "~/.bashrc", "file:///etc/passwd", "\\\\server\\share\\a.json", "a\x00b.json",
           "reports/scenarios/../../pwned.json", "C:\\Windows\\win.ini"]


def test_the_widget_protocol_cannot_touch_files(sandbox, monkeypatch):
    tmp, secret = sandbox
    # ipywidgets logs each rejected message with its traceback (outside a kernel, to the logger
    # 'traitlets'): thousands of formatted tracebacks cost most of this test's time and say nothing here
    monkeypatch.setattr(logging.getLogger("traitlets"), "disabled", True)
    targets = load_targets()
    obs = pd.DataFrame({"region": "平川区", "indicator_id": "tech_contract_turnover", "year": [2017, 2018, 2019],
                        "value": [0.8, 1.0, 1.15]})
    app = widgets.explorer(obs, targets, population=pd.Series({2017: 20.0, 2019: 19.8}),
                           provenance={"illustrative": True, "source_zh": "示例", "source_en": "example"})
    raw_root = config.raw_dir()
    before_tmp, before_raw = _digest(tmp), _digest(Path(raw_root).resolve())
    tree = _walk(app.widget)
    assert not [w for w in tree.values() if isinstance(w, (W.Text, W.Combobox))], "no file-name box in the app"
    _EVENTS.clear()
    _RECORDING[0] = True
    try:
        for w in tree.values():
            for name in w.keys:
                if name.startswith("_") or name in ("layout", "style", "children", "comm", "keys"):
                    continue
                for value in ATTACKS:
                    try:
                        _update(w, {name: value})
                    except Exception:  # noqa: BLE001 - a rejected value is fine; a file touched is not
                        pass
            if isinstance(w, W.Button):
                _click(w)
        up = app.c["upload"]
        for value in ATTACKS:
            doc = {"version": 1, "region": value, "indicator_id": value, "scenario_type": value,
                   "params": {"cohorts": {value: 1}, "model": value}, "weights": {value: 1}, "lang": "zh",
                   "path": value, "file": value}
            content = json.dumps(doc).encode("utf-8")
            meta = {"name": value, "type": "application/json", "size": len(content),
                    "last_modified": int(datetime.datetime(2026, 1, 1).timestamp() * 1000)}
            _update(up, {"value": [{**meta, "content": None}]}, buffers=[memoryview(content)])
            assert "scenario-error" in app.status.value  # a sentence, never a file
        for value in ATTACKS:  # a monitoring file named by a path: its bytes are read from a private copy
            for suffix in (".csv", ".xlsx"):
                content = f"指标代码,年份,数值\n{value},2019,1\n".encode("utf-8")
                meta = {"name": value + suffix, "type": "text/csv", "size": len(content),
                        "last_modified": int(datetime.datetime(2026, 1, 1).timestamp() * 1000)}
                _update(up, {"value": [{**meta, "content": None}]}, buffers=[memoryview(content)])
                assert "scenario-error" in app.status.value
        # a rejected upload leaves the scenario as it was: one download after them all covers every one
        _click(app.c["svg"])
        Path(__file__).read_bytes()  # a read the hook must see: it was recording all along
    finally:
        _RECORDING[0] = False
    assert (__file__, "read") in _EVENTS, "the audit hook saw nothing"
    copies = [p for p, how in _EVENTS if how == "write" and _upload_copy(p)]
    writes = [p for p, how in _EVENTS if how == "write" and not _upload_copy(p)]
    assert writes == []
    assert copies and not [p for p in copies if Path(p).parent.exists()]  # each copy's folder is gone
    assert not [p for p, _ in _EVENTS if Path(p).name in ("secret.json", "passwd", "win.ini", ".bashrc")]
    assert _digest(tmp) == before_tmp and _digest(Path(raw_root).resolve()) == before_raw
    shown = " ".join(str(getattr(w, "value", "")) for w in _walk(app.widget).values())
    assert "TOP-SECRET-7f3a" not in shown
    assert str(tmp) not in shown  # no server path is ever shown


def _upload_copy(path) -> bool:
    """The upload reader's private copy: ``<tmp>/analysis-upload-XXXX/upload.<a data suffix>``."""
    p = Path(path)
    return (p.parent.parent.resolve() == Path(tempfile.gettempdir()).resolve()
            and p.parent.name.startswith("analysis-upload-") and p.stem == "upload" and p.suffix in DATA_SUFFIXES)


def test_the_audit_hook_would_see_a_write(tmp_path):
    """The check above is not vacuous: a write made while recording is caught."""
    _EVENTS.clear()
    _RECORDING[0] = True
    try:
        (tmp_path / "x.json").write_text("{}")
        Path(tmp_path / "x.json").read_text()
    finally:
        _RECORDING[0] = False
    assert (str(tmp_path / "x.json"), "write") in _EVENTS and (str(tmp_path / "x.json"), "read") in _EVENTS



def test_the_page_sends_at_most_the_scenario_readers_limit_of_an_upload():
    """The page's upload cut (the explorer template) matches the reader's limit."""
    from analysis.app.explorer import serve
    from analysis.model.scenarios import MAX_FILE_BYTES

    page = (serve.template_dir() / "voila" / "templates" / "pingchuan" / "index.html.j2").read_text(encoding="utf-8")
    assert f"var LIMIT = {MAX_FILE_BYTES};" in page and MAX_FILE_BYTES + 1 < serve.MAX_MESSAGE_BYTES
    # a monitoring file (.csv, .xlsx ...): the app's data limit, with room under the websocket cap
    from analysis.app.explorer.state import MAX_DATA_UPLOAD_BYTES

    assert f"DATA_LIMIT = {MAX_DATA_UPLOAD_BYTES}," in page and MAX_DATA_UPLOAD_BYTES + 65536 < serve.MAX_MESSAGE_BYTES
