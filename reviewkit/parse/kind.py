"""What a document is: a review, a fix summary, a synthesis, or something else.

Each signal in :data:`SIGNALS` looks at one kind of evidence in the section tree
(title words, section headings, table headers, metadata keys, the file name as a
weak hint) and votes for a kind with a weight. The kind with the most weight wins;
ties and silence go to ``review`` when the document has review structure, else ``other``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary
from reviewkit.model import DocumentKind
from reviewkit.parse.findings.single import SEVERITY_FIELD
from reviewkit.parse.metadata import head_lines, meta_fields
from reviewkit.parse.segment import ReviewScope, split_reviews
from reviewkit.parse.text import MODEL_FAMILIES
from reviewkit.parse.tree import Section, plain_text, table_header

K = DocumentKind


@dataclass(frozen=True, slots=True)
class Evidence:
    """The parts of a document the kind signals read (lower-cased)."""

    title: str
    headings: tuple[str, ...]
    table_headers: tuple[str, ...]
    meta_keys: frozenset[str]
    stem: str
    reviewer_sections: int = 0
    """Sibling sections that each open one model's review (several reviewers in one file)."""
    preamble: str = ""
    """Text of the blocks before the first section below the title (where a template says it is one)."""
    rated_head: bool = False
    """The blocks under the title rate one finding (``| Severity | High |``, ``**Severity:** High``)."""


def gather_evidence(
    root: Section, path: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY, scopes: list[ReviewScope] | None = None
) -> Evidence:
    """Title, headings, table headers, metadata keys and file stem of a document (``scopes``: its reviewer split)."""
    if scopes is None:
        scopes = split_reviews(root, vocabulary)
    sections = list(root.walk())[1:]
    title = next((s.title for s in sections if s.level == 1), "")
    headers = [" | ".join(table_header(block)).lower() for block in root.all_blocks() if block.type == "table"]
    return Evidence(
        title=title.lower(),
        headings=tuple(s.title.lower() for s in sections if s.level > 1),
        table_headers=tuple(headers),
        meta_keys=frozenset(f.key for f in meta_fields(head_lines(root))),
        stem=PurePosixPath(path).stem.lower(),
        reviewer_sections=sum(1 for s in scopes if s.reviewer),
        preamble=_preamble(root),
        rated_head=any(
            vocabulary.severity_of(m.group("value")) is not None for m in SEVERITY_FIELD.finditer(_head_text(root))
        ),
    )


def _head_text(root: Section) -> str:
    """Plain text, a line per paragraph, item or row, of the first blocks under the document's title."""
    blocks = list(root.blocks[:3])
    if root.children and root.children[0].level == 1:
        blocks += root.children[0].blocks[:4]
    return "\n".join(plain_text(b) for b in blocks if b.type in ("paragraph", "table", "bullet_list"))


def _preamble(root: Section) -> str:
    """Plain text of the first blocks of the document and of its title's section."""
    blocks = list(root.blocks[:3])
    if root.children and root.children[0].level == 1:
        blocks += root.children[0].blocks[:3]
    return " ".join(plain_text(b) for b in blocks if b.type in ("paragraph", "blockquote"))


Signal = Callable[[Evidence], Counter[DocumentKind]]

