"""Recognizers: a heading whose subsections are the parts of one finding, or whose first lines
rate it (``**Severity**: MEDIUM — …``, ``**Priority**: HIGH``).

Audit write-ups give each finding a heading and split it into standard parts::

    ### [✅ Root + Impact: Missing grace period check](https://…/s/114)
    #### Description
    #### Risk
    #### Proof of Concept
    #### Recommended Mitigation

and one-finding-per-file reports do the same with the document title (``# Title`` then
``## Affected Locations`` / ``## Proof`` / ``## Recommendation``). The heading is the finding;
its severity comes from a ``Severity:`` label or a ``high severity`` phrase in a
Severity/Classification part (never from Likelihood/Impact ratings), its locations from an
"Affected Locations" part first. A judge's verdict (``Invalid``, ``Rejected``) at the top of the
body dismisses it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from reviewkit.config import Vocabulary
from reviewkit.parse.findings.common import (
    Draft,
    SeverityHit,
    inline_md,
    one_line,
    severity_words_in,
    strip_markdown,
    text_of,
)
from reviewkit.parse.findings.lead import lead_line_text
from reviewkit.parse.findings.locations import LEADING_LOCATION, cut_leading_location
from reviewkit.parse.findings.sections import Context, Role, context_of, facts_of
from reviewkit.parse.tree import Node, Section

_PART = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:finding\s+)?(?:description|details?|summary|overview|impact|risk|likelihood|severity"
    r"|classification|proof(?: of concept)?|poc|exploit(?:ation)?(?: scenario)?|attack (?:scenario|path)"
    r"|steps to reproduce|reproduction(?: steps)?|root cause(?: analysis)?|recommendations?|recommended mitigations?"
    r"|mitigations?|remediation|fix|suggested fix|proposed fix|affected (?:locations?|code|files?|components?)"
    r"|locations?|vulnerability details?|preconditions?|tools used|references?|patch|notes?)(?:\s+explanation)?\W*$",
    re.IGNORECASE,
)
_CORE = re.compile(
    r"proof|poc|exploit|attack|reproduc|root cause|recommended mitigation|affected|preconditions?|vulnerability detail"
    r"|suggested fix|fix options",
    re.IGNORECASE,
)
_ONE_BUG = re.compile(r"^\W*bug report\s*[:—–-]\s*|\s+[—–-]?\s*bug (?:fix )?(?:summary|report)\s*$", re.IGNORECASE)
"""A document titled ``Bug Report: X`` / ``X Bug Fix Summary`` is about one bug, X."""
_SEVERITY_PART = re.compile(r"^\W*(?:severity|classification|risk(?: rating)?)\W*$", re.IGNORECASE)
_LOCATION_PART = re.compile(r"^\W*(?:affected (?:locations?|code|files?|components?)|locations?)\W*$", re.IGNORECASE)
_PHRASE = re.compile(r"\b(\w+)[ -](?:severity|risk)\b", re.IGNORECASE)
_VERDICT = re.compile(r"^\W*(?:invalid|rejected|not accepted|withdrawn)\b", re.IGNORECASE | re.MULTILINE)
_STATUS = re.compile(r"^[\s\W]*?(?=[\w`])")
_ORDINAL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}(?:-\d{1,3})?[.)])\s+")  # 2. 2.1 4-11.
_STATUS_TAIL = re.compile(
    r"(?:\s*\((?:fixed|done|resolved|open|pass(?:ed)?|fail(?:ed)?)\))?(?:\s+(?:pass|fail|done|fixed))?\s*$",
    re.IGNORECASE,
)
"""``Test Coverage (Fixed) Pass``: the status after a title (a check mark written as a word) is not the title."""
_TEMPLATE = re.compile(r"^(?:root\s*\+\s*impact|title|finding|issue)\s*:\s*", re.IGNORECASE)


_RATING = re.compile(
    r"^[ \t]*(?:[-*+]\s+)?(?P<key>severity|priority|risk level|risk rating)\s*:\s*(?P<value>\S.*)$", re.I | re.M
)
_RATING_HINT = re.compile(r"severity|priority|risk", re.IGNORECASE)
_RATED_BLOCKS = ("paragraph", "bullet_list")
_STATUS_HINT = re.compile(r"status|verdict", re.IGNORECASE)
_DISMISSED = re.compile(
    r"^[ \t]*(?:[-*+]\s+)?(?:status|verdict)\s*:\s*\W*(?:false positive|invalid|rejected|withdrawn|not a bug"
    r"|not an issue|won'?t fix)",
    re.IGNORECASE | re.MULTILINE,
)
_PASSED = re.compile(r"^\W*(?:ok|none|n/?a|pass(?:ed)?|no issues?|not applicable|good|correct|fine)\b", re.IGNORECASE)


def _rating(section: Section) -> re.Match[str] | None:
    """The rating line opening ``section`` (``**Severity**: LOW — …``), read only when its first
    paragraph's markdown can hold one (most sections' cannot: the plain-text pass is the cost)."""
    first = section.blocks[0] if section.blocks else None
    if first is None or first.type not in _RATED_BLOCKS:
        return None
    if not first.children:
        return None
    head = first.children[0].content if first.type == "paragraph" else inline_md(first.children[0])
    if not _RATING_HINT.search(head[:60]):
        return None
    return _RATING.search(text_of([first]))


_PASS_VERDICT = re.compile(r"^\W*(?:✅|✔️?|☑️?)\s*(?:\*\*|__)?\s*(?:pass(?:ed)?|ok|compliant|verified)\b", re.IGNORECASE)


def is_passed_check(section: Section) -> bool:
    """A heading rated ``**Severity**: OK``, dismissed (``**Status**: ❌ FALSE POSITIVE``) or passed
    (``✅ **PASS** - …``) by its opening lines: nothing below is a finding."""
    m = _rating(section)
    if m is not None and _PASSED.match(m.group("value")) is not None:
        return True
    first = section.blocks[0] if section.blocks else None
    if first is None or first.type != "paragraph" or not first.children:
        return False
    if _PASS_VERDICT.match(first.children[0].content):
        return True
    return _STATUS_HINT.search(first.children[0].content) is not None and bool(_DISMISSED.search(text_of([first])))


def _is_choice(value: str, vocabulary: Vocabulary) -> bool:
    """``low | medium | high | critical``: a template's list of the ratings to choose from."""
    options = re.split(r"\s*[|/]\s*", value.strip())
    return len(options) >= 2 and all(vocabulary.severity_of(o.strip(" *`[]")) is not None for o in options)


