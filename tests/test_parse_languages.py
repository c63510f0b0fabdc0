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


LEGEND_REVIEW = """\
# ESP32 桌面控制台 · 代码审查报告

> 严重级别：🔴 严重 ｜ 🟠 中等 ｜ 🟡 轻微 ｜ ✅ 亮点

## 一、ble_protocol ✅ 质量高

- ✅ CRC-16 实现正确。
- 🟡 `flags` 未做位掩码校验。
- 🟠 序号去重完全没有实现（`ble_protocol.c:94`）。

## 二、🔴 严重：登记流程可被抢先接管

任何人都能先于主人完成登记（`app_auth.c:40`）。

## 三、🟡 轻微项

- 日志级别过高。
"""


def test_a_documents_legend_makes_its_colour_marks_severity_tags() -> None:
    doc = parse_text(LEGEND_REVIEW, path="代码审查报告.md")
    got = [(f.title, f.severity.value if f.severity else None) for r in doc.reviews for f in r.findings]
    assert got == [
        ("flags 未做位掩码校验", "low"),
        ("序号去重完全没有实现（ble_protocol.c:94）", "medium"),
        ("登记流程可被抢先接管", "critical"),
        ("日志级别过高", "low"),
    ]


def test_without_a_legend_a_colour_mark_rates_nothing() -> None:
    text = LEGEND_REVIEW.replace("> 严重级别：🔴 严重 ｜ 🟠 中等 ｜ 🟡 轻微 ｜ ✅ 亮点\n", "")
    doc = parse_text(text, path="代码审查报告.md")
    got = [(f.title, f.severity_raw) for r in doc.reviews for f in r.findings]
    assert got == [("登记流程可被抢先接管", "严重"), ("日志级别过高", "轻微")]  # rated by words only


def test_labels_in_other_scripts_rate_and_locate_a_finding() -> None:
    text = """\
# BUGS

### BUG-SCR-001 - На странице присутствует объявление из другого города
- **Краткое описание:** в выдаче виден товар с чужой локацией.
- **Серьёзность / приоритет:** Major / **P1**
- **Файл:** `src/search/filters.py:40`
"""
    [finding] = [f for r in parse_text(text, path="BUGS.md").reviews for f in r.findings]
    assert (finding.id, finding.severity) == ("BUG-SCR-001", Severity.HIGH)
    assert [(loc.path, loc.start) for loc in finding.locations] == [("src/search/filters.py", 40)]


def test_codex_file_citations_and_cjk_improvement_sections() -> None:
    text = """\
# ドキュメントとソース解説のレビュー

## 改善を検討できるポイント
- Docker Composeのコマンド記法が旧式の`docker-compose`に固定されている。【F:README.md†L130-L149】
- 開発ガイドの例示が途中で終わっている。【F:docs/開発ガイド.md†L149-L160】
"""
    doc = parse_text(text, path="レビュー.md")
    got = [(f.title, [(loc.path, loc.start, loc.end) for loc in f.locations]) for r in doc.reviews for f in r.findings]
    assert got == [
        ("Docker Composeのコマンド記法が旧式のdocker-composeに固定されている", [("README.md", 130, 149)]),
        ("開発ガイドの例示が途中で終わっている", [("docs/開発ガイド.md", 149, 160)]),
    ]
