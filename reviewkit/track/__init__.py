"""Tracking across reviewers and rounds. TODO(track): implement.

The contract other stages (frames, charts, report, check, demo) code against::

    build_ledger(repo: Path | None, reviews: Path, *, at: str = "HEAD",
                 reviews_from_git: str | None = None, cache_dir: Path | None = None,
                 vocabulary: Vocabulary = DEFAULT_VOCABULARY,
                 on_progress: Callable[[str, int, int], None] | None = None) -> Ledger

``Ledger`` (records.py) holds documents, rounds (ordered), linked findings (one per
occurrence, with ``key``/``consensus``), tracked issues (one per key) and triage.
"""
