"""Fit the sameness model (:data:`nlp.novelty.EVIDENCE` → probability of one event) to the labelled pairs.

    .venv/bin/python benchmarks/fit_sameness.py [--check]

Trains on every part of tests/fixtures/development_pairs.jsonl except "blind", which is kept for measuring;
on the pairs inside tests/fixtures/development_stories.jsonl (statements of running stories, several outlets
per event: two statements of one event are a repeat, of two events in one story are not); and on each story
statement paired with itself ("copies": wire copy that two outlets run word for word is one event). Prints
the cross-validated precision and recall, then writes nlp/sameness_model.json. With --check, it writes nothing and
exits 1 when the file differs from what the fit gives (the test suite runs this).

The fit is L2-regularised logistic regression by Newton's method, with each weight held to the sign its
evidence must have (agreement never counts against a pair, a contradiction never for it): a weight that
comes out with the wrong sign is set to zero and the rest refitted. Without that, a set rich in near misses
teaches that word overlap counts against a repeat, and two copies of one sentence would not be one event.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.developments import DEFAULT_PAIRS, BLIND, load_pairs, story_statements  # noqa: E402
from nlp.novelty import EVIDENCE, MODEL_FILE, SAME_EVENT_THRESHOLD, evidence, features_of_all  # noqa: E402

REGULARISATION = 1.0
STORIES_SHARE = 1.0
"""The stories' pairs, the case the digest meets, weigh as much in all as the near misses of the labelled set."""
COPIES_SHARE = 0.3
"""Enough that similarity counts for a pair (the labelled near misses alone teach the opposite), little
enough that it does not outweigh a contradiction; 0.1 leaves 7 % of copies not called repeats, 0.3 under 1 %."""
NEWTON_STEPS = 50
FOLDS = 5
SEEDS = (0, 1, 2)
SIGNS = {
    "events_agree": 1,
    "events_contradict": -1,
    "events_disjoint": -1,
    "topic": 1,
    "opposites": -1,
    "actors": 1,
    "actors_disjoint": -1,
    "doer_replaced": -1,
    "told_from_other_side": 1,
    "parties_replaced": -1,
    "figures_agree": 1,
    "figures_contradict": -1,
    "negation_differs": -1,
    "summary_cosine": 1,
}
"""The sign each weight must have: + for agreement, - for contradiction."""


def training_pairs() -> tuple[list, np.ndarray, list[str]]:
    """(pairs of developments, labels, source of each pair)."""
    pairs, labels, sources = [], [], []
    for pair in load_pairs(DEFAULT_PAIRS):
        if pair.half != BLIND:
            pairs.append((pair.a, pair.b))
            labels.append(pair.repeat)
            sources.append(pair.half)
    statements = story_statements()
    for (story_a, event_a, a), (story_b, event_b, b) in combinations(statements, 2):
        if story_a == story_b:
            pairs.append((a, b))
            labels.append(event_a == event_b)
            sources.append("stories")
    for _, _, statement in statements:
        pairs.append((statement, statement))
        labels.append(True)
        sources.append("copies")
    return pairs, np.array(labels, dtype=float), sources


def evidence_matrix(pairs) -> np.ndarray:
    features = features_of_all([d for pair in pairs for d in pair])
    return np.stack([evidence(features[2 * i], features[2 * i + 1]) for i in range(len(pairs))])


def fit(x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray) -> tuple[np.ndarray, float]:
    signs = np.array([SIGNS[name] for name in EVIDENCE])
    active = np.ones(len(EVIDENCE), dtype=bool)
    while True:
        weights, bias = _newton(x[:, active], y, sample_weight)
        full = np.zeros(len(EVIDENCE))
        full[active] = weights
        wrong = np.flatnonzero(full * signs < 0)
        if not len(wrong):
            return full, bias
        active[wrong[np.argmin(full[wrong] * signs[wrong])]] = False


def _newton(x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray) -> tuple[np.ndarray, float]:
    design = np.hstack([x, np.ones((len(x), 1))])
    penalty = REGULARISATION * np.eye(design.shape[1])
    penalty[-1, -1] = 0.0  # the bias is not pulled towards zero
    theta = np.zeros(design.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(design @ theta)))
        gradient = design.T @ (sample_weight * (p - y)) + penalty @ theta
        hessian = design.T @ (design * (sample_weight * p * (1 - p))[:, None]) + penalty
        theta -= np.linalg.solve(hessian, gradient)
    return theta[:-1], float(theta[-1])


def probabilities(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def balanced_weights(sources: list[str]) -> np.ndarray:
    """Each pair's weight: the stories' pairs count :data:`STORIES_SHARE` and the copies :data:`COPIES_SHARE`
    of what the labelled pairs count in all. Within the stories, repeats stay as rare as they are among the
    developments of a running story."""
    source = np.array(sources)
    labelled = int(np.sum((source != "stories") & (source != "copies")))
    weight = np.ones(len(sources))
    for name, share in (("stories", STORIES_SHARE), ("copies", COPIES_SHARE)):
        chosen = source == name
        if chosen.any():
            weight[chosen] = share * labelled / chosen.sum()
    return weight


def cross_validated(x, y, sample_weight) -> np.ndarray:
    """Each pair's probability from a model fitted without its fold, for each seed: shape (seeds, pairs)."""
    predictions = np.zeros((len(SEEDS), len(y)))
    for row, seed in enumerate(SEEDS):
        order = np.random.default_rng(seed).permutation(len(y))
        for fold in np.array_split(order, FOLDS):
            train = np.setdiff1d(order, fold)
            weights, bias = fit(x[train], y[train], sample_weight[train])
            predictions[row, fold] = probabilities(x[fold], weights, bias)
    return predictions


def precision_recall(called: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    true_positive = float(np.sum(called & (y == 1)))
    return true_positive / max(1, called.sum()), true_positive / max(1, (y == 1).sum())


def model_record(weights: np.ndarray, bias: float, sources: list[str]) -> dict:
    counts = {source: sources.count(source) for source in sorted(set(sources))}
    return {
        "evidence": list(EVIDENCE),
        "weights": [round(float(w), 6) for w in weights],
        "bias": round(bias, 6),
        "fitted_on": counts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped model instead of writing")
    args = parser.parse_args()
    pairs, y, sources = training_pairs()
    x = evidence_matrix(pairs)
    sample_weight = balanced_weights(sources)
    weights, bias = fit(x, y, sample_weight)
    record = model_record(weights, bias, sources)
    if args.check:
        shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
        same = shipped == record
        print("the shipped model is what the fit gives" if same else "the shipped model differs from the fit")
        return 0 if same else 1
    predictions = cross_validated(x, y, sample_weight)
    print(f"{FOLDS}-fold cross-validation, {len(SEEDS)} shuffles; precision / recall of repeat at {SAME_EVENT_THRESHOLD}")
    for name in ("labelled", *sorted(set(sources))):
        chosen = np.array([source == name or (name == "labelled" and source not in ("stories", "copies"))
                           for source in sources])
        scores = [precision_recall(p[chosen] >= SAME_EVENT_THRESHOLD, y[chosen]) for p in predictions]
        precision, recall = np.mean(scores, axis=0)
        print(f"  {name:<10} {int(chosen.sum()):>5} pairs  {precision:.3f} / {recall:.3f}")
    print("weights:")
    for name, weight in zip(EVIDENCE, weights):
        print(f"  {name:<22} {weight:+.3f}")
    print(f"  {'bias':<22} {bias:+.3f}")
    MODEL_FILE.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
