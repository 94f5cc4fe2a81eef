"""Building the regexes of the lexicon: word-list tries and macro expansion.

Python's ``re`` tries an alternation branch by branch at every position, so a list of 60 role
words written ``a|b|c`` costs 60 tests per position; the same list as a character trie
(``a(?:dmins?|nalysts?)|c(?:o...)``) costs about one. The detector's speed depends on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
MACRO_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
# A word-list entry: lower case, a space, hyphen or apostrophe, and an optional "(s)" plural.
WORD_ENTRY = re.compile(r"[a-z0-9 '.&/-]+(?:\((?:s|es)\))?")
# In a word-list entry: a space is any white space, a hyphen is a hyphen, a space or nothing
# ("on-call" also matches "oncall" and "on call"), an apostrophe is ' or ’.
WORD_TOKENS = {" ": r"\s+", "-": r"[\s-]?", "'": "['’]"}
_ESCAPES = re.compile(r"\\u[0-9a-fA-F]{4}|\\.|\(\?P[<=]")


def trie(words: Iterable[str], tokens: Mapping[str, str] | None = None) -> str:
    """A regex alternation matching exactly ``words``, shaped as a character trie.

    With ``tokens`` (for word lists) some characters stand for regex fragments and a final
    "(s)" or "(es)" makes a plural optional; without, every character is literal.
    """
    root: dict[str, Any] = {}
    for word in words:
        forms = [word]
        if tokens is not None:
            stem, _, suffix = word.partition("(")
            forms = [stem, stem + suffix.rstrip(")")] if suffix else [stem]
        for form in forms:
            node = root
            for ch in form:
                key = tokens.get(ch, re.escape(ch)) if tokens is not None else re.escape(ch)
                node = node.setdefault(key, {})
            node[""] = {}
    return _emit(root)


def _emit(node: dict[str, Any]) -> str:
    branches = [key + _emit(child) for key, child in sorted(node.items()) if key]
    if not branches:
        return ""
    optional = "" in node
    if len(branches) == 1 and not optional:
        return branches[0]
    if len(branches) == 1 and len(node) == 2 and not node[next(k for k in node if k)]:
        return branches[0] + "?"  # one optional character: "s?" rather than "(?:s)?"
    return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")


def expand(pattern: str, macros: Mapping[str, str], stack: tuple[str, ...] = ()) -> str:
    """Replace each ``{NAME}`` by its macro, recursively; KeyError or RecursionError if bad."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in stack:
            raise RecursionError(f"macro {name} refers to itself")
        if name not in macros:
            raise KeyError(f"unknown macro {{{name}}}")
        return f"(?:{expand(macros[name], macros, (*stack, name))})"

    return MACRO.sub(one, pattern)


def join_lines(pattern: str) -> str:
    """A pattern may be written over several lines; indentation and line breaks are dropped."""
    return "".join(line.strip() for line in pattern.splitlines())


def has_upper(pattern: re.Pattern[str]) -> bool:
    """True when the pattern holds an upper-case letter outside its escapes (\\S, \\uE000...)."""
    return any(c.isupper() for c in _ESCAPES.sub("", pattern.pattern))
