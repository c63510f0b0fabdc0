"""link_documents end to end on tiny repositories with fixed dates."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.errors import GitError
from reviewkit.link import LinkResult, link_documents
from reviewkit.model import (
    AnchorRule,
    Document,
    DocumentKind,
    Finding,
    FindingStatus,
    LinkedFinding,
    Location,
    Review,
)
from tests.conftest import GitRepoBuilder

Factory = Callable[[str], GitRepoBuilder]


def numbered(n: int, fmt: str = "value_{i} = compute_value({i})") -> list[str]:
    return [fmt.format(i=i) for i in range(1, n + 1)]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def finding(
    fid: str | None,
    title: str,
    path: str | None = None,
    start: int | None = None,
    end: int | None = None,
    *,
    symbol: str | None = None,
    snippets: tuple[str, ...] = (),
) -> Finding:
    locs = (Location(path=path, start=start, end=end if end is not None else start, symbol=symbol),) if path else ()
    return Finding(id=fid, title=title, locations=locs, snippets=snippets, line=5, end_line=9)


def review_doc(
    *findings: Finding,
    commit: str | None = None,
    round: str = "R16",
    path: str = "r16/grok.md",
    date: dt.date | None = None,
    reviewer: str = "Grok",
) -> Document:
    review = Review(reviewer=reviewer, round=round, commit=commit, date=date, findings=findings)
    return Document(path=path, kind=DocumentKind.REVIEW, reviews=(review,))


def only(result: LinkResult) -> LinkedFinding:
    assert len(result.findings) == 1
    return result.findings[0]


def replace_line(lines: list[str], number: int, new: str) -> list[str]:
    out = list(lines)
    out[number - 1] = new
    return out


def test_fix_inside_the_referenced_lines(git_repo: Factory) -> None:
    g = git_repo("repo")
    base = numbered(40)
    c1 = g.commit("initial", {"src/app.py": text(base)})
    fix = g.commit("Validate compute input", {"src/app.py": text(replace_line(base, 20, "value_20 = safe(20)"))})
    lf = only(
        link_documents(g.path, [review_doc(finding("C-001", "Unvalidated input", "src/app.py", 20), commit=c1[:7])])
    )
    assert lf.anchor.commit == c1 and lf.anchor.rule is AnchorRule.NAMED
    assert lf.status is FindingStatus.FIXED
    assert lf.fix is not None and lf.fix.commit == fix
    assert any("changes referenced lines src/app.py:20-20" in e for e in lf.fix.evidence)
    assert lf.fingerprints.content is not None


def test_fix_named_only_in_the_message(git_repo: Factory) -> None:
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/app.py": text(numbered(30)), "src/config.py": "TIMEOUT = 0\n"})
    fix = g.commit("R16: fix C-001 (timeouts)", {"src/config.py": "TIMEOUT = 30\n"})
    lf = only(link_documents(g.path, [review_doc(finding("C-001", "No request timeout", "src/app.py", 3), commit=c1)]))
    assert lf.status is FindingStatus.FIXED
    assert lf.fix is not None and lf.fix.commit == fix
    assert any("C-001" in e and "R16" in e for e in lf.fix.evidence)


def test_unrelated_commit_to_the_same_file_does_not_link(git_repo: Factory) -> None:
    g = git_repo("repo")
    base = numbered(40)
    c1 = g.commit("initial", {"src/app.py": text(base)})
    g.commit("Rename a local variable", {"src/app.py": text(replace_line(base, 35, "value_35 = other(35)"))})
    lf = only(
        link_documents(g.path, [review_doc(finding("C-001", "Unvalidated input", "src/app.py", 10, 12), commit=c1)])
    )
    assert lf.status is FindingStatus.OPEN
    assert lf.fix is None


def test_lines_moved_by_an_insertion_above_then_fixed(git_repo: Factory) -> None:
    g = git_repo("repo")
    base = numbered(40)
    c1 = g.commit("initial", {"src/app.py": text(base)})
    moved = ["import os", "import sys", "", *base]
    shift = g.commit("Add imports", {"src/app.py": text(moved)})
    fix = g.commit("Guard the value", {"src/app.py": text(replace_line(moved, 23, "value_20 = guarded(20)"))})
    lf = only(link_documents(g.path, [review_doc(finding("H-002", "Unguarded value", "src/app.py", 20), commit=c1)]))
    assert lf.status is FindingStatus.FIXED
    assert lf.fix is not None and lf.fix.commit == fix
    assert all(a.commit != shift for a in lf.alternatives)
    assert any("src/app.py:23-23" in e for e in lf.fix.evidence)


def test_rename_then_fix(git_repo: Factory) -> None:
    g = git_repo("repo")
    base = numbered(40)
    c1 = g.commit("initial", {"src/old_name.py": text(base)})
    g.commit("Move module", renames={"src/old_name.py": "src/new_name.py"})
    fix = g.commit("Guard it", {"src/new_name.py": text(replace_line(base, 15, "value_15 = guarded(15)"))})
    lf = only(link_documents(g.path, [review_doc(finding("C-3", "Unguarded value", "src/old_name.py", 15), commit=c1)]))
    assert lf.status is FindingStatus.FIXED
    assert lf.fix is not None and lf.fix.commit == fix
    assert any("src/new_name.py:15-15" in e for e in lf.fix.evidence)


def test_quoted_snippet_removed_then_readded_is_a_regression(git_repo: Factory) -> None:
    g = git_repo("repo")
    bad = "    result = eval(user_supplied_expression)"
    body = ["def run(user_supplied_expression):", bad, "    return result", ""]
    c1 = g.commit("initial", {"src/calc.py": text(body + numbered(10))})
    fix = g.commit(
        "Stop evaluating user input",
        {
            "src/calc.py": text(
                [
                    "def run(user_supplied_expression):",
                    "    result = safe_parse(user_supplied_expression)",
                    "    return result",
                    "",
                    *numbered(10),
                ]
            )
        },
    )
    g.commit(
        "Touch unrelated lines",
        {
            "src/calc.py": text(
                [
                    "def run(user_supplied_expression):",
                    "    result = safe_parse(user_supplied_expression)",
                    "    return result",
                    "",
                    *numbered(9),
                    "value_10 = other(10)",
                ]
            )
        },
    )
    back = g.commit("Revert to the old evaluator", {"src/calc.py": text(body + numbered(10))})
    f = finding("C-009", "eval on user input", "src/calc.py", symbol="run", snippets=(bad.strip(),))
    lf = only(link_documents(g.path, [review_doc(f, commit=c1)]))
    assert lf.locations[0].resolved and (lf.locations[0].start, lf.locations[0].end) == (1, 3)
    assert lf.fix is not None and lf.fix.commit == fix
    assert lf.status is FindingStatus.REGRESSED
    assert lf.regressed_by == back


def test_fixed_code_quoted_again_in_a_later_review_is_not_a_regression(git_repo: Factory) -> None:
    g = git_repo("repo")
    bad = "    result = eval(user_supplied_expression)"
    c1 = g.commit("initial", {"src/calc.py": text(["def run(user_supplied_expression):", bad, "    return result"])})
    fix = g.commit(
        "Stop evaluating user input",
        {
            "src/calc.py": text(
                ["def run(user_supplied_expression):", "    result = safe_parse(x)", "    return result"]
            )
        },
    )
    g.commit("Round 17 review", {"reviews/r17/summary.md": text(["Fixed C-009: was", "```", bad, "```"])})
    f = finding("C-009", "eval on user input", "src/calc.py", 2, 2, snippets=(bad.strip(),))
    lf = only(link_documents(g.path, [review_doc(f, commit=c1)]))
    assert lf.fix is not None and lf.fix.commit == fix
    assert lf.status is FindingStatus.FIXED
    assert lf.regressed_by is None


def test_two_findings_in_one_file_only_one_fixed(git_repo: Factory) -> None:
    g = git_repo("repo")
    base = numbered(60)
    c1 = g.commit("initial", {"src/app.py": text(base)})
    fix = g.commit("Bound the retry loop", {"src/app.py": text(replace_line(base, 10, "value_10 = bounded(10)"))})
    doc = review_doc(
        finding("F-1", "Unbounded retry loop", "src/app.py", 10),
        finding("F-2", "Missing cache invalidation", "src/app.py", 45, 47),
        commit=c1,
    )
    first, second = link_documents(g.path, [doc]).findings
    assert first.status is FindingStatus.FIXED and first.fix is not None and first.fix.commit == fix
    assert second.status is FindingStatus.OPEN and second.fix is None


def test_reused_round_name_goes_to_the_latest_review(git_repo: Factory) -> None:
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/a.py": text(numbered(20)), "NOTES": "x\n"})
    c2 = g.commit("later work", {"NOTES": "y\n"})
    fix = g.commit("R16 fix C-001", {"NOTES": "z\n"})
    old = review_doc(finding("C-001", "Old series problem", "src/a.py", 2), commit=c1, path="prod-r16/grok.md")
    new = review_doc(finding("C-001", "New series problem", "src/a.py", 5), commit=c2, path="v2-r16/grok.md")
    result = link_documents(g.path, [old, new])
    by_doc = {lf.document: lf for lf in result.findings}
    assert by_doc["v2-r16/grok.md"].fix is not None and by_doc["v2-r16/grok.md"].fix.commit == fix
    assert by_doc["prod-r16/grok.md"].status is FindingStatus.OPEN


def test_review_committed_after_its_fix_scans_from_the_named_commit(git_repo: Factory) -> None:
    g = git_repo("repo")
    base = numbered(30)
    c1 = g.commit("initial", {"src/app.py": text(base)})
    fix = g.commit("Sanitise value", {"src/app.py": text(replace_line(base, 7, "value_7 = clean(7)"))})
    g.commit("Add review", {"reviews/r16/grok.md": "# Review\n"})
    doc = review_doc(finding("C-001", "Unsanitised value", "src/app.py", 7), commit=c1)
    lf = only(link_documents(g.path, [doc], reviews_root=g.path / "reviews"))
    assert lf.anchor.rule is AnchorRule.NAMED
    assert lf.fix is not None and lf.fix.commit == fix


def test_wrong_named_commit_falls_back_to_the_commit_that_added_the_review(git_repo: Factory) -> None:
    g = git_repo("repo")
    c1 = g.commit("initial", {"README": "hello\n"})
    g.commit("add code", {"src/app.py": text(numbered(30))})
    added = g.commit("Add review", {"reviews/r16/grok.md": "# Review\n"})
    doc = review_doc(finding("C-001", "Problem", "src/app.py", 7), commit=c1)
    lf = only(link_documents(g.path, [doc], reviews_root=g.path / "reviews"))
    assert lf.anchor.commit == added and lf.anchor.rule is AnchorRule.ADDED
    assert lf.anchor.note is not None and "lacks" in lf.anchor.note
    assert lf.locations[0].resolved


def test_missing_named_commit_warns_and_falls_back_to_the_date(git_repo: Factory) -> None:
    g = git_repo("repo")
    g.commit("initial", {"src/app.py": text(numbered(30))}, when=dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC))
    day2 = g.commit("second", {"src/b.py": "x = 1\n"}, when=dt.datetime(2026, 2, 2, 9, tzinfo=dt.UTC))
    g.commit("third", {"src/c.py": "y = 1\n"}, when=dt.datetime(2026, 2, 5, 9, tzinfo=dt.UTC))
    doc = review_doc(finding("C-1", "Problem", "src/app.py", 3), commit="deadbee", date=dt.date(2026, 2, 3))
    result = link_documents(g.path, [doc])
    lf = only(result)
    assert lf.anchor.commit == day2 and lf.anchor.rule is AnchorRule.DATE
    assert any("deadbee does not exist" in w for w in result.warnings)


def test_document_outside_the_repo_is_found_by_content(git_repo: Factory, tmp_path: Path) -> None:
    g = git_repo("repo")
    g.commit("initial", {"src/app.py": text(numbered(30))})
    added = g.commit("Add review", {"docs/review.md": "# Grok review\nsome text\n"})
    g.commit("later", {"src/app.py": text(numbered(31))})
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "review.md").write_text("# Grok review\nsome text\n", encoding="utf-8")
    doc = review_doc(finding(None, "Problem", "app.py", 3), path="review.md")
    lf = only(link_documents(g.path, [doc], reviews_root=outside))
    assert lf.anchor.commit == added and lf.anchor.rule is AnchorRule.ADDED


def test_paths_outside_the_repository_are_rejected(git_repo: Factory) -> None:
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/app.py": text(numbered(5))})
    doc = review_doc(
        finding("S-1", "Reads secrets", "../../etc/passwd", 1),
        finding("S-2", "Reads shadow", "/etc/shadow", 1),
        commit=c1,
    )
    result = link_documents(g.path, [doc])
    for lf in result.findings:
        assert not lf.locations[0].resolved
        assert lf.locations[0].note is not None and "outside the repository" in lf.locations[0].note
        assert lf.status is FindingStatus.UNKNOWN


def test_finding_without_locations_stays_unknown(git_repo: Factory) -> None:
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/app.py": text(numbered(5))})
    g.commit("tidy", {"src/app.py": text(numbered(6))})
    lf = only(link_documents(g.path, [review_doc(finding(None, "Architecture is muddled"), commit=c1)]))
    assert lf.status is FindingStatus.UNKNOWN and lf.fix is None


def test_deleted_file_counts_as_removing_the_code(git_repo: Factory) -> None:
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/legacy.py": text(numbered(10)), "src/app.py": "x = 1\n"})
    gone = g.commit("Drop the legacy module", {"src/legacy.py": None})
    lf = only(link_documents(g.path, [review_doc(finding("L-1", "Dead code", "src/legacy.py", 2, 4), commit=c1)]))
    assert lf.fix is not None and lf.fix.commit == gone
    assert any("deletes src/legacy.py" in e for e in lf.fix.evidence)


def _clone(args: list[str], source: Path, target: Path) -> None:
    subprocess.run(["git", "clone", "--quiet", *args, source.resolve().as_uri(), str(target)], check=True)


def test_shallow_clone_reports_missing_history(git_repo: Factory, tmp_path: Path) -> None:
    g = git_repo("origin")
    base = numbered(20)
    c1 = g.commit("initial", {"src/app.py": text(base)})
    g.commit("two", {"src/b.py": "b = 1\n"})
    g.commit("three", {"src/app.py": text(replace_line(base, 4, "value_4 = fixed(4)"))})
    g.commit("four", {"src/c.py": "c = 1\n"})
    _clone(["--depth", "2"], g.path, tmp_path / "shallow")
    result = link_documents(tmp_path / "shallow", [review_doc(finding("C-1", "Bug", "src/app.py", 4), commit=c1)])
    assert result.shallow
    assert result.history_missing is not None and "shallow clone" in result.history_missing
    assert only(result).status is FindingStatus.UNKNOWN
    assert any("shallow" in w for w in result.warnings)


def test_bare_repository_and_detached_head(git_repo: Factory, tmp_path: Path) -> None:
    g = git_repo("origin")
    base = numbered(20)
    c1 = g.commit("initial", {"src/app.py": text(base)})
    fix = g.commit("Fix value", {"src/app.py": text(replace_line(base, 4, "value_4 = fixed(4)"))})
    g.commit("later", {"src/c.py": "c = 1\n"})
    doc = review_doc(finding("C-1", "Bug", "src/app.py", 4), commit=c1[:8])
    _clone(["--bare"], g.path, tmp_path / "bare.git")
    assert only(link_documents(tmp_path / "bare.git", [doc])).fix.commit == fix  # type: ignore[union-attr]
    g.writer.checkout(fix)
    lf = only(link_documents(g.path, [doc]))
    assert lf.fix is not None and lf.fix.commit == fix


def test_not_a_repository_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not a git repository"):
        link_documents(tmp_path, [])


def test_shallow_boundary_is_not_mistaken_for_the_commit_that_added_a_review(git_repo: Factory, tmp_path: Path) -> None:
    g = git_repo("origin")
    g.commit("initial", {"src/app.py": text(numbered(20)), "reviews/r1/grok.md": "# Review\n"})
    g.commit("two", {"src/b.py": "b = 1\n"})
    g.commit("three", {"src/c.py": "c = 1\n"})
    _clone(["--depth", "2"], g.path, tmp_path / "shallow")
    doc = review_doc(finding("C-1", "Bug", "src/app.py", 4), path="r1/grok.md")
    result = link_documents(tmp_path / "shallow", [doc], reviews_root=tmp_path / "shallow" / "reviews")
    lf = only(result)
    assert lf.anchor.rule is AnchorRule.ADDED
    assert lf.status is FindingStatus.UNKNOWN
    assert any("shallow boundary" in w for w in result.warnings)


def test_the_commit_that_writes_the_review_up_is_never_its_fix(git_repo: Factory) -> None:
    # a review committed after the code it reviews names every finding it holds: that commit fixes nothing
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/app.py": text(numbered(30))})
    body = (
        "# Review R1\n\n**Commit**: "
        + c1[:7]
        + "\n\n### CRITICAL\n\n#### SEC-101: Unvalidated input\n`src/app.py:20`\n"
    )
    g.commit("reviews: round 1 (SEC-101)", {"reviews/r1/grok.md": body})
    doc = review_doc(
        finding("SEC-101", "Unvalidated input", "src/app.py", 20), commit=c1[:7], round="R1", path="r1/grok.md"
    )
    lf = only(link_documents(g.path, [doc], reviews_root=g.path / "reviews"))
    assert lf.fix is None


def test_an_id_no_other_finding_has_names_its_finding_without_a_round(git_repo: Factory) -> None:
    # "Fix SEC-101: …" beats an earlier commit that merely touched the referenced lines
    g = git_repo("repo")
    base = numbered(40)
    c1 = g.commit("initial", {"src/app.py": text(base)})
    g.commit("Tidy up a name", {"src/app.py": text(replace_line(base, 20, "value_20 = compute_value(20)  # tidy"))})
    fix = g.commit("Fix SEC-101: validate the input", {"src/validate.py": "def check(v):\n    return v\n"})
    doc = review_doc(finding("SEC-101", "Unvalidated input", "src/app.py", 20), commit=c1[:7])
    lf = only(link_documents(g.path, [doc]))
    assert lf.fix is not None and lf.fix.commit == fix
    assert any("an id no other finding has" in e for e in lf.fix.evidence)


def test_deleting_the_referenced_file_alone_is_not_a_fix(git_repo: Factory) -> None:
    # issue 13: a deleted file flipped an issue to "fixed"; deletion is evidence only with a fix signal
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/legacy.py": text(numbered(10)), "src/app.py": "x = 1\n"})
    g.commit("Move things around", {"src/legacy.py": None, "src/other.py": text(numbered(10))})
    lf = only(
        link_documents(g.path, [review_doc(finding("L-1", "Token check missing", "src/legacy.py", 2, 4), commit=c1)])
    )
    assert lf.fix is None


def test_a_review_with_no_commit_date_or_history_takes_the_anchor_of_its_round(git_repo: Factory) -> None:
    # GPT names nothing and carries no date; Grok in the same round folder names the reviewed commit
    g = git_repo("repo")
    base = numbered(30)
    reviewed = g.commit("initial", {"src/a.py": text(base)})
    fix = g.commit("Validate value 12", {"src/a.py": text(replace_line(base, 12, "value_12 = safe(12)"))})
    grok = review_doc(finding("G-1", "Unvalidated value", "src/a.py", 12), commit=reviewed[:7], path="r4/grok.md")
    gpt = review_doc(finding("P-1", "Value twelve unvalidated", "src/a.py", 12), path="r4/gpt.md", reviewer="GPT")
    other_round = review_doc(finding("X-1", "Unvalidated value", "src/a.py", 12), path="r5/gpt.md", reviewer="GPT")
    by_doc = {f.document: f for f in link_documents(g.path, [grok, gpt, other_round]).findings}
    borrowed = by_doc["r4/gpt.md"]
    assert borrowed.anchor.commit == reviewed and "other reviews of its round" in (borrowed.anchor.note or "")
    assert borrowed.fix is not None and borrowed.fix.commit == fix
    assert by_doc["r5/gpt.md"].anchor.commit is None  # a round with no anchored review lends nothing


def test_a_review_added_after_its_fix_reviewed_the_code_before_the_commit_that_removed_what_it_quotes(
    git_repo: Factory,
) -> None:
    # no commit named, no date, no commit naming the round: the commit adding the review is only an upper bound
    g = git_repo("repo")
    base = numbered(30)
    bad = replace_line(base, 12, "value_12 = eval(user_input_from_request)")
    g.commit("initial", {"src/app.py": text(bad)})
    fix = g.commit("Parse the value instead of evaluating it", {"src/app.py": text(base)})
    g.commit("Add review", {"reviews/r16/grok.md": "# Review\n"})
    quoted = finding(
        "C-001", "eval on request input", "src/app.py", 12, snippets=("value_12 = eval(user_input_from_request)",)
    )
    lf = only(link_documents(g.path, [review_doc(quoted)], reviews_root=g.path / "reviews"))
    assert lf.anchor.rule is AnchorRule.ADDED and "removed the code the finding quotes" in (lf.anchor.note or "")
    assert lf.fix is not None and lf.fix.commit == fix
