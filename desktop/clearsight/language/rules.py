"""Loading the lexicon: rules as TOML data, checked and compiled once.

The file has a ``[categories]`` table (category -> family), a ``[words]`` table of word lists
and a ``[macros]`` table of regex fragments that patterns use as ``{NAME}``, ``[names]``
settings and a list of ``[[rule]]`` tables. A bad rule fails the whole load with every problem
found, each with its line.

Patterns are matched against the lower-cased text, so they are written in lower case and
compiled without IGNORECASE, which makes Python's matcher several times faster; word lists
become character tries for the same reason. ``unless`` guards are lower case too, except a
guard holding an upper-case letter (a camelCase test), which sees the original text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from clearsight.errors import InputError
from clearsight.language.findings import FAMILIES, FIELDS, SEVERITIES
from clearsight.language.patterns import (
    MACRO_NAME,
    WORD_ENTRY,
    WORD_TOKENS,
    Regex,
    compile_all,
    error_reason,
    expand,
    has_upper,
    join_lines,
    pattern_specs,
    trie,
)
from clearsight.language.text import NAME_MARK

ALWAYS = "*"  # trigger: the rule is tried on every sentence of the fields it applies to
NAME_TRIGGER = "{name}"  # trigger: the sentence holds a known name or an @handle
_TRIGGER_WORD = re.compile(r"\w+")
_RULE_KEYS = {
    "id", "category", "severity", "triggers", "patterns", "unless", "unless_text", "fields",
    "skip_fields", "skip_timestamped", "question_only", "case_sensitive", "why", "question",
    "examples", "counterexamples",
}  # fmt: skip
# A run of name marks, matched only from its first character and possessively, so a long run
# costs linear time rather than quadratic.
_BUILTIN_MACROS = {"NAME": f"(?<!{NAME_MARK}){NAME_MARK}++"}
Spans = tuple[tuple[int, int], ...]  # where a rule matched in a sentence: (start, end) each


class Guard(NamedTuple):
    pattern: Regex
    original: bool  # True: matched against the original text rather than the lowered one


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    family: str
    severity: str
    triggers: tuple[str, ...]
    patterns: tuple[Regex, ...]
    pattern_triggers: tuple[frozenset[str], ...]  # empty: the pattern runs whenever the rule does
    unless: tuple[Guard, ...]
    unless_text: tuple[Guard, ...]
    fields: frozenset[str] | None  # None: every field, and text of no known field
    skip_fields: frozenset[str]
    skip_timestamped: bool  # quiet on a timeline line ("09:41 Kenji deleted ...")
    question_only: bool  # only in a sentence that ends with a question mark
    case_sensitive: bool  # patterns see the original text instead of the lower-cased one
    why: str
    question: str
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]

    def applies(self, field: str | None, include_vague: bool) -> bool:
        if (self.family == "vague" and not include_vague) or field in self.skip_fields:
            return False
        return self.fields is None or field in self.fields

    def match(self, masked: str, lowered: str, words: Iterable[str]) -> tuple[Spans, bool]:
        """The spans where the rule fires in one sentence (``words``: its words), and whether a
        guard of the rule on the sentence (a system subject, an explanation) kept it quiet. The
        guards on the whole text and on timeline lines are the detector's."""
        if self.question_only and not masked.rstrip("\"'\u201d\u2019)]* ").endswith("?"):
            return (), False
        seen = masked if self.case_sensitive else lowered
        hits: list[tuple[int, int]] = []
        for pattern, own in zip(self.patterns, self.pattern_triggers, strict=True):
            if own and own.isdisjoint(words):
                continue
            compiled = pattern.compiled
            for m in compiled.finditer(seen):
                span = (
                    m.span("hit") if "hit" in compiled.groupindex and m.group("hit") else m.span()
                )
                if span[1] > span[0] and not any(a < span[1] and span[0] < b for a, b in hits):
                    hits.append(span)
        if not hits:
            return (), False
        if any(g.pattern.search(masked if g.original else lowered) for g in self.unless):
            return (), True
        return tuple(hits), False


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    categories: Mapping[str, str]  # category -> family
    common_words: frozenset[str]  # lower-case forms of names that are also ordinary words
    given_names: tuple[str, ...]  # common given names, matched only as spelled
    trigger_index: Mapping[str, tuple[int, ...]]  # lower-case trigger word -> rule indexes
    trigger_words: frozenset[str]
    always: tuple[int, ...]


