"""Reviews written in other languages: severity words, severity labels, and labels kept in a finding's table."""

from __future__ import annotations

import pytest

from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.model import Severity
from reviewkit.parse import parse_text
from reviewkit.parse.findings.common import severity_words_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Severidad: Alta", Severity.HIGH),
        ("Média", Severity.MEDIUM),
        ("kritisch", Severity.CRITICAL),
        ("Faible", Severity.LOW),
        ("🔴 严重问题", Severity.CRITICAL),
        ("🟡 轻微", Severity.LOW),
        ("Высокий", Severity.HIGH),
    ],
)
def test_severity_words_of_other_languages(text: str, expected: Severity) -> None:
    assert [h.severity for _, h in severity_words_in(text, DEFAULT_VOCABULARY)][-1] is expected


def test_english_words_that_look_translated_are_no_severity() -> None:
    assert severity_words_in("Media Upload handler", DEFAULT_VOCABULARY) == []


def test_a_findings_one_row_table_gives_its_translated_severity() -> None:
    text = """\
# Relatório de Bugs

## BUG-001: Registro aceita caracteres especiais no username

| Severidade | Categoria | Status |
| --- | --- | --- |
| Média | UX/UI | Aberto |

### Passos para Reproduzir

1. Acessar a página de registro

## BUG-002: Painel exibe senha de todos os usuários

| | |
|---|---|
| **Severidade** | Crítica |
"""
    doc = parse_text(text, path="RELATORIO_BUGS.md")
    got = [(f.id, f.severity) for r in doc.reviews for f in r.findings]
    assert got == [("BUG-001", Severity.MEDIUM), ("BUG-002", Severity.CRITICAL)]
