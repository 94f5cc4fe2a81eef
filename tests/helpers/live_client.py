"""One client of the live load test: a process that edits one review as a person would.

    python -m tests.helpers.live_client DATABASE REVIEW SECONDS RATE SEED OUT.json FINISH

It reads the review, thinks for a moment, then writes one of a few shared texts (the review's
summary, impact and title, the first timeline events, the lessons) based on what it read, or
adds a timeline event of its own; RATE edits a second for SECONDS. A write another client got
in first is refused (StaleWrite) and counted; this client then reads again, as the window
does. OUT.json gets every write with its base, its outcome and its value; then, once the file
FINISH exists (every client has stopped writing), OUT.json.final gets the review as this
client reads it. PGPASSWORD gives a PostgreSQL password.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from clearsight.db.store import open_store
from clearsight.db.write_base import StaleWrite, based_on
from clearsight.errors import StoreError
from clearsight.review.data import ReviewDetail
from clearsight.services.root import Services

FIELDS = ("summary", "impact", "title")
SHARED_EVENTS = 3  # the first events are everyone's, so writes overlap often


def final_view(detail: ReviewDetail) -> dict[str, Any]:
    """What a client shows of the review: compared across clients at the end."""
    return {
        **{f: getattr(detail, f) for f in FIELDS},
        "events": sorted((e.id, e.at.isoformat(), e.text) for e in detail.events),
        "lessons": sorted((x.id, x.kind, x.text) for x in detail.lessons),
    }


def run(
    database: str, review: int, seconds: float, rate: float, seed: int, out: Path, finish: Path
) -> None:
    password = os.environ.get("PGPASSWORD")
    store = open_store(database, password_provider=lambda _url: password)
    service = Services(store)
    rng = random.Random(seed)
    writes: list[dict[str, Any]] = []
    end = time.monotonic() + seconds
    number = 0
    while time.monotonic() < end:
        started = time.monotonic()
        number += 1
        base = service.changes.latest(review)  # the newest record, then the review: as read
        detail = service.reviews.get_review(review)
        time.sleep(rng.uniform(0.0, 0.2))  # typing: other clients write meanwhile
        value = f"{store.client} #{number}"
        write = _one_write(service, detail, rng, value)
        write.update(base=base, value=value, number=number)
        try:
            with based_on(base):
                write.pop("do")()
            write["outcome"] = "saved"
        except StaleWrite as err:
            write["outcome"] = f"refused: {err}"
        except StoreError as err:  # a busy file: refused, reported, never half-written
            write["outcome"] = f"refused: {err}"
        writes.append(write)
        time.sleep(max(0.0, 1.0 / rate - (time.monotonic() - started)))
    out.write_text(json.dumps({"client": store.client, "writes": writes}), encoding="utf-8")
    give_up = time.monotonic() + 120
    while not finish.exists() and time.monotonic() < give_up:
        time.sleep(0.05)
    view = final_view(service.reviews.get_review(review))
    Path(f"{out}.final").write_text(json.dumps(view), encoding="utf-8")
    store.close()


def _one_write(
    service: Services, detail: ReviewDetail, rng: random.Random, value: str
) -> dict[str, Any]:
    pick = rng.random()
    if pick < 0.45:
        field = rng.choice(FIELDS)
        return {
            "entity": "review",
            "row": detail.id,
            "field": field,
            "do": lambda: service.reviews.set_field(detail.id, field, value),
        }
    if pick < 0.8:
        event = rng.choice(detail.events[:SHARED_EVENTS])
        return {
            "entity": "timeline_event",
            "row": event.id,
            "do": lambda: service.timeline.set_event(event.id, event.at, value),
        }
    if pick < 0.9:
        lesson = rng.choice(detail.lessons)
        return {
            "entity": "lesson",
            "row": lesson.id,
            "do": lambda: service.reviews.set_lesson_text(lesson.id, value),
        }
    at = detail.events[-1].at + timedelta(seconds=rng.randint(1, 3600))
    return {
        "entity": "timeline_event",
        "row": None,  # a new row: never a conflict, and it must appear exactly once
        "do": lambda: service.timeline.add_event(detail.id, at, value),
    }


if __name__ == "__main__":
    db, review_id, secs, per_second, seed_, out_, finish_ = sys.argv[1:8]
    run(db, int(review_id), float(secs), float(per_second), int(seed_), Path(out_), Path(finish_))
