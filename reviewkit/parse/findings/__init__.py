"""Finding recognizers: one review scope (a Section) → its findings.

Entry point used by the document parser, once per review scope::

    find_findings(scope: Section, vocabulary: Vocabulary) -> FindingsResult

The scope's section tree is walked in document order. Each heading is first
offered to the heading recognizer (a heading per finding); otherwise its
section's context (praise / recap / severity / dimension, see ``sections.py``)
applies to the blocks below it, which are offered to :data:`BLOCK_RECOGNIZERS`
in the declared order. Findings found in recap sections (summaries, top-N
lists) are used only when the review has no primary findings, and table rows
that restate a richer finding are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from reviewkit.config import Vocabulary
from reviewkit.model import Finding, ParseWarning
from reviewkit.parse.findings.anatomy import is_passed_check, numbered_gaps, recognize_plain_heading, with_sibling_parts
from reviewkit.parse.findings.boldblocks import recognize_bold_block
from reviewkit.parse.findings.bullets import recognize_list
from reviewkit.parse.findings.common import Draft, text_of
from reviewkit.parse.findings.finalize import stated_scheme, to_finding
from reviewkit.parse.findings.headings import heading_lead, is_numbered_finding, numbered_sibling, recognize_heading
from reviewkit.parse.findings.labelruns import recognize_title_runs
from reviewkit.parse.findings.lent import lend_row_severity
from reviewkit.parse.findings.paragraphs import pseudo_heading, recognize_bracket_paragraph
from reviewkit.parse.findings.sections import Context, Role, context_of, sub_context
from reviewkit.parse.findings.single import single_report
from reviewkit.parse.findings.tables import recognize_table
from reviewkit.parse.guard import guarded
from reviewkit.parse.tree import Node, Section, plain_text

__all__ = ["BLOCK_RECOGNIZERS", "CONSENSUS", "FindingsResult", "find_findings"]

CONSENSUS = "consensus"
"""Title of the scope holding only a multi-reviewer file's consolidated scores (see ``segment.py``)."""

BlockRecognizer = Callable[[list[Node], int, Context, Vocabulary, list[ParseWarning]], tuple[list[Draft], int] | None]

BLOCK_RECOGNIZERS: tuple[tuple[str, BlockRecognizer], ...] = (
    ("table-rows", recognize_table),
    ("bold-block", recognize_bold_block),
    ("bracket-paragraph", recognize_bracket_paragraph),
    ("title-runs", recognize_title_runs),
    ("list-items", recognize_list),
)
"""Recognizers for the blocks of a section, tried in this order at each block (headings are tried first)."""

_LISTS = ("bullet_list", "ordered_list")
_BLOCK_TYPES: dict[str, tuple[str, ...]] = {
    "table-rows": ("table",),
    "bold-block": ("paragraph",),
    "bracket-paragraph": ("paragraph",),
    "title-runs": _LISTS,
    "list-items": _LISTS,
}
"""The block types each recognizer reads (it declines every other type)."""
_WHAT = {name: f"{name} recognizer" for name, _ in BLOCK_RECOGNIZERS}


@dataclass
class FindingsResult:
    findings: list[Finding] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    recognizers: list[str] = field(default_factory=list)
    """The recognizer that produced each finding (same order): ``reviewkit parse --explain`` shows it."""


@dataclass
class _Found:
    role: Role
    ctx: Context
    draft: Draft


OWN_BLOCKS = frozenset({"bold-block", "bracket-paragraph", "title-runs"})
"""The block recognizers whose findings have a block of their own (no table rows, no list items)."""


def find_findings(
    scope: Section,
    vocabulary: Vocabulary,
    *,
    fixes: bool = False,
    only: frozenset[str] | None = None,
    keep: Callable[[Draft], bool] | None = None,
) -> FindingsResult:
    """All findings under ``scope`` in document order.

    ``fixes``: the document records fixes (a fix summary), so its "Fixes Applied" sections hold the
    findings it fixed rather than a tracker of an earlier round's. ``only``: the names of the block
    recognizers to run (e.g. :data:`OWN_BLOCKS`); headings are always read. ``keep``: of the chosen
    drafts, the ones made into findings (the others cost no severity or location reading).
    """
    recognizers = BLOCK_RECOGNIZERS if only is None else tuple((n, r) for n, r in BLOCK_RECOGNIZERS if n in only)
    return _find_findings(scope, vocabulary, fixes, recognizers, keep)


