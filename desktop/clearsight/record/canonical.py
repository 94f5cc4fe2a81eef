"""The record's canonical form and its SHA-256 digest: what sign-offs sign and exports carry.

The content is the machine form (schema clearsight.review v1) without what changes around a
finished record: its sign-offs (they sign the digest), its status, its change history and the
dismissed language flags. Canonical JSON: keys sorted, no spaces, UTF-8, strings in Unicode NFC with
line ends as \\n, so the same record gives the same digest on any machine.
"""

from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from typing import Any

from clearsight.record.form_memo import NO_MEMO, FormMemo, NoMemo

# The status moves to final *because* of the signatures, so it cannot be part of what they sign.
NOT_CONTENT = ("signoffs", "history", "dismissed_flags", "status")


def content_of(form: dict[str, Any]) -> dict[str, Any]:
    """The part of a machine form that the digest covers (shares the form's values: a copy
    of a big review took 40 ms, and neither the digest nor its callers change them)."""
    content = dict(form)
    review = content.get("review")
    if isinstance(review, dict):
        content["review"] = {k: v for k, v in review.items() if k not in NOT_CONTENT}
    return content


def _normal(value: Any) -> Any:
    if type(value) is str:  # most strings already are: checking is cheaper than making
        if value.isascii() and "\r" not in value:
            return value
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, dict):
        return {k if type(k) is str else str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    if isinstance(value, str):  # a str subclass: normalised as a plain str
        return _normal(str(value))
    return value


def _json(value: Any) -> str:
    return json.dumps(_normal(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_bytes(form: dict[str, Any], memo: FormMemo = NO_MEMO) -> bytes:
    """With a ``memo``, each of the review's parts that is the very object it was last time
    keeps its JSON: the text is the same as json.dumps of the whole, put together by hand
    (keys sorted, no spaces) from the parts."""
    content = content_of(form)
    review = content.get("review")
    if not isinstance(review, dict) or isinstance(memo, NoMemo):
        return _json(content).encode()
    parts = {
        key: memo.part(f"json.{key}", (value,), functools.partial(_json, value))
        for key, value in review.items()
    }
    inner = ",".join(f"{_json(key)}:{parts[key]}" for key in sorted(parts))
    outer = {k: v for k, v in content.items() if k != "review"}
    pieces = {k: _json(v) for k, v in outer.items()} | {"review": "{" + inner + "}"}
    return ("{" + ",".join(f"{_json(k)}:{pieces[k]}" for k in sorted(pieces)) + "}").encode()


def digest_of(form: dict[str, Any], memo: FormMemo = NO_MEMO) -> str:
    """SHA-256 of the canonical content, as 64 lower-case hex digits."""
    return hashlib.sha256(canonical_bytes(form, memo)).hexdigest()
