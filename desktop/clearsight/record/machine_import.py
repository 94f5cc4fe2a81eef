"""Reading the machine form back: check everything first, then build the rows in one go.

``parse`` is pure and collects every problem with its JSON path (``timeline[3].at: ...``);
``machine_build.build`` only runs on data that passed, inside the caller's transaction, so a
bad file creates nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from clearsight.errors import InputError
from clearsight.record import limits
from clearsight.record.limits import COLUMN_LENGTHS, MAX_TEXT, shown
from clearsight.record.machine_export import SCHEMA, VERSION
from clearsight.review import rules
from clearsight.review.actions import owner_refusal

Parsed = dict[str, Any]
_KEY = 100  # a w<N>/f<N> key: it only ties parts of one document together
_HEX = 1000  # a signature or public key in hex (Ed25519: 128 and 64 digits)
_STATEMENT = 20_000  # a signed statement: a few hundred characters, more with many approvers


def load_file(path: Path) -> Parsed:
    """Read and check a machine-form file, or the form a Markdown or PDF export carries;
    InputError names the line or the field."""
    return load_bytes(limits.read_file(path), str(path))


def load_stream(stream: TextIO, source: str = "<stdin>") -> Parsed:
    """The same from standard input (``clearsight import -``)."""
    return load_text(limits.read_stream(stream, source), source)


def load_bytes(raw: bytes, source: str) -> Parsed:
    if raw.startswith(b"%PDF"):
        from clearsight.record.pdf_export import extract_form

        try:
            form = extract_form(raw)
        except InputError as err:
            raise InputError(source, err.problems) from None
        return parse(form, source)
    return load_text(limits.decode(raw, source), source)


def load_text(text: str, source: str) -> Parsed:
    if "<!-- clearsight-record v1" in text:
        from clearsight.record.markdown_export import extract_form as from_markdown

        return parse(from_markdown(text, source), source)
    return parse(limits.load_json(text, source), source)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def get(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        kind: type | tuple[type, ...],
        default: Any = ...,
        convert: Callable[[Any], Any] | None = None,
        most: int = MAX_TEXT,
    ) -> Any:
        """``obj[key]`` checked: its JSON type, and for text its length (``most``), no NUL
        and no lone surrogate; then ``convert``ed. A problem is noted and None returned."""
        here = f"{path}.{key}" if path else key
        if key not in obj or obj[key] is None:
            if default is ...:
                self.problems.append(f"{here}: missing")
            return None if default is ... else default
        value = obj[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.problems.append(f"{here}: expected {_json_name(names)}, got {shown(value)}")
            return None
        if isinstance(value, str):
            try:
                limits.check_text(value, most)
            except ValueError as err:
                self.problems.append(f"{here}: {err}")
                return None
        if convert is not None:
            try:
                return convert(value)
            except ValueError as err:
                self.problems.append(f"{here}: {err}")
                return None
        return value

    def items(self, obj: dict[str, Any], key: str, path: str) -> list[tuple[str, Any]]:
        seq = self.get(obj, key, path, list, default=[])
        here = f"{path}.{key}" if path else key
        return [(f"{here}[{i}]", v) for i, v in enumerate(seq or [])]

    def record(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problems.append(f"{path}: expected an object, got {shown(value)}")
            return {}
        return value


def _json_name(names: str) -> str:
    return names.replace("str", "text").replace("dict", "object").replace("list", "list")


def _choice(choices: tuple[str, ...], what: str) -> Callable[[str], str]:
    return lambda v: rules.parse_choice(v, choices, what)


def parse(data: Any, source: str) -> Parsed:
    c = _Checker()
    if not isinstance(data, dict):
        raise InputError(source, ["the file must hold a JSON object"])
    if data.get("schema") != SCHEMA:
        raise InputError(source, [f"schema: expected {SCHEMA!r}, got {shown(data.get('schema'))}"])
    try:
        limits.check_version(data.get("version"), VERSION)
    except ValueError as err:
        raise InputError(source, [f"version: {err}"]) from None
    r = c.record(data.get("review"), "review")
    p = "review"
    out: Parsed = {
        "uid": c.get(r, "uid", p, str, None, most=_col("review.uid")),
        "title": c.get(r, "title", p, str, convert=rules.clean_title),
        "severity": c.get(r, "severity", p, str, convert=rules.parse_severity),
        "status": c.get(r, "status", p, str, "draft", rules.parse_status),
        "incident_id": c.get(r, "incident_id", p, str, "", most=_col("review.incident_id")),
        "incident_start": c.get(r, "incident_start", p, str, None, rules.parse_instant),
        "incident_end": c.get(r, "incident_end", p, str, None, rules.parse_instant),
        "meeting_at": c.get(r, "meeting_at", p, str, None, rules.parse_instant),
        "display_zone": c.get(r, "display_zone", p, str, "UTC", limits.known_zone),
        "summary": c.get(r, "summary", p, str, ""),
        "impact": c.get(r, "impact", p, str, ""),
    }
    start, end = out["incident_start"], out["incident_end"]
    if start is not None and end is not None and end < start:
        c.problems.append(
            f"review.incident_end: {rules.format_instant(end)} is before "
            f"review.incident_start {rules.format_instant(start)}"
        )
    out["figures"] = [
        {
            "label": c.get(f, "label", fp, str, most=_col("impact_figure.label")),
            "value": c.get(f, "value", fp, str, "", most=_col("impact_figure.value")),
        }
        for fp, raw in c.items(r, "impact_figures", p)
        for f in [c.record(raw, fp)]
    ]
    people, refs = _people(c, r, p)
    out["people"] = people

    def person_ref(obj: dict[str, Any], key: str, path: str, required: bool) -> str | None:
        value = c.get(obj, key, path, str, ... if required else None, most=_col("person.name"))
        if value is not None and value.lstrip("@") not in refs:
            c.problems.append(f"{path}.{key}: {shown(value)} is not in review.people")
            return None
        return value.lstrip("@") if value else None

    out["timeline"] = [
        {
            "at": c.get(e, "at", ep, str, convert=rules.parse_instant),
            "text": c.get(e, "text", ep, str, ""),
            "mark": c.get(e, "mark", ep, str, None, _choice(rules.MARKS, "mark")),
        }
        for ep, raw in c.items(r, "timeline", p)
        for e in [c.record(raw, ep)]
    ]
    node_keys: set[str] = set()
    out["trees"] = [
        {"problem": c.get(t, "problem", tp, str, ""), "nodes": _why_nodes(c, t, tp, node_keys)}
        for tp, raw in c.items(r, "why_trees", p)
        for t in [c.record(raw, tp)]
    ]
    layers = [
        c.get({"name": v}, "name", lp, str, most=_col("defense_layer.name"))
        for lp, v in c.items(r, "defense_layers", p)
    ]
    out["layers"] = layers
    factor_keys: set[str] = set()
    factors = []
    for fp, raw in c.items(r, "factors", p):
        f = c.record(raw, fp)
        layer = c.get(f, "layer", fp, str, None, most=_col("defense_layer.name"))
        if layer is not None and layer not in layers:
            c.problems.append(f"{fp}.layer: {shown(layer)} is not in review.defense_layers")
        key = c.get(f, "key", fp, str, None, most=_KEY)
        if key and key in factor_keys:
            c.problems.append(f"{fp}.key: {shown(key)} is the key of another factor")
        elif key:
            factor_keys.add(key)
        links = [c.get({"k": v}, "k", lp, str, most=_KEY) for lp, v in c.items(f, "why_nodes", fp)]
        for lp, link in zip((x for x, _ in c.items(f, "why_nodes", fp)), links, strict=True):
            if link is not None and link not in node_keys:
                c.problems.append(f"{lp}: {shown(link)} is not the key of a why node")
        factors.append(
            {
                "key": key,
                "layer": layer,
                "text": c.get(f, "text", fp, str, ""),
                "accepted_risk": c.get(f, "accepted_risk", fp, bool, False),
                "accepted_reason": c.get(f, "accepted_reason", fp, str, ""),
                "why_nodes": links,
            }
        )
    out["factors"] = factors
    actions = []
    for ap, raw in c.items(r, "actions", p):
        a = c.record(raw, ap)
        links = [c.get({"k": v}, "k", lp, str, most=_KEY) for lp, v in c.items(a, "factors", ap)]
        for link in links:
            if link is not None and link not in factor_keys:
                c.problems.append(f"{ap}.factors: {shown(link)} is not the key of a factor")
        what = c.get(a, "what", ap, str)
        owner = person_ref(a, "owner", ap, required=True)
        refusal = owner_refusal(owner) if owner else None
        if refusal:
            c.problems.append(f"{ap}.owner ({shown(what)}): {refusal}")
        actions.append(
            {
                "what": what,
                "category": c.get(
                    a,
                    "category",
                    ap,
                    str,
                    "prevention",
                    _choice(rules.ACTION_CATEGORIES, "category"),
                ),
                "owner": owner,
                "due": c.get(a, "due", ap, str, convert=rules.parse_date),
                "ticket": c.get(a, "ticket", ap, str, "", most=_col("action_item.ticket")),
                "verification": c.get(a, "verification", ap, str, ""),
                "status": c.get(
                    a, "status", ap, str, "open", _choice(rules.ACTION_STATUSES, "status")
                ),
                "status_reason": c.get(a, "status_reason", ap, str, ""),
                "evidence": c.get(a, "evidence", ap, str, ""),
                "factors": links,
            }
        )
    out["actions"] = actions
    lessons = c.get(r, "lessons", p, dict, {}) or {}
    for kind in lessons:
        if kind not in rules.LESSON_KINDS:
            c.problems.append(
                f"review.lessons.{_shown_key(kind)}: unknown kind; use "
                + ", ".join(rules.LESSON_KINDS)
            )
    out["lessons"] = {
        kind: [c.get({"t": v}, "t", lp, str) for lp, v in c.items(lessons, kind, "review.lessons")]
        for kind in rules.LESSON_KINDS
    }
    out["signoffs"] = [
        {
            "person": person_ref(s, "person", sp, required=True),
            "role": c.get(s, "role", sp, str, "", most=_col("sign_off.role")),
            "signed_at": c.get(s, "signed_at", sp, str, convert=rules.parse_instant),
            "digest": c.get(s, "digest", sp, str, "", most=_col("sign_off.digest")),
            "signature": c.get(s, "signature", sp, str, None, bytes.fromhex, most=_HEX),
            "public_key": c.get(s, "public_key", sp, str, None, bytes.fromhex, most=_HEX),
            "voided_at": c.get(s, "voided_at", sp, str, None, rules.parse_instant),
            "void_reason": c.get(s, "void_reason", sp, str, ""),
            "statement": c.get(s, "statement", sp, str, None, most=_STATEMENT),
            "void_statement": c.get(s, "void_statement", sp, str, None, most=_STATEMENT),
            "void_signature": c.get(s, "void_signature", sp, str, None, bytes.fromhex, most=_HEX),
            "void_key": c.get(s, "void_key", sp, str, None, bytes.fromhex, most=_HEX),
        }
        for sp, raw in c.items(r, "signoffs", p)
        for s in [c.record(raw, sp)]
    ]
    out["dismissed"] = [
        {
            "field": c.get(d, "field", dp, str, most=_col("dismissed_flag.field")),
            "rule_id": c.get(d, "rule_id", dp, str, most=_col("dismissed_flag.rule_id")),
            "snippet": c.get(d, "snippet", dp, str, ""),
            "reason": c.get(
                d, "reason", dp, str, "false_alarm", most=_col("dismissed_flag.reason")
            ),
            "dismissed_at": c.get(d, "dismissed_at", dp, str, None, rules.parse_instant),
        }
        for dp, raw in c.items(r, "dismissed_flags", p)
        for d in [c.record(raw, dp)]
    ]
    out["history"] = [
        {
            "at": c.get(h, "at", hp, str, None, rules.parse_instant),
            **{k: c.get(h, k, hp, str, "", most=_HISTORY.get(k, MAX_TEXT)) for k in _HISTORY_KEYS},
        }
        for hp, raw in c.items(r, "history", p)
        for h in [c.record(raw, hp)]
    ]
    if c.problems:
        raise InputError(source, limits.listed(c.problems))
    out["form"] = data  # as carried: its sign-offs are checked against it before a final import
    return out


def _col(column: str) -> int:
    return COLUMN_LENGTHS[column]


_HISTORY = {"entity": _col("change.entity"), "field": _col("change.field")}
_HISTORY_KEYS = ("entity", "field", "old", "new", "reason")


def _shown_key(key: str) -> str:
    """A key of the file in a JSON path: as it is when plain, else quoted and escaped."""
    return key if key.isidentifier() and len(key) <= 40 else shown(key)


def _people(c: _Checker, r: dict[str, Any], p: str) -> tuple[list[dict[str, Any]], set[str]]:
    people: list[dict[str, Any]] = []
    refs: set[str] = set()
    for pp, raw in c.items(r, "people", p):
        person = c.record(raw, pp)
        name = c.get(person, "name", pp, str, convert=rules.clean_name, most=_col("person.name"))
        handle = c.get(
            person, "handle", pp, str, None, rules.clean_handle, most=_col("person.handle")
        )
        roles = [
            c.get({"r": v}, "r", rp, str, convert=_choice(rules.ROLES, "role"))
            for rp, v in c.items(person, "roles", pp)
        ]
        for key in (handle, name):
            if key and key in refs:
                c.problems.append(f"{pp}: {shown(key)} appears twice in review.people")
        refs.update(k for k in (handle, name) if k)
        people.append(
            {
                "name": name,
                "handle": handle,
                "email": c.get(person, "email", pp, str, None, most=_col("person.email")),
                "roles": roles,
            }
        )
    return people, refs


def _why_nodes(c: _Checker, obj: dict[str, Any], path: str, keys: set[str]) -> list[dict[str, Any]]:
    nodes = []
    for np_, raw in c.items(obj, "nodes" if "nodes" in obj else "children", path):
        n = c.record(raw, np_)
        key = c.get(n, "key", np_, str, None, most=_KEY)
        if key and key in keys:
            c.problems.append(f"{np_}.key: {shown(key)} is the key of another why node")
        elif key:
            keys.add(key)
        nodes.append(
            {
                "key": key,
                "text": c.get(n, "text", np_, str, ""),
                "changeable": c.get(n, "changeable", np_, bool, None),
                "children": _why_nodes(c, {"children": n.get("children") or []}, np_, keys),
            }
        )
    return nodes
