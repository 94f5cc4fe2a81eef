"""The language detector on fresh sentences (none from the corpus), hard negatives and bad input."""

from __future__ import annotations

import time

import pytest

from clearsight.language.detector import Detector
from clearsight.language.findings import FAMILIES, SEVERITIES, Finding, is_blame
from clearsight.language.text import sentences

NAMES = ("Kenji", "Priya Raman", "@dana", "Marco")

# One fresh sentence per category, written for these tests.
FIRES = [
    ("error-label", "The failed cutover comes down to operator error, nothing more.", None),
    ("error-label", "Cause: a mistake by the night-shift DBA.", None),
    ("person-as-cause", "Kenji skipped the canary.", None),
    ("person-as-cause", "The whole search tier went down because Priya restarted it.", None),
    ("person-as-cause", "@dana took the billing queue down with one command.", None),
    ("person-as-cause", "Root cause: the intern running the purge script on prod.", None),
    ("counterfactual", "Marco should have paused the rollout at the first 502.", None),
    ("counterfactual", "The release engineer forgot to bump the schema version.", None),
    ("counterfactual", "If only the reviewer had opened the migration file.", None),
    ("counterfactual", "The DBA never tested the restore path.", None),
    ("character", "Honestly the way the platform folks handle config is sloppy.", None),
    ("character", "Priya is out of her depth on the storage rotation.", None),
    ("hindsight", "It was obvious the disk would fill before Monday.", None),
    ("hindsight", "Marco just had to read the second line of the alert.", None),
    ("hindsight", "Any decent SRE would have spotted the drift.", None),
    ("passive-blame", "The page was ignored by the secondary for forty minutes.", None),
    ("passive-blame", "The hotfix was carelessly cherry-picked onto the release branch.", None),
    ("culprit-question", "Who approved a Friday deploy of the billing schema?", None),
    ("culprit-question", "Why didn't the on-call escalate to the vendor?", None),
    ("culprit-question", "I want to know who is to blame for the expired certificate.", None),
    ("punitive", "Follow-up: revoke Kenji's production access for a month.", None),
    ("punitive", "Action: the on-call team must be more careful during deploys.", None),
    ("punitive", "Remove @dana from the release rotation.", None),
    ("self-judgement", "I botched the DNS cutover, that one's on me.", None),
    ("self-judgement", "We got complacent about the backup alerts.", None),
    ("vague-impact", "Some merchants saw failures for a while.", "impact"),
    ("vague-impact", "Search was degraded.", "impact"),
    ("vague-factor", "Insufficient alerting on the queue.", "factor"),
    ("vague-factor", "Network problems.", "factor"),
    ("unverifiable-action", "Improve the on-call handover.", "action"),
    ("unverifiable-action", "Be more careful with production credentials.", "action"),
    ("unverifiable-action", "Looks fine.", "verification"),
]

# What the policy says is not blame, each in a fresh wording.
HARD_NEGATIVES = [
    ("09:14 Kenji acknowledged the page and opened the incident channel.", None),
    ("10:02 Priya Raman deleted the stale lock file; writes resumed at 10:03.", "timeline"),
    ("Kenji deleted the stuck pods to force a reschedule.", None),
    ("Marco and Priya decided to roll back at 14:10.", None),
    ("The on-call engineer restarted payments-api-2 after it failed its health checks.", None),
    ("The gateway returned HTTP 500 errors for 12 minutes.", None),
    ("A fault in the load balancer firmware dropped 3% of connections.", None),
    ("The disk alert should fire at 80%, not 95%.", None),
    ("The migration tool failed to copy the column default.", None),
    ("The scheduler forgot the node taint after the upgrade.", None),
    ("Root cause: operator error in the etcd operator, which crashed during reconcile.", None),
    ("In hindsight, the retry policy was the main amplifier.", None),
    ("Looking back, memory on the cache nodes had been creeping up for days.", None),
    ("I restarted the node at 03:10 because the health check kept flapping.", None),
    ("We skipped the load test because the test cluster was booked all week.", None),
    ("The alert was dismissed as noise because the same alert had fired 40 times that week.", None),
    ("Kenji missed the page because his phone's focus mode muted the pager app.", None),
    ("Owner: Kenji, add a typed confirmation to the deploy CLI (due 12 May).", "action"),
    ("Action item for @dana: alert when replication lag exceeds 30 s.", "action"),
    ("We are not here to decide whose fault it was.", None),
    ("Per our guidelines, words like 'careless' and 'obviously' are rewritten.", None),
    ("The avatar service uses lazy loading for thumbnails.", None),
    ("Why didn't the canary catch the empty allowlist?", None),
    ("Who was on call when the first alert fired?", None),
    ("The vendor's firmware is to blame for the NIC resets.", None),
    ("This was our worst checkout outage this year.", None),
    ("We want a deploy path that tolerates human error.", None),
    ("If you forget the flag, the CLI now refuses to run.", None),
    ("Users reported errors through the support form from 08:40.", None),
    ("The secondary should have been paged after ten minutes, not thirty.", None),
    ("Priya's fix took the error rate down to 0.1%.", None),
    ("You should have received an email with the incident summary.", None),
    ("Support could have used a status page template.", None),
    ("Obviously this needs a follow-up ticket.", None),
    ("The human error rate in manual deploys is why we automated them.", None),
    ("Nobody noticed the drift for three weeks; no alert watches config drift.", None),
]


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.default()


