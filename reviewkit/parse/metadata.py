"""Review metadata — reviewer, round, commit, date — from the places reviews put it.

Sources are read in a declared order (:data:`SOURCES`): the H1 title, the metadata
block under it (``**Key**: value``, ``**Key:** value``, plain ``Key: value``, several
keys on one line split by ``|``), metadata written as H2 headings, a footer line
(``*Review by Grok 4 | Round 1 | 2026-02-20*``) and, for the reviewer only, the file
name. For each field the first source that yields a value wins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import TypeVar

from reviewkit.config import Vocabulary
from reviewkit.parse.text import TextLine, block_lines, find_model, strip_markup
from reviewkit.parse.tree import Section

_ROUND = re.compile(r"\bRound[\s-]*(\d{1,3})\b|\bR(\d{1,3})\b", re.IGNORECASE)
_SHA = re.compile(r"(?<![\w/.-])(?=[0-9a-f]*\d)[0-9a-f]{7,40}(?![\w-])")
_LABELLED_SHA = re.compile(r"(?<![\w/.-])[0-9a-f]{7,40}(?![\w-])")
"""Under a ``Commit:`` label a sha may be all letters (``deadbee``); in free text it needs a digit."""
_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_KEY_VALUE = re.compile(r"^\s*(?:[-*+]\s+)?([A-Za-z][A-Za-z0-9 ()/&._-]{0,40}?)\s*:\s*(.+?)\s*$")
_GENERIC_REVIEWER = re.compile(r"^(?:mcp__|external\b|n/?a\b|none\b)", re.IGNORECASE)
_FILE_SUFFIXES = re.compile(r"(?:[-_](?:review|code|agent|d\d+(?:d\d+)*|b\d+(?:b\d+)*))+$", re.IGNORECASE)
_GENERIC_STEMS = frozenset(
    {"review", "reviews", "summary", "findings", "synthesis", "final-review", "index", "readme", "all-models", "notes"}
)
T = TypeVar("T")

_DATED_KEYS = frozenset({"applied", "generated", "reviewed", "completed", "created", "updated"})
_HEAD_LINES = 40
"""Metadata lives near the top: only this many lines below a scope's heading are read as metadata."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a review says about itself; every field may be missing."""

    reviewer: str | None = None
    round: str | None = None
    commit: str | None = None
    date: dt.date | None = None

    def inherit(self, parent: Metadata) -> Metadata:
        """This metadata with missing fields taken from ``parent``."""
        return Metadata(
            reviewer=self.reviewer or parent.reviewer,
            round=self.round or parent.round,
            commit=self.commit or parent.commit,
            date=self.date or parent.date,
        )


@dataclass(frozen=True, slots=True)
class MetaField:
    """One ``key: value`` pair found in a metadata line (key lower-cased, markup stripped)."""

    key: str
    value: str
    line: int


# ------------------------------------------------------------------ field readers


def normal_round(text: str) -> str | None:
    """``Round 16`` / ``R16`` / ``16`` → ``R16`` (the first round number in ``text``)."""
    m = _ROUND.search(text)
    if m:
        return f"R{int(m.group(1) or m.group(2))}"
    bare = re.fullmatch(r"\s*(\d{1,3})\b.*", text)
    return f"R{int(bare.group(1))}" if bare else None


def first_sha(text: str) -> str | None:
    """The first commit sha (7–40 hex digits, at least one a digit) in ``text``."""
    m = _SHA.search(text.replace("`", ""))
    return m.group(0) if m else None


def labelled_sha(text: str) -> str | None:
    """The first commit sha in the value of a ``Commit:`` field, letters-only ones included."""
    m = _LABELLED_SHA.search(text.replace("`", ""))
    return m.group(0) if m else None


def first_date(text: str) -> dt.date | None:
    """The first ISO date in ``text`` that is a real calendar date."""
    for m in _DATE.finditer(text):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def clean_reviewer(value: str, vocabulary: Vocabulary) -> str | None:
    """A reviewer value cut to the name: ``Gemini 3 Pro (thinking=high)`` → ``Gemini 3 Pro``."""
    value = strip_markup(value)
    if not value or _GENERIC_REVIEWER.match(value):
        return None
    head = re.split(r"\s*(?:\(|\[|\bvia\b|\s[—–-]{1,2}\s|,|;|\|)", value, maxsplit=1)[0].strip(" .:-")
    if not head:
        return None
    model = find_model(head, vocabulary)
    return model or head


def reviewer_from_filename(path: str) -> str | None:
    """The reviewer a file name suggests: ``grok-review.md`` → ``grok``, ``beta-agent.md`` → ``beta``."""
    stem = PurePosixPath(path).stem.lower()
    if stem in _GENERIC_STEMS:
        return None
    name = _FILE_SUFFIXES.sub("", stem)
    return name or None


# ------------------------------------------------------------------ where metadata lives


def meta_fields(lines: list[TextLine]) -> list[MetaField]:
    """Split metadata lines into ``key: value`` fields (``A: x | B: y`` gives two)."""
    out: list[MetaField] = []
    for text_line in lines:
        for part in re.split(r"\s+\|\s+", text_line.plain):
            m = _KEY_VALUE.match(part)
            if m:
                out.append(MetaField(m.group(1).strip().lower(), m.group(2).strip(), text_line.line))
    return out


