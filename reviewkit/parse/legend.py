"""A document's own legend of severity marks: ``严重级别：🔴 严重 ｜ 🟠 中等 ｜ 🟡 轻微 ｜ ✅ 亮点``.

Reviews that tag findings with colour marks usually say once what each mark means. Where a line pairs
at least two marks with severity words, those marks are severity tags for the rest of that document
(``- 🟡 `flags` is never validated`` is then a low finding); a mark the document never defines tags nothing.
"""

from __future__ import annotations

import re

from reviewkit.config import Vocabulary

_MARK = "🔴🟠🟡🟢🔵🟣🟤⚫⚪❗⛔"
_PAIR = re.compile(rf"([{_MARK}])\ufe0f?\s*(?:\*\*|__)?\s*([^\s|｜/,;:：*_()（）]+)")
_HAS_MARK = re.compile(rf"[{_MARK}]")
_HEAD_LINES = 80
"""A legend sits near the top (before the findings it explains)."""


def legend_vocabulary(text: str, vocabulary: Vocabulary) -> Vocabulary:
    """``vocabulary`` with the marks the document's legend defines as severity words (unchanged without one)."""
    head = text[:8000] if len(text) > 8000 else text
    if _HAS_MARK.search(head) is None:
        return vocabulary  # most documents: no colour mark at all
    marks: dict[str, str] = {}
    for line in head.splitlines()[:_HEAD_LINES]:
        pairs = [(m.group(1), m.group(2)) for m in _PAIR.finditer(line)]
        rated = {mark: word for mark, word in pairs if vocabulary.severity_of(word) is not None}
        if len(rated) >= 2 and len({vocabulary.severity_of(w) for w in rated.values()}) == len(rated):
            marks = rated
            break
    if not marks:
        return vocabulary
    words = dict(vocabulary.severity_words)
    for mark, word in marks.items():
        severity = vocabulary.severity_of(word)
        if severity is not None:
            words[mark] = severity
    return vocabulary.model_copy(update={"severity_words": words})