@pytest.mark.parametrize(("category", "text", "field"), FIRES)
def test_each_category_fires_on_a_fresh_example(
    detector: Detector, category: str, text: str, field: str | None
) -> None:
    found = detector.analyse(text, names=NAMES, field=field)
    assert category in {f.category for f in found}, [f.rule_id for f in found]


@pytest.mark.parametrize(("text", "field"), HARD_NEGATIVES)
def test_hard_negatives_stay_quiet(detector: Detector, text: str, field: str | None) -> None:
    found = detector.analyse(text, names=NAMES, field=field)
    blame = [(f.rule_id, text[f.start : f.end]) for f in found if f.family == "blame"]
    assert blame == []


def test_every_category_of_the_lexicon_is_exercised() -> None:
    categories = {r.category for r in Detector.default().rules}
    assert categories == {c for c, _, _ in FIRES}


def test_a_known_name_makes_a_person_the_cause(detector: Detector) -> None:
    assert not is_blame(detector.analyse("Zarek pushed the change."))
    assert is_blame(detector.analyse("Zarek skipped the canary.", names=["Zarek"]))
    # Unknown to the word lists, known to the review: the name is the subject of a failing.
    found = detector.analyse("Because Zarek merged it before the backfill.", names=["Zarek"])
    assert [f.category for f in found] == ["person-as-cause"]


def test_names_with_regex_metacharacters(detector: Detector) -> None:
    names = ["O'Brien (SRE)", "a+b", "[bot]", ".*", "K.*", "  ", "", "@dana.k", "\\d+"]
    found = detector.analyse("[bot] skipped the canary.", names=names)
    assert [f.category for f in found] == ["person-as-cause"]
    found = detector.analyse("O'Brien (SRE) forgot to renew the certificate.", names=names)
    assert "counterfactual" in {f.category for f in found}
    # ".*" and "K.*" are literal names, not patterns that swallow the sentence.
    assert detector.analyse("Kubernetes restarted the pod at 10:02.", names=names) == []
    assert is_blame(detector.analyse("@dana.k ignored the page.", names=names))


def test_name_variants_and_lower_case_notes(detector: Detector) -> None:
    assert is_blame(detector.analyse("kenji skipped the canary", names=["Kenji"]))
    assert is_blame(detector.analyse("Raman forgot the flag.", names=["Priya Raman"]))
    # A name that is an ordinary word only counts as spelled.
    assert not is_blame(detector.analyse("The job will skip the canary.", names=["Will"]))


def test_findings_carry_a_reason_and_a_system_question(detector: Detector) -> None:
    text = "Kenji should have checked the lag. It was obvious. Who approved this?"
    found = detector.analyse(text, names=NAMES)
    assert len(found) == 3
    for f in found:
        assert isinstance(f, Finding)
        assert 0 <= f.start < f.end <= len(text)
        assert f.severity in SEVERITIES and f.family in FAMILIES
        assert f.why.strip() and "\n" not in f.why
        assert f.question.strip().endswith("?") and "\n" not in f.question
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert text[found[0].start : found[0].end] == "Kenji should have"


def test_every_rule_has_a_one_line_why_and_question() -> None:
    for rule in Detector.default().rules:
        assert rule.why and "\n" not in rule.why, rule.id
        assert rule.question.endswith("?") and "\n" not in rule.question, rule.id


def test_every_blame_span_of_a_sentence_is_marked(detector: Detector) -> None:
    found = detector.analyse("Kenji forgot the flag and Priya forgot the backup.", names=NAMES)
    assert [f.category for f in found] == ["counterfactual", "counterfactual"]
    text = "Dave forgot to restart the service after the swap, and the on-call should have noticed."
    marked = [text[f.start : f.end] for f in detector.analyse(text)]
    assert len(marked) == 2
    assert "forgot" in marked[0] and "should have" in marked[1]


