"""Issue keys that never move: a committed index of the keys handed out and the findings behind them.

Keys are minted from a finding's position the first time it is tracked; afterwards a document
added to a round, a renamed round folder, files in another order or a better parser must not
re-key an issue, or its triage decisions and CI baseline stop applying. So the keys handed out
are kept in ``issue-keys.json`` beside ``triage.toml`` (commit it with the reviews), with the
identities of each issue's findings at three strengths:

* ``round | reviewer | id | title`` — the finding as it was;
* ``round | reviewer | id`` — the same finding after a better parser reworded its title;
* ``reviewer | id | title`` — the same finding after its round folder was renamed.

An issue computed now takes the key of the recorded issue one of its findings matches, strongest
identity first, one issue per key. Unmatched issues keep their minted key.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from reviewkit.errors import InputError
from reviewkit.track.fingerprint import normalize_title

__all__ = [
    "KEY_INDEX_FILENAME",
    "finding_identities",
    "nearest_issue",
    "numbered_identities",
    "parse_key_index",
    "pin_keys",
    "save_key_index",
    "updated_index",
]

KEY_INDEX_FILENAME = "issue-keys.json"
_FORMAT = 1

KeyIndex = dict[str, list[str]]
"""Issue key → identities of its findings (all strengths), sorted."""


def finding_identities(
    round_key: str, reviewer: str, finding_id: str | None, title: str, duplicate: int = 0, repeat: int = 0
) -> tuple[str, ...]:
    """A finding's identities, strongest first (see the module docstring). ``duplicate`` tells apart a
    reviewer's findings with the same id and title in one round, ``repeat`` those across rounds (for the
    identity without a round)."""
    words = normalize_title(title) or title.strip().lower()
    ident = (finding_id or "").strip()
    tail = f"#{duplicate}" if duplicate else ""
    out = [f"{round_key}|{reviewer}|{ident}|{words}{tail}"]
    if ident:
        out.append(f"{round_key}|{reviewer}|{ident}{tail}")
    out.append(f"{reviewer}|{ident}|{words}" + (f"#{repeat}" if repeat else ""))
    return tuple(out)


def numbered_identities(rows: Iterable[tuple[str, str, str | None, str]]) -> list[tuple[str, ...]]:
    """:func:`finding_identities` of (round, reviewer, id, title) rows in round order, repeats numbered."""
    in_round: Counter[tuple[str, str, str | None, str]] = Counter()
    anywhere: Counter[tuple[str, str | None, str]] = Counter()
    out = []
    for row in rows:
        _round, reviewer, finding_id, title = row
        plain = (reviewer, finding_id, normalize_title(title) or title.strip().lower())
        out.append(finding_identities(*row, duplicate=in_round[row], repeat=anywhere[plain]))
        in_round[row] += 1
        anywhere[plain] += 1
    return out


def pin_keys(
    computed: Sequence[str], identities: Sequence[tuple[str, ...]], index: Mapping[str, Sequence[str]]
) -> list[str]:
    """The key each finding keeps: the recorded key of its own identity (strongest unique match), else the
    recorded key most of its computed issue's findings keep, else the computed key (made unique).

    Recorded issues are never merged away nor re-keyed, whatever the grouping does now."""
    owner: dict[str, set[str]] = {}
    for key, recorded in index.items():
        for identity in recorded:
            owner.setdefault(identity, set()).add(key)
    own: list[str | None] = []
    for ids in identities:
        match = None
        for identity in ids:
            keys = owner.get(identity, set())
            if len(keys) == 1:
                (match,) = keys
                break
        own.append(match)
    votes: dict[str, Counter[str]] = {}
    for key, match in zip(computed, own, strict=True):
        if match is not None:
            votes.setdefault(key, Counter())[match] += 1
    taken = set(index)
    minted: dict[str, str] = {}
    out = []
    for key, match in zip(computed, own, strict=True):
        if match is None and key in votes:
            match = votes[key].most_common(1)[0][0]
        if match is None:
            if key not in minted:
                fresh, salt = key, 0
                while fresh in taken:
                    salt += 1
                    fresh = "RK-" + hashlib.sha256(f"{key}#{salt}".encode()).hexdigest()[:8]
                minted[key] = fresh
                taken.add(fresh)
            match = minted[key]
        out.append(match)
    return out


def nearest_issue(recorded: Sequence[str], issues: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The (key, title) of the current issue whose title shares most words with the recorded findings'
    titles (Jaccard ≥ 0.3), to name beside a triage entry that matches no issue any more."""
    words = {w[:5] for identity in recorded for w in identity.split("|")[-1].split("#")[0].split()}
    best, best_score = None, 0.3
    for key, title in issues:  # word stems (five letters): "validated" and "validation" are one word here
        other = {w[:5] for w in (normalize_title(title) or title.lower()).split()}
        score = len(words & other) / len(words | other) if words and other else 0.0
        if score >= best_score:
            best, best_score = (key, title), score
    return best


def updated_index(index: Mapping[str, Sequence[str]], members: Iterable[tuple[str, tuple[str, ...]]]) -> KeyIndex:
    """``index`` with every (key, identities) of the current ledger added; recorded keys are never dropped."""
    out: dict[str, set[str]] = {k: set(v) for k, v in index.items()}
    for key, identities in members:
        out.setdefault(key, set()).update(identities)
    return {k: sorted(v) for k, v in sorted(out.items())}


def parse_key_index(text: str, path: str = KEY_INDEX_FILENAME) -> KeyIndex:
    """The index in ``text``; InputError naming the file when it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"malformed issue key index: {e.msg}", path=path, line=e.lineno) from e
    issues = data.get("issues") if isinstance(data, dict) else None
    if not isinstance(issues, dict) or not all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in issues.values()
    ):
        raise InputError('not an issue key index: expected {"issues": {"RK-…": ["…"]}}', path=path)
    return {str(k): list(v) for k, v in issues.items()}


def save_key_index(folder: Path, index: KeyIndex) -> Path | None:
    """Write ``folder/issue-keys.json`` atomically when it changed; None when nothing was written."""
    file = folder / KEY_INDEX_FILENAME
    text = json.dumps({"format": _FORMAT, "issues": index}, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    try:
        if file.is_file() and file.read_text(encoding="utf-8") == text:
            return None
    except (OSError, UnicodeDecodeError):
        pass
    fd, tmp = tempfile.mkstemp(prefix=".issue-keys-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        Path(tmp).replace(file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return file
