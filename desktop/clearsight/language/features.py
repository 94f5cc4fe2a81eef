"""What the learned scorer sees of one sentence: words, word classes and pairs within a clause.

Each feature is a string with the tokens that carry it, so that a score can be traced back to
the words that earned it (the flagged span, and what ``lint --explain`` prints). The training
script and the app call the same ``sentence_features``, so they cannot drift apart.

Kinds of feature (the prefix says which):
  w:   a lemma                          ("w:forget")
  b:   two lemmas in a row              ("b:forget_to")
  c:   a word class                     ("c:OMIT")
  g:   two tokens in a row as classes   ("g:AGENT_OMIT"; a word without a class is "_")
  p:   two classes in one clause, in order, at most PAIR_REACH tokens apart ("p:AGENT>SLIP")
  s:   a fact of the sentence           ("s:time" opens with a clock time, "s:ask" ends in ?,
                                        "s:ask-who-did" asks who did a past deed)
  o:   the class that opens a clause    ("o:AGENT", a rough subject); after "because", "so",
       "after"... the class of who opens it ("o:because>AGENT" against "o:because>SYSTEM")
  k:   someone and what is said of them in one clause, in any order and at any distance
       ("k:OMIT": a person, role, team, company or the writer, and an omission; "k:~OMIT"
       when it is denied: "nobody forgot", "it was not his fault")
  x:   a class in a clause and another in a later clause ("x:AGENT>HARM")
  h:   hindsight by its subject         ("h:passive": "should have been checked", no one named;
       "h:person", "h:thing", "h:person-passive")
The features of pairs and clauses (p:, x:, k:, h:) are made in language/clauses.py.
  r:   a blame rule of the lexicon fired, by category and by id ("r:counterfactual"), or
       matched and was kept quiet by its guard ("r:~error-label")
"""

from __future__ import annotations

import functools
import itertools
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from clearsight.errors import InputError
from clearsight.language.clauses import NEG_REACH, relations
from clearsight.language.tokens import CLAUSE_WORDS, HANDLE, NAME, Token, lemma, tokens

OPENING = 3  # the first class among a clause's first three words stands for its subject
# Capitalised only because they open a sentence or a heading: never CAP.
_FUNCTION = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "it", "its", "in", "on", "at",
     "after", "before", "when", "while", "if", "as", "by", "for", "to", "of", "from", "with",
     "during", "once", "then", "there", "here", "what", "why", "how", "who", "which", "our",
     "their", "his", "her", "my", "your", "some", "all", "no", "one", "two", "three", "each",
     "every", "both", "another", "root", "contributing", "cause", "summary", "impact",
     "timeline", "update", "note", "utc", "am", "pm", "i"]
)  # fmt: skip
Feature = tuple[str, tuple[int, ...]]  # the feature and the indexes of its tokens
_NAMED = ("AGENT", "NAMED")
_AGENT = ("AGENT",)
_CAP = ("CAP",)
TERM = "TERM"
# A word of no class with the ending of a trade or a role is a person ("agronomist",
# "electrician", "auctioneer", "lineman"): no list of trades is ever complete.
_AGENT_ENDINGS = ("ist", "ian", "eer", "person", "man", "woman")
# The last word of a company's name ("Norvex Bank", "Solvik Avionics Software"), capitalised.
_FIRM = frozenset(
    lemma(w) for w in
    ["inc", "ltd", "llc", "llp", "corp", "corporation", "plc", "gmbh", "ag", "co", "company",
     "group", "holdings", "mutual", "bank", "partners", "services", "software", "labs",
     "technologies", "solutions", "systems", "health", "informatics", "medsystems",
     "avionics", "logistics", "airlines", "airways", "telecom", "communications", "networks",
     "insurance", "financial", "capital", "energy", "consulting", "associates", "industries",
     "pharma", "payments", "bancorp", "trust", "securities", "interlocking"]
)  # fmt: skip
_NOT_AGENT_ENDINGS = (
    "list", "sist", "xist", "median", "debian", "gaussian", "bayesian", "endian", "obsidian",
    "cartesian", "career", "veneer", "postman", "pacman",
)  # fmt: skip


