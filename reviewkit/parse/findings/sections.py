"""What an enclosing section means for the findings inside it.

A section heading can say: "everything below is praise / rejected / a recap"
(exclusion), "everything below is CRITICAL" (severity section), or "this is
dimension 3" (dimension). Each finding looks at its enclosing sections,
innermost first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from reviewkit.config import Vocabulary
from reviewkit.model import Severity
from reviewkit.parse.findings.common import SeverityHit, leading_severity, severity_words_in
from reviewkit.parse.findings.lead import Lead, read_lead
from reviewkit.parse.findings.locations import find_locations
from reviewkit.parse.tree import Section


class Role(Enum):
    """How findings under a section are treated."""

    PRIMARY = "primary"
    RECAP = "recap"
    """Restates findings (summaries): adds only findings whose id no primary finding has."""
    PRIORITIES = "priorities"
    """Top-N lists, fix orders, recommendations: used only when the review has nothing else."""
    EXCLUDED = "excluded"
    """Praise, rejected/false-positive findings, trackers of earlier rounds, scores."""


_EXCLUDED = re.compile(
    r"strength|done well|what'?s good|what works|what(?:'s| is) (?:working|right)|impress|positive|praise|\bcommend"
    r"|verified (?:facts|correct)|confirmed correct|not flagged|false[- ]positive|rejected|hallucination|invalid"
    r"|retracted|withdrawn|disputed|dismissed|not applicable|non-issues?|not (?:an? )?(?:issues?|bugs?)\b"
    r"|acknowledg|fix verification|fix assessment|fixes? (?:applied|status)|resolution check|findings? resolution"
    r"|resolved (?:findings|issues)"
    r"|well fixed|not good enough|finding status|tracker|previous round|prior round|carried findings analysis"
    r"|\br\d+ (?:fix|finding|status)|rubric|methodology|calibration"
    r"|decision audit|raw response|model consensus|cross[- ]validation|design decisions"
    r"|trade-?offs? (?:accepted|verified)"
    r"|metadata|changelog|test results|files? (?:reviewed|modified)|appendix|weights?\b|trajectory"
    r"|\b(?:severity|priority|impact|effort|risk|likelihood)\s+(?:levels?|definitions?|scale|matrix|ratings? scale"
    r"|classification)\b|\blegend\b|rating scale|scoring guide",
    re.IGNORECASE,
)
_RECAP = re.compile(
    r"summary|overview|key (?:issues|findings|risks)|remaining risks|count|verdict|conclusion|assessment"
    r"|consensus|\bsynthesis|statistics|score",
    re.IGNORECASE,
)
_SCORE_STATEMENT = re.compile(r"^\W*(?:score|rating|grade)\s*[:=]?\s*\d+(?:\.\d+)?\s*(?:/\s*\d+)?\W*$", re.IGNORECASE)
_PRIORITIES = re.compile(
    r"\btop\s+(?:\d+|three|five|ten)|priorit|recommend|action items?|\bactions?\b|must[- ]fix|next steps"
    r"|roadmap|remediation|fix order|what to fix|path to|\bfixes\b",
    re.IGNORECASE,
)
_PLAN = re.compile(
    r"roadmap|next steps|action items?|recommendations|fix order|what to fix|suggestions|suggested improvements",
    re.IGNORECASE,
)
_ADVICE = re.compile(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:suggestions|suggested improvements)\W*$", re.IGNORECASE)
"""``### Suggestions``: the reviewer's advice (a recommendation list), not info findings — whereas a tagged
``[SUGGESTION]`` item or a ``### Suggestion: …`` heading is one finding of info severity."""
_WEIGHT = {Role.PRIMARY: 0, Role.RECAP: 1, Role.PRIORITIES: 2, Role.EXCLUDED: 3}
_SECTION_NOUNS = frozenset(
    {
        "findings",
        "finding",
        "issues",
        "issue",
        "items",
        "item",
        "bugs",
        "bug",
        "problems",
        "concerns",
        "severity",
        "priority",
        "gaps",
        "gap",
        "risks",
        "risk",
        "vulnerabilities",
        "fixes",
        "fix",
        "fixed",
        "defects",
        "weaknesses",
        "optimizations",
        "optimization",
        "optimisations",
        "optimisation",
        "report",
        "new",
        "remaining",
        "open",
        "&",
        "and",
        "/",
        "-",
        "--",
        "—",
        "–",
        ":",
        "|",
    }
)
_PAREN_SEVERITY = re.compile(r"\((?:(\w+)\s+severity|severity:?\s*(\w+))\)\s*$", re.IGNORECASE)
"""``Accepted Risks (LOW severity)``, ``Open items (Severity: High)``: the section's severity, in a parenthesis."""
_STATUS_WORD = re.compile(r"^\W*(?:pass|fail|done|fixed|open|resolved)\s+(?=\w)", re.IGNORECASE)
"""A status word before a section's severity (``Pass Critical Issues (All Fixed)``, ``Open High Issues``)."""
_P_LEVEL = re.compile(r"^\W*P[0-3]\s+\S")
"""``## P0 严重问题修复``: a priority level opening a heading opens a section in any language."""
_PLURAL_NOUNS = frozenset(
    {"findings", "issues", "bugs", "problems", "concerns", "gaps", "risks", "vulnerabilities", "fixes", "defects"}
    | {"priority", "severity", "risk"}
)
"""A severity word then one of these opens a severity section whatever follows (no colon: not a title)."""
_PAREN = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_COUNT_TAIL = re.compile(r"[:—–-]+\s*\d+\b\s*(?:[a-z]+\s*)?$", re.IGNORECASE)  # "HIGH — 3", "HIGH: 2 issues"
_DIMENSION = re.compile(
    r"^(?:dimension\s+(?P<n>\d{1,2})\b|(?P<key>[DB]\d{1,2})\b(?!-)|(?P<n2>\d{1,2})[.)]\s+[A-Z])", re.IGNORECASE
)


