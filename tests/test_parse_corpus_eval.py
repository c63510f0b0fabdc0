"""The parser on the generalization corpus (tests/corpus, documents of other projects), scored by
``benchmarks/corpus_eval.py``; and that script itself on a tiny labelled corpus.

The floors are the figures measured when the labels landed, so a recognizer change that loses
findings, invents them, or breaks severities, locations, scores or kinds on other projects' documents
fails here. Labels whose document is index-only (not vendored) are skipped by the script and named.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import REPO_ROOT

CORPUS = REPO_ROOT / "tests" / "corpus"
FLOORS: dict[str, float] = {
    "recall": 0.81,
    "precision": 0.95,
    "severity": 0.93,
    "path": 0.92,
    "dimensions": 0.97,
    "overall": 0.96,
    "kind": 0.82,
}
"""The train split's figures over its vendored documents at the end of 2026-12-08's second session (60 vendored of
134: recall 0.829, precision 0.974, severity 0.947, locations 0.936, dimensions 1.000, overall 0.983, kind 0.850),
less a small margin. Only the train split is scored here: the test split is measured by hand, never tuned on."""


def _corpus_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_eval", REPO_ROOT / "benchmarks" / "corpus_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_figures_stay_above_their_floors() -> None:
    train = CORPUS / "labels" / "train"
    if not train.is_dir():
        pytest.skip("no labelled train split in tests/corpus/labels/train")
    result = _corpus_eval().evaluate([train])
    if not result.tallies:
        pytest.skip(f"every labelled document is index-only: {sorted(result.skipped)}")
    figures = result.figures()
    assert {k: round(v, 3) for k, v in figures.items() if v < FLOORS.get(k, 0.0)} == {}


REVIEW = """# Payments Review

## High Risk

### [H-01] Refund can be claimed twice

`contracts/Vault.sol:40` never marks the refund as paid.

### [H-02] Oracle price is stale

No freshness check.
"""


def test_corpus_eval_scores_a_small_labelled_corpus(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "audit.md").write_text(REVIEW, encoding="utf-8")
    labels = tmp_path / "labels" / "train"
    labels.mkdir(parents=True)
    finding = {"severity_raw": "High Risk", "severity": "high"}
    label = {
        "path": "audit.md",
        "kind": "review",
        "reviews": [
            {
                "reviewer": None,
                "findings": [
                    {
                        **finding,
                        "id": "H-01",
                        "title": "Refund can be claimed twice",
                        "locations": [{"path": "contracts/Vault.sol", "start": 40, "end": 40, "symbol": None}],
                    },
                    {**finding, "id": "H-02", "title": "Oracle price is stale", "locations": []},
                    {**finding, "id": "H-03", "title": "A finding the text does not hold", "locations": []},
                ],
            }
        ],
        "source": {"repo": "example/payments", "commit": "0" * 40},
    }
    (labels / "audit.json").write_text(json.dumps(label), encoding="utf-8")
    index_only = {**label, "path": "missing.md"}
    (labels / "gone.json").write_text(json.dumps(index_only), encoding="utf-8")

    result = _corpus_eval().evaluate([labels])
    assert list(result.skipped) == ["train/gone"]
    figures = result.figures()
    assert figures["recall"] == pytest.approx(2 / 3)
    assert figures["precision"] == 1.0 and figures["severity"] == 1.0 and figures["path"] == 1.0
    assert figures["kind"] == 1.0


def test_corpus_eval_reads_index_only_documents_from_a_fetched_root(tmp_path: Path) -> None:
    labels = tmp_path / "corpus" / "labels" / "train"
    labels.mkdir(parents=True)
    fetched = tmp_path / "fetched" / "example__payments"
    fetched.mkdir(parents=True)
    (fetched / "audit.md").write_text(REVIEW, encoding="utf-8")
    finding = {"severity_raw": "High Risk", "severity": "high", "locations": []}
    label = {
        "path": "example__payments/audit.md",
        "kind": "review",
        "reviews": [{"findings": [{**finding, "id": "H-02", "title": "Oracle price is stale"}]}],
        "source": {"repo": "example/payments", "commit": "0" * 40, "path": "audit.md", "vendored": False},
    }
    (labels / "audit.json").write_text(json.dumps(label), encoding="utf-8")
    module = _corpus_eval()
    assert list(module.evaluate([labels]).skipped) == ["train/audit"]
    result = module.evaluate([labels], tmp_path / "fetched")
    assert result.skipped == {} and result.figures()["recall"] == 1.0
