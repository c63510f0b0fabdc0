"""JUnit XML from a gate result: one testcase per gate, a failure listing what broke it.

Gates the policy turned off (``--fail-on none``, no score threshold) are ``skipped``,
so a CI dashboard still shows all four and says why one did not run.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reviewkit.check.gate import Gate, GateResult, Violation
from reviewkit.check.text import describe_violation

__all__ = ["render_junit"]

SUITE = "reviewkit check"


def render_junit(result: GateResult) -> str:
    """The JUnit XML document as text (UTF-8 declaration included)."""
    active = result.policy.active_gates
    failed = sum(1 for gate in Gate if gate in active and result.failures(gate))
    skipped = len(Gate) - len(active)
    suites = ET.Element("testsuites", name=SUITE, tests=str(len(Gate)), failures=str(failed), errors="0")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=SUITE,
        tests=str(len(Gate)),
        failures=str(failed),
        errors="0",
        skipped=str(skipped),
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("base", f"{result.base.ref} {result.base.commit or '(empty)'}"),
        ("head", f"{result.head.ref} {result.head.commit or ''}".strip()),
        ("fail-on", result.policy.fail_on.value if result.policy.fail_on else "none"),
        ("max-score-drop", "off" if result.policy.max_score_drop is None else f"{result.policy.max_score_drop:g}"),
    ):
        ET.SubElement(props, "property", name=name, value=value)
    for gate in Gate:
        case = ET.SubElement(suite, "testcase", classname="reviewkit.check", name=gate.value)
        if gate not in active:
            ET.SubElement(case, "skipped", message=f"{gate.value} is turned off by the options")
            continue
        failures = result.failures(gate)
        if failures:
            failure = ET.SubElement(case, "failure", type=gate.value, message=_summary(gate, failures))
            failure.text = "\n".join(describe_violation(v) for v in failures)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _summary(gate: Gate, failures: tuple[Violation, ...]) -> str:
    singular, plural = _NOUNS[gate]
    return f"{len(failures)} {singular if len(failures) == 1 else plural}"


_NOUNS: dict[Gate, tuple[str, str]] = {
    Gate.NEW_FINDINGS: ("new open finding", "new open findings"),
    Gate.REGRESSIONS: ("regression", "regressions"),
    Gate.REVERTED_FIXES: ("fix no longer in the branch", "fixes no longer in the branch"),
    Gate.SCORE_DROP: ("score drop beyond the threshold", "score drops beyond the threshold"),
}
