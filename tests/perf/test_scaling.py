"""How the exports and `verify` grow with the review: 1x and 4x of the issue's real incident
(tests/perf/big_review.py), and the growth exponent log(t4/t1)/log(4), where 1.0 is linear
and 2.0 quadratic (goal: at most 1.1).

Run: pytest tests/perf -m perf -s -k scaling
Each figure is the median of a few runs, the runs of both sizes interleaved, in CPU time of
this process (which other programs on the machine disturb less than the wall clock) with the
wall time beside it. The baseline is json.dumps of the same form, timed in the same rounds:
when it grows by more than 4x too, the machine, not the code, is what grew.
"""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clearsight.db.store import Store
from clearsight.record.canonical import digest_of
from clearsight.record.markdown_export import render_markdown
from clearsight.record.pdf_export import render_pdf
from clearsight.record.verify import verify_file
from clearsight.services.root import Services
from tests.perf.big_review import review_form

pytestmark = pytest.mark.perf
SCALES = (1, 4)
ROUNDS = 3
# Generous: a cost that grows with the square of the review shows as 2.0. Only the PDF's
# times are checked; the Markdown's are a tenth of a second, too short not to flake.
MOST_EXPONENT = 1.5


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def _forms(store: Store, scales: tuple[int, ...] = SCALES) -> dict[int, dict[str, Any]]:
    """The review at each scale, imported and exported as the app would."""
    records = Services(store).records
    return {
        scale: records.export_review(records.import_review(review_form(scale=scale), "perf"))
        for scale in scales
    }


def _work(form: dict[str, Any], folder: Path) -> dict[str, Callable[[], object]]:
    """What is timed for one size; writes the files that `verify` reads."""
    digest = digest_of(form)
    pdf, md = folder / "record.pdf", folder / "record.md"
    pdf.write_bytes(render_pdf(form, digest))  # also loads the fonts before any timing
    md.write_text(render_markdown(form, digest), encoding="utf-8")
    assert verify_file(pdf).ok and verify_file(md).ok
    return {
        "baseline: json.dumps of the form": lambda: json.dumps(form, sort_keys=True),
        "PDF export": lambda: render_pdf(form, digest),
        "Markdown export": lambda: render_markdown(form, digest),
        "verify of the PDF": lambda: verify_file(pdf),
        "verify of the Markdown": lambda: verify_file(md),
    }


def test_exports_and_verify_grow_linearly(store: Store, tmp_path: Path) -> None:
    work = {}
    for scale, form in _forms(store).items():
        (tmp_path / f"{scale}x").mkdir()
        work[scale] = _work(form, tmp_path / f"{scale}x")
    runs: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for _ in range(ROUNDS):
        for scale, jobs in work.items():
            for name, job in jobs.items():
                runs.setdefault((name, scale), []).append(_timed(job))
    print(f"\n{'':34}{'1x cpu':>9}{'4x cpu':>9}{'exponent':>10}{'1x wall':>9}{'4x wall':>9}")
    exponents = {}
    for name in work[1]:
        cpu = [statistics.median(c for c, _ in runs[name, s]) for s in SCALES]
        wall = [statistics.median(w for _, w in runs[name, s]) for s in SCALES]
        exponents[name] = math.log(cpu[1] / cpu[0]) / math.log(SCALES[1] / SCALES[0])
        print(
            f"{name:34}{cpu[0]:8.3f}s{cpu[1]:8.3f}s{exponents[name]:10.2f}"
            f"{wall[0]:8.3f}s{wall[1]:8.3f}s"
        )
    for name in ("PDF export", "verify of the PDF"):
        assert exponents[name] < MOST_EXPONENT, name


ACCELERATOR_OFF = """
import json, sys, time
sys.modules["_rl_accel"] = None  # as if reportlab's C accelerator were not installed
from clearsight.record.canonical import digest_of
from clearsight.record.pdf_export import render_pdf
form = json.load(open(sys.argv[1], encoding="utf-8"))
render_pdf(form, digest_of(form))
begin = time.process_time()
pdf = render_pdf(form, digest_of(form))
print(time.process_time() - begin, file=sys.stderr)
sys.stdout.buffer.write(pdf)
"""


def test_the_c_accelerator_is_used_and_changes_no_byte(store: Store, tmp_path: Path) -> None:
    from reportlab.lib import rl_accel

    assert "instanceStringWidthTTF" in rl_accel._c_funcs, "rl_accel is not installed"
    form = _forms(store, (1,))[1]
    digest = digest_of(form)
    source = tmp_path / "form.json"
    source.write_text(json.dumps(form), encoding="utf-8")
    render_pdf(form, digest)  # loads the fonts
    begin = time.process_time()
    pdf = render_pdf(form, digest)
    with_it = time.process_time() - begin
    done = subprocess.run(
        [sys.executable, "-c", ACCELERATOR_OFF, str(source)], capture_output=True, check=True
    )
    print(f"\nPDF export, 1x: {with_it:.3f}s with rl_accel, {float(done.stderr):.3f}s without")
    assert done.stdout == pdf  # verify compares re-rendered bytes, wherever it runs