def _find_findings(
    scope: Section,
    vocabulary: Vocabulary,
    fixes: bool = False,
    recognizers: tuple[tuple[str, BlockRecognizer], ...] = BLOCK_RECOGNIZERS,
    keep: Callable[[Draft], bool] | None = None,
) -> FindingsResult:
    if scope.title == CONSENSUS and scope.parent is None and scope.level == 1:
        return FindingsResult()  # a multi-reviewer file's consolidated scores: the findings are the reviewers'
    found: list[_Found] = []
    warnings: list[ParseWarning] = []
    _visit(scope, scope, vocabulary, found, warnings, fixes, recognizers)
    if not found and recognizers is BLOCK_RECOGNIZERS:
        found = [
            _Found(Role.PRIMARY, context_of(sec, scope, vocabulary), d) for sec, d in numbered_gaps(scope, vocabulary)
        ]
    if not found and recognizers is BLOCK_RECOGNIZERS and (one := single_report(scope, vocabulary)) is not None:
        found = [_Found(Role.PRIMARY, context_of(scope, scope, vocabulary), one)]
    for f, lent in zip(found, lend_row_severity([f.draft for f in found]), strict=True):
        f.draft = lent
    chosen = _drop_restated(_choose([f for f in found if "<" not in f.draft.title or not _slot(f.draft.title)]))
    scheme = stated_scheme(((f.draft, f.ctx) for f in chosen), partial(_scope_text, scope))
    if keep is not None:
        chosen = [f for f in chosen if keep(f.draft)]
    made = sorted(
        ((to_finding(f.draft, f.ctx, scheme, vocabulary), f.draft.recognizer) for f in chosen), key=lambda p: p[0].line
    )
    made = [(finding, name) for finding, name in made if not _NO_IMPACT.search(finding.body)]
    findings = [finding for finding, _ in made]
    if not findings and _has_content(scope) and not _says_clean(scope):
        warnings.append(
            ParseWarning(line=scope.line, message="no findings recognised in this review (layout not understood?)")
        )
    return FindingsResult(findings=findings, warnings=warnings, recognizers=[name for _, name in made])


_CLEAN = re.compile(
    r"\bno (?:new |open |outstanding )?(?:issues|findings|problems|bugs|defects|vulnerabilities)(?: were| have been)? "
    r"(?:found|identified|detected|raised)\b|\bnothing to report\b|\bLGTM\b",
    re.IGNORECASE,
)


def _says_clean(scope: Section) -> bool:
    """The review says it found nothing ("No issues found", "LGTM"): no finding is what it means."""
    return _CLEAN.search(" ".join(plain_text(b) for b in scope.all_blocks() if b.type == "paragraph")) is not None


_TEMPLATE_SLOT = re.compile(r"(?<![\w<])<[a-z][a-z'/.-]*[ _][a-z _'/.-]{1,40}>")
"""``<plan commitment> — <what's missing>``: a template's slot (``<html>`` is a tag, ``Vec<u8>`` a type)."""


def _slot(title: str) -> bool:
    return _TEMPLATE_SLOT.search(title) is not None


_CONCERN_ITEMS = frozenset({"concern-item", "checklist-item"})
"""Plain criticisms (a "Weaknesses" item, a ❌/⚠️ check): the findings of a review that itemises nothing else."""


def _choose(found: list[_Found]) -> list[_Found]:
    """Primary findings, plus summary findings with a new id and title (a "Findings Summary" that is the
    only itemised list). Without primary findings: the summaries', else the items of "Weaknesses"-like
    sections, else the priority lists'."""
    primary = [f for f in found if f.role is Role.PRIMARY and f.draft.recognizer not in _CONCERN_ITEMS]
    recap = [f for f in found if f.role is Role.RECAP]
    if not primary:
        concerns = [f for f in found if f.role is Role.PRIMARY and f.draft.recognizer in _CONCERN_ITEMS]
        return recap or concerns or [f for f in found if f.role is Role.PRIORITIES and _written_up(f.draft)]
    ids = {f.draft.id for f in primary if f.draft.id}
    extra = [f for f in recap if f.draft.id and not f.draft.id.isdigit() and f.draft.id not in ids]
    primary_words = [_words(f.draft.title) for f in primary]
    extra = [f for f in extra if not _similar(_words(f.draft.title), primary_words)]
    return sorted(primary + extra, key=lambda f: f.draft.line)