@dataclass(frozen=True)
class WordClasses:
    """Lemma -> classes, and two- or three-word phrases -> classes."""

    words: Mapping[str, tuple[str, ...]]
    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_toml(cls, text: str, source: str) -> WordClasses:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise InputError(source, [str(err)]) from None
        raw = data.get("classes")
        if not isinstance(raw, dict):
            raise InputError(source, ["line 1: no [classes] table"])
        return cls.build({k: v for k, v in raw.items()}, source)

    @classmethod
    def build(cls, lists: Mapping[str, object], source: str) -> WordClasses:
        words: dict[str, list[str]] = {}
        phrases: dict[tuple[str, ...], list[str]] = {}
        kept: dict[str, tuple[str, ...]] = {}
        problems = []
        for name, entries in lists.items():
            if not isinstance(entries, list | tuple) or not all(
                isinstance(e, str) for e in entries
            ):
                problems.append(f"classes.{name}: not a list of words")
                continue
            kept[name] = tuple(entries)
            for entry in entries:
                parts = tuple(entry.lower().split())
                if not parts or len(parts) > 3:
                    problems.append(f"classes.{name}: {entry!r} is not one to three words")
                elif len(parts) == 1:
                    for key in word_keys(parts[0]):
                        words.setdefault(key, []).append(name)
                else:
                    # Keyed by the words' lemmas, as the tokens are: "removed from" is
                    # ("remove", "from") in a sentence, never ("removed", "from").
                    for keys in itertools.product(*map(word_keys, parts)):
                        phrases.setdefault(keys, []).append(name)
        if problems:
            raise InputError(source, problems)
        return cls(
            {k: tuple(dict.fromkeys(v)) for k, v in words.items()},
            {k: tuple(dict.fromkeys(v)) for k, v in phrases.items()},
            kept,
        )

    @functools.cached_property
    def phrase_heads(self) -> frozenset[str]:
        """The first words of the phrases: a phrase is looked up only where one starts."""
        return frozenset(phrase[0] for phrase in self.phrases)

    def merged(self, extra: Mapping[str, Sequence[str]]) -> WordClasses:
        """These classes with a team's extra words added (see language/team.py)."""
        lists = {name: list(entries) for name, entries in self.lists.items()}
        for name, entries in extra.items():
            lists.setdefault(name, []).extend(entries)
        return WordClasses.build(lists, "team lexicon")


def word_keys(word: str) -> tuple[str, ...]:
    """The keys a class's word stands for: itself, and the keys of its "-ed" and "-ing" forms.

    The lemmatizer cuts endings without a dictionary, so "caused" becomes "caus" where
    "cause" stays "cause"; a class that lists "cause" must also hold "caus".
    """
    if len(word) < 4 or not word.isalpha():
        return (word,)
    silent_e = word.endswith("e") and not word.endswith("ee")
    ed = word + "d" if word.endswith("e") else word + "ed"
    ing = (word[:-1] if silent_e else word) + "ing"
    return tuple(dict.fromkeys((word, lemma(word), lemma(ed), lemma(ing))))


# Past forms without "-ed" that a culprit question uses: "who did this?", "who made the call?"
_PAST = frozenset(
    ["did", "made", "broke", "let", "put", "set", "sent", "wrote", "took", "forgot", "ran",
     "gave", "told", "chose", "left", "pushed", "hit", "shut"]
)  # fmt: skip


def _asks_who_did(toks: Sequence[Token], original: str) -> bool:
    """Whether a question asks who did a past deed ("who approved this?", "so who merged it?"):
    a hunt for the person behind it, where "who has the deploy lock?" routes work."""
    for i, tok in enumerate(toks[:3]):
        if tok.lemma in ("who", "whoever") and i + 1 < len(toks):
            nxt = toks[i + 1]
            word = original[nxt.start : nxt.end].lower()
            return word.endswith("ed") or word in _PAST
    return False


def classes_of(toks: Sequence[Token], wc: WordClasses) -> list[tuple[str, ...]]:
    """The classes of each token: its own word's, a phrase's it is part of, names as AGENT."""
    lemmas = [t.lemma for t in toks]
    words = wc.words
    out = [_NAMED if lem in (NAME, HANDLE) else words.get(lem, ()) for lem in lemmas]
    for i, lem in enumerate(lemmas):
        ending = len(lem) > 5 and lem.endswith(_AGENT_ENDINGS)
        if ending and not out[i] and not lem.endswith(_NOT_AGENT_ENDINGS):
            out[i] = _AGENT
    if wc.phrases:
        heads = wc.phrase_heads
        for i in range(len(lemmas) - 1):
            if lemmas[i] not in heads:
                continue  # no phrase starts with this word
            for size in (2, 3):
                found = wc.phrases.get(tuple(lemmas[i : i + size]))
                if found:
                    for j in range(i, min(i + size, len(lemmas))):
                        # A term of the trade replaces its words' own classes.
                        out[j] = found if TERM in found else tuple(dict.fromkeys((*out[j], *found)))
    return out


def sentence_features(
    lowered: str,
    wc: WordClasses,
    timestamped: bool = False,
    rule_keys: Sequence[str] = (),
    original: str = "",
) -> tuple[list[Token], list[Feature]]:
    """The tokens of one lower-cased, name-masked sentence and its features with carriers.

    ``original`` is the same sentence before lower-casing: a capitalised word of no class
    (a company, a product, a person the review does not know) becomes the class CAP.
    """
    toks = tokens(lowered)
    return toks, token_features(toks, wc, timestamped, rule_keys, original)