_SECTION_NUMBER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+|[一二三四五六七八九十〇]{1,3}、\s*|（[一二三四五六七八九十]{1,3}）\s*)"
)


_CJK_NUMERALS = "一二三四五六七八九十〇（"
_CJK_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_SECTION = re.compile(
    r"^[^\w\u3400-\u9fff]*(?P<word>[\u3400-\u9fff]{1,3}?)(?:问题|問題|项|項|缺陷|发现|發現|风险|風險|漏洞|事项|事項|级|級)"
    r"?\s*(?:[（(][^）)]*[）)])?\s*$"
)
"""A severity word and at most a noun ("issues", "items") and a count, in a script without spaces."""


def severity_of_section(title: str, vocabulary: Vocabulary, *, loose: bool = True) -> SeverityHit | None:
    """The severity a section heading announces (``CRITICAL (5)``, ``Critical Issues (must fix)``, ``P0 — Critical``).

    Returns None for headings that carry a title beside the severity word
    (``CRITICAL: Title`` is a finding, not a section). ``loose``: a severity word and a plural
    noun open a section whatever follows (``HIGH PRIORITY FIXES NEEDED``) — not for a document
    title (``# Critical Fixes Applied - Pre-Launch QA`` is about the whole document).
    """
    if title[:1].lower() in "pfdor":  # only these letters open a status word (pass, fail, done, open, resolved)
        title = _STATUS_WORD.sub("", title)
    if title[:1].isdigit() or title[:1] in _CJK_NUMERALS:  # "### 2.2 High", "## 二、…": the number is not the title
        title = _SECTION_NUMBER.sub("", title)
    if title and not title.isascii() and (m := _CJK_SECTION.match(title)) is not None:
        sev = vocabulary.severity_of(m.group("word"))
        if sev is not None:
            return SeverityHit(sev, m.group("word"))  # "🟠 中等问题（12 项）", "🟡 轻微项": medium issues, minor items
    if "：" in title or (":" in title and _CJK_TEXT.search(title) is not None):
        head, _, tail = title.replace("：", ":").partition(":")
        if tail.strip() and _CJK_TEXT.search(head) and leading_severity(head.strip(" *_🔴🟠🟡🟢"), vocabulary):
            return None  # "🔴 严重：登记流程可被抢先接管": a finding titled after its severity
    lead = leading_severity(title, vocabulary)
    if lead is None:
        m = _PAREN_SEVERITY.search(title) if loose and "everity" in title else None
        sev = vocabulary.severity_of(m.group(1) or m.group(2)) if m is not None else None
        return SeverityHit(sev, m.group(0).strip("() ")) if m is not None and sev is not None else None
    rest = _PAREN.sub(" ", title)
    rest = _COUNT_TAIL.sub("", rest)
    words = [w for w in rest.replace("/", " / ").split() if w in _SECTION_NOUNS or any(c.isalnum() for c in w)][1:]
    if words and words[0] in ("—", "–", "-", "--") and len(words) > 1 and leading_severity(words[1], vocabulary):
        return lead
    if all(w.lower().strip(":,") in _SECTION_NOUNS or leading_severity(w, vocabulary) for w in words):
        # "Minor Issues & Suggestions": an info word beside the severity names a kind of item, not a second tier
        others = {h.severity for _, h in severity_words_in(title, vocabulary)} - {lead.severity, Severity.INFO}
        if others and len(words) > 1 and any(leading_severity(w, vocabulary) for w in words):
            return None  # "Findings (CRITICAL/MAJOR/MINOR)": several severities, none applies
        return lead
    if (
        loose
        and ":" not in title
        and words
        and (words[0].lower().strip(":,") in _PLURAL_NOUNS or _P_LEVEL.match(title))
    ):
        return lead  # "⚠️ HIGH PRIORITY FIXES NEEDED", "Critical Issues Requiring Immediate Attention"
    return None


