"""Reviewer names and finding references as fix summaries write them.

``Grok C1, GPT F10`` · ``Gemini-F1/GPT-F11/Grok-F5`` · ``All 3 (Gemini #2, GPT #1, Grok C1)`` ·
``DeepSeek F-002, Gemini M2, GPT F1 (3/3)`` · ``Models: DeepSeek (F5), Gemini (F2)``.

Reviewer words are matched with the alias map of :class:`~reviewkit.config.Vocabulary`
(user-editable), so a project with other reviewers only extends ``[tool.reviewkit.aliases]``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reviewkit.config import Vocabulary
from reviewkit.model import FindingRef
from reviewkit.parse.text import may_contain

__all__ = ["extract_refs", "id_tokens", "id_variants", "match_reviewer", "normalize_id", "reviewer_spans"]

_ID_TOKEN = re.compile(r"(?<![\w.-])(#\d{1,3}|[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w])")
_CONSENSUS = re.compile(r"\b\d(?:\.\d)?/\d\b")
_NOT_IDS = frozenset({"PEP", "HTTP", "UTF", "SHA", "TTL", "IPV", "PY", "PYTHON", "V", "S", "STEP", "ROUND"})
_ROUND_REF = re.compile(r"^R\d{1,3}$")
_WORD_EDGE = r"(?<![a-z0-9]){}(?![a-z0-9])"
_SHARED_PREFIX = re.compile(r"(?<![\w-])((?:[A-Za-z0-9]+-)+)([A-Za-z]+)(\d+)(\s*/\s*)(\2\d+)(?![\w-])")


@lru_cache(maxsize=32)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    # longest first so "grok 4" wins over "grok"; spaces and hyphens are interchangeable
    parts = [re.escape(a).replace(r"\ ", r"[\s_-]?").replace(r"\-", r"[\s_-]?") for a in sorted(aliases, key=len)[::-1]]
    return re.compile("|".join(_WORD_EDGE.format(p) for p in parts), re.IGNORECASE)


@lru_cache(maxsize=32)
def _alias_heads(aliases: tuple[str, ...]) -> tuple[str, ...] | None:
    """What a text naming any alias must contain: each alias up to its first space or hyphen (the
    pattern loosens only those), lower-cased. None when an alias is not ASCII (re's case folding
    then matches more than a lower-case substring test)."""
    heads = tuple(sorted({re.split(r"[ -]", a, maxsplit=1)[0].lower() for a in aliases}))
    return heads if all(h.isascii() for h in heads) else None


def _canonical(vocabulary: Vocabulary, written: str) -> str | None:
    key = re.sub(r"[\s_-]+", " ", written.lower()).strip()
    for alias, canon in vocabulary.aliases.items():
        if re.sub(r"[\s_-]+", " ", alias) == key:
            return canon
    return None


def reviewer_spans(text: str, vocabulary: Vocabulary) -> list[tuple[int, int, str]]:
    """(start, end, canonical reviewer) of every reviewer name in ``text``, in order."""
    if not vocabulary.aliases:
        return []
    aliases = tuple(vocabulary.aliases)
    heads = _alias_heads(aliases)
    if heads is not None and not may_contain(text, heads):
        return []  # no alias can be named: spare the slow case-insensitive alternation
    pattern = _alias_pattern(aliases)
    out: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        canon = _canonical(vocabulary, m.group(0))
        if canon is not None:
            out.append((m.start(), m.end(), canon))
    return out


def match_reviewer(text: str, vocabulary: Vocabulary) -> str | None:
    """The canonical reviewer named first in ``text`` ("Grok 4 (xAI)" → grok), or None."""
    spans = reviewer_spans(text, vocabulary)
    return spans[0][2] if spans else None


def normalize_id(raw: str, reviewer: str | None = None, *, keep_case: bool = False) -> str:
    """Comparable form of a finding id: ``GPT-F01`` (reviewer gpt) → ``F1``; ``#2`` → ``2``.

    Case is folded unless ``keep_case``: some schemes tell severities apart by case alone
    (``D2-M001`` major, ``D2-m001`` minor), so a lookup tries the case-kept form first.
    """
    text = raw.strip().lstrip("#")
    text = re.sub(r"^FINDING\s*", "", text, flags=re.I)
    if reviewer:
        text = re.sub(rf"^{re.escape(reviewer)}[\s_-]*", "", text, flags=re.I)
    text = re.sub(r"[\s_-]+", "", text)
    text = re.sub(r"(?<![0-9])0+(?=\d)", "", text) or raw.strip()
    return text if keep_case else text.upper()


def id_variants(raw: str, reviewer: str | None = None) -> tuple[str, ...]:
    """Normalised forms a cited id may take in the review: ``F2`` is also ``Finding 2`` (``2``).

    Summaries prefix numbered findings (``GPT F2`` for a review's ``Finding 2``); the exact
    form comes first and is preferred.
    """
    exact = normalize_id(raw, reviewer)
    m = re.fullmatch(r"F?(\d+)", exact)
    return (exact, m.group(1)) if m and m.group(1) != exact else (exact,)


def id_tokens(text: str) -> list[str]:
    """Id-like tokens in ``text`` (they hold a digit; severity words and round labels are not ids)."""
    out: list[str] = []
    for m in _ID_TOKEN.finditer(text):
        token = m.group(1)
        if not any(c.isdigit() for c in token) or len(token) > 24:
            continue
        head = re.split(r"[-\d]", token.lstrip("#"), maxsplit=1)[0].upper()
        if head in _NOT_IDS or _ROUND_REF.match(token):
            continue
        if re.fullmatch(r"[A-Za-z]+\d+[A-Za-z]+\d*", token) and not re.fullmatch(r"[A-Z]\d+[a-z]?", token):
            continue  # gpt52, d4d5d6, py311: names, not ids
        out.append(token)
    return out


def _inherit_prefixes(text: str) -> str:
    """``P0-F2/F3`` → ``P0-F2/P0-F3``: a slash-listed id of the same shape shares the first one's prefix."""
    while True:
        expanded = _SHARED_PREFIX.sub(r"\1\2\3\4\1\5", text)
        if expanded == text:
            return text
        text = expanded


def _segment_ids(segment: str) -> list[str]:
    # refs end where the prose starts: a sentence end, a colon or a dash separator
    cut = re.split(r"\.\s|:\s|\s--?\s|\s—\s|\bvia\b", segment, maxsplit=1)[0]
    cut = _CONSENSUS.sub(" ", cut).lstrip(" -_:(")
    return id_tokens(_inherit_prefixes(cut))


def extract_refs(text: str, vocabulary: Vocabulary, *, bare_ids: bool = False) -> tuple[FindingRef, ...]:
    """Findings ``text`` cites: each reviewer name followed by its ids.

    ``Gemini F1/F7`` gives two refs for Gemini; ``Grok (scoring)`` gives none.
    With ``bare_ids``, ids before the first reviewer name (``RAG-001 / GPT-F1``)
    become refs without a reviewer.
    """
    spans = reviewer_spans(text, vocabulary)
    refs: list[FindingRef] = []
    if bare_ids:
        head = text[: spans[0][0]] if spans else text
        refs.extend(FindingRef(reviewer=None, id=t) for t in _segment_ids(head))
    for i, (_start, end, canon) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        for token in _segment_ids(text[end:stop]):
            refs.append(FindingRef(reviewer=canon, id=token))
    return tuple(dict.fromkeys(refs))


def consensus_in(text: str) -> str | None:
    """The first ``k/n`` count in ``text`` (``3/3``, ``1.5/3``), or None."""
    m = _CONSENSUS.search(text)
    return m.group(0) if m else None
