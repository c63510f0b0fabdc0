"""pandas DataFrames of a :class:`~reviewkit.track.records.Ledger` — the only module importing pandas.

Every frame has a declared column tuple (the contract charts, report and check code against)
and is built from the records' ``model_dump``; severity is an ordered categorical
(``critical < high < medium < low < info`` in :data:`SEVERITY_ORDER`, most severe first).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.model import DocumentKind, Severity
from reviewkit.track.records import CLOSED_TRIAGE, Ledger
from reviewkit.track.rounds import review_reviewer, round_of

__all__ = [
    "DIMENSION_COLUMNS",
    "FINDING_COLUMNS",
    "ISSUE_COLUMNS",
    "OVERALL_COLUMNS",
    "ROUND_COLUMNS",
    "SEVERITY_ORDER",
    "dimensions_frame",
    "findings_frame",
    "issues_frame",
    "overall_frame",
    "rounds_frame",
    "severity_rank",
]

SEVERITY_ORDER: tuple[str, ...] = tuple(s.value for s in Severity)
SEVERITY_DTYPE = pd.CategoricalDtype(list(SEVERITY_ORDER), ordered=True)


def severity_rank(severity: pd.Series) -> pd.Series:
    """0 for critical … 4 for info, and 9 where a finding has no severity (sorts last): the categorical's codes."""
    codes = severity.astype(SEVERITY_DTYPE).cat.codes
    return codes.where(codes >= 0, 9)


FINDING_COLUMNS = (
    "document", "round_key", "round_label", "round_order", "reviewer", "finding_id", "key", "title", "severity",
    "dimension", "path", "line", "status", "fix_commit", "consensus", "triage",
    "consensus_of", "reviewer_written", "flags",
)  # fmt: skip
ISSUE_COLUMNS = (
    "key", "title", "severity", "dimension", "path", "first_round", "last_round", "first_order", "last_order",
    "times_raised", "reviewers", "consensus", "status", "fix_commit", "fix_confidence", "latency_rounds",
    "latency_days", "latency_commits", "regressed_by", "triage", "owner", "age_rounds", "open",
    "consensus_of", "occurrences", "fixed_round", "decisions", "note", "flags",
)  # fmt: skip
DIMENSION_COLUMNS = (
    "round_key", "round_label", "round_order", "reviewer", "dimension_key", "dimension", "score", "scale",
    "score_10", "delta",
)  # fmt: skip
OVERALL_COLUMNS = (
    "round_key", "round_label", "round_order", "reviewer", "overall_score", "overall_scale", "overall_100",
)  # fmt: skip
ROUND_COLUMNS = (
    "round_key", "round_label", "round_order", "date", "anchor_commit", "n_reviewers", "overall_mean_100",
    "raised_critical", "raised_high", "open_critical", "open_high", "new", "fixed", "recurring",
)  # fmt: skip


