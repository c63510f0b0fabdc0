"""``reviewkit triage``: record a human decision about an issue in the reviews folder's triage file."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from reviewkit.cli.common import note
from reviewkit.errors import InputError
from reviewkit.model import TriageEntry, TriageStatus
from reviewkit.track.triage import record_triage

ISSUE_KEY = re.compile(r"RK-[0-9a-f]+")
"""The shape of the issue keys reviewkit hands out (``RK-`` and hex digits): anything else is a typo."""


def triage(
    key: str = typer.Argument(..., help="Issue key (RK-…), as shown by backlog/status/export."),
    reviews: Path = typer.Option(..., "--reviews", help="Reviews folder holding triage.toml."),
    status: TriageStatus | None = typer.Option(None, "--status", help="wont-fix, accepted-risk, false-positive, …"),
    note_text: str | None = typer.Option(None, "--note", help="Why (free text)."),
    owner: str | None = typer.Option(None, "--owner", help="Who owns the follow-up."),
    duplicate_of: str | None = typer.Option(None, "--duplicate-of", help="Key of the issue this duplicates."),
    deferred_to: str | None = typer.Option(None, "--deferred-to", help="Sprint, milestone or date."),
) -> int:
    """Record won't fix / accepted risk / false positive / duplicate / deferred, owner and note for an issue.

    The file (triage.toml, one table per key) is edited in place under a lock and replaced atomically:
    only this key's table changes, comments stay, fields not given keep their value. Human decisions
    always win over computed status.
    Exit codes: 0 ok; 2 malformed triage file, missing folder or bad options.

    Example: reviewkit triage RK-1a2b3c4d --status accepted-risk --note "single instance" --reviews reviews
    """
    if not reviews.is_dir():
        raise InputError("reviews folder not found", path=str(reviews))
    for given in (key, duplicate_of):
        if given is not None and not ISSUE_KEY.fullmatch(given.strip()):
            raise InputError(f"{given.strip()!r} is not an issue key (RK-1a2b3c4d, as shown by backlog/status/export)")
    if status is TriageStatus.DUPLICATE and duplicate_of is None:
        raise InputError("--status duplicate needs --duplicate-of KEY")
    change = TriageEntry(
        key=key.strip(), status=status, note=note_text, owner=owner, duplicate_of=duplicate_of, deferred_to=deferred_to
    )
    if change == TriageEntry(key=change.key):
        raise InputError("nothing to record: give --status, --note, --owner, --duplicate-of or --deferred-to")
    written = record_triage(reviews, change)
    note(f"reviewkit: {change.key} recorded in {written}")
    return 0
