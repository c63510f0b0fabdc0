"""GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``) for each violation.

Escaping follows the runner's rules: in the message ``%``, CR and LF are encoded;
in property values ``:`` and ``,`` are encoded too (they separate properties).
"""

from __future__ import annotations

from reviewkit.check.gate import GateResult, Violation
from reviewkit.check.text import describe_violation, summary_line, triage_command

__all__ = ["escape_data", "escape_property", "render_annotations"]


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_annotations(result: GateResult, *, reviews: str = "reviews") -> str:
    """The verdict with its counts first, then one ``::error`` line per violation.

    The runner shows only the first 10 error annotations of a step, so the verdict leads
    and the violations follow in severity order.
    """
    kind = "notice" if result.passed else "error"
    lines = [f"::{kind} title=reviewkit check::{escape_data(summary_line(result))}"]
    lines += [_annotation(v, reviews) for v in result.violations]
    return "\n".join(lines) + "\n"


def _annotation(v: Violation, reviews: str) -> str:
    props: list[str] = []
    where = v.where
    if where is not None:
        props.append(f"file={escape_property(where.path)}")
        if where.line:
            props.append(f"line={where.line}")
    if v.issue is not None:
        sev = v.issue.severity.value if v.issue.severity else "unrated"
        title = f"reviewkit {v.gate.value}: {sev} {v.issue.key}"
    else:
        title = f"reviewkit {v.gate.value}"
    props.append(f"title={escape_property(title)}")
    message = describe_violation(v)
    if v.issue is not None:
        message += f"\nAccept on purpose: {triage_command(v.issue.key, reviews)}"
    return f"::error {','.join(props)}::{escape_data(message)}"
