"""``clearsight lint``: the detector over postmortem files, for CI and pre-commit hooks.

Reads plain text or Markdown (code blocks and inline code are skipped; headings such as
"Impact" or "Timeline" tell the detector which field a section is), prints one line per finding
and exits 0 when no blame-family finding was raised, 1 when any was, 2 on an error.
The team lexicon (language/team.py) is used as in the window; ``--explain`` adds, under each
sentence a rule or the scorer flagged, the rules that fired and the features that carried the
score, with their weights. A file is read and linted in pieces, so its size does not matter.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple, TextIO

from clearsight.errors import UserError
from clearsight.language.detector import Detector, SentenceReport
from clearsight.language.findings import Finding, is_blame
from clearsight.language.markdown import Carry, Section, prepare_piece, split
from clearsight.language.team import TeamLexicon, default_path

EXIT_CLEAN, EXIT_BLAME, EXIT_ERROR = 0, 1, 2
EXPLAINED_FEATURES = 6  # the strongest features printed per sentence by --explain
FORMATS = ("text", "json")
STDIN = "-"
# A file is read CHUNK bytes at a time and linted in pieces that end after a blank line, so
# memory stays bounded whatever its size: a piece costs some tens of times its size while the
# detector works on it (a 50 MB file peaks under 100 MB). A piece with no blank line is cut
# at a line end once it passes MOST_PIECE characters, a line longer than that at a space.
# The findings are those of the whole file but in a section longer than a piece: the rule
# "the impact has no figures" sees one piece of it, and a cut that is not at a blank line
# may split a wrapped sentence.
CHUNK = 1 << 19
MOST_PIECE = 1 << 20
MAX_NAMES = 1000  # people given to --names
_NEWLINE = re.compile("\n")


class Located(NamedTuple):
    """A finding with its place in a file (line and column count from 1); a NamedTuple, which
    is quicker to make than a frozen dataclass: a large file has one per finding."""

    file: str
    line: int
    col: int
    finding: Finding
    text: str


@dataclass(frozen=True)
class Piece:
    """Part of a document, prepared for the detector, and where it starts in the document."""

    text: str
    prepared: str
    sections: list[Section]
    line: int = 0  # lines before it
    col: int = 0  # characters before it on its first line (only when a long line was cut)


_START = Carry()  # what the first piece of a document inherits: nothing


def piece(text: str, line: int = 0, col: int = 0, carry: Carry = _START) -> tuple[Piece, Carry]:
    """``text`` (the document, or a part of it) prepared, and what the next part inherits."""
    prepared, after = prepare_piece(text, carry)
    found, field = split(prepared, carry.field)
    return Piece(text, prepared, found, line, col), Carry(False, after.fence, after.comment, field)


class _NotUtf8(ValueError):
    def __init__(self, byte: int) -> None:
        super().__init__(f"not UTF-8 text (byte {byte})")


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
        clean_names = checked_names(names)
    except ValueError as error:
        err.write(f"clearsight lint: --names: {error}\n")
        return EXIT_ERROR
    try:
        fresh = _detectors(lexicon)
    except UserError as error:
        err.write(f"clearsight lint: {error}\n")
        return EXIT_ERROR
    status = EXIT_CLEAN
    for path in paths or [STDIN]:
        label = "<stdin>" if path == STDIN else path
        # --explain prints a file's explanations after its findings: kept aside meanwhile,
        # in memory while small, then in a temporary file.
        with tempfile.SpooledTemporaryFile(
            max_size=CHUNK, mode="w+", encoding="utf-8", errors="surrogatepass"
        ) as explained:
            blame = False
            detector = fresh()
            try:
                for part in pieces(_blocks(path)):
                    found = list(_lint_piece(detector, part, label, clean_names, include_vague))
                    for located in found:
                        out.write(_format(located, fmt) + "\n")
                    blame = blame or is_blame(f.finding for f in found)
                    if explain:
                        for line in _explain_piece(detector, part, label, clean_names, fmt):
                            explained.write(line + "\n")
            except (OSError, ValueError) as error:  # unreadable, or not UTF-8
                err.write(f"clearsight lint: cannot read {label}: {_reason(error)}\n")
                status = EXIT_ERROR
            explained.seek(0)
            for line in explained:
                out.write(line)
        if status == EXIT_CLEAN and blame:
            status = EXIT_BLAME
    return status


def checked_names(names: Iterable[str]) -> list[str]:
    """The people given to --names, blanks dropped; ValueError names one that cannot be a
    name (too long, a NUL) or says there are too many."""
    clean = [n.strip() for n in names if n.strip()]
    if len(clean) > MAX_NAMES:
        raise ValueError(f"{len(clean):,} names; the most is {MAX_NAMES:,}")
    if not clean:
        return clean
    # Imported only for names: the limits module brings the time zones and the review rules
    # with it, a start-up cost a lint without --names does without.
    from clearsight.record.limits import check_name, shown

    for n, name in enumerate(clean, 1):
        try:
            check_name(name)
        except ValueError as error:
            raise ValueError(f"name {n} ({shown(name)}): {error}") from None
    return clean


def _detectors(lexicon: str | None) -> Callable[[], Detector]:
    """A maker of detectors: one per file.

    A detector keeps the scorer's verdict and the findings of the sentences it has seen, up to
    about a piece's worth of text (detector.MEMO_CHARS): a sentence repeated in a file is
    checked once. Building one compiles nothing.
    """
    detector = Detector.default()
    if lexicon is not None:
        path = Path(lexicon)
        if not path.is_file():
            raise UserError(f"no lexicon file {lexicon}")
        team = TeamLexicon.load(path)
    else:
        team = TeamLexicon.load(default_path())  # none there: an empty lexicon
    if team.empty:
        return lambda: detector.with_learned(detector.learned)
    return lambda: detector.with_team(team)


# ---- reading in pieces ----------------------------------------------------------------------
def _blocks(path: str) -> Iterator[str]:
    """The text of ``path`` (or standard input), CHUNK characters or so at a time."""
    if path == STDIN:
        binary: BinaryIO | None = getattr(sys.stdin, "buffer", None)
        if binary is None:
            while block := sys.stdin.read(CHUNK):
                yield block
            return
        yield from _decoded(binary)
        return
    file = Path(path)
    if file.is_dir():
        raise IsADirectoryError(f"{path} is a folder")
    with file.open("rb") as binary:
        yield from _decoded(binary)


def _decoded(binary: BinaryIO) -> Iterator[str]:
    """UTF-8 (a byte-order mark dropped); _NotUtf8 names the byte offset of a bad byte."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    consumed = 0
    first = True
    while True:
        data = binary.read(CHUNK)
        if first and data.startswith(codecs.BOM_UTF8):
            data, consumed = data[3:], 3
        first = False
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise _NotUtf8(consumed - pending + error.start) from None
        consumed += len(data)
        if text:
            yield text
        if not data:
            return


