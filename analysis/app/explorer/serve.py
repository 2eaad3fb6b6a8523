"""Serve the explorer safely: ``python -m analysis explore``.

The notebook ``notebooks/04_scenario_explorer.ipynb`` is served by Voila with:

* **one address**: 127.0.0.1 by default; ``--lan`` binds all interfaces and then always
  requires a token (printed in the URL to share); Host and Origin headers are checked
  (``allow_remote_access`` off, only ``localhost``/``127.0.0.1`` — plus the machine's
  own name with ``--lan`` — and same-origin websockets);
* **kernels that go away**: a closed tab's kernel is shut down by the page, an idle one
  is culled (``MappingKernelManager.cull_idle_timeout``, ``cull_interval``,
  ``cull_connected``), and at most ``--max-kernels`` run at once (:class:`CappedKernelManager`);
* **a guard for an upstream bug**: Voila 0.5's ``read_header_from_binary_message`` reads
  the first 8 bytes of *any* binary websocket message as a count of offsets; a
  message in the legacy websocket format (4-byte big-endian count) gives a count
  near 10^18 and the server builds that list until it runs out of memory.
  :func:`safe_read_header` checks the count and offsets against the message length;
  the server process runs :func:`main`, which installs it before Voila starts; client
  messages are also capped at :data:`MAX_MESSAGE_BYTES`;
* **a clean stop**: the server runs in its own process group; Ctrl-C or SIGTERM stops
  it and every kernel it started (kernels run in their own sessions, so they are
  found as the server's child processes and signalled one by one).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence

from analysis import config
from analysis.app.explorer import data as explorer_data
from analysis.app.params import paths_env
from analysis.app.startup import skip_unused_slow_imports
from analysis.errors import display_name
from analysis.i18n import t

__all__ = ["notebook_path", "voila_command", "serve", "cli_explore", "safe_read_header", "install_guard",
           "CappedKernelManager", "stop_server", "descendants", "main", "CULL_IDLE_TIMEOUT", "CULL_INTERVAL",
           "MAX_KERNELS", "MAX_MESSAGE_BYTES", "template_dir"]

#: Seconds a kernel may stay idle before it is culled (also when a page is still connected).
CULL_IDLE_TIMEOUT: int = 600
#: Seconds between two culling passes.
CULL_INTERVAL: int = 60
#: Kernels running at once (each ~200 MB); more pages get a "try later" page.
MAX_KERNELS: int = 8
#: Largest websocket message a client may send (an uploaded scenario is a few KB).
MAX_MESSAGE_BYTES: int = 2 * 1024 * 1024
#: Seconds to wait for the server to stop its kernels before they are killed.
STOP_GRACE: float = 8.0


def notebook_path() -> Path:
    """The explorer notebook served by ``python -m analysis explore``."""
    return config.notebooks_dir() / "04_scenario_explorer.ipynb"


def template_dir() -> Path:
    """The Jupyter data folder holding the app's Voila template (``voila/templates/pingchuan``)."""
    return Path(__file__).resolve().parent / "share"


