"""Shared pieces of the finding recognizers: ids, severity words, titles and drafts.

Everything here works on the text of ONE inline (a heading, a paragraph's first
line, a table cell); block structure comes from markdown-it via ``tree.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reviewkit.config import Vocabulary
from reviewkit.model import Severity
from reviewkit.parse.text import may_contain
from reviewkit.parse.tree import Node, end_line_of, inline_text, line_of, markdown_parser

# An id as written: C-001, H3, D1-M002, F-004, P0-F6, DEPLOY-R8-001, GPT-F1, SEC-XSS-SSRF-01, m2.
_ID_BODY = r"[A-Za-z]{1,10}\d{0,3}(?:(?<=\d)\.\d{1,3}(?=\W|$)){0,2}(?:-[A-Za-z]{0,10}\d{0,6}(?:(?<=\d)[a-z])?){0,3}"
ID_AT_START = re.compile(rf"^#?({_ID_BODY})(?![\w/]|\.\w)")
ID_ANYWHERE = re.compile(rf"(?<![\w/.-])({_ID_BODY})(?![\w/.])")
FINDING_N = re.compile(
    r"^(?:finding|issue|bug|gap|comment|defect|problem|observation|vulnerability|concern)\s+#?"
    r"([A-Za-z]{0,3}-?\d{1,3}(?:[.-]\d{1,3})?)\b",  # "Issue 4.1:", "Finding 3-2"
    re.IGNORECASE,
)
# Round references and fix ids look like ids but never name a finding.
_NOT_IDS = re.compile(
    r"^(?:R\d+|FIX-\d+|v\d+(?:\.\d+)*|[A-Za-z]+\d*x|Step\d*|Phase\d*|(?:EIP|ERC|BIP|RFC|CWE|SWC|PEP|CVE-\d{4})-?\d+)$",
    re.IGNORECASE,
)
"""Standards and weakness classes (``EIP-712``, ``CWE-79``) are cited, never a finding's own id."""
_ID_RANGE = re.compile(r"^([A-Za-z]+)\d+-\1\d+$")  # "O1-O3", "F3-F9": a range of ids, not one
_BARE_KEY = re.compile(r"^[DB]\d{1,2}$")
SEPARATOR = re.compile(r"^\s*(?:[:.|]|--|—|–|-)\s*")
PLACEHOLDER = re.compile(
    r"^\W*(?:none|n/a|nil|no\s+(?:new\s+)?(?:\w+\s+)?(?:findings?|issues?|criticals?|majors?|minors?|bugs?)\b|nothing\b|empty\b)",
    re.IGNORECASE,
)
NEGATED = re.compile(
    r"\b(?:STRENGTH|NOT A BUG|INVALID|FALSE POSITIVE|REJECTED|RETRACTED|HALLUCINAT\w*|N/A \(positive\)|WITHDRAWN)\b",
    re.IGNORECASE,
)
PRAISE_VERDICT = re.compile(
    r"\((?:correct|good|acceptable|verified (?:ok|correct)|standard|fine|ok|by design|intentional|no issue)"
    r"\b[^)]*\)\s*$"
    r"|\([^()]{0,40}\b(?:acceptable|correct|fine|intentional)\)\s*$"  # "(last-write-wins acceptable)"
    r"|(?<!not )\bverified (?:ok|correct)\b",  # "CancelledError handling verified correct (…)"
    re.IGNORECASE,
)


def is_praise_verdict(text: str) -> bool:
    """``… (correct)``, ``… (by design)``, ``… verified correct``: a check that passed, not a problem."""
    if not text.rstrip().endswith(")") and not may_contain(text, ("verified",)):
        return False  # PRAISE_VERDICT needs a closing parenthesis at the end, or "verified"
    return PRAISE_VERDICT.search(text) is not None


# The end mark is matched first (then the character before it is checked), so re can skip to candidates.
_SENTENCE_END = re.compile(r"[.!?](?<=[A-Za-z0-9)`'\"\]][.!?])(?=\s+[A-Z(`*\[])")
_CHANGE_TO = re.compile(
    r"(?:->|→|=>|=|\b(?:downgrad|upgrad|revis|rais|lower|bump|elevat|chang|adjust|reclassifi|mov|boost)\w*"
    r"(?:\s+\w+){0,3}\s+to)\s*$",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"(?:\bfrom|\bbase|\bwas|\bof|\bvs\.?|\bnot|\bthan)\s*['\"(]*$", re.IGNORECASE)
