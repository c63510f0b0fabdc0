"""Backlog ranking and rendering."""

from __future__ import annotations

import csv
import io
import json

from reviewkit.backlog import GroupBy, backlog_csv, backlog_json, backlog_markdown, build_backlog
from reviewkit.model import Severity
from reviewkit.track import link_locally, track_documents
from reviewkit.track.records import Ledger
from tests.track_builders import DAY1, DAY2, F, review_doc


def _ledger() -> Ledger:
    docs = [
        review_doc("r1/gemini.md", "Gemini", [
            F("F1", "Lock missing in session store", Severity.HIGH, "store.py"),
            F("F2", "Typo in README", Severity.LOW, "README.md"),
        ], date=DAY1),
        review_doc("r1/grok.md", "Grok", [
            F("C1", "Session store lock missing", Severity.HIGH, "store.py"),
            F("C2", "Unbounded retry loop", Severity.HIGH, "client.py"),
            F("C3", "SQL injection in search", Severity.CRITICAL, "search.py"),
        ], date=DAY1),
        review_doc("r2/grok.md", "Grok", [F("H1", "Unbounded retry loop", Severity.HIGH, "client.py")], date=DAY2),
    ]  # fmt: skip
    return track_documents(docs, link_locally(docs))


def test_rank_by_severity_then_consensus_then_times_raised() -> None:
    items = build_backlog(_ledger())
    assert [i.title for i in items] == [
        "SQL injection in search",
        "Lock missing in session store",  # 2/2 consensus
        "Unbounded retry loop",  # 1/2, but raised twice
        "Typo in README",
    ]
    assert [i.rank for i in items] == [1, 2, 3, 4]
    assert items[2].times_raised == 2 and items[2].age_rounds == 1


def test_markdown_groups_by_file() -> None:
    text = backlog_markdown(build_backlog(_ledger()), GroupBy.file)
    assert text.startswith("# Backlog: 4 open issue(s)")
    assert text.index("## search.py") < text.index("## store.py") < text.index("## client.py")
    assert "| 2/2 |" in text


def test_csv_and_json_carry_every_item() -> None:
    items = build_backlog(_ledger())
    rows = list(csv.DictReader(io.StringIO(backlog_csv(items, GroupBy.dimension))))
    assert [r["key"] for r in rows] == [i.key for i in items]
    assert rows[0]["group"] == "(no dimension)"
    data = json.loads(backlog_json(items, GroupBy.none))
    assert data["count"] == 4 and data["groups"][0]["items"][0]["severity"] == "critical"
