"""The words of a contributing factor that say what it is about: for the Insights' "most
common words of factors", and for telling whether two factors are alike (services/recurring.py).
Letters only, lower case, without the small words every
sentence has. Numbers, identifiers and anything that could be a token are left out, so a
secret pasted into a factor never becomes a bar in a report."""

from __future__ import annotations

import functools
import re

# Words of letters (any script) with inner hyphens ("read-only"), a possessive 's left out. A
# run touching a digit, an underscore or an apostrophe otherwise is an identifier, a version
# or a token: skipped.
WORD = re.compile(r"(?<![\w'-])([^\W\d_]+(?:-[^\W\d_]+)*)(?:'s)?(?![\w'-])")
LONGEST = 30
_SMALL_WORDS = """
    about above after again against all also among and any are aren't because been before
    being below between both but can cannot could did didn't does doesn't doing don't down
    during each even ever every few for from further had hadn't has hasn't have haven't
    having her here hers him his how however into isn't its itself just least less let
    like made make many may might more most much must nor not now off once one only other
    our ours out over own per same she should shouldn't since some such than that the
    their theirs them then there these they this those though through too under until
    upon very was wasn't way were weren't what when where whether which while who whom
    whose why will with within without would yet you your yours
"""
STOP = frozenset(_SMALL_WORDS.split())


# Remembered: a factor's text rarely changes, and the Insights page asks again for every
# filter the user tries (17,000 factors of 5,000 reviews take ~100 ms to read afresh).
@functools.lru_cache(maxsize=32_768)
def factor_words(text: str) -> frozenset[str]:
    """The distinct content words of ``text``, lower case."""
    words = set(WORD.findall(text.casefold())) - STOP
    return frozenset(w for w in words if 3 <= len(w) <= LONGEST)
