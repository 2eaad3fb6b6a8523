"""The scenario explorer in a real browser: Voila app + headless Chromium.

Starts ``python -m analysis explore`` on a free port bound to 127.0.0.1, opens it in
Debian's Chromium through Python playwright (``executable_path``; the test never runs
``playwright install``), moves the growth slider with the keyboard and checks that the
displayed answer changes. A screenshot is saved to ``test-artifacts/``.

Outside CI the test skips when no Chromium is found; with ``CI=true`` a missing
browser fails (``.ci/run`` installs ``chromium`` and ``fonts-noto-cjk`` with apt).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
SERVER_TIMEOUT_S = 40
RENDER_TIMEOUT_MS = 45_000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _chromium() -> str | None:
    env = os.environ.get("CHROMIUM_PATH")
    for p in ((env,) if env else ()) + CHROMIUM_CANDIDATES:
        if p and Path(p).is_file() and os.access(p, os.X_OK):
            return p
    found = shutil.which("chromium")
    return found


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


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the explorer exited early with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - local URL
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = str(exc)
        time.sleep(0.3)
    raise TimeoutError(f"the explorer did not answer on {url} within {timeout:.0f} s ({last})")


@pytest.fixture
def explorer_url(tmp_path):
    port = _free_port()
    log = open(tmp_path / "voila.log", "w+b")
    env = dict(os.environ, PYTHONUNBUFFERED="1", MPLBACKEND="Agg")
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "explore", "--port", str(port), "--no-browser"],
                            cwd=str(ROOT), env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_http(url, proc, SERVER_TIMEOUT_S)
        yield url
    except Exception:
        log.seek(0)
        print(log.read().decode("utf-8", "replace")[-4000:])
        raise
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        log.close()


def test_slider_changes_the_answer(explorer_url):
    chromium = _require_browser()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "scenario_explorer.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1200})
            page.goto(explorer_url, wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS)
            answer = page.locator(".scenario-answer").first
            answer.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
            page.wait_for_function(
                "() => { const e = document.querySelector('.scenario-answer');"
                " return e && e.innerText.trim().length > 0; }", timeout=RENDER_TIMEOUT_MS)
            before = answer.inner_text().strip()
            handle = page.locator(".growth-slider .noUi-handle").first
            handle.wait_for(state="visible", timeout=10_000)
            handle.focus()
            for _ in range(5):
                handle.press("ArrowLeft")
            page.wait_for_function(
                "(b) => { const e = document.querySelector('.scenario-answer');"
                " return e && e.innerText.trim() !== b; }", arg=before, timeout=20_000)
            after = answer.inner_text().strip()
            page.wait_for_timeout(300)  # let the new chart PNG paint before the screenshot
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert after != before
    assert after  # a sentence, not an error
    assert "错误" not in after and "Error" not in after
    assert shot.exists() and shot.stat().st_size > 10_000


def test_missing_browser_skips_outside_ci_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "_chromium", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium found"):
        _require_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        _require_browser()
