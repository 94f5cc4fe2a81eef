"""Preferences declared once: unique keys, defaults that read back, and stored values from an
older release or a hand edit falling back to the default instead of failing."""

from __future__ import annotations

import pytest

from clearsight import preferences as prefs


def test_each_key_is_declared_once_and_its_default_reads_back() -> None:
    keys = [p.key for p in prefs.ALL]
    assert len(keys) == len(set(keys))
    for pref in prefs.ALL:
        assert pref.scope in ("user", "team")
        assert pref.about.endswith(".")
        assert pref.value(None) == pref.fallback()


@pytest.mark.parametrize(
    ("pref", "stored", "expected"),
    [
        (prefs.LANGUAGE_PANEL, "false", False),  # an INI file's text
        (prefs.LANGUAGE_PANEL, True, True),
        (prefs.LANGUAGE_PANEL, "maybe", True),  # unreadable: the default
        (prefs.THEME, "dark", "dark"),
        (prefs.THEME, "neon", "system"),
        (prefs.PRESENTER_ZOOM, "9", 3.0),  # clamped to the range
        (prefs.PRESENTER_ZOOM, "big", 1.0),
        (prefs.LAST_REVIEW_ID, "12", 12),
        (prefs.LAST_REVIEW_ID, "twelve", None),
        (prefs.MEETING_CLOCK, "{not json", None),
        (prefs.EXPORT_FORMAT, "docx", "md"),
    ],
)
def test_a_stored_value_reads_back_or_gives_the_default(
    pref: prefs.Pref[object], stored: object, expected: object
) -> None:
    assert pref.value(stored) == expected


def test_team_preferences_read_through_their_own_checks() -> None:
    windows = prefs.DUE_WINDOWS.value({"SEV-2": 10})
    assert windows["SEV-2"] == 10 and windows["SEV-1"] == prefs.DUE_WINDOWS.fallback()["SEV-1"]
    assert prefs.TIMEBOXES.value({"timeline": "x"}) == prefs.TIMEBOXES.fallback()


def test_a_per_review_key_needs_the_review_and_only_it_does() -> None:
    assert prefs.PRESENTER_ZOOM.key_for("abc") == "presenter/zoom/abc"
    with pytest.raises(ValueError):
        prefs.PRESENTER_ZOOM.key_for()
    with pytest.raises(ValueError):
        prefs.THEME.key_for("abc")
