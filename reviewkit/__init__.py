"""reviewkit: code-review rounds → a tracked remediation ledger.

The package tree is the data-flow diagram, left to right:

    sources → parse → model → link → track → frames → charts / report → check → cli

* ``sources``  find and decode review documents (``ReviewSource``)
* ``parse``    markdown → ``Document`` / ``Review`` / ``Finding`` (pydantic, ``model``)
* ``gitio``    the one module that imports git; hands out ``CommitInfo`` records
* ``link``     anchors, resolved locations, fingerprints, fix commits → ``LinkedFinding``
* ``track``    rounds, identity across reviewers and rounds, triage → ``TrackedIssue``
* ``frames``   the only place pandas DataFrames are built
* ``charts`` / ``report``  matplotlib Axes and HTML/markdown strings from frames
* ``check``    the CI gate: SARIF, JUnit, GitHub annotations
* ``cli``      argv, printing, files, exit codes

Importing ``reviewkit`` is cheap: pandas, matplotlib and git load only when used.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewkit.model import DimensionScore, Document, DocumentKind, Finding, Location, Review, Severity
    from reviewkit.parse import parse_document, parse_paths, parse_text

_LAZY = {
    **dict.fromkeys(
        ("DimensionScore", "Document", "DocumentKind", "Finding", "Location", "Review", "Severity"), "reviewkit.model"
    ),
    **dict.fromkeys(("parse_document", "parse_paths", "parse_text"), "reviewkit.parse"),
}


def __getattr__(name: str) -> Any:
    """The public names load their modules on first use: `reviewkit --help` needs none of them."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reviewkit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "DimensionScore",
    "Document",
    "DocumentKind",
    "Finding",
    "Location",
    "Review",
    "Severity",
    "__version__",
    "parse_document",
    "parse_paths",
    "parse_text",
]
