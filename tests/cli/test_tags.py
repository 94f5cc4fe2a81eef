"""Tags from the command line: put on and taken off a review, the taxonomy with counts,
search by tag, related reviews; and output cut short by a pipe is not a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clearsight.cli import main
from clearsight.db.store import open_store
from clearsight.services.demo import add_demo
from clearsight.services.root import Services


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tags_on_reviews_filter_search_and_relate_them(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "demo")[0] == 0
    assert run(capsys, "demo")[0] == 0
    new = run(capsys, "new", "--title", "Search cluster out of disk")[1].strip()
    code, out, _ = run(capsys, "tag", "1", "service: payments", "trigger: config change", "pools")
    assert code == 0 and out.strip() == "service: payments, trigger: config change, pools"
    assert run(capsys, "tag", "2", "Service: Payments")[1].strip() == "service: payments"
    assert run(capsys, "tag", new, "service: search")[0] == 0
    code, out, _ = run(capsys, "tags", "--json")
    assert json.loads(out)[0] == {"kind": "service", "name": "payments", "uses": 2}
    code, out, _ = run(capsys, "search", "pool", "--tag", "pools", "--json")
    assert code == 0 and {h["review_id"] for h in json.loads(out)} == {1}
    code, out, _ = run(capsys, "related", "1", "--json")
    [related] = json.loads(out)["related"]
    assert related["review"] == 2 and related["shared_tags"] == ["service: payments"]
    assert related["similar_factors"] > 0  # the same demo: its factors are alike
    assert json.loads(out)["seen_before"][0]["like"][0]["review"] == 2
    code, out, _ = run(capsys, "related", "1")
    assert "F1 seen before in 2 " in out and "action" in out
    code, _, err = run(capsys, "tags", "--rename", "pools", "theme: capacity")
    assert code == 0 and "renamed to capacity" in err
    code, out, _ = run(capsys, "tag", "2", "capacity")  # into an existing one: one tag
    code, _, _ = run(capsys, "tags", "--rename", "capacity", "service: payments")
    code, out, _ = run(capsys, "tags", "--json")
    assert json.loads(out) == [
        {"kind": "service", "name": "payments", "uses": 2},  # 1 and 2 keep it once each
        {"kind": "trigger", "name": "config change", "uses": 1},
        {"kind": "service", "name": "search", "uses": 1},
    ]
    assert run(capsys, "tag", "1", "--remove", "service: payments")[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tag", "1", "service:  "], "A tag needs a name"),
        (["tag", "1", "--remove", "never-put-on"], "has no tag 'never-put-on'"),
        (["tag", "99", "x"], "There is no review 99"),
        (["tag", "1", "x" * 101], "at most 100 characters"),
        (["tags", "--rename", "nothing", "x"], "There is no tag 'nothing'"),
    ],
)
def test_bad_tags_say_what_and_exit_2(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(capsys, "demo")[0] == 0
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err
    assert run(capsys, "tags")[1] == ""  # nothing half-written


def test_output_cut_short_by_a_pipe_is_not_a_crash(db: Path) -> None:
    env = {**os.environ, "CLEARSIGHT_DATABASE": str(db)}
    store = open_store(str(db))
    for _ in range(
        12
    ):  # 500 hits as JSON (~150 KB): more than a pipe holds, so the writer meets the cut
        add_demo(Services(store))
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-m", "clearsight", "search", "the", "--limit", "500", "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    child.stdout.readline()
    child.stdout.close()  # as `| head -1` does
    err = child.stderr.read().decode()
    child.stderr.close()
    assert child.wait() == 141  # stopped quietly, as a shell reports SIGPIPE
    assert "went wrong" not in err and "Traceback" not in err
