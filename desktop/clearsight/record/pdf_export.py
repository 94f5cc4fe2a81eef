"""The review record as a PDF a director prints, carrying its machine form inside.

The same form and digest always give the same bytes (verification re-renders and compares):
reportlab's invariant mode, a document date and file id taken from the record instead of the
clock, and no other source of chance. The machine form rides along as the embedded file
``clearsight-record.json``; ``extract_form`` reads it back without a PDF library.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from datetime import UTC, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

from clearsight.errors import InputError
from clearsight.record import limits
from clearsight.record.pdf_canvas import NumberedCanvas, a4_document
from clearsight.record.pdf_sections import story
from clearsight.record.pdf_style import register
from clearsight.review.rules import parse_instant

ATTACHMENT = "clearsight-record.json"
# A key of our own in the embedded file's stream dictionary: extract_form finds the stream by
# it, so it needs no PDF parser. PDF readers ignore keys they do not know.
MARKER = b"/ClearsightRecord"
TRAILER = 1024  # the end of a file that holds all of the trailer reportlab writes (~200 bytes)


def render_pdf(form: dict[str, Any], digest: str) -> bytes:
    """The record as A4 pages; byte-identical for the same ``form`` and ``digest``."""
    register()
    review = form.get("review", {})
    payload = json.dumps(form, ensure_ascii=False, indent=None, sort_keys=True).encode()
    out = io.BytesIO()
    doc = a4_document(
        out,
        review.get("title") or "Postmortem review",
        6 * mm,
        subject=f"{review.get('severity', '')} postmortem review {review.get('incident_id', '')}",
        keywords=f"sha256:{digest}",
    )

    def canvas(*args: Any, **kwargs: Any) -> RecordCanvas:
        return RecordCanvas(*args, digest=digest, payload=payload, dated=_dated(review), **kwargs)

    doc.build(story(form, digest, doc.width, doc.height), canvasmaker=canvas)
    return out.getvalue()


def file_id(digest: str) -> bytes:
    """The trailer's /ID entry: from the digest, where reportlab would hash the time."""
    ident = digest[:32].encode().ljust(32, b"0")
    return b"\n[<" + ident + b"><" + ident + b">]\n"


def is_rendering(pdf: bytes, form: dict[str, Any], digest: str) -> bool:
    """Whether ``pdf`` is byte for byte what ``render_pdf`` makes of ``form`` and ``digest``.

    The pages are rendered again unless the file's trailer, its last bytes, lacks the id
    that render_pdf writes for this digest: then no rendering can match (a program that
    re-saves a PDF usually gives it a new id), and the answer costs nothing.
    """
    if b"/ID " + file_id(digest) not in pdf[-TRAILER:]:
        return False
    return render_pdf(form, digest) == pdf


class RecordCanvas(NumberedCanvas):
    """The record's pages, numbered; the last says the digest, and the machine form goes in
    as an attachment."""

    def __init__(
        self, *args: Any, digest: str, payload: bytes, dated: datetime, **kwargs: Any
    ) -> None:
        stamp = dated.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
        footer = f"Clearsight review record \u00b7 digest {digest[:16]}"
        super().__init__(*args, footer=footer, stamp=stamp, **kwargs)
        self.digest = digest
        self.payload = payload
        # A verifier's environment must not change the bytes: the file id comes from the
        # record too, not from SOURCE_DATE_EPOCH.
        self._doc._ID = file_id(digest)

    def before_save(self) -> None:
        self._attach()

    def last_page_note(self) -> str:
        return f"SHA-256 of the record: {self.digest}"

    def _attach(self) -> None:
        """The machine form as an embedded file, listed in the catalog's /Names tree."""
        doc = self._doc
        stream = PDFStream(
            PDFDictionary(
                {
                    "Type": PDFName("EmbeddedFile"),
                    # "/" inside a name must be written #2F; PDFName would split it in two.
                    "Subtype": "/application#2Fjson",
                    "Filter": PDFName("FlateDecode"),
                    MARKER.decode()[1:]: 1,
                }
            ),
            content=zlib.compress(self.payload, 9),
        )
        spec = PDFDictionary(
            {
                "Type": PDFName("Filespec"),
                "F": PDFString(ATTACHMENT),
                "UF": PDFString(ATTACHMENT),
                "Desc": PDFString("Machine form of this review record (schema clearsight.review)"),
                "AFRelationship": PDFName("Data"),
                "EF": PDFDictionary({"F": doc.Reference(stream)}),
            }
        )
        names = PDFArray([PDFString(ATTACHMENT), doc.Reference(spec)])
        doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": names})})


def _dated(review: dict[str, Any]) -> datetime:
    """The document's date: the last valid sign-off, else the meeting, else the incident."""
    signed = [s.get("signed_at") for s in review.get("signoffs") or [] if not s.get("voided_at")]
    for text in (
        max(filter(None, signed), default=None),
        review.get("meeting_at"),
        review.get("incident_end"),
        review.get("incident_start"),
    ):
        if text:
            try:
                return parse_instant(text)
            except ValueError:
                continue
    return datetime(2000, 1, 1, tzinfo=UTC)


def extract_form(pdf: bytes) -> dict[str, Any]:
    """The machine form embedded by ``render_pdf``; InputError when there is none or it is bad."""
    at = pdf.rfind(MARKER)
    start = pdf.rfind(b"<<", 0, at) if at >= 0 else -1
    end = pdf.find(b">>", at) if at >= 0 else -1
    body = re.compile(rb">>\s*stream\r?\n").match(pdf, end) if end >= 0 else None
    if start < 0 or body is None:
        raise InputError("<pdf>", ["no Clearsight record embedded"])
    head = pdf[start:end]
    length = re.search(rb"/Length\s+(\d+)(?!\d)(?!\s+\d+\s+R)", head)
    data_at = body.end()
    stop = data_at + int(length.group(1)) if length else pdf.find(b"endstream", data_at)
    data = pdf[data_at:stop]
    try:
        if b"/FlateDecode" in head:
            # Bounded: a few kB of deflate can stand for gigabytes.
            inflate = zlib.decompressobj()
            data = inflate.decompress(data, limits.MAX_FILE_BYTES)
            if inflate.unconsumed_tail:
                raise ValueError(f"larger than {limits.MAX_FILE_BYTES // limits.MB} MB")
            if not inflate.eof:
                raise ValueError("the compressed data is cut short")
        form = limits.json_value(data.decode("utf-8"))
    except (zlib.error, ValueError) as err:  # UnicodeDecodeError is a ValueError
        raise InputError("<pdf>", [f"the embedded Clearsight record is damaged: {err}"]) from None
    if not isinstance(form, dict):
        raise InputError("<pdf>", ["the embedded Clearsight record is not a JSON object"])
    return form
