"""A big archive of made-up reviews, fast: for measuring search and the Insights page at scale.

    python -m tests.helpers.archive DATABASE [-n 5000] [--seed 20]

Each review gets varied, plausible text (services, components, symptoms and triggers mixed by
templates), a severity, a status, an incident somewhere in one year, people in roles, 12-30
timeline events with marks, one or two why trees, the default defense layers, factors, action
items with owners, due dates and statuses, lessons and impact figures, and the history of a
review becoming final and of an item moving to done (what the Insights figures read). Rows go
in with one executemany per table (the services would make ~50 transactions per review), then
the search index is rebuilt from the tables. The same seed gives the same archive.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from clearsight.db import search_index
from clearsight.db.models import (
    ActionItem,
    Change,
    DefenseLayer,
    Factor,
    ImpactFigure,
    Lesson,
    Participant,
    Person,
    Review,
    TimelineEvent,
    WhyNode,
    WhyTree,
)
from clearsight.services.factors import DEFAULT_LAYERS

SERVICES = (
    "checkout", "payments", "auth", "search", "inventory", "notifications", "billing",
    "catalog", "shipping", "recommendations", "login", "api-gateway", "cdn", "dns", "ledger",
    "reporting", "mobile-api", "web-frontend", "scheduler", "webhooks", "invoicing", "profile",
)  # fmt: skip
COMPONENTS = (
    "connection pool", "load balancer", "Kafka consumer group", "Redis cache",
    "PostgreSQL primary", "read replica", "TLS certificate", "feature flag", "deploy pipeline",
    "autoscaler", "rate limiter", "DNS record", "message queue", "cron job", "config map",
    "service mesh sidecar", "disk volume", "JVM heap", "thread pool", "circuit breaker",
    "object storage bucket", "search cluster", "session store", "retry policy",
)  # fmt: skip
SYMPTOMS = (
    "HTTP 503 errors", "elevated p99 latency", "request timeouts", "failed logins",
    "duplicate charges", "stale search results", "missing notifications", "a queue backlog",
    "OOM kills", "a 5xx spike", "dropped webhooks", "slow page loads", "failed payouts",
    "empty carts", "certificate warnings", "partial outages",
)  # fmt: skip
TRIGGERS = (
    "a config change", "a deploy of {service} v{ver}", "a certificate expiry",
    "a traffic spike from a marketing email", "a schema migration", "an expired credential",
    "a dependency upgrade", "a cloud zone outage in {region}", "a runaway batch job",
    "a feature flag rollout", "a kernel upgrade", "a DNS TTL change", "a vendor API change",
)  # fmt: skip
REGIONS = ("eu-west", "us-east", "us-west", "ap-south", "eu-central", "sa-east")
FIRST = (
    "Dana", "Kenji", "Priya", "Tomás", "Aisha", "Lars", "Mei", "Olu", "Sofia", "Ravi", "Noor",
    "Jonas", "Chloé", "Yusuf", "Ingrid", "Mateo", "Hana", "Felix", "Zara", "Emeka",
)  # fmt: skip
LAST = (
    "Okafor", "Tanaka", "Sharma", "Müller", "Haddad", "Nilsson", "Chen", "Adeyemi", "Rossi",
    "Iyer", "Kowalski", "García", "Dubois", "Park",
)  # fmt: skip
EVENTS = (
    ("{symptom} alert fired for {service} in {region}", "detected"),
    ("On-call engineer acknowledged the page for {service}", "acknowledged"),
    ("{trigger} reached {service} in {region}", "trigger"),
    ("Dashboards show {component} saturation on {service}", None),
    ("Logs show '{component} timeout' on every {service} instance", None),
    ("Customer support reports {symptom} on {service}", None),
    ("Escalated to the {service} team and the database on-call", "escalated"),
    ("Status page updated: {service} degraded in {region}", None),
    ("Rolled back {service} to v{ver}; {symptom} dropping", "mitigated"),
    ("{component} limits raised from {n} to {m} on {service}", "mitigated"),
    ("{symptom} back under baseline for {service}", "resolved"),
    ("Incident channel opened; an incident commander took the lead", None),
    ("Found CHG-{change} in the deploy log for {service}", None),
    ("Retry storm from {service} clients doubled the load on the {component}", None),
    ("Failover of the {component} to {region} started", None),
    ("Backlog of {n} queued jobs drained", None),
    ("All clear given; monitoring {service} for another hour", "all_clear"),
)
WHYS = (
    "The {component} ran out of capacity under {service} load",
    "Traffic rose by {n}% after {trigger}",
    "The capacity review did not cover the {component}",
    "No alert watches {component} saturation",
    "The runbook for {service} predates the {component}",
    "Staging never sees {region} peak traffic",
    "The change went out to every instance at once, without a canary",
    "Retries from clients multiplied the load",
    "Nobody owned the {component} after the team reorganisation",
)
FACTORS = (
    "No alert on {component} saturation for {service}",
    "Staging does not mirror {region} traffic, so the {component} limit went untested",
    "The deploy pipeline ships config changes without a canary stage",
    "The {service} runbook had no step for {symptom}",
    "Client retries without backoff amplified the {component} overload",
    "The {component} default limit of {n} was copied from another service",
    "Certificate and credential expiry dates are tracked by hand",
)
ACTIONS = (
    "Add an alert on {component} saturation for {service}",
    "Send config changes to {service} through the canary stage",
    "Document the {component} limits in the {service} runbook",
    "Load-test {service} at {n}x peak in staging",
    "Add exponential backoff with jitter to {service} clients",
    "Automate certificate renewal for {service}",
    "Give the {component} an owning team and an on-call rotation",
)
LESSONS = (
    ("well", "Rolling back {service} took one command and {n} minutes"),
    ("well", "The {symptom} alert fired within {n} minutes of the trigger"),
    ("poorly", "It took {n} minutes to find who owns the {component}"),
    ("poorly", "The status page lagged the incident by {n} minutes"),
    ("lucky", "The {symptom} began off-peak, in a quiet hour for {region}"),
    ("lucky", "An engineer who knew the {component} happened to be online"),
)
SEVERITIES = (("SEV-1", 5), ("SEV-2", 20), ("SEV-3", 45), ("SEV-4", 30))
STATUSES = (("final", 60), ("in_review", 15), ("draft", 25))
ACTION_STATUSES = (("done", 45), ("open", 30), ("in_progress", 15), ("dropped", 10))
PEOPLE = 120


def build_archive(
    connection: Connection,
    reviews: int = 5_000,
    seed: int = 20,
    start: date = date(2026, 1, 1),
    index: bool = True,
) -> dict[str, int]:
    """Adds ``reviews`` made-up reviews in the caller's transaction; returns rows per table.
    ``index=False`` for a database older than the search index (as a test of its backfill)."""
    rng = random.Random(seed)
    ids = _Ids(connection)
    rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
    now = datetime.now(UTC)
    people = [ids.next(Person) for _ in range(PEOPLE)]
    for n, pid in enumerate(people):
        first, last = FIRST[n % len(FIRST)], LAST[(n * 7 + n // len(FIRST)) % len(LAST)]
        handle = f"{first.lower()}.{last.lower()}{n}"
        rows[_t(Person)].append(
            {"id": pid, "name": f"{first} {last}", "handle": handle, "created_at": now}
        )
        rows[_t(Person)][-1]["email"] = f"{handle}@example.com"
    for _ in range(reviews):
        _review(rng, ids, rows, people, start, now)
    for model in (
        Person, Review, Participant, ImpactFigure, TimelineEvent, WhyTree, WhyNode,
        DefenseLayer, Factor, ActionItem, Lesson, Change,
    ):  # fmt: skip
        batch = rows[_t(model)]
        for first_row in range(0, len(batch), 20_000):
            connection.execute(insert(_t(model)), batch[first_row : first_row + 20_000])
    ids.advance_sequences()
    if index:
        search_index.rebuild(connection)
    return {table.name: len(batch) for table, batch in rows.items()}


def _review(
    rng: random.Random,
    ids: _Ids,
    rows: dict[Table, list[dict[str, Any]]],
    people: list[int],
    start: date,
    now: datetime,
) -> None:
    rid = ids.next(Review)
    service, region = rng.choice(SERVICES), rng.choice(REGIONS)
    words = {
        "service": service,
        "region": region,
        "component": rng.choice(COMPONENTS),
        "symptom": rng.choice(SYMPTOMS),
    }
    words["trigger"] = rng.choice(TRIGGERS).format(ver=_ver(rng), **words)

    def say(template: str) -> str:
        return template.format(
            n=rng.randint(2, 90),
            m=rng.randint(100, 400),
            ver=_ver(rng),
            change=rng.randint(1000, 99999),
            **words,
        )

    began = datetime.combine(start, datetime.min.time(), UTC) + timedelta(
        minutes=rng.randint(0, 364 * 24 * 60)
    )
    minutes = rng.randint(20, 600)
    severity = _weighted(rng, SEVERITIES)
    status = _weighted(rng, STATUSES)
    if status == "final":  # signed off a day to two weeks after: some within 7 days
        _moved(rows, ids, rid, "review", "final", began + timedelta(hours=rng.randint(24, 336)))
    rows[_t(Review)].append(
        {
            "id": rid,
            "uid": f"{rng.getrandbits(128):032x}",
            "title": say("{symptom} on {service} in {region} after {trigger}").capitalize(),
            "severity": severity,
            "status": status,
            "incident_id": f"INC-{rid:05d}",
            "incident_start": began,
            "incident_end": began + timedelta(minutes=minutes),
            "meeting_at": began + timedelta(days=rng.randint(1, 9)),
            "summary": say(
                "Between the first alert and the all clear, {service} in {region} served "
                "{symptom}. {trigger} left the {component} short of capacity; a rollback "
                "restored service after {n} minutes."
            ),
            "impact": say("About {m} customers saw {symptom}; {n} support tickets."),
            "display_zone": "UTC",
            "created_at": began + timedelta(hours=2),
            "updated_at": now,
        }
    )
    roles = ("facilitator", "notetaker", *["attendee"] * rng.randint(1, 4))
    for role, person in zip(roles, rng.sample(people, len(roles)), strict=True):
        rows[_t(Participant)].append(
            {"id": ids.next(Participant), "review_id": rid, "person_id": person, "role": role}
        )
    for position in range(rng.randint(1, 3)):
        label, value = rng.choice(
            (("Failed requests", "{m},{n}0"), ("Peak error rate", "{n} %"), ("Minutes", "{n}"))
        )
        rows[_t(ImpactFigure)].append(
            {
                "id": ids.next(ImpactFigure),
                "review_id": rid,
                "label": label,
                "value": say(value),
                "position": position,
            }
        )
    for n in range(rng.randint(12, 30)):
        template, mark = rng.choice(EVENTS)
        rows[_t(TimelineEvent)].append(
            {
                "id": ids.next(TimelineEvent),
                "review_id": rid,
                "text": say(template),
                "at": began + timedelta(minutes=minutes * n / 30),
                "mark": mark,
            }
        )
    nodes: list[int] = []
    for position in range(rng.randint(1, 2)):
        tree = ids.next(WhyTree)
        rows[_t(WhyTree)].append(
            {
                "id": tree,
                "review_id": rid,
                "position": position,
                "problem": say("Why did {service} return {symptom}?"),
            }
        )
        parent = None
        for depth in range(rng.randint(3, 7)):
            node = ids.next(WhyNode)
            rows[_t(WhyNode)].append(
                {
                    "id": node,
                    "tree_id": tree,
                    "parent_id": parent,
                    "position": 0,
                    "text": say(rng.choice(WHYS)),
                    "changeable": depth > 1 or None,
                }
            )
            nodes.append(node)
            parent = node
    layers = [ids.next(DefenseLayer) for _ in DEFAULT_LAYERS]
    for position, (layer, name) in enumerate(zip(layers, DEFAULT_LAYERS, strict=True)):
        rows[_t(DefenseLayer)].append(
            {"id": layer, "review_id": rid, "name": name, "position": position}
        )
    for position in range(rng.randint(2, 5)):
        rows[_t(Factor)].append(
            {
                "id": ids.next(Factor),
                "review_id": rid,
                "layer_id": rng.choice(layers),
                "text": say(rng.choice(FACTORS)),
                "accepted_risk": False,
                "accepted_reason": "",
                "position": position,
            }
        )
    for position in range(rng.randint(2, 5)):
        status = _weighted(rng, ACTION_STATUSES)
        action = ids.next(ActionItem)
        if status == "done":  # done 2 to 70 days after the incident: on time or late
            done = began + timedelta(days=rng.randint(2, 70), hours=rng.randint(0, 23))
            _moved(rows, ids, rid, f"action:{action}", "done", done)
        rows[_t(ActionItem)].append(
            {
                "id": action,
                "review_id": rid,
                "what": say(rng.choice(ACTIONS)),
                "category": rng.choice(("prevention", "detection", "mitigation", "process")),
                "owner_id": rng.choice(people),
                "due": (began + timedelta(days=rng.randint(7, 60))).date(),
                "ticket": f"OPS-{rng.randint(100, 9999)}",
                "verification": say("Verified when a staged {symptom} on {service} is caught"),
                "status": status,
                "status_reason": "superseded" if status == "dropped" else "",
                "evidence": say("Shipped in CHG-{change}") if status == "done" else "",
                "position": position,
                "created_at": began + timedelta(days=1),
            }
        )
    for position in range(rng.randint(2, 6)):
        kind, template = rng.choice(LESSONS)
        rows[_t(Lesson)].append(
            {
                "id": ids.next(Lesson),
                "review_id": rid,
                "kind": kind,
                "text": say(template),
                "position": position,
            }
        )


def _moved(rows: Any, ids: _Ids, review: int, entity: str, new: str, at: datetime) -> None:
    """A status move in the review's history, as the services write one."""
    old, why = ("in_review", "all approvers signed") if new == "final" else ("in_progress", "")
    move = {"entity": entity, "field": "status", "old": old, "new": new, "reason": why}
    rows[_t(Change)].append({"id": ids.next(Change), "review_id": review, "at": at, **move})


def _t(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _ver(rng: random.Random) -> str:
    return f"{rng.randint(1, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 9)}"


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


class _Ids:
    """Ids given out here, after the newest already in each table, so rows can refer to each
    other before they are written; PostgreSQL's sequences are moved past them at the end."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.last: dict[Table, int] = {}

    def next(self, model: Any) -> int:
        table = _t(model)
        if table not in self.last:
            self.last[table] = self.connection.scalar(select(func.max(table.c.id))) or 0
        self.last[table] += 1
        return self.last[table]

    def advance_sequences(self) -> None:
        if self.connection.dialect.name != "postgresql":
            return
        for table, last in self.last.items():
            self.connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :last)"),
                {"last": last},
            )


def main() -> None:
    from clearsight.db.store import open_store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="a SQLite file or a postgresql+psycopg:// URL")
    parser.add_argument("-n", "--reviews", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    store = open_store(args.database)
    try:
        with store.engine.begin() as connection:
            counts = build_archive(connection, args.reviews, args.seed)
    finally:
        store.close()
    print(", ".join(f"{n} {table}" for table, n in counts.items()))


if __name__ == "__main__":
    main()
