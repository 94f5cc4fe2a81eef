"""The readers the fuzz tests feed, and hypothesis strategies for their hostile inputs.

Shared by tests/unit/test_readers_fuzz.py (a fixed budget in CI) and tests/fuzz_readers.py
(longer runs on demand).
"""

from __future__ import annotations

import base64
import copy
import csv
import io
import json
import re
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from clearsight.db.store import Store, open_store
from clearsight.errors import UserError
from clearsight.language.lint import lint_main
from clearsight.record.canonical import digest_of
from clearsight.record.machine_import import load_bytes, parse
from clearsight.record.markdown_export import FORM_END, FORM_START, render_markdown
from clearsight.record.verify import verify_file
from clearsight.resources_access import resource_text
from clearsight.services.root import Services
from clearsight.timeline.chat_import import read_messages

DAY = date(2026, 3, 15)
BUDGET = settings(
    max_examples=150,
    deadline=timedelta(seconds=5),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ---- hostile values -------------------------------------------------------------------------
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "\ud800",
    "ok \udfff ok",
    "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00+05:00",
    "2026-03-15T14:23:00Z",
    "2026-02-30T10:00Z",
    "SEV--1",
    "-1",
    "SEV-2",
    "sev 3",
    "Mars/Olympus",
    "../../etc/passwd",
    "+05:00",
    "Europe/Berlin",
    "1e18",
    "-1e18",
    "nan",
    "inf",
    "1773583200.5",
    "w1",
    "f1",
    "@kenji",
    "Kenji",
    "trigger",
    "Trigger",
    "final",
    "<@U1|kenji>",
    "<https://x.example|link>",
    "\u202e\u0301\ufeff",
    "\U0001f525",
]
_text = st.text(st.characters(exclude_categories=()), max_size=40)
_long = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["x", "<", "[", "{", "\x00", "a ", "<@", "\ud800", "é"]),
    st.integers(0, 5000),
)
hostile_text = st.one_of(st.sampled_from(NASTY), _text, _long)
json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile_text,
)
json_values = st.recursive(
    json_leaves,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(hostile_text, kids, max_size=3),
    max_leaves=8,
)
deep_json = st.builds(
    lambda n, brace: ("[" if brace else '{"a":') * n + ("]" if brace else "}") * n,
    st.integers(0, 1500),
    st.booleans(),
)


def mutate(value: Any, data: st.DataObject, changes: int = 3) -> Any:
    """``value`` (JSON data) with a few of its parts replaced by hostile ones, or removed."""
    value = copy.deepcopy(value)
    for _ in range(data.draw(st.integers(0, changes))):
        parent: Any = None
        key: Any = None
        node = value
        while isinstance(node, dict | list) and node and data.draw(st.integers(0, 3)):
            key = data.draw(
                st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
            )
            parent, node = node, node[key]
        if parent is None:
            continue
        if isinstance(parent, dict) and data.draw(st.integers(0, 4)) == 0:
            del parent[key]
        else:
            parent[key] = data.draw(json_values)
    return value


def _json_bytes(value: Any) -> bytes:
    """JSON as a file holds it; a lone surrogate travels as its \\u escape."""
    return json.dumps(value, ensure_ascii=True).encode()


# ---- the inputs -----------------------------------------------------------------------------
@cache
def demo_form() -> dict[str, Any]:
    """A complete machine form, as Clearsight exports it."""
    from tests.perf.big_review import review_form

    form = review_form(events=12, trees=2, answers=6, factors=4, actions=3)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "demo.sqlite3"))
        try:
            services = Services(store)
            return services.records.export_review(services.records.create_from(parse(form, "")))
        finally:
            store.close()


@st.composite
def machine_forms(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(deep_json).encode()
    if kind == 1:
        return draw(st.binary(max_size=200))
    base = json.loads(resource_text("demo", "review.json")) if kind == 2 else demo_form()
    return _json_bytes(mutate(base, draw(st.data()), changes=4))


@st.composite
def slack_exports(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 6)) == 0:
        return draw(deep_json).encode()
    message = st.fixed_dictionaries(
        {
            "ts": st.one_of(st.just("1773583200.000100"), hostile_text, json_leaves),
            "text": st.one_of(st.just("<@U1> paged <https://x.example|dash>"), hostile_text),
        },
        optional={
            "user": st.one_of(st.just("U1"), json_values),
            "user_profile": st.one_of(st.just({"real_name": "Kenji"}), json_values),
            "subtype": json_values,
            "bot_id": json_values,
        },
    )
    messages = draw(st.lists(st.one_of(message, json_values), max_size=6))
    return _json_bytes(messages)


_stamps = st.one_of(
    st.sampled_from(
        [
            "[09:14]",
            "14:23",
            "2026-03-15 14:23Z",
            "2026-03-15T23:59:59+01:00",
            "9999-12-31 23:00-05:00",
            "0001-01-01 00:30+05:00",
            "0001-01-01 00:30",
            "25:99",
            "[02:30]",
        ]
    ),
    _text,
)
_names = st.one_of(st.sampled_from(["kenji:", "<amara>", "<" + "a" * 300 + ">", "x:"]), _text)


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes invalid UTF-8


@st.composite
def chat_logs(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 6)) == 0:
        return draw(st.binary(max_size=300))
    lines = st.builds(
        lambda stamp, name, text: f"{stamp} {name} {text}", _stamps, _names, hostile_text
    )
    return _encoded("\n".join(draw(st.lists(st.one_of(lines, _text), max_size=8))))


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    head = draw(
        st.one_of(
            st.just(["time", "text", "author"]),
            st.just(["when", "message"]),
            st.lists(hostile_text, max_size=4),
        )
    )
    cell = st.one_of(_stamps, hostile_text)
    rows = draw(st.lists(st.lists(cell, max_size=5), max_size=6))
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [head, *rows]:
        writer.writerow(row)
    return _encoded(out.getvalue())


