"""The network to the team's PostgreSQL server drops in the middle of typing: the window says
it is offline, keeps every edit, and sends them in order when the server is reachable again,
merged with what others wrote meanwhile. Nothing typed is lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from clearsight.db.store import open_store
from clearsight.services.root import Services
from clearsight.ui.editing.session import OFFLINE
from clearsight.ui.pages.summary import SummaryPage
from tests.db.conftest import keyring_password
from tests.gui.conftest import MakeWindow
from tests.gui.helpers_keys import focused, type_text
from tests.gui.helpers_themes import open_demo
from tests.helpers.pg import pg_url_or_skip, reset_schema, store_password_in_keyring
from tests.helpers.tcp_proxy import Proxy

pytestmark = pytest.mark.pg


@pytest.fixture
def network() -> Iterator[tuple[str, str, Proxy]]:
    """The server's own URL, and a URL to it through a network the test can cut."""
    url = pg_url_or_skip()
    reset_schema(url)
    direct = make_url(url)
    proxy = Proxy(str(direct.host), int(direct.port or 5432))
    via = direct.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    store_password_in_keyring(url)
    store_password_in_keyring(via)
    yield url, via, proxy
    proxy.close()


def _type_at_end(qtbot: QtBot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.waitUntil(lambda: focused() is edit)
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    type_text(qtbot, text)


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
        _type_at_end(qtbot, page.summary_edit, " Before.")
        assert view.flush()
        proxy.down()  # the network goes
        _type_at_end(qtbot, page.summary_edit, " During.")
        assert not view.flush()  # not saved, and kept
        _type_at_end(qtbot, page.impact_edit, " Also during.")
        assert not view.flush()
        assert not view.follower.catch_up()  # the next look: offline
        assert view.session.offline and window.banner.text.startswith(OFFLINE)
        # Meanwhile a colleague on another network edits the start of the summary.
        theirs = colleague.reviews.get_review(view.review_id).summary
        colleague.reviews.set_field(view.review_id, "summary", "Update: " + theirs)
        proxy.up()  # back
        view.follower.catch_up()
        assert not view.session.offline and view.session.problems() == []
        stored = colleague.reviews.get_review(view.review_id)
        assert stored.summary == "Update: " + theirs + " During."
        assert stored.impact.endswith(" Also during.")
        assert page.summary_edit.toPlainText() == stored.summary
    finally:
        proxy.up()  # a failure above leaves nothing unsaved for the window's close to ask about
        window.close()
        colleague.store.close()
        store.close()
