"""Rounds: grouping by folder, ordering, reviewer names."""

from __future__ import annotations

import datetime as dt

from reviewkit.config import DEFAULT_VOCABULARY as V
from reviewkit.config import load_vocabulary
from reviewkit.track.rounds import normalize_reviewer, order_rounds, round_of
from tests.track_builders import F, review_doc


def test_folder_is_the_round_key_even_when_labels_collide() -> None:
    a = review_doc("prod-r16/grok.md", "Grok", [F("C1", "x")], round_label="R16", date=dt.date(2026, 2, 21))
    b = review_doc("v2-r16/review.md", "Claude", [F("1", "y")], round_label="R16", date=dt.date(2026, 2, 19))
    rounds = order_rounds([a, b], V)
    assert [r.key for r in rounds] == ["v2-r16", "prod-r16"]
    assert [r.label for r in rounds] == ["R16", "R16"]


def test_top_level_file_uses_its_written_round_or_its_own_path() -> None:
    labelled = review_doc("notes.md", "Grok", [], round_label="R3")
    unlabelled = review_doc("INDEX.md", None, [])
    assert round_of(labelled).key == "round:R3"
    assert round_of(unlabelled).key == "INDEX.md"


def test_order_is_date_then_number_in_label() -> None:
    docs = [
        review_doc("prod-r10/gpt.md", "GPT", [F("F1", "a")], date=dt.date(2026, 2, 20)),
        review_doc("prod-r9/gpt.md", "GPT", [F("F1", "a")], date=dt.date(2026, 2, 20)),
        review_doc("round-1/a.md", "x", [F("C1", "a")], date=dt.date(2026, 2, 12)),
        review_doc("undated/a.md", "x", [F("C1", "a")]),
    ]
    assert [r.key for r in order_rounds(docs, V)] == ["round-1", "prod-r9", "prod-r10", "undated"]


def test_anchor_commit_order_wins_when_every_round_is_anchored() -> None:
    docs = [
        review_doc("a/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 2, 1)),
        review_doc("b/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 1, 1)),
    ]
    rounds = order_rounds(docs, V, anchors={"a": "c1", "b": "c2"}, commit_rank={"c1": 0, "c2": 1})
    assert [r.key for r in rounds] == ["a", "b"]
    assert rounds[0].anchor_commit == "c1"


def test_reviewer_names_are_normalised() -> None:
    assert normalize_reviewer("Grok 4", "r/review.md", V, single=True) == "grok"
    assert normalize_reviewer(None, "r/grok-review.md", V, single=True) == "grok"
    assert normalize_reviewer("DeepSeek (simulated by Opus 4.6)", "r/deepseek-review.md", V, single=True) == "deepseek"
    assert normalize_reviewer("Gemini 3.1 Pro", "r/all-models.md", V, single=False) == "gemini"
    assert normalize_reviewer("GPT-5.2 Codex", "r/x.md", V, single=True) == "gpt"
    assert normalize_reviewer(None, "r/alpha-code.md", V, single=True) == "alpha"
    assert normalize_reviewer("r19-reviewer-alpha", "r/alpha-code.md", V, single=True) == "r19-reviewer-alpha"


def test_aliases_from_pyproject_extend_the_map(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.reviewkit.aliases]\nalpha = ["r19-reviewer-alpha", "reviewer-alpha"]\n')
    vocabulary = load_vocabulary(pyproject)
    assert normalize_reviewer("r19-reviewer-alpha", "r/alpha-code.md", vocabulary, single=True) == "alpha"
    assert normalize_reviewer("Reviewer Alpha", "r/x.md", vocabulary, single=True) == "alpha"


def test_round_lists_reviewers_with_findings_sorted() -> None:
    docs = [
        review_doc("r1/grok.md", "Grok", [F("C1", "a")]),
        review_doc("r1/gemini.md", "Gemini", [F("F1", "b")]),
        review_doc("r1/gpt.md", "GPT", []),
    ]
    (only,) = order_rounds(docs, V)
    assert only.reviewers == ("gemini", "grok")
    assert only.documents == ("r1/gemini.md", "r1/gpt.md", "r1/grok.md")
