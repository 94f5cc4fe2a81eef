"""The shapes of secrets: one rule per kind, each a pattern with the checks that keep prose out.

Every rule runs only on text that holds one of its hints (lower-case substrings), so a review
of plain prose costs a few substring tests per field. Every quantifier is bounded or follows a
look-behind that pins where a match may start, so no input makes a pattern backtrack without
end: the detector stays linear in the length of the text (tests/unit/test_secret_detection.py
times 200,000-character adversarial strings).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    # Lower-case substrings; the rule runs only on text that holds one of them.
    hints: tuple[str, ...]
    # Whether a match is a secret and not prose or a placeholder; None: every match is.
    check: Callable[[re.Match[str]], bool] | None = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the secret is in ``text``: a group named "secret", else the whole match."""
        group = "secret" if "secret" in self.pattern.groupindex else 0
        return [
            m.span(group)
            for m in self.pattern.finditer(text)
            if m.end(group) > m.start(group) and (self.check is None or self.check(m))
        ]


# What stands in for a value rather than being one: already redacted, masked, a variable, a
# template.
_PLACEHOLDER = re.compile(
    r"\[redacted|<[^>]{0,64}>?$|\$\{?[A-Za-z_]|\{|%[sd(]|(.)\1*$|(?i:x{3,}|\*{2,}|\.{3})"
)
# Code that reads the value from somewhere, pasted with a config snippet: os.environ[...],
# self.password, get_secret(...).
_CODE = re.compile(
    r"[A-Za-z_]\w*[(\[]|(?:self|this|os|env|config|cfg|conf|settings|args|kwargs|params"
    r"|options|opts|request|req|process|ctx|context|secrets)\.[A-Za-z_]"
)
# Words that follow "password:" in a postmortem without being the password; the examples'
# stand-ins ("user:password@host") among them.
_NOT_A_VALUE_WORDS = (
    "none null nil empty unset unknown redacted hidden masked removed rotated changed reset "
    "expired revoked required missing wrong incorrect invalid correct fine ok okay same "
    "stored kept set updated leaked exposed compromised used given shared n/a tbd todo "
    "is was the a an in on not never still also true false bytes string optional "
    "pass password passwd secret token user username example placeholder"
)
_NOT_A_VALUE = frozenset(_NOT_A_VALUE_WORDS.split())
# A variable that holds the secret ("password=key_password"), not the secret.
_SECRET_VARIABLE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+", re.ASCII)
_SECRET_WORDS = ("pass", "pwd", "secret", "token", "key", "cred", "auth")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*%?")
_PUNCT = ".,;:!?)]}>\"'`"


def _value(m: re.Match[str]) -> str:
    return m.group("secret").rstrip(_PUNCT)


def _real_value(m: re.Match[str]) -> bool:
    """Not a placeholder, not code and not a word that describes the value instead."""
    value = _value(m)
    return (
        len(value) >= 4
        and not _PLACEHOLDER.match(value)
        and not _CODE.match(value)
        and value.lower() not in _NOT_A_VALUE
        and not (
            _SECRET_VARIABLE.fullmatch(value) and any(w in value.lower() for w in _SECRET_WORDS)
        )
        and not re.fullmatch(r"[-+]?\d*\.\d+", value)  # a measure, not a password
    )


def _plain_word(value: str) -> bool:
    """A word, or words joined by "_" or "-" (checkout-db-credentials): what a name looks like
    and a key never does."""
    return bool(re.fullmatch(r"[a-z]+(?:[-_][a-z]+)*|[A-Z][a-z]+|[A-Z]+(?:_[A-Z]+)*", value))


def _token_value(m: re.Match[str]) -> bool:
    """A key or token: a real value that is neither a plain word ("api_key: rotated") nor a
    number ("api_key": 0.2357 is a weight in a model file)."""
    value = _value(m)
    return _real_value(m) and not _plain_word(value) and not _NUMBER.fullmatch(value)


def _prose_password(m: re.Match[str]) -> bool:
    """ "the password is hunter2" but not "the password is stored in Vault": in prose only a
    value that is quoted, or that no word looks like, is taken for a password."""
    if not _real_value(m):
        return False
    quoted = m.group("quote") is not None
    return quoted or not _plain_word(_value(m))


