"""find_decisions: fix-summary decisions and the reviewer findings they cite."""

from __future__ import annotations

from reviewkit.config import DEFAULT_VOCABULARY as V
from reviewkit.model import Decision, FindingRef, FixDecision
from reviewkit.parse.decision_refs import extract_refs, normalize_id
from reviewkit.parse.decisions import decision_of_text, find_decisions
from reviewkit.parse.tree import build_sections, parse_markdown
from tests.conftest import FIXTURES


def _decisions(name: str) -> list[FixDecision]:
    text = (FIXTURES / "track" / name).read_text(encoding="utf-8")
    return find_decisions(build_sections(parse_markdown(text), text.count("\n") + 1), V)


def _decisions_in(text: str) -> list[FixDecision]:
    return find_decisions(build_sections(parse_markdown(text), text.count("\n") + 1), V)


def _refs(d: FixDecision) -> list[tuple[str | None, str]]:
    return [(r.reviewer, r.id) for r in d.refs]


def test_matrix_with_per_reviewer_columns_and_action() -> None:
    found = _decisions("summary_matrix.md")
    assert [(d.line, d.decision, d.consensus) for d in found] == [
        (7, Decision.FIXED, "3/3"),
        (8, Decision.SKIPPED, "1/3"),
        (9, Decision.DEFERRED, "2/3"),
        (15, Decision.NOTED, "3/3"),
    ]
    assert _refs(found[0]) == [("deepseek", "F-002"), ("gemini", "F-007"), ("grok", "C-003")]
    assert _refs(found[1]) == [("deepseek", "F-004"), ("deepseek", "F-009")]
    assert _refs(found[2]) == [("grok", "H-002")]  # "Implicit" is not an id
    assert _refs(found[3]) == [("gemini", "SEC-004"), ("gpt", "GPT-F2"), ("grok", "F5")]
    assert found[0].title == "Session store has no lock"


def test_models_column_numbered_items_headings_and_section_decisions() -> None:
    found = _decisions("summary_lists.md")
    summary = [(d.decision, _refs(d)) for d in found]
    assert summary == [
        (Decision.FIXED, [("grok", "C1"), ("gpt", "F10")]),
        (Decision.FIXED, [("gemini", "#2"), ("gpt", "#1"), ("grok", "C2")]),
        (Decision.FIXED, [(None, "SEC-001"), ("gpt", "F1"), ("grok", "F1")]),
        (Decision.FIXED, [("gemini", "F3"), ("gpt", "F4")]),
        (Decision.SKIPPED, [("gpt", "F7")]),
        (Decision.SKIPPED, [("deepseek", "F4"), ("gemini", "F4")]),
        (Decision.DISPUTED, []),  # "Whisper guidance unverified": named by its title only
    ]
    assert found[2].title == "Markdown docs never ingested"
    assert found[2].consensus == "3/3"


def test_decision_words() -> None:
    assert decision_of_text("**Fixed**") is Decision.FIXED
    assert decision_of_text("Yes*") is Decision.FIXED
    assert decision_of_text("Not fixed (needs code)") is Decision.SKIPPED
    assert decision_of_text("Documented trade-off (no Redis)") is Decision.SKIPPED
    assert decision_of_text("Deferred to R7") is Decision.DEFERRED
    assert decision_of_text("Disputed") is Decision.DISPUTED
    assert decision_of_text("Partially mitigated") is Decision.PARTIAL
    assert decision_of_text("Session store") is None


def test_reference_formats() -> None:
    assert extract_refs("Gemini-F1/GPT-F11/Grok-F5", V) == (
        FindingRef(reviewer="gemini", id="F1"),
        FindingRef(reviewer="gpt", id="F11"),
        FindingRef(reviewer="grok", id="F5"),
    )
    refs = extract_refs("Models: DeepSeek (F5), Gemini (F2), Grok (scoring). Grew from 14 to 25", V)
    assert [(r.reviewer, r.id) for r in refs] == [("deepseek", "F5"), ("gemini", "F2")]
    refs = extract_refs("GPT F3, Gemini F1/F7 (2/3)", V)
    assert [(r.reviewer, r.id) for r in refs] == [("gpt", "F3"), ("gemini", "F1"), ("gemini", "F7")]
    assert extract_refs("no reviewer named here F1", V) == ()


