"""Steps that compute for seconds run in a child process, not on the job's thread.

A job's thread shares the interpreter with the window: while it renders a PDF (a second or
two of pure Python in reportlab), each call from Qt into Python on the window's thread (a
paint, a timer, a widget deleted) waits for the interpreter to be handed over. Over a whole
repaint those waits came to a tenth of a second. A child process has an interpreter of its
own. Starting one costs some 0.4 s, so only work that takes longer goes there: rendering and
checking a PDF. The function and what it is given and returns must be picklable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def in_process(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a fresh child process; what it raises is raised here."""
    # Imported here: 30 ms of start-up, before the window shows, for work done later.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn": a fresh interpreter, not a copy of this one with Qt's threads in it.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(fn, *args).result()
