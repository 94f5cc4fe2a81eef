"""Loading the lexicon: bad rules fail at load naming id and line; the shipped rules hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clearsight.errors import InputError
from clearsight.language.detector import Detector
from clearsight.language.patterns import WORD_TOKENS, trie
from clearsight.resources_access import resource_text

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
EXAMPLE_NAMES = ("Kenji", "Priya", "@dana", "Marco")

HEAD = """\
[categories]
character = { family = "blame" }
vague-impact = { family = "vague" }

[words]
ROLE = ["engineer(s)", "on-call"]

[macros]
WHO = '\\b{ROLE}'
"""

GOOD_RULE = """
[[rule]]
id = "character.sloppy"
category = "character"
severity = "blame"
triggers = ["sloppy"]
patterns = ['(?P<hit>{WHO}\\s+was\\s+sloppy)']
why = "A judgement."
question = "What made it hard?"
"""


def _lexicon(*rules: str) -> str:
    return HEAD + GOOD_RULE + "".join(rules)


def _rule(rule_id: str, **fields: str) -> str:
    values = {
        "category": '"character"',
        "severity": '"blame"',
        "triggers": '["careless"]',
        "patterns": "['careless']",
        "why": '"Why."',
        "question": '"What?"',
        **fields,
    }
    body = "".join(f"{k} = {v}\n" for k, v in values.items() if v)
    return f'\n[[rule]]\nid = "{rule_id}"\n{body}'


def _line_of_id(text: str, rule_id: str) -> int:
    return text.splitlines().index(f'id = "{rule_id}"') + 1


def _problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        Detector.from_toml(text, "team.toml")
    assert caught.value.source == "team.toml"
    assert "team.toml" in str(caught.value)
    return caught.value.problems


def test_a_small_lexicon_loads_and_fires() -> None:
    detector = Detector.from_toml(_lexicon(), "small.toml")
    (finding,) = detector.analyse("The on-call engineer was sloppy.")
    assert finding.rule_id == "character.sloppy"
    assert (finding.start, finding.end) == (12, 31)  # "engineer was sloppy"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"patterns": "['(unclosed']"}, "invalid regex"),
        ({"patterns": "['{NOPE}']"}, "unknown macro {NOPE}"),
        ({"patterns": "['Careless']"}, "lower case"),
        ({"patterns": "[]"}, "missing patterns"),
        ({"unless": "['[z-a]']"}, "unless[0]: invalid regex"),
        ({"category": '"rudeness"'}, "unknown category 'rudeness'"),
        ({"severity": '"fatal"'}, "unknown severity 'fatal'"),
        ({"why": ""}, "missing why"),
        ({"question": '"No question mark."'}, "missing question"),
        ({"question": ""}, "missing question"),
        ({"triggers": '["two words"]'}, "is not one word"),
        ({"triggers": ""}, "missing triggers"),
        ({"fields": '["notes"]'}, "unknown field 'notes'"),
        ({"colour": '"red"'}, "unknown key(s) colour"),
    ],
)
def test_a_bad_rule_fails_at_load_with_its_id_and_line(
    fields: dict[str, str], message: str
) -> None:
    text = _lexicon(_rule("team.bad", **fields))
    problems = _problems(text)
    line = _line_of_id(text, "team.bad")
    assert any(p.startswith(f"line {line}: rule team.bad: ") and message in p for p in problems), (
        problems
    )


def test_every_problem_is_reported_at_once() -> None:
    text = _lexicon(
        _rule("team.one", patterns="['(']"),
        _rule("team.two", category='"nope"'),
        _rule("character.sloppy"),
    )
    problems = _problems(text)
    assert len(problems) == 3
    assert any("rule team.one:" in p for p in problems)
    assert any("rule team.two:" in p for p in problems)
    assert any("duplicate id" in p for p in problems)


def test_a_broken_macro_is_named_at_its_line() -> None:
    text = _lexicon().replace("WHO = '\\b{ROLE}'", "WHO = '(\\b{ROLE}'")
    problems = _problems(text)
    line = text.splitlines().index("WHO = '(\\b{ROLE}'") + 1
    assert any(p.startswith(f"line {line}: macro WHO:") for p in problems), problems


def test_toml_syntax_and_structure_errors() -> None:
    assert "line" in _problems("[categories\n")[0]
    assert any("no [[rule]]" in p for p in _problems(HEAD))
    bad_family = _lexicon().replace('vague-impact = { family = "vague" }', 'x = { family = "y" }')
    assert any("category x: family" in p for p in _problems(bad_family))
    bad_words = _lexicon().replace('["engineer(s)", "on-call"]', '["Engineer"]')
    assert any("words ROLE" in p for p in _problems(bad_words))


def test_word_lists_become_tries() -> None:
    words = trie(["engineer(s)", "on-call", "no one", "can't"], WORD_TOKENS)
    pattern = re.compile(f"^(?:{words})$")
    for word in ["engineer", "engineers", "on-call", "oncall", "on call", "no  one", "can’t"]:
        assert pattern.match(word), word
    assert not pattern.match("engineerss")
    literal = re.compile(f"^(?:{trie(['a+b', 'a.b', '[x]'])})$")
    assert literal.match("a+b") and literal.match("[x]") and not literal.match("aab")


def test_the_shipped_rules_fire_on_their_examples_and_not_on_their_counterexamples() -> None:
    detector = rules_only()
    for rule in detector.rules:
        field = sorted(rule.fields)[0] if rule.fields else None
        assert rule.examples, rule.id
        for text in rule.examples:
            found = detector.analyse(text, names=EXAMPLE_NAMES, field=field)
            assert rule.category in {f.category for f in found}, (rule.id, text)
        for text in rule.counterexamples:
            found = detector.analyse(text, names=EXAMPLE_NAMES, field=field)
            assert rule.id not in {f.rule_id for f in found}, (rule.id, text)


def test_the_scorer_keeps_nearly_every_example_of_the_rules() -> None:
    """The learned scorer may overrule a rule, but an example of a rule is blame by design:
    the shipped detector flags nearly all of them and few of the blame counterexamples."""
    detector = Detector.default()
    missed, examples, flagged, counter = [], 0, [], 0
    for rule in detector.rules:
        field = sorted(rule.fields)[0] if rule.fields else None
        for text in rule.examples:
            examples += 1
            found = detector.analyse(text, names=EXAMPLE_NAMES, field=field)
            if rule.category not in {f.category for f in found}:
                missed.append(text)
        for text in rule.counterexamples if rule.family == "blame" else ():
            counter += 1
            found = detector.analyse(text, names=EXAMPLE_NAMES, field=field)
            if any(f.family == "blame" for f in found):
                flagged.append(text)
    assert len(missed) <= examples * 0.05, missed
    assert len(flagged) <= counter * 0.10, flagged


def rules_only() -> Detector:
    return Detector.from_toml(resource_text("lexicons", "en.toml"), "en.toml")


def test_trigger_words_lose_nothing() -> None:
    """The same lexicon with every rule tried on every sentence finds exactly the same."""
    text = resource_text("lexicons", "en.toml")
    untriggered = re.sub(r"(?m)^triggers = \[.*\]$", 'triggers = ["*"]', text)
    untriggered = re.sub(r"\{ triggers = \[[^\]]*\], re = ", "{ re = ", untriggered)
    assert untriggered.count('triggers = ["*"]') == len(Detector.default().rules)
    everything = Detector.from_toml(untriggered, "untriggered")
    fast = rules_only()
    rows = [
        json.loads(line)
        for name in ("blame_dev.jsonl", "vague_dev.jsonl")
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines()
    ]
    cases = [(r["text"], r.get("names", []), r.get("field")) for r in rows]
    cases += [(t, list(EXAMPLE_NAMES), None) for r in fast.rules for t in r.examples]
    for sentence, names, field in cases:
        expected = everything.analyse(sentence, names=names, field=field)
        assert fast.analyse(sentence, names=names, field=field) == expected, sentence


def test_the_default_detector_is_loaded_once() -> None:
    assert Detector.default() is Detector.default()


def test_the_shipped_rules_compile_when_first_used() -> None:
    """The app loads the shipped lexicon unchecked: no pattern is compiled until a sentence
    tries it, and what it finds is what the checked lexicon finds."""
    lexicon = resource_text("lexicons", "en.toml")
    lazy = Detector.from_toml(lexicon, "en.toml", check=False)
    patterns = [
        p for rule in lazy.rules for p in (*rule.patterns, *(g.pattern for g in rule.unless))
    ]
    assert patterns and not any(p._compiled for p in patterns)
    text = "Kenji forgot to restart the service. The disk filled up at noon."
    found = lazy.analyse(text, names=["Kenji"])
    assert found and found == rules_only().analyse(text, names=["Kenji"])
    tried = [p for p in patterns if p._compiled]
    assert 0 < len(tried) < len(patterns) / 4
    # The app compiles them all on its warm-up thread, off the window's.
    lazy.compile_patterns()
    assert all(p._compiled for p in patterns)


def test_an_unchecked_lexicon_reports_a_bad_pattern_only_when_checked() -> None:
    bad = _lexicon(_rule("character.broken", patterns="['(unclosed']"))
    assert any("character.broken: patterns[0]: invalid regex" in p for p in _problems(bad))
    assert len(Detector.from_toml(bad, "team.toml", check=False).rules) == 2
