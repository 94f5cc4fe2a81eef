"""The record as GitHub-flavoured Markdown, in the usual order, carrying its machine form.

The machine form rides at the end in an HTML comment (base64, so no text can close it early).
``clearsight verify`` re-renders the document from it: any change to the visible record, to
the carried form, or to the digest shows up as a difference.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime
from typing import Any

from clearsight.errors import InputError
from clearsight.record import limits
from clearsight.record.markdown_text import block, cell, inline, table
from clearsight.review.rules import LESSON_LABELS, STATUS_LABELS
from clearsight.timeline.marks import MARK_LABELS, durations, format_duration, marked, problems

FORM_START = "<!-- clearsight-record v1"
FORM_END = "-->"
_FORM = re.compile(
    re.escape(FORM_START) + r"\n([A-Za-z0-9+/=\n]*)" + re.escape(FORM_END) + r"\n?\Z"
)


def render_markdown(form: dict[str, Any], digest: str) -> str:
    r = form["review"]
    parts = [
        _title(r),
        _metadata(r),
        _section("Summary", block(r["summary"]) or "_Not written._"),
        _section("Impact", _impact(r)),
        _section("Timeline", _timeline(r)),
        _section("Contributing factors", _factors(r)),
        _section("5 Whys", _whys(r)),
        _section("Action items", _actions(r)),
        _section("Lessons", _lessons(r)),
        _section("Sign-off", _signoff(r, digest)),
    ]
    return "\n\n".join(p for p in parts if p) + "\n\n" + embed_form(form)


def embed_form(form: dict[str, Any]) -> str:
    raw = json.dumps(form, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = base64.encodebytes(raw.encode()).decode()
    return f"{FORM_START}\n{data}{FORM_END}\n"


def extract_form(text: str, source: str = "<markdown>") -> dict[str, Any]:
    m = _FORM.search(text)
    if m is None:
        raise InputError(source, ["no Clearsight record at the end of the file"])
    try:
        raw = base64.b64decode(m.group(1).replace("\n", ""), validate=True)
        form = limits.json_value(raw.decode("utf-8"))
    except ValueError as err:  # bad base64, not UTF-8, not JSON, nested too deep
        raise InputError(source, [f"the carried record is damaged: {err}"]) from None
    if not isinstance(form, dict):
        raise InputError(source, ["the carried record is not a JSON object"])
    return form


# ---- sections -------------------------------------------------------------------------------
def _times(r: dict[str, Any]) -> dict[str, datetime]:
    return marked((_instant(e["at"]), e["mark"]) for e in r["timeline"] if e["at"])


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _title(r: dict[str, Any]) -> str:
    user = next(d for d in durations(_times(r)) if d.key == "user_facing")
    length = f", {format_duration(user.value)}" if user.value is not None else ""
    return f"# [{r['severity']}] {inline(r['title'])}{length}"


def _metadata(r: dict[str, Any]) -> str:
    def people(role: str) -> str:
        names = [p["name"] for p in r["people"] if role in p["roles"]]
        return cell(", ".join(names)) if names else "\u2014"

    rows = [
        ["Incident", cell(r["incident_id"]) if r["incident_id"] else "\u2014"],
        ["Status", STATUS_LABELS.get(r["status"], r["status"])],
        ["Started (UTC)", _when(r["incident_start"])],
        ["Ended (UTC)", _when(r["incident_end"])],
        ["Review meeting (UTC)", _when(r["meeting_at"])],
        ["Facilitator", people("facilitator")],
        ["Notetaker", people("notetaker")],
        ["Attendees", people("attendee")],
        ["Approvers", people("approver")],
    ]
    return table(["Field", "Value"], rows)


def _when(text: str | None) -> str:
    return _instant(text).strftime("%Y-%m-%d %H:%M") if text else "\u2014"


def _section(title: str, body: str) -> str:
    return f"## {title}\n\n{body}"


def _impact(r: dict[str, Any]) -> str:
    parts = [block(r["impact"]) or "_Not written._"]
    if r["impact_figures"]:
        rows = [[cell(f["label"]), cell(f["value"])] for f in r["impact_figures"]]
        parts.append(table(["Figure", "Value"], rows))
    return "\n\n".join(parts)


def _timeline(r: dict[str, Any]) -> str:
    if not r["timeline"]:
        return "_No events._"
    rows = [
        [
            _instant(e["at"]).strftime("%Y-%m-%d %H:%M:%S"),
            f"**{MARK_LABELS[e['mark']]}**" if e["mark"] else " ",
            cell(e["text"]),
        ]
        for e in r["timeline"]
    ]
    times = _times(r)
    lines = [table(["Time (UTC)", "Mark", "What happened"], rows), ""]
    lines += [f"- {d.label}: {format_duration(d.value)}" for d in durations(times)]
    lines += [f"- **Problem:** {inline(p.message)}" for p in problems(times)]
    return "\n".join(lines)


def _factors(r: dict[str, Any]) -> str:
    if not r["factors"]:
        return "_None recorded._"
    closes: dict[str, list[int]] = {}
    for n, action in enumerate(r["actions"], 1):
        for key in action["factors"]:
            closes.setdefault(key, []).append(n)
    number = {f["key"]: n for n, f in enumerate(r["factors"], 1)}
    groups: list[tuple[str, list[dict[str, Any]]]] = [
        (layer, [f for f in r["factors"] if f["layer"] == layer]) for layer in r["defense_layers"]
    ]
    groups.append(("No layer", [f for f in r["factors"] if f["layer"] not in r["defense_layers"]]))
    out = []
    for layer, factors in groups:
        if not factors:
            continue
        out.append(f"### {inline(layer)}\n")
        for f in factors:
            if f["accepted_risk"]:
                state = f"accepted risk: {inline(f['accepted_reason'])}"
            elif f["key"] in closes:
                state = "closed by action " + ", ".join(f"A{n}" for n in closes[f["key"]])
            else:
                state = "**open: no action and no accepted risk**"
            out.append(f"- F{number[f['key']]}. {inline(f['text'])} ({state})")
        out.append("")
    return "\n".join(out).rstrip()


def _whys(r: dict[str, Any]) -> str:
    if not r["why_trees"]:
        return "_None recorded._"
    out = []
    for tree in r["why_trees"]:
        out.append(f"### {inline(tree['problem']) or 'Problem'}\n")
        out += _why_lines(tree["nodes"], 0)
        out.append("")
    return "\n".join(out).rstrip()


def _why_lines(nodes: list[dict[str, Any]], depth: int) -> list[str]:
    lines = []
    for node in nodes:
        can = {True: " (the team can change this)", False: "", None: ""}[node["changeable"]]
        lines.append(f"{'  ' * depth}- {inline(node['text'])}{can}")
        lines += _why_lines(node["children"], depth + 1)
    return lines


def _actions(r: dict[str, Any]) -> str:
    if not r["actions"]:
        return "_None recorded._"
    number = {f["key"]: n for n, f in enumerate(r["factors"], 1)}
    owners = {p["handle"] or p["name"]: p["name"] for p in r["people"]}
    rows = [
        [
            f"A{n}",
            cell(a["what"]),
            a["category"],
            cell(owners.get(a["owner"], a["owner"] or "")) if a["owner"] else "**none**",
            a["due"] or "**none**",
            cell(a["ticket"]),
            a["status"].replace("_", " ")
            + (f": {cell(a['status_reason'])}" if a["status_reason"] else ""),
            ", ".join(f"F{number[k]}" for k in a["factors"] if k in number) or " ",
        ]
        for n, a in enumerate(r["actions"], 1)
    ]
    return table(["#", "What", "Category", "Owner", "Due", "Ticket", "Status", "Closes"], rows)


def _lessons(r: dict[str, Any]) -> str:
    out = []
    for kind, label in LESSON_LABELS.items():
        items = r["lessons"].get(kind, [])
        out.append(f"### {label}\n")
        out += [f"- {inline(text)}" for text in items] or ["_None._"]
        out.append("")
    return "\n".join(out).rstrip()


def _signoff(r: dict[str, Any], digest: str) -> str:
    owners = {p["handle"] or p["name"]: p["name"] for p in r["people"]}
    lines = [f"Record digest (SHA-256): `{digest}`", ""]
    signed = [s for s in r["signoffs"] if not s["voided_at"]]
    if not signed:
        lines.append("_Not signed off._")
        return "\n".join(lines)
    rows = [
        [
            cell(owners.get(s["person"], s["person"])),
            cell(s["role"]),
            _when(s["signed_at"]),
            "Ed25519, verified by `clearsight verify`"
            if s["signature"]
            else "approval only, no signature",
        ]
        for s in signed
    ]
    lines.append(table(["Approver", "Role", "Signed (UTC)", "Signature"], rows))
    return "\n".join(lines)
