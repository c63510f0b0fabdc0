"""The single history pass and the fix decision, on hand-built commits (no repository)."""

from __future__ import annotations

import datetime as dt

from reviewkit.link.decide import FIX_THRESHOLD, decide
from reviewkit.link.scan import Target, scan_history
from reviewkit.link.text import words
from reviewkit.model import CommitInfo, FileChange, FindingStatus, Hunk


def commit(i: int, message: str, *changes: FileChange) -> CommitInfo:
    return CommitInfo(
        sha=f"{i:040x}",
        date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=i),
        message=message,
        changes=changes,
    )


def edit(path: str, old_start: int, removed: tuple[str, ...], added: tuple[str, ...]) -> FileChange:
    hunk = Hunk(
        old_start=old_start, old_len=len(removed), new_start=old_start, new_len=len(added), removed=removed, added=added
    )
    return FileChange(old_path=path, new_path=path, hunks=(hunk,))


def target(**kw: object) -> Target:
    base: dict[str, object] = {
        "anchor_pos": 0,
        "ranges": (("src/a.py", 50, 52),),
        "files": ("src/a.py",),
        "finding_id": "C-001",
        "round": "16",
        "reviewer": "grok",
        "title_words": frozenset(words("Unbounded retry loop")),
    }
    return Target(**(base | kw))  # type: ignore[arg-type]


def test_file_touch_alone_is_not_a_fix_nor_are_words_alone() -> None:
    history = [
        commit(0, "initial"),
        commit(1, "Refactor logging", edit("src/a.py", 5, ("log()",), ("logger.info()",))),
        commit(2, "Bound the unbounded retry loop", edit("src/a.py", 9, ("x",), ("y",))),
        commit(3, "R16: bound the unbounded retry loop", edit("src/a.py", 9, ("y",), ("z",))),
    ]
    (result,) = scan_history(history, [target()])
    verdict = decide(result, history, trackable=True)
    assert verdict.status is FindingStatus.FIXED and verdict.fix is not None
    assert verdict.fix.commit == history[3].sha
    assert 1 not in result.candidates or result.candidates[1].score < FIX_THRESHOLD
    assert result.candidates[2].score < FIX_THRESHOLD


def test_id_without_round_needs_more_than_the_id() -> None:
    history = [commit(0, "initial"), commit(1, "fix C-001 in docs", edit("README.md", 1, ("a",), ("b",)))]
    (result,) = scan_history(history, [target()])
    assert decide(result, history, trackable=True).status is FindingStatus.OPEN
    assert result.candidates[1].score < FIX_THRESHOLD


def test_same_id_same_round_prefers_the_reviewer_named() -> None:
    history = [commit(0, "initial"), commit(1, "R16: Grok C-001 fixed", edit("NOTES", 1, ("a",), ("b",)))]
    grok, gpt = scan_history(history, [target(), target(reviewer="gpt")])
    assert decide(grok, history, trackable=True).status is FindingStatus.FIXED
    assert decide(gpt, history, trackable=True).status is FindingStatus.OPEN


def test_quoted_code_removed_anywhere_for_findings_without_files_is_weak() -> None:
    code = "password = os.environ.get('DB_PASSWORD', 'hunter2')"
    history = [commit(0, "initial"), commit(1, "tidy", edit("src/db.py", 3, (code,), ("password = secret()",)))]
    (result,) = scan_history(history, [target(ranges=(), files=(), snippet_keys=frozenset({code.replace(" ", "")}))])
    assert result.candidates[1].signals == {"snippet": 0.3}
    assert decide(result, history, trackable=False).status is FindingStatus.UNKNOWN


def test_findings_activate_at_their_anchor() -> None:
    change = edit("src/a.py", 51, ("old",), ("new",))
    history = [commit(0, "initial"), commit(1, "early", change), commit(2, "mid"), commit(3, "late", change)]
    (result,) = scan_history(history, [target(anchor_pos=2)])
    assert set(result.candidates) == {3}


def test_ties_go_to_the_earliest_commit() -> None:
    history = [
        commit(0, "initial"),
        commit(1, "fix a", edit("src/a.py", 50, ("p",), ("q",))),
        commit(2, "fix b", edit("src/a.py", 50, ("q",), ("r",))),
    ]
    (result,) = scan_history(history, [target(title_words=frozenset())])
    verdict = decide(result, history, trackable=True)
    assert verdict.fix is not None and verdict.fix.commit == history[1].sha
    assert [a.commit for a in verdict.alternatives] == [history[2].sha]


def test_changed_lines_need_corroboration_and_other_findings_explain_them_away() -> None:
    change = edit("src/a.py", 51, ("old",), ("new",))
    history = [
        commit(0, "initial"),
        commit(1, "reformat", change),
        commit(2, "Fix it", change),
        commit(3, "R16 fix C-002", change),
    ]
    other = target(finding_id="C-002", ranges=(("src/b.py", 1, 1),), files=("src/b.py",))
    result, other_result = scan_history(history, [target(), other])
    assert result.candidates[1].score < FIX_THRESHOLD <= result.candidates[2].score
    assert result.candidates[3].score < result.candidates[1].score
    assert "the message names other findings, not this one" in result.candidates[3].evidence
    assert decide(other_result, history, trackable=True).fix is not None


def test_id_with_reviewer_but_no_round_goes_to_that_reviewers_latest_review() -> None:
    history = [commit(0, "initial"), commit(1, "mid"), commit(2, "Grok C-001: fix", edit("NOTES", 1, ("a",), ("b",)))]
    old_grok, new_grok, new_gpt = scan_history(
        history, [target(anchor_pos=0), target(anchor_pos=1), target(anchor_pos=1, reviewer="gpt")]
    )
    assert decide(new_grok, history, trackable=True).status is FindingStatus.FIXED
    assert 2 not in old_grok.candidates and 2 not in new_gpt.candidates


def test_another_reviewers_duplicate_is_not_explained_away() -> None:
    change = edit("src/a.py", 51, ("old",), ("new",))
    history = [commit(0, "initial"), commit(1, "R16 fix C-002: unbounded retry loop", change)]
    named = target(finding_id="C-002")
    same_review, other_reviewer = target(finding_id="C-007"), target(finding_id="F-1", review=1)
    results = scan_history(history, [named, same_review, other_reviewer])
    verdicts = [decide(r, history, trackable=True) for r in results]
    assert [v.status for v in verdicts] == [FindingStatus.FIXED, FindingStatus.OPEN, FindingStatus.FIXED]


def test_tracked_ranges_are_typed_records_updated_by_name() -> None:
    # RK-015: ranges were `[path, start, end, alive]` lists narrowed with `assert isinstance` (gone under -O)
    import dataclasses
    import inspect

    from reviewkit.link import scan

    rng = scan._Range("src/a.py", 3, 5)
    assert [f.name for f in dataclasses.fields(rng)] == ["path", "start", "end", "alive"] and rng.alive
    assert not hasattr(rng, "__dict__")  # slotted
    assert "assert isinstance" not in inspect.getsource(scan)
