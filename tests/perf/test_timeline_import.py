"""Importing a 10,000-message Slack export into a timeline (goal: under 2 s, read + store).

Run: pytest tests/perf -m perf -s
The baseline is json.loads of the same file in the same process: the least any reader pays,
so a busy machine shows up in both numbers.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from clearsight.services.root import Services
from clearsight.timeline.chat_import import read_messages

pytestmark = pytest.mark.perf
COUNT = 10_000


def test_import_of_a_10000_message_export(service: Services, tmp_path: Path) -> None:
    start = datetime(2026, 3, 15, 14, 0, tzinfo=UTC).timestamp()
    people = ["Kenji Watanabe", "Amara Okafor", "Priya Raman", "Diego Morales"]
    messages = [
        {
            "type": "message",
            "ts": f"{start + n * 3.7:.6f}",
            "user": f"U{n % 4}",
            "user_profile": {"real_name": people[n % 4]},
            "text": f"checking <@U{(n + 1) % 4}> pool metrics on payment-svc, step {n}",
        }
        for n in range(COUNT)
    ]
    path = tmp_path / "inc-2041.json"
    path.write_text(json.dumps(messages))
    review_id = service.reviews.create_review("Import speed", "SEV-3")

    t0 = time.perf_counter()
    json.loads(path.read_text())
    baseline = time.perf_counter() - t0

    t0 = time.perf_counter()
    found = read_messages(path, UTC, date(2026, 3, 15))
    read = time.perf_counter() - t0
    items = [(m.key, m.at, f"{m.author}: {m.text}") for m in found.messages]
    added, _ = service.timeline.import_events(review_id, items)
    total = time.perf_counter() - t0
    assert len(added) == COUNT
    print(
        f"\nimport of {COUNT:,} Slack messages: {total:.2f} s (read {read:.2f} s, store "
        f"{total - read:.2f} s); json.loads alone {baseline:.3f} s; ratio {total / baseline:.0f}x"
    )
    assert total < 2
