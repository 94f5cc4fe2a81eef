"""The composition root: builds the store, the service and the window, and runs the app.

Qt-free itself (house style 1): the Qt half of start-up lives in ``clearsight.ui.launch``,
imported only when the GUI really starts, so the CLI never pays for loading Qt.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from sqlalchemy.engine import URL

from clearsight.db.store import describe, open_store
from clearsight.errors import StoreError, UserError
from clearsight.review.service import ReviewService
from clearsight.secrets import Secrets, database_key

log = logging.getLogger(__name__)

DEMO_SETTING = "demo_offered"
# Asks the user: (where, keyring is persistent) -> (password, remember) or None.
Prompt = Callable[[str, bool], tuple[str, bool] | None]


def run(database: str | None, argv: list[str] | None = None) -> int:
    from clearsight.ui import launch

    app = launch.create_application(sys.argv if argv is None else argv)
    secrets = Secrets()
    try:
        store = open_store(
            database, password_provider=lambda url: password_for(url, secrets, launch.ask_password)
        )
    except StoreError as err:
        launch.show_fatal("cannot open the database", str(err))
        return 2
    try:
        service = ReviewService(store)
        offer_demo(service)
        code: int = launch.show_main_window(app, service)  # Qt code is not type-checked
        return code
    except StoreError as err:
        launch.show_fatal("the database failed", str(err))
        return 2
    finally:
        store.close()


def password_for(url: URL, secrets: Secrets, prompt: Prompt) -> str | None:
    """A PostgreSQL password: the keyring's, else asked (and remembered if the user says so)."""
    key = database_key(url.username, url.host, url.port, url.database)
    stored = secrets.get(key)
    if stored:
        return stored
    answer = prompt(describe(url), secrets.persistent)
    if answer is None:
        return None
    password, remember = answer
    if remember:
        secrets.set(key, password)
    return password


def offer_demo(service: ReviewService) -> None:
    """On the first run, add the demo review so there is something to look at."""
    if service.get_setting(DEMO_SETTING):
        return
    from clearsight.record.demo import add_demo

    try:
        add_demo(service)
    except StoreError:
        raise
    except UserError as err:  # a broken demo must not keep the app from starting
        log.warning("could not add the demo review: %s", err)
        return
    service.set_setting(DEMO_SETTING, True)
