"""Serving the explorer: the websocket guard, the server's settings, ``explore --lang``.

A live server (Host and Origin checks, the kernel cap, culling, the stop) is tested with the
browser tests on one server: tests/test_explorer_live.py.
"""

from __future__ import annotations

import json
import time

import pytest
from jupyter_server.services.kernels.connection.base import serialize_binary_message, serialize_msg_to_ws_v1

from analysis.app.explorer import serve


def _msg(msg_type="comm_msg"):
    return {"header": {"msg_type": msg_type, "msg_id": "1"}, "parent_header": {}, "metadata": {},
            "content": {"data": {}}, "buffers": [memoryview(b"\x89PNG....")], "channel": "iopub"}


def test_guard_reads_v1_headers_like_voila():
    parts = [json.dumps(x).encode() for x in ({"msg_type": "execute_input", "msg_id": "1"}, {}, {}, {})]
    v1 = serialize_msg_to_ws_v1(parts + [b"\x89PNG...."], "iopub")
    assert serve.safe_read_header(v1)["msg_type"] == "execute_input"


def test_guard_refuses_the_legacy_format_in_constant_time():
    """The upstream bug: Voila reads a legacy message's first 8 bytes as the number of offsets."""
    legacy = serialize_binary_message(_msg())
    # legacy layout: 4-byte big-endian buffer count (1 buffer + the JSON = 2), then 4-byte offsets
    assert legacy[:4] == (2).to_bytes(4, "big")
    n_voila_would_build = int.from_bytes(legacy[:8], "little")
    assert n_voila_would_build > 10**15  # a list this long is what ate 10-19 GB (never run here)
    t0 = time.perf_counter()
    assert serve.safe_read_header(legacy) is None
    assert time.perf_counter() - t0 < 1.0


@pytest.mark.parametrize("garbage", [b"", b"\x00" * 7, b"\xff" * 8, (3).to_bytes(8, "little") + b"\x00" * 8,
                                     (3).to_bytes(8, "little") + (10**12).to_bytes(8, "little") * 3])
def test_guard_refuses_garbage(garbage):
    assert serve.safe_read_header(garbage) is None


def test_install_guard_replaces_voilas_reader():
    from voila.tornado import kernel_websocket_handler as kwh

    original = kwh.read_header_from_binary_message
    try:
        serve.install_guard()
        assert kwh.read_header_from_binary_message is serve.safe_read_header
    finally:
        kwh.read_header_from_binary_message = original


def test_command_binds_localhost_without_token_and_the_lan_with_one():
    local = serve.voila_command(8123)
    settings = json.loads(local[3])
    assert "--Voila.ip=127.0.0.1" in local and "--Voila.token=" in local
    assert settings["tornado"]["allow_remote_access"] is False
    assert settings["tornado"]["local_hostnames"] == ["localhost", "127.0.0.1"]
    assert settings["tornado"]["websocket_max_message_size"] == serve.MAX_MESSAGE_BYTES
    assert settings["kernels"] == {"cull_idle_timeout": serve.CULL_IDLE_TIMEOUT, "cull_interval": serve.CULL_INTERVAL,
                                   "cull_connected": True, "cull_busy": False}
    lan = serve.voila_command(8123, lan=True)
    token = [a for a in lan if a.startswith("--Voila.token=")][0].split("=", 1)[1]
    assert "--Voila.ip=0.0.0.0" in lan and len(token) >= 24  # beyond 127.0.0.1: always a token
    assert serve.app_url(8123, lan=True, token="abc").endswith(":8123/?token=abc")


def test_explore_lang_reaches_the_page(monkeypatch):
    """``explore --lang en``: the server's kernels get the language the notebook reads
    (``notebook_params()["lang"]``); it was printed in English and served in Chinese."""
    from analysis.app.params import notebook_params

    env = serve.server_env("en")
    monkeypatch.setenv("ANALYSIS_LANG", env["ANALYSIS_LANG"])
    assert notebook_params()["lang"] == "en"
    started = {}
    monkeypatch.setattr(serve, "serve", lambda cmd, cwd=None, env=None, lang=None: started.update(lang=lang) or
                        (_ for _ in ()).throw(KeyboardInterrupt))
    monkeypatch.setattr(serve, "_has_display", lambda: False)
    from analysis.cli import main

    try:
        main(["--lang", "en", "explore", "--port", "8899"])
    except KeyboardInterrupt:
        pass
    assert started == {"lang": "en"}


GOOD_CSV = ("region,indicator_id,year,value,unit\n"
            + "".join(f"白银区,tech_contract_turnover,{y},{v},亿元\n" for y, v in ((2017, 0.8), (2018, 1.0), (2019, 1.2)))
            ).encode("utf-8")


def test_explore_data_reaches_the_kernels_and_is_named(monkeypatch, tmp_path, capsys):
    """``explore --data FILE [--data FILE2] [--targets FILE]`` (stop 43; was 无法识别的参数): the files are
    checked here, then given to the kernels as the notebook reads them (absolute paths)."""
    import os

    from analysis.cli import main

    a = tmp_path / "白银区.csv"
    a.write_bytes(GOOD_CSV)
    started = {}
    monkeypatch.setattr(serve, "serve", lambda cmd, cwd=None, env=None, lang=None: started.update(env=env) or
                        (_ for _ in ()).throw(KeyboardInterrupt))
    monkeypatch.setattr(serve, "_has_display", lambda: False)
    monkeypatch.chdir(tmp_path)
    try:
        main(["explore", "--data", "白银区.csv", "--port", "8899"])
    except KeyboardInterrupt:
        pass
    assert started["env"]["ANALYSIS_DATA"] == str(a.resolve())
    assert started["env"].get("ANALYSIS_TARGETS") == os.environ.get("ANALYSIS_TARGETS")  # not given: not set
    out = capsys.readouterr().out
    assert "监测数据：白银区.csv（已检查，3个观测值）" in out
    b = tmp_path / "b.csv"
    b.write_bytes(GOOD_CSV.replace("白银区".encode(), "靖远县".encode()))
    try:
        main(["explore", "--data", str(a), "--data", str(b), "--port", "8899"])
    except KeyboardInterrupt:
        pass
    assert started["env"]["ANALYSIS_DATA"] == f"{a.resolve()}{os.pathsep}{b.resolve()}"


def test_explore_refuses_a_bad_data_file_before_any_server_starts(monkeypatch, tmp_path, capsys):
    from analysis.cli import main

    bad = tmp_path / "bad.csv"
    bad.write_bytes(GOOD_CSV.replace(b"2018,1.0,", b"2018,abc,"))
    monkeypatch.setattr(serve, "serve", lambda *a, **k: pytest.fail("a server was started"))
    assert main(["explore", "--data", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3:D: " in err and "未启动情景模拟" in err and "Traceback" not in err
    assert main(["--lang", "en", "explore", "--data", str(tmp_path / "none.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "none.xlsx::: file not found" in err


def test_server_env_carries_the_data_and_targets(tmp_path):
    env = serve.server_env("zh", data=[str(tmp_path / "a.csv")], targets=str(tmp_path / "t.csv"))
    assert env["ANALYSIS_DATA"] == str((tmp_path / "a.csv").resolve())
    assert env["ANALYSIS_TARGETS"] == str((tmp_path / "t.csv").resolve())
