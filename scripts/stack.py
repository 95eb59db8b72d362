"""Shared by run.py, the test suite and the benchmarks: train the Rasa model when its inputs
changed, and start / stop the three services (action server, Rasa, gateway) as child processes.

Standard library only, so any of the project's Pythons can import it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
APP_PYTHON = ROOT / ".venv" / "bin" / "python"
MODELS = ROOT / "models"
MODEL = MODELS / "assistant.tar.gz"
FINGERPRINT = MODELS / "assistant.fingerprint"
MODEL_INPUTS = ("config.yml", "domain.yml", "data", "bot", "vntext", "requirements/rasa.lock")


def quiet_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    # Reproducible training: the same data and config give the same model (and held-out figure).
    env.setdefault("TF_DETERMINISTIC_OPS", "1")
    env.setdefault("PYTHONHASHSEED", "0")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra or {})
    return env


def model_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in MODEL_INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:20]


def ensure_model(log=print) -> Path:
    """Train the model unless one exists for exactly these inputs."""
    wanted = model_fingerprint()
    if MODEL.exists() and FINGERPRINT.exists() and FINGERPRINT.read_text().strip() == wanted:
        log(f"model is up to date ({MODEL.relative_to(ROOT)})")
        return MODEL
    log("training the Rasa model (data or config changed; takes a few minutes)...")
    started = time.monotonic()
    MODELS.mkdir(exist_ok=True)
    with open(MODELS / "train.log", "w") as out:
        result = subprocess.run(
            [str(RASA), "train", "--fixed-model-name", "assistant", "--out", str(MODELS)],
            cwd=ROOT, env=quiet_env(), stdout=out, stderr=subprocess.STDOUT,
        )
    if result.returncode != 0 or not MODEL.exists():
        raise SystemExit(f"rasa train failed; see {MODELS / 'train.log'}")
    FINGERPRINT.write_text(wanted)
    log(f"model trained in {time.monotonic() - started:.0f} s")
    return MODEL


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float, process: subprocess.Popen | None = None) -> float:
    """Seconds until ``url`` answers 200; raises if the process dies or time runs out."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Service:
    name: str
    command: list[str]
    health_url: str
    env: dict[str, str] = field(default_factory=dict)
    log_path: Path | None = None
    process: subprocess.Popen | None = None
    started_at: float = 0.0

    def start(self) -> None:
        self.started_at = time.monotonic()
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=quiet_env(self.env), stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: Ctrl-C in the terminal reaches only us
        )

    def wait_ready(self, timeout: float) -> float:
        assert self.process is not None
        return wait_http(self.health_url, timeout, self.process)

    def stop(self, timeout: float = 15.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Ports:
    actions: int = 5055
    rasa: int = 5005
    gateway: int = 8000

    @classmethod
    def free(cls) -> "Ports":
        return cls(free_port(), free_port(), free_port())


def services(ports: Ports, model: Path = MODEL, logs: Path | None = None, env: dict[str, str] | None = None,
             host: str = "127.0.0.1") -> list[Service]:
    """The three services in start order, wired to each other on ``ports``."""
    env = dict(env or {})
    logs_dir = logs or ROOT / "var" / "logs"
    logs_dir.mkdir(parents=True, exist_ok=True)
    common = {
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports.actions}/webhook",
        "RASA_URL": f"http://127.0.0.1:{ports.rasa}",
        "ACTION_SERVER_URL": f"http://127.0.0.1:{ports.actions}",
        "GATEWAY_PORT": str(ports.gateway),  # links the action server hands out (a filled form's PDF)
        **env,
    }
    return [
        Service(
            "action server",
            [str(APP_PYTHON), "-m", "rasa_sdk", "--actions", "actions", "--port", str(ports.actions)],
            f"http://127.0.0.1:{ports.actions}/health", {**common, "SANIC_HOST": "127.0.0.1", "ACTIONS_WARM_UP": "1"}, logs_dir / "actions.log",
        ),
        Service(
            "rasa",
            [str(RASA), "run", "--enable-api", "--model", str(model), "--port", str(ports.rasa),
             "--interface", "127.0.0.1", "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"],
            f"http://127.0.0.1:{ports.rasa}/status", common, logs_dir / "rasa.log",
        ),
        Service(
            "gateway",
            [str(APP_PYTHON), "-m", "channels", "serve", "--host", host, "--port", str(ports.gateway)],
            f"http://127.0.0.1:{ports.gateway}/health", common, logs_dir / "gateway.log",
        ),
    ]


def stop_all(running: list[Service]) -> None:
    for service in reversed(running):
        service.stop()


if __name__ == "__main__":  # python scripts/stack.py train
    if sys.argv[1:] == ["train"]:
        ensure_model()
