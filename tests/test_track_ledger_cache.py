"""The whole-ledger cache: a run where nothing changed is one file read; any input that changed is a miss;
a corrupt or foreign entry is rebuilt with a warning, never trusted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.model import Severity
from reviewkit.track import cache as cache_module
from reviewkit.track.cache import StageCache
from reviewkit.track.keyindex import KEY_INDEX_FILENAME
from reviewkit.track.ledger import build_ledger_with
from reviewkit.track.ledger_cache import load_ledger
from reviewkit.track.records import Ledger
from tests.conftest import GitRepoBuilder

CODE = "".join(f"value_{i} = compute_value({i})\n" for i in range(1, 31))


def _review(n: int, fid: str, line: int, severity: str = "HIGH") -> str:
    return (
        f"# Grok Review — Round {n}\n\n**Reviewer**: Grok\n**Date**: 2026-02-2{n}\n\n## Findings\n\n### {severity}\n\n"
        f"#### {fid}: Value {line} is computed without validation\n`src/app.py:{line}` is not validated.\n"
    )


@pytest.fixture
def world(git_repo: Callable[[str], GitRepoBuilder]) -> GitRepoBuilder:
    g = git_repo("repo")
    g.commit("code", {"src/app.py": CODE})
    g.commit("round 1", {"reviews/r1/grok-review.md": _review(1, "H-001", 5)})
    g.commit("Validate value 5", {"src/app.py": CODE.replace("compute_value(5)", "validated(5)")})
    return g


def _run(g: GitRepoBuilder, cache_dir: Path, **kwargs: object) -> tuple[Ledger, StageCache]:
    cache = StageCache(cache_dir)
    return build_ledger_with(cache, g.path, g.path / "reviews", **kwargs), cache  # type: ignore[arg-type]


def _same(a: Ledger, b: Ledger) -> bool:
    return a.model_dump(exclude={"warnings"}) == b.model_dump(exclude={"warnings"})


def test_a_warm_run_returns_an_equal_ledger_without_recomputing(world: GitRepoBuilder, tmp_path: Path) -> None:
    cold, first = _run(world, tmp_path / "cache")
    assert not first.stats.ledger_hit and first.stats.parse_misses == 1
    warm, second = _run(world, tmp_path / "cache")
    assert second.stats.ledger_hit
    assert (second.stats.parse_hits, second.stats.parse_misses, second.stats.link_misses) == (0, 0, 0)
    assert warm == cold
    assert [i.status.value for i in warm.issues] == ["fixed"]


def test_the_cli_path_answers_from_the_cache_and_records_keys_once(world: GitRepoBuilder, tmp_path: Path) -> None:
    reviews = world.path / "reviews"
    cold = load_ledger(world.path, reviews, cache_dir=tmp_path / "cache", record_keys=True)
    index = (reviews / KEY_INDEX_FILENAME).read_text(encoding="utf-8")
    warm = load_ledger(world.path, reviews, cache_dir=tmp_path / "cache", record_keys=True)
    assert warm == cold
    assert (reviews / KEY_INDEX_FILENAME).read_text(encoding="utf-8") == index
    assert len(list((tmp_path / "cache" / "ledger").glob("*.json"))) == 1  # the hit stored nothing new


def test_a_changed_review_is_a_miss_and_reuses_the_other_rounds(world: GitRepoBuilder, tmp_path: Path) -> None:
    world.commit("round 2", {"reviews/r2/grok-review.md": _review(2, "H-003", 12)})
    _run(world, tmp_path / "cache")
    (world.path / "reviews" / "r2" / "grok-review.md").write_text(_review(2, "H-004", 14), encoding="utf-8")
    ledger, cache = _run(world, tmp_path / "cache")
    assert not cache.stats.ledger_hit
    assert (cache.stats.parse_hits, cache.stats.parse_misses) == (1, 1)  # only the changed round is parsed
    assert cache.stats.link_hits == 1  # round 1 is not linked again
    assert {f.finding.id for f in ledger.findings} == {"H-001", "H-004"}


def test_a_new_commit_is_a_miss(world: GitRepoBuilder, tmp_path: Path) -> None:
    _run(world, tmp_path / "cache")
    world.commit("unrelated", {"docs/notes.txt": "notes\n"})
    _, cache = _run(world, tmp_path / "cache")
    assert not cache.stats.ledger_hit


def test_a_changed_vocabulary_or_triage_file_is_a_miss(world: GitRepoBuilder, tmp_path: Path) -> None:
    _run(world, tmp_path / "cache")
    words = {**DEFAULT_VOCABULARY.severity_words, "SHOWSTOPPER": Severity.CRITICAL}
    vocabulary = DEFAULT_VOCABULARY.model_copy(update={"severity_words": words})
    _, cache = _run(world, tmp_path / "cache", vocabulary=vocabulary)
    assert not cache.stats.ledger_hit
    _, cache = _run(world, tmp_path / "cache", vocabulary=vocabulary)
    assert cache.stats.ledger_hit
    (world.path / "reviews" / "triage.toml").write_text("", encoding="utf-8")
    _, cache = _run(world, tmp_path / "cache", vocabulary=vocabulary)
    assert not cache.stats.ledger_hit


def test_another_reviewkit_version_or_cache_format_is_a_miss(
    world: GitRepoBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(world, tmp_path / "cache")
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    _, cache = _run(world, tmp_path / "cache")
    assert not cache.stats.ledger_hit
    monkeypatch.setattr(cache_module, "CACHE_FORMAT", cache_module.CACHE_FORMAT + 1)
    _, cache = _run(world, tmp_path / "cache")
    assert not cache.stats.ledger_hit


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b'"H-001"', b'"H-666"'),  # edited: the checksum no longer matches
        lambda data: b"garbage\n" + data,  # not our header
        lambda data: b"",
    ],
)
def test_a_corrupt_entry_is_rebuilt_with_a_warning(
    world: GitRepoBuilder, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    cold, _ = _run(world, tmp_path / "cache")
    (entry,) = (tmp_path / "cache" / "ledger").glob("*.json")
    entry.write_bytes(damage(entry.read_bytes()))
    rebuilt, cache = _run(world, tmp_path / "cache")
    assert not cache.stats.ledger_hit
    assert _same(rebuilt, cold)
    assert any("ledger cache entry" in w and "rebuilt" in w for w in rebuilt.warnings)
    again, cache = _run(world, tmp_path / "cache")  # the rebuilt entry is good again, and says nothing
    assert cache.stats.ledger_hit and again == cold


def test_the_cli_prints_the_rebuild_warning(world: GitRepoBuilder, tmp_path: Path) -> None:
    reviews = world.path / "reviews"
    load_ledger(world.path, reviews, cache_dir=tmp_path / "cache")
    (entry,) = (tmp_path / "cache" / "ledger").glob("*.json")
    entry.write_bytes(b"\x00\xff")
    ledger = load_ledger(world.path, reviews, cache_dir=tmp_path / "cache")
    assert sum("rebuilt" in w for w in ledger.warnings) == 1


def test_a_report_of_an_unchanged_ledger_is_not_drawn_again(
    world: GitRepoBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewkit.cli.report_cmd import ReportFormat, write_report_of
    from reviewkit.track.ledger_cache import stage_cache

    ledger = load_ledger(world.path, world.path / "reviews", cache_dir=tmp_path / "cache")
    cache = stage_cache(world.path, tmp_path / "cache")
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    write_report_of(ledger, first, format=ReportFormat.markdown, cache=cache)

    def no_drawing(*_: object, **__: object) -> str:
        raise AssertionError("rendered again")

    monkeypatch.setattr("reviewkit.report.render_markdown", no_drawing)
    write_report_of(ledger, second, format=ReportFormat.markdown, cache=cache)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    with pytest.raises(AssertionError, match="rendered again"):  # another title is another report
        write_report_of(ledger, second, format=ReportFormat.markdown, title="Other", cache=cache)
