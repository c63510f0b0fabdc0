"""SARIF output: valid against the 2.1.0 schema and shaped for GitHub code scanning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reviewkit.check.gate import GatePolicy, GateResult, evaluate
from reviewkit.check.records import SourceRef
from reviewkit.check.sarif import RULES, render_sarif, rule_id_for
from reviewkit.model import FindingStatus, Severity, TriageStatus

from .check_factories import base, head, issue, kept, score

POLICY = GatePolicy(fail_on=Severity.HIGH, max_score_drop=1.0)


def mixed_result() -> GateResult:
    return evaluate(
        base(
            issue("RK-old", Severity.HIGH),
            issue("RK-gone", Severity.MEDIUM),
            scores=(score(1, 8),),
        ),
        head(
            issue("RK-new"),
            issue("RK-old", Severity.HIGH),
            issue("RK-low", Severity.LOW, location=None, review=SourceRef(path="reviews/r 2/a b.md", line=7)),
            issue("RK-reg", Severity.HIGH, status=FindingStatus.REGRESSED, regressed_by="r" * 40),
            issue("RK-ok", triage=TriageStatus.ACCEPTED_RISK, triage_note="behind the VPN"),
            issue("RK-none", None, fingerprint=None),
            scores=(score(1, 8), score(2, 4)),
        ),
        POLICY,
        fix_gone=kept,
    )


@pytest.fixture
def sarif() -> dict[str, Any]:
    return render_sarif(mixed_result(), tool_version="0.1.0")


def results_by_key(sarif: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["properties"]["key"]: r for r in sarif["runs"][0]["results"] if "key" in r["properties"]}


def test_validates_against_the_sarif_schema(sarif: dict[str, Any], sarif_schema_path: Path) -> None:
    schema = json.loads(sarif_schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(sarif)), schema)
    assert sarif["version"] == "2.1.0"


def test_empty_result_validates_too(sarif_schema_path: Path) -> None:
    schema = json.loads(sarif_schema_path.read_text(encoding="utf-8"))
    empty = render_sarif(evaluate(base(), head(), POLICY, fix_gone=kept), tool_version="0")
    jsonschema.validate(empty, schema)
    assert empty["runs"][0]["results"] == []


def test_rule_ids_are_a_stable_table_and_rule_index_points_into_it(sarif: dict[str, Any]) -> None:
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule_id for rule_id, _, _ in RULES]
    for result in sarif["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert rule_id_for(Severity.CRITICAL) == "reviewkit/critical-finding"
    assert rule_id_for(None) == "reviewkit/unrated-finding"


def test_baseline_state_level_and_gate(sarif: dict[str, Any]) -> None:
    by_key = results_by_key(sarif)
    assert (by_key["RK-new"]["baselineState"], by_key["RK-new"]["level"]) == ("new", "error")
    assert by_key["RK-new"]["properties"]["gate"] == "new-findings"
    assert (by_key["RK-old"]["baselineState"], by_key["RK-old"]["properties"]["gate"]) == ("unchanged", None)
    assert by_key["RK-low"]["level"] == "note"
    assert by_key["RK-reg"]["properties"]["gate"] == "regressions"
    assert "regressions" in by_key["RK-reg"]["message"]["text"]
    gone = by_key["RK-gone"]
    assert (gone["baselineState"], gone["kind"], gone["level"]) == ("absent", "pass", "none")


def test_triaged_issue_is_suppressed_with_its_note(sarif: dict[str, Any]) -> None:
    (suppression,) = results_by_key(sarif)["RK-ok"]["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["justification"] == "accepted-risk: behind the VPN"


def test_locations_are_repo_relative_and_fingerprints_carry_key_and_content(sarif: dict[str, Any]) -> None:
    by_key = results_by_key(sarif)
    location = by_key["RK-new"]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "src/app.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 10},
    }
    assert by_key["RK-new"]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "reviews/r2/gpt.md"
    )
    assert by_key["RK-new"]["partialFingerprints"] == {"reviewkitKey/v1": "RK-new", "reviewkitContent/v1": "fp-RK-new"}
    assert by_key["RK-none"]["partialFingerprints"] == {"reviewkitKey/v1": "RK-none"}
    # no code location: the review document is the location, its URI percent-encoded
    low = by_key["RK-low"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert low == "reviews/r%202/a%20b.md"
    for result in sarif["runs"][0]["results"]:
        for loc in result.get("locations", []):
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            assert not uri.startswith(("/", "file:")), uri


def test_score_drop_result_points_at_the_review(sarif: dict[str, Any]) -> None:
    (drop,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "reviewkit/score-drop"]
    assert (drop["level"], drop["baselineState"]) == ("error", "new")
    assert drop["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reviews/r2/gpt.md"
    assert "down 4" in drop["message"]["text"]
