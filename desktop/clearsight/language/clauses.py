"""Features of how a sentence's word classes relate: pairs, their order across clauses, and
what one clause says of a person (see language/features.py for every kind of feature).

  p:   two classes in one clause, in order, at most PAIR_REACH tokens apart ("p:AGENT>SLIP")
  x:   a class in a clause and another in a later one ("x:AGENT>HARM")
  k:   a person and what the clause says of them ("k:OMIT"); "k:~OMIT" when the person is
       "nobody" or the deed is under a "not" of the clause ("nobody forgot", "not his fault")
  h:   hindsight by its subject ("h:passive", "h:person", "h:thing", "h:person-passive",
       "h:person-told"), and ">DUTY" when the verb is a person's check ("h:passive>DUTY")
  d:   "failed to" a person's duty with no person in the clause ("k:fail>DUTY" with one)
"""

from __future__ import annotations

from collections.abc import Sequence

from clearsight.language.tokens import Token

PAIR_REACH = 8
NEG_REACH = 4  # a negation reaches this many words on, within its clause
# Classes that take part in pairs; the others only count as "c:" and "g:" features.
PAIR_CLASSES = frozenset(
    ["AGENT", "SELF", "SLIP", "SLIP_VERB", "OMIT", "JUDGE", "COMPETENT", "MODAL", "PUNISH",
     "BLAME", "SYSTEM", "NEG", "EXPLAIN", "FORWARD", "TIMELINE", "HARM", "CAP", "PURPOSE",
     "YOU", "WRONG", "REPEAT", "UNCHECKED", "SNARK", "DISTANCE"]
)  # fmt: skip
# Classes whose order across clauses counts ("x:AGENT>HARM": someone, then the damage;
# "x:JUDGE>DISTANCE": a judgement, then a later clause that rejects it).
CROSS_CLASSES = frozenset(
    ["AGENT", "SELF", "SLIP", "OMIT", "JUDGE", "BLAME", "HARM", "EXPLAIN", "CAP", "YOU", "WRONG",
     "DISTANCE"]
)  # fmt: skip
# Who can be the actor of a slip: any of these classes stands for a person in "k:" features,
# so "the vendor forgot" and "we forgot" teach one feature.
PERSON = frozenset(["AGENT", "SELF", "YOU", "CAP"])
# What a clause can say of a person.
DEEDS = frozenset(
    ["SLIP", "SLIP_VERB", "OMIT", "JUDGE", "COMPETENT", "PUNISH", "BLAME", "MODAL", "NEG",
     "WRONG", "REPEAT", "UNCHECKED", "HARM", "SNARK", "DUTY"]
)  # fmt: skip
# Being told: a person who "should have been paged" was owed a message, by a system or a role.
_TOLD = frozenset(
    ["page", "alert", "notify", "tell", "warn", "inform", "call", "contact", "wake", "woken",
     "show", "give", "ask", "escalate", "brief", "loop"]
)  # fmt: skip
# "failed to", "neglected to": an omission whose object says whose it is ("failed to notify").
_FAILING = frozenset(["fail", "failure", "neglect", "omit", "refuse", "decline"])
# "should have" by who comes before it and whether a passive follows: "should have been
# checked" hides who should have acted; "the secondary should have been paged" says what should
# have happened to a person; "the alert should have fired" is about a thing.
_HINDSIGHT_KIND = {
    (False, True): "h:passive",
    (True, True): "h:person-passive",
    (False, False): "h:thing",
    (True, False): "h:person",
}
_HINDSIGHT = frozenset(["should", "ought", "could", "must", "would", "should've", "could've"])


class Once:
    """Adds each feature of one kind once, with the tokens that carry its first use."""

    def __init__(self, names: list[str], carriers: list[tuple[int, ...]] | None) -> None:
        self.names, self.carriers = names, carriers
        self.seen: set[str] = set()

    def __call__(self, key: str, carried: tuple[int, ...]) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.names.append(key)
            if self.carriers is not None:
                self.carriers.append(carried)


def relations(
    toks: Sequence[Token],
    classes: Sequence[tuple[str, ...]],
    names: list[str],
    carriers: list[tuple[int, ...]] | None,
) -> None:
    """Add the pair, cross-clause, clause and hindsight features of one sentence to ``names``
    (and the indexes of the tokens that carry each to ``carriers``, when it is given)."""
    # Each kind de-duplicates its own features.
    pairs(toks, classes, Once(names, carriers))
    cross(toks, classes, Once(names, carriers))
    clause_features(toks, classes, Once(names, carriers))


