"""What a user typed into a search box, as words: safe to hand to either database's query
language, and used again to mark the matched words in a snippet of the text.

Nothing typed is passed on as query syntax: the text is cut into words (letters and digits,
as both engines cut words), a "quoted phrase" stays a phrase, and every word goes out quoted,
so no query is a syntax error. Every word must match; the last one matches as a prefix while
it is being typed (the window searches as one types), so "roll" finds "rollback".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+")
MOST_WORDS = 16  # a pasted page is searched by its first words
MOST_WORD_CHARS = 64  # longer is no word anyone types; dropped
# One typed letter is not yet a prefix: every word that starts with "r" is most of the index,
# and ranking all of it takes a tenth of a second on 5,000 reviews for nothing of use.
MIN_PREFIX = 2
SNIPPET_WORDS = 16
# The commonest English words are in most pieces: ranking every piece they are in costs the
# most and tells the least, so a query leaves them out when it has other words (but keeps
# them in a "quoted phrase", and keeps the word still being typed: "the" may become "theme").
COMMON = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "in", "into", "is", "it", "its", "of", "on", "or", "so", "that", "the", "their", "then",
    "there", "these", "this", "to", "was", "were", "when", "which", "while", "with",
))  # fmt: skip

Marks = tuple[tuple[int, int], ...]  # (start, end) of each matched word


@dataclass(frozen=True)
class Terms:
    """A query as words: each group is one word or a quoted phrase's words, all must match."""

    groups: tuple[tuple[str, ...], ...]
    prefix: bool  # the last word was still being typed: match it as a prefix
    any: bool = False  # one group is enough (text like a given one), not all of them

    @property
    def common_only(self) -> bool:
        """Only words that are in most pieces: ranking them all would tell nothing."""
        return all(len(g) == 1 and g[0] in COMMON for g in self.groups)

    def fts5(self) -> str:
        """For SQLite's MATCH: every group a quoted string, so no word is an operator."""
        quoted = [f'"{" ".join(g)}"' for g in self.groups]
        if self.prefix:
            quoted[-1] += " *"
        return (" OR " if self.any else " ").join(quoted)

    def tsquery(self) -> str:
        """For PostgreSQL's to_tsquery: every word a quoted lexeme, a phrase joined by <->.
        (websearch_to_tsquery quotes for itself but knows no prefix.)"""
        groups = [[f"'{w}'" for w in g] for g in self.groups]
        if self.prefix:
            groups[-1][-1] += ":*"
        return (" | " if self.any else " & ").join(f"({' <-> '.join(g)})" for g in groups)


def parse(query: str) -> Terms:
    """The words of what the user typed; text between double quotes is a phrase."""
    groups: list[tuple[str, ...]] = []
    for n, piece in enumerate(query.split('"')):
        words = [w.lower() for w in WORD.findall(piece) if len(w) <= MOST_WORD_CHARS]
        for group in [tuple(words)] if n % 2 and words else [(w,) for w in words]:
            if group not in groups:  # "a a a ..." asks once
                groups.append(group)
        if len(groups) > MOST_WORDS:
            break
    # The last word is still being typed when the query ends in it (not in a space or quote).
    typing = (
        0 < len(groups) <= MOST_WORDS
        and WORD.fullmatch(query[-1]) is not None
        and query.lower().endswith(groups[-1][-1])
        and len(groups[-1][-1]) >= MIN_PREFIX
    )
    groups = groups[:MOST_WORDS]
    wanted = [
        g
        for n, g in enumerate(groups)
        if g[0] not in COMMON or len(g) > 1 or (typing and n == len(groups) - 1)
    ]
    return Terms(tuple(wanted or groups), typing)


def fold(word: str) -> str:
    """A word as SQLite's index compares it: lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def snippet(text: str, terms: Terms, words: int = SNIPPET_WORDS) -> tuple[str, Marks]:
    """About ``words`` words of ``text`` around the most matched words, "…" where it is cut,
    and where the matched words are in it."""
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    folded = [fold(text[a:b]) for a, b in spans]
    hit = _matched(folded, terms)
    first = _best_window(hit, len(spans), words)
    last = min(len(spans), first + words) - 1
    if not spans:
        return text[:200], ()
    begin = 0 if first == 0 else spans[first][0]
    end = len(text) if last == len(spans) - 1 else spans[last][1]
    head = "" if begin == 0 else "…"
    tail = "" if end == len(text) else "…"
    shift = len(head) - begin
    marks = tuple(
        (spans[i][0] + shift, spans[i][1] + shift) for i in range(first, last + 1) if hit[i]
    )
    return f"{head}{text[begin:end]}{tail}", marks


def _matched(folded: list[str], terms: Terms) -> list[bool]:
    hit = [False] * len(folded)
    for n, group in enumerate(terms.groups):
        wanted = [fold(w) for w in group]
        prefix = terms.prefix and n == len(terms.groups) - 1
        for i in range(len(folded) - len(wanted) + 1):
            if all(
                folded[i + j].startswith(w)
                if prefix and j == len(wanted) - 1
                else folded[i + j] == w
                for j, w in enumerate(wanted)
            ):
                for j in range(len(wanted)):
                    hit[i + j] = True
    return hit


def _best_window(hit: list[bool], count: int, words: int) -> int:
    """The first word of the window of ``words`` words with the most matches, a few words of
    context before the first of them."""
    if not any(hit):
        return 0
    best, best_at, inside = -1, 0, 0
    for i in range(count):
        inside += hit[i]
        if i >= words:
            inside -= hit[i - words]
        if inside > best:
            best, best_at = inside, max(0, i - words + 1)
    first_hit = next(i for i in range(best_at, count) if hit[i])
    return max(0, min(first_hit - words // 4, count - words))
