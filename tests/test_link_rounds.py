"""Round-level fix commits: the commit whose subject says it fixes the finding's round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reviewkit.link import link_documents
from reviewkit.link.rounds import RoundSpan, round_fix_positions
from reviewkit.model import CommitInfo, FindingStatus
from tests.conftest import GitRepoBuilder
from tests.test_link_pipeline import finding, numbered, review_doc, text

Factory = Callable[[str], GitRepoBuilder]
WHEN = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)


def _commit(subject: str) -> CommitInfo:
    return CommitInfo(sha=subject.replace(" ", "")[:40].ljust(40, "0"), date=WHEN, message=subject)


def test_a_round_is_named_by_its_folder_or_its_number_and_a_number_means_the_latest_such_round() -> None:
    commits = [_commit(s) for s in ("start", "fix: R3 first series", "work", "fix: prod-r2 hardening", "fix: R3 again")]
    rounds = [RoundSpan("s1/r3", 0, "3"), RoundSpan("prod-r2", 2, "2"), RoundSpan("s2/r3", 3, "3")]
    assert round_fix_positions(commits, rounds) == {"s1/r3": 1, "prod-r2": 3, "s2/r3": 4}


def test_only_a_fix_like_subject_fixes_a_round() -> None:
    commits = [_commit("start"), _commit("docs: R4 handover notes"), _commit("fix: R4 testing gaps")]
    assert round_fix_positions(commits, [RoundSpan("r4", 0, "4")]) == {"r4": 2}


def test_the_commit_fixing_the_round_fixes_its_findings_even_off_the_cited_lines(git_repo: Factory) -> None:
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/a.py": text(numbered(30)), "src/b.py": text(numbered(30))})
    g.commit("docs: notes", {"README.md": "notes\n"})
    fix = g.commit("fix: R4 testing gaps — 2 consensus findings fixed", {"tests/test_a.py": "def test_a(): ...\n"})
    g.commit("fix: R5 other work", {"src/b.py": text(numbered(31))})
    docs = [
        review_doc(
            finding("F-1", "Retry path untested", "src/a.py", 10),
            finding("F-2", "Timeout never set", "src/b.py", 3),
            commit=c1[:7],
            round="R4",
            path="r4/grok.md",
        )
    ]
    result = link_documents(g.path, docs)
    assert [(f.finding.id, f.status, f.fix.commit if f.fix else None) for f in result.findings] == [
        ("F-1", FindingStatus.FIXED, fix),
        ("F-2", FindingStatus.FIXED, fix),
    ]
    assert any("the commit fixing round r4" in e for e in result.findings[0].fix.evidence)  # type: ignore[union-attr]


def test_a_finding_the_summary_skipped_stays_open_and_one_it_did_not_list_is_not_claimed(
    git_repo: Factory, tmp_path: object
) -> None:
    from pathlib import Path

    from reviewkit.track import build_ledger

    g = git_repo("repo")
    c1 = g.commit("initial", {"src/a.py": text(numbered(30)), "src/b.py": text(numbered(30))})
    fix = g.commit("fix: R4 — consensus findings fixed", {"tests/test_a.py": "def test_a(): ...\n"})
    reviews = Path(str(tmp_path)) / "reviews"
    (reviews / "r4").mkdir(parents=True)
    (reviews / "r4" / "grok.md").write_text(
        f"# Grok Review R4\n\n**Commit**: {c1[:7]}\n\n## Findings\n\n### HIGH\n\n"
        "#### F-1: Retry path untested\n`src/a.py:10`\n\n#### F-2: Timeout never set\n`src/b.py:3`\n\n"
        "#### F-3: Logging format drifts\n`src/b.py:9`\n"
    )
    (reviews / "r4" / "summary.md").write_text(
        "# R4 Fix Summary\n\n## Fixes Applied\n\n- Retry path untested (Grok F-1)\n\n"
        "## Not Fixed\n\n- Timeout never set (Grok F-2) -- accepted trade-off\n"
    )
    ledger = build_ledger(g.path, reviews)
    got = {f.finding.id: (f.status, f.fix.commit if f.fix else None) for f in ledger.findings}
    assert got["F-1"] == (FindingStatus.FIXED, fix)
    assert got["F-2"][1] is None  # skipped: the round's commit fixed the others
    assert got["F-3"][1] is None  # the summary lists what was fixed, and not this


def test_a_commit_fixing_another_round_is_counter_evidence(git_repo: Factory) -> None:
    # a review naming an old commit sees the earlier round's fix touch its lines: that fix was for the other round
    g = git_repo("repo")
    base = numbered(30)
    c1 = g.commit("initial", {"src/a.py": text(base)})
    g.commit("docs: round 1 written", {"NOTES.md": "r1\n"})
    g.commit("fix: R1 hardening", {"src/a.py": text([*base[:9], "value_10 = safe(10)", *base[10:]])})
    fix = g.commit("fix: R2 consensus findings", {"tests/test_a.py": "def test(): ...\n"})
    r1 = review_doc(finding("A-1", "Input unchecked", "src/a.py", 10), commit=c1[:7], round="R1", path="r1/grok.md")
    r2 = review_doc(finding("B-1", "Value 10 unsafe", "src/a.py", 10), commit=c1[:7], round="R2", path="r2/gpt.md")
    by_round = {f.document: f for f in link_documents(g.path, [r1, r2]).findings}
    assert by_round["r2/gpt.md"].fix is not None and by_round["r2/gpt.md"].fix.commit == fix


def test_a_skipped_finding_stays_open_even_where_the_round_commit_touched_its_lines(
    git_repo: Factory, tmp_path: object
) -> None:
    from pathlib import Path

    from reviewkit.track import build_ledger

    g = git_repo("repo")
    base = numbered(30)
    c1 = g.commit("initial", {"src/a.py": text(base)})
    g.commit("fix: R4 — consensus findings fixed", {"src/a.py": text([*base[:9], "value_10 = safe(10)", *base[10:]])})
    reviews = Path(str(tmp_path)) / "reviews"
    (reviews / "r4").mkdir(parents=True)
    (reviews / "r4" / "grok.md").write_text(
        f"# Grok Review R4\n\n**Commit**: {c1[:7]}\n\n## Findings\n\n### HIGH\n\n"
        "#### F-2: Value ten unsafe\n`src/a.py:10`\n"
    )
    (reviews / "r4" / "summary.md").write_text(
        "# R4 Fix Summary\n\n## Not Fixed\n\n- Value ten unsafe (Grok F-2) -- later\n"
    )
    (f,) = build_ledger(g.path, reviews).findings
    assert f.fix is None and f.status is FindingStatus.OPEN


def test_a_summary_skipping_one_reviewers_finding_does_not_speak_for_the_others_in_its_issue(
    git_repo: Factory, tmp_path: object
) -> None:
    # two reviewers raise one problem (one issue); the summary fixes Grok's F-1 and skips GPT's P-2 by id:
    # the round's commit fixes Grok's occurrence, and GPT's stays open although its issue was also cited fixed
    from pathlib import Path

    from reviewkit.track import build_ledger

    g = git_repo("repo")
    base = numbered(30)
    c1 = g.commit("initial", {"src/a.py": text(base)})
    fix = g.commit(
        "fix: R4 — consensus findings fixed", {"src/a.py": text([*base[:9], "value_10 = safe(10)", *base[10:]])}
    )
    reviews = Path(str(tmp_path)) / "reviews"
    (reviews / "r4").mkdir(parents=True)
    for reviewer, fid in (("Grok", "F-1"), ("GPT", "P-2")):
        (reviews / "r4" / f"{reviewer.lower()}.md").write_text(
            f"# {reviewer} Review R4\n\n**Commit**: {c1[:7]}\n\n## Findings\n\n### HIGH\n\n"
            f"#### {fid}: Value ten is computed without validation\n`src/a.py:10`\n"
        )
    (reviews / "r4" / "summary.md").write_text(
        "# R4 Fix Summary\n\n## Fixes Applied\n\n- Value ten validated (Grok F-1)\n\n"
        "## Not Fixed\n\n- Value ten in the GPT form (GPT P-2) -- accepted trade-off\n"
    )
    ledger = build_ledger(g.path, reviews)
    grok, gpt = (next(f for f in ledger.findings if f.finding.id == fid) for fid in ("F-1", "P-2"))
    assert grok.key == gpt.key  # one issue
    assert grok.fix is not None and grok.fix.commit == fix
    assert gpt.fix is None and gpt.status is FindingStatus.OPEN
