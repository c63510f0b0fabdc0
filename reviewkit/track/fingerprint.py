"""Identity features of one finding occurrence: normalised title, file keys, symbols, content hash.

``link`` computes :class:`~reviewkit.model.Fingerprints` from the code at the anchor commit;
when a finding was not linked (no git, or link left them empty) the same kinds of features
are derived here from the finding itself — the quoted code stands in for the referenced lines.
No absolute line number ever enters an identity (a moved line is the same problem).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from reviewkit.link.fingerprint import fingerprints
from reviewkit.link.text import normalise_title as normalize_title
from reviewkit.model import Finding, Fingerprints, LinkedFinding

__all__ = ["Features", "bag_of", "features_of", "file_key", "idents_of", "normalize_title"]

_MIN_SNIPPET = 24
_TERM_CHARS = 400
_IDENT = re.compile(
    r"\b[A-Za-z_][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b"  # snake_case, _private
    r"|\b[a-z]+[A-Z][A-Za-z0-9]+\b|\b[A-Z][a-z]+[A-Z][A-Za-z0-9]+\b"  # camelCase, CamelCase
    r"|\b[A-Z]{2,}[a-z][A-Za-z0-9]*\b"  # TTLCache, SSEPingEvent
)
_CALLED = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\(\)")
_SWITCH = re.compile(r"(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
"""A command-line switch (``--no-traffic``, ``--timeout=90s`` → ``--timeout``): a setting, named as exactly as code."""
_ROUTE = re.compile(r"(?<![\w./-])/[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*){0,2}(?![\w./]|\Z)")
"""A URL route (``/feedback``, ``/sms/webhook``): an endpoint, named as exactly as code. Not a file path: none
ends in a file name, has more than three parts (``/home/me/projects/x``) or is cut off where the text is."""
_NUMBER = re.compile(r"(?<![\w.])(\d{2,})(?:[A-Za-z]{1,3})?(?![\w.])")
"""A number, with its unit if any (``90s``, ``512Mi`` → 90, 512): a setting's value two reviewers quote alike."""
_MIN_IDENT = 4
_BAG_CHARS = 1200
_TITLE_WEIGHT = 3.0


def file_key(path: str | None) -> str | None:
    """A path as identity sees it: its last component, lowercased (``/home/x/src/a.py`` → ``a.py``).

    Reviewers spell the same file ``graph.py``, ``src/agent/graph.py`` and with an absolute
    prefix; the file name is what they agree on.
    """
    if not path:
        return None
    name = PurePosixPath(path.replace("\\", "/").strip("`'\" ")).name.lower()
    return name if "." in name or name in ("dockerfile", "makefile") else None