def _url_password(m: re.Match[str]) -> bool:
    """user:password@host, not host:8080/path@v2 (a port and a path that holds an @)."""
    return _real_value(m) and not re.fullmatch(r"\d{1,5}(?:/.*)?", m.group("secret"))


def _basic_credentials(m: re.Match[str]) -> bool:
    """ "Basic <base64>" is a secret when it decodes to user:password ("basic setup" is not)."""
    value = m.group("secret")
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        text = decoded.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return ":" in text and text.isprintable()


def _rule(
    kind: str,
    pattern: str,
    hints: tuple[str, ...],
    check: Callable[[re.Match[str]], bool] | None = None,
) -> Rule:
    return Rule(kind, re.compile(pattern), hints, check)


# A token starts where no token character precedes it: the look-behind that keeps each
# pattern from starting again inside a long run.
_START = r"(?<![A-Za-z0-9_-])"
# A label's value: in quotes, all up to a quote that ends it ("correct horse", "it's"); else
# up to the next space, quote or separator.
_QUOTED_OR_BARE = (
    r"(?P<secret>(?<=[\"'`])[^\n]{1,256}?(?=[\"'`](?:[\s,;:)}\]]|$))|[^\s\"'`,;]{1,256})"
)
_VALUE = r"[\"'`]?" + _QUOTED_OR_BARE
# Not after ":" either: "arn:aws:secretsmanager:...:secret:prod/db" names a secret, and
# "AWS::ApiGateway::ApiKey" a type.
_LABEL_PREFIX = r"(?<![A-Za-z0-9:])(?:[A-Za-z0-9]{1,20}[_.-]){0,3}"
_ASSIGN = r"[\"']?\s{0,10}[:=]\s{0,10}"
_QUERY_NAMES = (
    r"(?:[a-z0-9]{1,20}[_.-]){0,3}"
    r"(?:token|api_?key|apikey|key|secret|password|passwd|pwd|passphrase|sig|signature"
    r"|credential|auth)"
)

