"""Fix summaries as evidence: attach their decisions to issues, and decide an issue's status.

A decision cites findings by reviewer + reviewer-local id (``Grok C1``); it is attached to the
occurrences with that id from that reviewer *in the same round folder* (ids repeat across
rounds). An id cited without a reviewer (``RAG-001``) attaches only when exactly one finding
of the round carries it.

The status rule (``decide_status``), strongest evidence first:

1. the history is a timeline: the fixes and regressions link saw on the occurrences, in commit order.
   When the last event is a regression → regressed (fixed code came back); when a fix lands after
   the last regression → fixed again, with the whole story in the evidence;
2. link found a fixing commit → fixed, with link's confidence — raised to at least
   ``CONFIRMED_CONFIDENCE`` when a fix summary also says Fixed;
3. a fix summary says Fixed, link found nothing contrary (status not ``open``: link did not see the
   referenced code unchanged) and no later round raised the issue again → fixed with
   ``DECISION_ONLY_CONFIDENCE`` (a claim without a commit);
4. otherwise link's status (open / unknown).

Skipped, Deferred, Disputed and Noted are decisions, not fixes: they are listed, never change status —
except that a finding its round's summary skipped is not fixed by the commit that fixes the round
(``withdraw_skipped``): it stays open until a commit names it or a later round fixes it.
Absence from a later review is *not* evidence of a fix (a review is a sample).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

from reviewkit.model import Decision, Document, FindingStatus, FixLink
from reviewkit.track.citations import CitedFinding, FindingIndex
from reviewkit.track.fingerprint import normalize_title
from reviewkit.track.records import DecisionRecord, TrackedFinding

__all__ = [
    "CONFIRMED_CONFIDENCE",
    "DECISION_ONLY_CONFIDENCE",
    "StatusVerdict",
    "attach_decisions",
    "decide_status",
    "withdraw_skipped",
]

_NOT_DONE = frozenset((Decision.SKIPPED, Decision.DEFERRED, Decision.DISPUTED))
_NAMES_ID = re.compile(r"message names (?!round)")
_NAMES_OR_CODE = re.compile(r"message names (?!round)|changes referenced lines|removes quoted code|deletes ")
"""Evidence of its own beyond "the commit fixing round …": such a fix stands whatever the summary says."""

CONFIRMED_CONFIDENCE = 0.9
DECISION_ONLY_CONFIDENCE = 0.5


def attach_decisions(
    documents: Sequence[Document], findings: Sequence[TrackedFinding], round_of: Mapping[str, str]
) -> tuple[dict[str, list[DecisionRecord]], list[list[DecisionRecord]]]:
    """The fix summaries' decisions two ways, from one reading of their citations:

    * issue key → decisions citing one of its occurrences (deduplicated, document order);
    * per occurrence in ``findings``, the decisions that name *it* by its reviewer and id: a summary that
      skips one reviewer's finding says nothing of another reviewer's in the same issue. (A decision citing
      no id, matched by its words, is too loose to speak for one occurrence: it goes to the issue only.)
    """
    out: dict[str, list[DecisionRecord]] = {}
    by_id, by_words = _citations(documents, findings, round_of)
    for f, named, described in zip(findings, by_id, by_words, strict=True):
        bucket = out.setdefault(f.key, [])
        bucket.extend(r for r in (*named, *described) if r not in bucket)
    order = {(d.path, x.line): n for n, d in enumerate(documents) for x in d.decisions}
    by_issue = {k: sorted(v, key=lambda r: order.get((r.document, r.line), 0)) for k, v in out.items() if v}
    return by_issue, by_id


def _citations(
    documents: Sequence[Document], findings: Sequence[TrackedFinding], round_of: Mapping[str, str]
) -> tuple[list[list[DecisionRecord]], list[list[DecisionRecord]]]:
    """Per occurrence: the decisions naming its id, and those describing it in words."""
    index = FindingIndex([CitedFinding(f.round_key, f.reviewer_norm, f.finding.id) for f in findings])
    titled: dict[str, list[tuple[str, int, frozenset[str]]]] = {}
    for n, f in enumerate(findings):
        titled.setdefault(f.round_key, []).append((f.reviewer_norm, n, _stems(f.finding.title)))
    by_id: list[list[DecisionRecord]] = [[] for _ in findings]
    by_words: list[list[DecisionRecord]] = [[] for _ in findings]
    for doc in documents:
        round_key = round_of.get(doc.path)
        if round_key is None:
            continue
        for decision in doc.decisions:
            hits = {n for ref in decision.refs for n in index.matches(round_key, ref)}
            words = decision.title if not decision.refs else ""
            described = _by_title(words, titled.get(round_key, [])) if words else set()
            record = DecisionRecord(
                document=doc.path,
                round_key=round_key,
                decision=decision.decision,
                line=decision.line,
                title=decision.title,
            )
            for cited, where in ((hits, by_id), (described, by_words)):
                for n in sorted(cited):
                    if record not in where[n]:
                        where[n].append(record)
    return by_id, by_words


def _stems(title: str) -> frozenset[str]:
    """Five-letter stems of a title's words ("validated" and "validation" are one word here)."""
    return frozenset(w[:5] for w in (normalize_title(title) or title.lower()).split())


