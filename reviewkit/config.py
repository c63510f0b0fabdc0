"""User-editable vocabulary: severity words and reviewer aliases.

Defaults live here as data; a project extends them in ``pyproject.toml``::

    [tool.reviewkit.severity]
    critical = ["SHOWSTOPPER"]
    low = ["COSMETIC"]

    [tool.reviewkit.aliases]
    grok = ["Grok 4", "grok-4", "xai"]
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from reviewkit.errors import ConfigError
from reviewkit.model import Severity

DEFAULT_SEVERITY_WORDS: Mapping[Severity, tuple[str, ...]] = {
    Severity.CRITICAL: ("CRITICAL", "BLOCKER", "P0"),
    Severity.HIGH: ("HIGH", "MAJOR", "IMPORTANT", "P1"),
    Severity.MEDIUM: ("MEDIUM", "MODERATE", "P2"),
    Severity.LOW: ("LOW", "MINOR", "P3"),
    Severity.INFO: ("INFO", "INFORMATIONAL", "NIT", "SUGGESTION", "NOTE", "GAS", "QA"),
}

TRANSLATED_SEVERITY_WORDS: Mapping[Severity, tuple[str, ...]] = {
    # Spanish, Portuguese, Italian, French, German, Russian; then Chinese, Japanese, Korean (matched without word
    # boundaries: those scripts put none between words). Words that are common in English text ("media", "bas",
    # "critique") are left out: a heading "Media Upload" must not open a medium section.
    Severity.CRITICAL: (
        "CRÍTICO",
        "CRÍTICA",
        "CRITICO",
        "BLOQUEANTE",
        "BLOQUANT",
        "KRITISCH",
        "КРИТИЧЕСКИЙ",
        "КРИТИЧЕСКАЯ",
        "КРИТИЧНО",
        "严重",
        "致命",
        "嚴重",
        "致命的",
        "치명적",
    ),
    Severity.HIGH: (
        "ALTO",
        "ALTA",
        "ELEVADO",
        "ELEVADA",
        "ÉLEVÉ",
        "ÉLEVÉE",
        "MAJEUR",
        "MAJEURE",
        "HOCH",
        "ВЫСОКИЙ",
        "ВЫСОКАЯ",
        "高危",
        "높음",
    ),
    Severity.MEDIUM: (
        "MEDIO",
        "MÉDIO",
        "MÉDIA",
        "MODERADO",
        "MODERADA",
        "MOYEN",
        "MOYENNE",
        "MITTEL",
        "СРЕДНИЙ",
        "СРЕДНЯЯ",
        "中危",
        "中等",
        "중간",
    ),
    Severity.LOW: (
        "BAJO",
        "BAJA",
        "BAIXO",
        "BAIXA",
        "BASSO",
        "BASSA",
        "FAIBLE",
        "MINEUR",
        "MINEURE",
        "NIEDRIG",
        "GERING",
        "НИЗКИЙ",
        "НИЗКАЯ",
        "低危",
        "轻微",
        "輕微",
        "낮음",
    ),
    Severity.INFO: ("INFORMATIVO", "INFORMATIF", "HINWEIS", "提示"),
}
"""Severity words of other languages, read like the English ones."""

DEFAULT_ALIASES: Mapping[str, tuple[str, ...]] = {
    "grok": ("grok", "grok 4", "grok-4", "grok4"),
    "gemini": ("gemini", "gemini 3 pro", "gemini 3.1 pro", "gemini 3 flash"),
    "gpt": ("gpt", "gpt-5.2", "gpt-5.2 codex", "gpt52", "gpt-5.3 codex", "gpt53", "codex"),
    "deepseek": ("deepseek", "deepseek-v3.2", "deepseek-v3.2-speciale"),
    "claude": ("claude", "claude opus 4.6", "opus 4.6", "opus"),
}


class Vocabulary(BaseModel):
    """Severity words (upper case) → severity, and reviewer aliases → canonical name."""

    model_config = ConfigDict(frozen=True)

    severity_words: dict[str, Severity] = Field(default_factory=dict)
    aliases: dict[str, str] = Field(default_factory=dict)
    id_patterns: tuple[str, ...] = ()
    """House id patterns (regular expressions, ``AUD\\.\\d+\\.\\d+``) read as finding ids at the start of a lead."""
    finding_sections: tuple[str, ...] = ()
    """House section names (``Observations``) whose plain items are all findings, matched case-insensitively."""

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every word and alias: equal vocabularies share it, so memo tables can key on it."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Vocabulary:
        """A copy; with ``update`` its fingerprint is computed afresh, not carried over."""
        copied = super().model_copy(update=update, deep=deep)
        if update:
            copied.__dict__.pop("fingerprint", None)
        return copied

    def __hash__(self) -> int:
        # frozen, but its dict fields are not hashable; the fingerprint is (and is computed once)
        return hash(self.fingerprint)

    def severity_of(self, word: str) -> Severity | None:
        """The severity a label means, or None. Case and surrounding punctuation are ignored."""
        return self.severity_words.get(word.strip(" *_[]()`:-").upper())


def _build(
    extra_sev: Mapping[str, list[str]],
    extra_alias: Mapping[str, list[str]],
    style: Mapping[str, list[str]] | None = None,
) -> Vocabulary:
    words: dict[str, Severity] = {}
    for table in (TRANSLATED_SEVERITY_WORDS, DEFAULT_SEVERITY_WORDS):
        for sev, defaults in table.items():
            for w in defaults:
                words[w] = sev
    for name, items in extra_sev.items():
        try:
            sev = Severity(name.lower())
        except ValueError as e:
            raise ConfigError(f"unknown severity {name!r} in [tool.reviewkit.severity]") from e
        for w in items:
            words[str(w).upper()] = sev
    aliases: dict[str, str] = {}
    for canon, names in {**DEFAULT_ALIASES, **{k: tuple(v) for k, v in extra_alias.items()}}.items():
        for n in (canon, *names):
            aliases[n.lower()] = canon
    style = style or {}
    patterns = tuple(str(p) for p in style.get("id_patterns", []))
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as e:
            raise ConfigError(f"bad id pattern {pattern!r} in [tool.reviewkit.style]: {e}") from e
    sections = tuple(str(s) for s in style.get("finding_sections", []))
    return Vocabulary(severity_words=words, aliases=aliases, id_patterns=patterns, finding_sections=sections)


DEFAULT_VOCABULARY = _build({}, {})


def load_vocabulary(pyproject: Path | None) -> Vocabulary:
    """The default vocabulary extended by ``[tool.reviewkit]`` of ``pyproject`` (if it exists)."""
    if pyproject is None or not pyproject.is_file():
        return DEFAULT_VOCABULARY
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(str(e), path=str(pyproject)) from e
    table = data.get("tool", {}).get("reviewkit", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.reviewkit] must be a table", path=str(pyproject))
    sev = table.get("severity", {})
    alias = table.get("aliases", {})
    style = table.get("style", {})
    if not isinstance(sev, dict) or not isinstance(alias, dict) or not isinstance(style, dict):
        raise ConfigError("[tool.reviewkit.severity], .aliases and .style must be tables", path=str(pyproject))
    return _build(sev, alias, style)
