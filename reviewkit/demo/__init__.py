"""The built-in example: a small service's git history reviewed over four rounds.

``build_demo(path)`` writes it deterministically (fixed authors and dates, so the shas are
the same on every machine). Its review documents are written for the demo: three reviewers
in three different formats, fix commits (some naming the finding id), a regression, fix
summaries and a triage file. ``ledger_or_demo`` is the notebooks' default input.
"""

from __future__ import annotations

from reviewkit.demo.build import DemoInfo, build_demo, ledger_or_demo

__all__ = ["DemoInfo", "build_demo", "ledger_or_demo"]
