"""Speed where the user feels it: the explorer in headless Chromium (Voila app).

Starts the app as ``python -m analysis explore`` does (:mod:`analysis.app.explorer.serve`,
127.0.0.1, a preheated kernel) and drives Debian's Chromium with Python playwright:

* **first usable page**: from navigation to the answer sentence and the chart on
  screen; the first load (cold) and ``--warm`` more loads, each after the server's
  kernel pool has refilled (the warm case: what a visitor sees);
* **change → settled output**: ``--n`` arrow-key presses on the growth slider; for
  each, the time from the ``keydown`` event to the last change of the outputs (chart,
  answer, probability, required pace, score, downloads) once the new chart is shown
  and nothing changed for 300 ms, measured with ``performance.now()`` in the page.

Reports the distribution (median, p90, p95, max). Writes
``benchmarks/results/bench_browser.json``. The server and every kernel are stopped
(process group) at the end.

Usage::

    python benchmarks/bench_browser.py [--n 80] [--warm 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.app.explorer import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
OUTPUTS = (".scenario-chart", ".scenario-answer", ".scenario-prob", ".scenario-required", ".scenario-score",
           ".scenario-downloads")
QUIET_MS = 300

_INSTALL = """(sel) => {
  window.__bench = {down: 0, last: 0};
  document.addEventListener('keydown', () => { window.__bench.down = performance.now(); window.__bench.last = 0; },
                            true);
  const obs = new MutationObserver(() => { window.__bench.last = performance.now(); });
  for (const s of sel) { const e = document.querySelector(s);
    if (e) obs.observe(e, {subtree: true, childList: true, attributes: true, characterData: true}); }
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _stats(xs) -> dict:
    a = np.asarray(xs, dtype=float)
    return {"n": int(a.size), "p50": float(np.percentile(a, 50)), "p90": float(np.percentile(a, 90)),
            "p95": float(np.percentile(a, 95)), "max": float(a.max()), "min": float(a.min())}


def _load(browser, url: str) -> tuple[float, object, object]:
    ctx = browser.new_context(viewport={"width": 1100, "height": 1200})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded", timeout=180_000)
    page.wait_for_function("() => { const e = document.querySelector('.scenario-answer');"
                           " return e && e.innerText.trim().length > 0 &&"
                           " document.querySelector('.scenario-chart img') &&"
                           " document.querySelector('.growth-control [role=slider]'); }", timeout=180_000)
    return time.perf_counter() - t0, ctx, page


def _pool_ready(proc, want: int = 1, settle: float = 12.0, timeout: float = 180.0) -> None:
    """Wait until the server holds ``want`` kernels (the pool) and give the pooled kernel time to run the notebook."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        kernels = [k for k in serve.descendants(proc.pid) if b"ipykernel" in Path(f"/proc/{k}/cmdline").read_bytes()]
        if len(kernels) == want:
            break
        time.sleep(0.5)
    time.sleep(settle)


def run(n: int = 80, warm: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    proc = serve.serve(serve.voila_command(port), cwd=serve.notebook_path().parent)
    url = f"http://127.0.0.1:{port}/"
    try:
        end = time.monotonic() + 180
        while not _port_open(port) and time.monotonic() < end:
            time.sleep(0.3)
        _pool_ready(proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            first, ctx, page = _load(browser, url)
            ctx.close()
            warm_s = []
            for _ in range(warm):
                _pool_ready(proc)
                t, ctx, page = _load(browser, url)
                warm_s.append(t)
                ctx.close()
            _pool_ready(proc)
            _, ctx, page = _load(browser, url)
            page.evaluate(_INSTALL, list(OUTPUTS))
            handle = page.locator(".growth-control [role=slider]").first
            handle.focus()
            lat = []
            for i in range(n):
                src = page.evaluate("() => document.querySelector('.scenario-chart img').src.length + ':' +"
                                    " document.querySelector('.scenario-chart img').src.slice(-64)")
                page.keyboard.press("ArrowRight" if (i // 5) % 2 == 0 else "ArrowLeft")
                page.wait_for_function("(s) => { const i = document.querySelector('.scenario-chart img');"
                                       " return i && (i.src.length + ':' + i.src.slice(-64)) !== s; }",
                                       arg=src, timeout=30_000)
                page.wait_for_function(f"() => window.__bench.last > 0 && "
                                       f"performance.now() - window.__bench.last > {QUIET_MS}", timeout=30_000)
                b = page.evaluate("() => window.__bench")
                lat.append(b["last"] - b["down"])
            ctx.close()
            browser.close()
    finally:
        serve.stop_server(proc)
    summary = {
        "what": "Voila app in headless Chromium: first usable page; keydown -> settled outputs",
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "load_avg": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "first_page_cold_s": first, "first_page_warm_s": _stats(warm_s) if warm_s else None,
        "change_to_settled_ms": _stats(lat), "latencies_ms": [round(x, 1) for x in lat],
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_browser.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def report(s: dict) -> str:
    c = s["change_to_settled_ms"]
    w = s["first_page_warm_s"]
    lines = [f"change -> settled output (ms, n={c['n']}): p50 {c['p50']:.0f}  p90 {c['p90']:.0f}  "
             f"p95 {c['p95']:.0f}  max {c['max']:.0f}",
             f"first usable page: cold {s['first_page_cold_s']:.1f} s"
             + (f"; warm p50 {w['p50']:.1f} s, max {w['max']:.1f} s (n={w['n']})" if w else ""),
             f"({s['cpus']} CPUs, load average {s['load_avg']})"]
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=80, help="slider changes (default 80)")
    p.add_argument("--warm", type=int, default=3, help="warm page loads (default 3)")
    a = p.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium")
        return 0
    print(report(run(a.n, a.warm)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
