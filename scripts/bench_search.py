"""Search benchmark: index build time (cold and warm), query latency and peak memory.

    .venv/bin/python scripts/bench_search.py --catalog var/portal-catalog.jsonl [--scale 10]

Cold: an empty cache folder (every passage embedded, text indexes built). Warm: the same folder
again (embeddings and text indexes read back). Latency: every question of the labelled set, one at a
time, after one warm-up query. Each measurement runs in a fresh process so peak memory (max RSS)
belongs to it. --scale N repeats the run on a synthetic catalog N times larger (each procedure
copied with a new code and a distinguishing word in front of its name), to show how cost grows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "tests" / "knowledge" / "eval" / "questions.jsonl"
SYNTHETIC_WORDS = ["miền Bắc", "miền Trung", "miền Nam", "vùng biên giới", "hải đảo", "đô thị", "nông thôn", "khu kinh tế", "khu công nghiệp", "vùng cao"]


def measure(catalog: str, cache: str, queries: bool) -> dict:
    """Runs in a child process: build the index, optionally time the queries, report."""
    import resource

    sys.path.insert(0, str(ROOT))
    from knowledge.catalog import load_for_search
    from knowledge.dense import make_embedder
    from knowledge.search import ProcedureSearch

    started = time.perf_counter()
    search = ProcedureSearch(load_for_search(catalog), embedder=make_embedder(), cache_dir=Path(cache))
    build = time.perf_counter() - started
    latencies = []
    if queries:
        questions = [json.loads(line)["q"] for line in open(QUESTIONS, encoding="utf-8") if line.strip()]
        search.search(questions[0])
        for question in questions:
            begun = time.perf_counter()
            search.search(question)
            latencies.append(time.perf_counter() - begun)
    return {
        "procedures": len(search.catalog),
        "build_s": build,
        "latencies": latencies,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child(catalog: str, cache: str, queries: bool) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", catalog, cache, "1" if queries else "0"],
        check=True, capture_output=True, text=True, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def synthetic(catalog: str, scale: int, out: Path) -> None:
    lines = [json.loads(line) for line in open(catalog, encoding="utf-8") if line.strip()]
    with out.open("w", encoding="utf-8") as handle:
        for copy in range(scale):
            for number, record in enumerate(lines):
                item = dict(record)
                if copy:
                    item["code"] = f"{(copy % 9) + 1}.{(copy * 100000 + number) % 1000000:06d}"
                    # In front: a name passage is cut short, and a word at the end would be cut off.
                    item["name"] = f"{SYNTHETIC_WORDS[copy % len(SYNTHETIC_WORDS)]} {copy}: {record['name']}"
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")


def report(label: str, catalog: str) -> None:
    with tempfile.TemporaryDirectory() as cache:
        cold = child(catalog, cache, queries=False)
        warm = child(catalog, cache, queries=True)
    latencies = sorted(warm["latencies"])
    median = statistics.median(latencies) * 1000
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    print(f"{label}: {cold['procedures']} procedures")
    print(f"  index build: cold {cold['build_s']:.1f} s, warm {warm['build_s']:.2f} s")
    print(f"  query latency over {len(latencies)} questions: median {median:.1f} ms, p95 {p95:.1f} ms")
    print(f"  peak memory (max RSS): cold build {cold['peak_mb']:.0f} MB, warm build + queries {warm['peak_mb']:.0f} MB")


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(sys.argv[2], sys.argv[3], sys.argv[4] == "1")))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--scale", type=int, default=0, help="also run on a synthetic catalog this many times larger")
    args = parser.parse_args()
    report("catalog", args.catalog)
    if args.scale > 1:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "synthetic.jsonl"
            synthetic(args.catalog, args.scale, path)
            report(f"synthetic x{args.scale}", str(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
