"""The record's sections as platypus flowables, in the order of a postmortem (DOMAIN.md).

Everything the user typed goes through ``markup`` (tags print literally); every table wraps its
text in Paragraphs so a long line grows its row instead of running off the page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib.colors import HexColor, white
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clearsight.record.pdf_drawings import timeline_strip
from clearsight.record.pdf_factors import factor_numbers, factors_section, whys_section
from clearsight.record.pdf_flowables import PagedTable, Para, Rows
from clearsight.record.pdf_style import MUTED, STYLE, markup, table
from clearsight.review.rules import LESSON_KINDS, LESSON_LABELS, STATUS_LABELS, parse_instant
from clearsight.timeline.marks import (
    MARK_COLORS,
    MARK_LABELS,
    durations,
    format_duration,
    marked,
    problems,
)

SEVERITY_COLORS = {"SEV-1": "#b3261e", "SEV-2": "#c25e00", "SEV-3": "#8a6d00", "SEV-4": "#37474f"}
ROLE_LABELS = (
    ("facilitator", "Facilitator"),
    ("notetaker", "Notetaker"),
    ("approver", "Approvers"),
    ("attendee", "Attendees"),
)
ACTION_STATUS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}
DASH = "\u2014"
# Column widths are in points and add up to the A4 frame between the margins (493 pt).


def story(form: dict[str, Any], digest: str, width: float, height: float) -> list[Flowable]:
    review = form.get("review", {})
    people = People(review.get("people") or [])
    events = _events(review.get("timeline") or [])
    times = marked((at, mark) for at, mark, _ in events)
    out: list[Flowable] = []
    out += _title(review, times)
    out += _metadata(review, people)
    out += _text_section("Summary", review.get("summary"))
    out += _impact(review)
    out += _timeline(events, times, width)
    out += factors_section(review, width, height * 0.6)
    out += whys_section(review, factor_numbers(review))
    out += _actions(review, people)
    out += _lessons(review)
    out += _signoff(review, people, digest, width)
    return out


class People:
    """Who a reference in the form ("priya", or a name when there is no handle) is."""

    def __init__(self, people: list[dict[str, Any]]) -> None:
        self.people = people
        self.by_ref = {(p.get("handle") or p.get("name")): p for p in people}

    def label(self, ref: str | None) -> str:
        person = self.by_ref.get(ref) if ref else None
        if person is None:
            return ref or DASH
        handle = person.get("handle")
        return f"{person.get('name')} (@{handle})" if handle else str(person.get("name"))

    def in_role(self, role: str) -> list[str]:
        return [
            self.label(p.get("handle") or p.get("name"))
            for p in self.people
            if role in (p.get("roles") or [])
        ]


def _events(rows: list[dict[str, Any]]) -> list[tuple[datetime, str | None, str]]:
    out = []
    for row in rows:
        at = _instant(row.get("at"))
        if at is not None:
            out.append((at, row.get("mark"), row.get("text") or ""))
    return sorted(out, key=lambda e: e[0])


def _instant(text: str | None) -> datetime | None:
    try:
        return parse_instant(text or "")
    except ValueError:
        return None


def when(text: str | None) -> str:
    """An instant of the form as '2026-03-15 14:02 UTC' (seconds only when there are some)."""
    at = _instant(text)
    if at is None:
        return text or DASH
    return at.strftime("%Y-%m-%d %H:%M:%S UTC" if at.second else "%Y-%m-%d %H:%M UTC")


def heading(text: str) -> Para:
    return Para(markup(text), STYLE["h2"])


def _title(review: dict[str, Any], times: dict[str, datetime]) -> list[Flowable]:
    user_facing = next(d for d in durations(times) if d.key == "user_facing")
    severity = review.get("severity") or DASH
    status = STATUS_LABELS.get(review.get("status") or "", review.get("status") or DASH)
    cells = [
        Para(markup(severity), STYLE["badge"]),
        Para(f"Incident <b>{markup(review.get('incident_id') or DASH)}</b>", STYLE["band"]),
        Para(f"<b>{format_duration(user_facing.value)}</b> user-facing", STYLE["band"]),
        Para(f"Status <b>{markup(status)}</b>", STYLE["band"]),
    ]
    band = table([cells], [62, 150, 150, 131], header=False, grid=False)
    band.setStyle(
        [
            ("BACKGROUND", (0, 0), (0, 0), HexColor(SEVERITY_COLORS.get(severity, "#37474f"))),
            ("BACKGROUND", (1, 0), (-1, 0), HexColor("#f1f3f4")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )
    return [
        Para("POSTMORTEM REVIEW RECORD", STYLE["kicker"]),
        Para(markup(review.get("title") or "(untitled review)"), STYLE["title"]),
        band,
        Spacer(1, 8),
    ]


def _metadata(review: dict[str, Any], people: People) -> list[Flowable]:
    start, end = _instant(review.get("incident_start")), _instant(review.get("incident_end"))
    window = f"{when(review.get('incident_start'))} to {when(review.get('incident_end'))}"
    if start and end and end >= start:
        window += f" ({format_duration(end - start)})"
    rows = [
        ("Incident window", window),
        ("Review meeting", when(review.get("meeting_at"))),
        ("Display time zone", review.get("display_zone") or "UTC"),
    ]
    rows += [(label, ", ".join(people.in_role(role)) or DASH) for role, label in ROLE_LABELS]
    rows.append(("Record id", review.get("uid") or DASH))
    data = [[Para(k, STYLE["label"]), Para(markup(v), STYLE["cell"])] for k, v in rows]
    note = "All times in this record are UTC."
    return [table(data, [110, 383], header=False), Para(note, STYLE["note"])]


def _text_section(title: str, text: str | None) -> list[Flowable]:
    body = Para(markup(text), STYLE["body"]) if text else _none("Not written yet.")
    return [heading(title), body]


def _none(text: str) -> Para:
    return Para(text, STYLE["none"])


def _impact(review: dict[str, Any]) -> list[Flowable]:
    out = _text_section("Impact", review.get("impact"))
    figures = review.get("impact_figures") or []
    if figures:
        rows = [[Para("Measure", STYLE["th"]), Para("Value", STYLE["th"])]]
        rows += [
            [
                Para(markup(f.get("label")), STYLE["cell"]),
                Para(markup(f.get("value")), STYLE["cell_bold"]),
            ]
            for f in figures
        ]
        out += [Spacer(1, 4), table(rows, [190, 303])]
    return out


def _timeline(
    events: list[tuple[datetime, str | None, str]], times: dict[str, datetime], width: float
) -> list[Flowable]:
    out: list[Flowable] = [heading("Timeline")]
    rows: list[list[Any]] = [[Para(h, STYLE["th"]) for h in ("Measure", "Duration", "From", "To")]]
    for d in durations(times):
        rows.append(
            [d.label, format_duration(d.value), MARK_LABELS[d.start_mark], MARK_LABELS[d.end_mark]]
        )
    out += [KeepTogether([table(rows, [130, 80, 141, 142])])]
    for problem in problems(times):
        out.append(Para(markup(problem.message), STYLE["warning"]))
    strip = timeline_strip([(at, mark) for at, mark, _ in events], width)
    if strip is not None:
        caption = "Flags mark the key moments; the shaded span is the user impact (trigger to "
        caption += "mitigation, or resolution when nothing was mitigated)."
        out += [Spacer(1, 8), KeepTogether([strip, Para(caption, STYLE["note"])])]
    if not events:
        return [*out, _none("No events recorded.")]
    head = [Para(h, STYLE["th"]) for h in ("Time (UTC)", "Mark", "What happened")]
    stamps: list[str] = []
    marks: dict[int, list[tuple[Any, ...]]] = {}
    day = None
    for row, (at, mark, _) in enumerate(events):
        clock = at.strftime("%H:%M:%S" if at.second else "%H:%M")
        stamps.append(clock if at.date() == day else f"{at:%Y-%m-%d}\n{clock}")
        day = at.date()
        if mark:
            color = HexColor(MARK_COLORS.get(mark, "#37474f"))
            marks[row] = [
                ("BACKGROUND", (1, 0), (1, 0), color),
                ("TEXTCOLOR", (1, 0), (1, 0), white),
                ("FONTNAME", (1, 0), (1, 0), STYLE["cell_bold"].fontName),
            ]

    def cells(row: int) -> list[Any]:
        _, mark, text = events[row]
        label = MARK_LABELS.get(mark, mark).split(" /")[0] if mark else ""
        return [stamps[row], label, Para(markup(text), STYLE["cell"])]

    return [*out, Spacer(1, 6), PagedTable(head, Rows(len(events), cells, marks), [62, 74, 357])]


def _actions(review: dict[str, Any], people: People) -> list[Flowable]:
    out: list[Flowable] = [heading("Action items")]
    actions = review.get("actions") or []
    if not actions:
        return [*out, _none("No action items.")]
    numbers = factor_numbers(review)
    heads = ("#", "What", "Category", "Owner", "Due", "Ticket", "Status")
    head = [Para(h, STYLE["th"]) for h in heads]

    def cells(row: int) -> list[Any]:
        a = actions[row]
        what = markup(a.get("what"))
        closes = [f"F{numbers[k]}" for k in a.get("factors") or [] if k in numbers]
        extra = [f"Closes {', '.join(closes)}"] if closes else []
        for key, label in (
            ("verification", "Verified by"),
            ("status_reason", "Why"),
            ("evidence", "Evidence"),
        ):
            if a.get(key):
                extra.append(f"{label}: {markup(a.get(key))}")
        if extra:
            what += f'<br/><font size="7" color="{MUTED}">{"<br/>".join(extra)}</font>'
        status = ACTION_STATUS.get(a.get("status") or "", a.get("status") or DASH)
        return [
            f"A{row + 1}",
            Para(what, STYLE["cell"]),
            Para(markup((a.get("category") or DASH).capitalize()), STYLE["cell"]),
            Para(markup(people.label(a.get("owner"))), STYLE["cell"]),
            Para(markup(a.get("due") or DASH), STYLE["cell"]),
            Para(markup(a.get("ticket") or DASH), STYLE["cell"]),
            Para(markup(status), STYLE["cell_bold"]),
        ]

    return [*out, PagedTable(head, Rows(len(actions), cells), [22, 165, 56, 80, 58, 56, 56])]


def _lessons(review: dict[str, Any]) -> list[Flowable]:
    out: list[Flowable] = [heading("Lessons")]
    lessons = review.get("lessons") or {}
    for kind in LESSON_KINDS:
        items = lessons.get(kind) or []
        block: list[Flowable] = [Para(LESSON_LABELS[kind], STYLE["h3"])]
        block += [Para(markup(t), STYLE["bullet"], bulletText="\u2022") for t in items]
        out += block if items else [*block, _none("Nothing recorded.")]
    return out


def _signoff(review: dict[str, Any], people: People, digest: str, width: float) -> list[Flowable]:
    out: list[Flowable] = [heading("Sign-off")]
    signoffs = review.get("signoffs") or []
    if signoffs:
        heads = ("Person", "Role", "Signed at", "Signature", "Signed record")
        rows: list[list[Any]] = [[Para(h, STYLE["th"]) for h in heads]]
        for s in signoffs:
            signed = s.get("digest")
            covers = "This record" if signed == digest else DASH
            if signed and signed != digest:
                covers = f"Another version ({markup(signed[:16])}\u2026)"
            if s.get("voided_at"):
                covers += f"<br/>Voided {when(s.get('voided_at'))}: {markup(s.get('void_reason'))}"
            rows.append(
                [
                    Para(markup(people.label(s.get("person"))), STYLE["cell"]),
                    Para(markup((s.get("role") or DASH).capitalize()), STYLE["cell"]),
                    Para(when(s.get("signed_at")), STYLE["cell"]),
                    Para("Present" if s.get("signature") else "None", STYLE["cell"]),
                    Para(covers, STYLE["cell"]),
                ]
            )
        out.append(table(rows, [120, 62, 112, 58, 141]))
    else:
        waiting = people.in_role("approver")
        text = "No sign-off recorded yet."
        if waiting:
            text += f" Approvers named in the record: {markup(', '.join(waiting))}."
        out.append(_none(text))
    box = table(
        [
            [Para("Record digest (SHA-256 of the canonical content)", STYLE["label"])],
            [Para(digest, STYLE["digest"])],
            [
                Para(
                    "The digest covers every section above except the sign-offs themselves; a "
                    "sign-off is valid for this record when it signed this digest. The record's "
                    "machine form is embedded in this PDF as the file clearsight-record.json.",
                    STYLE["note"],
                )
            ],
        ],
        [width],
        header=False,
    )
    return [*out, Spacer(1, 8), KeepTogether([box])]
