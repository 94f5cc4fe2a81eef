"""Search across reviews on both backends: a hit in every part, the index current as soon as
an edit or a deletion commits, best hits first, the filters, and no typed text that fails."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from clearsight.db import migrate, search_index
from clearsight.db.store import Store, open_store
from clearsight.errors import UserError
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.db.conftest import keyring_password
from tests.helpers.archive import build_archive

AT = datetime(2026, 3, 15, 14, 2, tzinfo=UTC)


def _review_with_every_part(service: Services) -> tuple[int, dict[str, tuple[str, int]]]:
    """A review with one made-up word in each part: word -> (part, row)."""
    review = service.reviews.create_review("Quokka outage", "SEV-2", AT)
    service.reviews.set_field(review, "summary", "The wombat service fell over.")
    service.reviews.set_field(review, "impact", "Every numbat request failed.")
    figure = service.reviews.add_figure(review, "Failed platypus calls", "1,200")
    event = service.timeline.add_event(review, AT, "Echidna alert fired")
    tree = service.whys.add_tree(review, "Why did the bilby queue stall?")
    node = service.whys.add_node(tree, None, "The dingo pool was too small")
    factor = service.factors.add_factor(review, "No alert on wallaby saturation")
    action = service.actions.add_action(review, "Add a kookaburra dashboard")
    lesson = service.reviews.add_lesson(review, "lucky", "The koala on-call was awake")
    return review, {
        "quokka": ("title", review),
        "wombat": ("summary", review),
        "numbat": ("impact", review),
        "platypus": ("figure", figure),
        "echidna": ("event", event),
        "bilby": ("problem", tree),
        "dingo": ("why", node),
        "wallaby": ("factor", factor),
        "kookaburra": ("action", action),
        "koala": ("lesson", lesson),
    }


def test_a_hit_from_every_part_with_its_row_and_the_word_marked(any_store: Store) -> None:
    service = Services(any_store)
    review, words = _review_with_every_part(service)
    for word, (part, row) in words.items():
        [hit] = service.search.search(word)
        assert (hit.review_id, hit.part, hit.row_id) == (review, part, row), word
        assert hit.title == "Quokka outage" and hit.severity == "SEV-2"
        assert f"[{word}]" in hit.marked().lower()
        assert [hit.snippet[a:b].lower() for a, b in hit.marks] == [word]
    assert set(search_index.PARTS) == {part for part, _ in words.values()}


def test_the_index_is_current_when_an_edit_or_a_deletion_commits(any_store: Store) -> None:
    service = Services(any_store)
    review, words = _review_with_every_part(service)
    event = words["echidna"][1]
    service.timeline.set_event(event, AT, "Pangolin alert fired")
    assert service.search.search("echidna") == []
    assert [h.row_id for h in service.search.search("pangolin")] == [event]
    service.timeline.delete_event(event)
    assert service.search.search("pangolin") == []
    # A tree goes with its answers; the review with all its pieces.
    service.whys.delete_tree(words["bilby"][1])
    assert service.search.search("bilby") == service.search.search("dingo") == []
    with service.transaction() as tx:  # one transaction, several writes: all indexed
        tx.reviews.set_field(review, "title", "Tapir outage")
        tx.reviews.add_lesson(review, "well", "Tapir runbook helped")
    assert {h.part for h in service.search.search("tapir")} == {"title", "lesson"}
    service.reviews.delete_review(review)
    assert service.search.search("wombat") == service.search.search("tapir") == []
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_index")).scalar() == 0


def test_a_failed_transaction_leaves_the_index_as_it_was(any_store: Store) -> None:
    service = Services(any_store)
    review = service.reviews.create_review("Capybara outage", "SEV-3", AT)
    with pytest.raises(RuntimeError), service.transaction() as tx:
        tx.reviews.set_field(review, "title", "Axolotl outage")
        raise RuntimeError("the user's action fails half-way")
    assert service.search.search("axolotl") == []
    assert [h.part for h in service.search.search("capybara")] == ["title"]


def _index(store: Store) -> set[tuple[int, str]]:
    with store.engine.connect() as conn:
        key = "rowid" if store.is_sqlite else "id"
        return {(k, t) for k, t in conn.execute(text(f"SELECT {key}, text FROM search_index"))}


def test_the_index_written_by_each_edit_is_the_one_rebuilt_from_the_tables(
    any_store: Store,
) -> None:
    service = Services(any_store)
    _review_with_every_part(service)
    add_demo(service)
    written = _index(any_store)
    with any_store.engine.begin() as conn:
        search_index.rebuild(conn)
    assert _index(any_store) == written and len(written) > 40


def test_reviews_made_before_the_search_index_are_found_after_the_upgrade(database: str) -> None:
    engine = _engine(database)
    try:
        migrate.upgrade(engine, "0005")
        with engine.begin() as conn:
            build_archive(conn, reviews=30, index=False)
    finally:
        engine.dispose()
    store = open_store(database, password_provider=keyring_password)
    try:
        backfilled = _index(store)
        with store.engine.begin() as conn:  # the app's own way, from the same tables
            search_index.rebuild(conn)
        assert _index(store) == backfilled and len(backfilled) > 30 * 40
        assert len(Services(store).search.search("rollback", limit=500)) >= 30  # every summary
    finally:
        store.close()


def _engine(database: str) -> Engine:
    if "://" not in database:
        return create_engine(f"sqlite:///{database}")
    password = os.environ["CLEARSIGHT_TEST_PG_PASSWORD"]
    return create_engine(make_url(database).set(password=password))


def test_best_hits_first(any_store: Store) -> None:
    service = Services(any_store)
    often = service.reviews.create_review("Lemur lemur lemur", "SEV-3", AT)
    once = service.reviews.create_review("Lemur", "SEV-3", AT)
    service.reviews.set_field(
        once, "summary", "A long summary that mentions a lemur once among many other words."
    )
    hits = service.search.search("lemur")
    assert [(h.review_id, h.part) for h in hits][-1] == (once, "summary")
    assert hits[0].part == "title" and {h.review_id for h in hits[:2]} == {often, once}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len(service.search.search("lemur", limit=1)) == 1


def test_words_phrases_and_the_prefix_being_typed(any_store: Store) -> None:
    service = Services(any_store)
    review = add_demo(service)
    assert service.search.search("roll")  # "roll" finds "rollback" while it is typed
    assert service.search.search("checkout pool")  # every word, anywhere in a piece
    for hit in service.search.search('"connection pool"'):
        assert "connection pool" in hit.snippet.lower()
    assert service.search.search('"pool connection"') == []  # a phrase keeps its order
    assert service.search.search("rollbac ") == []  # a space ends the word: no prefix
    assert service.search.search("INC-2041")[0].review_id == review  # the incident id


def test_filters(any_store: Store) -> None:
    service = Services(any_store)
    dana = service.people.add_person("Dana Okafor", "dana", "dana@example.com")
    kenji = service.people.add_person("Kenji Tanaka", "kenji")
    march = service.reviews.create_review("Gecko down in March", "SEV-1", AT)
    june = service.reviews.create_review(
        "Gecko down in June", "SEV-3", datetime(2026, 6, 2, tzinfo=UTC)
    )
    undated = service.reviews.create_review("Gecko down someday", "SEV-3")
    service.reviews.add_participant(march, dana, "facilitator")
    service.actions.add_action(june, "Feed the gecko", owner_id=kenji)
    service.reviews.set_field(june, "status", "in_review")

    def found(**filters: object) -> set[int]:
        return {h.review_id for h in service.search.search("gecko", **filters)}  # type: ignore[arg-type]

    assert found() == {march, june, undated}
    assert found(severity="sev1") == {march}
    assert found(severity=["SEV-1", "SEV-3"]) == {march, june, undated}
    assert found(since=date(2026, 3, 15), until=date(2026, 3, 15)) == {march}
    assert found(since=date(2026, 4, 1), until=date(2026, 6, 30)) == {june}
    assert undated in found(since=datetime.now(UTC).date())  # counted from when it was made
    assert found(status="in review") == {june}
    assert found(person="Dana") == found(person="@dana") == {march}
    assert found(person="dana@example.com") == found(person=dana) == {march}
    assert found(person="kenji") == {june}  # owns an action item there
    assert found(person="nobody") == set()
    assert found(review=june) == {june}  # a search inside one review
    for bad in ({"severity": "SEV-9"}, {"status": "lost"}, {"person": "  "}):
        with pytest.raises(UserError):
            service.search.search("gecko", **bad)  # type: ignore[arg-type]
    with pytest.raises(UserError, match="starts"):
        service.search.search("gecko", since=date(2026, 5, 1), until=date(2026, 4, 1))


HOSTILE = [
    '"',
    '""',
    '"unbalanced phrase',
    "AND OR",
    "NOT",
    "*",
    "'",
    "''",
    "a'b",
    "pool*",
    "-pool",
    "pool OR",
    "NEAR(pool connection)",
    "col:pool",
    "^pool",
    "pool:*",
    "!pool & (",
    "<->",
    "\\",
    "%_",
    "\x00",
    "\ud800",
    "Müller ñ 日本語 🔥 café",
    "e\u0301",
    "x" * 10_000,
    "pool " * 2_000,
    "".join(chr(c) for c in range(32, 1_000)),
    "",
    "   ",
]


def test_no_query_text_raises(any_store: Store) -> None:
    service = Services(any_store)
    add_demo(service)
    for query in HOSTILE:
        for hit in service.search.search(query):
            assert hit.marked(), repr(query)
    for person in ("%", "_", "'", "\\", "🔥", "x" * 10_000, "zq\x00zq"):
        assert service.search.search("pool", person=person) == [], repr(person)