def _by_title(title: str, findings: Sequence[tuple[str, int, frozenset[str]]]) -> set[int]:
    """Occurrences of the round's findings a decision citing no id describes: each reviewer's finding sharing the
    most words with its title (at least two, and half the shorter title's words) — a summary's item
    stands for the one problem every reviewer who raised it described in their own words."""
    words = _stems(title)
    best: dict[str, tuple[float, set[int]]] = {}
    for reviewer, key, theirs in findings:
        shared = len(words & theirs)
        if shared < 2 or shared < 0.5 * min(len(words), len(theirs)):
            continue
        score = shared / len(words | theirs)
        top, keys = best.get(reviewer, (0.0, set()))
        if score > top + 1e-9:
            best[reviewer] = (score, {key})
        elif score >= top - 1e-9:
            keys.add(key)
    return {key for _score, keys in best.values() for key in keys}


@dataclass(frozen=True, slots=True)
class StatusVerdict:
    status: FindingStatus
    confidence: float | None
    fix: FixLink | None
    evidence: tuple[str, ...]


_DECISION_RANK = {
    Decision.FIXED: 0,
    Decision.PARTIAL: 1,
    Decision.DISPUTED: 2,
    Decision.SKIPPED: 3,
    Decision.DEFERRED: 4,
    Decision.NOTED: 5,
}


def latest_decision(decisions: Sequence[DecisionRecord], round_rank: Mapping[str, int]) -> DecisionRecord | None:
    """The decision of the latest round; within one round the most definite (Fixed over Noted)."""
    if not decisions:
        return None
    return min(decisions, key=lambda d: (-round_rank.get(d.round_key, -1), _DECISION_RANK[d.decision], d.line))


def _timeline(occurrences: Sequence[TrackedFinding], commit_rank: Mapping[str, int]) -> list[tuple[int, str, str]]:
    """(position, "fixed" | "regressed", sha) events in commit order; events at unknown positions sort last."""
    events: set[tuple[int, str, str]] = set()
    for f in occurrences:
        if f.fix is not None:
            events.add((commit_rank.get(f.fix.commit, -1), "fixed", f.fix.commit))
        if f.regressed_by:
            events.add((commit_rank.get(f.regressed_by, 1 << 30), "regressed", f.regressed_by))
    return sorted(events)


def _story(events: Sequence[tuple[int, str, str]]) -> str:
    words = []
    for n, (_pos, kind, sha) in enumerate(events):
        again = " again" if kind == "fixed" and any(k == "regressed" for _p, k, _s in events[:n]) else ""
        words.append(f"{kind}{again} by {sha[:12]}")
    return "timeline: " + ", ".join(words)


