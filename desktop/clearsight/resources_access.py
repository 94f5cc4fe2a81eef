"""The one way to reach files under resources/ (house style 8), wherever the app is installed."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    node = files("clearsight.resources")
    for part in parts:
        node = node / part
    return node


def resource_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")
