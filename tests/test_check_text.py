"""The human summary says what failed, where, why, and how to accept it on purpose."""

from __future__ import annotations

from reviewkit.check.gate import GatePolicy, evaluate
from reviewkit.check.text import MAX_LISTED, render_text
from reviewkit.model import Severity, TriageStatus

from .check_factories import base, head, issue, kept, score


def test_failure_summary_names_gate_place_reason_and_the_triage_command() -> None:
    result = evaluate(
        base(issue("RK-old")),
        head(issue("RK-old"), issue("RK-new", title="SQL injection"), scores=(score(1, 8), score(2, 5))),
        GatePolicy(fail_on=Severity.HIGH, max_score_drop=1.0),
        fix_gone=kept,
    )
    text = render_text(result)
    assert text.startswith("reviewkit check FAILED (origin/main @ bbbbbbbbbbbb → HEAD @ hhhhhhhhhhhh)")
    assert "new-findings 1, regressions 0, reverted-fixes 0, score-drop 1" in text
    assert "CRITICAL RK-new src/app.py:10: SQL injection (open at HEAD, not open at the base)" in text
    assert "raised by gpt (last in r2); review at reviews/r2/gpt.md:5" in text
    assert "RK-old src/app.py" not in text
    assert 'reviewkit triage RK-new --status accepted-risk --note "why this is acceptable" --reviews reviews' in text
    assert "gpt scored Dimension D1 5/10 in R2, down 3 from 8/10 in R1 (limit 1)" in text
    assert "To accept a score drop on purpose, raise --max-score-drop." in text
    assert "1 issue(s) already open at the base" in text


def test_clean_summary_mentions_what_was_not_failing() -> None:
    result = evaluate(
        base(),
        head(issue("RK-1", triage=TriageStatus.ACCEPTED_RISK)),
        GatePolicy(fail_on=Severity.CRITICAL, max_score_drop=None),
        fix_gone=kept,
    )
    text = render_text(result)
    assert text.startswith("reviewkit check passed")
    assert "score-drop off" in text and "max score drop: off" in text
    assert "1 triaged" in text
    assert "reviewkit triage" not in text


def test_an_issue_without_code_location_is_shown_at_its_review_once() -> None:
    no_code = issue("RK-1", location=None)
    text = render_text(evaluate(base(), head(no_code), GatePolicy(), fix_gone=kept))
    assert "CRITICAL RK-1 reviews/r2/gpt.md:5: title of RK-1" in text
    assert text.count("reviews/r2/gpt.md:5") == 1


def test_long_lists_are_cut_with_a_pointer_to_the_full_output() -> None:
    many = tuple(issue(f"RK-{n:03d}") for n in range(40))
    text = render_text(evaluate(base(), head(*many), GatePolicy(), fix_gone=kept))
    assert text.count("CRITICAL RK-") == MAX_LISTED
    assert f"… and {40 - MAX_LISTED} more (all of them: --format json or sarif)" in text
    assert "new-findings 40" in text