_DASH_NUMBER = re.compile(r"^\d{1,3}\s+[-–—]\s+(?=\S)")
"""``### 1 - Directory Listing Exposure``: a pentest report's numbered finding heading."""


def _later_rating(section: Section) -> re.Match[str] | None:
    """A ``**Severity**: 7.5 (High)`` line further down a numbered leaf heading's own blocks (a pentest
    report rates a finding after describing it). Only a Severity label counts here, never a priority."""
    if section.children or not (_ORDINAL.match(section.title) or _DASH_NUMBER.match(section.title)):
        return None
    for block in section.blocks[1:]:
        if block.type != "paragraph" or not block.children or "everity" not in block.children[0].content[:40]:
            continue
        m = _RATING.search(text_of([block]))
        if m is not None and m.group("key").lower() == "severity":
            return m
    return None


def recognize_rated(section: Section, ctx: Context, vocabulary: Vocabulary) -> Draft | None:
    """A draft for a heading without id or tag whose first lines rate it (``**Severity**: LOW — …``,
    ``**Priority**: HIGH``), or a numbered leaf heading a later Severity line rates. A rating of ``OK`` /
    ``None`` / ``N/A`` is a check that passed, not a finding. Only a Severity label gives the severity
    (read later from the body); a priority does not."""
    m = _rating(section) or _later_rating(section)  # the rating opens the section: it rates the heading
    if m is None or not section.title or facts_of(section, vocabulary).severity is not None:
        return None
    if _PASSED.match(m.group("value")) or _is_choice(m.group("value"), vocabulary) or is_part(section.title):
        return None  # "OK", a template's "low | medium | high", a "Summary" rated as a whole
    if m.group("key").lower() == "severity" and not severity_words_in(m.group("value"), vocabulary):
        return None
    title = _TEMPLATE.sub("", _STATUS.sub("", strip_markdown(section.title_md) or section.title))
    return Draft(
        recognizer="heading",
        title=one_line(_DASH_NUMBER.sub("", _ORDINAL.sub("", title))),
        id=section_number(section.title),
        line=section.line,
        end_line=section.end_line,
        lead_text=lead_line_text(section.title_md),
        body_nodes=list(section.all_blocks()),
        dimension=ctx.dimension,
    )


