"""Learn the reranker and abstention weights (knowledge/reranker.json) from the dev split.

    .venv/bin/python scripts/train_reranker.py --catalog var/portal-catalog.jsonl

Ranking: a linear model trained listwise: for each question, a softmax over its candidates should
put its mass on the acceptable procedures (the first listed gets twice the share of the others: it
is the variant a citizen most likely means). --folds K first prints K-fold cross-validated ranking
figures on dev, so that a change of features can be judged without the held-out split.
Abstention: logistic regression on the best candidate of each question (answerable = 1,
must-refuse = 0); the threshold is the highest that keeps false refusals of
answerable dev questions at or below --max-false-refusal. Held-out questions are never read here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.catalog import STARTER_CATALOG, load_catalog, load_for_search  # noqa: E402
from knowledge.dense import make_embedder  # noqa: E402
from knowledge.features import FEATURE_NAMES  # noqa: E402
from knowledge.rerank import WEIGHTS_FILE, AbstainModel, Reranker  # noqa: E402
from knowledge.scope import OUT_OF_SCOPE_TOPICS  # noqa: E402
from knowledge.search import ProcedureSearch  # noqa: E402

QUESTIONS = ROOT / "tests" / "knowledge" / "eval" / "questions.jsonl"
NLU_DATA = ROOT / "data" / "nlu"
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
IN_SCOPE_INTENTS = {"ask_procedure", "fill_form"}


def nlu_examples() -> list[tuple[str, str]]:
    """(intent, text) of the NLU training data, annotations removed."""
    examples = []
    for path in sorted(NLU_DATA.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" not in block:
                continue
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append((block["intent"], _ANNOTATION.sub(r"\1", line[2:])))
    return examples


def train_scope(search: ProcedureSearch, embedder) -> tuple[np.ndarray, float]:
    """Is a question about an administrative procedure at all? Learnt from shippable text only:
    the NLU training data (procedure questions vs. chit-chat, other topics and small talk), the
    catalog's names and aliases, and the out-of-scope topic descriptions."""
    texts, labels = [], []
    for intent, text in nlu_examples():
        texts.append(text)
        labels.append(int(intent.split("/")[0] in IN_SCOPE_INTENTS))
    procedures = list(search.catalog)
    for procedure in procedures[:: max(1, len(procedures) // 800)]:
        texts.append(procedure.name)
        labels.append(1)
    for procedure in procedures:
        for alias in procedure.aliases:
            texts.append(alias)
            labels.append(1)
    for topic in OUT_OF_SCOPE_TOPICS:
        texts.append(topic)
        labels.append(0)
    vectors = np.stack([embedder.query(search.prepare(text).text or text) for text in texts])
    model = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced")
    model.fit(vectors, np.array(labels))
    print(f"scope classifier: {len(texts)} texts ({sum(labels)} about procedures), training accuracy {model.score(vectors, labels):.3f}")
    return model.coef_[0], float(model.intercept_[0])


def ranking_groups(items, codes: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(feature rows, target distribution) of each answerable question whose candidates hold an answer."""
    groups = []
    for question, found in items:
        wanted = question["codes"]
        if not wanted or not found.indices:
            continue
        share = np.array([(2.0 if codes[i] == wanted[0] else 1.0) * (codes[i] in wanted) for i in found.indices])
        if share.sum() > 0:
            groups.append((found.rows, share / share.sum()))
    return groups


# Features whose direction is known: a weight of the wrong sign is learnt only from a handful of
# dev questions and would not hold on others, so it is held at zero.
SIGNS = {
    "lexical": 1, "dense": 1, "dense_gap": 1, "query_coverage": 1, "name_coverage": 1, "verb_match": 1,
    "verb_extra": -1, "verb_missing": -1, "citizen": 1, "organisation_only": -1, "foreign_extra": -1,
    "foreign_match": 1, "has_aliases": 1, "age_match": 1, "age_mismatch": -1, "rarest_missing": -1, "ending_extra": -1,
}


def fit_listwise(groups, l2: float = 0.01, steps: int = 400, rate: float = 0.1) -> tuple[np.ndarray, float]:
    """Weights minimising the cross-entropy between each question's softmax over its candidates and
    its target distribution (Adam on standardised features, L2 penalty, the signs in ``SIGNS``); the
    bias is irrelevant to the order and is set so that a typical candidate scores 0."""
    signs = np.array([SIGNS.get(name, 0) for name in FEATURE_NAMES])
    stacked = np.vstack([rows for rows, _ in groups])
    mean, scale = stacked.mean(axis=0), stacked.std(axis=0) + 1e-9
    scaled = [((rows - mean) / scale, target) for rows, target in groups]
    w, first, second = np.zeros(stacked.shape[1]), np.zeros(stacked.shape[1]), np.zeros(stacked.shape[1])
    for step in range(1, steps + 1):
        gradient = l2 * w
        for rows, target in scaled:
            scores = rows @ w
            p = np.exp(scores - scores.max())
            gradient += rows.T @ (p / p.sum() - target) / len(scaled)
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        w -= rate * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
        w = np.where(signs * w < 0, 0.0, w)
    return w / scale, float(-(w * mean / scale).sum())


def cross_validate(groups, folds: int) -> None:
    """Out-of-fold recall@1 / recall@5 of the listwise ranker (answerable dev questions whose
    candidates hold an answer)."""
    order = np.random.default_rng(0).permutation(len(groups))
    hits1 = hits5 = 0
    for fold in range(folds):
        test = set(order[fold::folds].tolist())
        weights, bias = fit_listwise([g for i, g in enumerate(groups) if i not in test])
        for i in test:
            rows, target = groups[i]
            ranked = np.argsort(-(rows @ weights + bias), kind="stable")
            hits1 += target[ranked[0]] > 0
            hits5 += (target[ranked[:5]] > 0).any()
    print(f"{folds}-fold cross-validated ranking on {len(groups)} dev questions: R@1 {hits1 / len(groups):.3f}, R@5 {hits5 / len(groups):.3f}")


def learn_abstention(items, ranker: Reranker, catalog_size: int, max_false_refusal: float, label: str) -> AbstainModel:
    """Logistic regression on each question's best candidate (answerable = 1, must refuse = 0), with
    the highest threshold that keeps false refusals of answerable questions within the bound."""
    rows, labels = [], []
    refused_without_candidates = 0
    for question, found in items:
        if not found.indices:
            refused_without_candidates += not question["codes"]
            continue
        best, extra = found.abstain_inputs(ranker.scores(found.rows))
        rows.append(Reranker.abstain_vector(found.rows[best], extra))
        labels.append(int(bool(question["codes"])))
    x = np.array(rows)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced")
    model.fit((x - mean) / scale, np.array(labels))
    # Fold the standardisation into the weights: w . (x - mean) / scale + b.
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - (model.coef_[0] * mean / scale).sum())
    probabilities = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    answerable = np.array(labels, dtype=bool)
    threshold = 0.0
    for candidate in np.linspace(0.0, 0.95, 191):
        if (probabilities[answerable] < candidate).mean() <= max_false_refusal:
            threshold = float(candidate)
    must_refuse = int((~answerable).sum()) + refused_without_candidates
    refused = int((probabilities[~answerable] < threshold).sum()) + refused_without_candidates
    print(f"{label} ({catalog_size} procedures): threshold {threshold:.3f} refuses {refused}/{must_refuse} that it cannot answer, "
          f"false refusals {(probabilities[answerable] < threshold).mean():.3f}")
    return AbstainModel(catalog_size, weights, bias, threshold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--no-overlay", action="store_true", help="do not lay the starter catalog over --catalog")
    parser.add_argument("--max-false-refusal", type=float, default=0.03)
    parser.add_argument("--out", default=str(WEIGHTS_FILE))
    parser.add_argument("--folds", type=int, default=0, help="print K-fold cross-validated ranking figures on dev first")
    parser.add_argument("--cache", default=str(ROOT / "var" / "cache"))
    args = parser.parse_args()

    questions = [json.loads(line) for line in open(QUESTIONS, encoding="utf-8") if line.strip()]
    dev = [q for q in questions if q["split"] == "dev"]
    embedder = make_embedder()
    search = ProcedureSearch(load_for_search(args.catalog, overlay=not args.no_overlay), embedder=embedder,
                             cache_dir=Path(args.cache), reranker=Reranker.fallback())
    scope_weights, scope_bias = train_scope(search, embedder)
    search.reranker = Reranker(search.reranker.weights, 0.0, search.reranker.abstainers, scope_weights, scope_bias, embedder.name)
    codes = [p.code for p in search.catalog]

    large = [(question, search.candidates(question["q"])) for question in dev]
    groups = ranking_groups(large, codes)
    if args.folds > 1:
        cross_validate(groups, args.folds)
    weights, bias = fit_listwise(groups)
    ranker = Reranker(weights, bias, (), scope_weights, scope_bias, embedder.name)
    print(f"ranking: {len(dev)} dev questions, {sum(len(rows) for rows, _ in groups)} candidate rows")

    # The starter catalog alone: questions about its procedures are answerable, must-refuse lines
    # are not. Questions about procedures it does not hold are left out: they read like answerable
    # ones, and mixing them in teaches the model to ignore whether a question is about a procedure.
    small_search = ProcedureSearch(load_catalog(STARTER_CATALOG), embedder=embedder, cache_dir=Path(args.cache), reranker=ranker)
    small = [
        ({**q, "codes": [c for c in q["codes"] if c in small_search.catalog]}, small_search.candidates(q["q"]))
        for q in dev
        if not q["codes"] or any(c in small_search.catalog for c in q["codes"])
    ]
    abstainers = (
        learn_abstention(large, ranker, len(search.catalog), args.max_false_refusal, "large catalog"),
        learn_abstention(small, ranker, len(small_search.catalog), args.max_false_refusal, "starter catalog"),
    )
    model = Reranker(ranker.weights, ranker.bias, abstainers, scope_weights, scope_bias, embedder.name)
    model.save(Path(args.out), {"trained_on": "tests/knowledge/eval/questions.jsonl split=dev", "catalog": Path(args.catalog).name})
    for name, weight in zip(FEATURE_NAMES, weights):
        print(f"  {name:<18} {weight:+.3f}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
