"""The stage cache: parse results reused per document content; corrupt entries are misses."""

from __future__ import annotations

from pathlib import Path

from reviewkit.track.cache import StageCache
from reviewkit.track.ledger import build_ledger_with
from tests.track_builders import F, review_doc

REVIEW = "# Review\n\n**Reviewer**: Grok\n\n### C1: Lock missing\n\nIn `store.py`.\n"


def _reviews(tmp_path: Path, rounds: int) -> Path:
    folder = tmp_path / "reviews"
    for n in range(1, rounds + 1):
        (folder / f"r{n}").mkdir(parents=True, exist_ok=True)
        (folder / f"r{n}" / "grok.md").write_text(REVIEW + f"\nround {n}\n", encoding="utf-8")
    return folder


def test_second_run_parses_only_the_new_round(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    first = StageCache(cache_dir)
    build_ledger_with(first, None, _reviews(tmp_path, 2))
    assert (first.stats.parse_hits, first.stats.parse_misses) == (0, 2)
    second = StageCache(cache_dir)
    ledger = build_ledger_with(second, None, _reviews(tmp_path, 3))
    assert (second.stats.parse_hits, second.stats.parse_misses) == (2, 1)
    assert [r.key for r in ledger.rounds] == ["r1", "r2", "r3"]


def test_cached_document_round_trips_and_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    cache = StageCache(tmp_path)
    doc = review_doc("r1/grok.md", "Grok", [F("C1", "Lock missing", path="store.py")])
    cache.put_document(doc)
    assert cache.get_document(doc.path, doc.sha256) == doc
    for file in (tmp_path / "parse").iterdir():
        file.write_text("{not json", encoding="utf-8")
    assert cache.get_document(doc.path, doc.sha256) is None
    assert cache.stats.parse_misses == 1


def test_no_root_means_no_cache(tmp_path: Path) -> None:
    cache = StageCache(None)
    doc = review_doc("r1/grok.md", "Grok", [])
    cache.put_document(doc)
    assert cache.get_document(doc.path, doc.sha256) is None


def _showstopper_vocabulary() -> object:
    from reviewkit.config import DEFAULT_VOCABULARY
    from reviewkit.model import Severity

    words = {**DEFAULT_VOCABULARY.severity_words, "SHOWSTOPPER": Severity.CRITICAL}
    return DEFAULT_VOCABULARY.model_copy(update={"severity_words": words})


def test_the_vocabulary_is_part_of_the_parse_key_whichever_command_ran_first(tmp_path: Path) -> None:
    # RK-003: the first run's vocabulary used to decide every later run's severities
    from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary

    folder = tmp_path / "reviews" / "r1"
    folder.mkdir(parents=True)
    (folder / "grok.md").write_text("# Review\n\n**Reviewer**: Grok\n\n### [SHOWSTOPPER] D2-M001: Lock missing\n")
    custom = _showstopper_vocabulary()
    assert isinstance(custom, Vocabulary)

    def severity(vocabulary: Vocabulary) -> object:
        ledger = build_ledger_with(StageCache(tmp_path / "cache"), None, tmp_path / "reviews", vocabulary=vocabulary)
        (f,) = ledger.findings
        return f.finding.severity.value if f.finding.severity else None

    assert [severity(custom), severity(DEFAULT_VOCABULARY), severity(custom)] == ["critical", None, "critical"]


def test_a_degraded_parse_is_never_cached(tmp_path: Path, monkeypatch: object) -> None:
    # RK-013: a document parsed while a recognizer failed was cached and served until the file changed
    import pytest

    from reviewkit.parse import parse_text

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.delenv("REVIEWKIT_STRICT")

    def broken(*_args: object) -> None:
        raise RuntimeError("recognizer bug")

    monkeypatch.setattr("reviewkit.parse.findings.recognize_heading", broken)
    doc = parse_text(REVIEW, "r1/grok.md")
    assert doc.degraded
    cache = StageCache(tmp_path)
    cache.put_document(doc)
    assert cache.get_document(doc.path, doc.sha256) is None
    assert any("not cached" in n for n in cache.stats.notes)