def role_of_section(title: str) -> Role:
    """PRIMARY, RECAP or EXCLUDED from the words of one heading (dimension sections are always PRIMARY)."""
    m = _DIMENSION.match(title.strip())
    if m is not None:
        if m.group("n2") and _PLAN.search(title):
            return Role.PRIORITIES  # "9. Remediation Roadmap" is a numbered section, not dimension 9
        return Role.PRIMARY
    if _EXCLUDED.search(title):
        return Role.EXCLUDED
    if _SCORE_STATEMENT.match(title):
        return Role.PRIMARY  # "### Score: 7/10" opening a dimension's section states its score, it sums nothing up
    if _PRIORITIES.search(title):
        return Role.PRIORITIES
    if _RECAP.search(title):
        return Role.RECAP
    return Role.PRIMARY


_CONCERNS = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:weakness(?:es)?|red flags?|concerns?|remaining (?:gaps|issues|items)|gaps?|issues found"
    r"|problems found|open issues|(?:overall |general |additional |other )?comments"
    r"|(?:key |main |detailed )?findings$)\b"
    r"|^\W*(?:[一二三四五六七八九十]+、\s*)?(?:改善|課題|懸念|问题|問題|不足|缺点|缺陷|待改进|改进|개선|문제)",
    re.IGNORECASE,
)


def is_concerns_section(title: str) -> bool:
    """``Weaknesses``, ``2. Red Flags``, ``Remaining Gaps``: sections whose items are all criticisms."""
    return bool(_CONCERNS.match(title))


def _house_section(title: str, vocabulary: Vocabulary) -> bool:
    """A section the house style names as holding findings (``[tool.reviewkit.style] finding_sections``)."""
    if not vocabulary.finding_sections:
        return False
    words = re.sub(r"^\W*(?:\d+[.)]\s*)?", "", title).strip(" :").lower()
    return any(words == name.lower() or words.startswith(name.lower() + " ") for name in vocabulary.finding_sections)


def severity_in_concerns(title: str, vocabulary: Vocabulary) -> SeverityHit | None:
    """``Remaining Items (all MINOR)``: the one severity a concerns heading names, if exactly one."""
    hits = {h.severity: h for _, h in severity_words_in(title, vocabulary)}
    return next(iter(hits.values())) if len(hits) == 1 else None


def dimension_of_section(title: str) -> str | None:
    """``Dimension 3: …`` → D3, ``D3 …`` → D3, ``B2: …`` → B2, ``3. Data Model (7/10)`` → D3."""
    m = _DIMENSION.match(title.strip())
    if m is None:
        return None
    if m.group("key"):
        return m.group("key").upper()
    return f"D{m.group('n') or m.group('n2')}"


@dataclass(frozen=True)
class Context:
    """What the enclosing sections say about a finding found in them."""

    role: Role
    severity: SeverityHit | None
    dimension: str | None
    concerns: bool = False
    """Under a "Weaknesses" / "Red Flags" / "Remaining Gaps" heading: plain items are findings."""
    file: str | None = None
    """The file an enclosing heading names (``### 4. `src/api/app.py` (810 LOC)``): findings below that
    give only line numbers are in it."""


@dataclass(slots=True)
class HeadingFacts:
    """What the words of one heading say, by the functions above; stored on its :class:`Section`."""

    title: str
    title_md: str
    vocabulary: Vocabulary
    severity: SeverityHit | None
    dimension: str | None
    concerns: bool
    concerns_severity: SeverityHit | None
    file: str | None
    _role: Role | None = None
    _lead: Lead | None = None

    @property
    def role(self) -> Role:
        """:func:`role_of_section`, read only when asked (its patterns are the slow ones), then kept."""
        if self._role is None:
            self._role = role_of_section(self.title)
        return self._role

    @property
    def lead(self) -> Lead:
        """The heading's lead line (ids, tag, title), read when first asked, then kept."""
        if self._lead is None:
            self._lead = read_lead(self.title_md, self.vocabulary)
        return self._lead