_SEVERITY_HEADING = re.compile(
    r"^(?:#+\s*)?(?:critical|high|medium|low|major|minor|moderate|important|p[0-3])s?\b(?!\s+path)"
    r"(?:\s*(?:\(\d+|findings|issues|severity|—|--|-|:|\(|$))",
)
_FIX_TITLE = re.compile(
    r"^fix(?:es)?\b|\bfix(?:es)?\s*(?:summary|list|log|applied|batch|report|:|$)|\bapplied\b|\bremediation\b"
)
_AUDIT_TITLE = re.compile(
    r"\b(?:audit|security|vulnerabilit\w*|bugs?|pentest(?:ing)?|penetration test(?:ing)?|threat model"
    r"|code review|issues"
    r"|score ?card|score report|quality (?:report|assessment)|assessment report|health check"
    r"|revisión|revisão|auditoría|auditoria|prüfung|überprüfung|révision|ревью|аудит|обзор кода)\b"
    r"|审查|审计|審查|審計|评审|評審|レビュー|監査|리뷰|코드 검토|보안 감사"
)
_REPORT = re.compile(r"\breport\b")
_TEMPLATE_NOTE = re.compile(
    r"\b(?:copy|use|duplicate|fill in|follow) this (?:template|file|structure)\b|^\W*template\b"
    r"|\bthis (?:is a )?template\b"
    r"|\btemplate (?:for|structure)\b|\bplaceholders?\b|\bfill (?:in|out)\b"
    r"|\bYYYY-MM-DD\b|\bX\.Y\.Z\b|\{\{\s*\w+\s*\}\}|\[(?:insert|your|project name|date|name)\b[^\]]*\]",
    re.IGNORECASE | re.MULTILINE,
)
"""The preamble says the document is a template ("Copy this template structure…"); a review that compares the
code *against* a template mentions the word without being one."""
_PART_HEADING = re.compile(
    r"^\W*(?:proof of concept|poc|root cause|affected (?:locations?|code|files?)|recommended mitigation"
    r"|preconditions?|steps to reproduce|exploit scenario|attack scenario|vulnerability details?)\W*$"
)
_FINDING_HEADING = re.compile(
    r"^(?!fix-)(?:finding\s+)?(?:[a-z]{1,8}-)*[a-z]{0,3}-?\d{1,3}(?:\s*\[|[:.]\s|\s+[—–-]|\s*\()"
)
_FIX_HEADING = re.compile(
    r"fix(?:es)? applied|\bfixed\b|not fixed|unfixed|\bdeferred\b|\bskipped\b|disputed|fix summary|"
    r"consensus (?:matrix|analysis|findings)|files modified|\bbatch\b|\bapplied\b|^fix \d|resolution|fix log|"
    r"remaining items|fixes \(|^criticals fixed|^majors (?:fixed|deferred)"
)
_FIX_HEADING_WORDS = (
    "fix",
    "deferred",
    "skipped",
    "disputed",
    "consensus",
    "files modified",
    "batch",
    "applied",
    "resolution",
    "remaining items",
)
"""Each alternative of ``_FIX_HEADING`` holds one of these words (headings are lower-cased)."""


def _is_fix_heading(heading: str) -> bool:
    return any(w in heading for w in _FIX_HEADING_WORDS) and _FIX_HEADING.search(heading) is not None


_FIX_TABLE = re.compile(r"fix applied|\bfixed\b|\bfix\b|resolution|fixer|\baction\b|lines removed|why not fixed")
_SYNTH_TITLE = re.compile(r"meta-analysis|synthesis|calibration|consensus|behavio(?:u)?ral|judge|evaluation")
_SYNTH_HEADING = re.compile(
    r"calibrat|per-model|blind spot|cross-model|false positive analysis|^tier \d|judge|consensus score|"
    r"model scores|score normali[sz]ation|per-dimension scores|bias|theme \d|raw scores|meta|fix verification|"
    r"remediation priorities|composite score"
)
_STRONG_SYNTH_TITLE = re.compile(r"meta-analysis|synthesis|behavio(?:u)?ral")
_PLAN_TITLE = re.compile(
    r"^\W*(?:plan|template)\b|\b(?:implementation|action|fix|migration|rollout|test|remediation) plan\b"
    r"|\btemplate\b|\btest ?cases?\b|casos de (?:teste|prueba)|тест-кейсы|测试用例|テストケース"
    r"|\bplantilla\b|\bvorlage\b|模板|テンプレート"
)
"""A plan, a template or a list of test cases: what will be done or checked, not what was found."""
_OTHER_TITLE = re.compile(
    r"\bindex\b|learnings|round history|checklist|score sheet|quality review scores|\btemplate\b|\bplantilla\b"
    r"|\bvorlage\b|模板|テンプレート"
)
_MODEL_WORD = re.compile(r"\b(?:" + "|".join(MODEL_FAMILIES) + r")\b")


def is_blank_form(root: Section) -> bool:
    """The document says it is a plan, a template or a list of test cases (its title, or its preamble asking
    to copy or fill it in): what it lists are slots and tasks, never findings."""
    title = next((s.title for s in root.walk() if s.level == 1), "").lower()
    return _PLAN_TITLE.search(title) is not None or _TEMPLATE_NOTE.search(_preamble(root)) is not None


def title_words(ev: Evidence) -> Counter[DocumentKind]:
    votes: Counter[DocumentKind] = Counter()
    if _FIX_TITLE.search(ev.title):
        votes[K.FIX_SUMMARY] += 3
    if re.search(r"\bsummary\b", ev.title):
        votes[K.FIX_SUMMARY] += 2
    if _SYNTH_TITLE.search(ev.title):
        votes[K.SYNTHESIS] += 12 if _STRONG_SYNTH_TITLE.search(ev.title) else 7
    if _REPORT.search(ev.title):  # a "Final Report" merges rounds; an "Audit Report" is a review
        votes[K.SYNTHESIS] += 7 if "final report" in ev.title else 2
    if ev.rated_head:
        votes[K.REVIEW] += 4  # "| Severity | High |" under the title: a report on one finding
    if _TEMPLATE_NOTE.search(ev.preamble):
        votes[K.OTHER] += 12  # "Copy this template structure when producing review output"
    if re.search(r"\d-model\b.*\bsummary\b|\bsummary\b.*\d-model\b", ev.title):
        votes[K.SYNTHESIS] += 3
    if _OTHER_TITLE.search(ev.title):
        votes[K.OTHER] += 8
    if _PLAN_TITLE.search(ev.title):
        votes[K.OTHER] += 10
    if re.search(r"\breview\b|\bfindings\b", ev.title):
        votes[K.REVIEW] += 2
    if _AUDIT_TITLE.search(ev.title) and not _FIX_TITLE.search(ev.title) and "summary" not in ev.title:
        votes[K.REVIEW] += 8  # "Security Audit Report", "Bug Hunt Report": an audit is a review
    return votes


