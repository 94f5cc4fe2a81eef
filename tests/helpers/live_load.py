"""The live load test: several client processes edit one review at once; then the change
records say whether any saved write overwrote one its writer had not read.

A lost update is a saved write on a row that another client had saved to after the write's
base (what its writer had read) and before the write itself: the store must refuse exactly
those. Every refused write is in the clients' own logs, so nothing is refused silently.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clearsight.db.models import ChangeRecord
from clearsight.services.root import Services

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LoadFigures:
    clients: int
    seconds: float
    writes: int = 0
    saved: int = 0
    refused: int = 0
    lost: list[str] = field(default_factory=list)  # saved writes that overwrote unread ones
    duplicates: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # saved writes not in the final review
    views_differ: bool = False
    final_mismatch: list[str] = field(default_factory=list)

    def table(self) -> str:
        rate = self.writes / self.seconds / self.clients if self.seconds else 0.0
        return "\n".join(
            [
                "| clients | seconds | writes | edits/s/client | saved | refused (reported) "
                "| lost updates | duplicates | clients agree |",
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
                f"| {self.clients} | {self.seconds:.0f} | {self.writes} | {rate:.2f} "
                f"| {self.saved} | {self.refused} | {len(self.lost)} | {len(self.duplicates)} "
                f"| {'no' if self.views_differ else 'yes'} |",
            ]
        )


def run_load(
    service: Services,
    database: str,
    review: int,
    clients: int,
    seconds: float,
    rate: float,
    folder: Path,
) -> tuple[LoadFigures, list[dict[str, Any]], list[Any]]:
    """Runs ``clients`` processes against ``review`` and checks what they did; returns the
    figures, the clients' logs and their final views."""
    finish = folder / "finish"
    outs = [folder / f"client{n}.json" for n in range(clients)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "desktop"), str(ROOT)])}
    env["PGPASSWORD"] = os.environ.get("CLEARSIGHT_TEST_PG_PASSWORD", "")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.helpers.live_client",
                database,
                str(review),
                str(seconds),
                str(rate),
                str(n),
                str(out),
                str(finish),
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, out in enumerate(outs)
    ]
    give_up = time.monotonic() + seconds + 120
    while not all(o.exists() for o in outs) and time.monotonic() < give_up:
        if any(p.poll() not in (None, 0) for p in procs):
            break
        time.sleep(0.1)
    finish.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        if proc.returncode != 0:
            raise AssertionError(f"a client failed:\n{err}")
    logs = [json.loads(o.read_text(encoding="utf-8")) for o in outs]
    finals = [json.loads(Path(f"{o}.final").read_text(encoding="utf-8")) for o in outs]
    return check(service, review, logs, finals, clients, seconds), logs, finals


def check(
    service: Services,
    review: int,
    logs: list[dict[str, Any]],
    finals: list[Any],
    clients: int,
    seconds: float,
) -> LoadFigures:
    figures = LoadFigures(clients, seconds)
    with service.store.transaction() as s:
        records = s.execute(
            select(ChangeRecord.id, ChangeRecord.entity, ChangeRecord.row_id, ChangeRecord.who)
            .where(ChangeRecord.review_id == review)
            .order_by(ChangeRecord.id)
        ).all()
    by_row: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    for rid, entity, row, who in records:
        by_row[(entity, row)].append((rid, who))
    last_saved: dict[tuple[str, int, str], tuple[int, str]] = {}
    for log in logs:
        who = log["client"]
        seen: Counter[tuple[str, int]] = Counter()  # the k-th saved write is the k-th record
        for write in log["writes"]:
            figures.writes += 1
            if write["outcome"] != "saved":
                figures.refused += 1
                continue
            figures.saved += 1
            if write["row"] is None:
                continue
            key = (write["entity"], write["row"])
            mine = [r for r in by_row[key] if r[1] == who]
            record = mine[seen[key]][0]
            seen[key] += 1
            overwritten = [r for r in by_row[key] if write["base"] < r[0] < record and r[1] != who]
            if overwritten:
                figures.lost.append(f"{who} #{write['number']} over {overwritten}")
            slot = (write["entity"], write["row"], write.get("field", "text"))
            if slot not in last_saved or last_saved[slot][0] < record:
                last_saved[slot] = (record, write["value"])
    final = finals[0]
    figures.views_differ = any(f != final for f in finals[1:])
    texts = Counter(text for _, _, text in final["events"])
    added = [w["value"] for log in logs for w in log["writes"] if w["row"] is None]
    for log in logs:
        for write in log["writes"]:
            if write["row"] is None:
                if texts[write["value"]] > 1:
                    figures.duplicates.append(write["value"])
                if write["outcome"] == "saved" and texts[write["value"]] == 0:
                    figures.missing.append(write["value"])
                if write["outcome"] != "saved" and texts[write["value"]]:
                    figures.duplicates.append(f"refused but present: {write['value']}")
    assert len(added) == len(set(added))
    shown = {("review", "field", k): final[k] for k in ("summary", "impact", "title")}
    events = {(e[0]): e[2] for e in final["events"]}
    lessons = {(x[0]): x[2] for x in final["lessons"]}
    for (entity, row, slot), (_, value) in last_saved.items():
        now = (
            shown[("review", "field", slot)]
            if entity == "review"
            else events.get(row)
            if entity == "timeline_event"
            else lessons.get(row)
        )
        if now != value:
            figures.final_mismatch.append(f"{entity} {row} {slot}: {now!r} != {value!r}")
    return figures