def recognize_located(section: Section, ctx: Context, vocabulary: Vocabulary) -> Draft | None:
    """``### 1. `src/adapters/utils.ts` — ESM import stripping``: a numbered heading naming a file, then
    (after a dash or colon) what is wrong there; no severity is stated."""
    m = _ORDINAL.match(section.title)
    if m is None or section.children:
        return None
    rest = section.title[m.end() :]
    located = LEADING_LOCATION.match(rest)
    if located is None or len(rest) - located.end() < 3:
        return None
    return Draft(
        recognizer="heading",
        id=section_number(section.title),
        title=one_line(rest[located.end() :]),
        line=section.line,
        end_line=section.end_line,
        lead_text=rest[: located.end()],
        location_text=rest[: located.end()],
        body_nodes=list(section.all_blocks()),
        dimension=ctx.dimension,
    )


def recognize_numbered_under_severity(section: Section, ctx: Context, vocabulary: Vocabulary) -> Draft | None:
    """``### 3. Stale balance handling`` under ``## High Risk``: a numbered heading in a severity section
    is a finding of that severity (its subsections are its parts)."""
    m = _ORDINAL.match(section.title)
    if m is None or ctx.severity is None or facts_of(section, vocabulary).severity is not None:
        return None
    return _numbered_heading_draft(section, ctx)


def _numbered_heading_draft(section: Section, ctx: Context) -> Draft:
    """The whole of ``section`` as one finding titled by its heading (number, status and template words cut)."""
    title = _ORDINAL.sub("", strip_markdown(section.title_md) or section.title)
    title = _TEMPLATE.sub("", _STATUS.sub("", title))
    return Draft(
        recognizer="heading",
        id=section_number(section.title),
        title=one_line(cut_leading_location(_STATUS_TAIL.sub("", title))),
        line=section.line,
        end_line=section.end_line,
        lead_text=lead_line_text(section.title_md),
        body_nodes=list(section.all_blocks()),
        dimension=ctx.dimension,
    )


_SUBSECTION = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")
_LABEL_PART = re.compile(r"^(?:\*\*|__)\s*(?P<name>[^*_\n:]{3,40}?)\s*:?\s*(?:\*\*|__)\s*:?(?:\s|$)", re.IGNORECASE)
_PROBLEM_PART = re.compile(
    r"^(?:observations?|problem|issue|bug|defect|actual behaviou?r|root cause|what'?s wrong)$",
    re.IGNORECASE,
)
_ADVICE_PART = re.compile(
    r"^(?:recommendations?|recommended (?:fix|change|action)|suggested fix|suggestion|fix|proposed (?:fix|change)"
    r"|solution|mitigation|remediation|expected behaviou?r)$",
    re.IGNORECASE,
)


_PASSED_MARK = re.compile(r"^\W*(?:✅|✔|☑|none\b|no issues?\b|n/a\b)", re.IGNORECASE)


