"""What the export dialog shows and suggests: its formats, file names and where a secret is."""

from __future__ import annotations

import re

from clearsight.review import rules

FORMATS = (  # (format, label, file suffix)
    ("md", "&Markdown: to read, diff and paste into a wiki", ".md"),
    ("pdf", "&PDF: to print, file and forward", ".pdf"),
    ("json", "&JSON: the machine form, for other tools", ".json"),
)
FILTERS = {"md": "Markdown (*.md)", "pdf": "PDF (*.pdf)", "json": "JSON (*.json)"}
SLUG_CHARS = 12  # the title's first words, enough to tell files apart: checkout-api


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def default_name(incident_id: str, title: str, fmt: str) -> str:
    """INC-2041-checkout-api.md: the incident id and the title's first words."""
    words: list[str] = []
    for word in slug(title).split("-"):
        if word and len("-".join(words)) < SLUG_CHARS:
            words.append(word)
    ident = re.sub(r"[^A-Za-z0-9-]+", "-", incident_id).strip("-")
    stem = "-".join(part for part in (ident, "-".join(words)) if part) or "review"
    return f"{stem}{dict((f, s) for f, _, s in FORMATS)[fmt]}"


def field_label(path: str) -> str:
    """Where a secret is, in the words of the agenda: "Timeline entry 4", "Action A2: ticket"."""
    numbers = [int(n) + 1 for n in re.findall(r"\[(\d+)\]", path)]
    parts = path.removeprefix("review.").split(".")
    head = parts[0].split("[")[0]
    last = parts[-1].split("[")[0]
    n = numbers[0] if numbers else 0
    if head in ("summary", "impact", "title", "incident_id"):
        return head.replace("_", " ").capitalize()
    if head == "timeline":
        return f"Timeline entry {n}"
    if head == "impact_figures":
        return f"Impact figure {n}: {last}"
    if head == "actions":
        return f"Action A{n}: {last}"
    if head == "factors":
        return f"Factor F{n}" + ("" if last == "text" else ": accepted risk")
    if head == "why_trees":
        return f"5 Whys tree {n}" + (f", level {len(numbers) - 1}" if len(numbers) > 1 else "")
    if head == "lessons" and len(parts) > 1:
        kind = parts[1].split("[")[0]
        return f"{rules.LESSON_LABELS.get(kind, kind)} {n}"
    return path
