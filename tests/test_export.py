"""Exports: tables and DefectDojo Generic Findings Import JSON."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from reviewkit.export import ExportFormat, ExportTable, defectdojo_document, export_bytes
from reviewkit.frames import ISSUE_COLUMNS
from reviewkit.model import TriageEntry, TriageStatus
from reviewkit.track import link_locally, track_documents
from reviewkit.track.records import Ledger
from tests.track_builders import two_round_history


def _ledger(triage: list[TriageEntry] | None = None) -> Ledger:
    docs = two_round_history()
    return track_documents(docs, link_locally(docs), triage=triage or [])


def test_defectdojo_shape() -> None:
    ledger = _ledger()
    doc = defectdojo_document(ledger)
    assert len(doc["findings"]) == len(ledger.issues)
    for item in doc["findings"]:
        assert item["severity"] in {"Critical", "High", "Medium", "Low", "Info"}
        assert item["unique_id_from_tool"].startswith("RK-")
        assert {"title", "description", "file_path", "line", "date", "active", "is_mitigated"} <= item.keys()
    fixed = next(f for f in doc["findings"] if f["title"].startswith("Retriever"))
    assert fixed["is_mitigated"] and not fixed["active"] and fixed["severity"] == "Critical"
    assert fixed["date"] == "2026-02-20"


def test_defectdojo_reflects_triage() -> None:
    key = next(i.key for i in _ledger().issues if i.title.startswith("Duplicated"))
    doc = defectdojo_document(_ledger([TriageEntry(key=key, status=TriageStatus.FALSE_POSITIVE)]))
    item = next(f for f in doc["findings"] if f["unique_id_from_tool"] == key)
    assert item["false_p"] and not item["active"]


def test_csv_json_parquet_tables() -> None:
    ledger = _ledger()
    table = pd.read_csv(io.BytesIO(export_bytes(ledger, ExportFormat.csv)))
    assert tuple(table.columns) == ISSUE_COLUMNS and len(table) == 3
    records = json.loads(export_bytes(ledger, ExportFormat.json, ExportTable.findings))
    assert len(records) == 5 and records[0]["key"].startswith("RK-")
    parquet = pd.read_parquet(io.BytesIO(export_bytes(ledger, ExportFormat.parquet)))
    assert sorted(parquet["key"]) == sorted(i.key for i in ledger.issues)


def test_reviewers_list_is_joined_in_csv_and_kept_as_a_list_in_json_and_parquet() -> None:
    ledger = _ledger()
    lock = next(i for i in ledger.issues if i.title.startswith("Retriever"))
    table = pd.read_csv(io.BytesIO(export_bytes(ledger, ExportFormat.csv))).set_index("key")
    assert table.loc[lock.key, "reviewers"] == "gemini, grok"
    records = {r["key"]: r for r in json.loads(export_bytes(ledger, ExportFormat.json))}
    assert records[lock.key]["reviewers"] == ["gemini", "grok"]
    parquet = pd.read_parquet(io.BytesIO(export_bytes(ledger, ExportFormat.parquet))).set_index("key")
    assert list(parquet.loc[lock.key, "reviewers"]) == ["gemini", "grok"]


def test_json_export_writes_paths_as_they_are() -> None:
    text = export_bytes(_ledger(), ExportFormat.json).decode("utf-8")
    assert "\\/" not in text
    assert '"path": "' in text
    assert json.loads(text)[0]["key"].startswith("RK-")


def test_parquet_without_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from reviewkit.errors import InputError
    from reviewkit.export import ExportFormat, export_bytes
    from reviewkit.track.records import Ledger

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    with pytest.raises(InputError, match=r"reviewkit\[parquet\]"):
        export_bytes(Ledger(), ExportFormat.parquet)