def is_passed(paragraph: Node) -> bool:
    """``**Finding**: ✅ NO command injection``: the label's value says the check passed."""
    m = _LABEL_PART.match(inline_md(paragraph))
    return m is not None and _PASSED_MARK.match(inline_md(paragraph)[m.end() :]) is not None


def recognize_labelled_parts(section: Section, ctx: Context, vocabulary: Vocabulary) -> Draft | None:
    """``### 1. Add Foreign Key Support`` then ``**Observation:** …`` and ``**Recommendation:** …``: a leaf
    heading whose body is split by bold part labels into what is wrong and what to do is one finding
    (its severity, if any, from a label or the section), even under a "Recommendations" heading."""
    if section.children or not section.title or not section.blocks or section.blocks[0].type != "paragraph":
        return None
    opening = _LABEL_PART.match(inline_md(section.blocks[0]))
    if opening is None or not _PROBLEM_PART.match(opening.group("name").strip()) or is_passed(section.blocks[0]):
        return None  # the parts open the section ("**Observation:**" first), else it holds findings of its own
    names = [
        m.group("name").strip()
        for b in section.blocks[1:]
        if b.type == "paragraph" and (m := _LABEL_PART.match(inline_md(b))) is not None
    ]
    if not any(_ADVICE_PART.match(n) for n in names):
        return None
    return _numbered_heading_draft(section, ctx)


def numbered_gaps(scope: Section, vocabulary: Vocabulary) -> list[tuple[Section, Draft]]:
    """For a review where nothing else reads as a finding: its numbered leaf subsections (``### 2.1 Unsafe
    argument parsing``) that point at code, when there are at least two — a gap list with no severity
    (each finding's severity stays null)."""
    found: list[tuple[Section, Draft]] = []
    for section in scope.walk():
        if section.children or not _SUBSECTION.match(section.title) or not _points_at_code(section):
            continue
        if context_of(section, scope, vocabulary).role is not Role.PRIMARY or is_passed_check(section):
            continue
        title = _ORDINAL.sub("", strip_markdown(section.title_md) or section.title)
        draft = Draft(
            recognizer="numbered-gap",
            id=section_number(section.title),
            title=one_line(_STATUS.sub("", title)),
            line=section.line,
            end_line=section.end_line,
            lead_text=lead_line_text(section.title_md),
            body_nodes=list(section.blocks),
        )
        found.append((section, draft))
    return found if len(found) >= 2 else []


def _points_at_code(section: Section) -> bool:
    if "`" in section.title_md:
        return True
    return any(b.type in ("fence", "code_block") or "`" in inline_md(b) for b in section.blocks[:6])


def section_number(title: str) -> str | None:
    """``1.5`` of ``1.5 Trend Signal EMA``, ``4-11`` of ``4-11. Title``: the number a finding heading is known by."""
    m = _ORDINAL.match(title) or _DASH_NUMBER.match(title)
    return m.group(0).strip().rstrip(".)-–— ") if m is not None else None


def is_part(title: str) -> bool:
    """``Proof of Concept``, ``Recommended Mitigation``, ``Affected Locations``: one part of a finding."""
    return _PART.match(title) is not None


def recognize_plain_heading(section: Section, ctx: Context, vocabulary: Vocabulary) -> tuple[str, Draft] | None:
    """The first of :data:`PLAIN_HEADING_RECOGNIZERS` that reads ``section`` (a heading with neither id
    nor severity tag) as a finding, with its name."""
    for name, recognize in PLAIN_HEADING_RECOGNIZERS:
        draft = recognize(section, ctx, vocabulary)
        if draft is not None:
            return name, draft
    return None


