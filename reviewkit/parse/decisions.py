"""Fix-summary decisions (Fixed / Skipped / Deferred / Disputed / Partial) and the findings they cite.

Three shapes carry them (format catalog §3.2):

* tables — a row per finding, with a "Models"/"Reviewers"/"ID" column of ``<Reviewer> <id>``
  pairs, or one column per reviewer (``CRITICAL (RAG-001)``, ``F-001 HIGH``), a consensus
  (``3/3``) and a decision column (Action / Fixed / Status …);
* list items — ``1. **RAG-001 / GPT-F1 / Grok-F1: Title** (3/3 consensus)``,
  ``- **DeepSeek F1 (HIGH)**: …``, ``1. **Title**: Gemini H-001 (HIGH), GPT F-002 …``;
* headings — ``### 1. CRITICAL: chat_stream PII buffer untested (Gemini F1, GPT F1)``.

When a row or item states no decision, the enclosing section decides ("Fixes Applied" →
fixed, "NOT Fixed" → skipped, "Deferred" → deferred); a consensus matrix outside such a
section records :attr:`Decision.NOTED` — the summary saw the finding and said who agreed.
"""

from __future__ import annotations

import re

from reviewkit.config import Vocabulary
from reviewkit.model import Decision, FindingRef, FixDecision, Severity
from reviewkit.parse.decision_refs import consensus_in, extract_refs, id_tokens, match_reviewer
from reviewkit.parse.tree import Node, Section, inline_markdown, line_of, plain_text, table_rows

__all__ = ["decision_of_text", "find_decisions"]

# order matters: the first rule whose words appear wins ("Not fixed" before "fixed")
_DECISION_WORDS: tuple[tuple[Decision, re.Pattern[str]], ...] = (
    (Decision.DISPUTED, re.compile(r"\b(disputed?|false positive|invalid|rejected|hallucinat\w*)\b")),
    (Decision.PARTIAL, re.compile(r"\b(partial(ly)?|mitigated)\b")),
    (Decision.DEFERRED, re.compile(r"\b(defer\w*|carried|carry[- ]forward|later|backlog)\b")),
    (
        Decision.SKIPPED,
        re.compile(
            r"\b(skip\w*|not fixed|unfixed|won'?t fix|no|retracted|trade-?offs?|accepted|not applied|"
            r"non-consensus|below consensus|by design|acknowledged)\b"
        ),
    ),
    (Decision.FIXED, re.compile(r"\b(fix(ed|es)?|yes|applied|resolved|done|verified|complete[d]?)\b|\[x\]|✅")),
)
_DECISION_HEADERS = ("action", "fixed", "fix applied", "resolution", "status", "decision", "fix", "outcome")
_TITLE_HEADERS = ("finding", "description", "issue", "title", "claim", "problem")
_REF_HEADERS = ("models", "model", "reviewers", "reviewer", "id", "source", "flagged by", "consensus", "who")
_SEVERITY_HEADERS = ("severity", "sev", "priority")
_BOLD_LEAD = re.compile(r"^\s*(?:\d+[.)]\s*)?\*\*(.+?)\*\*")


def decision_of_text(text: str) -> Decision | None:
    """The decision a cell, heading or label states (``**Fixed**``, ``Yes*``, ``Not fixed (…)``)."""
    low = text.lower().replace("*", "").strip()
    for decision, pattern in _DECISION_WORDS:
        if pattern.search(low):
            return decision
    return None


def _section_decision(section: Section) -> Decision | None:
    for node in (section, *section.ancestors()):
        if node.level <= 1:
            break  # the document title ("R7 Fix Summary") decides nothing
        found = decision_of_text(node.title)
        if found is not None:
            return found
    return None


def _severity(text: str, vocabulary: Vocabulary) -> Severity | None:
    for word in re.findall(r"[A-Za-z0-9]+", text):
        sev = vocabulary.severity_of(word)
        if sev is not None:
            return sev
    return None


def find_decisions(root: Section, vocabulary: Vocabulary) -> list[FixDecision]:
    """Decisions recorded in a fix summary, in document order."""
    out: list[FixDecision] = []
    for section in root.walk():
        if section.level >= 2:
            heading = _from_heading(section, vocabulary)
            if heading is not None:
                out.append(heading)
        for block in section.blocks:
            if block.type == "table":
                out.extend(_from_table(block, section, vocabulary))
            elif block.type in ("bullet_list", "ordered_list"):
                out.extend(_from_list(block, section, vocabulary))
    return sorted(out, key=lambda d: d.line)


# ---------------------------------------------------------------- tables


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    low = [h.lower().strip() for h in header]
    for name in names:
        for i, h in enumerate(low):
            if h == name or h.startswith((name + " ", name + "(")):
                return i
    return None