def section_headings(ev: Evidence) -> Counter[DocumentKind]:
    votes: Counter[DocumentKind] = Counter()
    votes[K.REVIEW] += min(4, sum(1 for h in ev.headings if _SEVERITY_HEADING.match(h)))
    votes[K.REVIEW] += min(4, sum(1 for h in ev.headings if _FINDING_HEADING.match(h)))
    votes[K.FIX_SUMMARY] += 2 * min(3, sum(1 for h in ev.headings if _is_fix_heading(h)))
    votes[K.SYNTHESIS] += min(3, sum(1 for h in ev.headings if _SYNTH_HEADING.search(h)))
    votes[K.REVIEW] += min(3, sum(1 for h in ev.headings if _PART_HEADING.match(h)))  # a finding's parts
    return votes


def table_headers(ev: Evidence) -> Counter[DocumentKind]:
    votes: Counter[DocumentKind] = Counter()
    votes[K.FIX_SUMMARY] += min(3, sum(1 for h in ev.table_headers if _FIX_TABLE.search(h)))
    multi_model = sum(1 for h in ev.table_headers if len(set(_MODEL_WORD.findall(h))) >= 2)
    votes[K.SYNTHESIS] += min(2, multi_model)
    votes[K.REVIEW] += min(2, sum(1 for h in ev.table_headers if re.search(r"severity", h)))
    return votes


def reviewer_sections(ev: Evidence) -> Counter[DocumentKind]:
    """Several models' reviews side by side (``## Model 1: Gemini …``) is a review document."""
    votes: Counter[DocumentKind] = Counter()
    if ev.reviewer_sections >= 2:
        votes[K.REVIEW] += 8
    return votes


def metadata_keys(ev: Evidence) -> Counter[DocumentKind]:
    votes: Counter[DocumentKind] = Counter()
    if ev.meta_keys & {"reviewer", "model"}:
        votes[K.REVIEW] += 3
    if ev.meta_keys & {"fixer", "fixers", "applied", "applied by", "fixes applied"}:
        votes[K.FIX_SUMMARY] += 3
    if ev.meta_keys & {"models", "judges", "calibrator", "purpose", "reviewers", "reviews", "review inputs"}:
        votes[K.SYNTHESIS] += 1
    return votes


def file_name(ev: Evidence) -> Counter[DocumentKind]:
    """A weak hint only: names are conventions, not content."""
    votes: Counter[DocumentKind] = Counter()
    if re.search(r"review|findings|alpha|beta|" + "|".join(MODEL_FAMILIES), ev.stem):
        votes[K.REVIEW] += 1
    if re.search(r"summary|fix|applied", ev.stem):
        votes[K.FIX_SUMMARY] += 1
    if re.search(r"synthesis|calibration|meta|consensus|report|behavio", ev.stem):
        votes[K.SYNTHESIS] += 1
    if re.search(r"index|learnings|scores$", ev.stem):
        votes[K.OTHER] += 1
    return votes


SIGNALS: tuple[tuple[str, Signal], ...] = (
    ("title-words", title_words),
    ("section-headings", section_headings),
    ("table-headers", table_headers),
    ("reviewer-sections", reviewer_sections),
    ("metadata-keys", metadata_keys),
    ("file-name", file_name),
)
"""Kind signals; their votes are summed."""


def classify(
    root: Section, path: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY, scopes: list[ReviewScope] | None = None
) -> DocumentKind:
    """The kind of the document whose section tree is ``root`` (``scopes``: its reviewer split, when known)."""
    evidence = gather_evidence(root, path, vocabulary, scopes)
    votes: Counter[DocumentKind] = Counter()
    for _name, signal in SIGNALS:
        votes.update(signal(evidence))
    if not votes or max(votes.values()) <= 0:
        return K.OTHER
    best = max(votes.values())
    for kind in (K.REVIEW, K.FIX_SUMMARY, K.SYNTHESIS, K.OTHER):
        if votes[kind] == best:
            return kind
    return K.OTHER
