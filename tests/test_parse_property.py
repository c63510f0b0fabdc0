"""Property: whatever text comes in, ``parse_text`` returns a Document and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewkit.model import Document
from reviewkit.parse import parse_text

WORDS = st.sampled_from(
    [
        "CRITICAL",
        "HIGH",
        "MAJOR",
        "minor",
        "P0",
        "C-001",
        "D1-M002",
        "Score:",
        "7/10",
        "**Overall Score: 70/100**",
        "Total",
        "Reviewer:",
        "Commit:",
        "a0bb225",
        "2026-02-31",
        "R16",
        "Round",
        "`src/app.py:12-20`",
        "->",
        "|",
        "Gemini 3 Pro",
        "Fixed",
        "Consensus",
        "—",
        "(",
        ")",
        "[",
        "]",
        "**",
        "*",
        "_",
        "~~",
        "\\|",
        "x" * 50,
    ]
)
LINE = st.one_of(
    st.lists(WORDS, max_size=8).map(" ".join),
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), st.lists(WORDS, max_size=5).map(" ".join)),
    st.lists(WORDS, min_size=1, max_size=5).map(lambda cells: "| " + " | ".join(cells) + " |"),
    st.just("|---|---|---|"),
    st.sampled_from(["```", "```python", "~~~", "    code", "- item", "1. item", "> quote", "---", ""]),
    st.text(max_size=40),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=40).map("\n".join))
def test_markdownish_noise_never_raises(text: str) -> None:
    doc = parse_text(text, path="noise.md")
    assert isinstance(doc, Document)
    assert not any("failed" in w.message for w in doc.warnings), doc.warnings


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    # strict mode (tests/conftest.py) re-raises recognizer errors, so this cannot pass by construction (RK-014)
    doc = parse_text(text, path="any.md")
    assert not doc.degraded, doc.warnings
    assert not any("failed" in w.message for w in doc.warnings), doc.warnings
