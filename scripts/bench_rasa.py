"""Figures for the Rasa side: time until Rasa answers, its memory, and reply latency.

    .venv/bin/python scripts/bench_rasa.py [--messages 200]

Starts the action server and Rasa on free ports (SQLite tracker store in a temporary folder), then
sends --messages messages through Rasa's REST channel, one at a time, from 20 conversations, and
prints p50 / p95 / max latency. Memory is the resident set size of Rasa's process tree.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
import stack  # noqa: E402

MESSAGES = [
    "xin chào", "làm hộ chiếu cần giấy tờ gì", "thế lệ phí bao nhiêu?", "lam cccd o dau",
    "đăng ký tạm trú online được không", "mất mấy ngày", "tra cứu hồ sơ 000.00.04.H51-200221-0001",
    "gplx het han doi o dau", "cảm ơn nhiều", "hôm nay trời đẹp quá", "bạn là người hay máy",
    "cho tôi gặp cán bộ", "thủ tục khai sinh cho con", "le phi lam so do bn z ad", "tạm biệt",
]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pids.extend(int(child) for child in children)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


def send(port: int, sender: str, text: str) -> float:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--model", default=str(stack.MODEL))
    args = parser.parse_args()
    model = Path(args.model)
    print(f"model: {model.name}, {model.stat().st_size / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as data:
        ports = stack.Ports.free()
        services = [s for s in stack.services(ports, model=model, logs=Path(data), env={"DATA_DIR": data}) if s.name != "gateway"]
        try:
            actions, rasa = services
            actions.start()
            actions.wait_ready(60)
            started = time.perf_counter()
            rasa.start()
            rasa.wait_ready(600)
            ready = time.perf_counter() - started
            first = send(ports.rasa, "bench-warmup", "xin chào")
            print(f"Rasa ready after {ready:.1f} s; first answer {first * 1000:.0f} ms later ({ready + first:.1f} s from start)")
            print(f"Rasa memory after load: {rss_mb(rasa.process.pid):.0f} MB RSS")
            latencies = [send(ports.rasa, f"bench-{i % 20}", MESSAGES[i % len(MESSAGES)]) for i in range(args.messages)]
            latencies.sort()
            p50 = statistics.median(latencies) * 1000
            p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
            print(f"reply latency over {len(latencies)} messages (REST, sequential): p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
            print(f"Rasa memory after the run: {rss_mb(rasa.process.pid):.0f} MB RSS")
        finally:
            stack.stop_all(services)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