def feature_names(
    lowered: str,
    wc: WordClasses,
    timestamped: bool = False,
    rule_keys: Sequence[str] = (),
    original: str = "",
) -> list[str]:
    """The same features as ``sentence_features`` without their carriers: the fast path that
    scores every sentence (carriers are only needed for a sentence that gets flagged)."""
    return token_feature_names(tokens(lowered), wc, timestamped, rule_keys, original)


def token_features(
    toks: list[Token],
    wc: WordClasses,
    timestamped: bool = False,
    rule_keys: Sequence[str] = (),
    original: str = "",
) -> list[Feature]:
    """``sentence_features`` of a sentence already split into ``toks``."""
    names: list[str] = []
    carriers: list[tuple[int, ...]] = []
    _collect(toks, wc, timestamped, rule_keys, original, names, carriers)
    return list(zip(names, carriers, strict=True))


def token_feature_names(
    toks: list[Token],
    wc: WordClasses,
    timestamped: bool = False,
    rule_keys: Sequence[str] = (),
    original: str = "",
) -> list[str]:
    """``feature_names`` of a sentence already split into ``toks``."""
    names: list[str] = []
    _collect(toks, wc, timestamped, rule_keys, original, names, None)
    return names


def _collect(
    toks: list[Token],
    wc: WordClasses,
    timestamped: bool,
    rule_keys: Sequence[str],
    original: str,
    names: list[str],
    carriers: list[tuple[int, ...]] | None,
) -> None:
    add = names.append
    trace = carriers is not None
    carry = carriers.append if carriers is not None else None
    none: tuple[int, ...] = ()
    if timestamped:
        add("s:time")
    if toks and toks[-1].lemma == "?":
        add("s:ask")
        if original and _asks_who_did(toks, original):
            add("s:ask-who-did")
    for key in rule_keys:
        add("r:" + key)
    if carry is not None:
        carriers.extend([none] * len(names))  # type: ignore[union-attr]
    if not toks:
        return
    classes = classes_of(toks, wc)
    if original:
        for i, tok in enumerate(toks):
            if original[tok.start].isupper() and tok.lemma not in _FUNCTION:
                if not classes[i]:
                    classes[i] = _CAP
                elif i and classes[i - 1] == _CAP and "SYSTEM" in classes[i]:
                    classes[i] = _CAP  # "Corvena Health Systems" is a company, not a system
                if i and tok.lemma in _FIRM and classes[i - 1] in (_CAP, _AGENT):
                    # A capitalised name ending in "Bank", "Ltd", "Software" is a company:
                    # an actor, where a bare capitalised word may as well be a product.
                    classes[i] = _AGENT
                    j = i - 1
                    while j >= 0 and classes[j] in (_CAP, _AGENT):
                        classes[j] = _AGENT
                        j -= 1
    prev_lemma = ""
    prev_gen = ""
    prev_clause = -1
    clause_start = 0
    opened = False
    negated_until = -1
    conj = ""
    for i, tok in enumerate(toks):
        lem = tok.lemma
        add("w:" + lem)
        if trace:
            carry((i,))  # type: ignore[misc]
        own = classes[i]
        gen = own[0] if own else "_"
        same_clause = tok.clause == prev_clause
        if not same_clause:
            negated_until = -1
        if own:
            # A class under a negation is another feature: "not at fault" is not "at fault".
            mark = "c:~" if i <= negated_until else "c:"
            for name in own:
                add(mark + name)
                if trace:
                    carry((i,))  # type: ignore[misc]
                if name == "NEG":
                    negated_until = i + NEG_REACH
        if same_clause:
            add("b:" + prev_lemma + "_" + lem)
            if trace:
                carry((i - 1, i))  # type: ignore[misc]
            if own or prev_gen != "_":
                add("g:" + prev_gen + "_" + gen)
                if trace:
                    carry((i - 1, i))  # type: ignore[misc]
        else:
            clause_start, opened = i, False
            conj = lem if lem in CLAUSE_WORDS else ""
        if own and not opened and i - clause_start < OPENING:
            add("o:" + gen)
            if trace:
                carry((i,))  # type: ignore[misc]
            opened = True
        if conj and own and i > clause_start:
            # Who opens a clause after "because", "so", "after": "because he was on the
            # phone" puts the cause on a person, "because the form accepted it" on a system.
            add("o:" + conj + ">" + gen)
            if trace:
                carry((clause_start, i))  # type: ignore[misc]
            conj = ""
        prev_lemma, prev_gen, prev_clause = lem, gen, tok.clause
    relations(toks, classes, names, carriers)
