"""Dimension score tables in all their layouts (catalog §2.3.2) → dimension scores and a total.

A table qualifies when one column names the dimensions (``Dimension``, ``Dim``,
``Name``, ``Component``…, or holds ``D1``/``B3`` keys) and one column holds this
review's score. Choosing that column is the subtle part: weight, weighted, delta,
trend, post-fix and earlier-round columns are never the score; a ``Calibrated`` or
``Final`` column beats a ``Raw`` one; a column naming this review's round
(``R36 Review`` in round 36) beats one naming another round; tables with one
column per reviewer only count through their ``Consensus``/``Median``/``Average``
column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewkit.model import DimensionScore
from reviewkit.parse.score_values import ScoreValue, parse_score, scale_from_header
from reviewkit.parse.text import MODEL_FAMILIES, strip_markup
from reviewkit.parse.tree import Node, plain_text, table_rows

_NAME_HEADER = re.compile(r"dimension|^dim$|^dim\b|\bname\b|component|section|\barea\b|categor|criteri|aspect", re.I)
_KEY_HEADER = re.compile(r"^(?:#|dim|id|no\.?|key|d)$", re.I)
_EXCLUDED = re.compile(
    r"weight|contribution|delta|trend|\bgap\b|\bmax\b|note|justification|rationale|evidence|\bkey\b|comment|"
    r"change|status|reason|observ|finding|issue|spotlight|post[- ]?fix|project|expect|estimat|target|fixes|diff|"
    r"reviewer|"
    r"\bmodel\b|explanation|summary|verdict|impact|strength|weakness|critical|important|count|lines|est\b",
    re.I,
)
_REJECT_TABLE = re.compile(r"^(?:severity|file|file:line|location|problem|metric|round|model|scenario)$", re.I)
_TOTAL_ROW = re.compile(
    r"^(?:total|overall|weighted total|weighted (?:score|average|overall)|sum|average|avg|composite|final|"
    r"grand total|mean|score global|global score|note globale|puntuaci[óo]n (?:global|total)"
    r"|pontua[çc][ãa]o (?:geral|total)"
    r"|gesamt(?:bewertung|punktzahl|note)?|punteggio (?:complessivo|totale)|总分|总体评分|综合评分)\b",
    re.I,
)
_SCORE_ROW = re.compile(
    r"^(?:overall|global|total|final)\s+(?:score|rating|grade)|^score (?:global|total|final)|^note globale"
    r"|^puntuaci[óo]n (?:global|total)|^pontua[çc][ãa]o (?:geral|total)|^gesamt(?:bewertung|punktzahl|note)"
    r"|^总分|^总体评分|^综合评分",
    re.I,
)
"""A row naming the overall score: what makes a table of metrics a table of scores."""
_SEVERITY_ROW = re.compile(
    r"^(?:critical|high|medium|moderate|low|info(?:rmational)?|major|minor|blocker|trivial|nit|p[0-4])$", re.I
)
_RATED_HEADER = re.compile(r"\b(?:score|rating|grade)\b", re.I)
_MODEL_HEADER = re.compile(r"\b(?:" + "|".join(MODEL_FAMILIES) + r")\b", re.I)
_AGGREGATE = re.compile(r"consensus|median|average|\bavg\b|\bmean\b", re.I)
_KEY_VALUE = re.compile(r"^(?P<k>[DB])(?P<n>\d+)(?![-\w]|\.\w)\s*[-—–:.]*\s*", re.I)


@dataclass(frozen=True, slots=True)
class TableScores:
    """Dimension rows and the total row of one score table."""

    dimensions: tuple[DimensionScore, ...]
    total: ScoreValue | None
    total_line: int


@dataclass(frozen=True, slots=True)
class _Columns:
    key: int | None
    name: int
    score: int
    weighted: int | None
    weight: int | None
    max: int | None


def read_score_table(table: Node, round_: str | None) -> TableScores | None:
    """Dimension scores of ``table``, or None when it is not a score table."""
    header, rows = table_rows(table)
    header = [strip_markup(h).lower() for h in header]
    if not header or any(_REJECT_TABLE.match(h) for h in header[:2]):
        return None  # before reading every cell: most tables of a review are not score tables
    cells = [(line, [plain_text(c) for c in row]) for line, row in rows]
    columns = _columns(header, cells, round_)
    if columns is None:
        return None
    dims: list[DimensionScore] = []
    total: ScoreValue | None = None
    total_line = 0
    bare_max = 0.0
    parsed: list[tuple[str | None, str, ScoreValue, float | None]] = []
    for line, row in cells:
        row = row + [""] * (len(header) - len(row))
        label = " ".join(strip_markup(c) for c in row[: columns.name + 1]).strip()
        if "subtotal" in label.lower():
            continue
        first_cells = [strip_markup(c) for c in row[: max(columns.name, columns.key or 0) + 1]]
        if any(_TOTAL_ROW.match(c) for c in first_cells if c):
            if total is None:
                total, total_line = _total_value(row, columns), line
            continue
        key, name = _key_and_name(row, columns)
        value = parse_score(row[columns.score])
        if value is None or not (key or name):
            continue
        row_max = parse_score(row[columns.max].lstrip("/ ")) if columns.max is not None else None
        if value.scale is None:
            bare_max = max(bare_max, value.score)
        parsed.append((key, name, value, row_max.score if row_max else None))
    if not _enough(parsed, cells):
        return None
    if sum(1 for _, name, _, _ in parsed if _SEVERITY_ROW.match(name)) * 2 >= len(parsed):
        return None  # | Critical | 5 | … |: a count of findings by severity, not scores
    header_scale = scale_from_header(header[columns.score])
    default = header_scale or (100.0 if bare_max > 10 else 10.0)
    for key, name, value, row_top in parsed:
        scale = value.scale or row_top or default
        dims.append(DimensionScore(key=key, name=name or key or "?", score=value.score, scale=scale))
    if total is not None and total.scale is None:
        top = max(d.scale for d in dims)
        total = ScoreValue(total.score, top if total.score <= top else 100.0)
    return TableScores(tuple(dims), total, total_line)


def _enough(parsed: list[tuple[str | None, str, ScoreValue, float | None]], cells: list[tuple[int, list[str]]]) -> bool:
    if not parsed:
        return False
    if len(parsed) == 1:
        return parsed[0][0] is not None
    return len(parsed) * 2 >= len(cells) - 1


def _columns(header: list[str], cells: list[tuple[int, list[str]]], round_: str | None) -> _Columns | None:
    key_col = next((i for i, h in enumerate(header) if _KEY_HEADER.match(h)), None)
    name_col = next((i for i, h in enumerate(header) if _NAME_HEADER.search(h) and i != key_col), None)
    if name_col is None and key_col is not None and _column_has_keys(cells, key_col):
        name_col = key_col
    if name_col is None and _column_has_keys(cells, 0):
        name_col = 0
    if name_col is None and key_col != 0 and any(_RATED_HEADER.search(h) for h in header[1:]):
        name_col = 0  # | Contract | Rating | …: what the first column names is what the rating rates
    if name_col is None and key_col != 0 and any(_SCORE_ROW.match(strip_markup(row[0])) for _, row in cells if row):
        name_col = 0  # | Score Global | 100% |: a table with an overall row rates what its first column names
    if name_col is None and key_col != 0 and any(_scaled(cells, i) for i in range(1, len(header))):
        name_col = 0  # headers in any language: a column of "8/10" values rates what the first column names
    if name_col is None:
        return None
    if key_col is not None and key_col != name_col and key_col > name_col:
        key_col = None
    score_col = _score_column(header, cells, {name_col, key_col}, round_)
    if score_col is None:
        return None
    weighted = next((i for i, h in enumerate(header) if "weighted" in h or "contribution" in h), None)
    weight = next((i for i, h in enumerate(header) if re.search(r"weight(?!ed)", h)), None)
    max_col = next((i for i, h in enumerate(header) if h in ("max", "out of", "scale")), None)
    return _Columns(key=key_col, name=name_col, score=score_col, weighted=weighted, weight=weight, max=max_col)


def _score_column(
    header: list[str], cells: list[tuple[int, list[str]]], taken: set[int | None], round_: str | None
) -> int | None:
    model_cols = [i for i, h in enumerate(header) if _MODEL_HEADER.search(h) and i not in taken]
    if len(model_cols) >= 2:
        aggregate = [i for i, h in enumerate(header) if _AGGREGATE.search(h) and i not in taken]
        return next((i for i in aggregate if _numeric(cells, i)), None)
    ranked: list[tuple[int, int]] = []
    for i, h in enumerate(header):
        if i in taken or _EXCLUDED.search(h) or not _numeric(cells, i):
            continue
        ranked.append((_column_rank(h, header, round_), i))
    if not ranked:
        return None
    best_rank = max(r for r, _ in ranked)
    return next(i for r, i in ranked if r == best_rank)


def _column_rank(h: str, header: list[str], round_: str | None) -> int:
    rank = 0
    if re.search(r"calibrated|final", h):
        rank += 3
    if re.search(r"\b(?:after|current|now|new|updated|revised)\b", h):
        rank += 3  # | Before | After |: the score the review gives now
    elif re.search(r"\b(?:before|previous|prior|old|initial|baseline|was|original)\b", h):
        rank -= 2
    rounds = [f"R{int(n)}" for n in re.findall(r"\br(\d+)\b", h)]
    if rounds:
        rank += 2 if round_ in rounds else -2
    if re.search(r"score|rating|grade|points", h):
        rank += 1
    if "raw" in h and any(re.search(r"calibrated|final", o) for o in header):
        rank -= 1
    return rank


def _numeric(cells: list[tuple[int, list[str]]], col: int) -> bool:
    values = [row[col] for _, row in cells if col < len(row) and row[col].strip()]
    good = sum(1 for v in values if parse_score(v) is not None)
    return good >= 1 and good * 2 >= len(values)


def _scaled(cells: list[tuple[int, list[str]]], col: int) -> bool:
    """Most of the column's values are written on their scale (``8/10``, ``75/100``; a percentage is not a
    score), and there are at least two."""
    values = [row[col] for _, row in cells if col < len(row) and row[col].strip()]
    scaled = sum(1 for v in values if "/" in v and (score := parse_score(v)) is not None and score.scale is not None)
    return scaled >= 2 and scaled * 5 >= len(values) * 4


def _column_has_keys(cells: list[tuple[int, list[str]]], col: int) -> bool:
    values = [strip_markup(row[col]) for _, row in cells if col < len(row)]
    keyed = sum(1 for v in values if _KEY_VALUE.match(v))
    return keyed >= 1 and keyed * 2 >= len(values)


def _key_and_name(row: list[str], columns: _Columns) -> tuple[str | None, str]:
    key: str | None = None
    if columns.key is not None:
        raw_key = strip_markup(row[columns.key])
        m = _KEY_VALUE.match(raw_key)
        if m and m.end() == len(raw_key):
            key = f"{m.group('k').upper()}{int(m.group('n'))}"
    name = strip_markup(row[columns.name])
    m = _KEY_VALUE.match(name)
    if m:
        key = key or f"{m.group('k').upper()}{int(m.group('n'))}"
        name = name[m.end() :]
    name = re.sub(r"^\d+[.)]\s*", "", name)
    name = re.sub(r"\s*(?:\([^)]*\)|\[[^\]]*\])\s*$", "", name).strip(" *:-—–")
    if key is not None and columns.key == columns.name and not name:
        name = key
    return key, name


def _total_value(row: list[str], columns: _Columns) -> ScoreValue | None:
    order = [columns.score, columns.weighted, columns.name + 1]
    for i in (i for i in order if i is not None and i != columns.weight):
        if i < len(row):
            value = parse_score(row[i])
            if value is not None:
                return value
    return None