def _frame(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    if "severity" in frame.columns:
        frame["severity"] = frame["severity"].astype(SEVERITY_DTYPE)
    return frame


def _round_fields(ledger: Ledger) -> dict[str, dict[str, Any]]:
    return {r.key: {"round_key": r.key, "round_label": r.label, "round_order": r.order} for r in ledger.rounds}


def findings_frame(ledger: Ledger) -> pd.DataFrame:
    """One row per finding occurrence."""
    rounds = _round_fields(ledger)
    rows = []
    for tracked in ledger.findings:
        d = tracked.model_dump(mode="json")
        f = d["finding"]
        rows.append(
            {
                **rounds[d["round_key"]],
                "document": d["document"],
                "reviewer": d["reviewer_norm"],
                "reviewer_written": d["reviewer"],
                "finding_id": f["id"],
                "key": d["key"],
                "title": f["title"],
                "severity": f["severity"],
                "dimension": f["dimension"],
                "path": next((loc["path"] for loc in d["locations"] if loc["path"]), None),
                "line": f["line"],
                "status": d["status"],
                "fix_commit": (d["fix"] or {}).get("commit"),
                "consensus": d["consensus"],
                "consensus_of": d["consensus_of"],
                "triage": d["triage"],
                "flags": "; ".join(d["flags"]),
            }
        )
    return _frame(rows, FINDING_COLUMNS)


def issues_frame(ledger: Ledger) -> pd.DataFrame:
    """One row per tracked issue (the remediation ledger).

    ``reviewers`` is a list of canonical names (CSV export joins it with ", ");
    ``latency_rounds``/``_days``/``_commits`` measure first raised → fixed (NaN while not fixed);
    ``age_rounds`` counts reviewed rounds since it was first raised.
    """
    rounds = {r.key: r for r in ledger.rounds}
    last_order = max((r.order for r in ledger.rounds), default=0)
    rows = []
    for issue in ledger.issues:
        d = issue.model_dump(mode="json")
        first, last = rounds[d["first_round"]], rounds[d["last_round"]]
        fixed = rounds.get(d["fixed_round"] or "")
        latency_days = (
            float((fixed.date - first.date).days) if fixed is not None and fixed.date and first.date else math.nan
        )
        rows.append(
            {
                **{k: d[k] for k in ("key", "title", "severity", "dimension", "path", "first_round", "last_round")},
                "first_order": first.order,
                "last_order": last.order,
                **{k: d[k] for k in ("times_raised", "consensus", "consensus_of", "status", "regressed_by")},
                "reviewers": list(d["reviewers"]),
                "fix_commit": (d["fix"] or {}).get("commit"),
                "fix_confidence": d["status_confidence"] if d["status_confidence"] is not None else math.nan,
                "latency_rounds": float(fixed.order - first.order) if fixed is not None else math.nan,
                "latency_days": latency_days,
                "latency_commits": float(d["latency_commits"]) if d["latency_commits"] is not None else math.nan,
                **{k: d[k] for k in ("triage", "owner", "occurrences", "fixed_round", "note")},
                "age_rounds": last_order - first.order,
                "open": issue.open,
                "decisions": ", ".join(sorted({x["decision"] for x in d["decisions"]})),
                "flags": "; ".join(d["flags"]),
            }
        )
    return _frame(rows, ISSUE_COLUMNS)


def _score_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """One dict per (document review) with its round fields, reviewer and review dump."""
    rounds = _round_fields(ledger)
    # the reviewer names tracking settled on, with the vocabulary the ledger was built with
    named = {(doc, index): name for doc, index, name in ledger.reviewer_names}
    out = []
    # a synthesis or fix summary beside its round's reviews restates their scores: it is not a reviewer
    reviewed = {round_of(d).key for d in ledger.documents if d.kind is DocumentKind.REVIEW and d.reviews}
    for doc in ledger.documents:
        key = round_of(doc).key
        if key not in rounds or (doc.kind is not DocumentKind.REVIEW and key in reviewed):
            continue
        for index, review in enumerate(doc.reviews):
            reviewer = named.get((doc.path, index)) or review_reviewer(doc, review, DEFAULT_VOCABULARY)
            out.append({**rounds[key], "reviewer": reviewer, "review": review.model_dump(mode="json")})
    return out


def overall_frame(ledger: Ledger) -> pd.DataFrame:
    """One row per round × reviewer with an overall score, normalised to /100."""
    rows = []
    for item in _score_rows(ledger):
        rv = item["review"]
        if rv["overall_score"] is None:
            continue
        scale = rv["overall_scale"] or (10.0 if rv["overall_score"] <= 10 else 100.0)
        rows.append(
            {
                **{k: item[k] for k in ("round_key", "round_label", "round_order", "reviewer")},
                "overall_score": rv["overall_score"],
                "overall_scale": scale,
                "overall_100": 100.0 * rv["overall_score"] / scale if scale else math.nan,
            }
        )
    return _frame(rows, OVERALL_COLUMNS).sort_values(["round_order", "reviewer"], ignore_index=True)


def dimensions_frame(ledger: Ledger) -> pd.DataFrame:
    """One row per round × reviewer × dimension, with the delta to the previous round.

    The delta compares with the same reviewer's score for the same dimension in the previous
    round that has the dimension; when that reviewer did not score it, with that round's mean.
    """
    rows = []
    for item in _score_rows(ledger):
        for dim in item["review"]["dimensions"]:
            scale = dim["scale"] or 10.0
            rows.append(
                {
                    **{k: item[k] for k in ("round_key", "round_label", "round_order", "reviewer")},
                    "dimension_key": dim["key"] or dim["name"].strip().lower(),
                    "dimension": dim["name"],
                    "score": dim["score"],
                    "scale": scale,
                    "score_10": 10.0 * dim["score"] / scale,
                    "delta": math.nan,
                }
            )
    rows.sort(key=lambda r: (r["round_order"], r["reviewer"], r["dimension_key"]))
    by_round: dict[tuple[str, int], list[float]] = {}
    for row in rows:
        by_round.setdefault((row["dimension_key"], row["round_order"]), []).append(row["score_10"])
    previous: dict[tuple[str, str], float] = {}
    for row in rows:
        dim, order = row["dimension_key"], row["round_order"]
        base = previous.get((row["reviewer"], dim))
        if base is None:
            earlier = [o for (d, o) in by_round if d == dim and o < order]
            if earlier:
                scores = by_round[(dim, max(earlier))]
                base = sum(scores) / len(scores)
        row["delta"] = row["score_10"] - base if base is not None else math.nan
        previous[(row["reviewer"], dim)] = row["score_10"]
    return _frame(rows, DIMENSION_COLUMNS)


def rounds_frame(ledger: Ledger) -> pd.DataFrame:
    """One row per round: reviewers, mean overall score, CRITICAL/HIGH issues raised in it and open at its end,
    new/fixed/recurring (``fixed``: issues whose fix landed after this round's review, before the next)."""
    overall = overall_frame(ledger)
    means = overall.groupby("round_key")["overall_100"].mean() if not overall.empty else pd.Series(dtype=float)
    order = {r.key: r.order for r in ledger.rounds}
    raised: dict[str, set[str]] = {}
    for f in ledger.findings:
        raised.setdefault(f.round_key, set()).add(f.key)
    rows = []
    for r in ledger.rounds:
        open_at = {"critical": 0, "high": 0}
        for issue in ledger.issues:
            if order[issue.first_round] > r.order or issue.severity is None or issue.severity.value not in open_at:
                continue
            fixed_by = order.get(issue.fixed_round or "", math.inf)
            back_by = order.get(issue.regressed_round or "", math.inf)
            if fixed_by <= r.order < back_by or (issue.triage in CLOSED_TRIAGE):
                continue  # fixed by this round's end, and not yet back
            open_at[issue.severity.value] += 1
        here = raised.get(r.key, set())
        new = {i.key for i in ledger.issues if i.first_round == r.key}
        raised_at = Counter(i.severity.value for i in ledger.issues if i.key in here and i.severity is not None)
        rows.append(
            {
                "round_key": r.key,
                "round_label": r.label,
                "round_order": r.order,
                "date": pd.Timestamp(r.date) if r.date else pd.NaT,
                "anchor_commit": r.anchor_commit,
                "n_reviewers": len(r.reviewers),
                "overall_mean_100": float(means.get(r.key, math.nan)),
                "raised_critical": raised_at["critical"],
                "raised_high": raised_at["high"],
                "open_critical": open_at["critical"],
                "open_high": open_at["high"],
                "new": len(new),
                "fixed": sum(1 for i in ledger.issues if i.fixed_round == r.key),
                "recurring": len(here - new),
            }
        )
    return _frame(rows, ROUND_COLUMNS)
