"""`clearsight verify`: does an exported record still say what was signed?

It reads the machine form the file carries, computes its digest, checks every sign-off's
signed statement (record/approvals.py; against the team's trusted keys when given), and renders
the record again: any difference between that and the file (a changed word in a table, an
edited digest) means the file was altered after export. The two are told apart, so a PDF
re-saved by another program reads as "content intact, file re-saved".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clearsight import collector
from clearsight.errors import InputError
from clearsight.record import approvals, limits
from clearsight.record.canonical import digest_of
from clearsight.record.machine_export import SCHEMA, VERSION
from clearsight.record.markdown_export import extract_form as extract_markdown
from clearsight.record.markdown_export import render_markdown
from clearsight.record.trusted_keys import TrustedKeys
from clearsight.review import rules


@dataclass
class Verdict:
    digest: str = ""
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    content_ok: bool = True  # the carried record and its sign-offs hold

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def summary(self) -> str:
        if self.ok:
            return "the record is intact"
        if self.content_ok:
            return (
                "content intact, file re-saved or edited: the record this file carries holds, "
                "but the file is not as Clearsight wrote it, so its pages may not show that "
                "record; export it again from the record"
            )
        return "the record was altered, or is not signed as it claims"


def verify_file(path: Path, trusted: TrustedKeys | None = None) -> Verdict:
    with collector.paused():
        return _verify_file(path, trusted)


def _verify_file(path: Path, trusted: TrustedKeys | None) -> Verdict:
    data = limits.read_file(path)
    if data.startswith(b"%PDF"):
        from clearsight.record.pdf_export import extract_form, is_rendering

        try:
            form = extract_form(data)
        except InputError as err:
            raise InputError(str(path), err.problems) from None
        check_carried(form, str(path))
        verdict = _check(form, trusted)
        same = is_rendering(data, form, verdict.digest)
        _rendering(
            verdict,
            same,
            "the PDF is exactly the record it carries",
            "the PDF's bytes differ from the record it carries (edited, or re-saved by "
            "another program)",
        )
        return verdict
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(str(path), ["not a Markdown or PDF export (not UTF-8 text)"]) from None
    # Line ends are not content: git and editors change them on their own.
    text = text.replace("\r\n", "\n")
    form = extract_markdown(text, str(path))
    check_carried(form, str(path))
    verdict = _check(form, trusted)
    again = render_markdown(form, verdict.digest)
    line = _first_difference(again, text)
    _rendering(
        verdict,
        line is None,
        "the Markdown is exactly the record it carries",
        f"the Markdown differs from the record it carries at line {line}: "
        "it was changed after export",
    )
    return verdict


def _check(form: dict[str, Any], trusted: TrustedKeys | None) -> Verdict:
    verdict = Verdict(digest=digest_of(form))
    found = approvals.check(form, verdict.digest, trusted, require_all=trusted is not None)
    verdict.passed += found.passed
    verdict.failed += found.failed
    verdict.content_ok = not found.failed
    if trusted is None and found.signed:
        verdict.passed.append(
            "integrity only: no --trusted key list was given, so who signed is not proven"
        )
    return verdict


def _rendering(verdict: Verdict, same: bool, passed: str, failed: str) -> None:
    (verdict.passed if same else verdict.failed).append(passed if same else failed)


def _first_difference(expected: str, actual: str) -> int | None:
    if expected == actual:
        return None
    a, b = expected.splitlines(), actual.splitlines()
    for n, (x, y) in enumerate(zip(a, b, strict=False), 1):
        if x != y:
            return n
    return min(len(a), len(b)) + 1


# ---- the carried form's shape ---------------------------------------------------------------
# What machine_export.dump writes, and so what the renderers read: each key and its JSON type.
# A kind is one of these names, an object's keys (a dict) or a list of one shape ([shape]);
# Optional(kind) is a key the renderers may do without (they read it with .get).
TEXT, TEXT_OR_NULL, BOOL, BOOL_OR_NULL = "text", "text or null", "true/false", "true/false/null"
INSTANT, INSTANT_OR_NULL, MARK_OR_NULL = "instant", "instant or null", "mark or null"
_NULLABLE = (TEXT_OR_NULL, BOOL_OR_NULL, INSTANT_OR_NULL, MARK_OR_NULL)


@dataclass(frozen=True)
class Optional:
    kind: Any


_NODE: dict[str, Any] = {"key": TEXT, "text": TEXT, "changeable": BOOL_OR_NULL}
_NODE["children"] = [_NODE]
_REVIEW: dict[str, Any] = {
    "uid": Optional(TEXT),
    "title": TEXT,
    "severity": TEXT,
    "status": TEXT,
    "incident_id": TEXT,
    "incident_start": INSTANT_OR_NULL,
    "incident_end": INSTANT_OR_NULL,
    "meeting_at": INSTANT_OR_NULL,
    "display_zone": Optional(TEXT),
    "summary": TEXT,
    "impact": TEXT,
    "impact_figures": [{"label": TEXT, "value": TEXT}],
    "people": [
        {"name": TEXT, "handle": TEXT_OR_NULL, "email": Optional(TEXT_OR_NULL), "roles": [TEXT]}
    ],
    "timeline": [{"at": INSTANT, "text": TEXT, "mark": MARK_OR_NULL}],
    "why_trees": [{"problem": TEXT, "nodes": [_NODE]}],
    "defense_layers": [TEXT],
    "factors": [
        {
            "key": TEXT,
            "layer": TEXT_OR_NULL,
            "text": TEXT,
            "accepted_risk": BOOL,
            "accepted_reason": TEXT,
            "why_nodes": Optional([TEXT]),
        }
    ],
    "actions": [
        {
            "what": TEXT,
            "category": TEXT,
            "owner": TEXT_OR_NULL,
            "due": TEXT_OR_NULL,
            "ticket": TEXT,
            "verification": Optional(TEXT),
            "status": TEXT,
            "status_reason": TEXT,
            "evidence": Optional(TEXT),
            "factors": [TEXT],
        }
    ],
    "lessons": {kind: [TEXT] for kind in rules.LESSON_KINDS},
    "signoffs": [
        {
            "person": TEXT,
            "role": TEXT,
            "signed_at": INSTANT_OR_NULL,
            "digest": Optional(TEXT),
            "signature": TEXT_OR_NULL,
            "public_key": Optional(TEXT_OR_NULL),
            "voided_at": INSTANT_OR_NULL,
            "void_reason": Optional(TEXT),
            "statement": Optional(TEXT_OR_NULL),
            "void_statement": Optional(TEXT_OR_NULL),
            "void_signature": Optional(TEXT_OR_NULL),
            "void_key": Optional(TEXT_OR_NULL),
        }
    ],
    "dismissed_flags": Optional(
        [
            {
                "field": TEXT,
                "rule_id": TEXT,
                "snippet": TEXT,
                "reason": TEXT,
                "dismissed_at": INSTANT_OR_NULL,
            }
        ]
    ),
    "history": Optional(
        [
            {
                "at": INSTANT_OR_NULL,
                "entity": TEXT,
                "field": TEXT,
                "old": TEXT,
                "new": TEXT,
                "reason": TEXT,
            }
        ]
    ),
}


def check_carried(form: Any, source: str) -> None:
    """InputError, with the JSON path of each problem, unless ``form`` has the shape that
    Clearsight writes: what the digest and the renderers need, so that a hand-made or damaged
    record is a message, never a traceback."""
    if not isinstance(form, dict) or form.get("schema") != SCHEMA:
        raise InputError(source, ["the carried data is not a Clearsight review"])
    try:
        limits.check_version(form.get("version"), VERSION)
    except ValueError as err:
        raise InputError(source, [f"version: {err}"]) from None
    problems = _shape_problems(form.get("review"), _REVIEW, "review")
    problems += _unicode_problems(form)
    if problems:
        raise InputError(
            source,
            limits.listed([*problems, "the carried record is not as Clearsight writes it"]),
        )


def _shape_problems(value: Any, shape: Any, path: str) -> list[str]:
    problems: list[str] = []
    todo = [(value, shape, path)]  # a stack, not recursion: why trees nest
    while todo:
        value, shape, path = todo.pop()
        if isinstance(shape, dict):
            if not isinstance(value, dict):
                problems.append(f"{path}: expected an object, got {limits.shown(value)}")
                continue
            for key, inner in shape.items():
                if key in value:
                    kind = inner.kind if isinstance(inner, Optional) else inner
                    todo.append((value[key], kind, f"{path}.{key}"))
                elif not isinstance(inner, Optional):
                    problems.append(f"{path}.{key}: missing")
        elif isinstance(shape, list):
            if not isinstance(value, list):
                problems.append(f"{path}: expected a list, got {limits.shown(value)}")
                continue
            todo.extend((item, shape[0], f"{path}[{i}]") for i, item in enumerate(value))
        elif (problem := _kind_problem(value, shape)) is not None:
            problems.append(f"{path}: {problem}")
    return problems


def _kind_problem(value: Any, kind: str) -> str | None:
    if value is None and kind in _NULLABLE:
        return None
    if kind in (BOOL, BOOL_OR_NULL):
        return None if isinstance(value, bool) else f"expected {kind}, got {limits.shown(value)}"
    if not isinstance(value, str):
        return f"expected {kind}, got {limits.shown(value)}"
    if kind == MARK_OR_NULL and value not in rules.MARKS:
        return f"unknown mark {limits.shown(value)}"
    if kind in (INSTANT, INSTANT_OR_NULL):
        try:
            exact = rules.format_instant(rules.parse_instant(value)) == value
        except ValueError as err:
            return str(err)
        if not exact:
            return f"{limits.shown(value)} is not a time as Clearsight writes it"
    return None


def _unicode_problems(form: dict[str, Any]) -> list[str]:
    """Where a lone surrogate sits (JSON can spell one; UTF-8 cannot, so no export holds one)."""
    try:
        json.dumps(form, ensure_ascii=False).encode("utf-8")
        return []
    except UnicodeEncodeError:
        pass
    problems: list[str] = []
    todo: list[tuple[Any, str]] = [(form, "")]
    while todo:
        value, path = todo.pop()
        if isinstance(value, dict):
            for key, inner in value.items():
                name = key if key.isidentifier() else limits.shown(key)
                here = f"{path}.{name}" if path else name
                _unicode_problem(key, f"{here} (the key)", problems)
                todo.append((inner, here))
        elif isinstance(value, list):
            todo.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
        else:
            _unicode_problem(value, path, problems)
    return problems


def _unicode_problem(value: Any, path: str, problems: list[str]) -> None:
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            problems.append(f"{path}: holds a lone surrogate U+{ord(value[err.start]):04X}")
