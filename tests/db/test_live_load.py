"""Several client processes edit one review at once, on each backend: no saved write
overwrites one its writer had not read, every refusal is reported, nothing is duplicated,
and every client ends showing the same review. tests/perf/test_live_load.py runs the
issue's full size (8 clients, 2 minutes) and reports its figures."""

from __future__ import annotations

import copy
from pathlib import Path

from clearsight.db.store import open_store
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.db.conftest import keyring_password
from tests.helpers.live_load import check, run_load


def test_four_clients_editing_one_review_lose_nothing(database: str, tmp_path: Path) -> None:
    store = open_store(database, password_provider=keyring_password)
    try:
        service = Services(store)
        review = add_demo(service)
        figures, logs, finals = run_load(service, database, review, 4, 6.0, 3.0, tmp_path)
        print(figures.table())
        assert figures.writes >= 40
        assert figures.lost == [] and figures.duplicates == [] and figures.missing == []
        assert not figures.views_differ and figures.final_mismatch == []
        assert figures.saved + figures.refused == figures.writes
        # The check itself finds a lost update: a saved write said to be based on nothing
        # read, on a row others had saved to before it, is one.
        forged = copy.deepcopy(logs)
        for log in forged:
            for write in log["writes"]:
                if write["outcome"] == "saved" and write["row"] is not None:
                    write["base"] = 0
        again = check(service, review, forged, finals, 4, 6.0)
        assert again.lost
    finally:
        store.close()
