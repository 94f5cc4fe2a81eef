"""Writing a record out: redact secrets, compute the digest, render, replace atomically.

The file is written next to its destination under a temporary name, flushed to disk and then
renamed over it, so a failure (full disk, a crash) never leaves a truncated record.
"""

from __future__ import annotations

import errno
import json
import os
import stat
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


SQLITE_MAGIC = b"SQLite format 3\x00"


def write_atomically(
    path: Path, data: bytes | Callable[[], bytes], overwrite: bool = False
) -> None:
    """Writes ``data`` to ``path`` all or nothing, and never over what the user did not name.

    An existing file is replaced only with ``overwrite`` (``--force``, or the window's
    question answered yes), and only when it is a regular file the user may write that is not
    a database; a symbolic link, a folder, a FIFO or a device is never written through.
    """
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder")
    _check_target(path, overwrite)
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
        if overwrite:
            _check_target(path, overwrite)  # again: the check and the rename are moments apart
            os.replace(tmp, path)
        else:
            _create(tmp, path)
    except FileExistsError:
        raise UserError(
            f"{path}: already exists; nothing was changed (use --force to replace it)"
        ) from None
    except OSError as err:
        raise UserError(
            f"{path}: could not write the export ({err.strerror or err}); nothing was changed"
        ) from None
    finally:
        if tmp and os.path.lexists(tmp):
            os.unlink(tmp)


def _create(tmp: str, path: Path) -> None:
    """Puts ``tmp`` at ``path`` only if nothing is there: a hard link fails if the name is
    taken, so a file that appeared since the check is never replaced."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise
        # A file system without hard links: the check a moment ago is the best there is.
        if os.path.lexists(path):
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)


def _check_target(path: Path, overwrite: bool) -> None:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return
    except OSError as err:
        raise UserError(f"{path}: cannot check it ({err.strerror or err})") from None
    if stat.S_ISLNK(st.st_mode):
        raise UserError(f"{path}: is a symbolic link; an export is written only to a plain file")
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{path}: is a folder: add a file name")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{path}: is not a plain file (a device, a pipe or a socket)")
    if _is_database(path):
        raise UserError(f"{path}: is a database; an export never replaces one")
    if not overwrite:
        raise UserError(f"{path}: already exists; nothing was changed (use --force to replace it)")
    # Write bits, not only access(): root may write anything, but a file marked read-only
    # was marked so by someone.
    if not (st.st_mode & 0o222) or not os.access(path, os.W_OK):
        raise UserError(f"{path}: is read-only; nothing was changed")


def _is_database(path: Path) -> bool:
    """A SQLite file, or its journal beside it (the app's own, or any other)."""
    if path.name.endswith(("-wal", "-shm", "-journal")):
        return True
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
