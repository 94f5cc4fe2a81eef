"""5 Whys trees and Swiss-cheese factors in the store: moves, deletes with undo, links."""

from __future__ import annotations

import pytest

from clearsight.errors import UserError
from clearsight.services.factors import DEFAULT_LAYERS
from clearsight.services.root import Services


@pytest.fixture
def review_id(service: Services) -> int:
    return service.reviews.create_review("Whys", "SEV-3")


def shape(service: Services, review_id: int, tree_id: int) -> list[tuple[int, str]]:
    """(depth, text) in reading order: the tree as the outline shows it."""
    [tree] = [t for t in service.reviews.get_review(review_id).trees if t.id == tree_id]
    out: list[tuple[int, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in tree.children(parent):
            out.append((depth, node.text))
            walk(node.id, depth + 1)

    walk(None, 1)
    return out


def test_a_new_review_has_the_default_layers(service: Services, review_id: int) -> None:
    assert [x.name for x in service.reviews.get_review(review_id).layers] == list(DEFAULT_LAYERS)


def test_answers_branches_and_moves(service: Services, review_id: int) -> None:
    tree = service.whys.add_tree(review_id, "Checkout failed for 47 minutes")
    a = service.whys.add_node(tree, None, "The pool ran out of connections")
    b = service.whys.add_node(tree, a, "The pool size was lowered to 8")
    c = service.whys.add_node(tree, a, "Load rose at the afternoon peak")
    d = service.whys.add_node(tree, b, "The change had no load test")
    assert shape(service, review_id, tree) == [
        (1, "The pool ran out of connections"),
        (2, "The pool size was lowered to 8"),
        (3, "The change had no load test"),
        (2, "Load rose at the afternoon peak"),
    ]
    assert service.reviews.get_review(review_id).trees[0].depth(d) == 3
    # Shift+Tab on d: it becomes an answer of a, right after b.
    assert service.whys.move_node(d, a, 1) == (b, 0)
    assert [t for _, t in shape(service, review_id, tree)][1:] == [
        "The pool size was lowered to 8",
        "The change had no load test",
        "Load rose at the afternoon peak",
    ]
    service.whys.move_node(c, a, 0)  # Alt+Up to the top
    assert shape(service, review_id, tree)[1] == (2, "Load rose at the afternoon peak")
    with pytest.raises(UserError, match="its own answer"):
        service.whys.move_node(a, b, 0)


def test_deleting_a_node_keeps_the_factor_and_undo_relinks(
    service: Services, review_id: int
) -> None:
    tree = service.whys.add_tree(review_id, "Problem")
    a = service.whys.add_node(tree, None, "A")
    b = service.whys.add_node(tree, a, "B")
    service.whys.set_node_changeable(b, True)
    layer = service.reviews.get_review(review_id).layers[2].id
    factor = service.factors.add_factor(
        review_id, "No canary gate on config changes", layer, node_id=b
    )
    assert service.reviews.get_review(review_id).factors[0].node_ids == (b,)

    snap = service.whys.delete_node(a)
    detail = service.reviews.get_review(review_id)
    assert detail.trees[0].nodes == []
    assert [(f.id, f.text, f.node_ids) for f in detail.factors] == [
        (factor, "No canary gate on config changes", ())
    ]
    ids = service.whys.restore_node(snap)
    detail = service.reviews.get_review(review_id)
    assert shape(service, review_id, tree) == [(1, "A"), (2, "B")]
    assert detail.factors[0].node_ids == (ids[b],)
    assert [n.changeable for n in detail.trees[0].nodes] == [None, True]


def test_a_deep_tree_and_tree_delete_restore(service: Services, review_id: int) -> None:
    tree = service.whys.add_tree(review_id, "Deep")
    parent = None
    for n in range(50):
        parent = service.whys.add_node(tree, parent, f"why {n}")
    assert len(shape(service, review_id, tree)) == 50
    snap = service.whys.delete_tree(tree)
    assert service.reviews.get_review(review_id).trees == []
    new_tree, ids = service.whys.restore_tree(review_id, snap)
    assert len(ids) == 50
    assert shape(service, review_id, new_tree)[-1] == (50, "why 49")


def test_layers_rename_move_delete_and_restore(service: Services, review_id: int) -> None:
    layers = service.reviews.get_review(review_id).layers
    factor = service.factors.add_factor(review_id, "Alert threshold 10% for 5 min", layers[3].id)
    service.factors.rename_layer(layers[3].id, "Alerting")
    assert service.factors.move_layer(layers[3].id, 0) == 3
    assert service.reviews.get_review(review_id).layers[0].name == "Alerting"
    data, factor_ids = service.factors.delete_layer(layers[3].id)
    assert factor_ids == [factor]
    assert service.reviews.get_review(review_id).factors[0].layer_id is None
    restored = service.factors.restore_layer(review_id, data, factor_ids)
    detail = service.reviews.get_review(review_id)
    assert detail.layers[0].id == restored and detail.factors[0].layer_id == restored
    with pytest.raises(UserError, match="needs a name"):
        service.factors.add_layer(review_id, "   ")


def test_factor_risk_needs_a_reason_and_open_holes(service: Services, review_id: int) -> None:
    factor = service.factors.add_factor(review_id, "Replica lag not alerted")
    assert service.reviews.get_review(review_id).factors[0].is_open
    with pytest.raises(UserError, match="needs a reason"):
        service.factors.set_factor(factor, accepted_risk=True)
    old = service.factors.set_factor(
        factor, accepted_risk=True, accepted_reason="Replica is read-only"
    )
    assert old == {"accepted_risk": False, "accepted_reason": ""}
    assert not service.reviews.get_review(review_id).factors[0].is_open
    data = service.factors.delete_factor(factor)
    again = service.factors.restore_factor(review_id, data)
    assert service.reviews.get_review(review_id).factors[0].id == again
    with pytest.raises(UserError, match="has no colour"):
        service.factors.set_factor(again, colour="red")


def test_deleting_several_factors_is_all_or_nothing(service: Services, review_id: int) -> None:
    texts = ["first", "second", "third", "fourth"]
    ids = [service.factors.add_factor(review_id, t) for t in texts]
    with pytest.raises(UserError, match="no factor 999"):
        service.factors.delete_factors([ids[0], 999])
    assert [f.text for f in service.reviews.get_review(review_id).factors] == texts
    gone = service.factors.delete_factors([ids[3], ids[1]])
    assert [f.text for f in service.reviews.get_review(review_id).factors] == ["first", "third"]
    service.factors.restore_factors(review_id, gone)
    assert [f.text for f in service.reviews.get_review(review_id).factors] == texts
