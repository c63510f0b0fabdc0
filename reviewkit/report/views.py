"""Views over the ledger's frames for the notebooks: the backlog, round changes, reviewer agreement.

Each function filters, sorts or pivots a frame from :mod:`reviewkit.frames`; none builds data of its own.
"""

from __future__ import annotations

import pandas as pd

from reviewkit.frames import severity_rank

__all__ = ["backlog", "compared_rounds", "restrict_rounds", "reviewer_agreement", "round_changes"]

BACKLOG_COLUMNS = (
    "key", "severity", "title", "path", "status", "times_raised", "consensus", "age_rounds", "regressed_by", "owner",
)  # fmt: skip


def backlog(issues: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Open issues, most urgent first: regressions, severity, how many reviewers agree, how long open."""
    open_issues = issues[issues["open"].astype(bool)]
    ranked = open_issues.assign(
        regressed=open_issues["regressed_by"].notna(),
        _rank=severity_rank(open_issues["severity"]),
    ).sort_values(["regressed", "_rank", "consensus", "age_rounds", "key"], ascending=[False, True, False, False, True])
    view = ranked[[c for c in BACKLOG_COLUMNS if c in ranked.columns]].reset_index(drop=True)
    return view.head(top) if top else view


def compared_rounds(rounds: pd.DataFrame, chosen: list[str] | None = None) -> tuple[str | None, str]:
    """(before, after) round keys: the last two of ``chosen`` (or of all rounds); before is None with one round."""
    keys = list(rounds.sort_values("round_order")["round_key"])
    if chosen:
        unknown = [k for k in chosen if k not in keys]
        if unknown:
            raise ValueError(f"unknown round(s) {unknown}; rounds are {keys}")
        keys = [k for k in keys if k in chosen]
    if not keys:
        raise ValueError("no review rounds to compare")
    return (keys[-2] if len(keys) > 1 else None), keys[-1]


def restrict_rounds(frame: pd.DataFrame, chosen: list[str] | None) -> pd.DataFrame:
    """Rows of a per-round frame (rounds, overall, dimensions, findings) whose round is in ``chosen``."""
    if not chosen:
        return frame
    return frame[frame["round_key"].isin(chosen)]


def round_changes(issues: pd.DataFrame, rounds: pd.DataFrame, before: str | None, after: str) -> pd.DataFrame:
    """Issues that changed between rounds ``before`` and ``after``: new, fixed, recurring or regressed.

    ``before`` None (a first round) compares against nothing: every issue of ``after`` is new.
    """
    order = dict(zip(rounds["round_key"], rounds["round_order"], strict=True))
    a = order[after]
    b = order[before] if before is not None else a
    regressed = issues["regressed_by"].notna() & (issues["last_order"] == a)
    fixed = (issues["status"].astype("string") == "fixed") & (issues["last_order"] >= b) & (issues["last_order"] < a)
    new = issues["first_order"] == a
    recurring = (issues["first_order"] < a) & (issues["last_order"] == a) & ~regressed
    change = pd.Series(pd.NA, index=issues.index, dtype="string")
    for label, mask in (("recurring", recurring), ("new", new), ("fixed", fixed), ("regressed", regressed)):
        change = change.mask(mask, label)
    changed = issues.assign(change=change).dropna(subset=["change"])
    columns = ["change", "key", "severity", "title", "path", "times_raised", "consensus", "fix_commit"]
    columns = [c for c in columns if c in changed.columns]
    return changed[columns].sort_values(["change", "severity"]).reset_index(drop=True)


def reviewer_agreement(findings: pd.DataFrame, round_key: str) -> pd.DataFrame:
    """Issues of one round × reviewers: which reviewer raised which issue (with the severity they gave)."""
    rows = findings[findings["round_key"] == round_key]
    if rows.empty:
        return pd.DataFrame()
    table = rows.pivot_table(
        index="key", columns="reviewer", values="severity", aggfunc=lambda s: str(s.iloc[0]).upper(), observed=True
    ).fillna("—")
    table.columns = [str(c) for c in table.columns]
    raised_by = (table != "—").sum(axis=1)
    titles = rows.groupby("key")["title"].first()
    table = table.assign(**{"raised by": raised_by, "title": titles.reindex(table.index)})
    return table.sort_values(["raised by", "key"], ascending=[False, True])
