"""The readers on the inputs that used to hang them: linear time, bounded memory.

Run: pytest tests/perf -m perf -s -k reader
Each case once took seconds to minutes (a 20,000-"<" Slack message 6 s, 200,000 did not
finish; a 100,000-line chat log 17-25 s; `lint` of 50 MB 45 s and 1.06 GB). Baselines in the
same process show a busy machine: json.loads of the same export, a plain read of the same log.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from clearsight.services.root import Services
from clearsight.timeline.chat_import import read_messages
from clearsight.timeline.zones import zone

pytestmark = pytest.mark.perf
DAY = date(2026, 3, 15)
TS = datetime(2026, 3, 15, 14, 0, tzinfo=UTC).timestamp()


@pytest.mark.parametrize("text", ["<" * 200_000, "<@U1|" * 40_000, "<a|" * 66_000])
def test_a_200000_character_slack_message(tmp_path: Path, text: str) -> None:
    path = tmp_path / "channel.json"
    path.write_text(json.dumps([{"ts": f"{TS:.6f}", "text": text, "user": "U1"}]))
    start = time.perf_counter()
    found = read_messages(path, UTC, DAY)
    elapsed = time.perf_counter() - start
    print(f"\nslack message of {len(text):,} characters ({text[:5]!r}...): {elapsed:.3f} s")
    assert len(found.messages) == 1
    assert elapsed < 1


def test_a_100000_line_chat_log(service: Services, tmp_path: Path) -> None:
    lines = [
        f"[{(n // 60) % 24:02d}:{n % 60:02d}] {('kenji', 'amara', 'priya')[n % 3]}: "
        f"checking pool metrics on payment-svc, step {n}"
        for n in range(100_000)
    ]
    path = tmp_path / "incident.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    review_id = service.reviews.create_review("Chat import speed", "SEV-3")

    start = time.perf_counter()
    path.read_text(encoding="utf-8").splitlines()
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    found = read_messages(path, zone("Asia/Tokyo"), DAY)
    read = time.perf_counter() - start
    items = [(m.key, m.at, f"{m.author}: {m.text}") for m in found.messages]
    added, _ = service.timeline.import_events(review_id, items)
    total = time.perf_counter() - start
    assert len(added) == len(lines) and not found.problems
    print(
        f"\nchat log of {len(lines):,} lines: read {read:.2f} s (a plain read {baseline:.3f} s), "
        f"read + store {total:.2f} s"
    )
    assert read < 3  # the store's part is db/final_guard's: one SELECT per new row


def _lint_peak(path: Path) -> tuple[float, float, int]:
    """Seconds, peak resident MB and exit code of `clearsight lint` in a fresh process.

    The peak is the child's VmHWM: getrusage's ru_maxrss survives exec, so a child forked
    from this test process would report this process's size."""
    code = (
        "import re, sys; from clearsight.cli import main; code = main(sys.argv[1:]); "
        "status = open('/proc/self/status').read(); "
        "print(re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr); "
        "sys.exit(code)"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, "lint", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert done.returncode in (0, 1), done.stderr
    peak = int(done.stderr.split()[-1])  # kB
    return elapsed, peak / 1024, done.returncode


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmHWM")
def test_lint_of_50_mb_streams_in_bounded_memory(service: Services, tmp_path: Path) -> None:
    from clearsight.record.canonical import digest_of
    from clearsight.record.markdown_export import render_markdown
    from clearsight.services.demo import add_demo

    form = service.records.export_review(add_demo(service))
    record = render_markdown(form, digest_of(form))
    path = tmp_path / "postmortems.md"
    with path.open("w", encoding="utf-8") as out:
        for n in range(50_000_000 // len(record) + 1):
            out.write(record.replace("# [", f"# {n} [", 1) + "\n\n")
            out.write(f"## Contributing factors {n}\n\nKenji should have checked the pool.\n\n")
    size = path.stat().st_size / 1e6
    elapsed, peak, code = _lint_peak(path)
    print(f"\nlint of {size:.0f} MB: {elapsed:.1f} s, peak {peak:.0f} MB resident, exit {code}")
    assert code == 1  # the counterfactual in every copy
    assert peak < 150
