"""Signing with people's own keys, end to end on the CLI: two machines (two keyrings), a sign
request signed outside the room, trusted keys, and the forgeries verify must refuse."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clearsight.record import statement
from clearsight.record.canonical import digest_of
from clearsight.record.markdown_export import extract_form, render_markdown
from clearsight.record.signing import SigningKey
from tests.cli.hostile import run
from tests.conftest import MemoryKeyring

Capsys = pytest.CaptureFixture[str]


class Machines:
    """Whose computer the next command runs on: each has a keyring of its own."""

    def __init__(self, first: MemoryKeyring) -> None:
        self.keyrings = {"lena": first, "diego": MemoryKeyring()}

    def on(self, who: str) -> None:
        keyring.set_keyring(self.keyrings[who])


@pytest.fixture
def signed(db: Path, tmp_path: Path, capsys: Capsys, memory_keyring: MemoryKeyring) -> Path:
    """The demo review signed by Lena (on her machine) and Diego (on his), exported as Markdown."""
    machines = Machines(memory_keyring)
    review = run(capsys, "demo")[1].strip()
    machines.on("lena")
    code, out, _ = run(capsys, "keys", "init", "--person", "lfischer")
    assert code == 0 and "registered it as Lena Fischer" in out
    machines.on("diego")
    assert run(capsys, "keys", "init")[0] == 0
    assert run(capsys, "keys", "show", "-o", str(tmp_path / "diego.pub"))[0] == 0
    machines.on("lena")
    code, out, _ = run(
        capsys, "keys", "import", str(tmp_path / "diego.pub"), "--person", "@dmorales"
    )
    assert code == 0 and "Diego Morales" in out
    request = tmp_path / "request.json"
    assert run(capsys, "sign-request", review, "-o", str(request))[0] == 0

    # Diego's key cannot sign as Lena: the import refuses it.
    machines.on("diego")
    forged = tmp_path / "as-lena.json"
    assert run(capsys, "sign", str(request), "--as", "lfischer", "-o", str(forged))[0] == 0
    machines.on("lena")
    code, _, err = run(capsys, "sign-import", str(forged))
    assert code == 2 and "not Lena Fischer's registered key" in err

    for who, handle in (("diego", "dmorales"), ("lena", "lfischer")):
        machines.on(who)
        out_file = tmp_path / f"{who}.signature.json"
        code, out, _ = run(capsys, "sign", str(request), "--as", handle, "-o", str(out_file))
        assert code == 0 and "signing [SEV-2]" in out
        machines.on("lena")
        assert run(capsys, "sign-import", str(out_file))[0] == 0
    assert json.loads(run(capsys, "list", "--json")[1])[0]["status"] == "final"
    record = tmp_path / "record.md"
    assert run(capsys, "export", review, "-o", str(record))[0] == 0
    assert run(capsys, "keys", "export", "-o", str(tmp_path / "team-keys"))[0] == 0
    return record


def verify(capsys: Capsys, path: Path, *extra: str) -> tuple[int, str]:
    code, out, _ = run(capsys, "verify", str(path), *extra)
    return code, out


def test_a_genuine_record_verifies_against_the_team_keys(signed: Path, capsys: Capsys) -> None:
    code, out = verify(capsys, signed)
    assert code == 0 and "compare it with the team's key list" in out
    assert "integrity only" in out
    trusted = str(signed.parent / "team-keys")
    code, out = verify(capsys, signed, "--trusted", trusted)
    assert code == 0 and out.count("signed with a trusted key (SHA256:") == 2
    assert "integrity only" not in out
    # git's CRLF conversion changes no content.
    signed.write_bytes(signed.read_bytes().replace(b"\n", b"\r\n"))
    assert verify(capsys, signed, "--trusted", trusted)[0] == 0


def _forge(path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """What a forger can do: edit the carried record and render it again, digest and all."""
    form = extract_form(path.read_text(encoding="utf-8"), str(path))
    change(form)
    out = path.with_name("forged.md")
    out.write_text(render_markdown(form, digest_of(form)), encoding="utf-8")
    return out


def _resign(form: dict[str, Any]) -> None:
    """New content, signed again by fresh keys of the forger's own."""
    form["review"]["summary"] = "Nothing went wrong; no action needed."
    digest = digest_of(form)
    for s in form["review"]["signoffs"]:
        key = SigningKey(Ed25519PrivateKey.generate())
        text = statement.approval_text(form, digest, s["person"], key.fingerprint, s["signed_at"])
        s.update(
            digest=digest,
            statement=text,
            signature=key.sign(text.encode()).hex(),
            public_key=key.public_key.hex(),
        )