_CHANGE_IN_BODY = re.compile(
    r"\b(?:downgrad\w*|upgrad\w*|revised|reclassif\w*|lowered|raised|elevated|bumped|increased|decreased)\b[^.\n]{0,40}?"
    r"(?<!\bdue )(?<!\bprior )(?<!\baccording )(?<!\brelated )(?<!\bcompared )\bto\s+\**",
    re.IGNORECASE,
)
_CHANGE_STEMS = ("grad", "revised", "reclassif", "lowered", "raised", "elevated", "bumped", "creased")
"""A judge's ``increased severity to Medium`` / ``decreased severity to Low`` is a change like ``downgraded``."""
# "downgraded … to low mutation risk": a lower-case severity word followed by a noun is an adjective.
_ADJECTIVE_USE = re.compile(r"\s+(?!severity\b|priority\b|level\b|upon\b|after\b|for\b|as\b|in\b|because\b)[a-z]{2,}")


def is_real_id(token: str) -> bool:
    """True for tokens that are finding ids (C-001, F1, D1-M002) and not rounds or words."""
    if not any(map(str.isdigit, token)) or len(token) > 28:
        return False
    if _NOT_IDS.match(token) or _ID_RANGE.match(token):
        return False
    if not token[-1].isdigit() and not re.search(r"-[A-Z]{2,6}$|\d[a-z]$", token):
        return False
    head = token.split("-")[0]
    return not (head.isalpha() and head.islower() and len(head) > 1)


def is_dimension_key(token: str) -> bool:
    """``D3`` / ``B2`` alone: a dimension key, not a finding id."""
    return bool(_BARE_KEY.match(token))


@dataclass(frozen=True)
class SeverityHit:
    """One severity word found in a text."""

    severity: Severity
    raw: str


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
"""Kana, CJK ideographs, Hangul: scripts whose words run together, so a word boundary says nothing."""


@lru_cache(maxsize=8)
def _severity_pattern(words: frozenset[str]) -> re.Pattern[str]:
    spaced = [w for w in words if not _UNSPACED.search(w)]
    unspaced = [w for w in words if _UNSPACED.search(w)]
    alternation = "|".join(sorted((re.escape(w) for w in spaced), key=len, reverse=True))
    pattern = rf"(?<![\w-])({alternation})(?:S)?(?![\w])(?!-[A-Za-z]*\d)"
    if unspaced:
        pattern += "|(" + "|".join(sorted((re.escape(w) for w in unspaced), key=len, reverse=True)) + ")"
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=8)
def _any_lower_word(words: frozenset[str]) -> re.Pattern[str]:
    """Any of ``words`` in lower case, case-sensitively: run on lower-cased text it is the
    substring test ``any(w in text for w in words)``, scanned in one pass."""
    return re.compile("|".join(sorted(re.escape(w.lower()) for w in words)))


def severity_regex(vocabulary: Vocabulary) -> re.Pattern[str]:
    """A pattern matching any severity word of ``vocabulary`` (case-insensitive)."""
    return _severity_pattern(vocabulary_key(vocabulary)[0])


_VOCABULARIES: dict[int, tuple[Vocabulary, tuple[frozenset[str], frozenset[tuple[str, Severity]]]]] = {}


def vocabulary_key(vocabulary: Vocabulary) -> tuple[frozenset[str], frozenset[tuple[str, Severity]]]:
    """Hashable content of ``vocabulary``'s severity words (its words; its word → severity pairs).

    Computed once per vocabulary object: the recognizers ask for it on every line they read,
    and hashing the whole word list each time cost more than the regex work it keys.
    """
    entry = _VOCABULARIES.get(id(vocabulary))
    if entry is None or entry[0] is not vocabulary:
        if len(_VOCABULARIES) > 64:
            _VOCABULARIES.clear()
        pairs = frozenset(vocabulary.severity_words.items())
        entry = (vocabulary, (frozenset(vocabulary.severity_words), pairs))
        _VOCABULARIES[id(vocabulary)] = entry  # the entry keeps the object alive, so its id is not reused
    return entry[1]


