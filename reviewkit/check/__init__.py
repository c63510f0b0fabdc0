"""The CI gate: compare the ledger at HEAD with the ledger at a base ref, and render the verdict.

Data flow: ``snapshot`` reduces a ledger to ``records`` (what the rules read); ``gate``
applies the rules (``scores`` for score drops) and returns a :class:`GateResult`;
``runner`` is the git edge that picks the base and builds both ledgers; ``text``,
``sarif``, ``junit`` and ``annotations`` render a result.
"""

from __future__ import annotations

from reviewkit.check.gate import BaselineState, Gate, GatePolicy, GateResult, Violation, evaluate, parse_fail_on
from reviewkit.check.records import IssueState, ScoreState, Snapshot, SourceRef
from reviewkit.check.scores import ScoreDrop, score_drops

__all__ = [
    "BaselineState",
    "Gate",
    "GatePolicy",
    "GateResult",
    "IssueState",
    "ScoreDrop",
    "ScoreState",
    "Snapshot",
    "SourceRef",
    "Violation",
    "evaluate",
    "parse_fail_on",
    "score_drops",
]
