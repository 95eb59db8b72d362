"""`make run`'s launcher starts the three services, prints the chat URL, and Ctrl-C stops them all."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.e2e.stack_fixtures import ROOT, stack

pytestmark = pytest.mark.stack


def test_launcher_prints_the_chat_url_and_stops_everything_on_ctrl_c(tmp_path):
    port = stack.free_port()
    env = {**os.environ, "DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    launcher = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "run.py"), "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines = []
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            line = launcher.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "ready: open" in line:
                break
        assert f"http://127.0.0.1:{port}/" in "".join(lines), "".join(lines)

        body = json.dumps({"sender": "launcher-test-1", "text": "xin chào"}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/web/messages", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert json.loads(response.read())["replies"]

        children = subprocess.run(["pgrep", "-P", str(launcher.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 3
        launcher.send_signal(signal.SIGINT)
        output, _ = launcher.communicate(timeout=60)
        assert launcher.returncode == 0
        assert "stopped" in output
        for child in children:
            assert not os.path.exists(f"/proc/{child}") or open(f"/proc/{child}/status").read().find("State:\tZ") >= 0
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()