def _set_all(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda form: [s.update({key: value}) for s in form["review"]["signoffs"]]


def _strip_and_draft(form: dict[str, Any]) -> None:
    form["review"].update(signoffs=[], status="draft")


def _add_signoff(form: dict[str, Any]) -> None:
    extra = dict(form["review"]["signoffs"][0], person="rkaur", signature=None)
    form["review"]["signoffs"].append(extra)


def _add_approver(form: dict[str, Any]) -> None:
    form["review"]["people"].append(
        {"name": "Mallory", "handle": "mallory", "email": None, "roles": ["approver"]}
    )


FORGERIES = {
    "self-signed": _resign,
    "stripped": lambda form: form["review"].update(signoffs=[]),
    "nulled": _set_all("signature", None),
    "voided": _set_all("voided_at", "2026-01-01T00:00:00Z"),
    "an unsigned sign-off added": _add_signoff,
    "an approver added": _add_approver,
}


@pytest.mark.parametrize("how", FORGERIES)
def test_a_forged_record_fails_against_the_team_keys(
    signed: Path, capsys: Capsys, how: str
) -> None:
    forged = _forge(signed, FORGERIES[how])
    code, out = verify(capsys, forged, "--trusted", str(signed.parent / "team-keys"))
    assert code == 1, out
    assert "FAILED" in out
    if how != "self-signed":  # only who signed is forged there: integrity alone cannot tell
        assert verify(capsys, forged)[0] == 1


def test_stripped_to_a_draft_claims_no_approval(signed: Path, capsys: Capsys) -> None:
    forged = _forge(signed, _strip_and_draft)
    code, out = verify(capsys, forged)
    assert code == 0 and "not signed off: only the content is checked" in out
    code, out = verify(capsys, forged, "--trusted", str(signed.parent / "team-keys"))
    assert code == 1 and "not signed off by: dmorales, lfischer" in out


def test_a_forged_final_record_imports_as_a_draft(
    signed: Path, capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forged = _forge(signed, _resign)
    code, out, err = run(capsys, "import", str(forged))
    assert code == 0 and "imported as a draft: its sign-offs do not verify" in err
    shown = json.loads(run(capsys, "show", out.strip(), "--json")[1])["review"]
    assert shown["status"] == "draft" and shown["signoffs"] == []


def test_a_genuine_record_keeps_its_uid_and_verifies_after_a_round_trip(
    signed: Path, capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trusted = str(signed.parent / "team-keys")
    monkeypatch.setenv("CLEARSIGHT_DATABASE", str(tmp_path / "elsewhere.sqlite3"))
    code, out, err = run(capsys, "import", str(signed), "--trusted", trusted)
    assert code == 0, err
    assert err == ""
    again = tmp_path / "again.md"
    assert run(capsys, "export", out.strip(), "-o", str(again))[0] == 0
    assert verify(capsys, again, "--trusted", trusted)[0] == 0
    # Without the team's keys the second database trusts no one: a draft copy.
    monkeypatch.setenv("CLEARSIGHT_DATABASE", str(tmp_path / "third.sqlite3"))
    code, out, err = run(capsys, "import", str(signed))
    assert code == 0 and "not trusted" in err
    # The same record twice in one database: the second is a draft copy with a uid of its own.
    monkeypatch.setenv("CLEARSIGHT_DATABASE", str(tmp_path / "elsewhere.sqlite3"))
    code, out, err = run(capsys, "import", str(signed), "--trusted", trusted)
    assert code == 0 and "already in the database" in err


def test_a_re_saved_pdf_reads_as_content_intact(
    signed: Path, capsys: Capsys, tmp_path: Path
) -> None:
    review = json.loads(run(capsys, "list", "--json")[1])[0]["id"]
    pdf = tmp_path / "record.pdf"
    assert run(capsys, "export", str(review), "--format", "pdf", "-o", str(pdf))[0] == 0
    trusted = str(signed.parent / "team-keys")
    assert verify(capsys, pdf, "--trusted", trusted)[0] == 0
    # Another program re-saves it: same carried record, other bytes (here: a comment added).
    pdf.write_bytes(pdf.read_bytes().replace(b"%PDF-1.4\n", b"%PDF-1.4\n% re-saved\n", 1))
    code, out = verify(capsys, pdf, "--trusted", trusted)
    assert code == 1 and "content intact, file re-saved or edited" in out
    assert out.count("signed with a trusted key") == 2


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("alice ed25519\n", "line 1: expected: who, key type, public key, [name]"),
        ("# ok\nalice rsa AAAA Alice\n", "line 2: key type 'rsa': only ed25519 keys are used"),
        ('"alice ed25519 AAAA\n', "line 1: cannot read the line"),
        ("alice ed25519 not-base64!\n", "line 1: the public key is not base64"),
        ("alice ed25519 QUJD\n", "line 1: an Ed25519 public key is 32 bytes, this one is 3"),
    ],
)
def test_a_bad_trusted_keys_file_names_the_line(
    signed: Path, capsys: Capsys, text: str, problem: str
) -> None:
    bad = signed.parent / "bad-keys"
    bad.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "verify", str(signed), "--trusted", str(bad))
    assert code == 2 and f"{bad}: 1 problem" in err and f"  {problem}" in err


@pytest.mark.parametrize(
    ("command", "content", "problem"),
    [
        ("sign-import", {"kind": "clearsight.signature"}, "expected hexadecimal"),
        ("sign-import", {"kind": "x"}, "not a Clearsight signature file"),
        ("sign-import", [], "not a Clearsight signature file"),
        ("sign", {"kind": "clearsight.sign-request", "record": {}}, "not a Clearsight review"),
        ("sign", {"kind": "clearsight.review"}, "not a Clearsight sign request"),
    ],
)
def test_hostile_signing_files_are_refused_with_a_message(
    signed: Path, capsys: Capsys, command: str, content: Any, problem: str
) -> None:
    bad = signed.parent / "bad.json"
    bad.write_text(json.dumps(content), encoding="utf-8")
    extra = ("--as", "lfischer") if command == "sign" else ()
    code, _, err = run(capsys, command, str(bad), *extra)
    assert code == 2 and problem in err, err


def test_a_tampered_signature_file_is_refused(signed: Path, capsys: Capsys) -> None:
    returned = json.loads((signed.parent / "lena.signature.json").read_text(encoding="utf-8"))
    returned["statement"] = returned["statement"].replace("lfischer", "dmorales")
    bad = signed.parent / "tampered.json"
    bad.write_text(json.dumps(returned), encoding="utf-8")
    code, _, err = run(capsys, "sign-import", str(bad))
    assert code == 2 and "does not verify over its statement" in err
