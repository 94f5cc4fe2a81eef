"""``clearsight lint``: the detector over postmortem files, for CI and pre-commit hooks.

Reads plain text or Markdown (code blocks and inline code are skipped; headings such as
"Impact" or "Timeline" tell the detector which field a section is), prints one line per finding
and exits 0 when no blame-family finding was raised, 1 when any was, 2 on an error.
The team lexicon (language/team.py) is used as in the window; ``--explain`` adds, under each
sentence a rule or the scorer flagged, the rules that fired and the features that carried the
score, with their weights.
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
from clearsight.language.detector import Detector, SentenceReport
from clearsight.language.findings import Finding, is_blame
from clearsight.language.markdown import Section, prepare, sections
from clearsight.language.team import TeamLexicon, default_path

EXIT_CLEAN, EXIT_BLAME, EXIT_ERROR = 0, 1, 2
EXPLAINED_FEATURES = 6  # the strongest features printed per sentence by --explain
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
    lexicon: str | None = None,
    explain: bool = False,
) -> int:
    """Lint ``paths`` (``-`` is standard input; no path means standard input).

    ``lexicon`` names a team lexicon file, which must exist; without it the one in use by the
    window ($CLEARSIGHT_LEXICON or the data folder's) is read when there is one."""
    if fmt not in FORMATS:
        err.write(f"clearsight lint: unknown format {fmt!r} (use {' or '.join(FORMATS)})\n")
        return EXIT_ERROR
    try:
        detector = _detector(lexicon)
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
        if explain:
            for line in explain_text(detector, text, label, clean_names, fmt):
                out.write(line + "\n")
        if status == EXIT_CLEAN and is_blame(f.finding for f in found):
            status = EXIT_BLAME
    return status


def _detector(lexicon: str | None) -> Detector:
    detector = Detector.default()
    if lexicon is not None:
        path = Path(lexicon)
        if not path.is_file():
            raise UserError(f"no lexicon file {lexicon}")
        team = TeamLexicon.load(path)
    else:
        team = TeamLexicon.load(default_path())  # none there: an empty lexicon
    return detector if team.empty else detector.with_team(team)


def explain_text(
    detector: Detector, text: str, label: str, names: Sequence[str], fmt: str
) -> Iterator[str]:
    """Per sentence that a rule or the scorer flagged: its verdict and what earned it."""
    where = _Where(text)
    for section, chunk in _chunks(text):
        for report in detector.explain(chunk, names, section.field):
            scored = report.scored
            if not report.rule_ids and (scored is None or scored.logit < report.threshold):
                continue
            start = section.start + report.start
            line, col = where(start)
            place = f"{label}:{line}:{col}"
            yield _explained(place, text[start : section.start + report.end], report, fmt)


def _chunks(text: str) -> Iterator[tuple[Section, str]]:
    """The document's sections that hold any text, each with its text (markup blanked)."""
    prepared = prepare(text)
    for section in sections(prepared):
        chunk = prepared[section.start : section.end]
        if chunk.strip():
            yield section, chunk


class _Where:
    """Line and column (from 1) of an offset in a document."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _explained(place: str, sentence: str, report: SentenceReport, fmt: str) -> str:
    scored = report.scored
    score = scored.logit if scored is not None else None
    features = scored.features[:EXPLAINED_FEATURES] if scored is not None else ()
    blame = score is None or score >= report.threshold
    if fmt == "json":
        return json.dumps(
            {
                "explain": place,
                "sentence": sentence.strip(),
                "rules": list(report.rule_ids),
                "score": None if score is None else round(score, 3),
                "threshold": report.threshold,
                "blame": blame,
                "features": [[name, round(w, 3)] for name, w in features],
            },
            ensure_ascii=False,
        )
    verdict = "blame" if blame else "not blame (the scorer overrules the rules)"
    head = f"{place}: explain: {verdict}"
    if score is not None:
        head += f"; score {score:+.2f}, threshold {report.threshold:+.2f}"
    lines = [head, f"    sentence: {' '.join(sentence.split())}"]
    if report.rule_ids:
        lines.append(f"    rules: {', '.join(report.rule_ids)}")
    if features:
        lines.append("    features: " + ", ".join(f"{name} {w:+.2f}" for name, w in features))
    return "\n".join(lines)


def lint_text(
    detector: Detector,
    text: str,
    label: str,
    names: Sequence[str] = (),
    include_vague: bool = False,
) -> Iterator[Located]:
    """Findings in one document, section by section, with line and column."""
    where = _Where(text)
    for section, chunk in _chunks(text):
        for finding in detector.analyse(chunk, names, section.field, include_vague):
            start = section.start + finding.start
            line, col = where(start)
            yield Located(
                file=label,
                line=line,
                col=col,
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
