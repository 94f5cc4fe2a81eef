"""Preparing a plain-text or Markdown postmortem for the detector, offsets kept.

Every step replaces characters one for one, so a finding's offsets in the prepared text are
offsets in the file: code is blanked, soft line breaks inside a paragraph become spaces, and
the headings split the document into sections whose field ("Impact", "Timeline"...) tells the
detector which checks apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_INLINE_CODE = re.compile(r"(?<!`)(`{1,3})(?!`)[^`\n]{1,500}?\1(?!`)")
_WORD_CHAR = re.compile(r"\w")
_LINK_TARGET = re.compile(r"\]\([^()\s\]]{0,500}\)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+([^\n]*)$", re.MULTILINE)
# A line that starts a block of its own: blank, list item, heading, table row, quote, fence,
# timestamp. Any other line right after a line of prose continues its paragraph.
_BLOCK_START = re.compile(
    r"[ \t]*(?:\n|$|[-*+>#|]|\d+[.)][ \t]|\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|`{3}|~{3}|\[\d)"
)
_NOT_PROSE = re.compile(r"[ \t]*(?:#|\||`{3}|~{3})")
_LINE_BREAK = re.compile(r"\n(?=[ \t]*\S)")  # a line break before a line that is not blank
_ENDS_LINE = frozenset(".!?:;\u2026\"')]*_")  # a line ending in one of these is not wrapped

# Heading words -> record field (the first that matches wins).
_SECTION_FIELDS = (
    (re.compile(r"summary|overview|tl;?dr", re.IGNORECASE), "summary"),
    (re.compile(r"impact", re.IGNORECASE), "impact"),
    (re.compile(r"timeline|chronology|sequence of events", re.IGNORECASE), "timeline"),
    (re.compile(r"\bwhys?\b|5 whys|five whys", re.IGNORECASE), "why"),
    (re.compile(r"factor|cause|trigger", re.IGNORECASE), "factor"),
    (
        re.compile(
            r"action|follow[- ]?ups?|remediation|corrective|preventi|next steps", re.IGNORECASE
        ),
        "action",
    ),
    (re.compile(r"verif", re.IGNORECASE), "verification"),
    (re.compile(r"lesson|went well|went wrong|went poorly|lucky", re.IGNORECASE), "lesson"),
)


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    field: str | None


def prepare(text: str) -> str:
    """The text with code, comments, link targets and front matter masked, soft wraps joined."""
    text = _blank(text, _FRONT_MATTER, "---")
    text = _blank_fenced_code(text)
    text = _blank_html_comments(text)
    if "`" in text:
        # Inline code keeps its shape (an identifier is evidence of a specific mechanism) but
        # loses its words: `careless-cleanup.sh` becomes `xxxxxxxx-xxxxxxx.xx`.
        text = _INLINE_CODE.sub(lambda m: _WORD_CHAR.sub("x", m.group()), text)
    text = _blank(text, _LINK_TARGET, "](")
    return _join_soft_wraps(text)


def sections(text: str) -> list[Section]:
    """The document cut at its headings, each part with the field its heading names."""
    out: list[Section] = []
    start, field = 0, None
    for m in _HEADING.finditer(text):
        if m.start() > start:
            out.append(Section(start, m.start(), field))
        field = field_for_heading(m.group(2))
        out.append(Section(m.start(), m.end(), None))  # the heading itself is no field's text
        start = m.end()
    if start < len(text):
        out.append(Section(start, len(text), field))
    return out


def field_for_heading(heading: str) -> str | None:
    for pattern, field in _SECTION_FIELDS:
        if pattern.search(heading):
            return field
    return None


def _blank(text: str, pattern: re.Pattern[str], marker: str) -> str:
    if marker not in text:
        return text
    return pattern.sub(lambda m: _spaces(m.group()), text)


def _spaces(chunk: str) -> str:
    """Blank a chunk but keep its line breaks, so line numbers stay right."""
    return "".join("\n" if c == "\n" else " " for c in chunk)


def _blank_html_comments(text: str) -> str:
    """Blank <!-- ... --> (an unclosed comment runs to the end, as in HTML)."""
    parts: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) != -1:
        close = text.find("-->", start + 4)
        end = len(text) if close == -1 else close + 3
        parts += [text[pos:start], _spaces(text[start:end])]
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _blank_fenced_code(text: str) -> str:
    if "```" not in text and "~~~" not in text:
        return text
    parts: list[str] = []
    pos = 0
    fences = iter(_FENCE.finditer(text))
    for opening in fences:
        marker = opening.group(1)
        closing = next(
            (f for f in fences if f.group(1)[0] == marker[0] and len(f.group(1)) >= len(marker)),
            None,
        )
        end = closing.end() if closing else len(text)
        parts += [text[pos : opening.start()], _spaces(text[opening.start() : end])]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _join_soft_wraps(text: str) -> str:
    """Turn the line break inside a wrapped paragraph into a space (same length)."""
    chars: list[str] | None = None
    for m in _LINE_BREAK.finditer(text):
        newline = m.start()
        line_start = text.rfind("\n", 0, newline) + 1
        last = text[line_start:newline].rstrip()[-1:]
        if not last or last in _ENDS_LINE:
            continue
        if _NOT_PROSE.match(text, line_start) or _BLOCK_START.match(text, newline + 1):
            continue
        if chars is None:
            chars = list(text)
        chars[newline] = " "
    return text if chars is None else "".join(chars)