def pieces(blocks: Iterable[str]) -> Iterator[Piece]:
    """The document in pieces that each end after a blank line (so no paragraph, sentence or
    soft wrap spans two), with their places and what each inherits from the one before."""
    buffer = ""
    line = col = 0
    carry = Carry()
    for block in blocks:
        buffer += block
        while len(buffer) >= CHUNK:
            cut = _after_blank_line(buffer)
            if cut <= 0:
                if len(buffer) < MOST_PIECE:
                    break  # read on to the next blank line
                cut = buffer.rfind("\n") + 1 or _at_space(buffer)
            part, carry = piece(buffer[:cut], line, col, carry)
            yield part
            line, col = _next_place(part)
            buffer = buffer[cut:]
    if buffer:
        yield piece(buffer, line, col, carry)[0]


def _after_blank_line(text: str) -> int:
    """The offset just after the last blank (or white-space-only) line of ``text``, or -1."""
    end = len(text)
    while (newline := text.rfind("\n", 0, end)) > 0:
        before = text.rfind("\n", 0, newline)
        if before == -1:
            return -1
        if not text[before + 1 : newline].strip(" \t\r"):
            return newline + 1
        end = newline
    return -1


def _at_space(text: str) -> int:
    space = text.rfind(" ", len(text) // 2)
    return space + 1 if space != -1 else len(text)


def _next_place(part: Piece) -> tuple[int, int]:
    """The line and column where the piece after ``part`` starts."""
    text = part.text
    breaks = text.count("\n")
    col = len(text) - text.rfind("\n") - 1 if breaks else part.col + len(text)
    return part.line + breaks, col


# ---- linting a piece ------------------------------------------------------------------------


def _explain_piece(
    detector: Detector, part: Piece, label: str, names: Sequence[str], fmt: str
) -> Iterator[str]:
    where = _Where(part)
    for section, chunk in _chunks(part):
        for report in detector.explain(chunk, names, section.field):
            scored = report.scored
            if not report.rule_ids and (scored is None or scored.logit < report.threshold):
                continue
            start = section.start + report.start
            line, col = where(start)
            place = f"{label}:{line}:{col}"
            sentence = part.text[start : section.start + report.end]
            yield _explained(place, sentence, report, fmt)


def _chunks(part: Piece) -> Iterator[tuple[Section, str]]:
    """The piece's sections that hold any text, each with its text (markup blanked)."""
    for section in part.sections:
        chunk = part.prepared[section.start : section.end]
        if chunk.strip():
            yield section, chunk


class _Where:
    """Line and column (from 1) of an offset in a piece, counted in the whole document."""

    def __init__(self, part: Piece) -> None:
        self._starts = [0, *(m.end() for m in _NEWLINE.finditer(part.text))]
        self._line, self._col = part.line, part.col

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        col = offset - self._starts[line - 1] + 1 + (self._col if line == 1 else 0)
        return self._line + line, col


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


def _lint_piece(
    detector: Detector,
    part: Piece,
    label: str,
    names: Sequence[str],
    include_vague: bool,
) -> Iterator[Located]:
    where = _Where(part)
    for section, chunk in _chunks(part):
        for finding in detector.analyse(chunk, names, section.field, include_vague):
            start = section.start + finding.start
            line, col = where(start)
            yield Located(
                file=label,
                line=line,
                col=col,
                finding=finding,
                text=part.text[start : section.start + finding.end],
            )


def _reason(error: BaseException) -> str:
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
