"""Fix-summary citations as identity evidence: which findings a summary cites together."""

from __future__ import annotations

from reviewkit.model import Decision
from reviewkit.track import link_locally, track_documents
from reviewkit.track.citations import CitedFinding, citations_of
from tests.track_builders import F, review_doc, summary_doc


def test_a_decision_citing_two_reviewers_marks_both_and_one_reviewer_alone_marks_none() -> None:
    findings = [
        CitedFinding("r1", "grok", "C1"),
        CitedFinding("r1", "gpt", "F10"),
        CitedFinding("r1", "gpt", "F11"),
        CitedFinding("r2", "grok", "C1"),  # same id, another round: never cited by r1's summary
    ]
    summary = summary_doc(
        "r1/summary.md",
        [(Decision.FIXED, [("grok", "C1"), ("gpt", "F10")]), (Decision.SKIPPED, [("gpt", "F10"), ("gpt", "F11")])],
    )
    cited = citations_of([summary], findings, {"r1/summary.md": "r1"})
    assert cited[0] == cited[1] == frozenset({"r1/summary.md:5"})
    assert cited[2] == cited[3] == frozenset()


def test_an_id_two_findings_of_one_reviewer_share_cites_neither() -> None:
    findings = [CitedFinding("r1", "grok", "C1"), CitedFinding("r1", "grok", "C1"), CitedFinding("r1", "gpt", "F1")]
    summary = summary_doc("r1/summary.md", [(Decision.FIXED, [("grok", "C1"), ("gpt", "F1")])])
    assert citations_of([summary], findings, {"r1/summary.md": "r1"}) == [frozenset()] * 3


def test_a_summary_citing_findings_in_two_files_together_makes_them_one_problem() -> None:
    def docs(with_summary: bool) -> list:  # type: ignore[type-arg]
        out = [
            review_doc("r1/gemini-review.md", "Gemini", [
                F("F-004", "Search tools read the retriever cache without a lock", path="src/agent/tools.py",
                  body="each call reads the retriever cache dict, which has no lock"),
                F("F-007", "Dockerfile base image not pinned", path="Dockerfile"),
            ]),
            review_doc("r1/grok-review.md", "Grok", [
                F("C-001", "Retriever cache dict is not thread-safe", path="src/rag/pipeline.py",
                  body="concurrent coroutines race on the retriever cache dict"),
                F("H-002", "No rate limit on the feedback endpoint", path="src/api/app.py"),
            ]),
        ]  # fmt: skip
        if with_summary:
            out.append(summary_doc("r1/summary.md", [(Decision.FIXED, [("gemini", "F-004"), ("grok", "C-001")])]))
        return out

    def key(ledger_docs: list, doc: str, finding_id: str) -> str:  # type: ignore[type-arg]
        ledger = track_documents(ledger_docs, link_locally(ledger_docs))
        return next(f.key for f in ledger.findings if f.document == doc and f.finding.id == finding_id)

    for with_summary in (False, True):
        d = docs(with_summary)
        same = key(d, "r1/gemini-review.md", "F-004") == key(d, "r1/grok-review.md", "C-001")
        assert same is with_summary
