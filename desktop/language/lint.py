"""``clearsight lint``: the detector over postmortem files, for CI and pre-commit hooks.

Reads plain text or Markdown (code blocks and inline code are skipped; headings such as
"Impact" or "Timeline" tell the detector which field a section is), prints one line per finding
and exits 0 when no blame-family finding was raised, 1 when any was, 2 on an error.
"""

from __future__ import annotations

import json
import re
import sys
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from clearsight.errors import UserError
from clearsight.language.detector import Detector
from clearsight.language.findings import Finding, is_blame
from clearsight.language.markdown import prepare, sections

EXIT_CLEAN, EXIT_BLAME, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json")
STDIN = "-"
_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Located:
    """A finding with its place in a file (line and column count from 1)."""

    file: str
    line: int
    col: int
    finding: Finding
    text: str


def lint_main(
    paths: list[str],
    names: list[str],
    fmt: str,
    include_vague: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    """Lint ``paths`` (``-`` is standard input; no path means standard input)."""
    if fmt not in FORMATS:
        err.write(f"clearsight lint: unknown format {fmt!r} (use {' or '.join(FORMATS)})\n")
        return EXIT_ERROR
    try:
        detector = Detector.default()
    except UserError as error:
        err.write(f"clearsight lint: {error}\n")
        return EXIT_ERROR
    clean_names = [n.strip() for n in names if n.strip()]
    status = EXIT_CLEAN
    for path in paths or [STDIN]:
        label = "<stdin>" if path == STDIN else path
        try:
            text = _read(path)
        except (OSError, UnicodeDecodeError) as error:
            err.write(f"clearsight lint: cannot read {label}: {_reason(error)}\n")
            status = EXIT_ERROR
            continue
        found = list(lint_text(detector, text, label, clean_names, include_vague))
        for located in found:
            out.write(_format(located, fmt) + "\n")
        if status == EXIT_CLEAN and is_blame(f.finding for f in found):
            status = EXIT_BLAME
    return status


def lint_text(
    detector: Detector,
    text: str,
    label: str,
    names: Sequence[str] = (),
    include_vague: bool = False,
) -> Iterator[Located]:
    """Findings in one document, section by section, with line and column."""
    prepared = prepare(text)
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    for section in sections(prepared):
        chunk = prepared[section.start : section.end]
        if not chunk.strip():
            continue
        for finding in detector.analyse(chunk, names, section.field, include_vague):
            start = section.start + finding.start
            line = bisect_right(line_starts, start)
            yield Located(
                file=label,
                line=line,
                col=start - line_starts[line - 1] + 1,
                finding=finding,
                text=text[start : section.start + finding.end],
            )


def _read(path: str) -> str:
    if path == STDIN:
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        return data.decode("utf-8-sig") if isinstance(data, bytes) else data
    file = Path(path)
    if file.is_dir():
        raise IsADirectoryError(f"{path} is a folder")
    return file.read_bytes().decode("utf-8-sig")


def _reason(error: BaseException) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text (byte {error.start})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _format(located: Located, fmt: str) -> str:
    f = located.finding
    if fmt == "json":
        return json.dumps(
            {
                "file": located.file,
                "line": located.line,
                "col": located.col,
                "rule": f.rule_id,
                "category": f.category,
                "severity": f.severity,
                "family": f.family,
                "why": f.why,
                "question": f.question,
                "text": located.text,
            },
            ensure_ascii=False,
        )
    return f"{located.file}:{located.line}:{located.col}: {f.rule_id}: {f.why}"
