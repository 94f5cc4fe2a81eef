"""Writing a record out: redact secrets, compute the digest, render, replace atomically.

The file is written next to its destination under a temporary name, flushed to disk and then
renamed over it, so a failure (full disk, a crash) never leaves a truncated record.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clearsight.errors import UserError
from clearsight.record.canonical import digest_of
from clearsight.record.markdown_export import render_markdown
from clearsight.record.redact import Secret, find_secrets, redacted

FORMATS = ("md", "pdf", "json")


def prepare(form: dict[str, Any], allow_secrets: bool) -> tuple[dict[str, Any], list[Secret]]:
    """The form to write and the secrets found (redacted in it unless ``allow_secrets``)."""
    secrets = find_secrets(form)
    return (form if allow_secrets or not secrets else redacted(form, secrets)), secrets


def render(form: dict[str, Any], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise UserError(f"Unknown format {fmt!r}: use {', '.join(FORMATS)}.")
    digest = digest_of(form)
    if fmt == "md":
        return render_markdown(form, digest).encode()
    if fmt == "pdf":
        from clearsight.record.pdf_export import render_pdf

        return render_pdf(form, digest)
    return (json.dumps(form, indent=2, ensure_ascii=False) + "\n").encode()


def write_atomically(path: Path, data: bytes | Callable[[], bytes]) -> None:
    """Writes ``data`` to ``path`` all or nothing."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder")
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as out:
            out.write(data() if callable(data) else data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private (0600); a record is for others to read.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as err:
        raise UserError(
            f"{path}: could not write the export ({err.strerror or err}); nothing was changed"
        ) from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