def head_lines(scope: Section) -> list[TextLine]:
    """Lines of the metadata block of ``scope``: its own leading paragraphs, and for the root the H1's."""
    limit = scope.line + _HEAD_LINES
    lines = [t for t in _paragraph_lines(scope) if t.line <= limit]
    title = _title_section(scope)
    if title is not None and title is not scope:
        lines += [t for t in _paragraph_lines(title) if t.line <= limit]
        lines += [TextLine(c.title_md, c.line) for c in title.children if c.line <= limit]
    return lines


def _paragraph_lines(section: Section) -> list[TextLine]:
    """Lines of the top-level paragraphs of ``section`` (list items are content, not metadata)."""
    return [t for block in section.blocks if block.type == "paragraph" for t in block_lines(block)]


def footer_lines(scope: Section) -> list[TextLine]:
    """The last paragraph of ``scope`` when it is short: where ``*Review by … | date*`` footers sit."""
    blocks = list(scope.all_blocks())
    for block in reversed(blocks[-3:]):
        if block.type == "paragraph":
            lines = block_lines(block)
            return lines if len(lines) <= 3 else []
    return []


def _title_section(scope: Section) -> Section | None:
    if scope.level == 1:
        return scope
    if scope.level == 0:
        return next((c for c in scope.children if c.level == 1), None)
    return None


# ------------------------------------------------------------------ recognizers

Recognizer = Callable[[Section, str, Vocabulary], Metadata]


def from_title(scope: Section, path: str, vocabulary: Vocabulary) -> Metadata:
    """Round, reviewer (a model named in the title) and date from the H1 title."""
    title = _title_section(scope)
    if title is None:
        return Metadata()
    text = title.title
    return Metadata(reviewer=find_model(text, vocabulary), round=normal_round_in(text), date=first_date(text))


def normal_round_in(text: str) -> str | None:
    m = _ROUND.search(text)
    return f"R{int(m.group(1) or m.group(2))}" if m else None


def from_metadata_block(scope: Section, path: str, vocabulary: Vocabulary) -> Metadata:
    """``Reviewer`` / ``Model`` / ``Commit`` / ``Codebase`` / ``Date`` / ``Round`` keys near the top."""
    fields = meta_fields(head_lines(scope))
    reviewer = _first(fields, ("reviewer",), lambda v: clean_reviewer(v, vocabulary))
    reviewer = reviewer or _first(fields, ("model", "judge"), lambda v: clean_reviewer(v, vocabulary))
    commit = _first_matching(fields, lambda k: "commit" in k, labelled_sha)
    commit = commit or _first_matching(fields, lambda k: k.startswith("codebase"), first_sha)
    date = _first_matching(fields, lambda k: "date" in k, first_date)
    date = date or _first_matching(fields, lambda k: k in _DATED_KEYS, first_date)
    round_ = _first(fields, ("round",), normal_round)
    return Metadata(reviewer=reviewer, round=round_, commit=commit, date=date)


def from_footer(scope: Section, path: str, vocabulary: Vocabulary) -> Metadata:
    """``*Review by Grok 4 | Round 1 | 2026-02-20*`` and ``*Reviewer: Gemini perspective*`` footers."""
    lines = footer_lines(scope)
    text = " | ".join(t.plain for t in lines)
    if not text or not any(t.markdown.lstrip().startswith(("*", "_")) for t in lines):
        return Metadata()
    m = re.search(r"\breview(?:ed|er)?\b(?:\s+\w+)?\s*(?:by|:)\s*(.+)", text, re.IGNORECASE)
    reviewer = clean_reviewer(m.group(1), vocabulary) if m else None
    return Metadata(reviewer=reviewer, round=normal_round_in(text), date=first_date(text))


def from_filename(scope: Section, path: str, vocabulary: Vocabulary) -> Metadata:
    """Last resort for the reviewer: the file name (only for a whole document)."""
    if scope.level != 0:
        return Metadata()
    return Metadata(reviewer=reviewer_from_filename(path))


SOURCES: tuple[tuple[str, Recognizer], ...] = (
    ("title", from_title),
    ("metadata-block", from_metadata_block),
    ("footer", from_footer),
    ("file-name", from_filename),
)
"""Metadata sources in priority order: the first one giving a field wins."""


def find_metadata(scope: Section, path: str, vocabulary: Vocabulary) -> Metadata:
    """Reviewer, round, commit and date of the review in ``scope`` (the root for a whole document)."""
    result = Metadata()
    for _name, recognize in SOURCES:
        result = result.inherit(recognize(scope, path, vocabulary))
    return result


def with_reviewer(meta: Metadata, reviewer: str | None) -> Metadata:
    """``meta`` with its reviewer replaced when ``reviewer`` is given."""
    return replace(meta, reviewer=reviewer) if reviewer else meta


def _first(fields: list[MetaField], keys: tuple[str, ...], read: Callable[[str], T | None]) -> T | None:
    return _first_matching(fields, lambda k: k in keys, read)


def _first_matching(
    fields: list[MetaField], accept: Callable[[str], bool], read: Callable[[str], T | None]
) -> T | None:
    for f in fields:
        if accept(f.key):
            value = read(f.value)
            if value is not None:
                return value
    return None
