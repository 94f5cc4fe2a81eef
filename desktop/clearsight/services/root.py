"""The composition root of the store layer: every part's service over one store.

The window and the CLI are handed one ``Services``. A single edit calls a part directly
(``services.timeline.add_event(...)``: one transaction); a user action that makes several
edits opens one transaction and calls the parts it yields, which commits them all or none:

    with services.transaction() as tx:
        review_id = tx.reviews.create_review("Checkout down", "SEV-2")
        tx.timeline.add_event(review_id, at, "first 502")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from clearsight.db import final_guard
from clearsight.db.store import Store
from clearsight.services.actions import Actions
from clearsight.services.changes import Changes
from clearsight.services.factors import Factors
from clearsight.services.flags import Flags
from clearsight.services.insights import Insights
from clearsight.services.keys import Keys
from clearsight.services.people import People
from clearsight.services.presence import Present
from clearsight.services.records import Records
from clearsight.services.recurring import Recurring
from clearsight.services.redaction import Redaction
from clearsight.services.reviews import Reviews
from clearsight.services.search import Search
from clearsight.services.settings import Settings
from clearsight.services.signoff import Signoff
from clearsight.services.tags import Tags
from clearsight.services.timeline import Timeline
from clearsight.services.whys import Whys


class Services:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self.store = store
        store.before_flush(final_guard.check)  # a final review is read-only, whoever writes
        self.reviews = Reviews(store, session)
        self.people = People(store, session)
        self.keys = Keys(store, session)
        self.settings = Settings(store, session)
        self.timeline = Timeline(store, session)
        self.whys = Whys(store, session)
        self.factors = Factors(store, session)
        self.actions = Actions(store, session)
        self.flags = Flags(store, session)
        self.signoff = Signoff(store, session)
        self.redaction = Redaction(store, session)
        self.records = Records(store, session)
        self.changes = Changes(store, session)
        self.presence = Present(store, session)
        self.search = Search(store, session)
        self.recurring = Recurring(store, session)
        self.tags = Tags(store, session)
        self.insights = Insights(store, session)

    @contextmanager
    def transaction(self) -> Iterator[Services]:
        """The parts, working in one transaction: committed when the block ends."""
        with self.store.transaction() as s:
            yield Services(self.store, s)