def recognize_anatomy(section: Section, ctx: Context, vocabulary: Vocabulary) -> Draft | None:
    """A draft for ``section`` when at least two of its subsections (one of them a proof, root cause,
    affected-locations or mitigation part) and most of them are finding parts."""
    children = section.children
    if len(children) < 2 or not section.title:
        return None
    parts = [c for c in children if is_part(c.title) and not c.children]  # a part with sections is a chapter
    single = section.level == 1 and _ONE_BUG.search(section.title) and any(_CORE.search(c.title) for c in children)
    if not single and (
        len(parts) < 2 or 2 * len(parts) < len(children) or not any(_CORE.search(c.title) for c in parts)
    ):
        return None
    body = list(section.all_blocks())
    if _VERDICT.search(text_of(section.blocks[:3])):
        return None
    title = _TEMPLATE.sub("", _STATUS.sub("", strip_markdown(section.title_md) or section.title))
    if single:
        title = _ONE_BUG.sub("", title).strip(" :—–-") or title
    return Draft(
        recognizer="heading",
        title=one_line(title),
        line=section.line,
        end_line=section.end_line,
        tag=part_severity(parts, vocabulary) or _severity_above(section, vocabulary),
        lead_text=lead_line_text(section.title_md),
        location_text="\n".join(text_of(list(c.all_blocks())) for c in parts if _LOCATION_PART.match(c.title)),
        body_nodes=body,
        dimension=ctx.dimension,
    )


def with_sibling_parts(drafts: list[tuple[Section, Draft | None]]) -> list[tuple[Section, Draft | None]]:
    """Sibling sections with the draft each read as (None: not a finding), where a finding heading with
    hardly a body of its own (``## Finding Title: X`` over ``**Severity: Medium**``) is followed at its
    own level by its parts (``## Summary``, ``## Proof of Concept``, ``## Recommendation``): those parts
    are its body, and leave the list."""
    out: list[tuple[Section, Draft | None]] = []
    k = 0
    while k < len(drafts):
        child, draft = drafts[k]
        k += 1
        if draft is None or draft.recognizer != "heading" or len(draft.body_nodes) > 2 or child.children:
            out.append((child, draft))
            continue
        end = k
        while end < len(drafts) and drafts[end][1] is None and is_part(drafts[end][0].title):
            end += 1
        parts = [section for section, _ in drafts[k:end]]
        if any(_CORE.search(p.title) for p in parts):
            body = draft.body_nodes + [b for p in parts for b in p.all_blocks()]
            draft = replace(draft, end_line=parts[-1].end_line, body_nodes=body)
            k = end
        out.append((child, draft))
    return out


def _severity_above(section: Section, vocabulary: Vocabulary) -> SeverityHit | None:
    """``medium`` alone on the line above the heading: a contest submission's severity, written before its
    title (``handle`` / ``medium`` / ``# Title``)."""
    above = section.parent.blocks if section.parent is not None and section.parent.level == 0 else []
    if not above or above[-1].type != "paragraph":
        return None
    word = text_of(above[-1:]).strip(" .*`")
    sev = vocabulary.severity_of(word) if len(word) <= 15 else None
    return SeverityHit(sev, word) if sev is not None else None


def part_severity(parts: list[Section], vocabulary: Vocabulary) -> SeverityHit | None:
    """``security_control_failure, high severity`` or a bare ``High`` in a Severity/Classification part."""
    for part in parts:
        if not _SEVERITY_PART.match(part.title):
            continue
        text = text_of(part.blocks)
        for m in _PHRASE.finditer(text):
            sev = vocabulary.severity_of(m.group(1))
            if sev is not None:
                return SeverityHit(sev, m.group(0))
        word = text.strip(" .*`")
        sev = vocabulary.severity_of(word) if len(word) <= 15 else None
        if sev is not None:
            return SeverityHit(sev, word)
    return None


PLAIN_HEADING_RECOGNIZERS: tuple[tuple[str, Callable[[Section, Context, Vocabulary], Draft | None]], ...] = (
    ("anatomy", recognize_anatomy),
    ("rated-heading", recognize_rated),
    ("located-heading", recognize_located),
    ("numbered-under-severity", recognize_numbered_under_severity),
    ("labelled-parts", recognize_labelled_parts),
)
"""Tried in this order on a heading with neither id nor severity tag when the heading recognizer declines."""
