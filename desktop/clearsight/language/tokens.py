"""Words of a sentence with their offsets, lemmas and clause numbers, for the learned scorer.

Plain Python, no tagger: a lemma here only has to map the forms of one word onto one key
("forgot", "forgets", "forgetting" -> "forget"), so that the scorer learns a word once, not
once per form. Irregular forms come from a table; regular endings are cut by rule. A word the
rules get wrong is still the same key every time, which is all the scorer needs.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from clearsight.language.text import NAME_MARK

# A word (with its inner apostrophes and hyphens), a run of name marks, an @handle, "'t" or
# "'s", or one clause mark. Everything else (spaces, other punctuation) is skipped. "didn't" is
# two words, "didn" (the key "do") and "'t" ("not"), and "Dave's" is "Dave" and "'s": a
# negation or a person is the same key whether it is written apart or not.
_TOKEN = re.compile(
    rf"{NAME_MARK}+|@\w[\w.-]*|['’][st]\b|\w+(?:['’](?![st]\b)\w+)*(?:-\w+)*"
    r"|[,;:()\u2014\u2013?!]"
)
# Clause marks and the words that open a new clause: the scorer's pairs stay inside one.
CLAUSE_MARKS = frozenset(",;:()\u2014\u2013")
CLAUSE_WORDS = frozenset(
    [
        "because",
        "but",
        "so",
        "although",
        "though",
        "while",
        "whereas",
        "since",
        "which",
        "until",
        "after",
        "when",
        "before",
        "once",
        "if",
        "unless",
    ]
)
NAME = "<name>"
HANDLE = "<handle>"
NUMBER = "<num>"
POSSESSIVE = "<'s>"

_IRREGULAR = {
    # be, have, do and the modals
    "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be", "am": "be",
    "'s": "be", "’s": "be", "has": "have", "had": "have", "having": "have", "does": "do",
    "did": "do", "done": "do", "doing": "do", "ca": "can", "wo": "will", "shan": "shall",
    "n't": "not", "n’t": "not", "'t": "not", "’t": "not",
    # what is left of a verb before "'t"
    "didn": "do", "doesn": "do", "don": "do", "wasn": "be", "weren": "be", "isn": "be",
    "aren": "be", "hasn": "have", "haven": "have", "hadn": "have", "couldn": "could",
    "shouldn": "should", "wouldn": "would", "mustn": "must", "needn": "need",
    # negations typed without the apostrophe, as forums and chat write them
    "didnt": "not", "dont": "not", "doesnt": "not", "wasnt": "not", "werent": "not",
    "isnt": "not", "arent": "not", "cant": "not", "couldnt": "not", "shouldnt": "not",
    "wouldnt": "not", "wont": "not", "havent": "not", "hasnt": "not", "hadnt": "not",
    # the days of the week are one key, as numbers are: "on a Friday" is "on a Monday"
    "monday": "<day>", "tuesday": "<day>", "wednesday": "<day>", "thursday": "<day>",
    "friday": "<day>", "saturday": "<day>", "sunday": "<day>",
    # irregular verbs that incident writing uses
    "forgot": "forget", "forgotten": "forget", "made": "make", "broke": "break",
    "broken": "break", "ran": "run", "took": "take", "taken": "take", "went": "go",
    "gone": "go", "gave": "give", "given": "give", "knew": "know", "known": "know",
    "thought": "think", "brought": "bring", "caught": "catch", "left": "leave",
    "kept": "keep", "let": "let", "put": "put", "set": "set", "sent": "send", "spent": "spend",
    "wrote": "write", "written": "write", "overwrote": "overwrite",
    "overwritten": "overwrite", "saw": "see", "seen": "see", "told": "tell", "said": "say",
    "got": "get", "gotten": "get", "hit": "hit", "shut": "shut", "cut": "cut", "began": "begin",
    "begun": "begin", "chose": "choose", "chosen": "choose", "understood": "understand",
    "misunderstood": "misunderstand", "mistook": "mistake", "mistaken": "mistake",
    "overlooked": "overlook", "slept": "sleep", "drove": "drive", "fell": "fall",
    "fallen": "fall", "felt": "feel", "found": "find", "held": "hold", "led": "lead",
    "lost": "lose", "meant": "mean", "paid": "pay", "read": "read", "rode": "ride",
    "rang": "ring", "rose": "rise", "sat": "sit", "sold": "sell", "stood": "stand",
    "struck": "strike", "swore": "swear", "threw": "throw", "thrown": "throw", "woke": "wake",
    "won": "win", "blew": "blow", "blown": "blow", "built": "build", "bought": "buy",
    "fought": "fight", "hid": "hide", "hidden": "hide", "rebuilt": "rebuild", "shot": "shoot",
    "shown": "show", "spoke": "speak", "stuck": "stick", "taught": "teach", "undid": "undo",
    "undone": "undo", "withdrew": "withdraw", "fled": "flee", "dealt": "deal", "bore": "bear",
    "men": "man", "women": "woman", "people": "person", "children": "child",
    "better": "good", "best": "good", "worse": "bad", "worst": "bad",
    "wrongly": "wrongly", "only": "only", "early": "early", "daily": "daily",
    "this": "this", "thus": "thus", "its": "its", "his": "his", "us": "us",
    "yes": "yes", "bus": "bus", "status": "status", "always": "always", "perhaps": "perhaps",
    "dns": "dns", "aws": "aws", "os": "os", "news": "news", "series": "series", "sometimes":
    "sometimes", "analysis": "analysis", "basis": "basis", "process": "process",
    "access": "access", "less": "less", "unless": "unless", "across": "across",
    "need": "need", "needed": "need", "feed": "feed", "seed": "seed", "speed": "speed",
    "bed": "bed", "red": "red", "shed": "shed", "embed": "embed", "proceed": "proceed",
    "exceed": "exceed", "succeed": "succeed", "thing": "thing", "nothing": "nothing",
    "something": "something", "anything": "anything", "everything": "everything",
    "during": "during", "morning": "morning", "evening": "evening", "ring": "ring",
    "string": "string", "bring": "bring", "king": "king", "sing": "sing", "spring": "spring",
    "ceiling": "ceiling", "warning": "warning", "training": "training", "meeting": "meeting",
    "logging": "logging", "staging": "staging", "testing": "testing", "timing": "timing",
    "monitoring": "monitoring", "tooling": "tooling", "routing": "routing", "caching":
    "caching", "onboarding": "onboarding", "building": "building", "setting": "setting",
    "booking": "booking", "billing": "billing", "pricing": "pricing", "hosting": "hosting",
}  # fmt: skip
_VOWELS = frozenset("aeiou")
_KEEP_DOUBLE = frozenset("lsz")  # "called" -> "call", "passed" -> "pass", "buzzed" -> "buzz"
_WORD_CACHE: dict[str, str] = {}


class Token(NamedTuple):
    """One word or clause mark: its span in the sentence, its key for the scorer, its clause.

    A NamedTuple, not a frozen dataclass: a frozen dataclass is several times slower to
    build, and every word of every sentence becomes one.
    """

    start: int
    end: int
    lemma: str
    clause: int


def lemma(word: str) -> str:
    """The key of a lower-case ``word``: its lemma, a placeholder, or the word itself."""
    cached = _WORD_CACHE.get(word)
    if cached is not None:
        return cached
    key = _lemma(word)
    if len(_WORD_CACHE) < 50_000:  # a bound: lint of a huge file must not grow without end
        _WORD_CACHE[word] = key
    return key


def _lemma(word: str) -> str:
    if word[0] == NAME_MARK:
        return NAME
    if word[0] == "@":
        return HANDLE
    if word[0].isdigit():
        return NUMBER
    word = word.replace("’", "'")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("n't"):
        return _IRREGULAR.get(word[:-3], word[:-3])
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return f"{head}-{_lemma(tail)}" if tail and tail[0].isalpha() else word
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ied"):
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 5:
        return _restore(word[:-3])
    if word.endswith("ed") and len(word) > 4:
        return _restore(word[:-2] if not word.endswith("eed") else word[:-1])
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def _restore(stem: str) -> str:
    """The verb under a cut "-ing"/"-ed": undo a doubled consonant, put back a silent e."""
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        return stem if stem[-1] in _KEEP_DOUBLE else stem[:-1]
    if (
        len(stem) >= 3
        and stem[-1] not in _VOWELS
        and stem[-1] not in "wxy"
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
        and not stem.endswith(("en", "er", "on", "el", "it", "et", "al", "ol", "om"))
    ):
        # "caus" -> "cause", "escap" -> "escape"; "-et" stays ("budget"), so "deleted" -> "delet":
        # not the dictionary form, but the one key every form of the word gets.
        return stem + "e"
    if stem.endswith(("at", "iz", "is", "ur", "uc", "rg", "dg", "ag", "iv", "ov", "av", "ev")):
        return stem + "e"  # "migrat" -> "migrate", "serv" -> "serve", "merg" -> "merge"
    return stem


def tokens(lowered: str) -> list[Token]:
    """The tokens of one lower-cased sentence (name marks kept), numbered by clause."""
    out: list[Token] = []
    add = out.append
    clause = 0
    cache = _WORD_CACHE
    bracketed = "[" in lowered
    comma = swallow = False  # the last mark was a comma; a filler asks to drop the next one
    for m in _TOKEN.finditer(lowered):
        word = m.group()
        if word in CLAUSE_MARKS:
            if swallow and word == ",":
                swallow = False
            else:
                clause += 1
                comma = word == ","
            continue
        if word in _FILLERS or (bracketed and lowered[m.start() - 1 : m.start()] == "["):
            # Spoken fillers and a transcript's "[laughs]" say nothing of who did what; left
            # in, with their commas, they part "the, uh, DBA dropped" into three clauses.
            if comma:
                clause -= 1
                comma, swallow = False, True
            continue
        comma = swallow = False
        if word in _ENDS:
            key = word
        elif word in _CLITICS:
            if word[1] == "t":
                key = "not"
                if out and lowered[out[-1][0] : out[-1][1]] == "won":
                    out[-1] = _new_tuple(Token, (*out[-1][:2], "will", out[-1][3]))
            elif out and out[-1][2] not in _BE_BEFORE_S:
                key = POSSESSIVE  # "Dave's", "the vendor's": not "it's" or "that's"
            else:
                key = "be"
        else:
            key = cache.get(word) or lemma(word)
            if word in CLAUSE_WORDS and out:
                clause += 1
        # tuple.__new__ makes the same Token as Token(...) without the Python-level __new__
        # that NamedTuple adds: every word of every sentence scored passes here.
        add(_new_tuple(Token, (*m.span(), key, clause)))
    return out


_new_tuple = tuple.__new__
_FILLERS = frozenset(["uh", "um", "uhm", "umm", "uhh", "erm", "hmm", "mm"])
_ENDS = frozenset("?!")
_CLITICS = frozenset(["'s", "’s", "'t", "’t"])
_BE_BEFORE_S = frozenset(
    ["it", "that", "this", "there", "here", "what", "who", "where", "he", "she", "how", "why"]
    + ["everything", "nothing", "something", "everyone", "someone", "nobody", "one", "let"]
)
