"""The learned blame scorer: a linear model over ``sentence_features``, run in plain Python.

The weights are data (resources/lexicons/blame_model.json), trained by
tests/language/train_blame_model.py on the labelled corpus's training writers. A score is the
bias plus the weights of the features present; each feature's weight is shared among the tokens
that carry it, so the words that earned a flag are the words that get underlined.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

from clearsight.errors import InputError
from clearsight.language.features import (
    Feature,
    WordClasses,
    token_feature_names,
    token_features,
)
from clearsight.language.tokens import Token, tokens

MODEL_FORMAT = "clearsight.blame-model"
# The share of the strongest token's weight a token needs to join the flagged span.
SPAN_SHARE = 0.4
# A further clause is marked when its words' net weight (for minus against) reaches this.
CLAUSE_FLOOR = 1.0


class Span(NamedTuple):
    """The words that earned a flag in one clause, the feature that names why, and the
    clause's own extent (a rule's finding in the same clause already says it)."""

    start: int
    end: int
    reason: str
    clause_start: int
    clause_end: int


@dataclass(frozen=True)
class Scored:
    """One sentence's score, and what earned it."""

    logit: float
    features: tuple[tuple[str, float], ...]  # present features with a weight, strongest first
    spans: tuple[Span, ...]  # one per flagged clause

    @property
    def probability(self) -> float:
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, self.logit))))


@dataclass(frozen=True)
class Model:
    bias: float
    threshold: float  # a logit: the sentence is blame at or above it
    rule_threshold: float  # the same when a blame rule of the lexicon fired on it
    weights: Mapping[str, float]
    trained_on: str

    @classmethod
    def from_json(cls, text: str, source: str) -> Model:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(source, [f"line {err.lineno}: {err.msg}"]) from None
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise InputError(source, [f"format: expected {MODEL_FORMAT!r}"])
        weights = data.get("weights")
        if not isinstance(weights, dict) or not all(
            isinstance(v, int | float) for v in weights.values()
        ):
            raise InputError(source, ["weights: expected an object of numbers"])
        try:
            bias, threshold = float(data["bias"]), float(data["threshold"])
            rule_threshold = float(data.get("rule_threshold", threshold))
        except (KeyError, TypeError, ValueError):
            raise InputError(source, ["bias, threshold: expected numbers"]) from None
        return cls(bias, threshold, rule_threshold, weights, str(data.get("trained_on", "")))

    def logit(self, names: Sequence[str]) -> float:
        """The score of a sentence from its feature names alone (the fast path)."""
        # Present or absent, as in training: a word said twice does not count twice. map()
        # calls the weights' get in C, with no Python frame per feature.
        return self.bias + sum(map(self.weights.get, set(names), repeat(0.0)))

    def threshold_for(self, ruled: bool) -> float:
        return self.rule_threshold if ruled else self.threshold

    def score(self, toks: Sequence[Token], feats: Sequence[Feature], ruled: bool = False) -> Scored:
        """The score of one sentence; spans only when it reaches its threshold."""
        weights = self.weights
        merged: dict[str, tuple[int, ...]] = {}
        for name, carriers in feats:
            if name in weights:  # present or absent, as in training; carriers pooled
                merged[name] = merged.get(name, ()) + carriers
        present = [(name, weights[name], carriers) for name, carriers in merged.items()]
        logit = self.bias + sum(w for _, w, _ in present)
        present.sort(key=lambda p: -p[1])
        named = tuple((name, w) for name, w, _ in present)
        if logit < self.threshold_for(ruled) or not toks:
            return Scored(logit, named, ())
        # Features across clauses count in the score but do not mark words: they would pull a
        # span into a clause that only shares a word class with the blamed one.
        within = [p for p in present if not p[0].startswith("x:")]
        return Scored(logit, named, _spans(toks, within) or _spans(toks, present))


def verdict(
    model: Model,
    lowered: str,
    classes: WordClasses,
    timestamped: bool,
    rule_keys: Sequence[str],
    original: str,
    ruled: bool,
) -> Scored | None:
    """The score of one sentence (as ``sentence_features`` takes it) with its spans, or None
    when it is below its threshold. Most sentences are blameless: their score needs the
    feature names alone, not the words that carry each one. But nine in ten sentences a blame
    rule flagged (``ruled``) are blame, so theirs are taken with their words at once."""
    toks = tokens(lowered)
    args = (classes, timestamped, rule_keys, original)
    feats = token_features(toks, *args) if ruled else None
    # [name for name, _ in feats] is the very list token_feature_names gives.
    names = [name for name, _ in feats] if feats is not None else token_feature_names(toks, *args)
    if model.logit(names) < model.threshold_for(ruled):
        return None
    return model.score(toks, feats if feats is not None else token_features(toks, *args), ruled)


def _spans(
    toks: Sequence[Token], present: Sequence[tuple[str, float, tuple[int, ...]]]
) -> tuple[Span, ...]:
    """The words that earned the score, one span per clause that earned enough of it.

    Each span comes with the feature that names its reason: the strongest feature on its
    words that is about word classes (an omission, a judgement), else the strongest of all.
    """
    per_token = [0.0] * len(toks)  # what speaks for blame on each word
    net = [0.0] * len(toks)  # and what speaks against it too
    carried: list[list[tuple[float, str]]] = [[] for _ in toks]
    for name, w, carriers in present:
        if not carriers:
            continue
        share = w / len(carriers)
        for i in carriers:
            net[i] += share
            if w > 0:
                per_token[i] += share
                carried[i].append((share, name))
    clauses: dict[int, list[int]] = {}
    extent: dict[int, tuple[int, int]] = {}
    clause_net: dict[int, float] = {}
    for i, tok in enumerate(toks):
        lo, _ = extent.get(tok.clause, (tok.start, tok.end))
        extent[tok.clause] = (lo, tok.end)
        clause_net[tok.clause] = clause_net.get(tok.clause, 0.0) + net[i]
        if per_token[i] > 0:
            clauses.setdefault(tok.clause, []).append(i)
    # Ranked by the clause's net weight: a clause whose words also speak against blame ("so
    # the bad config reached every pod") is not marked beside the clause that earned the flag.
    ranked = sorted(clauses.values(), key=lambda ix: -clause_net[toks[ix[0]].clause])
    spans: list[Span] = []
    for n, members in enumerate(ranked):
        if n > 0 and clause_net[toks[members[0]].clause] < CLAUSE_FLOOR:
            break
        peak = max(per_token[i] for i in members)
        kept = [i for i in members if per_token[i] >= peak * SPAN_SHARE]
        named = sorted((c for i in kept for c in carried[i]), reverse=True)
        by_class = [name for _, name in named if name[:2] in _CLASS_KINDS]
        if n > 0 and not by_class:
            continue  # a later clause needs a word class of its own, not a lemma's weight
        reason = by_class[0] if by_class else named[0][1]
        clause = extent[toks[kept[0]].clause]
        spans.append(Span(toks[kept[0]].start, toks[kept[-1]].end, reason, *clause))
    return tuple(sorted(spans))


_CLASS_KINDS = ("c:", "o:", "p:", "g:")
