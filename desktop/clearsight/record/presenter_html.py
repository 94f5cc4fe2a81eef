"""What the projector shows for each phase, as rich text for a QTextDocument.

Plain functions of the review (no widgets), so what the room sees is easy to test. Large
type, few words besides the review's own, nothing to click.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from clearsight.review import rules
from clearsight.review.data import EventData, OpenAction, ReviewDetail, WhyTreeData
from clearsight.timeline.marks import MARK_COLORS, MARK_LABELS, durations, format_duration, marked
from clearsight.timeline.zones import zone

LAST_EVENTS = 12  # the timeline shows the strip and the latest events, not all of them
STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}

# (text, place key, detector field) -> HTML: the text escaped, with flags marked if shown.
Marker = Callable[[str, str, str], str]


def plain(text: str, place: str = "", field: str = "") -> str:
    return html.escape(text)


@dataclass(frozen=True)
class Look:
    """Sizes and colours from the presenter's zoom and the palette."""

    body_pt: float = 28.0
    quiet: str = "#444444"
    warning: str = "#945400"


@dataclass
class Extras:
    """What the projector shows that is not in a ReviewDetail."""

    mark: Marker = plain
    prior: Sequence[OpenAction] = ()
    signoffs: Sequence[dict[str, Any]] = ()
    ground_rules: Sequence[tuple[str, str]] = ()
    today: date = field(default_factory=date.today)
    last_events: int = LAST_EVENTS  # the timeline lists this many of the latest events
    diagram: bool = False  # the Swiss cheese diagram is shown above the factors


def style_sheet(look: Look) -> str:
    body = look.body_pt
    return (
        f"body {{ font-size: {body:.0f}pt; }}"
        f".heading {{ font-size: {body * 1.1:.0f}pt; font-weight: bold;"
        f" margin-top: {body * 0.6:.0f}px; margin-bottom: {body * 0.2:.0f}px; }}"
        f"p {{ margin-bottom: {body * 0.45:.0f}px; }}"
        f"li {{ margin-bottom: {body * 0.3:.0f}px; }}"
        f".quiet {{ color: {look.quiet}; }}"
        f".small {{ font-size: {body * 0.8:.0f}pt; }}"
        f".warn {{ color: {look.warning}; font-weight: bold; }}"
        f"th {{ color: {look.quiet}; font-weight: bold; text-align: left; }}"
        f".value {{ font-weight: bold; }}"
    )


def live_detail(detail: ReviewDetail, texts: dict[str, str]) -> ReviewDetail:
    """``detail`` with the texts the pages hold now (typing is saved without a reload)."""
    if not texts:
        return detail

    def replaced(items: list[Any], prefix: str, attr: str) -> list[Any]:
        return [
            dataclasses.replace(x, **{attr: texts[f"{prefix}:{x.id}"]})
            if f"{prefix}:{x.id}" in texts
            else x
            for x in items
        ]

    trees = []
    for tree in replaced(detail.trees, "tree", "problem"):
        trees.append(dataclasses.replace(tree, nodes=replaced(tree.nodes, "why", "text")))
    factors = replaced(detail.factors, "factor", "text")
    factors = replaced(factors, "risk", "accepted_reason")
    return dataclasses.replace(
        detail,
        summary=texts.get("summary", detail.summary),
        impact=texts.get("impact", detail.impact),
        lessons=replaced(detail.lessons, "lesson", "text"),
        events=replaced(detail.events, "event", "text"),
        trees=trees,
        factors=factors,
        actions=replaced(detail.actions, "action", "what"),
    )


def phase_html(key: str, detail: ReviewDetail, extras: Extras) -> str:
    build = _BUILDERS.get(key)
    return build(detail, extras) if build else ""


# ---- the phases -----------------------------------------------------------------------------
def _paragraphs(text: str, place: str, field_name: str, mark: Marker, empty: str) -> str:
    if not text.strip():
        return f'<p class="quiet">{html.escape(empty)}</p>'
    # Marked as one text, so flag offsets stay right; line breaks kept as the notetaker typed.
    marked_text = mark(text.strip(), place, field_name)
    return "<p>" + marked_text.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"


def _details(d: ReviewDetail, extras: Extras) -> str:
    rows = [
        ("Severity", d.severity),
        ("Status", rules.STATUS_LABELS.get(d.status, d.status)),
        ("Incident", d.incident_id or "\u2014"),
        ("Started", _when(d.incident_start)),
        ("Ended", _when(d.incident_end)),
    ]
    for role in rules.ROLES:
        people = d.people_in(role)
        if people:
            rows.append((f"{role.capitalize()}s", ", ".join(p.name for p in people)))
    cells = "".join(
        f'<tr><td class="quiet">{html.escape(k)}</td><td class="value">{html.escape(v)}</td></tr>'
        for k, v in rows
    )
    return f'<p class="value">{html.escape(d.title)}</p><table cellpadding="8">{cells}</table>'


