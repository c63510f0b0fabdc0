"""Fix summaries as evidence: attachment by reviewer + id in the round folder, and the status rule."""

from __future__ import annotations

from reviewkit.model import Decision, Document, FindingStatus, FixLink, LinkedFinding
from reviewkit.track import link_locally, track_documents
from reviewkit.track.evidence import CONFIRMED_CONFIDENCE, DECISION_ONLY_CONFIDENCE
from tests.track_builders import DAY1, DAY2, F, review_doc, summary_doc, two_round_history

SHA = "a" * 40


def test_fixed_decision_attaches_to_the_cited_issue_and_marks_it_fixed_with_low_confidence() -> None:
    docs = two_round_history()
    ledger = track_documents(docs, link_locally(docs))
    issue = next(i for i in ledger.issues if i.title.startswith("Retriever cache"))
    assert [d.decision for d in issue.decisions] == [Decision.FIXED]
    assert issue.status is FindingStatus.FIXED
    assert issue.status_confidence == DECISION_ONLY_CONFIDENCE
    assert issue.fix is None
    assert any("says Fixed" in e for e in issue.status_evidence)


def test_fixed_plus_linked_commit_is_strong_evidence() -> None:
    docs = two_round_history()
    linked = [
        f.model_copy(update={"status": FindingStatus.FIXED, "fix": FixLink(commit=SHA, confidence=0.6)})
        if f.finding.id == "C-001"
        else f
        for f in link_locally(docs)
    ]
    issue = next(i for i in track_documents(docs, linked).issues if i.title.startswith("Retriever cache"))
    assert issue.status is FindingStatus.FIXED
    assert issue.fix is not None and issue.fix.commit == SHA
    assert issue.status_confidence == CONFIRMED_CONFIDENCE


def test_skipped_is_a_decision_not_a_fix() -> None:
    docs = [
        review_doc("r1/grok.md", "Grok", [F("H-3", "BoundedMemorySaver has no lock", path="memory.py")], date=DAY1),
        summary_doc("r1/summary.md", [(Decision.SKIPPED, [("grok", "H-003")])]),
    ]
    (issue,) = track_documents(docs, link_locally(docs)).issues
    assert [d.decision for d in issue.decisions] == [Decision.SKIPPED]
    assert issue.status is FindingStatus.UNKNOWN


def test_refs_only_match_inside_the_same_round_folder() -> None:
    docs = [
        review_doc("r1/grok.md", "Grok", [F("C1", "Secret default insecure", path="config.py")], date=DAY1),
        review_doc("r2/grok.md", "Grok", [F("C1", "Unbounded cache growth", path="cache.py")], date=DAY2),
        summary_doc("r2/summary.md", [(Decision.FIXED, [("grok", "C1")])]),
    ]
    ledger = track_documents(docs, link_locally(docs))
    by_title = {i.title: i for i in ledger.issues}
    assert by_title["Secret default insecure"].decisions == ()
    assert by_title["Unbounded cache growth"].status is FindingStatus.FIXED


def test_fixed_claim_is_overruled_when_a_later_round_raises_it_again() -> None:
    docs = [
        review_doc(
            "r1/grok.md", "Grok", [F("C1", "Dockerfile HEALTHCHECK uses /health", path="Dockerfile")], date=DAY1
        ),
        summary_doc("r1/summary.md", [(Decision.FIXED, [("grok", "C1")])]),
        review_doc(
            "r2/grok.md", "Grok", [F("H1", "Dockerfile HEALTHCHECK uses /health", path="Dockerfile")], date=DAY2
        ),
    ]
    (issue,) = track_documents(docs, link_locally(docs)).issues
    assert issue.status is not FindingStatus.FIXED
    assert any("raised again" in e for e in issue.status_evidence)