def _content_hash(snippet: str) -> str | None:
    squeezed = re.sub(r"\s+", " ", snippet).strip()
    if len(squeezed) < _MIN_SNIPPET:
        return None
    return hashlib.sha256(squeezed.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Features:
    """What identity compares."""

    title: str
    """Normalised title."""
    text: str
    """Normalised title plus the start of the body."""
    contents: frozenset[str]
    path_symbols: frozenset[str]
    files: frozenset[str]
    terms: frozenset[str] = frozenset()
    """Stemmed words of title and body start, plus code identifiers (``_request_counter``)."""
    spans: frozenset[tuple[str, int, int]] = frozenset()
    """(file key, first line, last line) of every location with lines: reviewers of one commit cite alike."""
    idents: frozenset[str] = frozenset()
    """Code identifiers named in title and body (``get_retriever``, ``TTLCache``), lowercased."""
    bag: tuple[tuple[str, float], ...] = ()
    """Term frequencies of title (weighted up) and body: the input of the round's TF-IDF."""
    severity: int | None = None
    """Severity rank (0 = critical), when the review gives one."""
    subjects: frozenset[str] = frozenset()
    """Code identifiers the title names (underscores dropped, ``firestore_retriever`` ~ ``FirestoreRetriever``):
    what the finding is about, when it says."""
    cited: frozenset[str] = frozenset()
    """The round's fix-summary decisions that cite this finding beside another reviewer's
    (:mod:`~reviewkit.track.citations`)."""


def local_fingerprints(finding: Finding) -> Fingerprints:
    """Fingerprints from the finding alone (no git): link's own function with nothing resolved, so
    linked and unlinked findings compare alike."""
    return fingerprints(finding, (), [])


def _symbol_key(path_symbol: str) -> str:
    path, _, symbol = path_symbol.partition(":")
    return f"{file_key(path) or path}:{symbol}"


def features_of(linked: LinkedFinding) -> Features:
    """Identity features of an occurrence, preferring link's fingerprints."""
    finding = linked.finding
    fp = linked.fingerprints
    local = local_fingerprints(finding)
    contents = {c for c in (fp.content, local.content) if c}
    contents.update(h for s in finding.snippets if (h := _content_hash(s)))
    files = {k for loc in finding.locations if (k := file_key(loc.path))}
    files.update(k for loc in linked.locations if (k := file_key(loc.path)))
    symbols = {s for s in (fp.path_symbol, local.path_symbol) if s}
    symbols = {_symbol_key(s) for s in symbols if ":" in s}
    title = normalize_title(finding.title)  # always ours: one normalisation for every occurrence
    body = normalize_title(finding.body[:300])
    spans = {s for loc in finding.locations if (s := _span(loc.path, loc.start, loc.end))}
    spans.update(s for loc in linked.locations if (s := _span(loc.path, loc.start, loc.end)))
    return Features(
        title=title,
        text=f"{title} {body}".strip(),
        contents=frozenset(contents),
        path_symbols=frozenset(symbols),
        files=frozenset(files),
        terms=terms_of(f"{finding.title}\n{finding.body[:_TERM_CHARS]}"),
        spans=frozenset(spans),
        idents=idents_of(f"{finding.title}\n{finding.body[:_BAG_CHARS]}"),
        subjects=frozenset(_loose(i) for i in idents_of(finding.title)),
        bag=bag_of(finding.title, finding.body[:_BAG_CHARS]),
        severity=finding.severity.rank if finding.severity is not None else None,
    )


def _span(path: str | None, start: int | None, end: int | None) -> tuple[str, int, int] | None:
    key = file_key(path)
    if key is None or start is None:
        return None
    return (key, start, max(end if end is not None else start, start))


def idents_of(text: str) -> frozenset[str]:
    """Code identifiers in ``text``: snake_case, camelCase, CamelCase, ``TTLCache``, ``name()``.

    Leading underscores are dropped (``_get_llm`` and ``get_llm`` are one name to a reader).
    """
    found = {m.lower().lstrip("_") for m in _IDENT.findall(text)}
    found.update(m.lower().lstrip("_") for m in _CALLED.findall(text))
    # ``--no-traffic`` turns off the switch ``--traffic`` sets: one setting
    found.update(m.lower().replace("--no-", "--", 1) for m in _SWITCH.findall(text))
    found.update(m.lower() for m in _ROUTE.findall(text))
    return frozenset(i for i in found if len(i) >= _MIN_IDENT)


def _loose(ident: str) -> str:
    """An identifier as a reader matches it: without underscores (``firestore_retriever`` ~ ``firestoreretriever``)."""
    return ident.replace("_", "")


def bag_of(title: str, body: str) -> tuple[tuple[str, float], ...]:
    """Term frequencies (stemmed words and numbers) with the title's words counted ``_TITLE_WEIGHT`` times."""
    counts: defaultdict[str, float] = defaultdict(float)
    for weight, text in ((_TITLE_WEIGHT, title), (1.0, body)):
        for word in normalize_title(text).split():
            if len(word) > 2:
                counts[_stem(word)] += weight
        for number in _NUMBER.findall(text):
            counts[f"#{number}"] += weight
    return tuple(sorted(counts.items()))


@functools.lru_cache(maxsize=1 << 16)  # a review repeats its vocabulary: stem each word once
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def terms_of(text: str) -> frozenset[str]:
    """Distinctive terms of a finding: code identifiers as written, and stemmed words."""
    idents = {m.lower() for m in _IDENT.findall(text)}
    words = {_stem(w) for w in normalize_title(text).split() if len(w) > 2}
    return frozenset(idents | words)
