"""Every kind of secret found and redacted, prose near misses left alone, in linear time, and
none of them in a Markdown, JSON or PDF export of a review that holds them all.

Every secret here is fake: random characters of the right shape from a fixed seed, the known
prefixes joined on so this file holds no token a scanner would flag.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string
import time
from datetime import UTC, datetime
from typing import NamedTuple

import pytest

from clearsight.record.export import prepare, render
from clearsight.record.markdown_export import extract_form as form_in_markdown
from clearsight.record.pdf_export import extract_form as form_in_pdf
from clearsight.record.redact import find_in_text, find_secrets, redact_text, redacted
from clearsight.record.secret_entropy import looks_random, shannon_bits
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.perf.big_review import ONE_X, review_form

ALNUM = string.ascii_letters + string.digits
BASE64 = ALNUM + "+/"
URL_SAFE = ALNUM + "-_"


def fake(n: int, seed: int, alphabet: str = ALNUM) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(n))


class Sample(NamedTuple):
    kind: str
    text: str  # as typed into a review
    secret: str  # what must never leave


AWS_ID = "AKIA" + "Q3EGRT7DZ5WXPLMN"
AWS_SECRET = fake(40, 1, BASE64)
PEM_BODY = fake(64, 2, BASE64)
PEM = (
    f"-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}\n{fake(40, 3, BASE64)}\n"
    "-----END RSA PRIVATE KEY-----"
)
BASIC = base64.b64encode(b"deploy:" + fake(14, 4).encode()).decode()

SAMPLES = [
    # The kinds found before.
    Sample("AWS access key", f"rotated {AWS_ID} at 14:10", AWS_ID),
    Sample("AWS secret key", f"aws_secret_access_key = {AWS_SECRET}", AWS_SECRET),
    Sample("GitHub token", f"token {'ghp_' + fake(36, 5)} leaked in the log", "ghp_" + fake(36, 5)),
    Sample("GitLab token", f"CI used {'glpat-' + fake(20, 6)} to push", "glpat-" + fake(20, 6)),
    Sample("Slack token", f"the bot used {'xoxb-' + fake(24, 7)}", "xoxb-" + fake(24, 7)),
    Sample(
        "Slack webhook",
        "alerts went to https://hooks.slack.com/services/" + f"T0{fake(8, 8)}/B0{fake(8, 9)}/"
        f"{fake(24, 10)} all night",
        fake(24, 10),
    ),
    Sample(
        "JWT",
        "header had eyJhbGciOiJIUzI1NiJ9"
        + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0."
        + fake(43, 11, URL_SAFE),
        fake(43, 11, URL_SAFE),
    ),
    Sample("bearer token", f"curl -H 'Authorization: Bearer {fake(32, 12)}'", fake(32, 12)),
    Sample("private key", f"the key was pasted:\n{PEM}\nin the ticket", PEM_BODY),
    Sample("password", "set password=s3cr3t-value in the config", "s3cr3t-value"),
    Sample("password in URL", "db at postgres://app:hunter22@db.internal/pay", "hunter22"),
    # The kinds the outside check found leaking.
    Sample(
        "AWS secret key",
        f"the aws profile on the bastion still held {AWS_SECRET} after the rotation",
        AWS_SECRET,
    ),
    Sample(
        "high-entropy token",
        f"the deploy log printed {fake(48, 13, URL_SAFE)} twice",
        fake(48, 13, URL_SAFE),
    ),
    Sample(
        "password in URL",
        "checkout read postgres://app:" + "Xk9/vQ2z-8d" + "@db.internal:5432/pay",
        "Xk9/vQ2z-8d",
    ),
    Sample(
        "password", "In the bridge someone said the root password is Tr0ub4dor&3", "Tr0ub4dor&3"
    ),
    Sample("password", "the password for prod-db was 'correct horse'", "correct horse"),
    Sample("password", 'the runbook said password: "it\'s 4 ME" for staging', "it's 4 ME"),
    Sample("Stripe key", f"charges used {'sk_live_' + fake(24, 14)}", "sk_live_" + fake(24, 14)),
    Sample(
        "Stripe key", f"the restricted key {'rk_live_' + fake(24, 15)}", "rk_live_" + fake(24, 15)
    ),
    Sample(
        "Stripe webhook secret", f"signing with {'whsec_' + fake(32, 16)}", "whsec_" + fake(32, 16)
    ),
    Sample("OpenAI key", f"OPENAI_KEY {'sk-proj-' + fake(48, 17)}", "sk-proj-" + fake(48, 17)),
    Sample("npm token", f"publish used {'npm_' + fake(36, 18)}", "npm_" + fake(36, 18)),
    Sample(
        "SendGrid key",
        f"mail via {'SG.' + fake(22, 19, URL_SAFE) + '.' + fake(43, 20, URL_SAFE)}",
        fake(43, 20, URL_SAFE),
    ),
    Sample(
        "Azure key",
        "DefaultEndpointsProtocol=https;AccountName=payprod;AccountKey="
        + fake(86, 21, BASE64)
        + "==;EndpointSuffix=core.windows.net",
        fake(86, 21, BASE64),
    ),
    Sample("Basic auth", f"curl -H 'Authorization: Basic {BASIC}' https://api", BASIC),
    Sample(
        "secret in URL",
        f"we replayed https://api.example.com/v1/charges?limit=10&token={fake(24, 22)}",
        fake(24, 22),
    ),
    Sample(
        "secret in URL",
        f"GET /v2/rates?currency=EUR&api_key={fake(20, 23)} returned 500",
        fake(20, 23),
    ),
    Sample(
        "Google API key",
        f"maps used {'AIza' + fake(35, 24, URL_SAFE)} from the app",
        "AIza" + fake(35, 24, URL_SAFE),
    ),
    # More kinds with a known shape.
    Sample(
        "Anthropic key",
        f"{'sk-ant-api03-' + fake(90, 25, URL_SAFE)} in the env",
        fake(90, 25, URL_SAFE),
    ),
    Sample("PyPI token", f"twine used {'pypi-AgEIcHlwaS5vcmc' + fake(60, 26)}", fake(60, 26)),
    Sample("Vault token", f"VAULT_TOKEN {'hvs.' + fake(90, 27)}", fake(90, 27)),
    Sample("Docker Hub token", f"pulled with {'dckr_pat_' + fake(27, 28)}", fake(27, 28)),
    Sample(
        "DigitalOcean token",
        f"doctl had {'dop_v1_' + fake(64, 29, '0123456789abcdef')}",
        fake(64, 29, "0123456789abcdef"),
    ),
    Sample(
        "Discord webhook",
        f"https://discord.com/api/webhooks/1234567890/{fake(68, 30, URL_SAFE)} pinged",
        fake(68, 30, URL_SAFE),
    ),
    Sample("authorization header", f"Authorization: token {fake(30, 31)}", fake(30, 31)),
    Sample("credential", f'"client_secret": "{fake(30, 32)}"', fake(30, 32)),
    Sample("password", f"DB_PASSWORD={fake(16, 33)} was in the manifest", fake(16, 33)),
]
KINDS = sorted({s.kind for s in SAMPLES})

GCP_KEY_ID = fake(40, 40, "0123456789abcdef")
GCP_BODY = fake(64, 41, BASE64)
GCP_JSON = json.dumps(
    {
        "type": "service_account",
        "project_id": "acme-prod",
        "private_key_id": GCP_KEY_ID,
        "private_key": f"-----BEGIN PRIVATE KEY-----\n{GCP_BODY}\n-----END PRIVATE KEY-----\n",
        "client_email": "deployer@acme-prod.iam.gserviceaccount.com",
        "client_id": "104412345678901234567",
    },
    indent=2,
)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s.kind}: {s.text[:24]}")
def test_each_kind_is_found_masked_and_redacted(sample: Sample) -> None:
    [found] = find_in_text(sample.text, "review.summary")
    assert found.kind == sample.kind
    assert sample.secret in sample.text[found.start : found.end]
    assert sample.secret not in found.context and f"[{sample.kind}]" in found.context
    assert sample.secret not in found.describe()
    clean = redact_text(sample.text, [found])
    assert sample.secret not in clean and f"[redacted {sample.kind}]" in clean
    assert find_in_text(clean, "review.summary") == []  # redacting twice changes nothing


def test_a_pasted_gcp_service_account_loses_its_key_and_key_id() -> None:
    found = find_in_text(GCP_JSON, "review.summary")
    assert [s.kind for s in found] == ["GCP service-account key", "private key"]
    clean = redact_text(GCP_JSON, found)
    assert GCP_KEY_ID not in clean and GCP_BODY not in clean
    assert "acme-prod.iam.gserviceaccount.com" in clean  # the rest stays readable
    # The same pasted as one line, the newlines escaped as in the file.
    one_line = json.dumps(json.loads(GCP_JSON))
    clean = redact_text(one_line, find_in_text(one_line, "x"))
    assert GCP_KEY_ID not in clean and GCP_BODY not in clean


def test_a_context_never_shows_a_neighbouring_secret() -> None:
    github, slack = "ghp_" + fake(36, 50), "xoxb-" + fake(20, 51)
    found = find_in_text(f"posted {github} and {slack} in #ops", "x")
    assert [s.kind for s in found] == ["GitHub token", "Slack token"]
    for secret in found:
        assert github[4:12] not in secret.context and slack[5:13] not in secret.context


NEAR_MISSES = [
    "Reverted commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39 at 14:32 UTC.",
    "The fix is 3f2a9c1 on main, merged as 9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d.",
    "Request 123e4567-e89b-12d3-a456-426614174000 failed with a 502.",
    "INC-2041, PAY-1400 and SRE-77 track it; see PAY-1400_PAY-1401_PAY-1402_PAY-1403.",
    "2026-03-15T14:02:11.123Z first 502 from checkout-api-7f9c8d6b5-x2kqp in eu-west-1a",
    "ip-10-0-12-34.eu-west-1.compute.internal stopped answering at 14:05:59+01:00",
    "Logs: /var/log/nginx/access.log and /Users/KenjiTanaka/Library/Logs/Clearsight2/app.log",
    "src/checkout/payment_gateway/RetryingHttpClientFactory.java:214 threw first",
    "arn:aws:iam::123456789012:role/CheckoutServiceRole2024 lost its policy",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/checkout-db-AbC123 was read",
    "Dashboard https://grafana.example.com/d/Xk2pQ9sVz3AbC/checkout-overview?orgId=1&var-env=prod",
    "Notes in https://docs.google.com/document/d/1aBcD3fGhIjKlMnOpQrStUvWxYz0123456789AbCdEf/edit",
    "Thread https://acme.slack.com/archives/C024BE91L/p1710511200123456 has the timeline",
    "CheckoutServiceConnectionPoolExhaustedException thrown 4,812 times",
    "TestCheckoutRetriesWithExponentialBackoff_v2 and OrderSvc2PaymentSvcTimeoutMs3000 failed",
    "image sha256:9b2f3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b rolled out",
    f"lockfile integrity sha512-{fake(86, 60, BASE64)}== changed",
    "s3://prod-logs-eu-west-1/checkout/2026/03/15/14/ALB-Logs-20260315T1400Z.gz",
    "projects/acme-prod-42/locations/europe-west1/clusters/checkout-gke-2 autoscaled",
    "kube-system/coredns-5d78c9869d-8x2lq restarted; checkout_service_http_requests_total",
    "The review uid is 0123456789abcdef0123456789abcdef.",
    "p99 went to 2300ms; pool max 40 -> 8; 31% of requests failed; MTTR 47m.",
    "The password was rotated at 14:10 and the old one revoked.",
    "password: stored in Vault",
    "Password: reset by the on-call engineer",
    "the password is stored in 1Password, and the password was not shared",
    "api_key: rotated; secret: none; token=expired; Bearer tokens expired after the skew",
    "basic troubleshooting took an hour; basic authentication was disabled",
    "postgres://app:${DB_PASSWORD}@db.internal/pay and https://user:password@host in the docs",
    "https://registry.example.com:443/@scope/pkg failed to resolve",
    "Set DB_PASSWORD=${DB_PASSWORD} from the vault; password = os.environ['DB_PASSWORD']",
    "we saw the -----BEGIN RSA PRIVATE KEY----- header in a log line and purged it",
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
    "-----END CERTIFICATE-----",
    f"deploy key ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{fake(43, 61, BASE64)} dana@laptop",
    'The blame model weighs "b:api_key": 0.2357 and "b:admin_password": 0.0669.',
]


@pytest.mark.parametrize("text", NEAR_MISSES, ids=lambda t: t[:40])
def test_postmortem_prose_is_not_a_secret(text: str) -> None:
    assert [(s.kind, text[s.start : s.end]) for s in find_in_text(text, "x")] == []


def test_the_large_review_and_the_demo_hold_no_secret(service: Services) -> None:
    assert find_secrets(review_form(**ONE_X)) == []
    assert find_secrets(service.records.export_review(add_demo(service))) == []


def test_entropy_tells_random_from_identifiers() -> None:
    assert shannon_bits("") == 0 and shannon_bits("aaaa") == 0 and shannon_bits("abcd") == 2
    misses = [t for seed in range(200) if not looks_random(t := fake(40, 1000 + seed, BASE64))]
    assert len(misses) <= 4  # a random 40-character key is found (a rare one has no digit)
    assert not looks_random("AbstractSingletonProxyFactoryBean2021")
    assert not looks_random("aB3+" * 10)  # varied classes, but no entropy


# Inputs that made the patterns before this backtrack: "a." took 1.2 s at 20,000 characters
# and grew with the square (two minutes at 200,000).
N = 200_000
ADVERSARIAL = {
    "dots": "a." * (N // 2),
    "base64 run": "aB3+" * (N // 4),
    "one long token": fake(N, 70, URL_SAFE),
    "scheme colons": "x://a:" * (N // 6),
    "url without @": "https://u:" + "p" * (N - 10),
    "jwt heads": "eyJaaaaaaaaa." * (N // 13),
    "labels": "authorization: " * (N // 15),
    "prose password": "the password for a b is " * (N // 24),
    "pem headers": "-----BEGIN RSA PRIVATE KEY-----\n" * (N // 32),
    "query names": "&a_b_c_key=" * (N // 11),
    "many tokens": " ".join(fake(40, i, ALNUM) for i in range(N // 41)),
    "tokens in urls": " ".join(f"https://x.io/{fake(40, i)}" for i in range(N // 55)),
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_a_long_adversarial_text_is_scanned_in_well_under_a_second(name: str) -> None:
    text = ADVERSARIAL[name]
    assert len(text) >= N * 0.95
    begin = time.perf_counter()
    redact_text(text, find_in_text(text, "review.summary"))
    assert time.perf_counter() - begin < 1.0


def test_a_form_is_redacted_field_by_field_and_the_original_kept() -> None:
    stripe = next(s for s in SAMPLES if s.kind == "Stripe key")
    form = {"review": {"summary": SAMPLES[0].text, "lessons": {"poorly": [stripe.text]}}}
    secrets = find_secrets(form)
    assert [(s.field, s.kind) for s in secrets] == [
        ("review.summary", "AWS access key"),
        ("review.lessons.poorly[0]", "Stripe key"),
    ]
    clean = redacted(form, secrets)
    assert find_secrets(clean) == []
    assert form["review"]["summary"] == SAMPLES[0].text


def _review_holding_every_kind(service: Services) -> int:
    review = service.reviews.create_review("Checkout down", "SEV-2")
    texts = [s.text for s in SAMPLES] + [GCP_JSON]
    at = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)
    service.reviews.set_field(review, "summary", texts[0])
    service.reviews.set_field(review, "impact", texts[1])
    for n, text in enumerate(texts[2:12]):
        service.timeline.add_event(review, at.replace(minute=n), text)
    for text in texts[12:18]:
        service.actions.add_action(review, what="Rotate the key", verification=text)
    for text in texts[18:24]:
        service.factors.add_factor(review, text)
    tree = service.whys.add_tree(review, texts[24])
    for text in texts[25:30]:
        service.whys.add_node(tree, None, text)
    for text in texts[30:]:
        service.reviews.add_lesson(review, "poorly", text)
    return review


def _leaked(output: str) -> list[str]:
    """The secrets in an output, also as Markdown escaped them (\\_ for _) or a PDF wrapped
    them (whitespace anywhere)."""
    plain = re.sub(r"\\(.)", r"\1", output)
    squeezed = re.sub(r"\s+", "", plain)
    secrets = [s.secret for s in SAMPLES] + [GCP_KEY_ID, GCP_BODY]
    return [s for s in secrets if s in output or s in plain or re.sub(r"\s+", "", s) in squeezed]


def test_no_export_of_a_review_holding_every_kind_carries_one(service: Services) -> None:
    review = _review_holding_every_kind(service)
    form = service.records.export_review(review)
    assert len(_leaked(json.dumps(form, ensure_ascii=False))) == len(SAMPLES) + 2
    clean, secrets = prepare(form, allow_secrets=False)
    assert {s.kind for s in secrets} >= set(KINDS)
    json_out = render(clean, "json").decode()
    assert _leaked(json_out) == [] and "[redacted Stripe key]" in json_out
    markdown = render(clean, "md").decode()
    assert _leaked(markdown) == []
    assert _leaked(json.dumps(form_in_markdown(markdown), ensure_ascii=False)) == []
    pdf = render(clean, "pdf")
    assert _leaked(json.dumps(form_in_pdf(pdf), ensure_ascii=False)) == []
    from io import BytesIO

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "redacted" in text and _leaked(text) == []