def test_link_open_is_contrary_evidence_to_a_fixed_claim() -> None:
    docs = [
        review_doc("r1/grok.md", "Grok", [F("C1", "Secret default insecure", path="config.py")], date=DAY1),
        summary_doc("r1/summary.md", [(Decision.FIXED, [("grok", "C1")])]),
    ]
    linked = [f.model_copy(update={"status": FindingStatus.OPEN}) for f in link_locally(docs)]
    (issue,) = track_documents(docs, linked).issues
    assert issue.status is FindingStatus.OPEN


def test_bare_id_attaches_only_when_unique_in_the_round() -> None:
    docs = [
        review_doc("r1/gemini.md", "Gemini", [F("RAG-001", "Markdown not ingested", path="pipeline.py")], date=DAY1),
        review_doc("r1/grok.md", "Grok", [F("F1", "Unrelated thing", path="app.py")], date=DAY1),
        review_doc("r1/gpt.md", "GPT", [F("F1", "Other unrelated thing", path="nodes.py")], date=DAY1),
        summary_doc("r1/summary.md", [(Decision.FIXED, [(None, "RAG-001")]), (Decision.FIXED, [(None, "F1")])]),
    ]
    ledger = track_documents(docs, link_locally(docs))
    by_title = {i.title: i for i in ledger.issues}
    assert by_title["Markdown not ingested"].status is FindingStatus.FIXED
    assert by_title["Unrelated thing"].decisions == ()


def test_reviewer_prefixed_ids_match_gpt_f1_style() -> None:
    docs = [
        review_doc("r1/gpt.md", "GPT-5.2", [F("GPT-F1", "Knowledge base not ingested", path="pipeline.py")], date=DAY1),
        summary_doc("r1/summary.md", [(Decision.DEFERRED, [("gpt", "F1")])]),
    ]
    (issue,) = track_documents(docs, link_locally(docs)).issues
    assert [d.decision for d in issue.decisions] == [Decision.DEFERRED]


def _regressed_then(refix: bool) -> tuple[list[Document], list[LinkedFinding], dict[str, int]]:
    """Round 1 raises a finding fixed by A and regressed by B; round 2 raises it again, optionally fixed by C."""
    docs = [
        review_doc("r1/grok.md", "Grok", [F("C-001", "SQL built from user input", path="orders.py")], date=DAY1),
        review_doc("r2/grok.md", "Grok", [F("C-001", "SQL built from user input", path="orders.py")], date=DAY2),
    ]
    a, b, c = "a" * 40, "b" * 40, "c" * 40
    linked = []
    for f in link_locally(docs):
        if f.document.startswith("r1/"):
            f = f.model_copy(
                update={"status": FindingStatus.REGRESSED, "fix": FixLink(commit=a, confidence=0.9), "regressed_by": b}
            )
        elif refix:
            f = f.model_copy(update={"status": FindingStatus.FIXED, "fix": FixLink(commit=c, confidence=0.8)})
        linked.append(f)
    return docs, linked, {a: 1, b: 2, c: 3}


def test_fixed_regressed_fixed_again_ends_fixed_with_the_whole_story() -> None:
    # RK-004: a regression used to keep the issue "regressed" forever, even after it was fixed again
    docs, linked, ranks = _regressed_then(refix=True)
    (issue,) = track_documents(docs, linked, commit_rank=ranks).issues
    assert issue.status is FindingStatus.FIXED
    assert issue.fix is not None and issue.fix.commit == "c" * 40
    story = next(e for e in issue.status_evidence if e.startswith("timeline:"))
    assert story == f"timeline: fixed by {'a' * 12}, regressed by {'b' * 12}, fixed again by {'c' * 12}"
    assert issue.regressed_by == "b" * 40  # the regression stays on record


def test_a_regression_after_the_last_fix_stays_regressed() -> None:
    docs, linked, ranks = _regressed_then(refix=False)
    (issue,) = track_documents(docs, linked, commit_rank=ranks).issues
    assert issue.status is FindingStatus.REGRESSED
    assert any(e.startswith("link: regressed by " + "b" * 40) for e in issue.status_evidence)