_WRITE_UPS = frozenset({"heading", "bold-block", "bracket-paragraph", "title-run"})


def _written_up(draft: Draft) -> bool:
    """A priorities list's item that is written up as a finding (its own heading or bold block, an id or a
    severity tag); a plain "Recommendations" bullet is advice."""
    return draft.recognizer in _WRITE_UPS or draft.id is not None or draft.tag is not None


def _visit(
    section: Section,
    scope: Section,
    vocabulary: Vocabulary,
    found: list[_Found],
    warnings: list[ParseWarning],
    fixes: bool = False,
    recognizers: tuple[tuple[str, BlockRecognizer], ...] = BLOCK_RECOGNIZERS,
) -> None:
    ctx = context_of(section, scope, vocabulary, fixes=fixes)
    if ctx.role is Role.EXCLUDED:
        return
    _scan_blocks(section.blocks, ctx, vocabulary, found, warnings, recognizers)
    drafts: list[tuple[Section, Draft | None]] = []
    for child in section.children:
        lead = heading_lead(child, vocabulary)
        if (lead is not None and lead.negated) or ((lead is None or lead.tag is None) and is_passed_check(child)):
            continue  # "### REJECTED: …", "(NOT A BUG)", "**Severity**: OK": the whole subsection is not a finding
        draft = guarded(
            "heading recognizer", child.line, partial(recognize_heading, child, ctx, vocabulary), None, warnings
        )
        if draft is None and lead is None:
            plain = partial(recognize_plain_heading, child, ctx, vocabulary)
            named = guarded("plain-heading recognizer", child.line, plain, None, warnings)
            draft = named[1] if named is not None else None
        drafts.append((child, draft))
    drafts = with_sibling_parts(drafts)
    numbered = any(d is not None and is_numbered_finding(child, d) for child, d in drafts)
    for child, draft in drafts:
        if draft is None and numbered and heading_lead(child, vocabulary) is None:
            draft = numbered_sibling(child, ctx)
        if draft is not None:
            found.append(_Found(ctx.role, ctx, draft))
        else:
            _visit(child, scope, vocabulary, found, warnings, fixes, recognizers)


def _scan_blocks(
    blocks: list[Node],
    ctx: Context,
    vocabulary: Vocabulary,
    found: list[_Found],
    warnings: list[ParseWarning],
    recognizers: tuple[tuple[str, BlockRecognizer], ...] = BLOCK_RECOGNIZERS,
) -> None:
    i = 0
    base = ctx
    while i < len(blocks):
        label = pseudo_heading(blocks[i], vocabulary)
        if label is not None:
            ctx = sub_context(base, label, vocabulary)
            i += 1
            continue
        if ctx.role is Role.EXCLUDED:
            i += 1
            continue
        block_type = blocks[i].type
        for name, recognize in recognizers:
            if block_type not in _BLOCK_TYPES[name]:
                continue  # the recognizer would decline at once; its call and guard are the cost
            run = partial(recognize, blocks, i, ctx, vocabulary, warnings)
            step = guarded(_WHAT[name], _line(blocks[i]), run, None, warnings)
            if step is not None:
                drafts, i = step
                found.extend(_Found(ctx.role, ctx, d) for d in drafts)
                break
        else:
            i += 1


def _line(node: Node) -> int | None:
    return node.map[0] + 1 if node.map else None


_NO_IMPACT = re.compile(r"^\W*impact\W*\s*none\s*(?:[.;]|$)", re.IGNORECASE | re.MULTILINE)
"""``**Impact**: None. The implementation is correct.``: the reviewer took the item back in its own body."""
_WORD = re.compile(r"[a-z0-9_]{3,}")


def _words(title: str) -> set[str]:
    return set(_WORD.findall(title.lower()))


def _similar(words: set[str], others: list[set[str]]) -> bool:
    """True when most words of a title (at least three) appear in one of ``others``."""
    return any(min(len(words), len(w)) >= 3 and len(words & w) >= 0.6 * min(len(words), len(w)) for w in others)


