"""One JSON row per linked finding: the `reviewkit status --format json` contract.

Kept in one small function so later stages (track) can extend the row with their fields.
"""

from __future__ import annotations

from typing import Any

from reviewkit.model import LinkedFinding


def finding_row(lf: LinkedFinding) -> dict[str, Any]:
    """The status row of one finding occurrence (contract names first, extras after)."""
    f = lf.finding
    return {
        "document": lf.document,
        "id": f.id,
        "title": f.title,
        "severity": f.severity.value if f.severity else None,
        "round": lf.round,
        "reviewer": lf.reviewer,
        "anchor": {
            "commit": lf.anchor.commit,
            "rule": lf.anchor.rule.value if lf.anchor.rule else None,
            "note": lf.anchor.note,
        },
        "locations": [
            {
                "path": loc.path,
                "start": loc.start,
                "end": loc.end,
                "symbol": loc.symbol,
                "resolved": loc.resolved,
                "note": loc.note,
            }
            for loc in lf.locations
        ],
        "status": lf.status.value,
        "fix": None
        if lf.fix is None
        else {"commit": lf.fix.commit, "confidence": lf.fix.confidence, "evidence": list(lf.fix.evidence)},
        "alternatives": [
            {"commit": a.commit, "confidence": a.confidence, "evidence": list(a.evidence)} for a in lf.alternatives
        ],
        "regressed_by": lf.regressed_by,
        "line": f.line,
        "fingerprints": lf.fingerprints.model_dump(),
    }
