"""The sprint backlog: open issues ranked by severity, consensus, times raised and age.

Pure functions over a :class:`~reviewkit.track.records.Ledger`; the CLI writes the result.
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from reviewkit.mdtext import markdown_cell
from reviewkit.model import Severity
from reviewkit.track.records import Ledger, TrackedIssue

__all__ = ["BacklogItem", "GroupBy", "backlog_csv", "backlog_json", "backlog_markdown", "build_backlog", "group_items"]

_NO_SEVERITY_RANK = len(Severity)


class GroupBy(StrEnum):
    file = "file"
    dimension = "dimension"
    none = "none"


class BacklogItem(BaseModel):
    """One open issue, with the facts it was ranked by."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rank: int = Field(description="1 = most urgent.")
    key: str
    title: str
    severity: Severity | None
    consensus: int
    consensus_of: int
    times_raised: int
    age_rounds: int = Field(description="Rounds since it was first raised.")
    first_round: str
    last_round: str
    path: str | None
    dimension: str | None
    status: str
    owner: str | None
    reviewers: tuple[str, ...]


def _urgency(issue: TrackedIssue, age: int) -> tuple[int, float, int, int, str]:
    severity = issue.severity.rank if issue.severity is not None else _NO_SEVERITY_RANK
    share = issue.consensus / issue.consensus_of if issue.consensus_of else 0.0
    return (severity, -share, -issue.times_raised, -age, issue.key)


def build_backlog(ledger: Ledger) -> list[BacklogItem]:
    """Open issues (not fixed, not closed by triage), most urgent first.

    Ranked by severity, then the share of a round's reviewers that raised it, then how many
    rounds raised it, then age in rounds; the key breaks ties so the order is stable.
    """
    order = {r.key: r.order for r in ledger.rounds}
    last = max(order.values(), default=0)
    open_issues = [i for i in ledger.issues if i.open]
    ranked = sorted(open_issues, key=lambda i: _urgency(i, last - order[i.first_round]))
    return [
        BacklogItem(
            rank=n,
            key=i.key,
            title=i.title,
            severity=i.severity,
            consensus=i.consensus,
            consensus_of=i.consensus_of,
            times_raised=i.times_raised,
            age_rounds=last - order[i.first_round],
            first_round=i.first_round,
            last_round=i.last_round,
            path=i.path,
            dimension=i.dimension,
            status=i.status.value,
            owner=i.owner,
            reviewers=i.reviewers,
        )
        for n, i in enumerate(ranked, start=1)
    ]


def group_items(items: list[BacklogItem], by: GroupBy) -> dict[str, list[BacklogItem]]:
    """Items per file or dimension (groups ordered by their most urgent item)."""
    if by is GroupBy.none:
        return {"": items}
    groups: dict[str, list[BacklogItem]] = {}
    for item in items:
        label = (item.path if by is GroupBy.file else item.dimension) or f"(no {by.value})"
        groups.setdefault(label, []).append(item)
    return groups


def backlog_markdown(items: list[BacklogItem], by: GroupBy) -> str:
    """A markdown backlog: one table per group."""
    out = [f"# Backlog: {len(items)} open issue(s)\n"]
    for label, group in group_items(items, by).items():
        if label:
            out.append(f"\n## {markdown_cell(label)} ({len(group)})\n")
        out.append("\n| # | Key | Severity | Consensus | Raised | Age | Title | Owner |\n")
        out.append("|---:|---|---|---|---:|---:|---|---|\n")
        for i in group:
            sev = i.severity.value.upper() if i.severity else "-"
            out.append(
                f"| {i.rank} | {i.key} | {sev} | {i.consensus}/{i.consensus_of} | {i.times_raised} | "
                f"{i.age_rounds} | {markdown_cell(i.title)} | {markdown_cell(i.owner or '')} |\n"
            )
    return "".join(out)


def backlog_csv(items: list[BacklogItem], by: GroupBy) -> str:
    """CSV, one row per item, with a leading ``group`` column."""
    buffer = io.StringIO()
    fields = ["group", *BacklogItem.model_fields]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for label, group in group_items(items, by).items():
        for item in group:
            row = item.model_dump(mode="json")
            row["reviewers"] = ";".join(row["reviewers"])
            writer.writerow({"group": label, **row})
    return buffer.getvalue()


def backlog_json(items: list[BacklogItem], by: GroupBy) -> str:
    """JSON: ``{"groups": [{"group": label, "items": [...]}]}``."""
    groups = [
        {"group": label, "items": [i.model_dump(mode="json") for i in group]}
        for label, group in group_items(items, by).items()
    ]
    return (
        json.dumps({"count": len(items), "group_by": by.value, "groups": groups}, indent=2, ensure_ascii=False) + "\n"
    )
