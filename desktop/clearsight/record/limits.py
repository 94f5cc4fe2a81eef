"""The limits on everything Clearsight reads from outside, and the checks every reader shares.

A file, a pipe or a pasted export may be broken or hostile: nested a thousand levels deep,
larger than memory, holding NUL characters or lone surrogates that no database stores, times
that overflow once their offset is applied, a zone that names a path. Every reader (the
machine form, the record a Markdown or PDF export carries, Slack, chat logs, CSV, ``lint``)
goes through these, so each such input ends as an ``InputError`` naming the file, the line or
JSON path and the field: never a traceback, never a hang.
"""

from __future__ import annotations

import json
import re
import reprlib
from datetime import datetime
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from clearsight.errors import InputError
from clearsight.review import rules
from clearsight.timeline.zones import zone

MB = 1024 * 1024
# The largest file (or standard input) a reader takes whole: a multi-day incident's review is
# about 2 MB and a busy channel's day a few MB, so this leaves a wide margin and still bounds
# memory. `lint` streams instead and has no such limit.
MAX_FILE_BYTES = 64 * MB
# JSON nesting: a review's deepest path (a why chain) is about a dozen levels; Python's json
# module recurses once per level and fails near a thousand.
MAX_DEPTH = 64
# A Text column (summary, an event, a why) has no length in the database; one value longer
# than this is a whole file pasted into one field.
MAX_TEXT = 1_000_000
# Problems listed in one message; the rest are counted.
MAX_LISTED = 100
# A name given to `lint --names` (the length of person.name).
MAX_NAME = 200
# The String(N) columns of db/models.py ("table.column"), checked on the way in so that
# PostgreSQL never has to refuse a value with a message about `character varying(100)`.
# tests/unit/test_readers_fuzz.py checks that these agree with the models.
COLUMN_LENGTHS = {
    "review.uid": 32,
    "review.title": 300,
    "review.incident_id": 100,
    "review.display_zone": 64,
    "impact_figure.label": 200,
    "impact_figure.value": 200,
    "person.name": 200,
    "person.handle": 100,
    "person.email": 320,
    "defense_layer.name": 200,
    "action_item.ticket": 500,
    "sign_off.role": 100,
    "sign_off.digest": 64,
    "dismissed_flag.field": 100,
    "dismissed_flag.rule_id": 100,
    "dismissed_flag.reason": 20,
    "change.entity": 50,
    "change.field": 50,
    "timeline_event.source_key": 200,
}

_SHOWN = reprlib.Repr()
_SHOWN.maxstring = 60
_SHOWN.maxother = 60
_SHOWN.maxlong = 40
_SHOWN.maxlevel = 2
_SHOWN.maxlist = _SHOWN.maxdict = _SHOWN.maxtuple = 4


def shown(value: Any) -> str:
    """``value`` as a message may show it: short, and escaped (no raw surrogate or NUL)."""
    return _SHOWN.repr(value)


def listed(problems: list[str]) -> list[str]:
    """At most MAX_LISTED problems, and how many more there were."""
    if len(problems) <= MAX_LISTED:
        return problems
    return [*problems[:MAX_LISTED], f"... and {len(problems) - MAX_LISTED:,} more"]


