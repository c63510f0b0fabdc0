"""`reviewkit parse` and `reviewkit schema`: the JSON contract, the table, exit codes, the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reviewkit.cli import main

from .conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "reviewkit" / "examples"

DOCUMENT_KEYS = {"path", "kind", "reviews", "warnings"}
REVIEW_KEYS = {"reviewer", "round", "commit", "date", "overall_score", "overall_scale", "dimensions", "findings"}
FINDING_KEYS = {"id", "severity", "severity_raw", "title", "dimension", "line", "locations"}


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["parse", *args, "--format", "json"]) == 0
    captured = capsys.readouterr()
    return dict(json.loads(captured.out))


def test_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, str(EXAMPLES))
    docs = {d["path"]: d for d in out["documents"]}
    assert set(docs) == {"all-models.md", "beta.md", "gemini-review.md", "summary.md"}
    for doc in docs.values():
        assert set(doc) >= DOCUMENT_KEYS
        assert doc["kind"] in {"review", "fix-summary", "synthesis", "other"}
        for review in doc["reviews"]:
            assert set(review) >= REVIEW_KEYS
            for finding in review["findings"]:
                assert set(finding) >= FINDING_KEYS
                for location in finding["locations"]:
                    assert set(location) == {"path", "start", "end", "symbol"}
    gemini = docs["gemini-review.md"]["reviews"][0]
    assert (gemini["reviewer"], gemini["round"], gemini["commit"], gemini["date"]) == (
        "Gemini 3 Pro",
        "R3",
        "4f2a9c1",
        "2026-03-04",
    )
    assert (gemini["overall_score"], gemini["overall_scale"]) == (65, 100)
    assert gemini["dimensions"][0] == {"key": None, "name": "Architecture", "score": 7, "scale": 10}
    assert [r["reviewer"] for r in docs["all-models.md"]["reviews"]] == ["GPT-5.2 Codex", "Grok 4"]
    assert docs["summary.md"]["kind"] == "fix-summary"


def test_paths_are_relative_to_the_folder_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "r1").mkdir()
    (tmp_path / "r1" / "grok.md").write_text("# Round 1 Review — Grok 4\n", encoding="utf-8")
    out = run_json(capsys, str(tmp_path))
    assert [d["path"] for d in out["documents"]] == ["r1/grok.md"]


def test_table_is_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(EXAMPLES)]) == 0
    out = capsys.readouterr().out
    for text in ("gemini-review.md", "Gemini 3 Pro", "R3", "65/100", "critical", "warnings"):
        assert text in out


def test_missing_path_is_one_stderr_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert main(["parse", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0]


def test_bad_documents_are_warnings_and_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin1.md").write_bytes("# Review\n\ncaf\xe9\n".encode("latin-1"))
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "fence.md").write_text("# R1 Review — Grok\n\n```python\nx = 1\n", encoding="utf-8")
    (tmp_path / "ragged.md").write_text("# R1 Review\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n", encoding="utf-8")
    (tmp_path / "shopping.md").write_text("# Shopping\n\n- milk\n", encoding="utf-8")
    out = run_json(capsys, str(tmp_path))
    warned = {d["path"]: d["warnings"] for d in out["documents"]}
    assert set(warned) == {"binary.md", "latin1.md", "empty.md", "fence.md", "ragged.md", "shopping.md"}
    assert all(warned.values()), warned
    assert "Traceback" not in capsys.readouterr().err


def test_schema_is_valid_and_validates_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    output = run_json(capsys, str(EXAMPLES))
    jsonschema.validate(output, schema, cls=jsonschema.Draft202012Validator)
    broken = {"documents": [{**output["documents"][0], "kind": "poem"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.corpus
def test_schema_validates_corpus_output(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    output = run_json(capsys, str(corpus_dir / "prod-r16"), str(corpus_dir / "round-53"))
    jsonschema.validate(output, schema, cls=jsonschema.Draft202012Validator)
