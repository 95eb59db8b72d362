"""How long filling each shipped declaration takes through the whole assistant (web chat, gateway,
Rasa, action server), answered by a made-up citizen who answers every question right the first time
(``tests/forms/samples.py``), then confirms and downloads the PDF.

Prints, per form: the citizen's messages, the fields asked, the seconds the assistant spent answering
(p50/p95 per message and in all) and the PDF's size. A person's own reading and typing time is not
measured; ``--typing-seconds`` adds an assumed time per message to estimate a whole session.

    .venv/bin/python scripts/bench_forms.py [--rounds 3] [--typing-seconds 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms.catalog import shipped  # noqa: E402
from forms.filling import answer_payload  # noqa: E402
from tests.e2e.stack_fixtures import start_stack, texts  # noqa: E402
from tests.forms.samples import SAMPLES, asked_field  # noqa: E402

OPENING = {"khai-sinh": "tôi muốn điền tờ khai khai sinh", "ct01": "điền giúp mẫu CT01",
           "ly-lich-tu-phap": "điền tờ khai lý lịch tư pháp"}


def fill(running, form_id: str) -> tuple[int, int, list[float], int]:
    """One whole form: (messages sent, fields asked, seconds per message, PDF bytes)."""
    sender, timings, fields = uuid.uuid4().hex, [], 0

    def says(text: str) -> list[dict]:
        started = time.perf_counter()
        payload = text if text.startswith("/") else None
        replies = running.web_says(sender, "" if payload else text, payload)["replies"]
        timings.append(time.perf_counter() - started)
        return replies

    replies = says(OPENING[form_id])
    while "trước khi tôi tạo bản in" not in texts(replies):
        field = asked_field(form_id, texts(replies))
        if field is None:
            raise SystemExit(f"{form_id}: no question recognised in {texts(replies)!r}")
        fields += 1
        replies = says(SAMPLES[form_id][field][0])
    replies = says(answer_payload("confirm"))
    document = next(reply["document"] for reply in replies if reply.get("document"))
    with urllib.request.urlopen(document, timeout=30) as response:
        size = len(response.read())
    return len(timings), fields, timings, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="each form filled this many times")
    parser.add_argument("--typing-seconds", type=float, default=20.0,
                        help="assumed seconds a person takes to read a question and answer it on a phone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        running = start_stack(data / "logs", {"DATA_DIR": str(data)})
        try:
            print(f"{'form':18} {'messages':>8} {'fields':>6} {'p50 ms':>7} {'p95 ms':>7} {'assistant s':>11} "
                  f"{'est. session':>12} {'PDF KB':>7}")
            for form in shipped().all():
                runs = [fill(running, form.id) for _ in range(args.rounds)]
                messages, fields, _, size = runs[-1]
                timings = sorted(t for run in runs for t in run[2])
                total = statistics.mean(sum(run[2]) for run in runs)
                p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
                estimate = total + messages * args.typing_seconds
                print(f"{form.id:18} {messages:8d} {fields:6d} {statistics.median(timings) * 1000:7.0f} {p95 * 1000:7.0f} "
                      f"{total:11.1f} {estimate / 60:9.1f} min {size / 1024:7.0f}")
            print(f"(est. session = the assistant's time + {args.typing_seconds:g} s per message for the person; "
                  f"{args.rounds} rounds per form)")
        finally:
            running.stop()


if __name__ == "__main__":
    main()
