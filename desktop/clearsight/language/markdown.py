"""Preparing a plain-text or Markdown postmortem for the detector, offsets kept.

Every step replaces characters one for one, so a finding's offsets in the prepared text are
offsets in the file: code is blanked, soft line breaks inside a paragraph become spaces, and
the headings split the document into sections whose field ("Impact", "Timeline"...) tells the
detector which checks apply.

A long document is prepared in pieces (``lint`` streams it): a piece starts where the one
before ended, and ``Carry`` is what it inherits: the field of the section it is in, and a code
block or comment still open. Pieces cut at a blank line give exactly what the whole does.
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


@dataclass(frozen=True)
class Carry:
    """What a piece of a document inherits from the pieces before it."""

    first: bool = True  # the piece opens the document: front matter may start it
    fence: str = ""  # the marker (```, ~~~~) of a code block still open, else ""
    comment: bool = False  # inside an HTML comment
    field: str | None = None  # the field of the section the piece starts in


def prepare(text: str) -> str:
    """The text with code, comments, link targets and front matter masked, soft wraps joined."""
    return prepare_piece(text, Carry())[0]


def prepare_piece(text: str, carry: Carry) -> tuple[str, Carry]:
    """``prepare`` for a piece of a document, and what the next piece inherits (its field
    still to be found by ``sections``)."""
    if carry.first:
        text = _blank(text, _FRONT_MATTER, "---")
    text, fence = _blank_fenced_code(text, carry.fence)
    text, comment = _blank_html_comments(text, carry.comment)
    if "`" in text:
        # Inline code keeps its shape (an identifier is evidence of a specific mechanism) but
        # loses its words: `careless-cleanup.sh` becomes `xxxxxxxx-xxxxxxx.xx`.
        text = _INLINE_CODE.sub(lambda m: _WORD_CHAR.sub("x", m.group()), text)
    text = _blank(text, _LINK_TARGET, "](")
    return _join_soft_wraps(text), Carry(False, fence, comment, carry.field)


def sections(text: str, field: str | None = None) -> list[Section]:
    """The document cut at its headings, each part with the field its heading names
    (``field``: the one in force where ``text`` starts)."""
    return split(text, field)[0]


def split(text: str, field: str | None = None) -> tuple[list[Section], str | None]:
    """``sections``, and the field in force where ``text`` ends."""
    out: list[Section] = []
    start = 0
    for m in _HEADING.finditer(text):
        if m.start() > start:
            out.append(Section(start, m.start(), field))
        field = field_for_heading(m.group(2))
        out.append(Section(m.start(), m.end(), None))  # the heading itself is no field's text
        start = m.end()
    if start < len(text):
        out.append(Section(start, len(text), field))
    return out, field


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


def _blank_html_comments(text: str, open_: bool = False) -> tuple[str, bool]:
    """Blank <!-- ... --> (an unclosed comment runs to the end, as in HTML); ``open_``: the
    text starts inside a comment. Returns the text and whether a comment is still open."""
    parts: list[str] = []
    pos = 0
    start, after = (0, 0) if open_ else (text.find("<!--"), 4)
    while start != -1:
        close = text.find("-->", start + after)
        end = len(text) if close == -1 else close + 3
        parts += [text[pos:start], _spaces(text[start:end])]
        pos = end
        if close == -1:
            return "".join(parts), True
        start, after = text.find("<!--", pos), 4
    if not parts:
        return text, False
    parts.append(text[pos:])
    return "".join(parts), False


def _blank_fenced_code(text: str, open_marker: str = "") -> tuple[str, str]:
    """Blank fenced code blocks; ``open_marker``: the text starts inside one opened with it.
    Returns the text and the marker of a block still open at its end ("" when none)."""
    if not open_marker and "```" not in text and "~~~" not in text:
        return text, ""
    parts: list[str] = []
    pos = 0
    fences = iter(_FENCE.finditer(text))

    def closing_of(marker: str) -> re.Match[str] | None:
        return next(
            (f for f in fences if f.group(1)[0] == marker[0] and len(f.group(1)) >= len(marker)),
            None,
        )

    if open_marker:
        closing = closing_of(open_marker)
        if closing is None:
            return _spaces(text), open_marker
        parts.append(_spaces(text[: closing.end()]))
        pos = closing.end()
    for opening in fences:
        marker = opening.group(1)
        closing = closing_of(marker)
        end = closing.end() if closing else len(text)
        parts += [text[pos : opening.start()], _spaces(text[opening.start() : end])]
        pos = end
        if closing is None:
            return "".join(parts), marker
    parts.append(text[pos:])
    return "".join(parts), ""


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