# The order is the order of preference: where two rules find the same text, the first names it.
RULES: tuple[Rule, ...] = (
    _rule(
        "private key",
        r"-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[nr]){0,8}"
        r"(?:[A-Za-z0-9+/=]{16}|Proc-Type:|Comment:|Version:)[\s\S]*?"
        r"(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|\Z)",
        ("private key",),
    ),
    _rule(
        "GCP service-account key",
        r"(?i)[\"']?private_key_id" + _ASSIGN + r"[\"']?(?P<secret>[0-9a-f]{16,64})",
        ("private_key_id",),
    ),
    _rule(
        "AWS access key",
        r"(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}(?![0-9A-Z])",
        ("akia", "asia", "agpa", "aida", "aroa", "anpa", "anva", "aipa"),
    ),
    _rule(
        "AWS secret key",
        r"(?i)aws[_ .-]?secret[_ .-]?(?:access[_ .-]?)?key"
        + _ASSIGN
        + r"[\"']?(?P<secret>[A-Za-z0-9/+=]{40})",
        ("aws",),
    ),
    _rule("Google API key", _START + r"AIza[0-9A-Za-z_-]{35}", ("aiza",)),
    _rule(
        "GitHub token",
        r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    ),
    _rule(
        "GitLab token",
        _START + r"gl(?:pat|dt|rt|ptt|soat|cbt|ft|imt)-[A-Za-z0-9_-]{20,255}",
        ("glpat-", "gldt-", "glrt-", "glptt-", "glsoat-", "glcbt-", "glft-", "glimt-"),
    ),
    _rule(
        "Slack token",
        _START + r"(?:xox[abposre]-[A-Za-z0-9-]{10,255}|xapp-\d-[A-Za-z0-9-]{10,255})",
        ("xox", "xapp-"),
    ),
    _rule(
        "Slack webhook",
        r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{8,255}",
        ("hooks.slack.com",),
    ),
    _rule(
        "Discord webhook",
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{5,30}/"
        r"[A-Za-z0-9_-]{20,255}",
        ("discord",),
    ),
    _rule(
        "Stripe key",
        r"(?<![A-Za-z0-9])[sr]k_(?:live|test)_[0-9A-Za-z]{10,247}",
        ("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
    ),
    _rule(
        "Stripe webhook secret",
        r"(?<![A-Za-z0-9])whsec_[A-Za-z0-9+/=]{20,255}",
        ("whsec_",),
    ),
    _rule(
        "Anthropic key",
        _START + r"sk-ant-[a-z]{3,8}\d{2}-[A-Za-z0-9_-]{20,255}",
        ("sk-ant-",),
    ),
    _rule(
        "OpenAI key",
        _START + r"(?:sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,255}"
        r"|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})",
        ("sk-",),
    ),
    _rule("API key", _START + r"sk-[A-Za-z0-9]{32,255}(?![A-Za-z0-9_-])", ("sk-",)),
    _rule("npm token", r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", ("npm_",)),
    _rule(
        "npm token",
        r":_auth(?:Token)?\s{0,5}=\s{0,5}[\"']?(?P<secret>[^\s\"']{8,512})",
        ("_auth",),
        _real_value,
    ),
    _rule("PyPI token", _START + r"pypi-AgE[A-Za-z0-9_-]{50,255}", ("pypi-",)),
    _rule(
        "SendGrid key",
        r"(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}",
        ("sg.",),
    ),
    _rule("Vault token", _START + r"hv[sbr]\.[A-Za-z0-9_-]{24,255}", ("hvs.", "hvb.", "hvr.")),
    _rule("Docker Hub token", _START + r"dckr_pat_[A-Za-z0-9_-]{20,255}", ("dckr_pat_",)),
    _rule("DigitalOcean token", _START + r"do[opr]_v1_[a-f0-9]{64}", ("_v1_",)),
    _rule(
        "Shopify token",
        _START + r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
        ("shpat_", "shpca_", "shppa_", "shpss_"),
    ),
    _rule(
        "Azure key",
        r"(?i)(?:Account|SharedAccess)Key\s{0,5}=\s{0,5}(?P<secret>[A-Za-z0-9+/]{20,255}={0,2})",
        ("accountkey", "sharedaccesskey"),
    ),
    _rule(
        "JWT",
        _START + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        ("eyj",),
    ),
    _rule(
        "bearer token",
        r"(?i)\bbearer\s{1,5}(?P<secret>[A-Za-z0-9._~+/-]{16,4096}=*)",
        ("bearer",),
        _token_value,
    ),
    _rule(
        "Basic auth",
        r"(?i)\bbasic\s{1,5}(?P<secret>[A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])",
        ("basic",),
        _basic_credentials,
    ),
    _rule(
        "authorization header",
        r"(?i)\bauthorization" + _ASSIGN + r"[\"']?"
        r"(?:(?:basic|bearer|token|digest|apikey|api-key|sso-key|key|aws4-hmac-sha256)\s{1,5})?"
        + _VALUE,
        ("authorization",),
        _token_value,
    ),
    _rule(
        "password in URL",
        r"(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}://[^\s:/@]{0,256}:"
        r"(?P<secret>[^\s@]{1,256})@[^\s/@]{1,256}",
        ("://",),
        _url_password,
    ),
    _rule(
        "secret in URL",
        r"(?i)[?&;#]" + _QUERY_NAMES + r"=(?P<secret>[^&\s#\"'<>]{4,1024})",
        ("=",),
        _token_value,
    ),
    _rule(
        "password",
        _LABEL_PREFIX + r"(?i:password|passwd|passphrase|passcode|pwd)\b" + _ASSIGN + _VALUE,
        ("pass", "pwd"),
        _real_value,
    ),
    _rule(
        "credential",
        _LABEL_PREFIX
        + r"(?i:secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token"
        r"|session[_-]?token|client[_-]?secret|secret[_-]?key|private[_-]?token"
        r"|private_key)\b" + _ASSIGN + _VALUE,
        ("secret", "key", "token"),
        _token_value,
    ),
    _rule(
        "password",
        r"(?i)\b(?:password|passwd|passphrase|passcode|pwd)\b"
        r"(?:\s{1,3}(?:for|of|on|to)\s{1,3}(?:the\s{1,3})?[\w.@/-]{1,64}(?:\s{1,3}[\w.@/-]{1,64})?)?"
        r"\s{1,3}(?:is\s{1,3}still|is|was|remains|(?:was\s{1,3})?(?:set|changed|reset)\s{1,3}to)"
        r"\s{1,3}(?P<quote>[\"'`])?" + _QUOTED_OR_BARE,
        ("pass", "pwd"),
        _prose_password,
    ),
)
