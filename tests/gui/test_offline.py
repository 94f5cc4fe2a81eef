"""The network to the team's PostgreSQL server drops in the middle of typing: the window says
it is offline, keeps every edit, and sends them in order when the server is reachable again,
merged with what others wrote meanwhile. Nothing typed is lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from clearsight.db.store import open_store
from clearsight.services.root import Services
from clearsight.ui.editing.follow import OFFLINE_POLL_MS
from clearsight.ui.editing.session import OFFLINE
from clearsight.ui.pages.summary import SummaryPage
from tests.db.conftest import keyring_password
from tests.gui.conftest import MakeWindow
from tests.gui.helpers_keys import type_at_end
from tests.gui.helpers_themes import open_demo
from tests.helpers.tcp_proxy import Proxy, relay_to_test_server

pytestmark = pytest.mark.pg


@pytest.fixture
def network() -> Iterator[tuple[str, str, Proxy]]:
    with relay_to_test_server() as relay:
        yield relay


def test_typing_through_a_dropped_connection_loses_nothing(
    qtbot: QtBot, network: tuple[str, str, Proxy], make_window: MakeWindow
) -> None:
    url, via, proxy = network
    store = open_store(via, password_provider=keyring_password)
    colleague = Services(open_store(url, password_provider=keyring_password))
    service = Services(store)
    window = make_window(service)
    try:
        view = open_demo(window, service)
        page = view.show_page("summary")
        assert isinstance(page, SummaryPage)
        type_at_end(qtbot, page.summary_edit, " Before.")
        assert view.flush()
        proxy.down()  # the network goes
        type_at_end(qtbot, page.summary_edit, " During.")
        assert not view.flush()  # not saved, and kept
        type_at_end(qtbot, page.impact_edit, " Also during.")
        assert not view.flush()
        assert not view.follower.catch_up()  # the next look: offline
        assert view.session.offline and window.banner.text.startswith(OFFLINE)
        assert view.follower._timer.interval() == OFFLINE_POLL_MS  # looks less often

        # Meanwhile a colleague on another network edits the start of the summary.
        theirs = colleague.reviews.get_review(view.review_id).summary
        colleague.reviews.set_field(view.review_id, "summary", "Update: " + theirs)
        proxy.up()  # back
        view.follower.catch_up()
        assert not view.session.offline and view.session.problems() == []
        assert view.follower._timer.interval() == view.follower.poll_ms
        stored = colleague.reviews.get_review(view.review_id)
        assert stored.summary == "Update: " + theirs + " During."
        assert stored.impact.endswith(" Also during.")
        assert page.summary_edit.toPlainText() == stored.summary
    finally:
        proxy.up()  # a failure above leaves nothing unsaved for the window's close to ask about
        window.close()
        colleague.store.close()
        store.close()
