"""Building the regexes of the lexicon: word-list tries and macro expansion.

Python's ``re`` tries an alternation branch by branch at every position, so a list of 60 role
words written ``a|b|c`` costs 60 tests per position; the same list as a character trie
(``a(?:dmins?|nalysts?)|c(?:o...)``) costs about one. The detector's speed depends on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
MACRO_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
# A word-list entry: lower case, a space, hyphen or apostrophe, and an optional "(s)" plural.
WORD_ENTRY = re.compile(r"[a-z0-9 '.&/-]+(?:\((?:s|es)\))?")
# In a word-list entry: a space is any white space, a hyphen is a hyphen, a space or nothing
# ("on-call" also matches "oncall" and "on call"), an apostrophe is ' or ’.
WORD_TOKENS = {" ": r"\s+", "-": r"[\s-]?", "'": "['’]"}
_ESCAPES = re.compile(r"\\u[0-9a-fA-F]{4}|\\.|\(\?P[<=]")


def trie(
    words: Iterable[str], tokens: Mapping[str, str] | None = None, after_first: str = ""
) -> str:
    """A regex alternation matching exactly ``words``, shaped as a character trie.

    With ``tokens`` (for word lists) some characters stand for regex fragments and a final
    "(s)" or "(es)" makes a plural optional; without, every character is literal.
    ``after_first`` is put after each word's first character: a look-behind there rather than
    before the trie leaves the pattern opening with its first characters, from which the
    matcher skips ahead to the next place a word can start.
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
    return _emit(root, after_first)


# Deeper than this, a trie is written as a plain alternation of what is left (longest first,
# which is the order the trie's greedy optional groups try): each nested group costs the regex
# compiler several Python frames, and a name hundreds of characters long would nest hundreds.
_MAX_NESTING = 40


def _emit(root: dict[str, Any], after_first: str = "") -> str:
    """The regex of a trie, without recursion (a 500-character name is a 500-deep trie)."""
    done: dict[int, str] = {}
    todo: list[tuple[dict[str, Any], int, bool]] = [(root, 0, False)]
    while todo:
        node, depth, expanded = todo.pop()
        if depth >= _MAX_NESTING:
            done[id(node)] = _flat(node)
        elif not expanded:
            todo.append((node, depth, True))
            todo.extend((child, depth + 1, False) for key, child in node.items() if key)
        else:
            glue = after_first if depth == 0 else ""
            branches = [
                key + glue + done.pop(id(child)) for key, child in sorted(node.items()) if key
            ]
            done[id(node)] = _group(node, branches)
    return done[id(root)]


def _group(node: dict[str, Any], branches: list[str]) -> str:
    if not branches:
        return ""
    optional = "" in node
    if len(branches) == 1 and not optional:
        return branches[0]
    if len(branches) == 1 and len(node) == 2 and not node[next(k for k in node if k)]:
        return branches[0] + "?"  # one optional character: "s?" rather than "(?:s)?"
    return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")


def _flat(node: dict[str, Any]) -> str:
    """Every path below ``node`` as one alternation, longest first."""
    tails: list[tuple[int, str]] = []
    todo: list[tuple[dict[str, Any], list[str]]] = [(node, [])]
    while todo:
        here, path = todo.pop()
        if "" in here and path:
            tails.append((len(path), "".join(path)))
        todo.extend((child, [*path, key]) for key, child in here.items() if key)
    if not tails:
        return ""
    tails.sort(key=lambda t: (-t[0], t[1]))
    return "(?:" + "|".join(t for _, t in tails) + ")" + ("?" if "" in node else "")


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


def has_upper(pattern: str) -> bool:
    """True when the pattern holds an upper-case letter outside its escapes (\\S, \\uE000...)."""
    source = _ESCAPES.sub("", pattern)
    # islower() is False whenever a character is upper case, and it runs in C: most patterns
    # are settled by it without a Python loop over their characters.
    return not source.islower() and any(c.isupper() for c in source)


class Regex:
    """A regular expression compiled on its first use.

    The shipped lexicon's patterns are large (each spells out every kind of actor) and
    compiling all of them took 0.2 s of every start of the app and of ``clearsight lint``,
    where a text tries only the rules its words trigger. Two threads may compile one pattern
    at once; both get the same pattern, so that race costs time, never a wrong answer.
    """

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str, now: bool = False) -> None:
        self.pattern = pattern
        self._compiled = re.compile(pattern) if now else None  # re.error when it is bad

    @property
    def compiled(self) -> re.Pattern[str]:
        return self._compiled or self.compile()

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern, compiled now if it has not been yet."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern)
        return compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)


def pattern_specs(raw: object, bad: list[str]) -> tuple[list[str], tuple[frozenset[str], ...]]:
    """Patterns are strings, or tables ``{ re = '...', triggers = [...] }``: a pattern with
    triggers of its own is skipped on a sentence holding none of them."""
    sources: list[str] = []
    triggers: list[frozenset[str]] = []
    entries = raw if isinstance(raw, list) else [raw] if isinstance(raw, str) else []
    if not entries:
        bad.append("missing patterns")
    for n, entry in enumerate(entries):
        if isinstance(entry, str):
            entry = {"re": entry}
        own = entry.get("triggers", []) if isinstance(entry, dict) else None
        source = entry.get("re") if isinstance(entry, dict) else None
        if (
            not isinstance(source, str)
            or not isinstance(own, list)
            or not all(isinstance(t, str) for t in own)
            or set(entry) - {"re", "triggers"}
        ):
            bad.append(f"patterns[{n}]: a string, or a table with re and triggers")
            continue
        sources.append(source)
        triggers.append(frozenset(t.lower() for t in own))
    return sources, tuple(triggers)


def compile_all(
    sources: Sequence[str], key: str, macros: Mapping[str, str], bad: list[str], check: bool
) -> tuple[Regex, ...]:
    out: list[Regex] = []
    for n, source in enumerate(sources):
        try:
            pattern = Regex(expand(join_lines(source), macros), now=check)
        except (KeyError, RecursionError, re.error) as err:
            bad.append(f"{key}[{n}]: invalid regex: {error_reason(err)}")
        else:
            out.append(pattern)
    return tuple(out)


def error_reason(err: BaseException) -> str:
    return str(err.args[0]) if err.args else type(err).__name__
