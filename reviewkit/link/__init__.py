"""Link findings to code and to the commits that fixed them.

Stages, in order: ``anchor`` (which commit each review reviewed) → ``locate`` (paths,
symbols and lines at that commit) → ``fingerprint`` → ``scan`` (one forward pass over
history collecting fix candidates and regressions) → ``decide`` (status and fix).
``pipeline.link_documents`` runs them; ``rows.finding_row`` is the JSON row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewkit.link.pipeline import LinkResult, Progress, link_documents, link_history
    from reviewkit.link.rows import finding_row

_LAZY = {
    **dict.fromkeys(("LinkResult", "Progress", "link_documents", "link_history"), "reviewkit.link.pipeline"),
    "finding_row": "reviewkit.link.rows",
}


def __getattr__(name: str) -> Any:
    """Public names load their modules on first use: ``link.text`` or ``rows`` alone never loads the scan."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reviewkit.link' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["LinkResult", "Progress", "finding_row", "link_documents", "link_history"]