def read_facts(title: str, vocabulary: Vocabulary, title_md: str = "", level: int = 2) -> HeadingFacts:
    """The facts of a heading (or of a bold label used as one) with the text ``title`` at ``level``."""
    concerns = is_concerns_section(title) or _house_section(title, vocabulary)
    return HeadingFacts(
        title=title,
        title_md=title_md or title,
        vocabulary=vocabulary,
        severity=None if _ADVICE.match(title) else severity_of_section(title, vocabulary, loose=level > 1),
        dimension=dimension_of_section(title),
        concerns=concerns,
        concerns_severity=severity_in_concerns(title, vocabulary) if concerns else None,
        file=file_of_heading(title),
    )


def annotate(root: Section, vocabulary: Vocabulary) -> None:
    """Store every heading's facts on its section, once, right after the tree is built."""
    for section in root.walk():
        section.facts = read_facts(section.title, vocabulary, section.title_md, section.level)


def facts_of(section: Section, vocabulary: Vocabulary) -> HeadingFacts:
    """The facts :func:`annotate` stored on ``section`` (read now for a section built outside a parse)."""
    facts = section.facts
    if not isinstance(facts, HeadingFacts) or facts.vocabulary is not vocabulary:
        facts = section.facts = read_facts(section.title, vocabulary, section.title_md, section.level)
    return facts


_FIX_STATUS = re.compile(r"fixes? (?:applied|status)|fixed issues|issues fixed|found (?:&|and) fixed", re.IGNORECASE)


def is_fix_status(title: str) -> bool:
    """``Fixes Applied``, ``Fixed Issues ✅``: excluded only for its fix words (a fix summary's findings)."""
    return _FIX_STATUS.search(title) is not None and _EXCLUDED.search(_FIX_STATUS.sub(" ", title)) is None


def context_of(section: Section, scope: Section, vocabulary: Vocabulary, *, fixes: bool = False) -> Context:
    """Combine ``section`` and its ancestors up to (excluding) ``scope``'s parent (``fixes``: see
    :func:`~reviewkit.parse.findings.find_findings`)."""
    chain = [section]
    if section is not scope:
        for anc in section.ancestors():
            chain.append(anc)
            if anc is scope:
                break
    role = Role.PRIMARY
    severity: SeverityHit | None = None
    dimension: str | None = None
    inside_dimension = False
    concerns = False
    file: str | None = None
    for sec in chain:
        if sec.level == 0 or (sec is scope and scope.level > 0):
            continue
        facts = facts_of(sec, vocabulary)
        r = Role.PRIMARY
        if sec.level > 1 and facts.severity is None:
            r = facts.role  # a level-1 heading is the document's title, not a section role
            if r is Role.EXCLUDED and fixes and is_fix_status(facts.title):
                r = Role.PRIMARY
        if r is Role.EXCLUDED or (_WEIGHT[r] > _WEIGHT[role] and not inside_dimension):
            role = r
        inside_dimension = inside_dimension or (facts.dimension is not None and r is Role.PRIMARY)
        if severity is None:
            severity = facts.severity
        # a concerns heading's items are findings, and so are those of its plain topic subsections
        # ("## Key findings" / "### Global navigation" / "- **Right pane modules still vary.** …")
        own = facts_of(section, vocabulary)
        topic = sec is section.parent and not section.children and own.severity is None and own.role is Role.PRIMARY
        if (sec is section or topic) and facts.concerns:
            concerns = True
            severity = severity or facts.concerns_severity
        if dimension is None:
            dimension = facts.dimension
        if file is None:
            file = facts.file
    return Context(role=role, severity=severity, dimension=dimension, concerns=concerns, file=file)


def sub_context(base: Context, label: str, vocabulary: Vocabulary) -> Context:
    """``base`` refined by a bold label used as a sub-heading (``**Strengths:**``, ``**CRITICAL**``)."""
    facts = read_facts(label, vocabulary)
    severity = facts.severity
    role = Role.PRIMARY if severity is not None else facts.role
    if _WEIGHT[base.role] > _WEIGHT[role]:
        role = base.role
    concerns = facts.concerns
    if concerns:
        severity = severity or facts.concerns_severity
    return Context(
        role=role, severity=severity or base.severity, dimension=base.dimension, concerns=concerns, file=base.file
    )


_FILE_HEADING = re.compile(r"^(?:\d{1,3}[.)]\s+)?(?P<path>\S+)(?:\s+\([^)]*\))?(?:\s+[A-Z]{3,12})?\s*$")


def file_of_heading(title: str) -> str | None:
    """The path a heading consists of (``4. src/api/app.py (810 LOC) MODIFIED``), else None."""
    m = _FILE_HEADING.match(title.strip())
    if m is None:
        return None
    found = find_locations(m.group("path"))
    return found[0].path if len(found) == 1 and found[0].start is None and "/" in (found[0].path or "") else None