def _carry(form_json: bytes, text: str = "# A record\n\n") -> str:
    data = base64.encodebytes(form_json).decode()
    return f"{text}{FORM_START}\n{data}{FORM_END}\n"


@st.composite
def markdown_records(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return _encoded(_carry(draw(deep_json).encode()))
    if kind == 1:
        return _encoded(_carry(draw(st.binary(max_size=200))))
    if kind == 2:  # a genuine record, its text tampered with
        form = demo_form()
        text = render_markdown(form, digest_of(form))
        at = draw(st.integers(0, len(text)))
        return _encoded(text[:at] + draw(hostile_text) + text[at:])
    form = mutate(demo_form(), draw(st.data()), changes=2)
    body = render_markdown(demo_form(), digest_of(demo_form())).split(FORM_START)[0]
    return _encoded(_carry(_json_bytes(form), body))


@cache
def _pdf_template() -> tuple[bytes, bytes]:
    """A genuine PDF record, cut where its embedded form's stream starts."""
    from clearsight.record.pdf_export import MARKER, render_pdf

    form = demo_form()
    pdf = render_pdf(form, digest_of(form))
    return pdf, MARKER


@st.composite
def pdf_records(draw: st.DrawFn) -> bytes:
    pdf, marker = _pdf_template()
    if draw(st.booleans()):  # bytes flipped or cut off
        at = draw(st.integers(0, len(pdf) - 1))
        return pdf[:at] + draw(st.binary(max_size=20)) + pdf[at + draw(st.integers(0, 50)) :]
    payload = _json_bytes(mutate(demo_form(), draw(st.data()), changes=2))
    if draw(st.integers(0, 4)) == 0:
        payload = draw(deep_json).encode()
    start = pdf.rfind(b"<<", 0, pdf.rfind(marker))
    head_end = pdf.find(b">>", pdf.rfind(marker))
    stream = re.compile(rb">>\s*stream\r?\n").match(pdf, head_end)
    assert stream is not None
    packed = zlib.compress(payload)
    head = re.sub(rb"/Length \d+", b"/Length %d" % len(packed), pdf[start:head_end])
    tail = pdf.find(b"endstream", stream.end())
    return pdf[:start] + head + pdf[head_end : stream.end()] + packed + b"\n" + pdf[tail:]


names_lists = st.lists(
    st.one_of(hostile_text, st.integers(0, 700).map(lambda n: "K" + "a" * n)), max_size=6
)


# ---- the readers ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Reader:
    name: str
    inputs: st.SearchStrategy[Any]
    read: Callable[[Any, Path], object]


STORES: dict[Path, Store] = {}  # one database per folder, for the imports


def _read_machine_form(raw: bytes, folder: Path) -> object:
    parsed = load_bytes(raw, "form.json")
    if folder not in STORES:
        STORES[folder] = open_store(str(folder / "import.sqlite3"))
    return Services(STORES[folder]).records.create_from(parsed)  # what `import` does


def _file(folder: Path, name: str, raw: bytes) -> Path:
    path = folder / name
    path.write_bytes(raw)
    return path


def _read_slack(raw: bytes, folder: Path) -> object:
    read_messages(_file(folder, "channel.json", raw), UTC, DAY)
    day_folder = folder / "inc"
    day_folder.mkdir(exist_ok=True)
    _file(day_folder, "2026-03-15.json", raw)
    _file(folder, "users.json", raw)
    return read_messages(day_folder, UTC, DAY)


def _read_chat(raw: bytes, folder: Path) -> object:
    from clearsight.timeline.zones import zone

    return read_messages(_file(folder, "chat.log", raw), zone("Europe/Berlin"), DAY)


def _read_csv(raw: bytes, folder: Path) -> object:
    return read_messages(_file(folder, "events.csv", raw), UTC, DAY)


def _verify_md(raw: bytes, folder: Path) -> object:
    return verify_file(_file(folder, "record.md", raw))


def _verify_pdf(raw: bytes, folder: Path) -> object:
    return verify_file(_file(folder, "record.pdf", raw))


def _lint_names(names: list[str], folder: Path) -> object:
    text = "## Summary\n\n" + " ".join(f"{n} skipped the canary." for n in names[:3]) + "\n"
    path = _file(folder, "pm.md", _encoded(text))
    out, err = io.StringIO(), io.StringIO()
    code = lint_main([str(path)], names, "json", True, out, err)
    assert code in (0, 1, 2) and (code != 2 or err.getvalue())
    return code


READERS = (
    Reader("machine form", machine_forms(), _read_machine_form),
    Reader("slack export", slack_exports(), _read_slack),
    Reader("chat log", chat_logs(), _read_chat),
    Reader("csv", csv_files(), _read_csv),
    Reader("markdown record", markdown_records(), _verify_md),
    Reader("pdf record", pdf_records(), _verify_pdf),
    Reader("lint --names", names_lists, _lint_names),
)


def outcome(reader: Reader, example: Any, folder: Path) -> str:
    """ "ok", or "clean error"; any other exception propagates."""
    try:
        reader.read(example, folder)
    except UserError as err:
        message = str(err)
        message.encode("utf-8")  # printable as it is: no raw surrogate
        assert len(message) < 20_000, "a message must not carry the input"
        return "clean error"
    return "ok"
