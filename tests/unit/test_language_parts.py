"""The learned scorer's parts, each on its own: lemmas, clauses, features, spans, reasons and
the team lexicon. Sentences here are written for these tests, none from the corpus."""

from __future__ import annotations

import pytest

from clearsight.errors import InputError
from clearsight.language import detector as detector_module
from clearsight.language.detector import Detector, use_team_lexicon
from clearsight.language.explain import DEFAULT, Explanations
from clearsight.language.features import WordClasses, feature_names, sentence_features
from clearsight.language.learned import load_learned
from clearsight.language.scorer import Model
from clearsight.language.team import TeamLexicon, TeamRules
from clearsight.language.text import NAME_MARK
from clearsight.language.tokens import HANDLE, NAME, NUMBER, POSSESSIVE, lemma, tokens

# --- lemmas and tokens -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("forgot", "forget"),
        ("forgets", "forget"),
        ("forgetting", "forget"),
        ("skipped", "skip"),
        ("called", "call"),
        ("passed", "pass"),
        ("migrated", "migrate"),
        ("queries", "query"),
        ("applied", "apply"),
        ("pushes", "push"),
        ("didn't", "do"),
        ("was", "be"),
        ("fat-fingered", "fat-finger"),
        ("status", "status"),
        ("42", NUMBER),
        ("@dana", HANDLE),
    ],
)
def test_lemma_maps_forms_of_a_word_onto_one_key(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_every_form_of_a_word_gets_one_key_even_when_it_is_not_the_dictionary_form() -> None:
    assert lemma("deleted") == lemma("deleting")
    assert lemma("budgeted") == lemma("budgeting") == lemma("budgets") == "budget"


def test_a_class_word_holds_the_keys_of_its_forms() -> None:
    classes = WordClasses.build({"BLAME": ["cause"], "SLIP_VERB": ["delete"]}, "t")
    for sentence in ("he caused it", "he is causing it", "he causes it", "he deleted it"):
        names = feature_names(sentence, classes)
        assert "c:BLAME" in names or "c:SLIP_VERB" in names, sentence
    merged = classes.merged({"BLAME": ["culprit"]})
    assert "c:BLAME" in feature_names("the culprit caused it", merged)
    assert merged.lists["BLAME"] == ("cause", "culprit")


def test_a_masked_name_is_one_name_token() -> None:
    masked = f"{NAME_MARK * 4} forgot the flag."
    toks = tokens(masked)
    assert [t.lemma for t in toks] == [NAME, "forget", "the", "flag"]
    assert masked[toks[0].start : toks[0].end] == NAME_MARK * 4


def test_contractions_and_possessives_split_into_their_words() -> None:
    def lemmas(text: str) -> list[str]:
        return [t.lemma for t in tokens(text)]

    assert lemmas("dave didn't restart it") == ["dave", "do", "not", "restart", "it"]
    assert lemmas("it won’t and we dont") == ["it", "will", "not", "and", "we", "not"]
    assert lemmas("the vendor's typo") == ["the", "vendor", POSSESSIVE, "typo"]
    assert lemmas("that's it") == ["that", "be", "it"]
    assert lemmas(f"{NAME_MARK * 4}'s change") == [NAME, POSSESSIVE, "change"]
    assert lemma("friday") == lemma("monday")  # one key for the days, as for numbers


def test_clauses_are_numbered_at_marks_and_opening_words() -> None:
    toks = tokens("the disk filled, so the job stopped because nobody was paged")
    by_word = {t.lemma: t.clause for t in toks}
    assert by_word["disk"] == by_word["fill"] == 0
    assert by_word["job"] == by_word["stop"] == 2  # the comma, then "so"
    assert by_word["nobody"] == 3  # "because" opens the next one
    assert [t.lemma for t in tokens("why not?")][-1] == "?"


# --- features ----------------------------------------------------------------------------

CLASSES = WordClasses.build(
    {"AGENT": ["engineer", "on call"], "OMIT": ["forget"], "NEG": ["not"], "SYSTEM": ["alert"]},
    "test classes",
)


def test_features_name_words_classes_openings_bigrams_and_pairs() -> None:
    names = feature_names("the engineer forgot the alert", CLASSES)
    for expected in (
        "w:engineer",
        "c:AGENT",
        "c:OMIT",
        "o:AGENT",
        "b:engineer_forget",
        "g:AGENT_OMIT",
        "p:AGENT>OMIT",
        "p:OMIT>SYSTEM",
    ):
        assert expected in names
    assert "x:AGENT>OMIT" not in names  # one clause: no cross-clause feature


def test_a_class_under_a_negation_is_another_feature() -> None:
    names = feature_names("it was not the engineer", CLASSES)
    assert "c:~AGENT" in names and "c:AGENT" not in names


def test_a_two_word_phrase_gives_its_class_to_both_words() -> None:
    toks, feats = sentence_features("the on call paged nobody", CLASSES)
    carried = {name: carriers for name, carriers in feats}
    assert [toks[i].lemma for i in carried["c:AGENT"]] in (["on"], ["call"])
    assert sum(1 for name, _ in feats if name == "c:AGENT") == 2


def test_a_capitalised_unknown_word_becomes_cap_from_the_original() -> None:
    original = "Equifax did not patch the server"
    assert "c:CAP" in feature_names(original.lower(), CLASSES, original=original)
    assert "c:CAP" not in feature_names(original.lower(), CLASSES)


def test_features_across_clauses_are_marked_x() -> None:
    classes = WordClasses.build({"AGENT": ["engineer"], "HARM": ["outage"]}, "t")
    names = feature_names("the engineer deployed, which caused the outage", classes)
    assert "x:AGENT>HARM" in names


def test_a_person_and_what_a_clause_says_of_them_is_one_feature_for_any_person() -> None:
    classes = WordClasses.build(
        {"AGENT": ["vendor"], "SELF": ["we"], "OMIT": ["forget"], "SYSTEM": ["alert"]}, "t"
    )
    for text in ("the vendor forgot the alert", "we forgot the alert", "the alert we forgot"):
        assert "k:OMIT" in feature_names(text, classes), text
    # Only within one clause.
    assert "k:OMIT" not in feature_names("the vendor called, so the alert was forgotten", classes)


def test_a_denied_person_or_a_negated_deed_is_another_clause_feature() -> None:
    classes = WordClasses.build(
        {"AGENT": ["engineer", "nobody"], "NEG": ["not", "nobody"], "JUDGE": ["careless"]}, "t"
    )
    assert "k:JUDGE" in feature_names("the engineer was careless", classes)
    for text in ("nobody was careless", "the engineer was not careless"):
        names = feature_names(text, classes)
        assert "k:~JUDGE" in names and "k:JUDGE" not in names, text


def test_a_trade_ending_makes_a_person_and_a_name_of_words_a_company() -> None:
    classes = WordClasses.build({"SYSTEM": ["system"], "OMIT": ["fail"]}, "t")
    assert "c:AGENT" in feature_names("the agronomist entered the recipe", classes)
    assert "c:AGENT" not in feature_names("the checklist was outdated", classes)
    original = "Corvena Health Systems failed to warn them"
    names = feature_names(original.lower(), classes, original=original)
    assert "c:SYSTEM" not in names and "k:OMIT" in names


def test_who_opens_a_because_clause_is_a_feature() -> None:
    classes = WordClasses.build({"AGENT": ["he"], "SYSTEM": ["form"]}, "t")
    assert "o:because>AGENT" in feature_names("it failed because he was away", classes)
    assert "o:because>SYSTEM" in feature_names("it failed because the form took it", classes)


def test_a_phrase_of_inflected_words_matches_its_lemmas() -> None:
    classes = WordClasses.build({"PUNISH": ["removed from"]}, "t")
    assert "c:PUNISH" in feature_names("two clerks were removed from their posts", classes)


def test_hindsight_is_told_apart_by_its_subject_and_voice() -> None:
    classes = WordClasses.build({"AGENT": ["secondary"]}, "t")
    kinds = {
        "this should have been checked": "h:passive",
        "the secondary should have been overruled": "h:person-passive",
        # owed a message: what failed is whatever should have sent it
        "the secondary should have been paged": "h:person-told",
        "the secondary should have checked": "h:person",
        "the alert should have fired": "h:thing",
    }
    for text, kind in kinds.items():
        assert [n for n in feature_names(text, classes) if n.startswith("h:")] == [kind], text


def test_a_term_of_the_trade_replaces_the_classes_of_its_words() -> None:
    classes = WordClasses.build({"SLIP": ["error"], "TERM": ["error budget"]}, "t")
    assert "c:SLIP" in feature_names("an error in the budget", classes)
    names = feature_names("our error budget was spent", classes)
    assert "c:TERM" in names and "c:SLIP" not in names


def test_word_classes_reject_long_entries_and_non_lists() -> None:
    with pytest.raises(InputError) as err:
        WordClasses.build({"AGENT": ["a b c d"], "OMIT": "forget"}, "mine.toml")
    text = str(err.value)
    assert "mine.toml" in text and "'a b c d' is not one to three words" in text
    assert "classes.OMIT: not a list of words" in text


# --- the scorer --------------------------------------------------------------------------


def _model(weights: dict[str, float], bias: float = -1.0, threshold: float = 0.0) -> Model:
    return Model(bias, threshold, threshold - 1.0, weights, "test")


def test_a_feature_counts_once_however_often_it_occurs() -> None:
    model = _model({"w:typo": 2.0})
    assert model.logit(["w:typo"]) == model.logit(["w:typo", "w:typo", "w:typo"]) == 1.0


def test_a_rule_hit_lowers_the_threshold() -> None:
    model = _model({"w:typo": 0.5})
    toks, feats = sentence_features("a typo", CLASSES)
    assert not model.score(toks, feats).spans  # logit -0.5 < 0
    assert model.score(toks, feats, ruled=True).spans  # -0.5 >= -1


def test_spans_mark_the_words_that_earned_the_score_with_a_class_reason() -> None:
    model = _model({"c:OMIT": 2.0, "c:AGENT": 0.8, "w:the": 0.01})
    text = "the engineer forgot the alert"
    scored = model.score(*sentence_features(text, CLASSES))
    assert scored.logit == pytest.approx(1.81)
    (span,) = scored.spans
    assert text[span.start : span.end] == "engineer forgot"
    assert span.reason == "c:OMIT"
    assert (span.clause_start, span.clause_end) == (0, len(text))


def test_a_later_clause_is_marked_only_with_a_class_of_its_own() -> None:
    classes = WordClasses.build({"OMIT": ["forget", "skip"]}, "t")
    model = _model({"c:OMIT": 2.0, "w:deploy": 1.5})
    text = "the engineer forgot the check, then the deploy skipped it"
    spans = model.score(*sentence_features(text, classes)).spans
    # The class's weight is shared by its two words; "deploy" joins the second span.
    assert [text[s.start : s.end] for s in spans] == ["forgot", "deploy skipped"]
    lemma_only = model.score(*sentence_features("he forgot it, then the deploy ran", classes))
    assert len(lemma_only.spans) == 1  # "deploy" earns weight but names no class


def test_cross_clause_features_score_but_do_not_mark_words() -> None:
    classes = WordClasses.build({"AGENT": ["engineer"], "HARM": ["outage"]}, "t")
    model = _model({"x:AGENT>HARM": 3.0, "c:AGENT": 0.5})
    text = "the engineer deployed, which caused the outage"
    (span,) = model.score(*sentence_features(text, classes)).spans
    assert text[span.start : span.end] == "engineer"


def test_model_file_problems_name_the_file_and_the_key() -> None:
    for text, message in [
        ("{", "line 1"),
        ('{"format": "other"}', "format: expected"),
        ('{"format": "clearsight.blame-model", "weights": {"a": "x"}}', "weights: expected"),
        ('{"format": "clearsight.blame-model", "weights": {}}', "bias, threshold"),
    ]:
        with pytest.raises(InputError) as err:
            Model.from_json(text, "model.json")
        assert "model.json" in str(err.value) and message in str(err.value)


def test_the_shipped_model_loads_and_scores_an_issue_sentence_as_blame() -> None:
    learned = load_learned()

    def logit(text: str) -> float:
        return learned.model.logit(feature_names(text.lower(), learned.classes, original=text))

    assert logit("The operator fat-fingered the config and took down prod.") >= 1.5
    assert logit("The gateway returned HTTP 500 errors for 12 minutes.") < -0.5
    assert learned.model.rule_threshold < learned.model.threshold


# --- reasons -----------------------------------------------------------------------------

EXPLAIN = """
[explain.default]
category = "blame"
why = "It reads as blame."
question = "What made it possible?"
[explain.OMIT]
category = "omission"
why = "It names what someone did not do."
question = "What would have reminded anyone?"
"""


def test_a_reason_comes_from_the_class_the_feature_is_about() -> None:
    ex = Explanations.from_toml(EXPLAIN, "t")
    assert ex.reason("c:OMIT")[0] == "OMIT"
    assert ex.reason("p:AGENT>OMIT")[0] == "OMIT"  # the second class says what of the first
    assert ex.reason("g:OMIT_AGENT")[0] == "OMIT"
    assert ex.reason("w:forget")[0] == DEFAULT
    finding = ex.finding("p:AGENT>OMIT", 3, 9)
    assert finding.rule_id == "learned.omission" and finding.family == "blame"


def test_an_explanation_needs_a_default_and_questions() -> None:
    with pytest.raises(InputError, match="at least"):
        Explanations.from_toml("[explain.OMIT]\ncategory='x'\nwhy='y'\nquestion='z?'", "t")
    bad = EXPLAIN.replace("What would have reminded anyone?", "Nothing")
    with pytest.raises(InputError, match="must end with"):
        Explanations.from_toml(bad, "t")


# --- the team lexicon --------------------------------------------------------------------


def test_team_lexicon_problems_are_all_named() -> None:
    text = """
[blame]
phrases = ["cowboy deploy", 3]
reason = "two\\nlines"
[classes]
AGNET = ["sherpa"]
AGENT = ["the night shift lead"]
[extra]
"""
    with pytest.raises(InputError) as err:
        TeamLexicon.parse(text, "lexicon.toml")
    message = str(err.value)
    assert "lexicon.toml" in message
    assert "unknown table(s) extra" in message
    assert "blame.reason: one line of text" in message
    assert "classes.AGNET: unknown class" in message
    assert "classes.AGENT[0]: 'the night shift lead' is not one to three words" in message


def test_team_lexicon_round_trips_and_saves_atomically(tmp_path) -> None:
    lexicon = TeamLexicon(("cowboy deploy",), ("blame service",), {"AGENT": ("sherpa",)}, "Ours.")
    path = tmp_path / "sub" / "lexicon.toml"
    lexicon.save(path)
    assert TeamLexicon.load(path) == lexicon
    assert [p.name for p in path.parent.iterdir()] == ["lexicon.toml"]
    assert TeamLexicon.load(tmp_path / "missing.toml").empty


def test_team_rules_flag_phrases_and_spare_never_phrases() -> None:
    rules = TeamRules(TeamLexicon(("cowboy deploy",), ("blame service",)))
    (found,) = rules.findings("another cowboy deploy today", 10)
    assert (found.start, found.end, found.family) == (18, 31, "blame")
    assert rules.spare([found], "another cowboy deploy today", 10) == [found]
    assert rules.spare([found], "the blame service deploy today", 14) == []


@pytest.fixture
def team_in_use():
    yield use_team_lexicon
    use_team_lexicon(None)
    detector_module._team_detectors.clear()


def test_default_detector_uses_the_team_lexicon_in_use(team_in_use) -> None:
    # A neutral team phrase: the shipped words raise nothing, the team lexicon flags it.
    text = "Another big bang rollout on Friday."
    assert not Detector.default().analyse(text)
    team_in_use(TeamLexicon(("big bang rollout",), (), {}, "We agreed this skips the canary."))
    (finding,) = Detector.default().analyse(text)
    assert finding.rule_id == "team.blame"
    assert finding.why == "We agreed this skips the canary."
    assert Detector.default() is Detector.default()  # built once per lexicon
    team_in_use(None)
    assert not Detector.default().analyse(text)


def test_a_never_phrase_silences_the_shipped_detector(team_in_use) -> None:
    text = "The intern made a mistake in the config."
    assert Detector.default().analyse(text)
    team_in_use(TeamLexicon((), ("intern made a mistake",)))
    assert not Detector.default().analyse(text)
