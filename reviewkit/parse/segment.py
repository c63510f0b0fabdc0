"""Several reviewers in one document → one scope per reviewer.

The round-53…65 ``all-models.md`` shape: sibling headings that each name a model
(``## Model 1: Gemini 3.1 Pro (thinking=high)``, ``### GPT-5.2 Codex -- D4, D5, D6``,
``## Grok 4 (D9, D10)``), each holding that model's scores and findings. A heading
counts only when the model name is all it says besides a parenthesis or a list of
dimensions, so ``### Gemini Score Assessment`` or ``### Gemini False Positives`` never
opens a review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reviewkit.config import Vocabulary
from reviewkit.parse.findings import CONSENSUS, FindingsResult, find_findings
from reviewkit.parse.text import model_family, model_regex, strip_markup
from reviewkit.parse.tree import Section

_MODEL_PREFIX = re.compile(r"^(?:model\s*\d+\s*[:.—–-]\s*)", re.IGNORECASE)
_LEFTOVER = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b[DB]\d+\b|\band\b|[\s,:;/+&—–-]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReviewScope:
    """A part of a document holding one reviewer's review (the whole document for most)."""

    section: Section
    reviewer: str | None = None
    found: FindingsResult | None = None
    """The scope's findings when the split already had to read them."""

    def findings(self, vocabulary: Vocabulary) -> FindingsResult:
        """The findings under this scope (read by the split already, or now)."""
        return self.found if self.found is not None else find_findings(self.section, vocabulary)


def reviewer_heading(title: str, vocabulary: Vocabulary) -> str | None:
    """The model a heading introduces (``Gemini 3 Pro (D1, D2, D3)`` → ``Gemini 3 Pro``), else None."""
    text = strip_markup(title)
    prefixed = _MODEL_PREFIX.match(text)
    body = text[prefixed.end() :] if prefixed else text
    m = model_regex(vocabulary).match(body)
    if not m:
        return None
    if not prefixed and _LEFTOVER.sub("", body[m.end() :]):
        return None
    return m.group(0).strip(" -")


# CONSENSUS: reviewer (and scope title) of a multi-reviewer file's own consolidated scores.
CONSENSUS_WITH_FINDINGS = "consensus findings"
"""Scope title when the file's findings live only outside the reviewers' parts (a "Findings Summary"
table with a Model column, "Consensus Findings"): then the consensus scope holds them."""

_CONSENSUS_SCORES = re.compile(r"\bscores?\b|\btotals?\b|weighted|composite|consolidated|\boverall\b", re.IGNORECASE)
_HISTORY = re.compile(r"trajector|histor|previous|baseline|prior\b|by model|per model", re.IGNORECASE)
_FINDINGS = re.compile(r"finding|issues?\b|concerns?\b|remaining items|red flags|gaps\b", re.IGNORECASE)


def split_reviews(root: Section, vocabulary: Vocabulary) -> list[ReviewScope]:
    """One scope per reviewer when sibling headings introduce ≥2 different models, else the root.

    A multi-reviewer file also gets a last scope, reviewer ``consensus``, holding its own score
    sections outside the reviewers' parts ("## Consolidated Scores", "## Weighted Total"), so the
    file's consolidated total is not lost; that scope never holds findings. Read once per document
    (once per document: the kind signals and the reviews read the same split).
    """
    for parent in root.walk():
        scopes = _model_children(parent, vocabulary)
        if scopes:
            scopes = [replace(s, found=find_findings(s.section, vocabulary)) for s in scopes]
            with_findings = not any(s.found and s.found.findings for s in scopes)
            consensus = _consensus_scope(root, scopes, with_findings)
            return scopes + ([consensus] if consensus is not None else [])
    return [ReviewScope(root)]


def _consensus_scope(root: Section, scopes: list[ReviewScope], with_findings: bool) -> ReviewScope | None:
    reviewers = {id(s.section) for s in scopes}
    picked: list[Section] = []
    for section in root.walk():
        wanted = _CONSENSUS_SCORES.search(section.title) or (with_findings and _FINDINGS.search(section.title))
        if section.level < 2 or not wanted or _HISTORY.search(section.title):
            continue
        chain = [section, *section.ancestors()]
        if any(id(a) in reviewers or a in picked for a in chain):
            continue  # inside a reviewer's part, or below a section already taken
        if any(id(d) in reviewers for d in section.walk()):
            continue  # holds reviewers' parts ("## Scores by Model")
        picked.append(section)
    if not picked:
        return None
    title = CONSENSUS_WITH_FINDINGS if with_findings else CONSENSUS
    scope = Section(
        level=1,
        title=title,
        title_md=title,
        line=picked[0].line,
        end_line=picked[-1].end_line,
        children=picked,  # children keep their real parents: context is read from the document
    )
    return ReviewScope(scope, CONSENSUS)


def _model_children(parent: Section, vocabulary: Vocabulary) -> list[ReviewScope]:
    scopes: list[ReviewScope] = []
    for child in parent.children:
        name = reviewer_heading(child.title, vocabulary)
        if name is not None:
            scopes.append(ReviewScope(child, name))
    families = {model_family(s.reviewer or "", vocabulary) for s in scopes}
    return scopes if len(families) >= 2 else []
