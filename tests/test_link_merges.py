"""Fix detection, anchoring and regressions on histories with branches and merges (RK-001)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

from reviewkit.gitio import open_repo
from reviewkit.link import link_documents
from reviewkit.model import FindingStatus
from tests.conftest import GitRepoBuilder
from tests.test_link_pipeline import finding, numbered, only, replace_line, review_doc, text

Factory = Callable[[str], GitRepoBuilder]
HEADER = [f"# header line {i}" for i in range(1, 11)]


def test_fix_on_main_beside_a_merged_branch(git_repo: Factory) -> None:
    # the reviewer's reproduction: a branch shifts the lines, main fixes line 10, the branch is merged
    g = git_repo("repo")
    base = numbered(30)
    c0 = g.commit("initial", {"a.py": text(base)})
    g.branch("feature")
    g.commit("Add a header", {"a.py": text(HEADER + base)})
    g.checkout("main")
    fix = g.commit("Fix C-001: validate value 10", {"a.py": text(replace_line(base, 10, "value_10 = safe(10)"))})
    g.merge("feature")
    lf = only(link_documents(g.path, [review_doc(finding("C-001", "Unvalidated value", "a.py", 10), commit=c0)]))
    assert lf.status is FindingStatus.FIXED
    assert lf.fix is not None and lf.fix.commit == fix
    assert any("changes referenced lines a.py:10-10" in e for e in lf.fix.evidence)


def test_fix_on_a_branch_then_merged_is_found_at_the_merge_with_the_branch_message(git_repo: Factory) -> None:
    g = git_repo("repo")
    base = numbered(30)
    c0 = g.commit("initial", {"a.py": text(base), "b.py": "x = 1\n"})
    g.branch("fix-c001")
    g.commit("Fix C-001: validate value 10", {"a.py": text(replace_line(base, 10, "value_10 = safe(10)"))})
    g.checkout("main")
    g.commit("Unrelated work", {"b.py": "x = 2\n"})
    merge = g.merge("fix-c001", message="Merge branch 'fix-c001'")
    lf = only(link_documents(g.path, [review_doc(finding("C-001", "Unvalidated value", "a.py", 10), commit=c0)]))
    assert lf.status is FindingStatus.FIXED
    assert lf.fix is not None and lf.fix.commit == merge
    assert any("C-001" in e for e in lf.fix.evidence)  # the branch commit's message is read


def test_regression_arriving_through_a_merge(git_repo: Factory) -> None:
    g = git_repo("repo")
    base = numbered(30)
    bad = replace_line(base, 10, "value_10 = eval(user_input)")
    c0 = g.commit("initial", {"a.py": text(bad)})
    fix = g.commit("Fix C-001: no eval", {"a.py": text(replace_line(bad, 10, "value_10 = int(user_input)"))})
    g.branch("legacy")
    g.commit("Restore the old parser", {"a.py": text(bad)})
    g.checkout("main")
    g.commit("Unrelated", {"b.py": "y = 1\n"})
    merge = g.merge("legacy")
    doc = review_doc(
        finding("C-001", "eval on user input", "a.py", 10, snippets=("value_10 = eval(user_input)",)), commit=c0
    )
    lf = only(link_documents(g.path, [doc]))
    assert lf.fix is not None and lf.fix.commit == fix
    assert lf.status is FindingStatus.REGRESSED and lf.regressed_by == merge


def test_history_is_the_first_parent_line_with_side_commits_attached(git_repo: Factory) -> None:
    g = git_repo("repo")
    c0 = g.commit("initial", {"a.py": "a = 1\n"})
    g.branch("one")
    side = g.commit("side work", {"b.py": "b = 1\n"})
    g.checkout("main")
    c1 = g.commit("main work", {"c.py": "c = 1\n"})
    merge = g.merge("one")
    reader = open_repo(g.path)
    history = reader.history()
    assert [c.sha for c in history] == [c0, c1, merge]
    assert history[-1].merged == (side,) and "side work" in history[-1].message
    assert [c.new_path for c in history[-1].changes] == ["b.py"]  # the merge's diff against its first parent
    assert reader.commit_order() == [c0, c1, side, merge]


def test_octopus_merge_is_read_as_one_change_with_a_warning(git_repo: Factory) -> None:
    g = git_repo("repo")
    g.commit("initial", {"a.py": "a = 1\n"})
    for name in ("x", "y"):
        g.branch(name, "main")
        g.commit(f"work on {name}", {f"{name}.py": f"{name} = 1\n"})
    g.checkout("main")
    g.merge("x", "y")
    reader = open_repo(g.path)
    reader.history()
    assert len(reader.notes) == 1 and reader.notes[0].startswith("octopus merge")


def test_criss_cross_merges_are_read_along_the_first_parent_without_inventing_a_regression(git_repo: Factory) -> None:
    # main and topic each merge the other's tip, then main merges topic again: that last merge has two merge
    # bases. Each merge is read as its diff against its first parent, so nothing needs guessing: the fix made
    # on topic is found where it reaches main, and the criss-cross merge brings nothing back.
    g = git_repo("repo")
    base = numbered(30)
    bad = replace_line(base, 10, "value_10 = eval(user_input)")
    c0 = g.commit("initial", {"a.py": text(bad), "b.py": "b = 1\n"})
    g.branch("topic")
    topic_fix = g.commit("Fix C-001: no eval", {"a.py": text(replace_line(bad, 10, "value_10 = int(user_input)"))})
    g.checkout("main")
    main_work = g.commit("main work", {"b.py": "b = 2\n"})
    reaches_main = g.merge(topic_fix, message="Merge the fix")
    g.checkout("topic")
    g.merge(main_work, message="Merge main work into topic")
    g.commit("topic work", {"c.py": "c = 1\n"})
    g.checkout("main")
    criss_cross = g.merge("topic", message="Merge topic")
    bases = subprocess.run(
        ["git", "-C", str(g.path), "merge-base", "--all", f"{criss_cross}^1", f"{criss_cross}^2"],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    assert len(bases) == 2  # it really is a criss-cross merge
    doc = review_doc(
        finding("C-001", "eval on user input", "a.py", 10, snippets=("value_10 = eval(user_input)",)), commit=c0
    )
    lf = only(link_documents(g.path, [doc]))
    assert lf.status is FindingStatus.FIXED and lf.regressed_by is None
    assert lf.fix is not None and lf.fix.commit == reaches_main