def test_ids_normalise_for_comparison() -> None:
    assert normalize_id("GPT-F01", "gpt") == normalize_id("F1") == "F1"
    assert normalize_id("#2") == normalize_id("Finding 2") == "2"
    assert normalize_id("F-010") == "F10"
    assert normalize_id("D1-M001") == "D1M1"


def test_slash_listed_ids_share_the_first_ids_prefix() -> None:
    refs = extract_refs("GPT P0-F2/F3, DeepSeek D1-M002/M003 and Grok C1/H3", V)
    assert [(r.reviewer, r.id) for r in refs] == [
        ("gpt", "P0-F2"),
        ("gpt", "P0-F3"),
        ("deepseek", "D1-M002"),
        ("deepseek", "D1-M003"),
        ("grok", "C1"),
        ("grok", "H3"),
    ]
    assert [r.id for r in extract_refs("GPT-F5 / ARCH-001", V)] == ["F5", "ARCH-001"]  # other shape: no prefix


def test_table_without_a_reference_column_cites_ids_in_its_titles() -> None:
    text = """# Summary

## Findings NOT Fixed (intentional)

| Finding | Reason |
|---------|--------|
| PII buffer in the stream (Gemini F6, Grok H3) | Counterpoint accepted. |
| Feature flags system | Only one reviewer. |
"""
    found, titled = _decisions_in(text)
    assert found.decision is Decision.SKIPPED
    assert _refs(found) == [("gemini", "F6"), ("grok", "H3")]
    # a row citing no id is still a decision about the finding it describes (track matches it by its words)
    assert (titled.decision, titled.refs, titled.title) == (Decision.SKIPPED, (), "Feature flags system")


def test_normalize_id_folds_case_unless_asked_to_keep_it() -> None:
    from reviewkit.parse.decision_refs import normalize_id

    assert normalize_id("D2-m001", "gemini") == normalize_id("D2-M001") == "D2M1"
    assert normalize_id("Gemini D2-m001", "gemini", keep_case=True) == "D2m1"
    assert normalize_id("GPT-F01", "gpt", keep_case=True) == "F1"


def test_a_fix_described_in_prose_is_fixed_even_when_a_decision_word_appears_late() -> None:
    text = """# Summary

## Consensus Findings

| # | Finding | Models | Fix Applied |
|---|---|---|---|
| 5 | Startup ingestion race | GPT F4, Grok H4 | Guarded ingestion with a check; production skips it entirely |
| 6 | Cache unbounded | GPT F5 | Deferred — needs a shared store first and a migration plan |
"""
    fixed, deferred = _decisions_in(text)
    assert fixed.decision is Decision.FIXED and _refs(fixed) == [("gpt", "F4"), ("grok", "H4")]
    assert deferred.decision is Decision.DEFERRED


def test_a_summary_item_citing_reviewers_findings_is_a_decision_not_a_new_finding() -> None:
    from reviewkit.parse import parse_text

    text = (
        "# Round 4 Fix Summary\n\n## Fixes Applied\n\n"
        "### 1. CRITICAL: chat_stream PII buffer untested (Gemini F1, GPT F1)\n**Fix**: added tests.\n\n"
        "### BUG-007: Cache key collides across tenants\n**Severity**: HIGH\n**Fix**: key includes the tenant.\n"
    )
    doc = parse_text(text, "r4/summary.md")
    titles = [f.title for r in doc.reviews for f in r.findings]
    assert titles == ["Cache key collides across tenants"]
    cited = [d for d in doc.decisions if d.refs]
    assert [(d.decision, [r.id for r in d.refs]) for d in cited] == [(Decision.FIXED, ["F1", "F1"])]
