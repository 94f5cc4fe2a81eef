"""The Insights figures on hand-made rows: known medians and spreads, every action item state at
its edges, a review without marks, instants in other zones, and every number's ids."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from clearsight.review import insights
from clearsight.review.insight_data import ActionRow, FactorRow, ReviewRow
from clearsight.review.insight_words import factor_words

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
JAN = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
NEW_YORK = timezone(timedelta(hours=-5))


def review(
    rid: int, start: datetime, minutes_to_resolve: float | None = None, **kw: object
) -> ReviewRow:
    marks = {}
    if minutes_to_resolve is not None:
        marks = {
            "trigger": start,
            "detected": start + timedelta(minutes=4),
            "acknowledged": start + timedelta(minutes=6),
            "mitigated": start + timedelta(minutes=20),
            "resolved": start + timedelta(minutes=4 + minutes_to_resolve),
        }
    fields: dict[str, object] = {"title": f"Review {rid}", "severity": "SEV-2", "status": "draft"}
    fields.update(kw)
    return ReviewRow(
        rid,
        started=start,
        incident_start=start,
        marks=marks,
        **fields,  # type: ignore[arg-type]
    )


def action(aid: int, rid: int = 1, **kw: object) -> ActionRow:
    fields: dict[str, object] = {
        "owner": "Dana", "category": "prevention", "status": "open", "due": None, "done_at": None,
    }  # fmt: skip
    fields.update(kw)
    return ActionRow(aid, rid, **fields)  # type: ignore[arg-type]


def figures(reviews: list[ReviewRow], actions=(), factors=(), **kw):  # type: ignore[no-untyped-def]
    return insights.compute(
        reviews, actions, factors, date(2026, 1, 1), date(2026, 6, 30), kw.pop("now", NOW), **kw
    )


def test_quantiles_interpolate_between_neighbours() -> None:
    assert insights.quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert insights.quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.25) == 2.0
    assert insights.quantile([10.0, 20.0, 30.0, 40.0], 0.75) == 32.5
    assert insights.quantile([7.0], 0.25) == 7.0
    assert insights.quantile([], 0.5) is None


def test_median_and_spread_per_month_and_quarter_with_their_reviews() -> None:
    feb = datetime(2026, 2, 3, tzinfo=UTC)
    rows = [review(1, JAN, 10), review(2, JAN, 20), review(3, JAN, 30), review(4, JAN, 40)]
    rows += [review(5, feb, 60), review(6, feb)]  # 6 has no marks at all
    f = figures(rows)
    jan, feb_ = f.monthly
    assert (jan.label, feb_.label) == ("2026-01", "2026-02")
    resolve = jan.spreads["resolve"]
    assert (resolve.n, resolve.median, resolve.p25, resolve.p75) == (4, 1500.0, 1050.0, 1950.0)
    assert resolve.review_ids == (1, 2, 3, 4)
    assert feb_.spreads["resolve"].review_ids == (5,) and feb_.spreads["resolve"].n == 1
    [q1] = f.quarterly
    assert q1.label == "2026-Q1" and q1.spreads["resolve"].median == 1800.0
    assert q1.spreads["detect"].median == 240.0 and q1.spreads["acknowledge"].median == 120.0
    assert q1.spreads["mitigate"].median == 960.0
    assert all(f.untimed[k] == (6,) for k in insights.DURATION_KEYS)


def test_a_review_without_marks_counts_everywhere_but_in_the_times() -> None:
    f = figures([review(9, JAN)])
    [times] = f.times
    assert times.seconds == dict.fromkeys(insights.TREND_KEYS)
    assert f.by_severity["2026-01"]["SEV-2"].review_ids == (9,)
    assert f.monthly[0].spreads["resolve"] == insights.Spread(0, None, None, None, ())


def test_the_incident_start_stands_in_for_a_missing_trigger_and_bad_order_is_no_time() -> None:
    start = JAN
    marks = {"detected": start + timedelta(minutes=7), "resolved": start + timedelta(minutes=3)}
    row = ReviewRow(1, "x", "SEV-1", "draft", start, start, marks=marks)
    seconds = insights.review_times(row).seconds
    assert seconds["detect"] == 420.0  # from the incident start
    assert seconds["resolve"] is None  # resolved before detected: a problem, not a negative time
    assert insights.review_times(row._replace(incident_start=None)).seconds["detect"] is None


def test_instants_in_other_zones_are_counted_in_their_utc_month() -> None:
    # 22:30 on 31 January in New York is 03:30 on 1 February in UTC.
    late = datetime(2026, 1, 31, 22, 30, tzinfo=NEW_YORK)
    f = figures([review(1, late, 15), review(2, JAN, 25)])
    assert f.by_severity["2026-01"]["SEV-2"].review_ids == (2,)
    assert f.by_severity["2026-02"]["SEV-2"].review_ids == (1,)
    assert [p.label for p in f.monthly] == ["2026-01", "2026-02"]
    assert f.times[1].seconds["resolve"] == 900.0
    assert len(f.months) == 6 and f.by_severity["2026-06"]["SEV-1"].count == 0
    assert list(figures([review(1, JAN)], severities=("SEV-2",)).by_severity["2026-01"]) == [
        "SEV-2"
    ]  # filtered: only the severities asked for


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        (
            {
                "status": "done",
                "due": date(2026, 3, 1),
                "done_at": datetime(2026, 3, 1, 23, 59, tzinfo=UTC),
            },
            "on_time",
        ),  # noqa: E501
        (
            {
                "status": "done",
                "due": date(2026, 3, 1),
                "done_at": datetime(2026, 3, 2, 0, 0, tzinfo=UTC),
            },
            "late",
        ),  # noqa: E501
        ({"status": "done", "due": None, "done_at": None}, "on_time"),
        ({"status": "done", "due": date(2026, 3, 1), "done_at": None}, "done_undated"),
        ({"status": "open", "due": date(2026, 6, 29)}, "overdue"),
        ({"status": "in_progress", "due": date(2026, 6, 29)}, "overdue"),
        ({"status": "open", "due": date(2026, 6, 30)}, "open"),  # due today: not late yet
        ({"status": "open", "due": None}, "open"),
        ({"status": "dropped", "due": date(2026, 1, 1)}, "dropped"),
    ],
)
def test_action_item_states_at_their_edges(fields: dict[str, object], state: str) -> None:
    assert insights.action_state(action(1, **fields), NOW) == state


def test_a_due_date_is_a_day_in_the_review_zone() -> None:
    # Done at 23:30 on the due day in New York: 04:30 the next day in UTC, and still on time.
    done = datetime(2026, 3, 2, 4, 30, tzinfo=UTC)
    item = action(1, status="done", due=date(2026, 3, 1), done_at=done)
    assert insights.action_state(item, NOW) == "late"
    zone = insights._zone("America/New_York")
    assert insights.action_state(item, NOW, zone) == "on_time"
    f = figures([review(1, JAN, zone="America/New_York")], [item])
    assert f.actions["on_time"].row_ids == (1,)


def test_action_buckets_by_state_owner_and_category_carry_their_ids() -> None:
    rows = [review(1, JAN), review(2, JAN)]
    items = [
        action(10, 1, status="done", due=date(2026, 2, 1), done_at=JAN),
        action(11, 1, status="done", due=date(2026, 1, 5), done_at=JAN, category="detection"),
        action(12, 2, status="open", due=date(2026, 2, 1), owner="Kenji"),
        action(13, 2, status="dropped", owner=""),
        action(14, 99, status="open"),  # a review outside the range: not counted
    ]
    f = figures(rows, items)
    assert {k: b.row_ids for k, b in f.actions.items() if b.count} == {
        "on_time": (10,), "late": (11,), "overdue": (12,), "dropped": (13,),
    }  # fmt: skip
    assert f.actions["overdue"].review_ids == (2,) and f.actions["on_time"].label == "Done on time"
    assert list(f.by_owner) == ["Dana", "(no owner)", "Kenji"]
    assert f.by_owner["Dana"]["late"].row_ids == (11,)
    assert list(f.by_category) == ["prevention", "detection"]  # the rules' order
    assert f.by_category["detection"]["late"].review_ids == (1,)
    assert "done_undated" not in insights.shown(f.actions)


def test_layers_and_words_of_factors() -> None:
    rows = [review(1, JAN), review(2, JAN)]
    factors = [
        FactorRow(1, 1, "Monitoring and alerting", "No alert on pool saturation"),
        FactorRow(2, 2, "monitoring  and alerting", "The alert for the pool was muted"),
        FactorRow(3, 2, None, "Alert thresholds copied from v1.2 (token ghp_abc123)"),
    ]
    f = figures(rows, factors=factors)
    first = f.layers[0]
    assert (first.label, first.count, first.review_ids, first.row_ids) == (
        "Monitoring and alerting", 2, (1, 2), (1, 2),
    )  # fmt: skip
    assert f.layers[1].label == "(no layer)"
    words = {b.label: b.row_ids for b in f.words}
    assert words["alert"] == (1, 2, 3) and words["pool"] == (1, 2)
    assert f.words[0].label == "alert"
    assert not {"the", "for", "ghp_abc123", "abc123", "v1"} & set(words)


def test_factor_words_are_content_words_only() -> None:
    text = "The team's read-only TLS-1.3 config, no alert on Kafka_consumer; Überlast 42"
    assert factor_words(text) == {"team", "read-only", "config", "alert", "überlast"}


def test_signed_off_records_against_the_days_allowed() -> None:
    rows = [
        review(1, JAN, status="final", final_at=JAN + timedelta(days=7)),
        review(2, JAN, status="final", final_at=JAN + timedelta(days=7, seconds=1)),
        review(3, NOW - timedelta(days=8), title="Old draft", severity="SEV-1"),
        review(4, NOW - timedelta(days=3)),
        review(5, JAN, status="final"),  # final, but when is not kept
    ]
    f = figures(rows)
    assert {k: b.review_ids for k, b in f.record.items()} == {
        "on_time": (1,), "late": (2,), "unsigned_late": (3,), "waiting": (4,),
        "signed_undated": (5,),
    }  # fmt: skip
    [old] = f.unsigned
    assert (old.review_id, old.title, old.severity, round(old.days)) == (3, "Old draft", "SEV-1", 8)
    assert f.times[0].seconds["record"] == 7 * 86_400
    assert f.record["unsigned_late"].label == "Unsigned after 7 days"
    assert figures(rows, record_days=5).record["late"].review_ids == (1, 2)


def test_months_merge_into_quarters_with_their_reviews() -> None:
    f = figures([review(1, JAN), review(2, datetime(2026, 3, 5, tzinfo=UTC))])
    by = insights.merge(f.by_severity, insights.quarter_of)
    assert list(by) == ["2026-Q1", "2026-Q2"]
    assert by["2026-Q1"]["SEV-2"].review_ids == (1, 2) and by["2026-Q1"]["SEV-2"].count == 2


def test_the_figures_as_json_hold_every_id() -> None:
    f = figures([review(1, JAN, 10)], [action(5, 1)], [FactorRow(3, 1, "Code review", "x")])
    data = json.loads(json.dumps(f.as_json()))
    assert data["review_ids"] == [1] and data["actions"]["open"]["row_ids"] == [5]
    assert data["by_severity"]["2026-01"]["SEV-2"]["review_ids"] == [1]
    assert data["monthly"][0]["resolve"]["median_s"] == 600.0
    assert data["layers"][0]["row_ids"] == [3] and data["as_of"] == "2026-06-30T12:00:00Z"


def test_tags_count_each_review_once_and_only_in_range() -> None:
    tagged = [(1, "service: payments"), (1, "service: payments"), (2, "service: payments"),
              (2, "capacity"), (9, "capacity")]  # fmt: skip
    buckets = insights.tag_counts(tagged, {1, 2})
    assert [(b.label, b.count, b.review_ids) for b in buckets] == [
        ("service: payments", 2, (1, 2)),
        ("capacity", 1, (2,)),
    ]
