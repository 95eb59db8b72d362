"""`make run`: train if needed, check the catalog, start the action server, Rasa and the web gateway,
print the chat URL, and stop everything cleanly on Ctrl-C."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import stack  # noqa: E402


def say(message: str) -> None:
    print(f"\033[1m[run]\033[0m {message}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("GATEWAY_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("GATEWAY_PORT", "8000")))
    args = parser.parse_args()

    stack.ensure_model(say)
    say("checking the procedure catalog and building its index...")
    subprocess.run([str(stack.APP_PYTHON), "-m", "knowledge", "build-index"], cwd=stack.ROOT, env=stack.quiet_env(), check=True)

    ports = stack.Ports(gateway=args.port)
    running: list[stack.Service] = []
    stopping = False

    def request_stop(signum, frame):  # noqa: ARG001
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        for service in stack.services(ports, host=args.host):
            say(f"starting {service.name} (log: {service.log_path.relative_to(stack.ROOT)})")
            service.start()
            running.append(service)
            while True:
                try:
                    seconds = service.wait_ready(timeout=1.0)
                    say(f"{service.name} ready")
                    break
                except TimeoutError:
                    if stopping:
                        raise KeyboardInterrupt from None
                except RuntimeError:
                    say(f"{service.name} stopped unexpectedly; see {service.log_path}")
                    return 1
                if time.monotonic() - service.started_at > 300:
                    say(f"{service.name} did not start within 5 minutes; see {service.log_path}")
                    return 1
        host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
        say(f"ready: open http://{host}:{args.port}/ to chat (Ctrl-C stops everything)")
        while not stopping:
            for service in running:
                if service.process.poll() is not None:
                    say(f"{service.name} stopped unexpectedly (exit {service.process.returncode}); see {service.log_path}")
                    return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        say("stopping...")
        stack.stop_all(running)
        say("stopped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
