"""Labelled lines inside a finding block: ``**Severity**: HIGH``, ``- File: …``, ``**Title:** …``.

Labels are read from the plain text of the block (one line per paragraph or list
item, markup removed), so ``**Key**:``, ``**Key:**`` and ``- Key:`` all read the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewkit.config import Vocabulary
from reviewkit.parse.findings.common import SeverityHit, changed_severity_in, final_severity
from reviewkit.parse.tree import Node, plain_text, table_rows

_LABEL = re.compile(r"^[ \t]*(?:[-*+]\s+)?(?P<name>[^\W\d_][\w ()/&'-]{0,28}?)\s*[:：]\s*(?P<value>.*)$", re.MULTILINE)
_SEVERITY_LABEL = re.compile(
    r"^(?:(?P<revised>revised|final|adjusted|corrected|calibrated)\s+)?(?:severity|severity level|severidade|severidad"
    r"|gravedad|gravidade|sévérité|gravité|schweregrad|schwere|gravità|серьезность|серьёзность|критичность"
    r"|严重程度|严重性|嚴重程度|重要度|深刻度|심각도)(?:\s*/\s*[\w ]{2,20})?$",
    re.I,
)
_LOCATION_LABEL = re.compile(
    r"^(?:files?|file\(s\)|files? affected|affected files?|location|locations|refs?|references?|where|path|code|"
    r"file\s*/\s*lines?|file:lines?|lines?"
    r"|arquivos?|archivos?|fichiers?|datei(?:en)?|ubicación|localização|emplacement|файлы?|расположение"
    r"|文件|位置|ファイル|場所|파일|위치)$",
    re.IGNORECASE,
)
_KEY_VALUE_ROW = re.compile(
    r"^(?P<key>[^\W\d_][\w ()/&'-]{0,28}?) \| (?P<value>[^|\n]*[^|\s])[ \t]*\|[ \t]*$", re.MULTILINE
)
"""A two-cell table row as ``text_of`` writes it (``Severity | High | ``): an audit's key/value table."""
_TITLE_LABEL = re.compile(r"^(?:title|summary|issue|título|titre|titel|标题|タイトル|제목|заголовок)$", re.IGNORECASE)
_DESCRIPTION_LABEL = re.compile(
    r"^(?:description|problem|finding|details?|descrição|descripción|beschreibung|описание|краткое описание"
    r"|描述|问题描述|説明|概要|설명)$",
    re.IGNORECASE,
)
"""Read for the title only when no Title/Summary/Issue label gives one: its first sentence."""


@dataclass(frozen=True)
class Labels:
    """The labels of one finding block that matter for the finding record."""

    severity: SeverityHit | None = None
    severity_text: str = ""
    title: str = ""
    locations_text: str = ""


def read_labels(text: str, vocabulary: Vocabulary) -> Labels:
    """Severity (the last revised one wins), title and location labels in ``text``."""
    severity: SeverityHit | None = None
    severity_text = ""
    revised = False
    title = ""
    description = ""
    locations: list[str] = []
    if " | " in text:
        text = _KEY_VALUE_ROW.sub(r"\g<key>: \g<value>", text)  # "| **Severity** | High |" reads as "Severity: High"
    for m in _LABEL.finditer(text):
        name = m.group("name").strip()
        value = m.group("value").strip()
        if (s := _SEVERITY_LABEL.match(name)) is not None:
            value = value.split("|", 1)[0]
            hit = final_severity(_head(value), vocabulary)
            if hit is not None and (s.group("revised") or not revised):
                severity, severity_text = hit, _head(value)
                revised = revised or bool(s.group("revised"))
        elif _LOCATION_LABEL.match(name):
            locations.append(value)
        elif _TITLE_LABEL.match(name) and not title and value:
            title = value
        elif _DESCRIPTION_LABEL.match(name) and not description and value:
            description = value
    changed = changed_severity_in(text, vocabulary)
    if changed is not None:
        severity, severity_text = changed, changed.raw
    title = title or description
    return Labels(severity=severity, severity_text=severity_text, title=title, locations_text="\n".join(locations))


def _head(value: str) -> str:
    """The severity part of a label value: up to the first sentence end or explanation dash."""
    cut = re.split(r"(?<=\w)\.\s|\s--\s|\s—\s(?![A-Z]{3,})", value, maxsplit=1)[0]
    return cut[:120]


def table_label_lines(nodes: list[Node]) -> str:
    """The labels a finding states in a one-row table of its own, under that table's header, as ``Key: value``
    lines (``| Severidade | Categoria |`` / ``| Média | UX/UI |``). Key/value tables (``| **Severity** | High |``)
    are read by :func:`read_labels` itself, from the rows ``text_of`` writes."""
    lines: list[str] = []
    for node in nodes:
        if node.type != "table":
            continue
        header, rows = table_rows(node)
        if len(rows) == 1 and len(header) >= 2 and all(header):
            lines += [f"{h}: {plain_text(c)}" for h, c in zip(header, rows[0][1], strict=False)]
    return "\n".join(lines)