def severity_words_in(text: str, vocabulary: Vocabulary) -> list[tuple[int, SeverityHit]]:
    """(position, hit) for each severity word in ``text``, in order."""
    hits: list[tuple[int, SeverityHit]] = []
    lowered = text.lower()
    if _any_lower_word(vocabulary_key(vocabulary)[0]).search(lowered) is None:
        return hits  # substring tests are far cheaper than the case-insensitive alternation below
    for m in severity_regex(vocabulary).finditer(text):
        word = m.group(1) or m.group(2)
        sev = vocabulary.severity_of(word)
        if sev is not None:
            hits.append((m.start(), SeverityHit(sev, word)))
    return hits


def final_severity(text: str, vocabulary: Vocabulary) -> SeverityHit | None:
    """The severity a label or tag ENDS with: ``MEDIUM -> HIGH`` → HIGH, ``HIGH (+1 from MEDIUM)`` → HIGH.

    The hit's ``raw`` is the label text as written (whitespace collapsed, at most 80 characters).
    """
    hits = severity_words_in(text, vocabulary)
    if not hits:
        return None
    changed = [h for pos, h in hits if _CHANGE_TO.search(text[max(0, pos - 40) : pos])]
    if changed:
        winner = changed[-1]
    else:
        kept = [h for pos, h in hits if not _FROM_BEFORE.search(text[max(0, pos - 10) : pos])]
        winner = (kept or [hits[0][1]])[0]
    raw = _collapse_spaces(text).strip(" *_|;:.")
    if raw[:1] in "([" and raw[-1:] in ")]":
        raw = raw[1:-1].strip()
    return SeverityHit(winner.severity, raw[:80] if len(hits) > 1 or len(raw) <= 40 else winner.raw)


_FIRST_WORD = re.compile(r"\W{0,3}(\w{1,20})")
_ID_SUFFIX = re.compile(r"-[A-Za-z]*\d")


def leading_severity(text: str, vocabulary: Vocabulary) -> SeverityHit | None:
    """A severity word at the very start of ``text`` (``CRITICAL: …``), not an id prefix (``CRITICAL-D1-001``)."""
    m = _FIRST_WORD.match(text)
    if m is None or _ID_SUFFIX.match(text, m.end()):
        return None
    word = m.group(1)
    sev = vocabulary.severity_of(word) or (vocabulary.severity_of(word[:-1]) if word.endswith("s") else None)
    return SeverityHit(sev, word) if sev is not None else None


def changed_severity_in(body: str, vocabulary: Vocabulary) -> SeverityHit | None:
    """A severity the body says the finding was changed to (``Downgraded to MINOR``)."""
    last: SeverityHit | None = None
    lowered = body.lower()
    if not any(stem in lowered for stem in _CHANGE_STEMS):
        return None  # most bodies state no change: skip the case-insensitive scan
    for m in _CHANGE_IN_BODY.finditer(body):
        word = re.match(r"\w+", body[m.end() : m.end() + 20])
        if word is None or (word.group(0).islower() and _ADJECTIVE_USE.match(body, m.end() + word.end())):
            continue
        if (sev := vocabulary.severity_of(word.group(0))) is not None:
            last = SeverityHit(sev, word.group(0))
    return last


_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def long_enough(title: str) -> bool:
    """A title long enough to name a problem: eight characters, or four in a script that packs a word into one
    or two (``日志级别过高``)."""
    return len(title) >= 8 or (len(title) >= 4 and _DENSE.search(title) is not None)


def one_line(text: str, limit: int = 200) -> str:
    """First sentence/line of ``text``, whitespace collapsed, at most ``limit`` characters."""
    first = text.strip().split("\n", 1)[0]
    if "。" in first and first.index("。") >= 4:
        first = first[: first.index("。")]  # a CJK full stop ends the sentence
    m = _SENTENCE_END.search(first)
    if m is not None and m.start() >= 20:
        first = first[: m.start()]
    first = _collapse_spaces(first).strip(" :-—–").removesuffix(".")
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _collapse_spaces(text: str) -> str:
    """Whitespace runs as one space, none at the ends (str.split() splits on exactly what ``\\s`` matches)."""
    return " ".join(text.split())


