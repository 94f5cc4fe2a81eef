"""The Markdown record: GFM structure, literal user text, the carried form, verify."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from clearsight.errors import InputError
from clearsight.record.canonical import digest_of
from clearsight.record.machine_import import load_file
from clearsight.record.markdown_export import extract_form, render_markdown
from clearsight.record.verify import verify_file
from clearsight.resources_access import resource

NASTY = "a | b\n# not a heading\n<script>alert(1)</script> *x* [l](http://e) 1. no"


@pytest.fixture
def form() -> dict[str, Any]:
    """The demo review's machine form, as the export would see it."""
    import json

    data = json.loads(resource("demo", "review.json").read_text(encoding="utf-8"))
    load_file(resource("demo", "review.json"))  # the demo is a valid import
    data["review"]["signoffs"] = []
    return data


def tokens(md: str) -> list[Any]:
    return MarkdownIt("commonmark").enable("table").parse(md)


def test_sections_in_record_order(form: dict[str, Any]) -> None:
    md = render_markdown(form, digest_of(form))
    parsed = tokens(md)
    headings = [
        parsed[i + 1].content
        for i, t in enumerate(parsed)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert headings == [
        "Summary",
        "Impact",
        "Timeline",
        "Contributing factors",
        "5 Whys",
        "Action items",
        "Lessons",
        "Sign-off",
    ]
    assert md.startswith("# [SEV-2] Checkout API returned errors in eu-west")
    assert md.splitlines()[0].endswith(", 47 min")


def test_the_timeline_and_action_tables_parse_row_by_row(form: dict[str, Any]) -> None:
    md = render_markdown(form, digest_of(form))
    rows: list[list[str]] = []
    current: list[str] = []
    for t in tokens(md):
        if t.type == "tr_open":
            current = []
        elif t.type == "inline" and current is not None:
            current.append(t.content)
        elif t.type == "tr_close":
            rows.append(current)
    timeline = [r for r in rows if r and r[0].startswith("2026-03-15")]
    assert len(timeline) == len(form["review"]["timeline"])
    assert timeline[2][1] == "**Trigger / fault start**"
    actions = [r for r in rows if r and r[0][:1] == "A" and r[0][1:].isdigit()]
    owners = [r[3] for r in actions]
    assert owners == ["Amara Okafor", "Kenji Watanabe", "Diego Morales", "Tomas Novak"]


def test_user_text_stays_literal(form: dict[str, Any]) -> None:
    form["review"]["summary"] = NASTY
    form["review"]["timeline"][0]["text"] = NASTY
    form["review"]["title"] = "# <b>Title</b> | x"
    md = render_markdown(form, digest_of(form))
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert (
        html.count("<h1>") == 1
        and "<h1>[SEV-2] # &lt;b&gt;Title&lt;/b&gt; | x, 47 min</h1>" in html
    )
    assert "not a heading" in html and "<h1>not a heading" not in html
    assert "<em>" not in html.split("<h2>Summary</h2>")[1].split("<h2>")[0]
    # The table keeps its three columns although the text holds a pipe and a newline.
    row = [r for r in md.splitlines() if r.startswith("| 2026-03-15 13:41")][0]
    assert row.count(" | ") == 2


def test_the_carried_form_round_trips(form: dict[str, Any]) -> None:
    md = render_markdown(form, digest_of(form))
    assert extract_form(md) == form
    with pytest.raises(InputError, match="no Clearsight record"):
        extract_form("# just a document\n")


def test_verify_passes_intact_and_fails_tampered(form: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "record.md"
    md = render_markdown(form, digest_of(form))
    path.write_text(md, encoding="utf-8")
    assert verify_file(path).ok
    for old, new in [("31%", "32%"), ("Kenji Watanabe", "Kenji Watanabf"), ("SEV-2", "SEV-3")]:
        path.write_text(md.replace(old, new, 1), encoding="utf-8")
        verdict = verify_file(path)
        assert not verdict.ok, (old, new)
    # The carried form itself edited (and the visible text with it): the digest moves.
    other = copy.deepcopy(form)
    other["review"]["summary"] += "!"
    forged = render_markdown(other, digest_of(form))
    path.write_text(forged, encoding="utf-8")
    assert not verify_file(path).ok
