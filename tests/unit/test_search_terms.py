"""What a user types into search, as words: quoted for either database, whatever it is, and
used again to mark the matched words in a snippet."""

from __future__ import annotations

from clearsight.review.search_terms import MOST_WORDS, Terms, parse, snippet


def test_words_phrases_and_the_word_being_typed() -> None:
    assert parse("Connection pool") == Terms((("connection",), ("pool",)), prefix=True)
    assert parse("connection pool ") == Terms((("connection",), ("pool",)), prefix=False)
    assert parse('"connection pool" roll') == Terms((("connection", "pool"), ("roll",)), True)
    assert parse('"connection poo') == Terms((("connection", "poo"),), True)
    assert parse("INC-2041") == Terms((("inc",), ("2041",)), True)
    assert parse("r") == Terms((("r",),), prefix=False)  # one letter is not yet a prefix


def test_syntax_is_never_passed_on() -> None:
    for query in ('"', "*", "'", "AND OR NOT", "NEAR(a b)", "a:* & !b", "col:x", "\\", "-x"):
        terms = parse(query)
        for group in terms.groups:
            assert all(w.isalnum() for w in group), query
    assert parse('"').groups == parse("*").groups == parse("'").groups == ()
    terms = parse("can't pool*")
    assert terms.fts5() == '"can" "t" "pool"'  # every word quoted; no prefix after the *
    assert terms.tsquery() == "('can') & ('t') & ('pool')"
    assert parse("roll").fts5() == '"roll" *' and parse("roll").tsquery() == "('roll':*)"


def test_common_words_are_left_out_when_there_are_others() -> None:
    assert parse("the rollback of the pool").groups == (("rollback",), ("pool",))
    assert parse("the").groups == (("the",),)  # alone, it is what was asked
    assert parse('"out of memory"').groups == (("out", "of", "memory"),)  # a phrase keeps them
    assert parse("rollback the").groups == (("rollback",), ("the",))  # "the" may be "theme"


def test_a_long_paste_is_searched_by_its_first_words() -> None:
    terms = parse(" ".join(f"w{n}" for n in range(5_000)))
    assert len(terms.groups) == MOST_WORDS and not terms.prefix
    assert parse("x" * 10_000).groups == ()
    assert len(parse("pool " * 2_000).groups) == 1


def test_the_snippet_marks_the_matched_words_in_context() -> None:
    text = " ".join(f"w{n}" for n in range(40)) + " the Connection pool, exhausted. " + "end " * 30
    cut, marks = snippet(text, parse("connection poo"))
    assert cut.startswith("…") and cut.endswith("…")
    assert [cut[a:b] for a, b in marks] == ["Connection", "pool"]
    cut, marks = snippet("Café au lait", parse("cafe"))
    assert [cut[a:b] for a, b in marks] == ["Café"]
    cut, marks = snippet("pool then connection", parse('"connection pool"'))
    assert (cut, marks) == ("pool then connection", ())  # not the phrase
    assert snippet("", parse("x")) == ("", ())


def test_a_query_of_only_common_words_is_known_as_such() -> None:
    """Such a query is in nearly every piece: the search lists the newest, unranked."""
    assert parse("the").common_only
    assert parse("The a").common_only
    assert not parse("the pool").common_only
    assert not parse('"the pool"').common_only
