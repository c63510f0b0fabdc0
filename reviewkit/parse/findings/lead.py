"""Reading the lead line of a finding: ids, severity tags and the title.

One function, :func:`read_lead`, understands every way the corpus writes the
first line of a finding — ``C-001: Title``, ``F-001 [HIGH] Title``,
``[MAJOR] D1-M002: text``, ``MAJOR: M-001 — Title``, ``GPT-F1 | CRITICAL | Title``,
``Finding 3 (HIGH): Title``, ``Title (CRITICAL)`` — on the inline markdown of a
heading, a bold line, a list item or a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reviewkit.config import Vocabulary
from reviewkit.model import Severity
from reviewkit.parse.findings.common import (
    FINDING_N,
    ID_AT_START,
    NEGATED,
    SEPARATOR,
    SeverityHit,
    final_severity,
    forget_plain_text,
    is_dimension_key,
    is_praise_verdict,
    is_real_id,
    leading_severity,
    one_line,
    severity_words_in,
    strip_markdown,
)
from reviewkit.parse.findings.locations import cut_leading_location

_EMPHASIS = re.compile(r"^(?:\*\*|__|\*|_)")
_GROUP = re.compile(r"^(\(|\[)([^()\[\]]{0,160})[)\]]")
_TRAILING_GROUP = re.compile(r"\s*[(\[]([^()\[\]]{1,120})[)\]]\s*[:.]?\s*$")
_DISMISSED = re.compile(
    r"(?:\s(?:--|—|–)\s*|\()\s*(?:withdrawn|retracted|by design|not an issue|not a (?:real )?bug|false positive)\b",
    re.IGNORECASE,
)
"""The reviewer takes the item back in its own lead line ("— by design, no action", "(withdrawn: …)")."""
_NEGATED_TITLE = re.compile(r"^\W*(?:STRENGTH|FALSE(?: POSITIVE)?|NOT A BUG|INVALID|REJECTED|RETRACTED|WITHDRAWN)\b")
_SEE_OTHER = re.compile(r"\bsee\s+[A-Z][\w-]*\d")  # "(CRITICAL, see D8-C001 above)": a restatement
_ORDINAL = re.compile(  # "2. ", "2.1 ", "3.2.1. ", and CJK "二、" / "（二）"
    r"^(?:(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+|[一二三四五六七八九十〇]{1,3}、\s*|（[一二三四五六七八九十]{1,3}）\s*)"
)
_STATUS_MARK = re.compile(r"^[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001F000-\U0001FAFF\ufe0f\u200d]+\s*")
"""A status emoji opening a lead (``✅ CRIT-1: …``, ``🔴 CRITICAL``, ``⚠️ Title``): not part of the title."""
_STATUS_TAIL = re.compile(r"\s*[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001F000-\U0001FAFF\ufe0f\u200d]+$")
_CLOSING_BOLD = re.compile(r"(?<=\S)(?:\*\*|__)(?=\s|$|[.,:;)(\]-])")
_MORE_IDS = re.compile(r"^\s*(?:&|and|\+|,)\s*")
_AFTER_BOLD_TITLE = re.compile(r"^\s*(?:[:.|(\[—–-]|$)")
_AFTER_ID = re.compile(r"^\s*(?:\*\*|__)?\s*(?:[:.|(\[—–-]|$)")
_BOLD_AT_START = re.compile(r"^\*\*(.+?)\*\*|^__(.+?)__")
_CAPS_WORD = re.compile(r"^([A-Z][A-Z0-9]{1,12})S?(?=[^\w-]|$|-(?![A-Za-z]*\d))")  # up to INFORMATIONAL


_NUMBER_RANGE = re.compile(r"^(\d+)-(\d+)$")
_PLAIN_WORD_TAGS = frozenset({"QA", "GAS", "NOTE", "INFO"})
"""Capitalised, these also open plain sentences ("QA the navigation tokens…"): a tag only before a separator."""
_TAG_SEPARATOR = re.compile(r"^\s*(?:[:\]|)—–]|-\s|\*\*|__|\s*\d)")
_DASH_TAIL = re.compile(r"\s(?:--|—|–|-)\s+([A-Z]{3,12}(?:\s+[A-Z]{2,12}){0,2})\s*$")
_OPENING_BOLD = re.compile(r"^\*\*\s*[:.—–-]*\s*")
_SEVERITY_LIST = re.compile(r"^[A-Za-z]+\s*[/,]\s*[A-Za-z]+(?:\s*[/,]\s*[A-Za-z]+)*$")


@dataclass(frozen=True)
class Lead:
    """What the first line of a block says about a finding."""

    id: str | None
    tag: SeverityHit | None
    tag_text: str
    title: str
    """Title with ids and tags removed, markdown stripped (may be empty)."""
    dimension: str | None
    tag_at_start: bool
    """The severity tag precedes the title (``CRITICAL: Title``), not trails it (``Title (CRITICAL)``)."""
    negated: bool
    """Marked as not a finding: STRENGTH, NOT A BUG, INVALID, FALSE POSITIVE …"""
    title_was_bold: bool
    dash_tag: bool = False
    """The severity ends the title after a dash (``SAFE Bet Act -- MAJOR GAP``)."""


def _skip_emphasis(text: str) -> str:
    while (m := _EMPHASIS.match(text)) is not None:
        text = text[m.end() :].lstrip()
    return text


def read_lead(markdown: str, vocabulary: Vocabulary) -> Lead:
    """Parse the inline markdown of a lead line (only its first line is read).

    A heading's lead is read once and kept on its section (``HeadingFacts.lead``); item and
    paragraph leads go through a small cache keyed by the line and the vocabulary's fingerprint,
    since the item recognizers are offered the same line in turn.
    """
    line = markdown.strip().split("\n", 1)[0]
    if len(line) > _LEAD_CHARS:
        # ids, tags and titles sit at the start; a paragraph-long line costs regex time for nothing
        line = line[: line.rfind(" ", 0, _LEAD_CHARS) if " " in line[:_LEAD_CHARS] else _LEAD_CHARS]
    return _cached_lead(line, vocabulary)


_LEAD_CHARS = 360


@lru_cache(maxsize=4096)
def _cached_lead(line: str, vocabulary: Vocabulary) -> Lead:
    return _read_lead(line, vocabulary)


_CJK_WORD = re.compile(r"([\u3400-\u9fff]{1,4})\s*[:：]\s*")


def _read_lead(line: str, vocabulary: Vocabulary) -> Lead:
    if line[:2] == "[[" and (linked := _linked_text(line)) is not None:
        line = linked  # "## [[M-01] Title](https://…/issues/28)": a finding heading that links to its issue
    mark_tag: str | None = None
    if line and line[0] > "\u2000" and (mark := _STATUS_MARK.match(line)) is not None:
        symbol = mark.group(0).strip().replace("\ufe0f", "")
        if symbol and vocabulary.severity_of(symbol) is not None:
            mark_tag = symbol  # a mark the document's legend defines (see ``parse/legend.py``)
        line = line[mark.end() :]  # only a line opening past ASCII can open with a mark
    elif line[:2] in ("**", "__") and line[2:3] > "\u2000" and (mark := _STATUS_MARK.match(line[2:])) is not None:
        line = line[:2] + line[2 + mark.end() :]  # "**🔴 CRITICAL: Title**": the mark inside the bold
    if (ordinal := _ORDINAL.match(line)) is not None:
        numbered = _read_lead(line[ordinal.end() :], vocabulary)  # "### 2. [HIGH] Title"
        if numbered.id is not None or numbered.tag_at_start:
            return numbered
    text = line
    ident: str | None = None
    tags: list[str] = [mark_tag] if mark_tag else []
    dimension: str | None = None
    for _ in range(8):
        text = text.lstrip()
        probe = _skip_emphasis(text)
        if (m := _GROUP.match(probe)) is not None:
            inner = m.group(2)
            if severity_words_in(inner, vocabulary):
                rest = re.sub(r"^\W*\w+\W*", "", inner)
                if ident is None and (mi := ID_AT_START.match(rest)) and is_real_id(mi.group(1)):
                    ident = mi.group(1)
                    inner = inner[: len(inner) - len(rest)]
                tags.append(inner)
            elif ident is not None and is_dimension_key(inner.strip()):
                dimension = inner.strip()
            elif (
                ident is None
                and m.group(1) == "["
                and (mi := ID_AT_START.fullmatch(inner.strip())) is not None
                and is_real_id(mi.group(1))
            ):
                ident = mi.group(1)  # "[H-01] Title": an audit report's bracketed id
            elif ident is None and m.group(1) == "(":
                break
            text = probe[m.end() :]
            continue
        if (
            (m := _BOLD_SEVERITY.match(text)) is not None
            and m.group(1).lower() not in _LABEL_WORDS
            and leading_severity(m.group(1), vocabulary)
        ):
            tags.append(m.group(1))  # "**Critical**: Title", "**High:** Title": a bold severity label, any case
            text = text[m.end() :]
            continue
        if (m := _CJK_WORD.match(probe)) is not None and vocabulary.severity_of(m.group(1)) is not None:
            tags.append(m.group(1))  # "严重：登记流程可被抢先接管": a severity word and a full-width colon
            text = probe[m.end() :]
            continue
        if (
            (m := _CAPS_WORD.match(probe)) is not None
            and leading_severity(m.group(1), vocabulary)
            and (m.group(1) not in _PLAIN_WORD_TAGS or _TAG_SEPARATOR.match(probe[m.end() :]))
        ):
            tags.append(m.group(1))
            text = probe[m.end() :]
            if (g := _GROUP.match(_skip_emphasis(text.lstrip()))) is not None and not ident:
                if severity_words_in(g.group(2), vocabulary):
                    tags.append(g.group(2))
                text = _skip_emphasis(text.lstrip())[g.end() :]
            continue
        if ident is None and (m := _house_id(vocabulary, probe)) is not None:
            ident = m.group(0)  # an id of the house style ([tool.reviewkit.style] id_patterns)
            text = probe[m.end() :]
            continue
        if ident is None and (m := FINDING_N.match(probe)) is not None:
            if (r := _NUMBER_RANGE.match(m.group(1))) is not None and int(r.group(2)) > int(r.group(1)):
                title = one_line(strip_markdown(probe[m.end() :]).strip(" :—–-"))
                return Lead(None, None, "", title, None, tag_at_start=False, negated=False, title_was_bold=False)
            ident = m.group(1)  # (an "ISSUE 26-35" heading above is a group of findings, and names none)
            text = probe[m.end() :]
            continue
        if (
            ident is None
            and (m := ID_AT_START.match(probe)) is not None
            and is_real_id(m.group(1))
            and (_AFTER_ID.match(probe[m.end() :]) or _more_ids(probe[m.end() :]))
        ):
            ident = m.group(1)
            text = probe[m.end() :]
            while _more_ids(text) and (j := _MORE_IDS.match(text)) and (k := ID_AT_START.match(text[j.end() :])):
                ident = f"{ident} & {k.group(1)}"  # "CRIT-4 & CRIT-7: Title": one finding, both ids as written
                text = text[j.end() + k.end() :]
            id_prefix = leading_severity(ident.split("-", 1)[0], vocabulary) or _abbreviated(ident)
            if id_prefix is not None and "-" in ident:
                tags.append(id_prefix.raw)
            continue
        if (ident or tags) and (m := SEPARATOR.match(probe)) is not None and m.end() > 0:
            text = probe[m.end() :]
            continue
        if (ident or tags) and probe != text and not probe.startswith(("*", "_")):
            text = probe if not _BOLD_AT_START.match(text) else text
        break
    text = text.lstrip()
    prefix = line[: len(line) - len(text)]
    if (ident or tags) and line.startswith(("**", "__")) and not text.startswith(("**", "__")):
        close = _CLOSING_BOLD.search(text)  # "**SEC-003b: Title** (CVSS 7.3) - FIXED": the title ends with the bold
        if close is not None and len(text[: close.start()].strip(" :—–-")) >= 3:
            text = text[: close.start()]
    tag_at_start = bool(tags)
    title_was_bold = False
    b = _BOLD_AT_START.match(text)
    if b is not None and not (ident or tags):
        after = _GROUP.match(text[b.end() :].lstrip())
        hits = severity_words_in(after.group(2), vocabulary) if after else []
        if hits and hits[0][0] <= 1 and after is not None:
            tags.append(after.group(2))  # "**Title** (Medium severity, …):"
    if b is not None and (ident or tags) and _AFTER_BOLD_TITLE.match(text[b.end() :]):
        title = strip_markdown(b.group(1) or b.group(2))
        title_was_bold = True
        plain_text = None
    else:
        if text.startswith("**"):
            text = _OPENING_BOLD.sub("", text)
        title = plain_text = strip_markdown(text)
    # the plain substring tests spare the end-anchored searches most titles cannot match
    if (")" in title or "]" in title) and (t := _TRAILING_GROUP.search(title)) is not None:
        inner = t.group(1)
        found = severity_words_in(inner, vocabulary)
        if found and found[0][0] <= 1 and (found[0][1].raw.isupper() or inner.strip() == found[0][1].raw):
            tags.append(inner)
            title = title[: t.start()]
        elif is_dimension_key(inner.strip()):
            dimension = inner.strip()
            title = title[: t.start()]
    dash_tag = False
    if not tags and _has_dash(title) and (d := _DASH_TAIL.search(title)) and leading_severity(d.group(1), vocabulary):
        tags.append(d.group(1))  # "### 1. SAFE Bet Act (…) -- MAJOR GAP"
        title = _ORDINAL.sub("", title[: d.start()])
        dash_tag = True
    tag = _resolve_tags(tags, vocabulary)
    if ident is not None and is_dimension_key(ident) and tag is None:
        ident = None  # "D1: Graph Architecture" is a dimension heading, not a finding
    return Lead(
        id=ident,
        tag=tag,
        tag_text=" ".join(tags),
        title=one_line(cut_leading_location(_drop_status_tail(title).strip(" :—–-|*"))),
        dimension=dimension,
        tag_at_start=tag_at_start,
        negated=bool(
            _SEE_OTHER.search(" ".join(tags))
            or NEGATED.search(prefix)
            or _NEGATED_TITLE.match(strip_markdown(text) if plain_text is None else plain_text)
            or _DISMISSED.search(title)
            or is_praise_verdict(title)
        ),
        title_was_bold=title_was_bold,
        dash_tag=dash_tag,
    )


_LABEL_WORDS = frozenset({"note", "important", "suggestion", "info", "informational"})
"""Severity words that, in title case, label a remark (``**Note**: …``) more often than they rate a finding."""
_BOLD_SEVERITY = re.compile(r"^(?:\*\*|__)\s*([A-Za-z]{2,14})\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*")


@lru_cache(maxsize=8)
def _house_ids(vocabulary: Vocabulary) -> re.Pattern[str] | None:
    if not vocabulary.id_patterns:
        return None
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in vocabulary.id_patterns) + r")(?![\w-])")


_ABBREVIATED = {"CRIT": Severity.CRITICAL, "MED": Severity.MEDIUM}


def _abbreviated(ident: str) -> SeverityHit | None:
    """``CRIT-1``, ``MED-4``: an id whose prefix abbreviates a severity word."""
    head = ident.split("-", 1)[0]
    sev = _ABBREVIATED.get(head)
    return SeverityHit(sev, head) if sev is not None else None


_WHOLE_LINK = re.compile(r"^\[(?P<text>.+)\]\([^()\s]*\)\s*$")


def _linked_text(line: str) -> str | None:
    """The text of a line that is one link (``[[H-01] Title](url)``), when its brackets nest (so
    ``[H-01] [see](url)`` is not read as one link)."""
    m = _WHOLE_LINK.match(line)
    if m is None:
        return None
    depth = 0
    for char in m.group("text"):
        depth += (char == "[") - (char == "]")
        if depth < 0:
            return None
    return m.group("text") if depth == 0 else None


def _drop_status_tail(title: str) -> str:
    """``Password hashing ✅`` → ``Password hashing`` (only a title ending past ASCII can end in a mark)."""
    return _STATUS_TAIL.sub("", title) if title and title[-1] > "\u2000" else title


def _more_ids(text: str) -> bool:
    """``& CRIT-7: …`` after an id: more ids of the same finding, then a separator (not prose)."""
    if text.lstrip()[:1] not in ("&", "+", ",", "a"):
        return False
    found = False
    while (j := _MORE_IDS.match(text)) and (k := ID_AT_START.match(text[j.end() :])) and is_real_id(k.group(1)):
        text, found = text[j.end() + k.end() :], True
    return found and _AFTER_ID.match(text) is not None


def _house_id(vocabulary: Vocabulary, text: str) -> re.Match[str] | None:
    pattern = _house_ids(vocabulary)
    return pattern.match(text) if pattern is not None else None


def _resolve_tags(tags: list[str], vocabulary: Vocabulary) -> SeverityHit | None:
    """The final severity over all tags of a lead (a later ``→ X`` wins over an earlier base)."""
    if not tags:
        return None
    usable = [t for t in tags if not _SEVERITY_LIST.search(t)]
    return final_severity(" ; ".join(usable), vocabulary) if usable else None


def _has_dash(title: str) -> bool:
    return "--" in title or "—" in title or "–" in title or " - " in title


def lead_line_text(markdown: str) -> str:
    """Plain text of the first line of ``markdown`` (where locations in titles are found)."""
    return _plain_line(markdown.strip().split("\n", 1)[0])


@lru_cache(maxsize=4096)
def _plain_line(line: str) -> str:
    # the item recognizers ask for the same line in turn
    return strip_markdown(line)


def forget_leads() -> None:
    """Empty the lead and plain-text caches (benchmarks use it so a repeated run learns nothing from the last)."""
    _cached_lead.cache_clear()
    _plain_line.cache_clear()
    forget_plain_text()