def _prior(d: ReviewDetail, extras: Extras) -> str:
    if not extras.prior:
        return '<p class="quiet">No open action items from earlier reviews.</p>'
    rows = []
    for item in extras.prior:
        a = item.action
        due = a.due.isoformat() if a.due else "no date"
        late = item.overdue(extras.today)
        due_html = f'<span class="warn">{due} (overdue)</span>' if late else html.escape(due)
        owner = a.owner.name if a.owner else "no owner"
        rows.append(
            f"<tr><td>{html.escape(a.what)}<br><span class='quiet small'>"
            f"{html.escape(item.review_title)}</span></td><td>{html.escape(owner)}</td>"
            f"<td>{due_html}</td><td>{STATUS_LABELS.get(a.status, a.status)}</td></tr>"
        )
    return _table(("What", "Owner", "Due", "Status"), rows)


def _ground_rules(d: ReviewDetail, extras: Extras) -> str:
    items = "".join(
        f'<li><b>{html.escape(rule)}</b><br><span class="quiet">{html.escape(meaning)}</span></li>'
        for rule, meaning in extras.ground_rules
    )
    return f"<ol>{items}</ol>"


def _summary(d: ReviewDetail, extras: Extras) -> str:
    parts = [
        _paragraphs(d.summary, "summary", "summary", extras.mark, "No summary yet."),
        '<p class="heading">Impact</p>',
        _paragraphs(d.impact, "impact", "impact", extras.mark, "No impact written yet."),
    ]
    if d.figures:
        rows = "".join(
            f'<tr><td>{html.escape(f.label)}</td><td class="value">{html.escape(f.value)}</td></tr>'
            for f in sorted(d.figures, key=lambda f: f.position)
        )
        parts.append(f'<table cellpadding="6">{rows}</table>')
    return "".join(parts)


def _where(d: ReviewDetail) -> tzinfo:
    try:
        return zone(d.display_zone)
    except ValueError:
        return zone("UTC")


def _timeline(d: ReviewDetail, extras: Extras) -> str:
    if not d.events:
        return '<p class="quiet">No events yet.</p>'
    where = _where(d)
    times = marked((e.at, e.mark) for e in d.events)
    found = [x for x in durations(times) if x.value is not None]
    parts = []
    if found:
        spans = "&nbsp;&nbsp;\u00b7&nbsp;&nbsp; ".join(
            f"{html.escape(x.label)}: <b>{html.escape(format_duration(x.value))}</b>" for x in found
        )
        parts.append(f'<p class="small">{spans}</p>')
    events = d.events[-max(1, extras.last_events) :]
    # The marks are the story (trigger, detected, mitigated...): an earlier marked event is
    # shown even when the room only has space for the newest ones.
    hidden = d.events[: len(d.events) - len(events)]
    key_moments = [e for e in hidden if e.mark]
    rows = [_event_row(e, where, extras) for e in key_moments]
    earlier = len(hidden) - len(key_moments)
    if earlier:
        rows.append(
            f'<tr><td></td><td class="quiet small">\u2026 {earlier} earlier '
            f"event{'s' if earlier != 1 else ''} not shown</td></tr>"
        )
    rows += [_event_row(e, where, extras) for e in events]
    parts.append(f'<table cellpadding="4">{"".join(rows)}</table>')
    return "".join(parts)


def _event_row(e: EventData, where: tzinfo, extras: Extras) -> str:
    mark = ""
    if e.mark:
        colour = MARK_COLORS.get(e.mark, "#37474f")
        mark = (
            f'<span style="background-color: {colour}; color: #ffffff; font-weight: bold;">'
            f"&nbsp;{html.escape(MARK_LABELS.get(e.mark, e.mark))}&nbsp;</span> "
        )
    text = extras.mark(e.text, f"event:{e.id}", "timeline")
    return f'<tr><td class="quiet">{e.at.astimezone(where):%H:%M}</td><td>{mark}{text}</td></tr>'