def load_rules(text: str, source: str, check: bool = True) -> RuleSet:
    """Parse and check a lexicon; raise ``InputError`` listing every bad rule.

    Patterns are compiled on first use (patterns.Regex). ``check`` compiles each once here
    too, so a bad one is reported with its line: every lexicon but the shipped one, which
    the unit tests load with ``check`` and the app loads without it, to start sooner.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(source, [str(err)]) from None
    problems: list[str] = []
    categories = _categories(data.get("categories"), text, problems)
    words = _words(data.get("words", {}), text, problems)
    macros = _macros(data.get("macros", {}), words, text, problems)
    names = data.get("names", {})
    common = names.get("common_words", []) if isinstance(names, dict) else []
    if not isinstance(common, list) or not all(isinstance(w, str) for w in common):
        problems.append(f"line {_line_of(text, 'common_words')}: names.common_words: not a list")
        common = []
    given = names.get("given", []) if isinstance(names, dict) else []
    if not isinstance(given, list) or not all(
        isinstance(w, str) and w[:1].isupper() for w in given
    ):
        where = f"line {_line_of(text, 'given')}"
        problems.append(f"{where}: names.given: not a list of capitalised names")
        given = []
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        problems.append("line 1: no [[rule]] tables")
        raw_rules = []
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_rules):
        rule = _rule(raw, index, text, categories, macros, seen, problems, check)
        if rule is not None:
            rules.append(rule)
    if problems:
        # Only now compile the macros on their own, so a broken macro is named at its line
        # (a clean load does not pay for it).
        for name, value in macros.items():
            try:
                re.compile(value)
            except re.error as err:
                problems.insert(
                    0, f"line {_line_of(text, name)}: macro {name}: {error_reason(err)}"
                )
        raise InputError(source, problems)
    common_words = frozenset(w.lower() for w in common)
    return _index(tuple(rules), categories, common_words, tuple(sorted(set(given))))


def _categories(raw: object, text: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        problems.append("line 1: no [categories] table")
        return {}
    out: dict[str, str] = {}
    for name, spec in raw.items():
        family = spec.get("family") if isinstance(spec, dict) else None
        if family not in FAMILIES:
            line = _line_of(text, name)
            problems.append(f"line {line}: category {name}: family must be one of {FAMILIES}")
            continue
        out[name] = str(family)
    return out


def _words(raw: object, text: str, problems: list[str]) -> dict[str, str]:
    """Each word list becomes one regex trie (see patterns.trie)."""
    if not isinstance(raw, dict):
        problems.append(f"line {_line_of(text, 'words')}: [words] must be a table")
        return {}
    out: dict[str, str] = {}
    for name, entries in raw.items():
        listed = isinstance(entries, list) and bool(entries)
        bad = [e for e in entries if not isinstance(e, str) or not WORD_ENTRY.fullmatch(e)]
        if not listed or bad or not MACRO_NAME.fullmatch(name):
            detail = f"bad entries {bad[:3]}" if bad else "not a list of lower-case words"
            problems.append(f"line {_line_of(text, name)}: words {name}: {detail}")
            continue
        out[name] = trie(entries, WORD_TOKENS)
    return out


def _macros(
    raw: object, words: Mapping[str, str], text: str, problems: list[str]
) -> dict[str, str]:
    if not isinstance(raw, dict):
        problems.append(f"line {_line_of(text, 'macros')}: [macros] must be a table")
        return {}
    flat = {**_BUILTIN_MACROS, **words}
    for name, value in raw.items():
        if not isinstance(value, str) or not MACRO_NAME.fullmatch(name):
            problems.append(f"line {_line_of(text, name)}: macro {name}: bad name or value")
            continue
        flat[name] = join_lines(value)
    expanded: dict[str, str] = {}
    for name in flat:
        try:
            expanded[name] = expand(flat[name], flat, (name,))
        except (KeyError, RecursionError) as err:
            problems.append(f"line {_line_of(text, name)}: macro {name}: {error_reason(err)}")
    return expanded


def _rule(
    raw: object,
    index: int,
    text: str,
    categories: Mapping[str, str],
    macros: Mapping[str, str],
    seen: set[str],
    problems: list[str],
    check: bool,
) -> Rule | None:
    if not isinstance(raw, dict):
        problems.append(f"line {_nth_rule_line(text, index)}: rule #{index + 1}: not a table")
        return None
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        problems.append(f"line {_nth_rule_line(text, index)}: rule #{index + 1}: missing id")
        return None
    bad: list[str] = []
    if rule_id in seen:
        bad.append("duplicate id")
    seen.add(rule_id)
    unknown = sorted(set(raw) - _RULE_KEYS)
    if unknown:
        bad.append(f"unknown key(s) {', '.join(unknown)}")
    category = raw.get("category")
    if category not in categories:
        bad.append(f"unknown category {category!r}")
    severity = raw.get("severity")
    if severity not in SEVERITIES:
        bad.append(f"unknown severity {severity!r} (use one of {', '.join(SEVERITIES)})")
    why, question = raw.get("why"), raw.get("question")
    if not isinstance(why, str) or not why.strip() or "\n" in why:
        bad.append("missing why (one line)")
    if not isinstance(question, str) or not question.strip().endswith("?"):
        bad.append("missing question (one line ending with '?')")
    case_sensitive = bool(raw.get("case_sensitive", False))
    sources, pattern_triggers = pattern_specs(raw.get("patterns"), bad)
    patterns = compile_all(sources, "patterns", macros, bad, check)
    if not case_sensitive:
        for n, pattern in enumerate(patterns):
            if has_upper(pattern.pattern):
                bad.append(f"patterns[{n}]: write patterns in lower case (the text is lowered)")
    unless = _guards(_strings(raw, "unless", bad), "unless", macros, bad, check)
    unless_text = _guards(_strings(raw, "unless_text", bad), "unless_text", macros, bad, check)
    # The rule's triggers decide whether it is tried on a sentence; a pattern's own triggers
    # then skip that pattern on sentences without its words.
    triggers = _strings(raw, "triggers", bad, required=True)
    for trigger in triggers:
        if trigger not in (ALWAYS, NAME_TRIGGER) and not _TRIGGER_WORD.fullmatch(trigger):
            bad.append(f"trigger {trigger!r} is not one word")
    fields = _strings(raw, "fields", bad)
    skip_fields = _strings(raw, "skip_fields", bad)
    for name in (*fields, *skip_fields):
        if name not in FIELDS:
            bad.append(f"unknown field {name!r}")
    examples = _strings(raw, "examples", bad)
    counterexamples = _strings(raw, "counterexamples", bad)
    if bad:
        line = _rule_line(text, rule_id, index)  # looked up only for a message: a search
        problems.extend(f"line {line}: rule {rule_id}: {b}" for b in bad)
        return None
    assert isinstance(category, str) and isinstance(severity, str)
    assert isinstance(why, str) and isinstance(question, str)
    return Rule(
        id=rule_id,
        category=category,
        family=categories[category],
        severity=severity,
        triggers=tuple(sorted({t.lower() for t in triggers})),
        patterns=patterns,
        pattern_triggers=pattern_triggers,
        unless=unless,
        unless_text=unless_text,
        fields=frozenset(fields) if fields else None,
        skip_fields=frozenset(skip_fields),
        skip_timestamped=bool(raw.get("skip_timestamped", False)),
        question_only=bool(raw.get("question_only", False)),
        case_sensitive=case_sensitive,
        why=why.strip(),
        question=question.strip(),
        examples=examples,
        counterexamples=counterexamples,
    )


def _strings(
    raw: dict[str, Any], key: str, bad: list[str], required: bool = False
) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad.append(f"{key} must be a list of strings")
        return ()
    if required and not value:
        bad.append(f"missing {key}")
    return tuple(value)


def _guards(
    sources: Sequence[str], key: str, macros: Mapping[str, str], bad: list[str], check: bool
) -> tuple[Guard, ...]:
    patterns = compile_all(sources, key, macros, bad, check)
    return tuple(Guard(g, has_upper(g.pattern)) for g in patterns)


def _index(
    rules: tuple[Rule, ...],
    categories: Mapping[str, str],
    common: frozenset[str],
    given: tuple[str, ...],
) -> RuleSet:
    index: dict[str, list[int]] = {}
    always: list[int] = []
    for n, rule in enumerate(rules):
        for trigger in rule.triggers:
            if trigger == ALWAYS:
                always.append(n)
            else:
                index.setdefault(trigger, []).append(n)
    return RuleSet(
        rules=rules,
        categories=dict(categories),
        common_words=common,
        given_names=given,
        trigger_index={k: tuple(sorted(set(v))) for k, v in index.items()},
        trigger_words=frozenset(k for k in index if k != NAME_TRIGGER),
        always=tuple(always),
    )


def _line_of(text: str, key: str) -> int:
    """The line of ``key = ...`` or ``[key]`` in the TOML text (1 when not found)."""
    m = re.search(rf"^[ \t]*(?:\[{re.escape(key)}\]|{re.escape(key)}[ \t]*=)", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _rule_line(text: str, rule_id: str, index: int) -> int:
    m = re.search(rf"^[ \t]*id[ \t]*=[ \t]*[\"']{re.escape(rule_id)}[\"']", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else _nth_rule_line(text, index)


def _nth_rule_line(text: str, index: int) -> int:
    starts = [m.start() for m in re.finditer(r"^[ \t]*\[\[rule\]\]", text, re.MULTILINE)]
    return text.count("\n", 0, starts[index]) + 1 if index < len(starts) else 1
