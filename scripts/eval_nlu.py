"""Intent accuracy of a trained model on a labelled NLU file (`rasa test nlu`), printed as figures.

    .venv/bin/python scripts/eval_nlu.py --nlu tests/nlu/heldout.yml [--model models/assistant.tar.gz]
        [--target 0.95] [--min-accuracy 0.93] [--errors]

Prints whether the accuracy meets --target; exits 1 only when it falls below --min-accuracy (a
regression floor). A prediction of nlu_fallback counts as an error.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
import stack  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nlu", required=True)
    parser.add_argument("--model", default=str(stack.MODEL))
    parser.add_argument("--target", type=float, default=None, help="the accuracy we aim for (printed: met or not)")
    parser.add_argument("--min-accuracy", type=float, default=0.0, help="exit 1 below this accuracy")
    parser.add_argument("--errors", action="store_true", help="per-intent confusions and every misclassified message (dev sets only)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as out:
        log = Path(out) / "test.log"
        with open(log, "w") as handle:
            result = subprocess.run(
                [str(stack.RASA), "test", "nlu", "--nlu", args.nlu, "--model", args.model, "--out", out],
                cwd=stack.ROOT, env=stack.quiet_env(), stdout=handle, stderr=subprocess.STDOUT,
            )
        report_path = Path(out) / "intent_report.json"
        if result.returncode != 0 or not report_path.exists():
            print(log.read_text()[-3000:])
            print("rasa test nlu failed")
            return 1
        report = json.loads(report_path.read_text())
        errors_path = Path(out) / "intent_errors.json"
        errors = json.loads(errors_path.read_text()) if errors_path.exists() else []

    accuracy = report["accuracy"]
    total = int(report["weighted avg"]["support"])
    print(f"NLU intent accuracy on {args.nlu}: {accuracy:.4f} ({total - len(errors)}/{total})")
    print(f"  macro F1 {report['macro avg']['f1-score']:.4f}, weighted F1 {report['weighted avg']['f1-score']:.4f}")
    if args.errors:
        # Per-intent confusions and the messages themselves: for development sets only. Reading
        # them for the held-out set would make it a development set.
        for intent, row in sorted(report.items()):
            if isinstance(row, dict) and "confused_with" in row:
                confused = ", ".join(f"{k} {v}" for k, v in row["confused_with"].items())
                print(f"  {intent:<16} F1 {row['f1-score']:.3f}  n={row['support']:<4} {confused}")
        for error in errors:
            predicted = error["intent_prediction"]
            print(f"  ✗ {error['intent']} -> {predicted['name']} ({predicted['confidence']:.2f}): {error['text']}")
    if args.target is not None:
        missing = math.ceil(args.target * total - 1e-9) - (total - len(errors))
        verdict = "met" if accuracy >= args.target else f"NOT met (short by {missing} correct message{'s' if missing > 1 else ''})"
        print(f"  target {args.target:.2f}: {verdict}")
    if accuracy < args.min_accuracy:
        print(f"FAIL: accuracy {accuracy:.4f} is below {args.min_accuracy}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
