"""Literal text in GitHub-flavoured Markdown: what a user typed never changes the structure.

CommonMark lets a backslash escape any ASCII punctuation, so the characters that start markup
are escaped everywhere, and the ones that only matter at the start of a line (#, -, +, =, >,
"1.") are escaped there. Raw HTML such as <script> becomes text.
"""

from __future__ import annotations

import re

_ALWAYS = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def inline(text: str) -> str:
    """One line of literal text (newlines become spaces)."""
    return _ALWAYS.sub(r"\\\1", " ".join(text.split()))


def block(text: str) -> str:
    """Literal paragraphs: line breaks kept, blank lines kept, indentation dropped."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _ALWAYS.sub(r"\\\1", " ".join(raw.split()))
        line = _LINE_START.sub(_escape_start, line)
        lines.append(line)
    # A single newline inside a paragraph is a hard break (two trailing spaces would be
    # invisible and fragile, so a backslash at the end of the line).
    out, para = [], []
    for line in lines + [""]:
        if line:
            para.append(line)
        elif para:
            out.append("\\\n".join(para))
            para = []
    return "\n\n".join(out)


def _escape_start(m: re.Match[str]) -> str:
    mark = m.group(2)
    if mark[0].isdigit():  # "1." starts a list: escape the dot, not the digit
        return f"{m.group(1)}{mark[:-1]}\\{mark[-1]}"
    return f"{m.group(1)}\\{mark}"


def cell(text: str) -> str:
    """A table cell: pipes escaped, line breaks as <br>, never empty."""
    parts = [_ALWAYS.sub(r"\\\1", " ".join(p.split())) for p in text.splitlines()]
    joined = "<br>".join(p for p in parts if p)
    return joined or " "


def table(head: list[str], rows: list[list[str]]) -> str:
    """A GFM table; ``head`` and ``rows`` are already escaped."""
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
