"""Rounds: grouping by folder, ordering, reviewer names."""

from __future__ import annotations

import datetime as dt

from reviewkit.config import DEFAULT_VOCABULARY as V
from reviewkit.config import load_vocabulary
from reviewkit.model import Decision, Document, DocumentKind
from reviewkit.track.rounds import is_reviewed, normalize_reviewer, order_rounds, round_of
from tests.track_builders import F, review_doc, summary_doc


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


def _other(path: str, kind: DocumentKind) -> Document:
    return Document(path=path, kind=kind, sha256=f"sha-{path}")


def test_documents_without_a_review_do_not_make_a_round() -> None:
    docs = [
        review_doc("r1/grok.md", "Grok", [F("C1", "a")], date=dt.date(2026, 2, 1)),
        summary_doc("r1/summary.md", [(Decision.FIXED, [("grok", "C1")])]),
        summary_doc("r2-fixes/summary.md", [(Decision.FIXED, [("grok", "C1")])]),  # summaries alone
        _other("README.md", DocumentKind.OTHER),
        _other("index.md", DocumentKind.OTHER),
        _other("notes/meta-analysis.md", DocumentKind.SYNTHESIS),
        review_doc("r3/gemini.md", "Gemini", [F("F1", "b")], date=dt.date(2026, 2, 3)),
    ]
    rounds = order_rounds(docs, V)
    assert [r.key for r in rounds] == ["r1", "r3"]
    assert [r.order for r in rounds] == [0, 1]
    assert rounds[0].documents == ("r1/grok.md", "r1/summary.md")  # the summary belongs to its folder's round
    assert not is_reviewed([docs[2]]) and is_reviewed(docs[:1])


def test_a_clean_review_with_scores_only_is_still_a_reviewed_round() -> None:
    clean = review_doc("r2/gpt.md", "GPT", [], overall=90.0, date=dt.date(2026, 2, 2))
    (only,) = order_rounds([clean], V)
    assert only.key == "r2" and only.reviewers == ("gpt",)


def test_anchor_position_first_then_date_then_number() -> None:
    docs = [
        review_doc("late-anchor/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 1, 1)),
        review_doc("r10/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 2, 1)),
        review_doc("r9/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 2, 1)),
        review_doc("early/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 3, 1)),
    ]
    anchors = {"late-anchor": "c9", "r10": "c5", "r9": "c5", "early": "c1"}
    rank = {"c1": 1, "c5": 5, "c9": 9}
    rounds = order_rounds(docs, V, anchors=anchors, commit_rank=rank)
    # anchor position beats the date; the same anchor falls back to date, then the number (9 < 10)
    assert [r.key for r in rounds] == ["early", "r9", "r10", "late-anchor"]


def test_unanchored_rounds_are_merged_in_by_date() -> None:
    docs = [
        review_doc("a/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 1, 10)),
        review_doc("b/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 1, 20)),
        review_doc("loose/x.md", "GPT", [F("F1", "a")], date=dt.date(2026, 1, 15)),
        review_doc("undated/x.md", "GPT", [F("F1", "a")]),
    ]
    rounds = order_rounds(docs, V, anchors={"a": "c1", "b": "c2"}, commit_rank={"c1": 0, "c2": 1})
    assert [r.key for r in rounds] == ["a", "loose", "b", "undated"]
