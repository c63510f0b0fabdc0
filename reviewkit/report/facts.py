"""What the stakeholder report says, computed from the ledger's frames (pure, no I/O).

The report answers four questions: are scores getting better (trajectory), how many CRITICAL/HIGH
issues are still open (trend), what are the top risks (in plain words), and what changed since
the previous round. :class:`ReportFacts` holds the answers; html/markdown only lay them out.
"""

from __future__ import annotations

import bisect
import math

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from reviewkit.frames import SEVERITY_ORDER, severity_rank

__all__ = ["ReportFacts", "Risk", "RoundLine", "build_facts"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


ROUND_TABLE_HEADERS = (
    "round", "date", "mean score", "CRITICAL raised", "HIGH raised", "CRITICAL open at end", "HIGH open at end",
    "new issues", "fixed before next round", "recurring",
)  # fmt: skip
"""The rounds table's columns, each saying what it counts (raised in the round is not open at its end)."""


class RoundLine(_Frozen):
    """One row of the trajectory table."""

    label: str
    date: str | None = None
    mean_score: float | None = Field(None, description="Mean overall score of the round's reviewers (/100).")
    raised_critical: int = Field(0, description="CRITICAL issues raised by this round's reviews.")
    raised_high: int = 0
    open_critical: int = Field(0, description="CRITICAL issues open at the end of this round (before the next).")
    open_high: int = 0
    new: int = 0
    fixed: int = 0
    recurring: int = 0

    def cells(self) -> tuple[str, ...]:
        """The row's values in :data:`ROUND_TABLE_HEADERS` order, as text."""
        score = "" if self.mean_score is None else f"{self.mean_score:.1f}"
        counts = (self.raised_critical, self.raised_high, self.open_critical, self.open_high)
        return (
            self.label,
            self.date or "",
            score,
            *map(str, counts),
            *map(str, (self.new, self.fixed, self.recurring)),
        )


class Risk(_Frozen):
    """An issue, described for someone who will not read the reviews."""

    key: str
    title: str
    severity: str
    path: str | None = None
    consensus: str = Field(description="'3 of 3 reviewers' style text.")
    first_raised: str | None = Field(None, description="Label of the round it was first raised in.")
    rounds_ago: int = Field(0, description="Review rounds since it was first raised (0: the latest round).")
    regressed: bool = False
    status: str = "open"
    fix_commit: str | None = None
    triage: str | None = None

    @property
    def sentence(self) -> str:
        """One plain-words line: what, where, how sure, how long (the severity is shown beside it)."""
        where = f" ({self.path})" if self.path else ""
        if self.status == "fixed":
            fixed = f" in {self.fix_commit}" if self.fix_commit else ""
            return f"{self.title}{where}: raised by {self.consensus}, fixed{fixed}."
        if self.rounds_ago <= 0:
            age = "first raised this round"
        else:
            plural = "s" if self.rounds_ago > 1 else ""
            age = f"first raised in {self.first_raised} ({self.rounds_ago} round{plural} ago)"
        back = ""
        if self.regressed:
            back = f" It came back after being fixed{f' in {self.fix_commit}' if self.fix_commit else ''} (regression)."
        return f"{self.title}{where}: raised by {self.consensus}, {age}.{back}"


class ReportFacts(_Frozen):
    """Everything the stakeholder report states."""

    rounds: tuple[RoundLine, ...] = ()
    latest: str | None = None
    previous: str | None = None
    score_delta: float | None = Field(None, description="Mean score change latest vs previous round.")
    open_counts: dict[str, int] = Field(default_factory=dict, description="Open issues per severity (not triaged).")
    unknown_open: int = Field(
        0, description="Open CRITICAL/HIGH issues whose fix status is unknown (no code or git evidence either way)."
    )
    triaged: int = Field(0, description="Issues closed by a human decision (won't fix, deferred, …).")
    top_risks: tuple[Risk, ...] = ()
    fixed_since: tuple[Risk, ...] = Field((), description="Issues fixed since the previous round's review.")
    new_in_latest: tuple[Risk, ...] = ()
    regressions: tuple[Risk, ...] = ()
    improved: tuple[tuple[str, float], ...] = Field((), description="Dimensions up since the previous round.")
    worsened: tuple[tuple[str, float], ...] = ()
    history_note: str | None = Field(
        None, description="Why fix statuses may be incomplete (a shallow clone's missing history), shown as a banner."
    )
    reading_problems: tuple[str, ...] = Field(
        (), description="'document:line: message' for each review that could not be read whole."
    )

    @property
    def headline(self) -> str:
        """The report's first sentence: score, direction, open CRITICAL/HIGH."""
        if not self.rounds:
            return "No review rounds found."
        last = self.rounds[-1]
        parts = [f"Round {last.label}" if last.label[:1].isdigit() else last.label]
        if last.mean_score is None:
            parts.append(" has no overall score")
        else:
            parts.append(f" scored {last.mean_score:.0f}/100")
            if self.score_delta is not None and self.previous:
                trend = "up" if self.score_delta > 0 else "down" if self.score_delta < 0 else "level"
                parts.append(f" ({trend} {abs(self.score_delta):.0f} from {self.previous})")
        critical, high = self.open_counts.get("critical", 0), self.open_counts.get("high", 0)
        if critical + high and self.unknown_open == critical + high:
            # no fix evidence at all (e.g. no git repository): saying "open" would claim more than is known
            parts.append(f". {critical} CRITICAL and {high} HIGH issues are not known to be fixed")
        else:
            parts.append(f". {critical} CRITICAL and {high} HIGH issues are open")
            if self.unknown_open:
                parts.append(f" ({self.unknown_open} of them with no fix evidence either way)")
        if self.regressions:
            parts.append(f"; {len(self.regressions)} fixed issue(s) came back")
        return "".join(parts) + "."


def _int(value: object) -> int:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return 0 if math.isnan(number) else int(number)


def _score(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else round(number, 1)


def _date(value: object) -> str | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    strftime = getattr(value, "strftime", None)
    return str(strftime("%Y-%m-%d")) if strftime is not None else _text(value)


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value)
    return text or None


def _risk(row: pd.Series, of: int, orders: list[int], labels: list[str]) -> Risk:
    """``orders``/``labels``: the reviewed rounds, oldest first (ages count only those)."""
    consensus = _int(row.get("consensus"))
    of = _int(row.get("consensus_of")) or of
    first = bisect.bisect_left(orders, _int(row.get("first_order")))
    return Risk(
        key=str(row["key"]),
        title=str(row["title"]),
        severity=_text(row.get("severity")) or "info",
        path=_text(row.get("path")),
        consensus=f"{consensus} of {of} reviewers" if of else f"{consensus} reviewer(s)",
        first_raised=labels[min(first, len(labels) - 1)],
        rounds_ago=max(len(orders) - 1 - first, 0),
        regressed=_text(row.get("regressed_by")) is not None or _text(row.get("status")) == "regressed",
        status=_text(row.get("status")) or "unknown",
        fix_commit=(_text(row.get("fix_commit")) or "")[:7] or None,
        triage=_text(row.get("triage")),
    )


def _ranked(issues: pd.DataFrame) -> pd.DataFrame:
    """Most urgent first: regressions, then severity, consensus, age."""
    ranked = issues.assign(
        _regressed=issues["regressed_by"].notna() | (issues["status"].astype("string") == "regressed"),
        _rank=severity_rank(issues["severity"]),
    )
    return ranked.sort_values(
        ["_regressed", "_rank", "consensus", "age_rounds", "key"], ascending=[False, True, False, False, True]
    )


def _reviewers_per_round(rounds: pd.DataFrame) -> dict[int, int]:
    if "n_reviewers" not in rounds.columns:
        return {}
    return {_int(order): _int(n) for order, n in zip(rounds["round_order"], rounds["n_reviewers"], strict=True)}


def _round_names(rounds: pd.DataFrame) -> list[str]:
    """Each round's label, or its key (folder) where two rounds share a label, so "R1" never means two rounds."""
    labels = [str(label) for label in rounds["round_label"]]
    if "round_key" not in rounds.columns:
        return labels
    repeated = {label for label in labels if labels.count(label) > 1}
    return [str(key) if label in repeated else label for label, key in zip(labels, rounds["round_key"], strict=True)]


def build_facts(
    rounds: pd.DataFrame,
    issues: pd.DataFrame,
    dimensions: pd.DataFrame,
    *,
    top: int = 5,
) -> ReportFacts:
    """The report's statements from ``rounds_frame``, ``issues_frame`` and ``dimensions_frame``."""
    ordered = rounds.sort_values("round_order")
    lines = tuple(
        RoundLine(
            label=name,
            date=_date(r.date),
            mean_score=_score(r.overall_mean_100),
            raised_critical=_int(r.raised_critical),
            raised_high=_int(r.raised_high),
            open_critical=_int(r.open_critical),
            open_high=_int(r.open_high),
            new=_int(r.new),
            fixed=_int(r.fixed),
            recurring=_int(r.recurring),
        )
        for name, r in zip(_round_names(ordered), ordered.itertuples(), strict=True)
    )
    if not lines:
        return ReportFacts()
    orders = [int(o) for o in ordered["round_order"]]
    labels = [line.label for line in lines]
    latest_order, previous_order = orders[-1], (orders[-2] if len(orders) > 1 else None)
    of = _reviewers_per_round(ordered)
    latest_of = of.get(latest_order, 0)
    ranked = _ranked(issues) if not issues.empty else issues
    is_open = ranked["open"].astype(bool) if not ranked.empty else pd.Series(dtype=bool)
    open_issues = ranked[is_open] if not ranked.empty else ranked

    def risks(frame: pd.DataFrame, limit: int | None = None) -> tuple[Risk, ...]:
        rows = frame.head(limit) if limit else frame
        return tuple(
            _risk(row, of.get(_int(row.get("last_order")), latest_of), orders, labels) for _, row in rows.iterrows()
        )

    score_delta = None
    if previous_order is not None and lines[-1].mean_score is not None and lines[-2].mean_score is not None:
        score_delta = round(lines[-1].mean_score - lines[-2].mean_score, 1)
    improved, worsened = _dimension_changes(dimensions, previous_order, latest_order)
    empty = ranked.iloc[0:0]
    return ReportFacts(
        rounds=lines,
        latest=lines[-1].label,
        previous=lines[-2].label if previous_order is not None else None,
        score_delta=score_delta,
        open_counts=_open_counts(open_issues),
        unknown_open=_unknown_critical_high(open_issues),
        triaged=int(ranked["triage"].notna().sum() - (ranked["triage"].astype("string") == "open").sum())
        if not ranked.empty
        else 0,
        top_risks=risks(open_issues, top),
        fixed_since=risks(
            ranked[(ranked["status"].astype("string") == "fixed") & (ranked["last_order"] == previous_order)]
            if previous_order is not None and not ranked.empty
            else empty
        ),
        new_in_latest=risks(ranked[ranked["first_order"] == latest_order] if not ranked.empty else empty),
        regressions=risks(ranked[ranked["_regressed"] & is_open] if not ranked.empty else empty),
        improved=improved,
        worsened=worsened,
    )


def _unknown_critical_high(open_issues: pd.DataFrame) -> int:
    if open_issues.empty:
        return 0
    severe = open_issues["severity"].astype("string").str.lower().isin(["critical", "high"])
    return int((severe & (open_issues["status"].astype("string") == "unknown")).sum())


def _open_counts(open_issues: pd.DataFrame) -> dict[str, int]:
    if open_issues.empty:
        return {}
    counts = open_issues["severity"].astype("string").str.lower().value_counts()
    return {name: int(counts[name]) for name in SEVERITY_ORDER if name in counts.index}


def _dimension_changes(
    dimensions: pd.DataFrame, before: int | None, after: int
) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]:
    if before is None or dimensions.empty:
        return (), ()
    means = dimensions.dropna(subset=["score_10"]).groupby(["round_order", "dimension"])["score_10"].mean()
    if before not in means.index.get_level_values(0) or after not in means.index.get_level_values(0):
        return (), ()
    delta = (means.loc[after] - means.loc[before]).dropna().round(1)
    up = tuple((str(name), float(v)) for name, v in delta[delta > 0].sort_values(ascending=False).items())
    down = tuple((str(name), float(v)) for name, v in delta[delta < 0].sort_values().items())
    return up, down