def _from_table(table: Node, section: Section, vocabulary: Vocabulary) -> list[FixDecision]:
    header, rows = table_rows(table)
    reviewer_cols = {
        i: r
        for i, h in enumerate(header)
        if (r := match_reviewer(h, vocabulary)) is not None and h.lower().strip() not in _REF_HEADERS
    }
    ref_col = _column(header, _REF_HEADERS)
    decision_col = _column(header, _DECISION_HEADERS)
    title_col = _column(header, _TITLE_HEADERS)
    severity_col = _column(header, _SEVERITY_HEADERS)
    if ref_col is None and not reviewer_cols and title_col is None:
        return []  # titles may still cite ids: "PII buffer (Gemini F6, Grok H3)" under "Finding | Reason"
    in_section = _section_decision(section)
    out: list[FixDecision] = []
    for line, cells in rows:
        texts = [plain_text(c) for c in cells]
        refs: list[FindingRef] = []
        for i, reviewer in reviewer_cols.items():
            if i < len(texts):
                refs.extend(FindingRef(reviewer=reviewer, id=t) for t in id_tokens(texts[i]))
        if ref_col is not None and ref_col < len(texts):
            refs.extend(extract_refs(texts[ref_col], vocabulary, bare_ids=header[ref_col].lower().strip() == "id"))
        if title_col is not None and title_col < len(texts) and ref_col is None:
            refs.extend(extract_refs(texts[title_col], vocabulary))  # "… (Gemini F6, Grok H3)"
        if not refs and (title_col is None or (in_section is None and decision_col is None)):
            continue  # a row citing nothing decides something only where a section or column says what
        row_text = " | ".join(texts)
        decision = _row_decision(texts, header, decision_col, in_section)
        out.append(
            FixDecision(
                decision=decision,
                refs=tuple(dict.fromkeys(refs)),
                title=texts[title_col] if title_col is not None and title_col < len(texts) else "",
                severity=_severity(texts[severity_col], vocabulary)
                if severity_col is not None and severity_col < len(texts)
                else None,
                consensus=consensus_in(row_text),
                line=line,
            )
        )
    return out


def _row_decision(texts: list[str], header: list[str], col: int | None, in_section: Decision | None) -> Decision:
    if col is not None and col < len(texts):
        cell = texts[col].strip()
        words = cell.split()
        # a decision is stated up front ("Deferred — needs Redis"); deeper in a sentence describing the fix
        # ("… production skips startup ingestion") a word like "skips" is not one
        stated = decision_of_text(" ".join(words[:4]) if len(words) > 5 else cell)
        if stated is not None:
            return stated
        # a "Fix Applied" cell holding prose describes the fix that was made
        if cell and cell not in ("-", "--", "—") and "fix" in header[col].lower():
            return Decision.FIXED
    return in_section or Decision.NOTED


# ---------------------------------------------------------------- lists and headings


def _from_list(block: Node, section: Section, vocabulary: Vocabulary) -> list[FixDecision]:
    out: list[FixDecision] = []
    in_section = _section_decision(section)
    for item in block.children:
        first = next((c for c in item.children if c.type == "paragraph"), None)
        if first is None:
            continue
        source = inline_markdown(first).split("\n", 1)[0]
        decision = _item_decision(source, vocabulary, in_section, line_of(item))
        if decision is None and in_section is not None:
            decision = _titled_decision(source, vocabulary, in_section, line_of(item))
        if decision is not None:
            out.append(decision)
    return out


def _titled_decision(source: str, vocabulary: Vocabulary, decision: Decision, line: int) -> FixDecision | None:
    """An item citing no id under a section that decides (``## Remaining Items (deferred)``): a decision
    about the finding its title describes; ``track`` finds that finding by its words."""
    text = re.sub(r"[*`]", "", source).strip()
    title = re.split(r"\s[—–-]\s|:\s|\(", text, maxsplit=1)[0].strip() or text
    if len(title) < 8:
        return None
    return FixDecision(decision=decision, title=title[:160], severity=_severity(text, vocabulary), line=line)


def _item_decision(source: str, vocabulary: Vocabulary, in_section: Decision | None, line: int) -> FixDecision | None:
    """A decision from one line of inline markdown (list item or heading), or None when it cites nothing."""
    bold = _BOLD_LEAD.match(source)
    lead = bold.group(1) if bold else ""
    text = re.sub(r"[*`]", "", source)
    refs: list[FindingRef] = []
    title = lead
    if lead:
        ids_part, sep, rest = lead.partition(":")
        if sep and id_tokens(ids_part) and len(ids_part) <= 60:
            refs.extend(extract_refs(ids_part, vocabulary, bare_ids=True))
            title = rest.strip()
    refs.extend(extract_refs(text, vocabulary))
    if not refs:
        return None
    return FixDecision(
        decision=in_section or Decision.NOTED,
        refs=tuple(dict.fromkeys(refs)),
        title=re.sub(r"[*`]", "", title).strip() or text[:120].strip(),
        severity=_severity(text, vocabulary),
        consensus=consensus_in(text),
        line=line,
    )


def _from_heading(section: Section, vocabulary: Vocabulary) -> FixDecision | None:
    own = decision_of_text(section.title) if re.search(r"\bfixed\b|\bdeferred\b", section.title, re.I) else None
    parent = section.parent
    context = _section_decision(parent) if parent is not None else None
    title = section.title_md
    if not re.search(r"\(.*\)|^\W*\d+\.", title) and not id_tokens(title.split(":", 1)[0]):
        return None
    found = _item_decision(title, vocabulary, own or context, section.line)
    if found is None or all(r.reviewer is None for r in found.refs):
        return None
    return found
