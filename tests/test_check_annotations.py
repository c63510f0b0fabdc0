"""GitHub Actions annotations: one ::error per violation, escaped per the runner's rules."""

from __future__ import annotations

from reviewkit.check.annotations import escape_data, escape_property, render_annotations
from reviewkit.check.gate import GatePolicy, evaluate
from reviewkit.check.records import SourceRef

from .check_factories import base, head, issue, kept, score


def test_escaping_rules() -> None:
    assert escape_data("100%\r\nnext: a,b") == "100%25%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_one_error_per_violation_with_file_line_and_title() -> None:
    weird = issue("RK-1", title="50% off,\nreally: yes", location=SourceRef(path="src/a,b:c.py", line=12))
    result = evaluate(base(), head(weird, scores=(score(1, 8), score(2, 5))), GatePolicy(), fix_gone=kept)
    lines = render_annotations(result).splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error title=reviewkit check::reviewkit check FAILED")
    first = lines[1]
    assert first.startswith("::error file=src/a%2Cb%3Ac.py,line=12,title=reviewkit new-findings%3A critical RK-1::")
    message = first.split("::", 2)[2]
    assert "\n" not in message and "50%25 off,%0Areally: yes" in message
    assert "reviewkit triage RK-1 --status accepted-risk" in message
    assert lines[2].startswith("::error file=reviews/r2/gpt.md,line=3,title=reviewkit score-drop::")


def test_clean_run_is_a_single_notice() -> None:
    result = evaluate(base(), head(), GatePolicy(), fix_gone=kept)
    assert render_annotations(result).splitlines() == [
        "::notice title=reviewkit check::"
        + "reviewkit check passed (origin/main @ bbbbbbbbbbbb → HEAD @ hhhhhhhhhhhh): "
        + "new-findings 0, regressions 0, reverted-fixes 0, score-drop 0"
    ]
