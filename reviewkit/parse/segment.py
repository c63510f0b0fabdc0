"""Several reviewers in one document → one scope per reviewer.

The round-53…65 ``all-models.md`` shape: sibling headings that each name a model
(``## Model 1: Gemini 3.1 Pro (thinking=high)``, ``### GPT-5.2 Codex -- D4, D5, D6``,
``## Grok 4 (D9, D10)``), each holding that model's scores and findings. A heading
counts only when the model name is all it says besides a parenthesis or a list of
dimensions, so ``### Gemini Score Assessment`` or ``### Gemini False Positives`` never
opens a review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewkit.config import Vocabulary
from reviewkit.parse.text import model_family, model_regex, strip_markup
from reviewkit.parse.tree import Section

_MODEL_PREFIX = re.compile(r"^(?:model\s*\d+\s*[:.—–-]\s*)", re.IGNORECASE)
_LEFTOVER = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b[DB]\d+\b|\band\b|[\s,:;/+&—–-]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReviewScope:
    """A part of a document holding one reviewer's review (the whole document for most)."""

    section: Section
    reviewer: str | None = None


def reviewer_heading(title: str, vocabulary: Vocabulary) -> str | None:
    """The model a heading introduces (``Gemini 3 Pro (D1, D2, D3)`` → ``Gemini 3 Pro``), else None."""
    text = strip_markup(title)
    prefixed = _MODEL_PREFIX.match(text)
    body = text[prefixed.end() :] if prefixed else text
    m = model_regex(vocabulary).match(body)
    if not m:
        return None
    if not prefixed and _LEFTOVER.sub("", body[m.end() :]):
        return None
    return m.group(0).strip(" -")


def split_reviews(root: Section, vocabulary: Vocabulary) -> list[ReviewScope]:
    """One scope per reviewer when sibling headings introduce ≥2 different models, else the root."""
    for parent in root.walk():
        scopes = _model_children(parent, vocabulary)
        if scopes:
            return scopes
    return [ReviewScope(root)]


def _model_children(parent: Section, vocabulary: Vocabulary) -> list[ReviewScope]:
    scopes: list[ReviewScope] = []
    for child in parent.children:
        name = reviewer_heading(child.title, vocabulary)
        if name is not None:
            scopes.append(ReviewScope(child, name))
    families = {model_family(s.reviewer or "", vocabulary) for s in scopes}
    return scopes if len(families) >= 2 else []