_RANK = {
    "heading": 3,
    "bold-block": 2,
    "bracket-paragraph": 2,
    "title-run": 2,
    "tagged-bullet": 1,
    "item-under-severity": 1,
    "multi-severity-item": 1,
    "concern-item": 1,
    "sibling-item": 1,
    "numbered-gap": 1,
    "single-report": 3,
}


def _drop_restated(found: list[_Found]) -> list[_Found]:
    """Drop drafts that restate a richer finding of the same review.

    A draft goes when another draft with the same id comes from a richer
    structure (a heading beats a bold block beats a bullet beats a table row),
    or when it is a table row whose title mostly repeats a richer finding's title.
    A table where at least half the rows restate goes as a whole: it is a recap
    ("Critical Issues (Must Fix)" re-listing the headings above in other words).
    """
    best: dict[str, int] = {}
    for f in found:
        if f.draft.id:
            best[f.draft.id] = max(best.get(f.draft.id, -1), _RANK.get(f.draft.recognizer, 0))
    strong_words = [_words(f.draft.title) for f in found if f.draft.strong]
    strong_keys = {k for f in found if f.draft.strong and (k := _spelling_free_key(f.draft)) is not None}
    strong_ids = {f.draft.id for f in found if f.draft.strong and f.draft.id}
    restated: list[bool] = []
    seen_weak: set[str] = set()
    for f in found:
        d = f.draft
        drop = bool(d.id and best[d.id] > _RANK.get(d.recognizer, 0))
        if not drop and not d.strong:
            drop = bool(d.id and not d.id.isdigit() and d.id in seen_weak)
            # a row with an id of its own (M-10 beside the detailed H-09) indexes a finding, even in like words
            own_id = bool(d.id and not d.id.isdigit() and strong_ids and d.id not in strong_ids)
            drop = drop or (not own_id and _similar(_words(d.title), strong_words))
            drop = drop or _other_spelling_key(d) in strong_keys
            if d.id and not drop:
                seen_weak.add(d.id)
        restated.append(drop)
    rows: dict[int, list[bool]] = {}
    for f, drop in zip(found, restated, strict=True):
        if f.draft.group is not None:
            rows.setdefault(f.draft.group, []).append(drop)
    recaps = {g for g, flags in rows.items() if len(flags) >= 3 and 2 * sum(flags) >= len(flags)}
    return [f for f, drop in zip(found, restated, strict=True) if not drop and f.draft.group not in recaps]


_SEVERITY_FIRST_ID = re.compile(r"^[A-Za-z]+-(?P<dim>[DB]\d{1,2})-(?P<n>\d{1,6})$")  # MINOR-D1-001
_DIMENSION_FIRST_ID = re.compile(r"^(?P<dim>[DB]\d{1,2})-[A-Za-z]{1,2}-?(?P<n>\d{1,6})$")  # D1-m001, D1-M-001


def _spelling_free_key(draft: Draft, flip: bool = False) -> tuple[bool, str, int, str] | None:
    """(style, dimension, number, severity) of a ``MINOR-D1-001`` / ``D1-m001`` style id, so one finding
    listed twice under the two spellings (a Concerns bullet and an Issues table row) is recognised as one.
    ``style`` tells the spellings apart (flipped on request): two ids of one style are never merged."""
    if not draft.id:
        return None
    hit = draft.tag or draft.column
    m = _SEVERITY_FIRST_ID.match(draft.id)
    severity_first = m is not None
    m = m or _DIMENSION_FIRST_ID.match(draft.id)
    if m is None or hit is None:
        return None
    return severity_first != flip, m.group("dim").upper(), int(m.group("n")), hit.severity.value


def _other_spelling_key(draft: Draft) -> tuple[bool, str, int, str] | None:
    return _spelling_free_key(draft, flip=True)


def _scope_text(scope: Section) -> str:
    """Headings and text of ``scope`` (code left out), where a document names its severity tiers."""
    return "\n".join([s.title for s in scope.walk()] + [text_of(list(scope.all_blocks()))])


def _has_content(scope: Section) -> bool:
    return any(True for _ in scope.all_blocks())
