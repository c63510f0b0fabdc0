"""Which findings a round's fix summary cites together: the summary's own word on consensus.

A fix summary lists each problem once and names the findings of every reviewer who raised it
(``Grok C1, GPT F10``, a consensus matrix row). Two findings of different reviewers cited by one
decision are one problem in the eyes of whoever wrote the summary — they read both — however
differently the two reviewers worded them. Identity takes that as evidence
(:mod:`~reviewkit.track.similarity`), not as a verdict: summaries sometimes cite a related finding
beside the right one.

A ref resolves the way :mod:`~reviewkit.track.evidence` attaches decisions — reviewer + id inside
the round folder, the exact case first, then the id's variants (``GPT F2`` is a review's
``Finding 2``); an id cited without a reviewer only when one finding of the round carries it. A
ref naming two findings (a reviewer who reused an id) says nothing and is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from reviewkit.model import Document, FindingRef, LinkedFinding
from reviewkit.parse.decision_refs import id_variants, normalize_id
from reviewkit.track.identity import Occurrence
from reviewkit.track.rounds import round_of

__all__ = ["CitedFinding", "FindingIndex", "citations_of", "cite_occurrences"]


@dataclass(frozen=True, slots=True)
class CitedFinding:
    """What a summary can cite a finding by."""

    round_key: str
    reviewer: str
    finding_id: str | None


class FindingIndex:
    """A round's findings by (reviewer, id) in the forms a summary writes them."""

    def __init__(self, findings: Sequence[CitedFinding]) -> None:
        self.cased: dict[tuple[str, str, str], list[int]] = {}
        self.folded: dict[tuple[str, str, str], list[int]] = {}
        self.bare: dict[tuple[str, str], list[int]] = {}
        for i, f in enumerate(findings):
            if not f.finding_id:
                continue
            cased = normalize_id(f.finding_id, f.reviewer, keep_case=True)
            self.cased.setdefault((f.round_key, f.reviewer, cased), []).append(i)
            self.folded.setdefault((f.round_key, f.reviewer, normalize_id(f.finding_id, f.reviewer)), []).append(i)
            self.bare.setdefault((f.round_key, normalize_id(f.finding_id)), []).append(i)

    def matches(self, round_key: str, ref: FindingRef) -> list[int]:
        """The findings ``ref`` names in the round: its reviewer's findings with that id (the exact case
        first, then the id's variants), or for an id cited without a reviewer the one finding carrying it."""
        if not ref.reviewer:
            bare = self.bare.get((round_key, normalize_id(ref.id)), [])
            return bare if len(bare) == 1 else []
        found = self.cased.get((round_key, ref.reviewer, normalize_id(ref.id, ref.reviewer, keep_case=True)), [])
        for variant in () if found else id_variants(ref.id, ref.reviewer):
            found = self.folded.get((round_key, ref.reviewer, variant), [])
            if found:
                break
        return found

    def resolve(self, round_key: str, ref: FindingRef) -> int | None:
        """The one finding ``ref`` names in the round, or None (none, or more than one)."""
        return _single(self.matches(round_key, ref))


def _single(found: Sequence[int]) -> int | None:
    return found[0] if len(found) == 1 else None


def citations_of(
    documents: Sequence[Document], findings: Sequence[CitedFinding], round_of: Mapping[str, str]
) -> list[frozenset[str]]:
    """For each finding, the decisions (``document:line``) of its round's summaries that cite it beside a
    finding of another reviewer; empty for a finding no summary cites so."""
    index = FindingIndex(findings)
    out: list[set[str]] = [set() for _ in findings]
    for doc in documents:
        round_key = round_of.get(doc.path)
        if round_key is None:
            continue
        for decision in doc.decisions:
            hits = {i for ref in decision.refs if (i := index.resolve(round_key, ref)) is not None}
            if len({findings[i].reviewer for i in hits}) < 2:
                continue  # one reviewer's findings only: says nothing about consensus
            mark = f"{doc.path}:{decision.line}"
            for i in hits:
                out[i].add(mark)
    return [frozenset(s) for s in out]


def cite_occurrences(
    occurrences: Sequence[Occurrence], linked: Sequence[LinkedFinding], documents: Sequence[Document]
) -> list[Occurrence]:
    """``occurrences`` (of the findings ``linked``, one for one) with their features' ``cited`` filled in."""
    findings = [CitedFinding(o.round_key, o.reviewer, f.finding.id) for o, f in zip(occurrences, linked, strict=True)]
    cited = citations_of(documents, findings, {d.path: round_of(d).key for d in documents})
    return [
        replace(o, features=replace(o.features, cited=c)) if c else o for o, c in zip(occurrences, cited, strict=True)
    ]
