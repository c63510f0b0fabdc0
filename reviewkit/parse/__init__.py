"""Markdown review documents → :class:`~reviewkit.model.Document`.

Public entry points (stable; other stages rely on them):

* ``parse_text(text, path="<text>", vocabulary=DEFAULT_VOCABULARY) -> Document``
* ``parse_document(source: ReviewSource, vocabulary=...) -> Document``
* ``parse_paths(paths, vocabulary=...) -> list[Document]``

The pipeline for one document: markdown-it tree → section tree (``tree``) →
structural checks (``checks``) → kind (``kind``) → one scope per reviewer
(``segment``) → per scope: metadata (``metadata``), scores (``scores``) and
findings (``findings``); fix summaries also get their decisions (``decisions``).
The kind does not gate findings: a fix summary or synthesis that describes its
findings one by one (a heading, bold block or tagged paragraph each) yields them,
and only such findings (see :func:`scope_findings`). Parsing never raises on bad
content: problems become ``Document.warnings``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary
from reviewkit.model import Document, DocumentKind, FixDecision, ParseWarning, Review
from reviewkit.parse.checks import structure_warnings
from reviewkit.parse.decisions import find_decisions
from reviewkit.parse.findings import OWN_BLOCKS, FindingsResult, find_findings
from reviewkit.parse.findings.common import Draft
from reviewkit.parse.findings.sections import annotate
from reviewkit.parse.guard import guarded
from reviewkit.parse.kind import classify, is_blank_form
from reviewkit.parse.legend import legend_vocabulary
from reviewkit.parse.lookalike import lookalike_warning
from reviewkit.parse.metadata import Metadata, find_metadata, with_reviewer
from reviewkit.parse.scores import dimension_names, find_scores, with_names
from reviewkit.parse.segment import ReviewScope, split_reviews
from reviewkit.parse.tree import Section, build_sections, parse_markdown
from reviewkit.sources import ReviewSource, collect_sources, source_from_bytes

__all__ = ["parse_document", "parse_paths", "parse_text", "scope_findings"]


def parse_text(text: str, path: str = "<text>", vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Document:
    """Parse markdown ``text`` as the document at ``path``."""
    return parse_document(source_from_bytes(path, text.encode("utf-8", errors="replace")), vocabulary)


def parse_document(source: ReviewSource, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Document:
    """Parse one decoded document; problems become warnings, never exceptions."""
    return _parse(source, vocabulary)


def _parse(source: ReviewSource, vocabulary: Vocabulary) -> Document:
    warnings: list[ParseWarning] = []
    if source.problem:
        warnings.append(ParseWarning(line=None, message=source.problem, lossy=True))
    if not source.text.strip():
        if not source.problem:
            warnings.append(ParseWarning(line=None, message="empty document: nothing to parse"))
        return Document(path=source.path, kind=DocumentKind.OTHER, warnings=tuple(warnings), sha256=source.sha256)
    vocabulary = legend_vocabulary(source.text, vocabulary)  # "🔴 严重 ｜ 🟠 中等": the document's own marks
    root = build_sections(parse_markdown(source.text), source.text.count("\n") + 1)
    annotate(root, vocabulary)  # every heading's facts, read once and kept on its section
    warnings += guarded("structure checks", None, lambda: structure_warnings(root, source.text), [], warnings)
    scopes = guarded("reviewer split", None, lambda: split_reviews(root, vocabulary), [ReviewScope(root)], warnings)
    kind = guarded("kind", None, lambda: classify(root, source.path, vocabulary, scopes), DocumentKind.OTHER, warnings)
    reviews: list[Review] = guarded(
        "reviews", None, lambda: _reviews(root, scopes, source.path, vocabulary, warnings, kind), [], warnings
    )
    if kind is DocumentKind.OTHER and reviews and is_blank_form(root):
        reviews = []  # a template's sample findings, a plan's tasks: no findings of the code
    if kind is DocumentKind.OTHER and not reviews:
        warnings.append(ParseWarning(line=None, message="not a review, fix summary or synthesis: no reviews read"))
    decisions: list[FixDecision] = []
    if kind is DocumentKind.FIX_SUMMARY:
        decisions = guarded("decisions", None, lambda: find_decisions(root, vocabulary), [], warnings)
        reviews = _without_decided(reviews, decisions)
    if not decisions and not any(r.findings for r in reviews):
        message = lookalike_warning(source.text, vocabulary)
        if message is not None:
            warnings.append(ParseWarning(line=None, message=message))
    return Document(
        path=source.path,
        kind=kind,
        reviews=tuple(reviews),
        decisions=tuple(decisions),
        warnings=tuple(warnings),
        sha256=source.sha256,
    )


def _without_decided(reviews: list[Review], decisions: list[FixDecision]) -> list[Review]:
    """A fix summary's item that cites reviewers' findings (``### 1. CRITICAL: X (Gemini F1, GPT F1)``) is its
    decision on those findings, not a new finding; its own bugs (``### BUG-007: X``, citing no one) stay."""
    cited = {d.line for d in decisions if d.refs}
    if not cited:
        return reviews
    kept = [r.model_copy(update={"findings": tuple(f for f in r.findings if f.line not in cited)}) for r in reviews]
    return [r for r in kept if r.findings]


def parse_paths(paths: Iterable[Path], vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> list[Document]:
    """Parse every document under ``paths`` (directories searched for ``*.md``)."""
    return [parse_document(s, vocabulary) for s in collect_sources(paths)]


_OWN_BLOCK = frozenset({"heading", "bold-block", "bracket-paragraph", "title-run"})
"""Recognizers whose finding has a block of its own: the only findings read from a document that is not a review."""


def _own_block_or_id(draft: Draft) -> bool:
    return draft.recognizer in _OWN_BLOCK or draft.id is not None


def scope_findings(scope: ReviewScope, vocabulary: Vocabulary, kind: DocumentKind) -> FindingsResult:
    """The findings of ``scope`` in a document of ``kind``.

    A review yields everything the recognizers find. Another kind yields only findings described one
    by one (:data:`_OWN_BLOCK`): a fix summary's "### BUG-007: Title" under "Fixes Applied" is a
    finding it fixed, while its tables and bullet lists are decisions and recaps.
    """
    if kind in (DocumentKind.REVIEW, DocumentKind.SYNTHESIS):
        return scope.findings(vocabulary)
    fixes = kind is DocumentKind.FIX_SUMMARY
    only = OWN_BLOCKS | {"list-items"} if fixes else OWN_BLOCKS
    found = find_findings(scope.section, vocabulary, fixes=fixes, only=only, keep=_own_block_or_id)
    keep = [
        i
        for i, (name, f) in enumerate(zip(found.recognizers, found.findings, strict=True))
        if name in _OWN_BLOCK or (f.severity is not None or name == "tagged-bullet")
    ]
    return FindingsResult(
        findings=[found.findings[i] for i in keep],
        recognizers=[found.recognizers[i] for i in keep],
    )


def _reviews(
    root: Section,
    scopes: list[ReviewScope],
    path: str,
    vocabulary: Vocabulary,
    warnings: list[ParseWarning],
    kind: DocumentKind = DocumentKind.REVIEW,
) -> list[Review]:
    if kind is not DocumentKind.REVIEW:  # not a review: a review only where findings are described
        found = [(s, scope_findings(s, vocabulary, kind)) for s in scopes]
        scopes = [replace(s, found=f) for s, f in found if f.findings]
        if not scopes:
            return []
    document_meta = find_metadata(root, path, vocabulary)
    reviews: list[Review] = []
    for scope in scopes:  # one review's failure costs that review, not its neighbours
        read = partial(_review, scope, document_meta, path, vocabulary, warnings)
        review = guarded("review", scope.section.line or None, read, None, warnings)
        if review is not None:
            reviews.append(review)
    if len(reviews) > 1 and any(d.key == d.name for r in reviews for d in r.dimensions):
        names = dimension_names(root, document_meta.round)
        reviews = [r.model_copy(update={"dimensions": with_names(r.dimensions, names)}) for r in reviews]
    return reviews


def _review(
    scope: ReviewScope,
    document_meta: Metadata,
    path: str,
    vocabulary: Vocabulary,
    warnings: list[ParseWarning],
) -> Review:
    meta = document_meta
    if scope.section.level > 0:
        meta = with_reviewer(find_metadata(scope.section, path, vocabulary), scope.reviewer).inherit(document_meta)
    scores = find_scores(scope.section, meta.round)
    result = scope.findings(vocabulary)
    warnings.extend(result.warnings)
    return Review(
        reviewer=meta.reviewer,
        round=meta.round,
        commit=meta.commit,
        date=meta.date,
        overall_score=scores.overall.score if scores.overall else None,
        overall_scale=scores.overall.with_default_scale()[1] if scores.overall else None,
        dimensions=scores.dimensions,
        findings=tuple(result.findings),
        line=scope.section.line,
    )
