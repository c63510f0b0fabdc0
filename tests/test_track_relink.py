"""Link results carried over when HEAD moved: only commits that add reviews keep them valid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewkit.track.cache import StageCache
from reviewkit.track.ledger import build_ledger_with
from reviewkit.track.records import Ledger
from tests.conftest import GitRepoBuilder

CODE = "".join(f"value_{i} = compute_value({i})\n" for i in range(1, 31))


def _review(n: int, fid: str, line: int) -> str:
    return (
        f"# Grok Review — Round {n}\n\n**Reviewer**: Grok\n**Date**: 2026-02-2{n}\n\n## Findings\n\n### HIGH\n\n"
        f"#### {fid}: Value {line} is computed without validation\n`src/app.py:{line}` is not validated.\n"
    )


def _history(git_repo: Callable[[str], GitRepoBuilder]) -> GitRepoBuilder:
    g = git_repo("repo")
    g.commit("code", {"src/app.py": CODE})
    g.commit("round 1", {"reviews/r1/grok-review.md": _review(1, "H-001", 5)})
    g.commit("Validate value 5", {"src/app.py": CODE.replace("compute_value(5)", "validated(5)")})
    g.commit("round 2", {"reviews/r2/grok-review.md": _review(2, "H-003", 12)})
    return g


def _run(cache_dir: Path, g: GitRepoBuilder) -> tuple[Ledger, StageCache]:
    cache = StageCache(cache_dir)
    return build_ledger_with(cache, g.path, g.path / "reviews"), cache


def _same(a: Ledger, b: Ledger) -> bool:
    return a.model_dump(exclude={"warnings"}) == b.model_dump(exclude={"warnings"})


def test_a_committed_round_links_only_itself_and_matches_a_cold_run(
    git_repo: Callable[[str], GitRepoBuilder], tmp_path: Path
) -> None:
    g = _history(git_repo)
    _run(tmp_path / "cache", g)
    g.commit("round 3", {"reviews/r3/grok-review.md": _review(3, "H-002", 20)})
    warm, cache = _run(tmp_path / "cache", g)
    assert (cache.stats.link_hits, cache.stats.link_reused, cache.stats.link_misses) == (0, 2, 1)
    cold, _ = _run(tmp_path / "fresh", g)
    assert _same(warm, cold)
    again, cache = _run(tmp_path / "cache", g)
    assert cache.stats.ledger_hit  # nothing changed: the whole ledger is reused, no round is even looked at
    assert (cache.stats.link_hits, cache.stats.link_reused, cache.stats.link_misses) == (0, 0, 0)
    assert _same(again, cold)


def test_a_code_commit_or_a_message_naming_a_finding_links_again(
    git_repo: Callable[[str], GitRepoBuilder], tmp_path: Path
) -> None:
    g = _history(git_repo)
    _run(tmp_path / "cache", g)
    g.commit("Validate value 12", {"src/app.py": CODE.replace("compute_value(12)", "validated(12)")})
    after_code, cache = _run(tmp_path / "cache", g)
    assert (cache.stats.link_reused, cache.stats.link_misses) == (0, 2)
    assert after_code.issues
    g.commit("Notes on H-003 (round 2)", {"reviews/r2/notes.txt": "follow-up\n"})
    _, cache = _run(tmp_path / "cache", g)
    assert (cache.stats.link_reused, cache.stats.link_misses) == (1, 1)  # r2's finding is named: r2 links again


def test_review_quoting_the_fixed_code_is_not_carried_over(
    git_repo: Callable[[str], GitRepoBuilder], tmp_path: Path
) -> None:
    g = _history(git_repo)
    first, _ = _run(tmp_path / "cache", g)
    assert any(f.fix is not None for f in first.findings if f.round_key == "r1")
    quote = "# Fix notes\n\n```python\nvalue_5 = compute_value(5)\n```\n"
    g.commit("round 3 notes", {"reviews/r3/notes.md": quote})
    warm, cache = _run(tmp_path / "cache", g)
    assert (cache.stats.link_reused, cache.stats.link_misses) == (1, 1)  # r1's fix may look undone: r1 links again
    cold, _ = _run(tmp_path / "fresh", g)
    assert _same(warm, cold)


def test_reviews_at_the_repository_root_still_link_again_after_a_code_commit(
    git_repo: Callable[[str], GitRepoBuilder], tmp_path: Path
) -> None:
    g = git_repo("repo")
    g.commit("code", {"src/app.py": CODE})
    g.commit("round 1", {"r1/grok-review.md": _review(1, "H-001", 5)})

    def run() -> StageCache:
        cache = StageCache(tmp_path / "cache")
        build_ledger_with(cache, g.path, g.path)
        return cache

    run()
    g.commit("round 2", {"r2/grok-review.md": _review(2, "H-003", 12)})
    assert run().stats.link_reused == 1  # markdown only: r1 carried over
    assert run().stats.ledger_hit
    g.commit("Refactor", {"src/app.py": CODE.replace("compute_value(30)", "compute(30)")})
    assert run().stats.link_misses == 2
