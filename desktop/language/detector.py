"""The blame and vagueness detector: rules from the lexicon applied sentence by sentence.

Pure Python and stdlib only, so the GUI highlighter, the CLI and plain unit tests share it.
Work per call: one pass each to mask quotes and names, lower-case and split sentences; then
per sentence its words are intersected with the rules' trigger words, and only the rules those
words name are tried on it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from clearsight.language.findings import FIELDS, Finding
from clearsight.language.rules import NAME_TRIGGER, Rule, RuleSet, load_rules
from clearsight.language.text import (
    NAME_MARK,
    lower_same_length,
    mask_names,
    mask_short_quotes,
    name_pattern,
    sentences,
    starts_with_timestamp,
)
from clearsight.resources_access import resource_text

LEXICON = ("lexicons", "en.toml")
_WORD = re.compile(r"\w+")


@dataclass
class _Text:
    """One analysed text: masked, lower-cased (same offsets), and the text-level guard results."""

    masked: str
    lowered: str
    guarded: dict[int, bool]


class _Sentence(NamedTuple):
    start: int
    masked: str
    lowered: str
    words: set[str]


class Detector:
    """Flags blame and vagueness in text; build it once (``default``) and call ``analyse``."""

    def __init__(self, rules: RuleSet) -> None:
        self._rules = rules
        self._active: dict[tuple[str | None, bool], frozenset[int]] = {}

    @classmethod
    def default(cls) -> Detector:
        """The detector for the lexicon shipped with the app, loaded once per process."""
        return _default_detector()

    @classmethod
    def from_toml(cls, text: str, source: str) -> Detector:
        """A detector for a lexicon given as TOML text; ``source`` names it in errors."""
        return cls(load_rules(text, source))

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._rules.rules

    def analyse(
        self,
        text: str,
        names: Sequence[str] = (),
        field: str | None = None,
        include_vague: bool = True,
    ) -> list[Finding]:
        """Findings in ``text``, sorted by start; at most one per sentence and category.

        ``names`` are the review's people (names and @handles); ``field`` is the record field
        the text belongs to (None when unknown), which decides the vague-family checks and
        keeps timeline entries that name people neutrally quiet.
        """
        if field is not None and field not in FIELDS:
            raise ValueError(f"unknown field {field!r}")
        if not text or text.isspace():
            return []
        rules = self._rules
        active = self._active_rules(field, include_vague)
        if not active:
            return []
        people = name_pattern(tuple(names), rules.common_words, rules.given_names)
        masked = mask_names(mask_short_quotes(text), people)
        spans = sentences(masked)
        if not spans:
            return []
        text_ = _Text(masked, lower_same_length(masked), {})
        always = self._always(active)
        trigger_words, trigger_index = rules.trigger_words, rules.trigger_index
        name_rules = trigger_index.get(NAME_TRIGGER, ())
        findings: list[Finding] = []
        for start, end in spans:
            lowered = text_.lowered[start:end]
            words = set(_WORD.findall(lowered))
            if not words:
                continue  # punctuation, emoji, marks: nothing any rule can flag
            candidates = set(always)
            for word in trigger_words.intersection(words):
                candidates.update(trigger_index[word])
            if name_rules and (NAME_MARK in lowered or "@" in lowered):
                candidates.update(name_rules)
            candidates &= active
            if not candidates:
                continue
            sentence = _Sentence(start, masked[start:end], lowered, words)
            done: set[str] = set()
            for n in sorted(candidates):
                rule = rules.rules[n]
                if rule.category in done:
                    continue
                hit = self._match(rule, n, text_, sentence)
                if hit is not None and hit[1] > hit[0]:
                    done.add(rule.category)
                    findings.append(self._finding(rule, start + hit[0], start + hit[1]))
        findings.sort(key=lambda f: (f.start, f.end, f.rule_id))
        return findings

    def _active_rules(self, field: str | None, include_vague: bool) -> frozenset[int]:
        key = (field, include_vague)
        active = self._active.get(key)
        if active is None:
            active = frozenset(
                n for n, r in enumerate(self._rules.rules) if r.applies(field, include_vague)
            )
            self._active[key] = active
        return active

    def _always(self, active: frozenset[int]) -> frozenset[int]:
        return frozenset(n for n in self._rules.always if n in active)

    @staticmethod
    def _match(rule: Rule, n: int, text: _Text, s: _Sentence) -> tuple[int, int] | None:
        """The span (relative to the sentence) where ``rule`` fires, or None."""
        if rule.question_only and not s.masked.rstrip("\"'\u201d\u2019)]* ").endswith("?"):
            return None
        seen = s.masked if rule.case_sensitive else s.lowered
        for pattern, own in zip(rule.patterns, rule.pattern_triggers, strict=True):
            if own and own.isdisjoint(s.words):
                continue
            m = pattern.search(seen)
            if m is not None:
                break
        else:
            return None
        if any(g.pattern.search(s.masked if g.original else s.lowered) for g in rule.unless):
            return None
        if rule.unless_text:
            guarded = text.guarded.get(n)
            if guarded is None:
                guarded = any(
                    g.pattern.search(text.masked if g.original else text.lowered)
                    for g in rule.unless_text
                )
                text.guarded[n] = guarded
            if guarded:
                return None
        if rule.skip_timestamped and starts_with_timestamp(text.masked, s.start):
            return None
        if "hit" in pattern.groupindex and m.group("hit") is not None:
            return m.span("hit")
        return m.span()

    @staticmethod
    def _finding(rule: Rule, start: int, end: int) -> Finding:
        return Finding(
            start=start,
            end=end,
            rule_id=rule.id,
            category=rule.category,
            severity=rule.severity,
            family=rule.family,
            why=rule.why,
            question=rule.question,
        )


@functools.cache
def _default_detector() -> Detector:
    return Detector.from_toml(resource_text(*LEXICON), "resources/" + "/".join(LEXICON))
