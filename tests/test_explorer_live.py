"""The scenario explorer served live: over HTTP and in a real browser (Voila + headless Debian Chromium).

One server for the module (``analysis.app.explorer.serve``, 127.0.0.1 only, at most two
kernels, a short culling interval), stopped by the last test with its whole process group and
every kernel (and in teardown, should a test fail before). Over HTTP: a foreign Host and a
foreign page's websocket are refused; three pages at once get two kernels and a sentence;
a closed page's beacon shuts its kernel down; an idle kernel is culled; the stop leaves nothing
running. In Chromium, driven by Python playwright with ``executable_path`` (the tests never
run ``playwright install``), one page (each page costs a kernel): at 390 px no control or
readout lies outside the viewport, accessible names and rounded aria values, the chart below the
controls; widened to a desktop's width, the chart beside them, the keyboard moves a slider and the
answer follows; the downloaded scenario is the state on screen; an upload restores it, also the
same file twice; the upload button shows and is named by its label alone, never the number of
files, in either language; bad uploads give a sentence; the closed page's kernel goes within the
culling interval.

Outside CI the browser tests skip when no Chromium is found; with ``CI=true`` a missing
browser fails.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from analysis.app.explorer import serve
from analysis.i18n import t
from tests.live_server import free_port, kernels, port_open, wait

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
SERVER_TIMEOUT_S = 120
RENDER_TIMEOUT_MS = 90_000
#: An idle kernel goes after CULL_IDLE s, checked every CULL_INTERVAL s (a kernel is never culled
#: while it runs the page's notebook; a page left idle that long in a browser test loses its kernel).
CULL_IDLE, CULL_INTERVAL = 5, 1
CULLED_WITHIN = CULL_IDLE + CULL_INTERVAL + 20  # the idle timeout, one culling pass, and slack
MAX_KERNELS = 2

pytestmark = pytest.mark.slow
browser_test = pytest.mark.browser


def _chromium() -> str | None:
    env = os.environ.get("CHROMIUM_PATH")
    for p in ((env,) if env else ()) + CHROMIUM_CANDIDATES:
        if p and Path(p).is_file() and os.access(p, os.X_OK):
            return p
    return shutil.which("chromium")


def _require_browser() -> str:
    path = _chromium()
    if path is None:
        msg = ("no Chromium found (looked for /usr/bin/chromium, $CHROMIUM_PATH); "
               "install Debian's package: apt-get install chromium fonts-noto-cjk")
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {msg}")
        pytest.skip(msg)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - playwright is a test dependency
        if os.environ.get("CI") == "true":
            pytest.fail(f"playwright is not installed: {exc}")
        pytest.skip(f"playwright is not installed: {exc}")
    return path


@pytest.fixture(scope="module")
def app_server():
    """``(process, url, port)`` of the module's server; the last test stops it (then the stop
    here is a no-op)."""
    port = free_port()
    cmd = serve.voila_command(port, cull_idle_timeout=CULL_IDLE, cull_interval=CULL_INTERVAL,
                              max_kernels=MAX_KERNELS, preheat=False)
    proc = serve.serve(cmd, cwd=serve.notebook_path().parent)
    try:
        if not wait(lambda: port_open(port) or proc.poll() is not None, SERVER_TIMEOUT_S) or proc.poll() is not None:
            pytest.fail("the explorer server did not start")
        yield proc, f"http://127.0.0.1:{port}/", port
    finally:
        serve.stop_server(proc)  # the whole group and every kernel


@pytest.fixture(scope="module")
def browser():
    chromium = _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _goto(browser, url, width=1100, height=1200):
    """A new page on ``url``, loading (its kernel starting)."""
    ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = ctx.new_page()
    page.goto(url, wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS)
    return ctx, page


def _rendered(page) -> None:
    """Wait until the page shows the explorer's answer and chart."""
    page.wait_for_function("() => { const e = document.querySelector('.scenario-answer');"
                           " return e && e.innerText.trim().length > 0 &&"
                           " document.querySelector('.scenario-chart img'); }", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_timeout(300)


def _open(browser, url, width=1100, height=1200):
    ctx, page = _goto(browser, url, width, height)
    _rendered(page)
    return ctx, page


def _answer(page) -> str:
    return page.locator(".scenario-answer").first.inner_text().strip()


def _changed(page, before: str, timeout=30_000) -> str:
    page.wait_for_function("(b) => { const e = document.querySelector('.scenario-answer');"
                           " return e && e.innerText.trim() !== b; }", arg=before, timeout=timeout)
    return _answer(page)


def _download(page, cls: str) -> bytes:
    with page.expect_download(timeout=20_000) as dl:
        page.locator(f"a.{cls}").first.click()
    return Path(dl.value.path()).read_bytes()


def _upload(page, path: Path) -> None:
    page.locator(".upload-control").first.wait_for(state="visible")
    with page.expect_file_chooser(timeout=10_000) as fc:
        page.locator(".upload-control").first.click()
    fc.value.set_files(str(path))


def _upload_button(page, lang: str) -> None:
    """The upload button shows and is named by its label only: its own text (ipywidgets'
    "<description> (<number of files>)") takes no width, the label is drawn after the icon."""
    label = t("explorer.upload", lang)
    page.wait_for_function("(l) => document.querySelector('.scenario-explorer .upload-control')"
                           ".getAttribute('title') === l", arg=label, timeout=30_000)
    width, drawn = page.evaluate("""() => { const b = document.querySelector('.scenario-explorer .upload-control');
        const r = document.createRange(); let w = 0;
        b.childNodes.forEach(n => { if (n.nodeType === Node.TEXT_NODE) {
            r.selectNodeContents(n); w += r.getBoundingClientRect().width; } });
        return [w, getComputedStyle(b, '::after').content]; }""")
    assert width == 0 and drawn.startswith(json.dumps(label, ensure_ascii=False)), (width, drawn)
    assert page.get_by_role("button", name=label, exact=True).count() == 1


def _chart_beside_controls(page) -> bool | None:
    """True when the chart stands right of the controls, False when below them (else None)."""
    return page.evaluate("""() => { const c = document.querySelector('.scenario-controls').getBoundingClientRect();
        const f = document.querySelector('.scenario-chart img').getBoundingClientRect();
        return f.left >= c.right && f.top < c.bottom ? true : f.top >= c.bottom ? false : null; }""")


def _get(url, host=None, timeout=120):
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


# --------------------------------------------------------------------- over HTTP (first: no kernel yet)

def _ws_status(port: int, kernel_id: str, origin: str) -> int:
    """HTTP status of a kernel websocket handshake sent with ``Origin: origin`` (101 = accepted)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall((f"GET /api/kernels/{kernel_id}/channels HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n").encode())
        return int(s.recv(64).split()[1])


def _get_with_cookies(url):
    """``(status, page, _xsrf cookie)`` of one visitor with their own cookies (a page the server
    serves sets the ``_xsrf`` cookie its beacon sends back)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        with opener.open(url, timeout=120) as r:
            status, page = r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        status, page = e.code, e.read().decode("utf-8", "replace")
    return status, page, next((c.value for c in jar if c.name == "_xsrf"), None)


def _kernel_id(page: str) -> str:
    return json.loads(page.split('id="jupyter-config-data" type="application/json">', 1)[1]
                      .split("</script>", 1)[0])["kernelId"]


def test_live_server_checks_host_origin_caps_and_culls_kernels(app_server):
    proc, url, port = app_server
    assert _get(url, host="evil.example:80")[0] == 403  # DNS rebinding: a foreign Host is refused
    assert kernels(proc.pid) == []
    # the cap: three pages asked for at the same moment (their notebooks run at once, so no kernel
    # is idle); two get a kernel, the third is refused, never a third kernel
    with ThreadPoolExecutor(3) as pool:
        pages = sorted(pool.map(lambda _: _get_with_cookies(url), range(3)), key=lambda p: p[0])
    assert [code for code, _, _ in pages] == [200, 200, 503]
    # the refused visitor reads why, in the app's language (it was "503: Service Unavailable" alone)
    assert "当前打开的页面过多（上限2个），请稍后再试或关闭其他页面。" in pages[2][1]
    assert "Service Unavailable" not in pages[2][1]
    assert len(kernels(proc.pid)) <= 2
    (_, page, xsrf), (_, other, _) = pages[:2]
    # the researchers' command-line notes (a cell tagged app-hide) are not in the app's page
    # and the notebook's bilingual prose (for JupyterLab) is not either: the app introduces itself in its language
    assert "make explore" not in page and "--lan" not in page and "Scenario explorer" not in page
    kid, idle = _kernel_id(page), _kernel_id(other)
    assert _ws_status(port, kid, "http://evil.example") == 403  # a foreign page cannot drive the kernel
    assert _ws_status(port, kid, f"http://127.0.0.1:{port}") == 101
    assert _get(f"{url}api/kernels/{kid}")[0] == 200  # the server lists it
    # closing a page (the page's beacon: a POST with the _xsrf cookie the page set) shuts its
    # kernel down at once: 204, not 403 (the cookie was never set)
    assert xsrf
    beacon = urllib.request.Request(f"{url}voila/api/shutdown/{kid}", method="POST",
                                    data=urllib.parse.urlencode({"_xsrf": xsrf}).encode(),
                                    headers={"Origin": url.rstrip("/"), "Cookie": f"_xsrf={xsrf}"})
    with urllib.request.urlopen(beacon, timeout=30) as r:
        assert r.status == 204
    assert wait(lambda: _get(f"{url}api/kernels/{kid}")[0] == 404, 10)
    # an idle kernel is culled: back to the baseline within the idle timeout + a culling pass (+ slack)
    assert wait(lambda: kernels(proc.pid) == [], CULLED_WITHIN), kernels(proc.pid)
    # the process is gone; the server forgets the kernel a moment later (until then it still counts);
    # the page works again after the cap: the browser test below opens one
    assert wait(lambda: _get(f"{url}api/kernels/{idle}")[0] == 404, CULLED_WITHIN)


# ------------------------------------------------------------------------------- in Chromium

@browser_test
def test_the_page_at_phone_width_then_keyboard_download_upload_and_bad_files(app_server, browser, tmp_path):
    """One page (one kernel): first as a phone opens it, then widened to a desktop's width."""
    proc, url, _ = app_server
    # the baseline: kernels of earlier tests' pages (culled in their turn) are not ours
    baseline = set(kernels(proc.pid))
    ARTIFACTS.mkdir(exist_ok=True)
    ctx, page = _goto(browser, url, width=390, height=844)
    try:
        _rendered(page)
        assert set(kernels(proc.pid)) - baseline  # its own kernel (two pages at once: the HTTP test)
        outside = page.evaluate("""() => Array.from(document.querySelectorAll(
              '.scenario-explorer input, .scenario-explorer select, .scenario-explorer button, '
            + '.scenario-explorer .widget-readout, .scenario-explorer [role=slider], .scenario-explorer img, '
            + '.scenario-explorer .widget-label, .scenario-explorer a'))
            .filter(e => e.offsetParent !== null)
            .map(e => { const r = e.getBoundingClientRect();
                        return [e.tagName, e.className, r.left, r.right]; })
            .filter(x => x[2] < -1 || x[3] > window.innerWidth + 1)""")
        assert outside == []
        # the app introduces itself in its language (the notebook's bilingual prose is for JupyterLab)
        intro = page.locator(".scenario-intro").first.inner_text()
        assert intro.startswith("如果……会怎样") and "示例数据（合成）" in intro
        body = page.inner_text("body")
        assert "What if" not in body and "Scenario types" not in body and "研究人员的三个问题" in body
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        sliders = page.evaluate("""() => Array.from(document.querySelectorAll('.scenario-explorer [role=slider]'))
            .map(h => [h.getAttribute('aria-label'), h.getAttribute('aria-valuetext')])""")
        assert sliders and all(name for name, _ in sliders)
        assert all(len(v.split(".")[-1]) <= 4 for _, v in sliders if v)  # never 37.999999999999986
        assert page.evaluate("() => document.querySelectorAll('.scenario-explorer [title=null]').length") == 0
        alt = page.locator(".scenario-chart img").first.get_attribute("alt")
        assert alt and "目标" in alt
        unnamed = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.scenario-explorer select, .scenario-explorer input:not([type=file])'))
            .filter(e => e.offsetParent !== null && !e.getAttribute('aria-label')).length""")
        assert unnamed == 0
        page.screenshot(path=str(ARTIFACTS / "scenario_explorer_390.png"), full_page=True)

        assert _chart_beside_controls(page) is False  # on a phone the chart comes below the controls
        page.set_viewport_size({"width": 1100, "height": 1200})
        # on a desktop it stands beside them: in view while a slider moves
        page.wait_for_function("() => document.querySelector('.scenario-chart img').getBoundingClientRect().top"
                               " < document.querySelector('.scenario-controls').getBoundingClientRect().bottom")
        assert _chart_beside_controls(page) is True
        # keyboard: Tab reaches the growth slider; arrows move it; the answer follows
        handle = page.locator(".growth-control [role=slider]").first
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement && document.activeElement.getAttribute('role')") \
                    == "slider":
                break
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "年增长率 %"
        before = _answer(page)
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        _changed(page, before)
        shown = float(handle.get_attribute("aria-valuetext"))
        # the sentence settles on the rate the slider shows
        page.wait_for_function("(r) => document.querySelector('.scenario-answer').innerText.includes(r)",
                               arg=f"增长{shown:g}%", timeout=30_000)
        page.wait_for_timeout(500)
        assert "错误" not in _answer(page)

        # the download is the state on screen
        data = json.loads(_download(page, "download-json").decode("utf-8"))
        assert data["params"]["rate"] * 100 == pytest.approx(shown)
        assert data == json.loads(page.locator(".scenario-explorer textarea").first.input_value())
        png = _download(page, "download-png")
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        page.locator("button:has-text('生成印刷用图表')").first.click()
        page.locator("a.download-svg").first.wait_for(timeout=30_000)
        assert b"<svg" in _download(page, "download-svg")

        # upload restores it, also the same file twice
        saved = tmp_path / "scenario.json"
        data["params"]["rate"] = 0.05
        saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        before = _answer(page)
        _upload_button(page, "zh")
        _upload(page, saved)
        assert "按每年增长5%" in _changed(page, before)
        _upload_button(page, "zh")
        page.locator(".growth-control [role=slider]").first.focus()
        before = _answer(page)
        page.keyboard.press("ArrowRight")
        assert "按每年增长5%" not in _changed(page, before)
        _upload(page, saved)  # the same file again
        page.wait_for_function("() => document.querySelector('.scenario-answer').innerText.includes('按每年增长5%')",
                               timeout=30_000)

        # bad uploads: a sentence in the interface's language, the state unchanged
        for name, content, needle in (("bad.json", b"{oops", "不是有效的JSON"),
                                      ("huge.json", b'{"indicator_id": "tech_contract_turnover", "scenario_type":'
                                                    b' "growth", "params": {"rate": 1e308}}', "params.rate"),
                                      ("latin1.json", "{'é'}".encode("latin-1"), "UTF-8"),
                                      # 3 MB: over the server's websocket cap; the page sends only the
                                      # reader's limit + 1 byte, so the kernel answers (it was silence)
                                      ("big.json", b"{" + b" " * 3_000_000 + b"}", "文件过大")):
            bad = tmp_path / name
            bad.write_bytes(content)
            before = _answer(page)
            _upload(page, bad)
            page.wait_for_function("(n) => { const s = document.querySelector('.scenario-status');"
                                   " return s && s.innerText.includes(n); }", arg=needle, timeout=30_000)
            status = page.locator(".scenario-status").first.inner_text()
            assert "错误" in status and name in status and "Traceback" not in status
            assert _answer(page) == before

        # in English too, before and after an upload
        page.locator(".lang-control button:has-text('English')").first.click()
        _upload_button(page, "en")
        data["lang"] = "en"
        english = tmp_path / "english.json"
        english.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        _upload(page, english)
        page.wait_for_function("() => document.querySelector('.scenario-status').innerText.includes('english.json')",
                               timeout=30_000)
        _upload_button(page, "en")
    finally:
        ctx.close()
    # the closed page gives its kernel back: within the idle timeout plus one culling pass (and slack)
    assert wait(lambda: not set(kernels(proc.pid)) - baseline, CULLED_WITHIN), kernels(proc.pid)


# ----------------------------------------------------------------------------- the stop (last)

def test_stop_ends_the_server_and_every_kernel(app_server):
    """Last of the server's tests: it stops the server."""
    proc, url, port = app_server
    if not kernels(proc.pid):  # the pages above are closed and their kernels gone: open one
        assert _get(url)[0] == 200
    running = kernels(proc.pid)
    assert running
    serve.stop_server(proc)
    assert proc.poll() is not None
    assert not any(serve._alive(k) for k in running)
    assert not port_open(port)


def test_missing_browser_skips_outside_ci_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "_chromium", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium found"):
        _require_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        _require_browser()
