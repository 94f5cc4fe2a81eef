"""Reading an incident channel: Slack exports, chat logs and CSV, and what cannot be read."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from clearsight.errors import InputError
from clearsight.timeline.chat_import import read_messages
from clearsight.timeline.zones import zone

DAY = date(2026, 3, 15)
TS = datetime(2026, 3, 15, 14, 11, tzinfo=UTC).timestamp()


def slack(ts: float, text: str, **extra: object) -> dict[str, object]:
    return {"type": "message", "ts": f"{ts:.6f}", "text": text, **extra}


def test_a_slack_day_folder_with_users(tmp_path: Path) -> None:
    (tmp_path / "users.json").write_text(
        json.dumps([{"id": "U1", "name": "kenji", "profile": {"real_name": "Kenji Watanabe"}}])
    )
    channel = tmp_path / "inc-2041"
    channel.mkdir()
    (channel / "2026-03-15.json").write_text(
        json.dumps(
            [
                slack(TS, "Alert fired, <@U1> paging <https://x.example/d|dashboard>", user="U1"),
                slack(TS + 60, "", user="U1"),
                slack(TS + 90, "joined", subtype="channel_join", user="U1"),
                slack(TS + 120, "ack", user="U2", user_profile={"real_name": "Amara Okafor"}),
            ]
        )
    )
    (channel / "2026-03-16.json").write_text(json.dumps([slack(TS + 86400, "all clear")]))
    found = read_messages(channel, UTC, DAY)
    assert found.kind == "slack" and not found.ticked_by_default
    assert [(m.author, m.text) for m in found.messages] == [
        ("Kenji Watanabe", "Alert fired, @Kenji Watanabe paging dashboard"),
        ("Amara Okafor", "ack"),
        ("", "all clear"),
    ]
    assert found.messages[0].at == datetime(2026, 3, 15, 14, 11, tzinfo=UTC)
    assert found.problems == []
    # The same file read again gives the same keys: that is how re-imports skip.
    assert [m.key for m in read_messages(channel, UTC, DAY).messages] == [
        m.key for m in found.messages
    ]


def test_a_slack_export_root_asks_for_a_channel(tmp_path: Path) -> None:
    (tmp_path / "inc-2041").mkdir()
    with pytest.raises(InputError, match="Pick one channel's folder: inc-2041"):
        read_messages(tmp_path, UTC, DAY)


def test_one_slack_file_with_a_bad_message(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([slack(TS, "ok"), {"text": "no ts"}, "junk"]))
    found = read_messages(path, UTC, DAY)
    assert [m.text for m in found.messages] == ["ok"]
    assert found.problems == [
        f"{path} message 2: no usable ts",
        f"{path} message 3: not a message object",
    ]


def test_a_chat_log_in_several_styles_across_midnight(tmp_path: Path) -> None:
    path = tmp_path / "channel.log"
    path.write_text(
        "[23:58] kenji: canary looks bad\n"
        "23:59:30 <amara> rolling back\n"
        "  \n"
        "this line has no time\n"
        "[00:02] kenji: rollback done\n"
        "2026-03-16T00:05:00+01:00 dana: (Berlin time) checking\n"
        "[00:02] kenji: rollback done\n"
    )
    found = read_messages(path, UTC, DAY)
    assert found.kind == "chat"
    assert [(m.line, m.author, m.at.strftime("%d %H:%M")) for m in found.messages] == [
        (1, "kenji", "15 23:58"),
        (2, "amara", "15 23:59"),
        (5, "kenji", "16 00:02"),
        (6, "dana", "15 23:05"),
        (7, "kenji", "16 00:02"),
    ]
    assert found.problems == ["line 4: no time and name: this line has no time"]
    # A message repeated word for word at the same time is a second message, not a duplicate.
    assert len({m.key for m in found.messages}) == 5


def test_a_chat_log_in_a_zone_with_a_dst_gap(tmp_path: Path) -> None:
    path = tmp_path / "berlin.log"
    path.write_text("[01:50] a: before\n[02:30] a: in the gap\n[03:05] a: after\n")
    found = read_messages(path, zone("Europe/Berlin"), date(2026, 3, 29))
    assert [m.at.strftime("%H:%M") for m in found.messages] == ["00:50", "01:05"]
    assert found.problems[0].startswith("line 2: 02:30 does not exist")


def test_csv_with_a_header(tmp_path: Path) -> None:
    path = tmp_path / "timeline.csv"
    path.write_text(
        "Time (UTC),Who,Event\n"
        "2026-03-15 14:02Z,ci,deploy\n"
        "14:06,,errors rise\n"
        "soon,,bad time\n"
        ",,\n"
        '14:11,pager,"alert, with a comma"\n'
    )
    found = read_messages(path, UTC, DAY)
    assert found.kind == "csv" and found.ticked_by_default
    assert [(m.line, m.author, m.text) for m in found.messages] == [
        (2, "ci", "deploy"),
        (3, "", "errors rise"),
        (6, "pager", "alert, with a comma"),
    ]
    assert found.problems == ["line 4: 'soon' is not a time"]


def test_csv_without_a_header_takes_first_and_last_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("14:02,deploy\n14:06,errors\n")
    assert [m.text for m in read_messages(path, UTC, DAY).messages] == ["deploy", "errors"]


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.log"
    path.write_bytes("[09:00] a: ok\n[09:01] b: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"line 2: not UTF-8 text \(byte 0xe9\)"):
        read_messages(path, UTC, DAY)


def test_times_without_a_date_need_the_incident_day(tmp_path: Path) -> None:
    path = tmp_path / "t.log"
    path.write_text("[09:00] a: ok\n")
    found = read_messages(path, UTC, None)
    assert found.messages == []
    assert "no incident date" in found.problems[0]
