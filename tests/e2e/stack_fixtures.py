"""Running the real action server, Rasa and gateway for end-to-end tests."""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import stack  # noqa: E402


def post_json(url: str, body: dict, timeout: float = 60) -> object:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def get_json(url: str, timeout: float = 10) -> object:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


@dataclass
class Running:
    ports: stack.Ports
    services: list[stack.Service]
    database_url: str = ""  # the app's database the services share
    logs: Path | None = None  # where each service writes its log

    def rasa_says(self, sender: str, message: str, metadata: dict | None = None) -> list[dict]:
        """Send straight to Rasa's REST channel (as the gateway does)."""
        body = {"sender": sender, "message": message, "metadata": metadata or {}}
        return post_json(f"http://127.0.0.1:{self.ports.rasa}/webhooks/rest/webhook", body)

    def web_says(self, sender: str, text: str = "", payload: str | None = None) -> dict:
        """Send through the gateway's web chat endpoint."""
        return post_json(f"http://127.0.0.1:{self.ports.gateway}/api/web/messages", {"sender": sender, "text": text, "payload": payload})

    def web_updates(self, sender: str, wait: float = 0.0) -> list[dict]:
        """Everything pushed to this web chat: polled until something arrives or ``wait`` seconds pass,
        then a last poll so a duplicate sent right after would show too."""
        url = f"http://127.0.0.1:{self.ports.gateway}/api/web/updates?sender={sender}"
        deadline, replies = time.monotonic() + wait, []
        while True:
            replies += get_json(url)["replies"]
            if time.monotonic() >= deadline or replies:
                break
            time.sleep(0.2)
        time.sleep(0.5)
        return replies + get_json(url)["replies"]

    def dossier_event(self, body: dict, token: str) -> int:
        """A one-stop system reporting a status change to the gateway; the HTTP status it gets."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.ports.gateway}/api/dossiers/events", data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status

    def tracker(self, conversation_id: str) -> dict:
        return get_json(f"http://127.0.0.1:{self.ports.rasa}/conversations/{conversation_id}/tracker")

    def service(self, name: str) -> stack.Service:
        return next(service for service in self.services if service.name == name)

    def restart(self, name: str, timeout: float = 300) -> float:
        service = self.service(name)
        service.stop()
        service.start()
        return service.wait_ready(timeout)

    def stop(self) -> None:
        stack.stop_all(self.services)


def start_stack(logs: Path, env: dict[str, str], with_gateway: bool = True, timeout: float = 300) -> Running:
    model = stack.ensure_model(lambda message: print(f"[e2e] {message}"))
    ports = stack.Ports.free()
    chosen = [s for s in stack.services(ports, model=model, logs=logs, env=env) if with_gateway or s.name != "gateway"]
    running = Running(ports, [])
    try:
        for service in chosen:
            service.start()
            running.services.append(service)
            started = time.monotonic()
            service.wait_ready(timeout)
            print(f"[e2e] {service.name} ready in {time.monotonic() - started:.1f} s")
    except Exception:
        running.stop()
        raise
    return running


def texts(replies: list[dict]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)
