"""Secrets found in a review's text and redacted, without ever printing them."""

from __future__ import annotations

import pytest

from clearsight.record.redact import find_in_text, find_secrets, redacted

# Built from parts so this file itself holds no token a scanner would flag.
AWS = "AKIA" + "IOSFODNN7EXAMPLE"
GITHUB = "ghp_" + "a" * 36
SLACK = "xoxb-" + "1234567890-abcdefghij"
JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N"
KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"


@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        (f"rotated {AWS} at 14:10", "AWS access key", AWS),
        (f"token {GITHUB} leaked in the log", "GitHub token", GITHUB),
        ("glpat-" + "x" * 20 + " in CI", "GitLab token", "glpat-" + "x" * 20),
        (f"bot used {SLACK}", "Slack token", SLACK),
        (f"header had {JWT}", "JWT", JWT),
        (f"key:\n{KEY}\nend", "private key", KEY),
        ("db at postgres://app:hunter22@db.internal/pay", "password in URL", "hunter22"),
        ("set password=s3cr3t-value in the config", "password", "s3cr3t-value"),
        (
            "curl -H 'Authorization: Bearer abcdefghijklmnop1234'",
            "bearer token",
            "abcdefghijklmnop1234",
        ),
    ],
)
def test_each_kind_is_found_and_masked(text: str, kind: str, secret: str) -> None:
    [found] = find_in_text(text, "review.summary")
    assert found.kind == kind
    assert text[found.start : found.end] == secret
    assert secret not in found.context and f"[{kind}]" in found.context
    assert secret not in found.describe()


def test_plain_text_has_no_secrets() -> None:
    assert find_in_text("The pool max went from 40 to 8; the password policy is fine.", "x") == []


def test_a_form_is_redacted_field_by_field() -> None:
    form = {
        "review": {
            "summary": f"Key {AWS} was in a log.",
            "timeline": [{"text": "ok"}, {"text": f"posted {GITHUB} and {SLACK}"}],
        }
    }
    secrets = find_secrets(form)
    assert [(s.field, s.kind) for s in secrets] == [
        ("review.summary", "AWS access key"),
        ("review.timeline[1].text", "GitHub token"),
        ("review.timeline[1].text", "Slack token"),
    ]
    clean = redacted(form, secrets)
    assert clean["review"]["summary"] == "Key [redacted AWS access key] was in a log."
    assert clean["review"]["timeline"][1]["text"] == (
        "posted [redacted GitHub token] and [redacted Slack token]"
    )
    assert form["review"]["summary"].startswith("Key AKIA")  # the original is untouched
