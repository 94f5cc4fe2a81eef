"""Text preparation for the detector: sentence spans and length-preserving masks.

Every mask replaces characters one for one, so offsets found in the masked text are offsets
into the text the caller gave.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from clearsight.language.patterns import trie

# A private-use character stands for "a person the review knows"; rules spell it {NAME}.
NAME_MARK = "\ue000"
# No sentence is longer than this: a 1 MB line without punctuation is cut into chunks so that
# no rule ever scans more than this many characters at once.
MAX_SENTENCE = 1000

# The look-behind and the possessive runs keep a long run of dots linear, not quadratic. The
# pattern opens with a character class, so the matcher skips from one mark or line break to the
# next rather than trying the whole pattern at every character.
_BOUNDARY = re.compile(
    r"[.!?\u2026\n](?:(?<=\n)|(?<![.!?\u2026].)[.!?\u2026]*+[\"'\u201d\u2019)\]]*+"
    r"(?:[ \t]*\n|(?=\s))(?:[ \t]*+[.!?\u2026]++(?=\s|$))*+)"  # ". . . ." is one boundary
)
_ABBREVIATIONS = frozenset(
    ["e.g", "i.e", "etc", "vs", "approx", "cf", "incl", "esp", "mr", "mrs", "ms", "dr", "st"]
    + ["no", "fig", "al", "resp", "ca"]
)
_NONSPACE = re.compile(r"\S")
_QUOTED = "[^\"'\u201c\u201d\u2018\u2019`\\s]{1,30}"
_SHORT_QUOTE = re.compile(
    # The quote comes first so the matcher can skip to quote characters; the look-behind then
    # checks that it opens a quotation (not the apostrophe of "it's").
    r"([\"'\u201c\u2018`])(?<![\w\u2019'].)"
    rf"({_QUOTED}(?: {_QUOTED}){{0,2}})"  # one to three words
    r"([\"'\u201d\u2019`])(?!\w)"
)
_TIMESTAMP = re.compile(
    r"[ \t>*|#+\-\[(`_]{0,6}(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?|\d{1,2}:\d{2}|\d{1,2}h\d{2})"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, trimmed of surrounding white space.

    A sentence ends at ., ! or ? followed by white space (not after a common abbreviation or
    an initial) and at every line break; sentences longer than ``MAX_SENTENCE`` are cut at a
    space.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end, after = m.span()
        at_dot = text[end] == "." and text[after - 1] != "\n"
        if at_dot and _is_abbreviation(text, max(start, end - 8), end):
            continue
        segment = text[start:after]
        body = segment.strip()
        if body and len(body) <= MAX_SENTENCE:  # the common case of _add_trimmed, inline
            lead = start + len(segment) - len(segment.lstrip())
            spans.append((lead, lead + len(body)))
        elif body:
            _add_trimmed(text, start, after, spans)
        start = after
    _add_trimmed(text, start, len(text), spans)
    return spans


# A question this short followed on its line by an answer this short is one statement: "Root
# cause? Human error." Scored apart, neither half says who or what was at fault.
ANSWERED_WORDS = 8


def join_answers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each short question and the short fragment after it on its line as one."""
    out: list[tuple[int, int]] = []
    joined = False
    for span in spans:
        if out and not joined and text[out[-1][1] - 1] == "?" and text[span[1] - 1] != "?":
            last = out[-1]
            if (
                "\n" not in text[last[1] : span[0]]
                and text.count(" ", *last) < ANSWERED_WORDS
                and text.count(" ", *span) < ANSWERED_WORDS
            ):
                out[-1] = (last[0], span[1])
                joined = True  # a question answers one fragment, not a run of them
                continue
        out.append(span)
        joined = False
    return out


def _is_abbreviation(text: str, lo: int, dot: int) -> bool:
    """True when the word before the full stop at ``dot`` is "e.g", "vs", an initial..."""
    word_start = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot)) + 1 or lo
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    body = segment.lstrip()
    if not body:
        return
    start += len(segment) - len(body)
    end = start + len(body.rstrip())
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut == -1:
            cut = start + MAX_SENTENCE
        spans.append((start, cut))
        nxt = _NONSPACE.search(text, cut, end)
        if nxt is None:
            return
        start = nxt.start()
    spans.append((start, end))


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping any character whose lower case is longer (İ) as it is."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def mask_short_quotes(text: str) -> str:
    """Blank the inside of short quotations: a quoted word is mentioned, not used.

    "words like 'careless' are flagged" talks about the word; it does not call anyone careless.
    """
    if not any(q in text for q in "\"'\u201c\u2018`"):
        return text
    return _SHORT_QUOTE.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3), text)


def starts_with_timestamp(text: str, pos: int) -> bool:
    """True when the line holding ``pos`` opens with a clock time or a date (a timeline entry)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return _TIMESTAMP.match(text, line_start) is not None


def name_variants(names: Iterable[str], common_words: frozenset[str]) -> list[str]:
    """The spellings under which the review's people may appear in typed notes.

    "Kenji Watanabe" also matches "Kenji" and "Watanabe"; "Kenji" also matches "kenji", unless
    the lower-case form is short ("Lan" is not "lan") or an ordinary word ("Will", "May").
    A name longer than ``MAX_NAME`` (the database's) is no one's: it is left out.
    """
    variants: set[str] = set()
    for raw in names:
        name = raw.strip()
        if not name or len(name) > _max_name():
            continue
        forms = [name]
        if not name.startswith("@"):
            forms += [p for p in name.split() if len(p) > 1 and p != name]
        for form in forms:
            variants.add(form)
            lower = form[:1].lower() + form[1:]
            if lower != form and len(form) > 3 and lower.lower() not in common_words:
                variants.add(lower)
    return sorted(variants, key=lambda v: (-len(v), v))


def _max_name() -> int:
    # Imported when a name is first given: the limits module brings the time zones and the
    # review rules with it, which ``lint`` without --names does without at start-up.
    from clearsight.record.limits import MAX_NAME

    return MAX_NAME


@functools.lru_cache(maxsize=64)
def name_pattern(
    names: tuple[str, ...], common_words: frozenset[str], given: tuple[str, ...] = ()
) -> re.Pattern[str] | None:
    """One compiled pattern for a review's people, cached per names tuple.

    ``given`` are common given names, matched only exactly as spelled (capitalised), so a
    person the review does not know is still a person. The names form a character trie:
    about four times faster than a plain alternation.
    """
    variants = sorted(set(name_variants(names, common_words)) | set(given))
    if not variants:
        return None
    # Not preceded by a word character or "@": checked after the first character (see trie).
    words = trie(variants, after_first=r"(?<![\w@].)")
    return re.compile(rf"(?:{words})(?![\w@]|[.\-]\w)")


def mask_names(text: str, pattern: re.Pattern[str] | None) -> str:
    """Replace every known name with ``NAME_MARK`` characters, one for one."""
    if pattern is None:
        return text
    return pattern.sub(lambda m: NAME_MARK * (m.end() - m.start()), text)
