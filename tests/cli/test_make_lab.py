"""``make lab`` (issue 17): JupyterLab starts headless from the Makefile target, answers on
localhost, lists the parlib kernel (the default) and has the ipywidgets extension the explorer
notebook (20_explore) needs; then it is stopped."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str):
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return r.status, r.read().decode("utf-8")


@pytest.mark.slow
def test_make_lab_serves_jupyterlab_with_the_parlib_kernel(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    prefix = Path(sys.prefix)  # the environment running the tests (.venv under `make test`)
    assert (prefix / "bin" / "jupyter-lab").exists(), "jupyterlab missing: it is in the dev extra"
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    args = (f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token} --allow-root")
    cmd = ["make", "--no-print-directory", "-o", str(prefix / ".parlib-installed"), "lab",
           f"VENV={prefix}", f"LAB_ARGS={args}"]
    log = open(tmp_path / "lab.log", "wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, _ = _get(f"{base}/api/status", token)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not answer:\n"
                                + (tmp_path / "lab.log").read_text(errors="replace")[-2000:])
                time.sleep(0.5)
        assert status == 200
        specs = json.loads(_get(f"{base}/api/kernelspecs", token)[1])
        assert "parlib" in specs["kernelspecs"] and specs["default"] == "parlib"
        assert specs["kernelspecs"]["parlib"]["spec"]["display_name"] == "Python (parlib)"
        status, page = _get(f"{base}/lab", token)
        assert status == 200 and "JupyterLab" in page
        extensions = json.loads(_get(f"{base}/lab/api/extensions", token)[1])
        if isinstance(extensions, dict):  # newer JupyterLab: {"installed": [...], ...}
            extensions = extensions.get("installed", [])
        names = {e.get("name") for e in extensions}
        assert any("jupyterlab-manager" in n for n in names), names  # ipywidgets' extension
        assert "jupyterlab-jupytext" in names, names  # opens the .py pairs as notebooks
        contents = json.loads(_get(f"{base}/api/contents", token)[1])
        assert "20_explore.ipynb" in {c["name"] for c in contents["content"]}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