def strip_markdown(text: str) -> str:
    """Inline markdown → plain text, as CommonMark reads it: emphasis, code ticks, link syntax and
    escapes dropped, code span and link text kept. ``2**10`` and ``\\*args`` stay literal, because
    markdown-it (not a regex) decides what is markup."""
    if _MARKUP_CHAR.search(text) is None:  # most lead lines: nothing to read
        return _collapse_spaces(text)
    return _inline_plain(text)


_MARKUP_CHAR = re.compile(r"[*_`\\\[~<&!]")


@lru_cache(maxsize=16384)
def _inline_plain(text: str) -> str:
    tokens = markdown_parser().parseInline(text)
    out: list[str] = []
    for block in tokens:
        inline_text(block.children or [], out)
    return _collapse_spaces(_STRAY_DELIMITER.sub("", "".join(out)))


def forget_plain_text() -> None:
    """Empty :func:`strip_markdown`'s cache (see ``lead.forget_leads``)."""
    _inline_plain.cache_clear()


_STRAY_DELIMITER = re.compile(r"(?<=\S)(?:\*\*|__|~~)(?=\s|$|[.,:;!?)\]])|(?:^|(?<=\s))(?:\*\*|__|~~)(?=\S)")
"""A strong/strike delimiter whose partner was cut off with the id before it (``F2. Title** (x)``): not text.
A run inside a word (``2**10``) stays."""


def span(nodes: list[Node]) -> tuple[int, int]:
    """1-based (first, last) line of a run of blocks."""
    if not nodes:
        return 1, 1
    return line_of(nodes[0]), max(end_line_of(n) for n in nodes)


@dataclass
class Draft:
    """A finding being assembled by a recognizer, before severity and locations are resolved."""

    recognizer: str
    title: str
    line: int
    end_line: int
    id: str | None = None
    tag: SeverityHit | None = None
    """Severity tag on the finding itself (bracket, parenthesis, id/severity prefix)."""
    column: SeverityHit | None = None
    """Severity from a table column."""
    lead_text: str = ""
    """Text of the lead line (heading / bold line / row) where locations are looked up first."""
    location_text: str = ""
    """Text of a dedicated location field (table column, **File** label)."""
    body_nodes: list[Node] = field(default_factory=list)
    body_text: str = ""
    dimension: str | None = None
    strong: bool = True
    """False for structures that often only restate findings (tables, bare numbered items)."""
    group: int | None = None
    """Line of the table a row came from: rows of one table are a recap together or not at all."""


def text_of(nodes: list[Node]) -> str:
    """Plain text of ``nodes`` without code blocks (one line per paragraph / list item / row)."""
    out: list[str] = []
    for node in nodes:
        _text(node, out)
    return "".join(out).strip()


def _text(node: Node, out: list[str]) -> None:
    kind = node.type
    if kind in ("fence", "code_block"):
        return
    if kind in ("text", "code_inline", "html_inline"):
        out.append(node.content)
        return
    if kind in ("softbreak", "hardbreak"):
        out.append("\n")
        return
    if kind == "inline" and node.token is not None:
        inline_text(node.inline_tokens(), out)
        return
    for child in node.children:
        _text(child, out)
        if kind == "tr":
            out.append(" | ")
    if kind in ("paragraph", "list_item", "tr", "heading", "blockquote") and out and not out[-1].endswith("\n"):
        out.append("\n")


def snippets_of(nodes: list[Node]) -> tuple[str, ...]:
    """Code blocks quoted in ``nodes`` (fenced or indented), in order."""
    found: list[str] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node.type in ("fence", "code_block"):
            found.append(node.content.rstrip("\n"))
        elif node.type != "inline":  # code blocks never sit inside inline content
            stack.extend(reversed(node.children))
    return tuple(found)


def inline_md(node: Node) -> str:
    """Inline markdown of the first paragraph/inline of a block (heading, paragraph, list item, cell)."""
    stack = [node]
    while stack:
        cur = stack.pop(0)
        if cur.type == "inline":
            return cur.content
        if cur.type in ("fence", "code_block", "bullet_list", "ordered_list", "table"):
            continue
        stack[0:0] = list(cur.children)
    return ""
