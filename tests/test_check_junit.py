"""JUnit XML: one testcase per gate, failures with messages, turned-off gates skipped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reviewkit.check.gate import GatePolicy, evaluate
from reviewkit.check.junit import render_junit
from reviewkit.model import FindingStatus, Severity

from .check_factories import base, head, issue, kept, score


def test_one_testcase_per_gate_with_failures() -> None:
    result = evaluate(
        base(),
        head(
            issue("RK-1"),
            issue("RK-2", Severity.HIGH),
            issue("RK-3", status=FindingStatus.REGRESSED, regressed_by="r" * 40),
            scores=(score(1, 9), score(2, 3)),
        ),
        GatePolicy(fail_on=Severity.HIGH, max_score_drop=1.0),
        fix_gone=kept,
    )
    root = ET.fromstring(render_junit(result))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "3", "0")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert list(cases) == ["new-findings", "regressions", "reverted-fixes", "score-drop"]
    failure = cases["new-findings"].find("failure")
    assert failure is not None
    assert failure.get("message") == "2 new open findings"
    assert "RK-1" in (failure.text or "") and "RK-2" in (failure.text or "")
    assert cases["regressions"].find("failure").get("message") == "1 regression"  # type: ignore[union-attr]
    assert cases["reverted-fixes"].find("failure") is None
    assert "down 6" in (cases["score-drop"].find("failure").text or "")  # type: ignore[union-attr]


def test_clean_run_has_no_failures_and_off_gates_are_skipped() -> None:
    result = evaluate(base(), head(), GatePolicy(fail_on=None, max_score_drop=1.0), fix_gone=kept)
    suite = ET.fromstring(render_junit(result)).find("testsuite")
    assert suite is not None
    assert (suite.get("failures"), suite.get("skipped")) == ("0", "3")
    skipped = [c.get("name") for c in suite.iter("testcase") if c.find("skipped") is not None]
    assert skipped == ["new-findings", "regressions", "reverted-fixes"]


def test_xml_special_characters_survive() -> None:
    nasty = issue("RK-1", title='<script> & "quotes" ]]>')
    result = evaluate(base(), head(nasty), GatePolicy(), fix_gone=kept)
    failure = ET.fromstring(render_junit(result)).find(".//failure")
    assert failure is not None
    assert '<script> & "quotes" ]]>' in (failure.text or "")