def cross(toks: Sequence[Token], classes: Sequence[tuple[str, ...]], once: Once) -> None:
    """``x:A>B`` for class A in a clause and class B in a later clause of the sentence."""
    first_seen: dict[str, tuple[int, int]] = {}  # class -> (clause, token) of its first use
    for i, cs in enumerate(classes):
        clause = toks[i].clause
        for b in cs:
            if b not in CROSS_CLASSES:
                continue
            for a, (a_clause, a_index) in first_seen.items():
                if a_clause < clause:
                    once("x:" + a + ">" + b, (a_index, i))
            first_seen.setdefault(b, (clause, i))
    # A person in one clause and a missing safeguard in a later one ("nobody noticed the drift;
    # no alert watches it", "he typed it, and no check stops that"): the condition that
    # explains the slip, which the policy calls blameless.
    person = next((i for i, cs in enumerate(classes) if not PERSON.isdisjoint(cs)), -1)
    if person < 0:
        return
    for i in range(person + 1, len(classes) - 1):
        if "NEG" in classes[i] and toks[i].clause > toks[person].clause:
            for j in (i + 1, i + 2):
                if j < len(classes) and "SYSTEM" in classes[j] and toks[j].clause == toks[i].clause:
                    once("x:PERSON>MISSING", (person, i, j))
                    return


def pairs(toks: Sequence[Token], classes: Sequence[tuple[str, ...]], once: Once) -> None:
    """``p:A>B`` for classes A before B in one clause, at most PAIR_REACH tokens apart."""
    marked = [(i, [c for c in cs if c in PAIR_CLASSES]) for i, cs in enumerate(classes) if cs]
    marked = [(i, cs) for i, cs in marked if cs]
    for n, (i, first) in enumerate(marked):
        clause = toks[i].clause
        for j, second in marked[n + 1 :]:
            if j - i > PAIR_REACH or toks[j].clause != clause:
                break
            for a in first:
                for b in second:
                    once("p:" + a + ">" + b, (i, j))


def clause_features(toks: Sequence[Token], classes: Sequence[tuple[str, ...]], once: Once) -> None:
    """``k:B`` for a person and class B in one clause; ``h:`` for hindsight, by its subject."""
    who, deeds, clause, n = -1, dict[str, int](), toks[0].clause, len(toks)
    negated: set[int] = set()  # words in reach of a "not" of their clause ("not his fault")
    denied = False  # the person is "nobody", "no one": "nobody was careless" clears someone

    def said() -> None:
        for c, j in deeds.items() if who >= 0 else ():
            if c == "DUTY" and denied:
                # "nobody checked" is no one's omission in particular, and real text often
                # gives its condition next ("nobody saw it; the mailbox had no owner"): its
                # own feature, not "Dave didn't check" (k:~DUTY) nor a cleared "nobody forgot".
                once("k:nobody>DUTY", (who, j))
                continue
            mark = "k:~" if c != "NEG" and (denied or j in negated) else "k:"
            once(mark + c, (who, j))

    for i, cs in enumerate(classes):
        tok = toks[i]
        if tok.clause != clause:
            said()
            who, deeds, clause, denied = -1, {}, tok.clause, False
        if "NEG" in cs:
            negated.update(j for j in range(i + 1, min(i + 1 + NEG_REACH, n))
                           if toks[j].clause == tok.clause)  # fmt: skip
        if tok.lemma in _HINDSIGHT and i + 1 < n and toks[i + 1].lemma == "have":
            passive = i + 2 < n and toks[i + 2].lemma == "be"  # "should have been checked"
            kind = _HINDSIGHT_KIND[who >= 0, passive]
            if passive and who >= 0 and i + 3 < n and toks[i + 3].lemma in _TOLD:
                # "the secondary should have been paged": what failed is whatever should have
                # told them (the rule counterfactual.should-have spares these verbs too).
                kind = "h:person-told"
            once(kind, tuple(range(i, min(i + 4, n))))
            # The verb says whose act it was: "should have been checked" is a person's,
            # "should have been rotated by the job" may be a thing's (an adverb may come first).
            verb = i + 3 if passive else i + 2
            if _duty_at(classes, verb, verb + 2) and not _by_thing(toks, classes, verb + 1):
                once(kind + ">DUTY", tuple(range(i, min(verb + 2, n))))
        elif (
            tok.lemma in _FAILING
            and i + 1 < n
            and toks[i + 1].lemma == "to"
            and _duty_at(classes, i + 2, i + 4)
        ):
            once(("k:" if who >= 0 else "d:") + "fail>DUTY", (i, i + 1, i + 2))
        if PERSON.isdisjoint(cs):
            for c in cs:
                if c in DEEDS and c not in deeds:
                    deeds[c] = i
        elif who < 0:
            who = i  # a word that is a person is never also what is said of one ("nobody")
            denied = "NEG" in cs
    said()


def _duty_at(classes: Sequence[tuple[str, ...]], lo: int, hi: int) -> bool:
    """Whether a word of ``classes[lo:hi]`` is a person's duty (DUTY)."""
    return any("DUTY" in cs for cs in classes[lo:hi])


def _by_thing(toks: Sequence[Token], classes: Sequence[tuple[str, ...]], at: int) -> bool:
    """Whether "by" and no person follows within a few words: "should have been caught by the
    type checker" gives the check to a thing, "... by the reviewer" to a person."""
    for i in range(at, min(at + 3, len(toks))):
        if toks[i].lemma == "by":
            return all(PERSON.isdisjoint(cs) for cs in classes[i + 1 : i + 4])
    return False