def decide_status(
    occurrences: Sequence[TrackedFinding],
    decisions: Sequence[DecisionRecord],
    round_rank: Mapping[str, int],
    commit_rank: Mapping[str, int] | None = None,
) -> StatusVerdict:
    """An issue's status from link's per-occurrence verdicts and the fix-summary decisions (see module doc)."""
    latest = max(occurrences, key=lambda f: (round_rank.get(f.round_key, -1), f.document, f.finding.line))
    fixes = [f.fix for f in occurrences if f.fix is not None]
    best_fix = max(fixes, key=lambda x: x.confidence) if fixes else None
    decision = latest_decision(decisions, round_rank)
    said_fixed = decision is not None and decision.decision is Decision.FIXED
    where = f"{decision.document}:{decision.line}" if decision is not None else ""
    events = _timeline(occurrences, commit_rank or {})
    if any(kind == "regressed" for _pos, kind, _sha in events):
        _pos, last_kind, last_sha = events[-1]
        if last_kind == "regressed":
            return StatusVerdict(
                FindingStatus.REGRESSED, None, best_fix, (f"link: regressed by {last_sha}", _story(events))
            )
        refix = max((f for f in fixes if f.commit == last_sha), key=lambda x: x.confidence)
        return StatusVerdict(FindingStatus.FIXED, refix.confidence, refix, (*refix.evidence, _story(events)))
    if latest.status is FindingStatus.FIXED and best_fix is not None:
        evidence: list[str] = [*best_fix.evidence]
        confidence = best_fix.confidence
        if said_fixed:
            confidence = max(confidence, CONFIRMED_CONFIDENCE)
            evidence.append(f"fix summary {where} says Fixed")
        return StatusVerdict(FindingStatus.FIXED, confidence, best_fix, tuple(evidence))
    if said_fixed and decision is not None:
        raised_after = [
            f.round_key for f in occurrences if round_rank.get(f.round_key, -1) > round_rank.get(decision.round_key, -1)
        ]
        if raised_after:
            note = f"fix summary {where} says Fixed, but raised again in {sorted(set(raised_after))[0]}"
            return StatusVerdict(latest.status, None, None, (note,))
        if latest.status is not FindingStatus.OPEN:
            note = f"fix summary {where} says Fixed (no fixing commit linked)"
            return StatusVerdict(FindingStatus.FIXED, DECISION_ONLY_CONFIDENCE, None, (note,))
    summary = (f"fix summary {where}: {decision.decision.value}",) if decision is not None else ()
    return StatusVerdict(latest.status, None, None, summary)


def withdraw_skipped(
    findings: Sequence[TrackedFinding],
    decisions: Mapping[str, Sequence[DecisionRecord]],
    rounds_listing_fixes: Set[str] = frozenset(),
    cited: Sequence[Sequence[DecisionRecord]] | None = None,
) -> list[TrackedFinding]:
    """``findings`` where an occurrence loses a fix that only its round's fix commit gave it, when its round's
    summary skipped, deferred or disputed it (and did not also call it fixed) — or, in a round whose summary
    lists what was fixed (``rounds_listing_fixes``), did not list it: that commit fixed the others.

    ``cited`` (the per-occurrence half of :func:`attach_decisions`) holds the decisions naming each occurrence
    itself: where there are any, they speak for it rather than the decisions on other occurrences of its issue."""
    out = []
    for n, f in enumerate(findings):
        said_issue = {d.decision for d in decisions.get(f.key, ()) if d.round_key == f.round_key}
        own = {d.decision for d in cited[n] if d.round_key == f.round_key} if cited is not None else set()
        said = own or said_issue
        evidence = f.fix.evidence if f.fix is not None else ()
        named = any(_NAMES_ID.match(e) for e in evidence)
        round_commit = any(e.startswith("the commit fixing round") for e in evidence)
        only_round_commit = not any(_NAMES_OR_CODE.match(e) for e in evidence)
        unlisted = f.round_key in rounds_listing_fixes and not said_issue & {Decision.FIXED, Decision.PARTIAL}
        # skipped: not fixed by the round's commit even where it touched the lines; unlisted: only when
        # nothing but the round's commit speaks for it
        withdraw = (bool(said & _NOT_DONE) and round_commit and not named) or (unlisted and only_round_commit)
        if f.fix is None or Decision.FIXED in said or not withdraw:
            out.append(f)
            continue
        reason = sorted(d.value for d in said & _NOT_DONE)[0] if said & _NOT_DONE else "not listed as fixed"
        why = f"fix summary: {reason}; not fixed by {f.fix.commit[:12]}"
        out.append(f.model_copy(update={"status": FindingStatus.OPEN, "fix": None, "flags": (*f.flags, why)}))
    return out
