"""The PDF record: the same bytes every time, its machine form inside, text a reader can find."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

from clearsight.errors import InputError
from clearsight.record.canonical import digest_of
from clearsight.record.pdf_export import MARKER, extract_form, render_pdf
from clearsight.record.pdf_style import cjk_font, markup
from clearsight.review.rules import parse_instant
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.timeline.marks import (
    MARK_COLORS,
    MARK_LABELS,
    durations,
    format_duration,
    marked,
)

REPO = Path(__file__).resolve().parents[2]
GREEK = "Καθυστέρηση στην πληρωμή"
CYRILLIC = "Задержка платежей"


@pytest.fixture
def form(service: Services) -> dict[str, Any]:
    """The demo review as exported, with text that tests the escaping and the fonts."""
    form = service.records.export_review(add_demo(service))
    review = form["review"]
    review["impact"] = "Literal <b>& markup stays text.\nSecond line."
    review["summary"] = f"{GREEK}. {CYRILLIC}. Café, naïve, Øresund."
    review["signoffs"] = [
        {
            "person": "lfischer",
            "role": "approver",
            "signed_at": "2026-03-19T09:12:44Z",
            "digest": digest_of(form),
            "signature": "ab" * 32,
            "voided_at": None,
            "void_reason": None,
        }
    ]
    return form


@pytest.fixture
def pdf(form: dict[str, Any]) -> bytes:
    return render_pdf(form, digest_of(form))


def _text(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace as one space (lines wrap where they like)."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return [" ".join(page.extract_text().split()) for page in pages]


def test_the_same_record_gives_the_same_bytes(form: dict[str, Any], pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert render_pdf(form, digest_of(form)) == pdf


def test_the_bytes_depend_on_neither_hash_seed_nor_build_date(
    form: dict[str, Any], pdf: bytes, tmp_path: Path
) -> None:
    source = tmp_path / "form.json"
    source.write_text(json.dumps(form), encoding="utf-8")
    script = (
        "import json, sys\n"
        "from clearsight.record.canonical import digest_of\n"
        "from clearsight.record.pdf_export import render_pdf\n"
        "form = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "sys.stdout.buffer.write(render_pdf(form, digest_of(form)))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(source)], capture_output=True, env=env, check=True
    )
    assert done.stdout == pdf


def test_the_machine_form_rides_inside(form: dict[str, Any], pdf: bytes) -> None:
    assert extract_form(pdf) == form
    # What `clearsight verify` does: render the carried form again and compare.
    assert render_pdf(extract_form(pdf), digest_of(form)) == pdf
    attachments = pypdf.PdfReader(io.BytesIO(pdf)).attachments
    assert list(attachments) == ["clearsight-record.json"]
    assert json.loads(attachments["clearsight-record.json"][0]) == form


def test_a_reader_finds_the_record_text(form: dict[str, Any], pdf: bytes) -> None:
    pages = _text(pdf)
    text = " ".join(pages)
    digest = digest_of(form)
    assert "Checkout API returned errors in eu-west after a pool-size change" in text
    assert "14:49 Rollback of CHG-7781 deployed to eu-west." in text
    assert "Amara Okafor (@amara)" in text
    assert "Literal <b>& markup stays text." in text
    times = marked((parse_instant(e["at"]), e["mark"]) for e in form["review"]["timeline"])
    detect = next(d for d in durations(times) if d.key == "detect")
    assert f"Time to detect {format_duration(detect.value)}" in text
    assert "Lena Fischer (@lfischer) Approver 2026-03-19 09:12:44 UTC Present This record" in text
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
        assert digest[:16] in page
    assert digest in pages[-1]


def test_greek_and_cyrillic_survive(pdf: bytes) -> None:
    text = " ".join(_text(pdf))
    assert GREEK in text and CYRILLIC in text and "Øresund" in text


def test_text_the_fonts_lack_does_not_break_the_export(form: dict[str, Any]) -> None:
    form["review"]["summary"] = "東京の決済障害 and 한국어 and an emoji \U0001f680 \x00\x07 done"
    form["review"]["defense_layers"][0] = "コードレビュー <b>&"
    for factor in form["review"]["factors"]:
        if factor["layer"] == "Code review":
            factor["layer"] = "コードレビュー <b>&"
    pdf = render_pdf(form, digest_of(form))
    text = " ".join(_text(pdf))
    assert "done" in text
    if cjk_font():
        assert "東京の決済障害" in text
    assert extract_form(pdf) == form


def test_a_cell_taller_than_a_page_splits_instead_of_failing(form: dict[str, Any]) -> None:
    form["review"]["timeline"][2]["text"] = ("A pasted log line that goes on. " * 40 + "\n") * 12
    form["review"]["actions"][0]["what"] = "word " * 3000
    pdf = render_pdf(form, digest_of(form))
    assert len(_text(pdf)) > 6 and extract_form(pdf) == form


def test_a_bare_review_renders() -> None:
    form = {"schema": "clearsight.review", "version": 1, "review": {"title": "t"}}
    pdf = render_pdf(form, digest_of(form))
    assert extract_form(pdf) == form
    assert "No events recorded." in " ".join(_text(pdf))


def test_markup_prints_user_text_literally() -> None:
    assert markup("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert markup("one\r\ntwo\rthree\x00") == "one<br/>two<br/>three"
    assert markup(None) == ""


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_errors(pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_pdf_without_a_record_is_refused() -> None:
    with pytest.raises(InputError) as err:
        extract_form(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    assert err.value.problems == ["no Clearsight record embedded"]


def test_one_changed_byte_of_the_embedded_record_shows(form: dict[str, Any], pdf: bytes) -> None:
    head = pdf.index(MARKER)
    found = re.compile(rb"/Length (\d+)[^>]*>>\s*stream\r?\n").search(pdf, head)
    assert found is not None
    length = int(found.group(1))
    for offset in range(0, length, max(1, length // 40)):
        at = found.end() + offset
        changed = pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]
        try:
            assert extract_form(changed) != form, f"a change at byte {offset} went unseen"
        except InputError as err:
            assert "damaged" in str(err)


def test_every_mark_has_a_colour() -> None:
    # The window and the PDF share one table (clearsight.timeline.marks); a new mark needs
    # its colour there, or the export draws it in the fallback grey.
    assert set(MARK_COLORS) == set(MARK_LABELS)