# --------------------------------------------------------------------------- inside the server process
def safe_read_header(ws_msg: bytes) -> dict | None:
    """The header of a v1-protocol binary kernel message, or ``None`` when it is not one.

    Same result as ``voila.tornado.kernel_websocket_handler.read_header_from_binary_message``
    for well-formed v1 messages, but the offset count and the offsets are checked against
    the message length first, so a legacy-format message (or garbage) costs O(1) instead
    of a list of ~10^18 offsets.
    """
    if not isinstance(ws_msg, (bytes, bytearray, memoryview)) or len(ws_msg) < 8:
        return None
    n = int.from_bytes(ws_msg[:8], "little")
    if n < 3 or 8 * (n + 1) > len(ws_msg):
        return None
    offsets = [int.from_bytes(ws_msg[8 * (i + 1): 8 * (i + 2)], "little") for i in range(3)]
    if not 8 * (n + 1) <= offsets[1] <= offsets[2] <= len(ws_msg):
        return None
    try:
        return json.loads(bytes(ws_msg[offsets[1]:offsets[2]]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def install_guard() -> None:
    """Replace Voila's header reader by :func:`safe_read_header` (in the server process)."""
    from voila.tornado import kernel_websocket_handler as kwh

    kwh.read_header_from_binary_message = safe_read_header


def install_xsrf_cookie() -> None:
    """Make the page's handler set the ``_xsrf`` cookie (in the server process).

    When a tab is closed or reloaded, Voila's page asks the server to shut its kernel down with
    a POST that carries the ``_xsrf`` cookie's value; Voila 0.5's page handler never sets that
    cookie, so the request was refused (403) and every closed tab's kernel (~200 MB) stayed until
    the idle cull, until the cap refused new visitors. The cookie is set as the page starts.
    """
    from voila.handler import VoilaHandler

    orig = VoilaHandler.get_generator
    if getattr(orig, "_sets_xsrf", False):
        return

    async def get_generator(self, path=None):
        self.xsrf_token  # noqa: B018 - reading it sets the cookie (tornado)
        async for chunk in orig(self, path=path):
            yield chunk

    get_generator._sets_xsrf = True  # type: ignore[attr-defined]
    VoilaHandler.get_generator = get_generator


def _capped_class():
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from tornado import web
    from traitlets import Integer

    class CappedKernelManager(AsyncMappingKernelManager):
        """A kernel manager that refuses to start more than ``max_kernels`` kernels."""

        max_kernels = Integer(MAX_KERNELS, config=True, help="Kernels running at once.")

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            mk = self.config.get("MappingKernelManager", {}).get("max_kernels")
            if mk is not None:
                self.max_kernels = int(mk)

        async def start_kernel(self, *args, **kwargs):
            if kwargs.get("kernel_id") is not None:  # an existing kernel: never refused
                return await super().start_kernel(*args, **kwargs)
            # kernels still starting count too (jupyter_client keeps them in ``_pending_kernels``
            # until they are ready): pages asked for at the same moment would otherwise all see
            # the same count and all start one. Nothing awaits between this check and the moment
            # the new kernel is registered as pending, so the check and the start are one step.
            running = set(self.list_kernel_ids()) | set(getattr(self, "_pending_kernels", {}) or {})
            if len(running) >= self.max_kernels:
                # the page says it (templates/pingchuan/503.html) in the app's language (explore --lang)
                lang = os.environ.get(config.NOTEBOOK_ENV["lang"], "zh")
                raise web.HTTPError(503, t("explorer.too_many", lang if lang in ("zh", "en") else "zh",
                                           n=self.max_kernels))
            return await super().start_kernel(*args, **kwargs)

    return CappedKernelManager


def __getattr__(name):  # CappedKernelManager is built on first use (jupyter_server is the app's dependency)
    if name == "CappedKernelManager":
        return _capped_class()
    raise AttributeError(name)


def main(argv: Sequence[str] | None = None) -> None:
    """The server process: install the guard, then run Voila.

    ``argv`` is ``[SETTINGS_JSON, *voila_args]``: the settings (``tornado_settings``,
    the kernel manager's culling and cap) go into a traitlets ``Config`` because dicts
    do not pass well on a command line.
    """
    skip_unused_slow_imports()
    from traitlets.config import Config
    from voila.app import Voila

    args = list(argv if argv is not None else sys.argv[1:])
    settings = json.loads(args.pop(0))
    install_guard()
    install_xsrf_cookie()
    cfg = Config()
    cfg.Voila.tornado_settings = settings["tornado"]
    cfg.VoilaConfiguration.multi_kernel_manager_class = _capped_class()
    cfg.VoilaConfiguration.file_allowlist = []
    cfg.VoilaConfiguration.show_tracebacks = False
    if settings.get("preheat"):
        cfg.VoilaConfiguration.preheat_kernel = True
        cfg.VoilaConfiguration.default_pool_size = 1
    for k, v in settings["kernels"].items():
        setattr(cfg.MappingKernelManager, k, v)
    cfg.MappingKernelManager.max_kernels = settings["max_kernels"]
    Voila.launch_instance(argv=args, config=cfg)


# --------------------------------------------------------------------------- the launcher
def _hostnames(lan: bool) -> list[str]:
    names = ["localhost", "127.0.0.1"]
    if lan:
        names += [socket.gethostname(), socket.getfqdn()]
    return list(dict.fromkeys(n for n in names if n))


def voila_command(port: int = 8866, *, notebook: str | Path | None = None, open_browser: bool = False,
                  lan: bool = False, token: str | None = None, cull_idle_timeout: int = CULL_IDLE_TIMEOUT,
                  cull_interval: int = CULL_INTERVAL, max_kernels: int = MAX_KERNELS,
                  preheat: bool = True) -> list[str]:
    """The command that serves the explorer notebook (see the module docstring for the settings).

    ``lan=False`` binds 127.0.0.1 with no token (only this machine can connect);
    ``lan=True`` binds 0.0.0.0 and requires ``token`` (a random one when not given).
    ``preheat`` keeps one kernel with the notebook already executed waiting for the next
    visitor (Voila's kernel pool), so a page is usable in about a second instead of the
    ten it takes to start Python, import the suite and build the app.
    """
    nb = Path(notebook) if notebook is not None else notebook_path()
    if lan and not token:
        token = secrets.token_urlsafe(24)
    settings = {
        "tornado": {"allow_remote_access": False, "local_hostnames": _hostnames(lan), "allow_origin": "",
                    "websocket_max_message_size": MAX_MESSAGE_BYTES},
        "kernels": {"cull_idle_timeout": int(cull_idle_timeout), "cull_interval": int(cull_interval),
                    "cull_connected": True, "cull_busy": False},
        "max_kernels": int(max_kernels),
        "preheat": bool(preheat),
    }
    cmd = [sys.executable, "-c", "from analysis.app.explorer.serve import main; main()", json.dumps(settings),
           str(nb), f"--port={int(port)}", f"--Voila.ip={'0.0.0.0' if lan else '127.0.0.1'}",
           "--Voila.port_retries=0", "--theme=light", "--template=pingchuan", f"--Voila.token={token or ''}"]
    if not open_browser:
        cmd.append("--no-browser")
    return cmd


def server_env(lang: str | None = None, *, data=None, targets=None) -> dict:
    """The server's environment: the app's template on the Jupyter path, Agg for matplotlib, BLAS on
    one thread in its kernels (:func:`analysis.config.one_blas_thread`), the page's language
    (``explore --lang en``) and its data (``explore --data FILE [--data FILE2] [--targets FILE]``),
    which the notebook reads as :func:`analysis.app.params.notebook_params`."""
    env = config.one_blas_thread(dict(os.environ))
    if lang is not None:
        env[config.NOTEBOOK_ENV["lang"]] = lang
    env.update(paths_env(data, targets))
    env["JUPYTER_PATH"] = os.pathsep.join([str(template_dir()), *filter(None, [env.get("JUPYTER_PATH")])])
    env.setdefault("MPLBACKEND", "Agg")
    root = Path(__file__).resolve().parents[3]  # so the server imports this copy of analysis
    env["PYTHONPATH"] = os.pathsep.join([str(root), *filter(None, [env.get("PYTHONPATH")])])
    return env


def serve(cmd: list[str], *, cwd: str | Path | None = None, env: dict | None = None,
          lang: str | None = None) -> subprocess.Popen:
    """Start the server in its own process group (its session) and return it; ``lang`` is the
    page's language (default: the environment's, Chinese)."""
    return subprocess.Popen(cmd, cwd=str(cwd) if cwd else None, env=env or server_env(lang),
                            start_new_session=True)


def descendants(pid: int) -> list[int]:
    """Every descendant process id of ``pid`` (Linux ``/proc``; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(os.getpgid(pid), sig)
    except (ProcessLookupError, PermissionError):
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


def stop_server(proc: subprocess.Popen, *, grace: float = STOP_GRACE) -> None:
    """Stop the server and every kernel it started.

    SIGTERM to the server's process group (Voila then shuts its kernels down), a wait
    of ``grace`` seconds, then SIGKILL to every process still alive: the group and each
    kernel's own group (kernels run in new sessions, found as the server's descendants).
    """
    kids = descendants(proc.pid)
    if proc.poll() is None:
        _signal_group(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and (proc.poll() is None or any(_alive(k) for k in kids)):
        kids += [k for k in descendants(proc.pid) if k not in kids]
        time.sleep(0.1)
    for k in kids:
        if _alive(k):
            _signal_group(k, signal.SIGKILL)
    if proc.poll() is None:
        _signal_group(proc.pid, signal.SIGKILL)
    proc.wait()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _has_display() -> bool:
    """Whether a desktop browser can be opened (no display: a server or a container)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def app_url(port: int, *, lan: bool = False, token: str | None = None) -> str:
    """The address to open."""
    host = socket.gethostname() if lan else "127.0.0.1"
    return f"http://{host}:{int(port)}/" + (f"?token={token}" if token else "")


def cli_explore(args) -> int:
    """``python -m analysis explore [--data FILE ...] [--targets FILE] [--port N] [--no-browser] [--lan]``:
    serve until Ctrl-C or SIGTERM.

    The data files are read here first, as the page will read them: a file with problems is refused
    with its ``FILE:ROW:COLUMN`` lines (:class:`~analysis.errors.InputError`, exit status 1) before
    any server starts; the page then shows those data and names them.
    """
    lang = getattr(args, "lang", "zh") or "zh"
    nb = notebook_path()
    if not nb.exists():
        print(t("explorer.serve_no_notebook", lang, path=nb), file=sys.stderr)
        return 1
    port = int(getattr(args, "port", 8866))
    if not 0 < port < 65536:
        print(t("explorer.serve_bad_port", lang, port=port), file=sys.stderr)
        return 1
    data, targets = getattr(args, "data", None) or None, getattr(args, "targets", None)
    if data or targets:
        obs = explorer_data.check(data, targets, lang=lang)
        files = [display_name(p) for p in (data or [])] or [display_name(config.monitoring_path())]
        print(t("explorer.serve_data", lang, files=t("report.names_sep", lang).join(files), n=len(obs)), flush=True)
    lan = bool(getattr(args, "lan", False))
    token = secrets.token_urlsafe(24) if lan else None
    open_browser = not getattr(args, "no_browser", False) and _has_display() and not lan
    cmd = voila_command(port, notebook=nb, open_browser=open_browser, lan=lan, token=token)
    print(t("explorer.serve_url", lang, url=app_url(port, lan=lan, token=token)), flush=True)
    if lan:
        print(t("explorer.serve_lan", lang), flush=True)
    proc = serve(cmd, cwd=nb.parent, env=server_env(lang, data=data, targets=targets), lang=lang)
    stopping = []

    def _stop(signum, frame):  # pragma: no cover - exercised by the server tests in a subprocess
        stopping.append(signum)
        raise KeyboardInterrupt

    old = {s: signal.signal(s, _stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        code = proc.wait()
        if code and not stopping:
            print(t("explorer.serve_failed", lang, code=code), file=sys.stderr)
        return code
    except KeyboardInterrupt:
        return 0
    finally:
        stop_server(proc)
        for s, h in old.items():
            signal.signal(s, h)
        print(t("explorer.serve_stopped", lang), flush=True)


if __name__ == "__main__":  # the server process (see voila_command)
    main()
