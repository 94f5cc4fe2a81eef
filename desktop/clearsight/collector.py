"""Python's garbage collector, tuned so that it never holds up the window, and paused where
a long piece of work would make it walk the same growing objects again and again.

Every few thousand allocations Python looks for reference cycles; now and then it walks every
object the app holds. With a big review open that full walk took 70-80 ms, and it happened on
whichever thread allocated, a worker rendering a PDF included: the window's thread waited for
it (the interpreter runs one thread at a time), so a keystroke sat unanswered. So the objects
alive once the app has started (modules, classes, the blame detector's tables) are moved out
of the collector's sight (gc.freeze), and the generations are sized so that a collection
walks a few thousand objects: young ones less often than Python's default, the middle one
small (a middle collection of 140,000 objects took 50 ms), the full one ten times rarer.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Allocations between young collections (Python's default: 700), then how many young and
# middle collections before the next older one (defaults 10 and 10). Measured with the
# event-loop benchmark (tests/perf/test_event_loop.py) and gc.callbacks timing each pause.
THRESHOLDS = (3_000, 5, 100)


def tune() -> None:
    gc.set_threshold(*THRESHOLDS)


def freeze_long_lived() -> None:
    """Everything alive now is kept for the app's life: the collector stops walking it.
    Called once start-up has loaded what the app keeps (see launch.warm_up)."""
    gc.collect()
    gc.freeze()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cycle collection while the block runs (it makes no cycles worth collecting): a
    collection every few thousand allocations walked the record being checked, so verifying
    a review four times as big took five and a half times as long."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
