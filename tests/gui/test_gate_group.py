"""A checklist of hundreds of items: the first few one by one, the rest counted per phase,
each line leading where its items are fixed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clearsight.review.signoff import GateItem
from clearsight.ui.signoff.parts import SHOWN, GateGroup


def test_a_long_checklist_shows_the_first_items_and_counts_the_rest(qtbot: QtBot) -> None:
    group = GateGroup("Blocking", "#b00020", "Blocking items")
    qtbot.addWidget(group)
    items = [GateItem("actions", f"A{n} has no owner", True) for n in range(500)]
    items += [GateItem("timeline", f"Event {n} has no text", True) for n in range(40)]
    group.set_items(items)
    assert len(group.texts()) == 540  # the model keeps every item
    texts = [label.text() for label in group.labels]
    assert len(texts) == SHOWN + 2
    assert "and 470 more on" in texts[SHOWN] and "and 40 more on" in texts[SHOWN + 1]
    with qtbot.waitSignal(group.chosen) as chosen:
        group.choose(SHOWN + 1)
    assert chosen.args[0].message == "Event 0 has no text"
