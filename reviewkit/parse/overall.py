"""The overall score of one review scope, and the rule when a review states it twice.

Candidates come from :data:`OVERALL_RECOGNIZERS` in priority order; see
:func:`find_overall` for the rule (catalog §4.15).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TypeAlias

from reviewkit.parse.score_scope import ScoreScope
from reviewkit.parse.score_values import NUM, ScoreValue, parse_score
from reviewkit.parse.text import TextLine, block_lines, paragraphs
from reviewkit.parse.tree import Section, inline_markdown

OVERALL_LABEL = re.compile(
    r"^(?:r\d+\s+)?(?:(?:group\s+\w+|alpha|beta|final|weighted|overall|total|consensus|calibrated|composite|"
    r"adjusted|behaviou?ral|normali[sz]ed|aggregate|combined)\s+)*"
    r"(?:overall(?:\s+(?:score|rating|grade|assessment))?|total(?:\s+score)?|score|rating|grade|average|composite|aggregate|"
    r"weighted\s+(?:score|total|average)|security\s+(?:score|rating)|(?:[a-z-]+\s+)?health\s+score|overall(?:\s+[a-z-]+){1,2}\s+(?:score|rating|grade)"
    r"|(?:总体|總體|整体|整體|综合|綜合|总|總)(?:评分|評分|得分|分)|総合(?:評価|スコア|得点|点)|(?:종합|전체)\s*점수|총점"
    r"|(?:общая|итоговая)\s+оценка|score global|note globale|puntuaci[óo]n (?:global|total)"
    r"|pontua[çc][ãa]o (?:geral|total)"
    r"|gesamt(?:bewertung|punktzahl|note)|punteggio (?:complessivo|totale))"
    r"(?:\s*\([^)]*\))?(?:\s+on\s+(?:a\s+)?0-100\s+scale)?$",
    re.IGNORECASE,
)
_HAS_DIGIT = re.compile(r"\d")
_SCORE_WORD = re.compile(
    r"score|total|overall|average|grade|rating|composite|aggregate|subtotal|quality|评分|評分|得分|总分|評価|スコア|점수|총점"
    r"|оценка",
    re.IGNORECASE,
)
_EXPLICIT_TOTAL = re.compile(r"overall|total|weighted|aggregate|composite", re.IGNORECASE)
_LABELLED = re.compile(
    r"^(?P<label>[A-Za-z0-9 ()/&.'-]{2,60}?|[^\W\d_][\w ]{1,20}?)\s*(?:[:：]|\s[—–=]\s|\s-\s)\s*(?P<value>.+)$"
    r"|^(?P<plabel>[A-Za-z0-9 /&.'-]{2,60}?)\s*\((?P<pvalue>~?\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?)\)$"
)
_CODE_SCORE = re.compile(
    rf"\bSCORE\s*=\s*({NUM}\s*/\s*{NUM})"
    rf"|^[ \t|]*(?:weighted\s+)?(?:total|overall)(?:\s+score)?[ \t:=|.]*({NUM}\s*/\s*{NUM})[ \t|]*$",
    re.IGNORECASE | re.MULTILINE,
)
"""``R68 SCORE = 92.9/100``, or a ``TOTAL   70/100`` line closing a score block kept in a code fence."""

OverallCandidate = tuple[ScoreValue, int]
OverallRecognizer: TypeAlias = Callable[[ScoreScope], list["OverallCandidate"]]


def overall_from_labels(ctx: ScoreScope) -> list[OverallCandidate]:
    """``**Overall Score: 70/100**``, ``## Total Score: 65 / 100``, ``**Score**: 61/100`` metadata …"""
    found: list[OverallCandidate] = []
    for line in ctx.label_lines:
        value = overall_label_value(line.plain, ctx.round)
        if value is not None:
            found.append((value, line.line))
    return found


def overall_from_total_rows(ctx: ScoreScope) -> list[OverallCandidate]:
    """The total row of the review's score table (``| **Total** | **58** |``)."""
    for result in ctx.tables:
        if result.total is not None:
            return [(result.total, result.total_line)]
    return []


