"""Tracking across reviewers and rounds: the remediation ledger.

    build_ledger(repo: Path | None, reviews: Path, *, at: str = "HEAD",
                 reviews_from_git: str | None = None, cache_dir: Path | None = None,
                 vocabulary: Vocabulary = DEFAULT_VOCABULARY,
                 on_progress: Callable[[str, int, int], None] | None = None) -> Ledger

Modules, in data-flow order: ``inputs`` (review sources, triage file and commit positions,
from the working tree or as of a ref; link through the cache), ``rounds`` (documents → ordered
reviewed rounds, reviewer names), ``fingerprint`` + ``identity`` (occurrences → issue keys and
consensus), ``evidence`` (fix-summary decisions → status), ``triage`` (the human decisions
file), ``cache`` + ``relink`` (what a second run may reuse), ``ledger`` (the pipeline) and ``ledger_cache``
(the whole ledger by content: a warm run imports none of the pipeline).
``records`` holds the models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewkit.track.ledger import build_ledger, link_locally, track_documents
    from reviewkit.track.records import Ledger, RoundInfo, TrackedFinding, TrackedIssue
    from reviewkit.track.triage import TRIAGE_FILENAME

_LAZY = {
    **dict.fromkeys(("build_ledger", "link_locally", "track_documents"), "reviewkit.track.ledger"),
    **dict.fromkeys(("Ledger", "RoundInfo", "TrackedFinding", "TrackedIssue"), "reviewkit.track.records"),
    "TRIAGE_FILENAME": "reviewkit.track.triage",
}


def __getattr__(name: str) -> Any:
    """Public names load their modules on first use: a cached ledger needs none of the pipeline."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reviewkit.track' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "TRIAGE_FILENAME",
    "Ledger",
    "RoundInfo",
    "TrackedFinding",
    "TrackedIssue",
    "build_ledger",
    "link_locally",
    "track_documents",
]
