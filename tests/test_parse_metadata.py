"""Metadata recognizers: title, metadata block spellings, H2 metadata, footer, file name."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.parse.metadata import (
    Metadata,
    clean_reviewer,
    find_metadata,
    first_date,
    first_sha,
    normal_round,
    reviewer_from_filename,
)
from reviewkit.parse.tree import build_sections, parse_markdown


def meta(text: str, path: str = "doc.md") -> Metadata:
    root = build_sections(parse_markdown(text), text.count("\n") + 1)
    return find_metadata(root, path, DEFAULT_VOCABULARY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Round 16", "R16"),
        ("R07 review", "R7"),
        ("16", "R16"),
        ("Production Review Round 1 — Gemini", "R1"),
        ("", None),
    ],
)
def test_normal_round(text: str, expected: str | None) -> None:
    assert normal_round(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a0bb225", "a0bb225"),
        ("`57cfad5` (R49 consensus fixes)", "57cfad5"),
        ("hey-seven @ commit 6911144 (Phase 5.5)", "6911144"),
        ("af90bde (Phase 5 wiring) + e22422a (review synthesis)", "af90bde"),
        ("1452 tests, 2026-02-21", None),
        ("decade", None),
    ],
)
def test_first_sha(text: str, expected: str | None) -> None:
    assert first_sha(text) == expected


def test_first_date_skips_impossible_dates() -> None:
    assert first_date("2026-02-31 then 2026-03-01") == dt.date(2026, 3, 1)
    assert first_date("no date") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Gemini 3 Pro (thinking=high, hostile mode)", "Gemini 3 Pro"),
        ("GPT-5.2 via Azure AI Foundry", "GPT-5.2"),
        ("reviewer-alpha (hostile)", "reviewer-alpha"),
        ("DeepSeek-V3.2-Speciale (extended thinking)", "DeepSeek-V3.2-Speciale"),
        ("mcp__grok__grok_chat", None),
        ("External model (breaking Claude echo chamber)", None),
    ],
)
def test_clean_reviewer(value: str, expected: str | None) -> None:
    assert clean_reviewer(value, DEFAULT_VOCABULARY) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("prod-r16/grok-review.md", "grok"),
        ("round-31/alpha.md", "alpha"),
        ("prod-r19/beta-agent.md", "beta"),
        ("round-68/gemini-d1d2d3.md", "gemini"),
        ("round-70/gpt52-b3b4b5.md", "gpt52"),
        ("round-43/review.md", None),
        ("summary.md", None),
    ],
)
def test_reviewer_from_filename(path: str, expected: str | None) -> None:
    assert reviewer_from_filename(path) == expected


def test_bold_keys_colon_outside_and_inside() -> None:
    m = meta("# Round 2 Review\n\n**Reviewer:** Grok 4\n**Commit**: d3c1a89\n**Date:** 2026-02-20\n")
    assert m == Metadata(reviewer="Grok 4", round="R2", commit="d3c1a89", date=dt.date(2026, 2, 20))


def test_plain_keys_and_two_keys_on_one_line() -> None:
    m = meta("# R40 Deep Review\nReviewer: reviewer (Opus 4.6)\nCommit: 914dbd7 | Date: 2026-02-23\n")
    assert m == Metadata(reviewer="reviewer", round="R40", commit="914dbd7", date=dt.date(2026, 2, 23))


def test_h2_metadata_and_title_persona_wins() -> None:
    text = (
        "# Review - Round 16 (DeepSeek Focus)\n## Reviewer: Claude Opus 4.6 (DeepSeek Persona)\n"
        "## Commit: a0bb225 | Date: 2026-02-21\n"
    )
    assert meta(text) == Metadata(reviewer="DeepSeek", round="R16", commit="a0bb225", date=dt.date(2026, 2, 21))


def test_model_key_when_reviewer_is_a_tool_name() -> None:
    m = meta("# R70 Review\n\n**Model**: Grok 4 (flagship)\n**Reviewer**: mcp__grok__grok_chat\n")
    assert m.reviewer == "Grok 4"


def test_codebase_and_last_commit_keys() -> None:
    assert meta("# X\n\n**Codebase**: Hey Seven v1.1.0 (commit 7ca8548)\n").commit == "7ca8548"
    assert meta("# X\n\n**Last Commit**: `57cfad5` (fixes)\n").commit == "57cfad5"


def test_footer_gives_reviewer_round_and_date() -> None:
    text = "# Hostile Review\n\nBody.\n\n---\n\n*Review by Grok 4 | Round 1 | 2026-02-20*\n"
    assert meta(text) == Metadata(reviewer="Grok 4", round="R1", commit=None, date=dt.date(2026, 2, 20))


def test_date_in_title() -> None:
    assert meta("# R56 4-Model External Review -- 2026-02-25\n").date == dt.date(2026, 2, 25)


def test_file_name_is_the_last_resort() -> None:
    assert meta("# Hostile Review\n\nNo names here.\n", path="r9/grok-review.md").reviewer == "grok"
    assert meta("# Review by Gemini 3 Pro\n", path="r9/grok-review.md").reviewer == "Gemini 3 Pro"


def test_metadata_far_below_the_top_is_ignored() -> None:
    filler = "\n".join(f"line {i}\n" for i in range(40))
    assert meta(f"# Review\n\n{filler}\n**Commit**: abc1234\n").commit is None


def test_inherit_fills_only_missing_fields() -> None:
    child = Metadata(reviewer="Grok 4")
    parent = Metadata(reviewer="x", round="R53", date=dt.date(2026, 2, 25))
    assert child.inherit(parent) == Metadata(reviewer="Grok 4", round="R53", date=dt.date(2026, 2, 25))
