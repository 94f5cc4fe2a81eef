"""The readers' fuzzing at length, on demand (pytest does not collect this file).

    .venv/bin/python -m tests.fuzz_readers --cases 5000 [--seed N] [--limit 2] [--reader csv]

Feeds every reader of tests/helpers/reader_cases.py the same kinds of hostile input, shared
out over the readers, and prints per reader and in all: cases tried, results, clean errors
(InputError/UserError), tracebacks (any other exception: a bug) and hangs (a case that took
longer than --limit seconds). Exit 1 when there was a traceback or a hang; the first few are
printed with their input.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as with_seed

from tests.helpers.reader_cases import READERS, STORES, Reader, outcome

SHOWN = 5  # tracebacks and hangs printed in full


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Hang


def fuzz(reader: Reader, cases: int, seed: int, limit: float, folder: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    shown: list[str] = []

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(reader.inputs)
    def run(example: Any) -> None:
        counts["tried"] += 1
        signal.setitimer(signal.ITIMER_REAL, limit)
        start = time.perf_counter()
        try:
            result = outcome(reader, example, folder)
        except _Hang:
            result = "hang"
        except Exception:  # a bug in the reader: counted, shown, and the run goes on
            result = "traceback"
            if len(shown) < SHOWN:
                shown.append(f"{traceback.format_exc()}input: {example!r:.300}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if result != "hang" and time.perf_counter() - start > limit:
            result = "hang"  # a C loop that no signal interrupts: late, but counted
        if result == "hang" and len(shown) < SHOWN:
            shown.append(f"hang (over {limit} s): input: {example!r:.300}")
        counts[result] += 1

    with_seed(seed)(run)()
    for text in shown:
        print(f"--- {reader.name}\n{text}", file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz_readers")
    parser.add_argument("--cases", type=int, default=5000, help="in all, over the readers")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds before a case hangs")
    parser.add_argument("--reader", choices=[r.name for r in READERS], action="append")
    args = parser.parse_args(argv)
    readers = [r for r in READERS if not args.reader or r.name in args.reader]
    signal.signal(signal.SIGALRM, _alarm)
    total: Counter[str] = Counter()
    print(f"{'reader':<18}{'tried':>8}{'results':>9}{'clean errors':>14}", end="")
    print(f"{'tracebacks':>12}{'hangs':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for n, reader in enumerate(readers):
            share = args.cases // len(readers) + (n < args.cases % len(readers))
            folder = Path(tmp) / f"r{n}"
            folder.mkdir()
            start = time.perf_counter()
            counts = fuzz(reader, share, args.seed, args.limit, folder)
            total += counts
            took = time.perf_counter() - start
            print(
                f"{reader.name:<18}{counts['tried']:>8}{counts['ok']:>9}{counts['clean error']:>14}"
                f"{counts['traceback']:>12}{counts['hang']:>7}   {took:.0f} s"
            )
        for store in STORES.values():
            store.close()
    print(
        f"{'all':<18}{total['tried']:>8}{total['ok']:>9}{total['clean error']:>14}"
        f"{total['traceback']:>12}{total['hang']:>7}"
    )
    return 1 if total["traceback"] or total["hang"] else 0


if __name__ == "__main__":
    sys.exit(main())
