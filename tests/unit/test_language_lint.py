"""``clearsight lint`` semantics through ``lint_main``: output formats, Markdown, exit codes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from clearsight.language.detector import SentenceReport
from clearsight.language.lint import EXIT_BLAME, EXIT_CLEAN, EXIT_ERROR, _explained, lint_main
from clearsight.language.markdown import field_for_heading, prepare, sections
from clearsight.language.scorer import Scored

POSTMORTEM = """\
---
title: Checkout outage
---
# Checkout outage, 3 June

## Summary
Checkout failed for 31% of requests from 14:05 to 14:41 UTC.

## Impact
Some users were affected.

## Timeline
- 14:02 Kenji merged PR #8812.
- 14:05 Kenji dropped the stale cache table.

## Contributing factors
Insufficient testing.
Kenji should have
checked the pool size.

```bash
# Kenji broke prod with this, obviously
kubectl delete pod payments-0
```

Run `careless-cleanup.sh` only in staging.

## Action items
- Improve monitoring.
- Owner: Kenji, add a CI check that fails when db.pool.max is below 20 (due 14 June).
"""


def _run(
    paths: list[str],
    names: list[str] | None = None,
    fmt: str = "text",
    include_vague: bool = False,
    lexicon: str | None = None,
    explain: bool = False,
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = lint_main(paths, names or [], fmt, include_vague, out, err, lexicon, explain)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "2024-06-03-checkout.md"
    path.write_text(POSTMORTEM, encoding="utf-8")
    return path


def test_text_format_lists_file_line_col_rule_and_why(doc: Path) -> None:
    code, out, err = _run([str(doc)], names=["Kenji"])
    assert code == EXIT_BLAME and err == ""
    lines = out.splitlines()
    assert len(lines) == 1
    line_no = POSTMORTEM.splitlines().index("Kenji should have") + 1
    assert lines[0].startswith(f"{doc}:{line_no}:1: counterfactual.should-have: ")


def test_code_blocks_inline_code_front_matter_and_timeline_are_skipped(doc: Path) -> None:
    _, out, _ = _run([str(doc)], names=["Kenji"], fmt="json", include_vague=True)
    found = [json.loads(line) for line in out.splitlines()]
    texts = [f["text"] for f in found]
    assert not any("broke" in t or "obviously" in t or "careless" in t for t in texts)
    assert not any(f["rule"].startswith("person-as-cause") for f in found)  # the timeline
    assert {f["category"] for f in found} == {
        "vague-impact",
        "vague-factor",
        "counterfactual",
        "unverifiable-action",
    }


def test_json_format_has_one_object_per_finding(doc: Path) -> None:
    code, out, _ = _run([str(doc)], names=["Kenji"], fmt="json", include_vague=True)
    assert code == EXIT_BLAME
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 4
    keys = {"file", "line", "col", "rule", "category", "severity", "family", "why", "question"}
    for record in records:
        assert keys | {"text"} == set(record)
        assert record["file"] == str(doc)
        assert record["question"].endswith("?")
        line = POSTMORTEM.splitlines()[record["line"] - 1]
        assert line[record["col"] - 1 :].startswith(record["text"].split("\n")[0])


def test_vague_findings_alone_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text("## Impact\nSome users were affected.\n", encoding="utf-8")
    code, out, _ = _run([str(path)], include_vague=True)
    assert code == EXIT_CLEAN
    assert "vague-impact" in out
    assert _run([str(path)]) == (EXIT_CLEAN, "", "")


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("The retry loop had no backoff, so load tripled.\n", encoding="utf-8")
    assert _run([str(path)]) == (EXIT_CLEAN, "", "")


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"Root cause: @tbianchi pushing to main on a Friday.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = _run(["-"])
    assert code == EXIT_BLAME
    assert out.startswith("<stdin>:1:13: person-as-cause.cause-label: ")


def test_unreadable_files_exit_two_and_are_named(tmp_path: Path, doc: Path) -> None:
    missing = tmp_path / "nope.md"
    code, out, err = _run([str(missing), str(doc)], names=["Kenji"])
    assert code == EXIT_ERROR
    assert f"cannot read {missing}" in err
    assert str(doc) in out  # the readable file is still linted
    binary = tmp_path / "blob.md"
    binary.write_bytes(b"\xff\xfe\x00bad")
    code, _, err = _run([str(binary)])
    assert code == EXIT_ERROR and "not UTF-8" in err and str(binary) in err
    code, _, err = _run([str(tmp_path)])
    assert code == EXIT_ERROR and str(tmp_path) in err


def test_unknown_format_is_an_error(doc: Path) -> None:
    code, out, err = _run([str(doc)], fmt="xml")
    assert code == EXIT_ERROR and out == "" and "xml" in err


def test_names_with_spaces_and_blanks(tmp_path: Path) -> None:
    path = tmp_path / "pm.txt"
    path.write_text("Priya Raman skipped the canary.\n", encoding="utf-8")
    assert _run([str(path)], names=[" Priya Raman ", "", "  "])[0] == EXIT_BLAME


def test_prepare_keeps_offsets_and_lines() -> None:
    prepared = prepare(POSTMORTEM)
    assert len(prepared) == len(POSTMORTEM)
    assert "Kenji should have checked the pool size." in prepared  # the soft wrap is joined
    assert prepared.count("\n") == POSTMORTEM.count("\n") - 1
    assert "careless" not in prepared and "kubectl" not in prepared and "title" not in prepared


def test_sections_take_their_field_from_the_heading() -> None:
    fields = [s.field for s in sections(prepare(POSTMORTEM)) if s.field]
    assert fields == ["summary", "impact", "timeline", "factor", "action"]
    assert field_for_heading("5 Whys") == "why"
    assert field_for_heading("What went well") == "lesson"
    assert field_for_heading("Appendix") is None


def test_unclosed_markup_does_not_swallow_time() -> None:
    for text in ("<!--" * 100_000, "](" * 200_000, "`" * 300_000, "```\n" * 50_000):
        assert len(prepare(text)) == len(text)


def test_explain_shows_the_rules_and_weighted_features_of_each_flagged_sentence(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pm.md"
    path.write_text("The gateway returned 500s.\nThe root cause was Dave.\n", encoding="utf-8")
    code, out, _ = _run([str(path)], explain=True)
    assert code == EXIT_BLAME
    block = out.split(f"{path}:2:1: explain: blame; score ")[1].splitlines()
    assert block[1].strip() == "sentence: The root cause was Dave."
    assert block[2].strip() == "rules: person-as-cause.cause-label"
    features = block[3].split("features: ")[1].split(", ")
    assert features[0].startswith("r:person-as-cause +")
    assert "gateway" not in out.split("explain")[0]  # the blameless line is not explained
    code, out, _ = _run([str(path)], fmt="json", explain=True)
    explained = [json.loads(line) for line in out.splitlines() if '"explain"' in line]
    assert [e["explain"] for e in explained] == [f"{path}:2:1"]
    assert explained[0]["blame"] is True and explained[0]["score"] > explained[0]["threshold"]


def test_explain_says_when_the_scorer_overrules_a_rule() -> None:
    scored = Scored(-0.9, (("r:hindsight", 1.2), ("w:cache", -0.7)), ())
    report = SentenceReport(0, 40, ("hindsight.obvious",), scored, -0.5, ())
    text = _explained("pm.md:3:1", "It was obvious the\ncache would fill up.", report, "text")
    assert text.splitlines() == [
        "pm.md:3:1: explain: not blame (the scorer overrules the rules); "
        "score -0.90, threshold -0.50",
        "    sentence: It was obvious the cache would fill up.",
        "    rules: hindsight.obvious",
        "    features: r:hindsight +1.20, w:cache -0.70",
    ]


def test_a_named_lexicon_adds_the_teams_phrases(tmp_path: Path) -> None:
    doc = tmp_path / "pm.md"
    doc.write_text("The release was a big bang rollout on Friday.\n", encoding="utf-8")
    assert _run([str(doc)])[0] == EXIT_CLEAN
    lexicon = tmp_path / "team.toml"
    lexicon.write_text('[blame]\nphrases = ["big bang rollout"]\nreason = "We said so."\n')
    code, out, _ = _run([str(doc)], lexicon=str(lexicon))
    assert code == EXIT_BLAME and out == f"{doc}:1:19: team.blame: We said so.\n"


def test_the_saved_lexicon_is_used_without_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "pm.md"
    doc.write_text("The release was a big bang rollout on Friday.\n", encoding="utf-8")
    lexicon = tmp_path / "saved.toml"
    lexicon.write_text('[blame]\nphrases = ["big bang rollout"]\n')
    monkeypatch.setenv("CLEARSIGHT_LEXICON", str(lexicon))
    assert _run([str(doc)])[0] == EXIT_BLAME


def test_a_bad_or_missing_lexicon_is_an_error_with_its_place(tmp_path: Path) -> None:
    doc = tmp_path / "pm.md"
    doc.write_text("Fine.\n", encoding="utf-8")
    code, out, err = _run([str(doc)], lexicon=str(tmp_path / "none.toml"))
    assert (code, out) == (EXIT_ERROR, "") and "no lexicon file" in err
    bad = tmp_path / "bad.toml"
    bad.write_text('[classes]\nAGENT = ["one two three four"]\nROBOT = ["r2"]\n')
    code, out, err = _run([str(doc)], lexicon=str(bad))
    assert (code, out) == (EXIT_ERROR, "")
    assert "classes.AGENT[0]: 'one two three four' is not one to three words" in err
    assert "classes.ROBOT: unknown class" in err