# ---- files ------------------------------------------------------------------------------
def read_file(path: Path, most: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``; InputError when it cannot be read or is larger than ``most``."""
    try:
        with path.open("rb") as file:
            raw = file.read(most + 1)
    except OSError as err:
        raise InputError(str(path), [f"cannot read the file: {err.strerror or err}"]) from None
    if len(raw) > most:
        raise InputError(str(path), [_too_large(most)])
    return raw


def read_stream(stream: TextIO, source: str, most: int = MAX_FILE_BYTES) -> str:
    """A text stream (standard input) read whole as UTF-8, at most ``most`` bytes."""
    binary: BinaryIO | None = getattr(stream, "buffer", None)
    if binary is None:
        text = stream.read(most + 1)
        if len(text) > most:
            raise InputError(source, [_too_large(most)])
        return text
    raw = binary.read(most + 1)
    if len(raw) > most:
        raise InputError(source, [_too_large(most)])
    return decode(raw, source)


def _too_large(most: int) -> str:
    return f"larger than {most // MB} MB, the most Clearsight reads in one file"


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); InputError names the line of a bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise InputError(
            source,
            [
                f"line {line}: not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                "save the file as UTF-8 and try again"
            ],
        ) from None


# ---- JSON -------------------------------------------------------------------------------
# A JSON string (skipped whole, escapes included) or one bracket. Possessive, so a long string
# is one step and an unclosed one cannot make the scan backtrack.
_JSON_TOKEN = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[\[\]{}]')
_JSON_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_value(text: str, most_depth: int = MAX_DEPTH) -> Any:
    """The JSON document ``text``; ValueError with the line (and column) of what is wrong.

    The nesting is measured before parsing, without recursion, so a document a thousand
    levels deep is refused instead of exhausting the stack. NaN and Infinity, which JSON does
    not have, are refused; so is a number of more than 4,300 digits (Python's own limit).
    """
    deep = _too_deep(text, most_depth)
    if deep is not None:
        line, col = _line_col(text, deep)
        raise ValueError(f"line {line}, column {col}: nested deeper than {most_depth} levels")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise ValueError(f"line {err.lineno}, column {err.colno}: {err.msg}") from None
    except RecursionError:  # the scan above makes this unreachable; a last guard
        raise ValueError(f"nested deeper than {most_depth} levels") from None
    except ValueError as err:  # NaN, Infinity, an integer too long to convert
        raise ValueError(f"not valid JSON: {err}") from None


def load_json(text: str, source: str) -> Any:
    """``json_value`` for a whole file: InputError names ``source`` and the line."""
    try:
        return json_value(text)
    except ValueError as err:
        raise InputError(source, [str(err)]) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _too_deep(text: str, most: int) -> int | None:
    """The offset of the first bracket nested deeper than ``most``, or None."""
    if text.count("[") + text.count("{") <= most:
        return None
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if not brackets or max(accumulate(map(_STEP.__getitem__, brackets))) <= most:
        return None
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        step = _STEP.get(m.group())
        if step is None:
            continue
        depth += step
        if depth > most:
            return m.start()
    return None  # not reached: the quick count found the same brackets


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


# ---- values -----------------------------------------------------------------------------
_NUL = "\x00"


def check_text(value: str, most: int = MAX_TEXT) -> str:
    """``value`` unchanged; ValueError when it is longer than ``most`` characters or holds a
    NUL or a lone surrogate (neither can be stored: PostgreSQL refuses NUL, and a surrogate
    has no UTF-8 form)."""
    if len(value) > most:
        raise ValueError(f"{len(value):,} characters; the most is {most:,}")
    if _NUL in value:
        raise ValueError(f"holds a NUL character (character {value.index(_NUL) + 1})")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            raise ValueError(
                f"holds a lone surrogate U+{ord(value[err.start]):04X} "
                f"(character {err.start + 1}), which is not Unicode text"
            ) from None
    return value


def check_column(value: str, column: str) -> str:
    """``check_text`` with the length of the database column ``column`` ("person.name")."""
    return check_text(value, COLUMN_LENGTHS[column])


def check_instant(value: datetime) -> datetime:
    """An instant within the years Clearsight keeps (see ``rules.EARLIEST``); ValueError."""
    return rules.check_instant(value)


def known_zone(name: str) -> str:
    """The canonical name of a known time zone ("UTC", "Europe/Berlin"); ValueError."""
    check_column(name, "review.display_zone")
    return str(zone(name))


def check_version(value: Any, expected: int) -> int:
    """The format version: exactly the integer ``expected`` (not ``true``, not ``1.0``)."""
    if type(value) is not int or value != expected:
        raise ValueError(
            f"this Clearsight reads version {expected}, the file is version {shown(value)}"
        )
    return value


def check_name(name: str, most: int = MAX_NAME) -> str:
    """A person's name given on the command line (``lint --names``): bounded, plain text."""
    return check_text(name, most)