def _tree_items(tree: WhyTreeData, parent: int | None, mark: Marker) -> str:
    children = tree.children(parent)
    if not children:
        return ""
    items = []
    for node in children:
        status = ""
        if node.changeable is True:
            status = ' <span class="quiet small">\u2713&nbsp;can&nbsp;change</span>'
        elif node.changeable is False:
            status = ' <span class="quiet small">\u2717&nbsp;cannot&nbsp;change</span>'
        text = mark(node.text, f"why:{node.id}", "why")
        items.append(f"<li>{text}{status}{_tree_items(tree, node.id, mark)}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _whys(d: ReviewDetail, extras: Extras) -> str:
    if not d.trees:
        return '<p class="quiet">No 5 Whys tree yet.</p>'
    parts = []
    for tree in sorted(d.trees, key=lambda t: t.position):
        problem = extras.mark(tree.problem, f"tree:{tree.id}", "why") or "(no problem stated)"
        outline = _tree_items(tree, None, extras.mark)
        parts.append(f'<p class="heading">{problem}</p>{outline}')
    return "".join(parts)


def _factors(d: ReviewDetail, extras: Extras) -> str:
    if not d.factors:
        return '<p class="quiet">No contributing factors yet.</p>'
    # Numbered as the Swiss cheese diagram numbers its holes: F1, F2... in the list's order.
    ordered = sorted(d.factors, key=lambda f: f.position)
    number = {f.id: n for n, f in enumerate(ordered, 1)}
    layers = [(layer.id, layer.name) for layer in sorted(d.layers, key=lambda x: x.position)]
    known = {layer_id for layer_id, _ in layers}
    groups = [
        (name, [f for f in ordered if (f.layer_id if f.layer_id in known else None) == layer_id])
        for layer_id, name in [*layers, (None, "No layer yet")]
    ]
    if extras.diagram:  # the diagram names the layers: one list, in its numbering
        groups = [("", [f for _, factors in groups for f in factors])]
    parts = []
    for name, factors in groups:
        if not factors:
            continue
        items = []
        for f in factors:
            if f.action_ids:
                n = len(f.action_ids)
                actions = f"{n}&nbsp;action{'s' if n > 1 else ''}"
                state = f'<span class="quiet small">\u2713&nbsp;{actions}</span>'
            elif f.accepted_risk:
                state = '<span class="quiet small">accepted&nbsp;risk</span>'
            else:
                state = '<span class="warn small">\u25cb&nbsp;open</span>'
            text = extras.mark(f.text, f"factor:{f.id}", "factor")
            items.append(f"<tr><td><b>F{number[f.id]}</b></td><td>{text} {state}</td></tr>")
        heading = f'<p class="heading">{html.escape(name)}</p>' if name else ""
        parts.append(f'{heading}<table cellpadding="4">{"".join(items)}</table>')
    return "".join(parts)


def _actions(d: ReviewDetail, extras: Extras) -> str:
    items = sorted(d.actions, key=lambda a: a.position)
    if not items:
        return '<p class="quiet">No action items yet.</p>'
    rows = []
    for a in items:
        owner = html.escape(a.owner.name) if a.owner else '<span class="warn">no owner</span>'
        due = a.due.isoformat() if a.due else '<span class="warn">no date</span>'
        rows.append(
            f"<tr><td>{html.escape(a.what)}</td><td>{owner}</td><td>{due}</td>"
            f"<td>{STATUS_LABELS.get(a.status, a.status)}</td></tr>"
        )
    return _table(("What", "Owner", "Due", "Status"), rows)


def _lessons(d: ReviewDetail, extras: Extras) -> str:
    cells = []
    for kind in rules.LESSON_KINDS:
        lessons = sorted((x for x in d.lessons if x.kind == kind), key=lambda x: x.position)
        items = "".join(
            f"<li>{extras.mark(x.text, f'lesson:{x.id}', 'lesson')}</li>" for x in lessons
        )
        body = f"<ul>{items}</ul>" if items else '<p class="quiet">\u2014</p>'
        heading = f'<p class="heading">{rules.LESSON_LABELS[kind]}</p>'
        cells.append(f'<td width="33%" valign="top">{heading}{body}</td>')
    return f'<table width="100%" cellpadding="8"><tr>{"".join(cells)}</tr></table>'


def _signoff(d: ReviewDetail, extras: Extras) -> str:
    status = {
        "final": "Signed off: this record is final.",
        "in_review": "In review: waiting for signatures.",
        "draft": "Draft: not signed yet.",
    }.get(d.status, d.status)
    standing = {
        str(s.get("person")): s for s in extras.signoffs if s.get("voided_at") in (None, "")
    }
    approvers = d.people_in("approver")
    if not approvers:
        return f"<p><b>{status}</b></p><p class='quiet'>No approvers named yet.</p>"
    rows = []
    for person in approvers:
        signed = standing.get(person.handle or "") or standing.get(person.name)
        when = _iso_text(signed.get("signed_at")) if signed else ""
        mark = f"\u2713 signed {when}" if signed else '<span class="quiet">\u25cb not yet</span>'
        rows.append(f"<tr><td>{html.escape(person.name)}</td><td>{mark}</td></tr>")
    return f"<p><b>{status}</b></p>" + _table(("Approver", "Signature"), rows)


def _table(headers: Sequence[str], rows: Sequence[str]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(rows)
    return f'<table width="100%" cellpadding="8" cellspacing="0"><tr>{head}</tr>{body}</table>'


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "\u2014"


def _iso_text(value: object) -> str:
    text = str(value or "")
    return text.replace("T", " ").removesuffix("Z")[:16] + (" UTC" if text else "")


_BUILDERS: dict[str, Callable[[ReviewDetail, Extras], str]] = {
    "details": _details,
    "prior_actions": _prior,
    "ground_rules": _ground_rules,
    "summary": _summary,
    "timeline": _timeline,
    "whys": _whys,
    "factors": _factors,
    "actions": _actions,
    "lessons": _lessons,
    "signoff": _signoff,
}
