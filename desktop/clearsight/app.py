"""The composition root: builds the store, the service and the window, and runs the app.

Qt-free itself (house style 1): the Qt half of start-up lives in ``clearsight.ui.launch``,
imported only when the GUI really starts, so the CLI never pays for loading Qt.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from clearsight import preferences as prefs
from clearsight.errors import StoreError, UserError
from clearsight.secrets import Secrets, database_key

# SQLAlchemy loads after the window is shown (clearsight.ui.launch.run_main_window), so the
# store and the service are imported where they are used.
if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from clearsight.db.store import Store
    from clearsight.services.root import Services

log = logging.getLogger(__name__)

# Asks the user: (where, keyring is persistent) -> (password, remember) or None.
Prompt = Callable[[str, bool], tuple[str, bool] | None]


def run(database: str | None, argv: list[str] | None = None) -> int:
    from clearsight.ui import launch

    app = launch.create_application(sys.argv if argv is None else argv)
    secrets = Secrets()
    opened: list[Store] = []

    def connect() -> Services:
        from clearsight.db.store import open_store
        from clearsight.services.root import Services

        store = open_store(
            database, password_provider=lambda url: password_for(url, secrets, launch.ask_password)
        )
        opened.append(store)
        service = Services(store)
        offer_demo(service)
        return service

    try:
        code: int = launch.run_main_window(app, connect, database)  # Qt code: not type-checked
        return code
    finally:
        for store in opened:
            store.close()


def password_for(url: URL, secrets: Secrets, prompt: Prompt) -> str | None:
    """A PostgreSQL password: the keyring's, else asked (and remembered if the user says so)."""
    key = database_key(url.username, url.host, url.port, url.database)
    stored = secrets.get(key)
    if stored:
        return stored
    from clearsight.db.store import describe

    answer = prompt(describe(url), secrets.persistent)
    if answer is None:
        return None
    password, remember = answer
    if remember:
        secrets.set(key, password)
    return password


def offer_demo(service: Services) -> None:
    """On the first run on an empty database, add the demo review so there is something to see.

    A database that already holds reviews (a team's, or one where ``clearsight demo`` or
    ``setup.sh`` added the demo) gets none.
    """
    if service.settings.get(prefs.DEMO_OFFERED):
        return
    if service.reviews.count_reviews():
        service.settings.set(prefs.DEMO_OFFERED, True)
        return
    from clearsight.services.demo import add_demo

    try:
        add_demo(service)
    except StoreError:
        raise
    except UserError as err:  # a broken demo must not keep the app from starting
        log.warning("could not add the demo review: %s", err)
        return
    service.settings.set(prefs.DEMO_OFFERED, True)
