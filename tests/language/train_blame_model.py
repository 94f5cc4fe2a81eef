"""Train the learned blame scorer on the corpus's training writers; write its weights.

Run from the repository root, with the `train` extra (pip install -e ".[train]"): scikit-learn
fits the weights here and is never needed by the app or the test suite.
    .venv/bin/python -m tests.language.train_blame_model            # cross-validate, then write
    .venv/bin/python -m tests.language.train_blame_model --cv-only  # figures only

Cross-validation holds out one writer at a time (GroupKFold by writer), so the figures say how
the scorer does on a writer it has not read; the threshold is picked on those held-out scores.
The test writers (tests/language/corpus.py TEST_WRITERS) are never read here.
Writes resources/lexicons/blame_model.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from clearsight.language.detector import LEXICON, Detector
from clearsight.language.learned import Learned, load_learned
from clearsight.language.scorer import MODEL_FORMAT, Model
from clearsight.resources_access import resource_text
from tests.language.corpus import TEST_WRITERS, Row, training_rows

OUT = Path(__file__).resolve().parents[2] / "resources" / "lexicons" / "blame_model.json"
MIN_COUNT = 2  # a feature seen in fewer training rows is dropped: it cannot generalise
PRUNE = 0.02  # weights smaller than this are left out (in cross-validation too)
HIDDEN, ALPHA = 32, 1e-3  # the factored learner's inner width and L2 penalty
EPOCHS = 15
# The thresholds are the lowest that keep this precision on held-out writers (--precision).
TARGET_PRECISION = 0.93


def feature_detector() -> Detector:
    """The shipped rules and word classes with an empty model: features, no verdicts."""
    shipped = load_learned()
    empty = Model(bias=0.0, threshold=math.inf, rule_threshold=math.inf, weights={}, trained_on="")
    learned = Learned(empty, shipped.classes, shipped.explanations)
    return Detector.from_toml(resource_text(*LEXICON), "en.toml", learned)


def row_features(detector: Detector, row: Row) -> dict[str, int]:
    """The features of every sentence of a row, as present/absent."""
    feats: dict[str, int] = {}
    for report in detector.explain(row["text"], row.get("names", [])):
        for name, _ in report.features:
            feats[name] = 1
    return feats


def fit(
    x: list[dict[str, int]], y: list[int], setting: float, learner: str = "factored"
) -> tuple[float, dict[str, float]]:
    """Bias and weights of a linear model; ``setting`` is the epochs of the factored learner
    or the C of the logistic one."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    counts = Counter(k for feats in x for k in feats)
    kept = [{k: v for k, v in feats.items() if counts[k] >= MIN_COUNT} for feats in x]
    vec = DictVectorizer()  # int32 indices: liblinear refuses int64 ones
    matrix = vec.fit_transform(kept).tocsr()
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    names = vec.get_feature_names_out()
    if learner == "logistic":
        model = LogisticRegression(
            C=setting, max_iter=5000, class_weight="balanced", solver="liblinear"
        )
        model.fit(matrix, y)
        coef, bias = model.coef_[0], float(model.intercept_[0])
    else:
        # A linear network of two layers, stopped after a few epochs: still one weight per
        # feature (the product of the layers), but Adam's early steps give a feature seen in
        # a handful of rows a weight near that of a common one, where L2 shrinks it. A new
        # writer's evidence is mostly such features: held out by writer this beats logistic
        # regression at every C.
        net = MLPClassifier(
            hidden_layer_sizes=(HIDDEN,),
            activation="identity",
            alpha=ALPHA,
            max_iter=int(setting),
            random_state=0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # stopped early on purpose
            net.fit(matrix, y)
        inner, outer = net.coefs_[0], net.coefs_[1][:, 0]
        coef = inner @ outer
        bias = float(net.intercepts_[0] @ outer + net.intercepts_[1][0])
    weights = {str(n): float(w) for n, w in zip(names, coef, strict=True) if abs(w) >= PRUNE}
    return bias, weights


def logit(bias: float, weights: dict[str, float], feats: dict[str, int]) -> float:
    return bias + sum(weights.get(k, 0.0) for k in feats)


def cross_validate(
    x: list[dict[str, int]], y: list[int], groups: list[str], setting: float, learner: str
) -> list[tuple[float, int, str]]:
    """Held-out logits in row order: each writer scored by a model trained on the others."""
    out: list[tuple[float, int, str]] = [(0.0, 0, "")] * len(x)
    for writer in sorted(set(groups)):
        train = [i for i, g in enumerate(groups) if g != writer]
        bias, weights = fit([x[i] for i in train], [y[i] for i in train], setting, learner)
        for i, g in enumerate(groups):
            if g == writer:
                out[i] = (logit(bias, weights, x[i]), y[i], writer)
    return out


Held = list[tuple[float, int, str]]


def scores_at(
    held: Held, threshold: float, ruled: list[bool] | None = None, rule_threshold: float = 0.0
) -> tuple[float, float, float]:
    """Precision, recall, F1 when a row is flagged at ``threshold``, or at ``rule_threshold``
    when a blame rule fired on it (``ruled``)."""
    tp = fp = fn = 0
    for n, (s, y, _) in enumerate(held):
        flagged = s >= (rule_threshold if ruled is not None and ruled[n] else threshold)
        tp += flagged and y
        fp += flagged and not y
        fn += (not flagged) and y
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pick_thresholds(
    held: Held, ruled: list[bool], precision: float = TARGET_PRECISION
) -> tuple[float, float, float]:
    """The two thresholds (no rule fired, a rule fired) and the held-out F1 they give.

    Each is the lowest at which the flags it decides reach ``precision`` by themselves. A flag
    the scorer raises alone has no rule to say why, and flags with a rule behind them (nine in
    ten are blame) must not buy precision for it: picked together, for the best F1, they
    did, and the scorer alone flagged blameless timeline entries and its words' namesakes.
    """
    grid = [x / 4 for x in range(-24, 25)]

    def lowest(rows: Held) -> float:
        return next((t for t in grid if scores_at(rows, t)[0] >= precision), grid[-1])

    t = lowest([h for h, r in zip(held, ruled, strict=True) if not r])
    tr = min(t, lowest([h for h, r in zip(held, ruled, strict=True) if r]))
    return t, tr, scores_at(held, t, ruled, tr)[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="print figures, write nothing")
    parser.add_argument(
        "--learner", choices=["factored", "logistic"], default="factored",
        help="factored: a linear network stopped early (--epochs); logistic: L2, liblinear (--c)",
    )  # fmt: skip
    parser.add_argument("--epochs", type=int, nargs="*", default=[EPOCHS])
    parser.add_argument("--c", type=float, nargs="*", default=[0.5, 1.0, 2.0])
    parser.add_argument("--precision", type=float, default=TARGET_PRECISION)
    args = parser.parse_args(argv)
    rows = training_rows()
    assert not any(r.get("writer") in TEST_WRITERS for r in rows), "test rows in training"
    detector = feature_detector()
    x = [row_features(detector, r) for r in rows]
    y = [int(r["label"] == "blame") for r in rows]
    groups = [str(r["writer"]) for r in rows]
    print(f"{len(rows)} training rows from {len(set(groups))} writers, {sum(y)} blame")
    ruled = [any(k.startswith("r:") for k in feats) for feats in x]
    name = "epochs" if args.learner == "factored" else "C"
    settings = [float(e) for e in args.epochs] if args.learner == "factored" else args.c
    best: tuple[float, float, float, float] | None = None
    for setting in settings:
        held = cross_validate(x, y, groups, setting, args.learner)
        t, tr, f1 = pick_thresholds(held, ruled, args.precision)
        p, r, _ = scores_at(held, t, ruled, tr)
        p0, r0, f0 = scores_at(held, 0.0)
        print(f"{args.learner} {name}={setting:g}: at 0: P={p0:.3f} R={r0:.3f} F1={f0:.3f}; "
              f"at {t}/{tr}: P={p:.3f} R={r:.3f}")  # fmt: skip
        for writer in sorted(set(groups)):
            part = [n for n, h in enumerate(held) if h[2] == writer]
            wp, wr, _ = scores_at([held[n] for n in part], t, [ruled[n] for n in part], tr)
            print(f"    {writer:<11} n={len(part):>4} P={wp:.3f} R={wr:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, setting, t, tr)
    assert best is not None
    _, setting, threshold, rule_threshold = best
    if args.cv_only:
        return 0
    bias, weights = fit(x, y, setting, args.learner)
    kept = {k: round(w, 4) for k, w in sorted(weights.items())}
    learned_with = f"{args.learner}, {name}={setting:g}, precision target {args.precision}"
    data: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "trained_on": f"{len(rows)} rows, writers {', '.join(sorted(set(groups)))}; "
        + learned_with,
        "bias": round(bias, 4),
        "threshold": threshold,
        "rule_threshold": rule_threshold,
        "weights": kept,
    }
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    thresholds = f"thresholds {threshold}/{rule_threshold}"
    print(f"wrote {OUT} ({len(kept)} weights; {learned_with}; {thresholds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
