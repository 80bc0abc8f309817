"""`netinbox export`: lists out as CSV that is safe in a spreadsheet, or JSON with ISO dates."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from factories import HOSTILE, add_invitation, add_person, add_sent_note

from netinbox.cli import main
from netinbox.exporters import render
from netinbox.exporters.lists import COLUMNS, rows
from netinbox.model import Reply, ReplyKind
from netinbox.services import Context, conversations

NOW_TEXT = "2026-03-01T09:00:00+00:00"


@pytest.fixture
def lists_ctx(ctx: Context) -> Context:
    add_sent_note(ctx, "old", first="Olga", last="Old", days_ago=30)
    add_sent_note(ctx, "edge", first="Eda", last="Edge", days_ago=7)  # exactly the threshold
    add_sent_note(ctx, "fresh", first="Fred", last="Fresh", days_ago=2)
    add_sent_note(ctx, "gaveup", first="Gus", last="Gone", days_ago=1, reply=Reply(ReplyKind.NONE))
    add_sent_note(ctx, "seller", first="Sel", last="Ler", days_ago=3, reply=Reply(ReplyKind.PITCH))
    add_sent_note(
        ctx,
        "answered",
        first="Ann",
        last="Swer",
        days_ago=40,
        reply=Reply(ReplyKind.PERSONAL, "hi"),
    )
    add_invitation(ctx, "inv", first='=HYPERLINK("https://evil.example")', last="Ivy", note="+1")
    add_person(ctx, "plain", first="Pat", last="Plain", company="-Acme", tags=("a", "b"))
    conversations.mark(ctx, "plain", reason="@coffee", due="2026-03-10", cadence="monthly")
    return ctx


def test_never_responded_is_old_unanswered_notes_and_non_answers_oldest_first(
    lists_ctx: Context,
) -> None:
    found = rows(lists_ctx, "never-responded")
    assert [r["id"] for r in found] == ["old", "edge", "seller", "gaveup"]
    assert found[0]["days_waiting"] == 30 and found[0]["reply"] == ""
    assert [r["reply"] for r in found[2:]] == ["pitch", "none"]
    assert all(list(r) == list(COLUMNS["never-responded"]) for r in found)
    assert [found[0][k] for k in ("viewed_after", "flagged", "archived")] == [False] * 3


def test_the_never_responded_threshold_is_the_setting(lists_ctx: Context) -> None:
    lists_ctx.settings.never_responded_days = 31
    assert [r["id"] for r in rows(lists_ctx, "never-responded")] == ["seller", "gaveup"]


def test_the_never_responded_export_takes_days_and_only(lists_ctx: Context) -> None:
    assert [r["id"] for r in rows(lists_ctx, "never-responded", days=2)] == [
        "old",
        "edge",
        "seller",
        "fresh",
        "gaveup",
    ]
    data = json.loads(render(lists_ctx, "never-responded", "json", only="pitch"))
    assert [r["id"] for r in data] == ["seller"]


def test_a_selection_of_typed_rows_renders_like_the_whole_list(lists_ctx: Context) -> None:
    from netinbox.exporters import render_rows
    from netinbox.services.lists.never_responded import never_responded

    everyone = never_responded(lists_ctx)
    chosen = [everyone[2], everyone[0]]  # a screen's selection, in the order it was made
    data = json.loads(render_rows("never-responded", chosen, "json"))
    whole = json.loads(render(lists_ctx, "never-responded", "json"))
    assert data == [whole[2], whole[0]]
    text = render_rows("never-responded", chosen, "csv").decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(f'"{c}"' for c in COLUMNS["never-responded"])


def test_the_conversations_export_says_whether_it_is_overdue(lists_ctx: Context) -> None:
    (row,) = rows(lists_ctx, "conversations")
    assert row["overdue"] is False and list(row)[-2:] == ["overdue", "cadence_rule"]


def test_json_is_an_array_with_stable_keys_and_iso_dates(lists_ctx: Context) -> None:
    data = json.loads(render(lists_ctx, "never-responded", "json"))
    assert isinstance(data, list) and list(data[0]) == list(COLUMNS["never-responded"])
    sent = data[0]["note_sent_at"]
    assert sent == (lists_ctx.now() - timedelta(days=30)).isoformat()
    assert json.loads(render(lists_ctx, "people", "json"))[-1]["tags"] in (["a", "b"], [])
    pending = json.loads(render(lists_ctx, "pending", "json"))
    assert pending[0]["received_at"].endswith("+00:00")


def test_csv_is_bom_utf8_all_quoted_and_formula_free(lists_ctx: Context) -> None:
    data = render(lists_ctx, "pending", "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.startswith('"id","name",')
    parsed = list(csv.reader(io.StringIO(text)))
    for row in parsed[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'=HYPERLINK" in text and "'+1" in text
    people = list(
        csv.DictReader(io.StringIO(render(lists_ctx, "people", "csv").decode("utf-8-sig")))
    )
    plain = next(p for p in people if p["id"] == "plain")
    assert plain["company"] == "'-Acme" and plain["tags"] == "a; b"


def test_hostile_text_stays_data_in_both_formats(ctx: Context) -> None:
    add_person(ctx, "h", first=HOSTILE["osc52"] + "Ana", last=HOSTILE["close_tag"])
    csv_text = render(ctx, "people", "csv").decode("utf-8-sig")
    assert "\x1b" not in csv_text and "[/x]" in csv_text
    assert json.loads(render(ctx, "people", "json"))[0]["first_name"] == "Ana"


def test_days_waiting_is_a_number_even_when_negative(ctx: Context) -> None:
    # A note dated after "now" (a frozen NETINBOX_NOW, another machine's clock) waits -2 days.
    add_sent_note(ctx, "future", days_ago=-2, reply=Reply(ReplyKind.NONE))
    table = csv.DictReader(io.StringIO(render(ctx, "never-responded", "csv").decode("utf-8-sig")))
    assert [row["days_waiting"] for row in table] == ["-2"]


def test_the_export_command(
    lists_ctx: Context, db_path: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    lists_ctx.store.close()
    monkeypatch.setenv("NETINBOX_NOW", NOW_TEXT)
    assert main(["export", "never-responded", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('\ufeff"id"') and out.count("\n") == 5
    out_file = tmp_path / "list.json"
    assert main(["export", "conversations", "-o", str(out_file), "--db", str(db_path)]) == 0
    assert json.loads(out_file.read_text())[0]["reason"] == "@coffee"  # JSON keeps the raw text
    assert "Wrote 1 conversations rows" in capsys.readouterr().err
    csv_file = tmp_path / "people.txt"
    assert (
        main(["export", "people", "--format", "csv", "-o", str(csv_file), "--db", str(db_path)])
        == 0
    )
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    capsys.readouterr()
    assert main(["export", "pending", "--format", "xml", "--db", str(db_path)]) == 1
    assert capsys.readouterr().err.startswith("netinbox: argument --format")
    assert (
        main(["export", "pending", "-o", str(tmp_path / "no" / "x.csv"), "--db", str(db_path)]) == 1
    )
    assert capsys.readouterr().err.endswith(
        "x.csv: cannot write here (No such file or directory)\n"
    )


def test_pending_export_carries_the_verdict_whose_it_is_and_the_reasons(ctx: Context) -> None:
    from netinbox.services import screening

    add_invitation(ctx, "seller", note="Hi, worth a quick call? calendly.com/seller/15min")
    add_invitation(ctx, "friend", note="Great talk at PyCon on Saturday about CRDTs!")
    screening.rescreen(ctx)
    screening.override(ctx, "friend", "genuine")
    by_id = {r["id"]: r for r in json.loads(render(ctx, "pending", "json"))}
    assert by_id["seller"]["verdict"] == "pitch" and by_id["seller"]["verdict_by_user"] is False
    assert any(
        r.startswith("scheduler_link: calendly.com") for r in by_id["seller"]["verdict_reasons"]
    )
    assert by_id["friend"]["verdict"] == "genuine" and by_id["friend"]["verdict_by_user"] is True
    table = csv.DictReader(io.StringIO(render(ctx, "pending", "csv").decode("utf-8-sig")))
    seller = next(row for row in table if row["id"] == "seller")
    assert (
        seller["verdict"] == "pitch" and "scheduler_link: calendly.com" in seller["verdict_reasons"]
    )
