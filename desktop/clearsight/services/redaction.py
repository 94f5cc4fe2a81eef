"""Redaction in the review itself: secrets replaced where they were typed.

The export dialog offers it when the facilitator would rather remove a secret for good than
only from one export. Each secret is found by its machine-form path, which follows the same
order as the review's own lists.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from clearsight.db.store import Store
from clearsight.errors import UserError
from clearsight.record.redact import Secret, redact_text
from clearsight.review.data import ReviewDetail, WhyNodeData, WhyTreeData
from clearsight.services.actions import Actions
from clearsight.services.factors import Factors
from clearsight.services.part import Part
from clearsight.services.records import Records
from clearsight.services.reviews import Reviews
from clearsight.services.timeline import Timeline
from clearsight.services.whys import Whys

_INDEX = re.compile(r"\[(\d+)\]")


class Redaction(Part):
    def redact_in_review(self, review_id: int, secrets: list[Secret]) -> int:
        """Replaces each secret in the stored review; returns how many fields changed.

        One transaction: when one field cannot be written, none is.
        """
        with self._tx() as s:
            form = Records(self.store, s).export_review(review_id)
            detail = Reviews(self.store, s).get_review(review_id)
            by_field: dict[str, list[Secret]] = {}
            for secret in secrets:
                by_field.setdefault(secret.field, []).append(secret)
            olds: dict[str, str] = {}
            for path in by_field:
                old = _value_at(form, path)
                if not isinstance(old, str):
                    raise UserError(f"{path} is not in the review any more.")
                olds[path] = old
            for path, found in by_field.items():
                _write(self.store, s, detail, path, redact_text(olds[path], found))
            return len(by_field)

    def texts_in_review(self, review_id: int, paths: list[str]) -> dict[str, str]:
        """The text now at each machine-form path: what a redaction there replaces."""
        with self._tx() as s:
            form = Records(self.store, s).export_review(review_id)
        found = {path: _value_at(form, path) for path in paths}
        return {path: text for path, text in found.items() if isinstance(text, str)}

    def restore_in_review(self, review_id: int, texts: dict[str, str]) -> None:
        """Writes texts back at their machine-form paths: the undo of a redaction."""
        with self._tx() as s:
            detail = Reviews(self.store, s).get_review(review_id)
            for path, text in texts.items():
                _write(self.store, s, detail, path, text)


def _value_at(form: dict[str, Any], path: str) -> Any:
    target: Any = form
    for step in re.findall(r"[A-Za-z_]\w*|\[\d+\]", path):
        key: Any = int(step[1:-1]) if step.startswith("[") else step
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            return None
    return target


def _write(store: Store, s: Session, d: ReviewDetail, path: str, text: str) -> None:
    numbers = [int(n) for n in _INDEX.findall(path)]
    field = path.rsplit(".", 1)[-1]
    if path in ("review.summary", "review.impact", "review.title", "review.incident_id"):
        Reviews(store, s).set_field(d.id, field, text)
    elif path.startswith("review.timeline["):
        event = d.events[numbers[0]]
        Timeline(store, s).set_event(event.id, event.at, text)
    elif path.startswith("review.impact_figures["):
        figure = sorted(d.figures, key=lambda f: f.position)[numbers[0]]
        label, value = (text, figure.value) if field == "label" else (figure.label, text)
        Reviews(store, s).set_figure(figure.id, label, value)
    elif path.startswith("review.lessons."):
        kind = path.split(".")[2].split("[")[0]
        lesson = sorted((x for x in d.lessons if x.kind == kind), key=lambda x: x.position)
        Reviews(store, s).set_lesson_text(lesson[numbers[0]].id, text)
    elif path.startswith("review.factors["):
        Factors(store, s).set_factor(d.factors[numbers[0]].id, **{field: text})
    elif path.startswith("review.actions["):
        Actions(store, s).set_action(d.actions[numbers[0]].id, **{field: text})
    elif path.startswith("review.why_trees["):
        tree = d.trees[numbers[0]]
        if field == "problem":
            Whys(store, s).set_tree_problem(tree.id, text)
        else:
            Whys(store, s).set_node_text(_node(tree, numbers[1:]).id, text)
    else:
        raise UserError(f"{path} cannot be redacted here: change it by hand.")


def _node(tree: WhyTreeData, steps: list[int]) -> WhyNodeData:
    parent: int | None = None
    node: WhyNodeData | None = None
    for step in steps:
        node = tree.children(parent)[step]
        parent = node.id
    if node is None:
        raise UserError("That why is not in the tree any more.")
    return node
