"""Text normalisation shared by fingerprints and fix detection: pure string functions."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ID_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]|[A-Za-z0-9]")
_ROUND = re.compile(r"(?<![A-Za-z0-9])(?:r|round)[-_ ]?(\d{1,4})(?![0-9A-Za-z])", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPACE = re.compile(r"\s+")
STEM = 6
_PATHISH = re.compile(r"\S*(?:/|\.[A-Za-z]{1,5}\b)\S*")

_STOPWORD_TEXT = """a an and are as at be been but by can could does doing each for from has have how if in into
    is it its
    may might more most must no not of on once only or other our out over same should so some such than that the
    their them then there these they this those through to too under until up very was we were what when where
    which while who why will with would you your all any both few own also via per without within after before
    missing lacks lack uses use using used never always still just fix fixes fixed issue finding add added
    remove removed make makes made line lines file code"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_TITLE_STOP_WORDS = """a an the of in on at to for from by with and or not no is are be been was were it its this that
these those as via vs into than then but if when while under over per all any can could should would may might must
does do doesn't don't has have had missing"""
_TITLE_STOP = frozenset(_TITLE_STOP_WORDS.split())
_ID_LIKE = re.compile(r"\b(?=[a-z]*\d)[a-z0-9]+(?:-[a-z0-9]+)+\b|\b[a-z]{0,3}\d+[a-z]?\b")


def squash(text: str) -> str:
    """Whitespace-normalised text: runs of whitespace become one space, ends stripped."""
    return _SPACE.sub(" ", text).strip()


def code_key(line: str) -> str:
    """A code line with all whitespace removed: survives re-indentation and reformatting.

    ``str.split`` splits at exactly the characters ``\\s`` matches, without a regex per line.
    """
    return "".join(line.split())


def content_hash(lines: list[str]) -> str | None:
    """sha256 (first 16 hex) of the whitespace-normalised non-blank lines, None when there are none."""
    kept = [squash(line) for line in lines if line.strip()]
    if not kept:
        return None
    return hashlib.sha256("\n".join(kept).encode("utf-8")).hexdigest()[:16]


def words(text: str) -> set[str]:
    """Significant lowercase word stems: identifiers split at ``_`` and camelCase, stopwords dropped.

    Stems are the first STEM letters of the singular, a crude stemmer that lets "compared" meet
    "comparison" and "orders" meet "order".
    """
    out: set[str] = set()
    for token in set(_WORD.findall(text)):  # identifiers repeat: each distinct one is split once
        out |= _token_stems(token)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _token_stems(token: str) -> frozenset[str]:
    parts = _CAMEL.sub("_", token).lower().split("_")
    return frozenset(_singular(p)[:STEM] for p in parts if len(p) >= 3 and p not in STOPWORDS and not p.isdigit())


def _singular(word: str) -> str:
    plural = len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return word[:-1] if plural else word


def title_words(title: str) -> set[str]:
    """Words of a finding title without the paths and ``file:line`` references it may carry."""
    return words(_PATHISH.sub(" ", title))


def reviewer_key(reviewer: str | None) -> str | None:
    """The stem of the reviewer's first name-like word (``GPT-5.2 Codex`` → ``gpt``), to spot it in messages."""
    for token in re.findall(r"[A-Za-z]{3,}", reviewer or ""):
        found = words(token)
        if found:
            return found.pop()
    return None


def id_tokens(text: str) -> set[str]:
    """Id-like tokens (``C-001``, ``D1-M002``, ``H3``) of ``text`` for word-boundary id matches.

    Case is kept: schemes use it (``D2-M001`` major vs ``D2-m001`` minor).
    """
    return set(_ID_TOKEN.findall(text))


def round_numbers(text: str) -> set[str]:
    """Round numbers mentioned as ``R16`` / ``round 16`` / ``round-16`` (leading zeros dropped)."""
    return {str(int(n)) for n in _ROUND.findall(text)}


def round_number(label: str | None) -> str | None:
    """The round number of a label (``R16``, ``16``, ``prod-r16``), or None."""
    if not label:
        return None
    if label.strip().isdigit():
        return str(int(label.strip()))
    found = _ROUND.findall(label)
    return str(int(found[-1])) if found else None


def normalise_title(title: str) -> str:
    """Lowercase words of ``title`` without ids, numbers, stop words or punctuation.

    The one title normalisation: fingerprints carry it, and tracking compares titles with it.
    """
    low = title.lower().replace("_", " ")
    low = _ID_LIKE.sub(" ", low)
    return " ".join(w for w in re.findall(r"[a-z][a-z0-9]+", low) if w not in _TITLE_STOP)


_NOT_ASCII_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())


def is_significant_key(key: str) -> bool:
    """True for a :func:`code_key` distinctive enough to recognise elsewhere (not braces, not `return None`):
    12 characters, 8 of them ASCII letters or digits."""
    return len(key) >= 12 and len(key.encode("ascii", "ignore").translate(None, _NOT_ASCII_ALNUM)) >= 8


def is_significant_code(line: str) -> bool:
    """True for code lines distinctive enough to recognise elsewhere (not braces, not `return None`)."""
    return is_significant_key(code_key(line))


def significant_keys(lines: Iterable[str]) -> set[str]:
    """The :func:`code_key` of each line :func:`is_significant_key` keeps; each distinct key is judged once."""
    keys = {"".join(line.split()) for line in lines}
    return {k for k in keys if len(k) >= 12 and len(k.encode("ascii", "ignore").translate(None, _NOT_ASCII_ALNUM)) >= 8}