def overall_from_code(ctx: ScoreScope) -> list[OverallCandidate]:
    """``R68 SCORE = 92.9/100`` lines of weighted computations, and ``TOTAL  70/100`` rows, in code blocks."""
    found: list[OverallCandidate] = []
    for block in ctx.section.all_blocks():
        if block.type not in ("fence", "code_block"):
            continue
        for m in _CODE_SCORE.finditer(block.content):
            value = parse_score(m.group(1) or m.group(2))
            if value is not None:
                found.append((value, (block.map[0] + 1) if block.map else 1))
    return found


OVERALL_RECOGNIZERS: tuple[tuple[str, OverallRecognizer], ...] = (
    ("labelled-line", overall_from_labels),
    ("total-row", overall_from_total_rows),
    ("code-block", overall_from_code),
)
"""Overall-score sources in priority order."""


def find_overall(ctx: ScoreScope) -> tuple[ScoreValue, int] | None:
    """The review's overall score and its line.

    Rule when a review states its overall score more than once (catalog §4.15, e.g.
    ``**Final Score: 62/100**`` in the summary and ``| **TOTAL** | **63/100** |`` in
    the table): the first labelled statement in document order wins (a heading, a
    metadata key or a bold ``Label: value`` line), then the score table's total row,
    then a ``SCORE = x/100`` line in a code block. Labels that name an earlier round,
    a baseline, a subtotal or a per-dimension score never count: a partial total is not the overall.
    """
    for _name, recognize in OVERALL_RECOGNIZERS:
        found = recognize(ctx)
        if found:
            return min(found, key=lambda c: c[1])
    return None


def overall_label_value(text: str, round_: str | None, pattern: re.Pattern[str] | None = None) -> ScoreValue | None:
    """The score of a ``Label: value`` line whose label names an overall score, else None."""
    m = _LABELLED.match(text.strip().lstrip("#-*+ ").strip())
    if not m:
        return None
    label = (m.group("label") or m.group("plabel")).strip()
    raw_value = m.group("value") or m.group("pvalue")
    if not (pattern or OVERALL_LABEL).match(label):
        return None
    for r in re.finditer(r"\bR(\d+)\b", label):
        if round_ is not None and f"R{int(r.group(1))}" != round_:
            return None
    value = parse_score(raw_value)
    if value is None:
        return None
    if label.lower().strip() == "score" and value.scale is None and value.score <= 10:
        return None
    return value


def label_lines(scope: Section, skip: frozenset[Section]) -> Iterator[TextLine]:
    """Heading and paragraph lines of ``scope`` that could be ``Label: number`` statements.

    Inside dimension sections only explicit totals (``overall``/``total``/``weighted``) count.
    """
    for section in scope.walk():
        in_dimension = section in skip or any(a in skip for a in section.ancestors())
        lines = [TextLine(section.title_md, section.line)] if section.level > 0 else []
        for block in section.blocks:
            if block.type in ("paragraph", "bullet_list", "ordered_list", "blockquote"):
                for paragraph in paragraphs(block):
                    # a paragraph without a number and a score word has no line with both: skip it whole
                    if _may_state_score(inline_markdown(paragraph)):
                        lines += block_lines(paragraph)
        for line in lines:
            if not _may_state_score(line.markdown):
                continue
            if not in_dimension or _EXPLICIT_TOTAL.search(line.plain.split(":", 1)[0]):
                yield line


_SCORE_WORD_LOWER = re.compile(_SCORE_WORD.pattern)  # the same plain words, for lower-cased ASCII text


def _may_state_score(markdown: str) -> bool:
    """Cheap pre-check: a score label needs a number and a score word (``_SCORE_WORD``)."""
    if _HAS_DIGIT.search(markdown) is None:
        return False
    if markdown.isascii():  # re's case folding differs from str.lower only beyond ASCII
        return _SCORE_WORD_LOWER.search(markdown.lower()) is not None
    return _SCORE_WORD.search(markdown) is not None
