"""Child processes that end when the process that started them dies.

``kill -9`` of ``parlib build`` or ``parlib briefs`` must not leave reader workers, render
workers or Jupyter kernels running. Every worker calls :func:`die_with_parent` first thing
(a pool ``initializer``):

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker the moment its
  parent dies;
* everywhere, a daemon watchdog thread that checks once a second whether the parent (and, for
  workers started through a fork server, the main process ``owner``) is still alive, and
  otherwise runs the worker's cleanup (e.g. shutting down its Jupyter kernel) and exits.

Jupyter kernels started by a worker get ``JPY_PARENT_PID`` from jupyter_client and stop by
themselves (ipykernel's parent poller) once the worker is gone.
"""
from __future__ import annotations

import os
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists (a zombie counts as alive until it is reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pdeathsig(sig: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def die_with_parent(owner: int | None = None, cleanup=None):
    """Make this (child) process end when its parent, or the process ``owner``, dies.

    ``cleanup()`` runs (best effort) before the watchdog ends the process."""
    import signal

    parent = os.getppid()
    _pdeathsig(signal.SIGKILL)
    watched = [p for p in (parent, owner) if p and p > 1]

    def gone() -> bool:
        return os.getppid() != parent or any(not alive(p) for p in watched)

    if gone():  # the parent died before the signal was armed
        os._exit(1)

    def watch():
        while True:
            time.sleep(POLL_SECONDS)
            if gone():
                if cleanup is not None:
                    try:
                        cleanup()
                    except Exception:
                        pass
                os._exit(1)

    threading.Thread(target=watch, name="parlib-parent-watchdog", daemon=True).start()
