"""Resolve the locations a finding names against the tree of its anchor commit.

Pure: the tree is a set of paths and file text comes through ``read``; nothing here
touches the file system. Paths that try to leave the repository are rejected before
any read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from reviewkit.model import Location, ResolvedLocation

ReadText = Callable[[str], str | None]

_SYSTEM_ROOTS = ("/etc/", "/proc/", "/sys/", "/dev/", "/root/", "/var/", "/usr/", "/boot/", "/bin/", "/sbin/")
_DEF_KEYWORDS = r"(?:async\s+def|def|class|function|func|fn|sub|interface|struct|enum|trait|type)"
_MAX_BLOCK = 400


def clean_path(raw: str) -> str:
    """Strip quoting, ``./`` and Windows separators from a path as written in a review."""
    path = raw.strip().strip("`'\"").replace("\\", "/").strip()
    while path.startswith("./"):
        path = path[2:]
    return path


def outside_repo(path: str) -> bool:
    """True for paths that climb out (``../``), use ``~`` or name system folders."""
    parts = path.split("/")
    return ".." in parts or path.startswith("~") or path.startswith(_SYSTEM_ROOTS) or path in ("/etc", "/")


@functools.lru_cache(maxsize=8)
def _by_name(tree: frozenset[str]) -> dict[str, list[str]]:
    """The tree's paths by file name: a path ending in ``/a/b.py`` (or equal to ``b.py``) is named ``b.py``."""
    out: dict[str, list[str]] = {}
    for path in tree:
        out.setdefault(path.rpartition("/")[2], []).append(path)
    return out


def match_path(raw: str, tree: frozenset[str]) -> tuple[str | None, str]:
    """The tree path ``raw`` refers to and how it was found (or None and why not)."""
    path = clean_path(raw)
    if not path:
        return None, "empty path"
    if outside_repo(path):
        return None, f"{raw!r} points outside the repository: not read"
    if path in tree:
        return path, "exact"
    parts = [p for p in path.split("/") if p]
    if path.startswith("/") or len(parts) > 1:
        for i in range(1, len(parts)):
            suffix = "/".join(parts[i:])
            if suffix in tree:
                return suffix, f"prefix {'/'.join(parts[:i])!r} cut"
    name = parts[-1] if parts else path
    tail = "/" + "/".join(parts) if len(parts) > 1 and not path.startswith("/") else "/" + name
    candidates = sorted(p for p in _by_name(tree).get(name, ()) if p.endswith(tail) or p == name)
    if len(candidates) == 1:
        return candidates[0], f"unique file ending in {tail.lstrip('/')!r}"
    if candidates:
        return None, f"{raw!r} is ambiguous ({len(candidates)} files match)"
    return None, f"{raw!r} not in the tree at the anchor"


def symbol_range(text: str, symbol: str) -> tuple[int, int] | None:
    """1-based line range of the definition of ``symbol`` (``Class.method`` or ``name``), by indentation."""
    names = [n for n in re.split(r"\.|::", symbol.strip().rstrip("()")) if n]
    if not names:
        return None
    lines = text.splitlines()
    start_at = 0
    found: tuple[int, int] | None = None
    for name in names:
        pattern = re.compile(rf"^(\s*)(?:export\s+)?(?:pub\s+)?{_DEF_KEYWORDS}\s+{re.escape(name)}\b")
        for i in range(start_at, len(lines)):
            m = pattern.match(lines[i])
            if m:
                found = (i + 1, _block_end(lines, i, len(m.group(1))))
                start_at = i + 1
                break
        else:
            found = _assigned_symbol(lines, name) if name == names[-1] and found is None else None
            if found is None:
                return None
    return found


def _assigned_symbol(lines: list[str], name: str) -> tuple[int, int] | None:
    """A module-level ``NAME = …`` / ``const name =`` definition, as a fallback for constants."""
    pattern = re.compile(rf"^(?:(?:const|let|var)\s+)?{re.escape(name)}\s*(?::[^=]+)?=")
    for i, line in enumerate(lines):
        if pattern.match(line):
            return i + 1, _block_end(lines, i, 0)
    return None


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Last line of the block opened at ``start``: until a non-blank line indented no deeper."""
    last = start
    for j in range(start + 1, min(len(lines), start + _MAX_BLOCK)):
        line = lines[j]
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        if depth <= indent and not line.lstrip().startswith((")", "]", "}")):
            break
        last = j
    if last + 1 < len(lines) and lines[last + 1].strip() in ("}", "};", "end"):
        last += 1
    return last + 1


@functools.lru_cache(maxsize=256)
def _line_count(text: str) -> int:
    """Lines of a file text (the same text is asked for once per location it holds)."""
    return len(text.splitlines())


def resolve_location(loc: Location, tree: frozenset[str], read: ReadText) -> ResolvedLocation:
    """Resolve one location at the anchor: path in the tree, symbol to lines, lines within the file."""
    base = {"symbol": loc.symbol, "start": loc.start, "end": loc.end, "path": loc.path}
    if loc.path is None:
        return ResolvedLocation(**base, resolved=False, note="no file path given")
    path, how = match_path(loc.path, tree)
    if path is None:
        return ResolvedLocation(**base, resolved=False, note=how)
    text = read(path)
    if text is None:
        return ResolvedLocation(**base | {"path": path}, resolved=False, note="file could not be read at the anchor")
    n_lines = _line_count(text)
    start, end, notes = loc.start, loc.end, [] if how == "exact" else [how]
    if start is None and loc.symbol:
        span = symbol_range(text, loc.symbol)
        if span is None:
            return ResolvedLocation(
                path=path, symbol=loc.symbol, resolved=False, note=f"symbol {loc.symbol!r} not found in {path}"
            )
        start, end = span
        notes.append(f"symbol {loc.symbol!r} at lines {start}-{end}")
    if start is not None:
        end = end if end is not None and end >= start else start
        if start > n_lines:
            return ResolvedLocation(
                path=path,
                start=start,
                end=end,
                symbol=loc.symbol,
                resolved=False,
                note=f"line {start} is past the end of {path} ({n_lines} lines)",
            )
        if end > n_lines:
            notes.append(f"end line {end} cut to {n_lines}")
            end = n_lines
    return ResolvedLocation(
        path=path, start=start, end=end, symbol=loc.symbol, resolved=True, note="; ".join(notes) or None
    )
