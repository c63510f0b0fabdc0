"""Identity: consensus inside a round, recurrence across rounds, fail-closed ambiguity, stable keys."""

from __future__ import annotations

import datetime as dt

from reviewkit.model import Severity
from reviewkit.track import link_locally, track_documents
from reviewkit.track.records import Ledger
from tests.track_builders import DAY1, DAY2, F, review_doc, two_round_history


def _ledger(docs: list) -> Ledger:  # type: ignore[type-arg]
    return track_documents(docs, link_locally(docs))


def _key(ledger: Ledger, document: str, finding_id: str) -> str:
    return next(f.key for f in ledger.findings if f.document == document and f.finding.id == finding_id)


def test_same_file_similar_titles_merge_across_reviewers_with_consensus() -> None:
    ledger = _ledger(two_round_history())
    gemini = _key(ledger, "r1/gemini-review.md", "F-001")
    grok = _key(ledger, "r1/grok-review.md", "C-001")
    assert gemini == grok
    occurrence = next(f for f in ledger.findings if f.finding.id == "F-001")
    assert (occurrence.consensus, occurrence.consensus_of) == (2, 2)
    assert ledger.issue(gemini).severity is Severity.CRITICAL  # the highest any reviewer gave


def test_unrelated_findings_stay_apart() -> None:
    ledger = _ledger(two_round_history())
    assert _key(ledger, "r1/gemini-review.md", "F-002") != _key(ledger, "r1/grok-review.md", "H-002")
    assert len(ledger.issues) == 3


def test_recurring_issue_keeps_its_key_and_counts_rounds() -> None:
    ledger = _ledger(two_round_history())
    first = _key(ledger, "r1/grok-review.md", "H-002")
    assert _key(ledger, "r2/grok-review.md", "H-001") == first
    issue = ledger.issue(first)
    assert (issue.first_round, issue.last_round, issue.times_raised) == ("r1", "r2", 2)


def test_one_reviewer_never_merges_with_itself_in_a_round() -> None:
    docs = [
        review_doc(
            "r1/grok.md",
            "Grok",
            [
                F("C1", "Retriever cache race without lock", path="pipeline.py"),
                F("C2", "Retriever cache race, no lock", path="pipeline.py"),
            ],
        )
    ]
    ledger = _ledger(docs)
    assert len({f.key for f in ledger.findings}) == 2


def test_ambiguous_match_fails_closed_and_is_flagged() -> None:
    # gemini's finding is equally close to two grok findings: kept apart, flagged
    docs = [
        review_doc("r1/gemini.md", "Gemini", [F("F1", "Cache lock missing in retriever", path="pipeline.py")]),
        review_doc(
            "r1/grok.md",
            "Grok",
            [
                F("C1", "Cache lock missing in retriever", path="pipeline.py", symbol="get_a"),
                F("C2", "Cache lock missing in retriever", path="pipeline.py", symbol="get_b"),
            ],
        ),
    ]
    ledger = _ledger(docs)
    assert len({f.key for f in ledger.findings}) == 3
    flagged = [f for f in ledger.findings if f.flags]
    assert flagged and all("ambiguous" in flag for f in flagged for flag in f.flags)


def test_same_quoted_code_is_the_strongest_evidence() -> None:
    code = "def get_retriever():\n    global _cache\n    _cache = build()"
    docs = [
        review_doc("r1/gemini.md", "Gemini", [F("F1", "Global mutable state", snippet=code)]),
        review_doc("r1/grok.md", "Grok", [F("C1", "Thread safety problem in factory", snippet=code)]),
    ]
    ledger = _ledger(docs)
    assert len({f.key for f in ledger.findings}) == 1


def test_different_files_never_merge_on_similar_words() -> None:
    docs = [
        review_doc("r1/gemini.md", "Gemini", [F("F1", "Missing timeout on LLM call", path="graph.py")]),
        review_doc("r1/grok.md", "Grok", [F("C1", "Missing timeout on LLM call", path="nodes.py")]),
    ]
    assert len({f.key for f in _ledger(docs).findings}) == 2


def test_adding_a_round_keeps_existing_keys() -> None:
    history = two_round_history()
    before = {(f.document, f.finding.id): f.key for f in _ledger(history).findings}
    later = review_doc(
        "r3/gemini.md",
        "Gemini",
        [F("F-9", "Retriever cache bare dict without lock", Severity.HIGH, "pipeline.py")],
        date=dt.date(2026, 3, 1),
    )
    after = {(f.document, f.finding.id): f.key for f in _ledger([*history, later]).findings}
    assert {k: after[k] for k in before} == before
    assert after[("r3/gemini.md", "F-9")] == before[("r1/gemini-review.md", "F-001")]


def test_keys_do_not_depend_on_document_order() -> None:
    history = two_round_history()
    forward = {(f.document, f.finding.id): f.key for f in _ledger(history).findings}
    backward = {(f.document, f.finding.id): f.key for f in _ledger(history[::-1]).findings}
    assert forward == backward


def test_keys_look_like_rk_hex() -> None:
    ledger = _ledger(
        [review_doc("r1/a.md", "Grok", [F("C1", "x")], date=DAY1), review_doc("r2/a.md", "Grok", [], date=DAY2)]
    )
    (issue,) = ledger.issues
    assert issue.key.startswith("RK-") and len(issue.key) == 11
    int(issue.key[3:], 16)


def test_the_same_code_line_in_another_file_a_round_later_is_not_a_recurrence() -> None:
    quote = "@lru_cache(maxsize=1)  # frozen at first call"
    docs = [
        review_doc("r1/grok.md", "Grok", [F("C1", "Circuit breaker settings never reload", path="breaker.py",
                                            snippet=quote)], date=DAY1),
        review_doc("r2/grok.md", "Grok", [F("H1", "Greeting categories frozen after a CMS edit", path="nodes.py",
                                            snippet=quote)], date=DAY2),
        review_doc("r2/gpt.md", "GPT", [F("F1", "Breaker thresholds cannot change at runtime", path="breaker.py",
                                          snippet=quote)], date=DAY2),
    ]  # fmt: skip
    ledger = _ledger(docs)
    assert _key(ledger, "r2/grok.md", "H1") != _key(ledger, "r1/grok.md", "C1")
    assert _key(ledger, "r2/gpt.md", "F1") == _key(ledger, "r1/grok.md", "C1")  # same code, same file: it recurs
