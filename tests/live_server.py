"""Helpers for the tests that run a live Voila server (tests/test_explorer_live.py)."""

from __future__ import annotations

import socket
import time

from analysis.app.explorer import serve


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    """Whether something listens on 127.0.0.1:``port``."""
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def kernels(pid: int) -> list[int]:
    """The process ids of the ipykernel processes the server ``pid`` started."""
    out = []
    for k in serve.descendants(pid):
        try:
            with open(f"/proc/{k}/cmdline", "rb") as fh:
                if b"ipykernel" in fh.read():
                    out.append(k)
        except OSError:
            pass
    return out


def wait(pred, timeout: float, step: float = 0.5) -> bool:
    """Poll ``pred()`` until it is true or ``timeout`` seconds have passed; its last value."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()
