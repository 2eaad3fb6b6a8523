"""Serving the explorer: the websocket guard, the server settings, a live server's kernels and stop."""

from __future__ import annotations

import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor
import urllib.error
import urllib.request

import pytest
from jupyter_server.services.kernels.connection.base import serialize_binary_message, serialize_msg_to_ws_v1

from analysis.app.explorer import serve
from tests.live_server import free_port, kernels, port_open, wait


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


# --------------------------------------------------------------------------- a live server


def _get(url, host=None, timeout=120):
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


#: A short culling interval for the live server: an idle kernel goes after CULL_IDLE s, checked
#: every CULL_INTERVAL s. (A kernel is never culled while it runs the page's notebook.)
CULL_IDLE, CULL_INTERVAL = 3, 1
CULLED_WITHIN = CULL_IDLE + CULL_INTERVAL + 20  # the idle timeout, one culling pass, and slack


@pytest.fixture(scope="module")
def server():
    """One live server for the module; the last test stops it (the fixture's stop is then a no-op)."""
    port = free_port()
    cmd = serve.voila_command(port, cull_idle_timeout=CULL_IDLE, cull_interval=CULL_INTERVAL, max_kernels=2,
                              preheat=False)
    proc = serve.serve(cmd, cwd=serve.notebook_path().parent)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert wait(lambda: port_open(port), 120), "the server did not start"
        yield proc, url, port
    finally:
        serve.stop_server(proc)


def _ws_status(port: int, kernel_id: str, origin: str) -> int:
    """HTTP status of a kernel websocket handshake sent with ``Origin: origin`` (101 = accepted)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall((f"GET /api/kernels/{kernel_id}/channels HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n").encode())
        return int(s.recv(64).split()[1])


@pytest.mark.slow
def test_live_server_checks_host_origin_caps_and_culls_kernels(server):
    proc, url, port = server
    assert _get(url, host="evil.example:80")[0] == 403  # DNS rebinding: a foreign Host is refused
    assert kernels(proc.pid) == []
    # the cap: three pages asked for at the same moment (their notebooks run at once, so no kernel
    # is idle); two get a kernel, the third is refused, never a third kernel
    with ThreadPoolExecutor(3) as pool:
        pages = sorted(pool.map(lambda _: _get(url), range(3)))
    assert [code for code, _ in pages] == [200, 200, 503]
    # the refused visitor reads why, in the app's language (it was "503: Service Unavailable" alone)
    assert "当前打开的页面过多（上限2个），请稍后再试或关闭其他页面。" in pages[2][1]
    assert "Service Unavailable" not in pages[2][1]
    assert len(kernels(proc.pid)) <= 2
    kernel_id = json.loads(pages[0][1].split('id="jupyter-config-data" type="application/json">', 1)[1]
                           .split("</script>", 1)[0])["kernelId"]
    assert _ws_status(port, kernel_id, "http://evil.example") == 403  # a foreign page cannot drive the kernel
    assert _ws_status(port, kernel_id, f"http://127.0.0.1:{port}") == 101
    assert _get(f"{url}api/kernels/{kernel_id}")[0] == 200  # the server lists it
    # idle kernels are culled: back to the baseline within the idle timeout + a culling pass (+ slack)
    assert wait(lambda: kernels(proc.pid) == [], CULLED_WITHIN), kernels(proc.pid)
    # the process is gone; the server forgets the kernel a moment later (until then it still counts)
    assert wait(lambda: _get(f"{url}api/kernels/{kernel_id}")[0] == 404, CULLED_WITHIN)
    # and the page works again; closing it (the page's beacon: a POST with the _xsrf cookie the
    # page set) shuts its kernel down at once: 204, not 403 (the cookie was never set)
    import http.cookiejar
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url, timeout=120) as r:
        assert r.status == 200
        page = r.read().decode("utf-8", "replace")
    # the researchers' command-line notes (a cell tagged app-hide) are not in the app's page
    # and the notebook's bilingual prose (for JupyterLab) is not either: the app introduces itself in its language
    assert "make explore" not in page and "--lan" not in page and "Scenario explorer" not in page
    kid = json.loads(page.split('id="jupyter-config-data" type="application/json">', 1)[1]
                     .split("</script>", 1)[0])["kernelId"]
    xsrf = next((c.value for c in jar if c.name == "_xsrf"), None)
    assert xsrf, [c.name for c in jar]
    beacon = urllib.request.Request(f"{url}voila/api/shutdown/{kid}", method="POST",
                                    data=urllib.parse.urlencode({"_xsrf": xsrf}).encode(),
                                    headers={"Origin": url.rstrip("/")})
    with opener.open(beacon, timeout=30) as r:
        assert r.status == 204
    assert wait(lambda: _get(f"{url}api/kernels/{kid}")[0] == 404, 10)


@pytest.mark.slow
def test_stop_ends_the_server_and_every_kernel(server):
    proc, url, port = server
    running = kernels(proc.pid)  # the kernel of the page the test above opened last, still idle
    if not running:  # (or culled already on a slow machine: open a page)
        assert _get(url)[0] == 200
        running = kernels(proc.pid)
    assert running
    serve.stop_server(proc)
    assert proc.poll() is not None
    assert not any(serve._alive(k) for k in running)
    assert not port_open(port)


def test_explore_lang_reaches_the_page(monkeypatch):
    """``explore --lang en``: the server's kernels get the language the notebook reads
    (``notebook_params()["lang"]``); it was printed in English and served in Chinese."""
    from analysis.app.notebooks import notebook_params

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
