"""Drafts → :class:`~reviewkit.model.Finding`: severity precedence, locations, snippets, dimension.

Severity: a change stated in the body (``Downgraded to MINOR``) or a revised
label wins; then the finding's own label or tag; then a table column; then the
id prefix (only when the document's ids follow a severity-letter scheme); then
the enclosing section heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from reviewkit.config import Vocabulary
from reviewkit.model import Finding, Location, Severity
from reviewkit.parse.citations import fence_captions, permalinks
from reviewkit.parse.findings.common import Draft, SeverityHit, one_line, snippets_of, text_of
from reviewkit.parse.findings.labels import read_labels, table_label_lines
from reviewkit.parse.findings.locations import bare_line_range, cut_leading_location, find_locations, merge_locations
from reviewkit.parse.findings.sections import Context

_CONTRACT_FUNCTION = re.compile(r"(?<![\w:])[A-Z][A-Za-z0-9_]{1,40}::[A-Za-z_]\w{0,60}(?![\w:])")
"""``Vault::withdraw``: a contract's (or class's) function, as audit reports name code when they name no file."""
_LETTER_ID = re.compile(r"^(?:D\d{1,2}-)?(?P<letter>MI|[CHMLINGQ]|m)-?\d{1,6}$")
_DIM_PREFIX = re.compile(r"^(?:[A-Z]+-)?(?P<dim>[DB]\d{1,2})-", re.IGNORECASE)


_CHML = {"C": Severity.CRITICAL, "H": Severity.HIGH, "M": Severity.MEDIUM, "L": Severity.LOW, "I": Severity.INFO}
_CHML |= {"G": Severity.INFO, "N": Severity.INFO, "Q": Severity.INFO}  # audit reports: gas, non-critical, QA
_CMM = {"C": Severity.CRITICAL, "M": Severity.HIGH, "m": Severity.LOW, "N": Severity.LOW, "MI": Severity.LOW}


def id_scheme(ids: Iterable[str | None]) -> dict[str, Severity]:
    """Letter → severity when the document's ids make a severity-letter scheme clear, else {}.

    ``C/H/M/L`` ids (with an H or an L present) read as critical/high/medium/low, and beside them an audit
    report's ``G``/``N``/``Q`` (gas, non-critical, QA) as info;
    ``C/M/m`` ids (with a lower-case m, N or MI present) read as critical/major/minor.
    """
    letters = {m.group("letter") for i in ids if i and (m := _LETTER_ID.match(i))}
    if not letters:
        return {}
    if letters & {"H", "L"} and letters <= set(_CHML):
        return dict(_CHML)
    if letters & {"m", "N", "MI"} and letters <= set(_CMM):
        return dict(_CMM)
    return {"C": Severity.CRITICAL} if letters == {"C"} else {}


def stated_scheme(found: Iterable[tuple[Draft, Context]], text: Callable[[], str]) -> dict[str, Severity]:
    """:func:`id_scheme`, kept only where the document defines its letters (the label brief's rule): a finding
    with a letter id states that severity (a tag, a table column, its severity section), or the document
    names the tiers as a rating (``Critical findings: **5**``, a ``| High | 2 |`` count row, a heading).
    Ids ``H-1``, ``M-1`` in a report that rates nothing (its prose says "a medium issue") stay unrated.
    ``text``: the document's text, read only when no finding settles it."""
    pairs = list(found)
    scheme = id_scheme(d.id for d, _ in pairs)
    if len(scheme) <= 1:
        return scheme  # none, or the weak guess that C ids are critical (a severity section overrides it)
    used: set[Severity] = set()
    for draft, ctx in pairs:
        m = _LETTER_ID.match(draft.id) if draft.id else None
        if m is None or m.group("letter") not in scheme:
            continue
        used.add(scheme[m.group("letter")])
        stated = draft.tag or draft.column or ctx.severity
        if stated is not None and stated.severity is scheme[m.group("letter")]:
            return scheme
    named = {_TIERS[w.lower()] for w in _TIER_WORD.findall(text())}
    return scheme if named & used else {}


_TIER_WORD = re.compile(r"\b(Critical|CRITICAL|High|HIGH|Medium|MEDIUM|Low|LOW|Informational|INFORMATIONAL)\b")
"""A tier named as a rating: capitalised, as a heading, a table cell or a count line writes it."""
_TIERS = {
    "critical": Severity.CRITICAL,
    "high": Severity.HIGH,
    "medium": Severity.MEDIUM,
    "low": Severity.LOW,
    "informational": Severity.INFO,
}


def to_finding(draft: Draft, ctx: Context, scheme: dict[str, Severity], vocabulary: Vocabulary) -> Finding:
    """The finding record of ``draft``."""
    body = draft.body_text or text_of(draft.body_nodes)
    tabled = table_label_lines(draft.body_nodes) if draft.recognizer != "table-row" else ""
    labels = read_labels(f"{body}\n{tabled}" if tabled else body, vocabulary)
    severity, raw = _severity(draft, ctx, labels.severity, scheme)
    title = cut_leading_location(draft.title or one_line(labels.title) or one_line(body)) or draft.id or "(untitled)"
    locations = merge_locations(
        find_locations(draft.location_text),
        find_locations(labels.locations_text),
        find_locations(" ".join(permalinks(draft.body_nodes))),
        find_locations(draft.lead_text),
        find_locations(body),
        find_locations("\n".join(fence_captions(draft.body_nodes))),
    )
    if not locations and (symbol := _CONTRACT_FUNCTION.search(f"{draft.lead_text}\n{body}")) is not None:
        locations = (Location(path=None, symbol=symbol.group(0)),)  # "Pool::withdraw": no file named, its symbol
    if not locations and ctx.file is not None:
        start, end = bare_line_range(labels.locations_text or draft.location_text)
        locations = (Location(path=ctx.file, start=start, end=end),)
    return Finding(
        id=draft.id,
        severity=severity,
        severity_raw=raw,
        title=title,
        body=body if draft.recognizer in ("heading", "table-row") else _after_first_line(body),
        dimension=_dimension(draft),
        locations=locations,
        snippets=snippets_of(draft.body_nodes),
        line=draft.line,
        end_line=max(draft.line, draft.end_line),
    )


def _severity(
    draft: Draft, ctx: Context, label: SeverityHit | None, scheme: dict[str, Severity]
) -> tuple[Severity | None, str | None]:
    for hit in (label, draft.tag, draft.column):
        if hit is not None:
            return hit.severity, hit.raw
    weak_scheme = len(scheme) == 1  # every id starts with C: a guess that a severity section overrides
    if weak_scheme and ctx.severity is not None:
        return ctx.severity.severity, ctx.severity.raw
    if draft.id and (m := _LETTER_ID.match(draft.id)) and m.group("letter") in scheme:
        by_id = scheme[m.group("letter")]
        section = ctx.severity
        return by_id, section.raw if section is not None and section.severity is by_id else None
    if ctx.severity is not None:
        return ctx.severity.severity, ctx.severity.raw
    return None, None


def _dimension(draft: Draft) -> str | None:
    if draft.dimension:
        return draft.dimension
    if draft.id and (m := _DIM_PREFIX.match(draft.id)):
        return m.group("dim").upper()
    return None


def _after_first_line(text: str) -> str:
    return text.split("\n", 1)[1].strip() if "\n" in text else text