def test_vague_checks_depend_on_the_field(detector: Detector) -> None:
    text = "Some users were affected."
    assert [f.category for f in detector.analyse(text, field="impact")] == ["vague-impact"]
    assert detector.analyse(text) == []
    assert detector.analyse(text, field="timeline") == []
    assert detector.analyse(text, field="impact", include_vague=False) == []
    assert detector.analyse("Insufficient testing.", field="action") == []
    as_factor = detector.analyse("Improve monitoring.", field="factor")
    assert "unverifiable-action" not in {f.category for f in as_factor}
    figures = "About 2,300 users could not log in for 41 minutes."
    assert detector.analyse(figures, field="impact") == []


def test_a_timeline_entry_naming_a_person_neutrally_is_quiet(detector: Detector) -> None:
    entry = "Kenji dropped the replica and started the restore."
    assert detector.analyse(entry, names=NAMES, field="timeline") == []
    assert is_blame(detector.analyse(entry, names=NAMES, field="why"))


def test_unknown_field_is_a_programming_error(detector: Detector) -> None:
    with pytest.raises(ValueError, match="field"):
        detector.analyse("text", field="notes")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  \n",
        "🔥🔥🔥 prod is down 🔥 🙃",
        "המערכת נפלה בגלל שינוי בתצורה. الخادم توقف عن العمل.",
        "\x00\x01\x02\x1b[31mred\x1b[0m\x7f\u200b\u202e reversed \ufeff",
        "İstanbul DC İİİ forgot",  # lower() would change the length
        "\ue000\ue000 private-use characters \ue000",
        "." * 5000,
        "'" * 5000,
    ],
)
def test_odd_input_does_not_crash(detector: Detector, text: str) -> None:
    for field in (None, "impact", "factor", "action", "timeline"):
        for f in detector.analyse(text, names=NAMES, field=field):
            assert 0 <= f.start < f.end <= len(text)


def test_spans_stay_right_when_lower_casing_changes_length(detector: Detector) -> None:
    text = "İİİ. Kenji forgot to renew the certificate."
    (finding,) = detector.analyse(text, names=NAMES)
    assert text[finding.start : finding.end] == "Kenji forgot to"


HANG_S = 30.0


def test_a_very_long_line_and_a_megabyte_finish_fast(detector: Detector) -> None:
    sentence = "the on-call forgot to check the lag and the pipeline should fire at 80% "
    one_line = sentence * (1_000_000 // len(sentence))
    prose = ("Kenji forgot the flag. The job failed to start at 10:02. " * 18_000)[:1_000_000]
    unbroken = "x" * 1_000_000
    for text in (one_line, prose, unbroken):
        start = time.perf_counter()
        found = detector.analyse(text, names=NAMES, field="factor")
        # A guard against runaway matching (minutes), not a speed figure: about 0.3 s here,
        # but a shared CI machine once took 5.4 s. The speed is tests/perf's business.
        assert time.perf_counter() - start < HANG_S
        assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert is_blame(detector.analyse(one_line))


def test_sentences_split_and_trim() -> None:
    text = "  First one. Second, e.g. with an abbreviation!\nThird line\n\n  Fourth?  "
    spans = sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "First one.",
        "Second, e.g. with an abbreviation!",
        "Third line",
        "Fourth?",
    ]
    assert sentences("") == [] and sentences(" \n ") == []
    long_spans = sentences("word " * 1000)
    assert len(long_spans) > 1 and all(b - a <= 1000 for a, b in long_spans)


def test_is_blame_looks_at_the_family_only() -> None:
    vague = Finding(0, 4, "v", "vague-impact", "caution", "vague", "why", "what?")
    blame = Finding(0, 4, "b", "character", "caution", "blame", "why", "what?")
    assert not is_blame([]) and not is_blame([vague])
    assert is_blame([vague, blame])


def test_a_common_given_name_is_a_person_without_being_told() -> None:
    detector = Detector.default()
    assert [f.rule_id for f in detector.analyse("Bob should have checked the canary.")] == [
        "counterfactual.should-have"
    ]
    # Only as spelled: "bob" in lower case, and names that are also systems, stay words.
    assert detector.analyse("the float should have bob'd.") == []
    assert detector.analyse("Julia should have handled the NaN.") == []
