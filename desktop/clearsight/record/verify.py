"""`clearsight verify`: does an exported record still say what was signed?

It reads the machine form the file carries, computes its digest, checks every standing
signature against that digest with the public key stored beside it, and renders the record
again: any difference between that and the file (a changed word in a table, an edited
digest) means the file was altered after export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clearsight.errors import InputError
from clearsight.record.canonical import digest_of
from clearsight.record.markdown_export import extract_form as extract_markdown
from clearsight.record.markdown_export import render_markdown
from clearsight.record.signing import verify_digest


@dataclass
class Verdict:
    digest: str = ""
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def verify_file(path: Path) -> Verdict:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(str(path), [err.strerror or str(err)]) from None
    if data.startswith(b"%PDF"):
        from clearsight.record.pdf_export import extract_form, render_pdf

        form = extract_form(data)
        verdict = _check(form)
        same = render_pdf(form, verdict.digest) == data
        _note(
            verdict,
            same,
            "the PDF is exactly the record it carries",
            "the PDF differs from the record it carries: it was changed after export",
        )
        return verdict
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(str(path), ["not a Markdown or PDF export (not UTF-8 text)"]) from None
    form = extract_markdown(text, str(path))
    verdict = _check(form)
    again = render_markdown(form, verdict.digest)
    line = _first_difference(again, text)
    _note(
        verdict,
        line is None,
        "the Markdown is exactly the record it carries",
        f"the Markdown differs from the record it carries at line {line}: "
        "it was changed after export",
    )
    return verdict


def _check(form: dict[str, Any]) -> Verdict:
    if form.get("schema") != "clearsight.review" or not isinstance(form.get("review"), dict):
        raise InputError("record", ["the carried data is not a Clearsight review"])
    verdict = Verdict(digest=digest_of(form))
    signoffs = [s for s in form["review"].get("signoffs", []) if not s.get("voided_at")]
    if not signoffs:
        verdict.passed.append("not signed off: only the content is checked")
    for s in signoffs:
        who = s.get("person", "?")
        if s.get("digest") != verdict.digest:
            verdict.failed.append(f"{who}'s sign-off is for different content")
        elif not s.get("signature"):
            verdict.passed.append(f"{who} approved without a cryptographic signature")
        else:
            try:
                good = verify_digest(
                    bytes.fromhex(s.get("public_key") or ""),
                    bytes.fromhex(s["signature"]),
                    verdict.digest,
                )
            except ValueError:
                good = False
            _note(
                verdict,
                good,
                f"{who}'s Ed25519 signature is valid",
                f"{who}'s signature does not verify",
            )
    return verdict


def _note(verdict: Verdict, good: bool, passed: str, failed: str) -> None:
    (verdict.passed if good else verdict.failed).append(passed if good else failed)


def _first_difference(expected: str, actual: str) -> int | None:
    if expected == actual:
        return None
    a, b = expected.splitlines(), actual.splitlines()
    for n, (x, y) in enumerate(zip(a, b, strict=False), 1):
        if x != y:
            return n
    return min(len(a), len(b)) + 1
