"""Parse the text of ``git log -p`` into :class:`~reviewkit.model.CommitInfo` records.

Pure text processing, no git import: :mod:`reviewkit.gitio` runs git and streams
its output here. The log format (``LOG_FORMAT``) marks each commit header so the
patch text between two headers belongs to one commit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reviewkit.model import CommitInfo, FileChange, Hunk

__all__ = ["LOG_FORMAT", "CommittedDocument", "ShallowInfo", "parse_log", "side_commits"]

_MARK = "\x1eRKCOMMIT\x00"
_END = "\x1fRKEND"
LOG_FORMAT = "--format=%x1eRKCOMMIT%x00%H%x00%P%x00%an%x00%aI%x00%B%x1fRKEND"
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_INDEX = re.compile(r"^index ([0-9a-f]+)\.\.([0-9a-f]+)")
_QUOTED_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "r": "\r"}
_NULL_BLOB = "0" * 40


def _unquote(path: str) -> str:
    """Undo git's C-style quoting of unusual path names (``"a\\tb"``)."""
    if not (len(path) >= 2 and path[0] == '"' and path[-1] == '"'):
        return path
    raw, out, i = path[1:-1], bytearray(), 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in "01234567" and i + 4 <= len(raw):
                out.append(int(raw[i + 1 : i + 4], 8))
                i += 4
                continue
            out.extend(_QUOTED_ESCAPES.get(nxt, nxt).encode())
            i += 2
            continue
        out.extend(ch.encode())
        i += 1
    return out.decode("utf-8", errors="replace")


def _strip_prefix(path: str) -> str | None:
    path = _unquote(path.rstrip("\t"))  # git appends a tab to ---/+++ names that contain spaces
    if path == "/dev/null":
        return None
    return path[2:] if path[:2] in ("a/", "b/") else path


class _ChangeBuilder:
    """Accumulates one file's diff header and hunks while the log streams by."""

    def __init__(self, header: str) -> None:
        old, new = _paths_from_diff_header(header)
        self.old_path: str | None = old
        self.new_path: str | None = new
        self.new_blob: str | None = None
        self.hunks: list[Hunk] = []
        self._cur: tuple[int, int, int, int] | None = None
        self._removed: list[str] = []
        self._added: list[str] = []

    def header_line(self, line: str) -> None:
        if line.startswith("new file mode"):
            self.old_path = None
        elif line.startswith("deleted file mode"):
            self.new_path = None
        elif line.startswith("rename from "):
            self.old_path = _unquote(line[12:])
        elif line.startswith("rename to "):
            self.new_path = _unquote(line[10:])
        elif line.startswith("--- ") and self.old_path is not None:
            self.old_path = _strip_prefix(line[4:]) or self.old_path
        elif line.startswith("+++ ") and self.new_path is not None:
            self.new_path = _strip_prefix(line[4:]) or self.new_path
        elif m := _INDEX.match(line):
            self.new_blob = None if m.group(2) == _NULL_BLOB else m.group(2)

    def hunk_start(self, m: re.Match[str]) -> None:
        self._flush()
        old_len = int(m.group(2)) if m.group(2) is not None else 1
        new_len = int(m.group(4)) if m.group(4) is not None else 1
        self._cur = (int(m.group(1)), old_len, int(m.group(3)), new_len)

    def _flush(self) -> None:
        if self._cur is not None:
            os_, ol, ns, nl = self._cur
            self.hunks.append(
                Hunk(
                    old_start=os_,
                    old_len=ol,
                    new_start=ns,
                    new_len=nl,
                    removed=self._removed,
                    added=self._added,
                )
            )
        self._cur, self._removed, self._added = None, [], []

    def build(self) -> FileChange:
        self._flush()
        blob = self.new_blob if self.new_path is not None else None
        return FileChange(old_path=self.old_path, new_path=self.new_path, hunks=tuple(self.hunks), new_blob=blob)


def _paths_from_diff_header(header: str) -> tuple[str | None, str | None]:
    rest = header[len("diff --git ") :]
    if rest.startswith('"'):
        end = rest.index('"', 1)
        while rest[end - 1] == "\\":
            end = rest.index('"', end + 1)
        return _strip_prefix(rest[: end + 1]), _strip_prefix(rest[end + 2 :])
    half = len(rest) // 2  # "a/x b/x": unambiguous only when both halves match; headers below refine it
    if rest[half] == " " and rest[:half][2:] == rest[half + 1 :][2:]:
        return _strip_prefix(rest[:half]), _strip_prefix(rest[half + 1 :])
    old, _, new = rest.partition(" b/")
    return _strip_prefix(old), new or None


def _commit_from_header(text: str, changes: list[FileChange]) -> CommitInfo:
    sha, parents, author, date, message = text.split("\x00", 4)
    return CommitInfo(
        sha=sha,
        parents=tuple(parents.split()),
        author=author,
        date=dt.datetime.fromisoformat(date),
        message=message.strip("\n"),
        changes=tuple(changes),
    )


def parse_log(lines: Iterable[str]) -> Iterator[CommitInfo]:
    """Parse the output of ``git log -p --format=<LOG_FORMAT>`` into commits, streaming.

    Most lines are hunk bodies: they are told apart by their first character before anything else is tried.
    """
    header: list[str] | None = None
    pending: str | None = None
    changes: list[FileChange] = []
    current: _ChangeBuilder | None = None
    removed: list[str] = []  # the current hunk's lines (current._removed / _added)
    added: list[str] = []
    in_hunk = False
    for raw in lines:
        line = raw[:-1] if raw[-1:] == "\n" else raw
        if in_hunk:
            first = line[:1]
            if first == "-":
                removed.append(line[1:])
                continue
            if first == "+":
                added.append(line[1:])
                continue
        if header is not None:  # inside the format block: message lines until the end marker
            if _END in line:
                header.append(line[: line.index(_END)])
                pending, header = "\n".join(header), None
            else:
                header.append(line)
            continue
        if line.startswith(_MARK):
            if current is not None:
                changes.append(current.build())
                current, in_hunk = None, False
            if pending is not None:
                yield _commit_from_header(pending, changes)
            changes = []
            header = [line[len(_MARK) :]]
            if _END in header[0]:
                pending, header = header[0][: header[0].index(_END)], None
            continue
        if line.startswith("diff --git "):
            if current is not None:
                changes.append(current.build())
            current, in_hunk = _ChangeBuilder(line), False
        elif current is not None:
            if line.startswith("@@") and (m := _HUNK.match(line)):
                current.hunk_start(m)
                removed, added, in_hunk = current._removed, current._added, True
            elif not in_hunk:
                current.header_line(line)
    if current is not None:
        changes.append(current.build())
    if pending is not None:
        yield _commit_from_header(pending, changes)


def side_commits(
    line: list[tuple[str, tuple[str, ...]]], graph: dict[str, tuple[tuple[str, ...], str]]
) -> dict[str, list[str]]:
    """Merge sha → the side-branch commits it brings into the first-parent ``line`` (oldest first).

    Walking the line oldest first, everything reachable from an earlier position is already
    claimed, so each side commit goes to the first merge that brings it in: one pass over the graph.
    """
    claimed: set[str] = set()
    out: dict[str, list[str]] = {}
    for sha, parents in line:
        claimed.add(sha)
        stack = [p for p in parents[1:] if p not in claimed]
        side: list[str] = []
        while stack:
            commit = stack.pop()
            if commit in claimed or commit not in graph:
                continue
            claimed.add(commit)
            side.append(commit)
            stack.extend(p for p in graph[commit][0] if p not in claimed)
        if side:
            out[sha] = side[::-1]
    return out


# ---------------------------------------------------------------- other records gitio hands out


@dataclass(frozen=True, slots=True)
class ShallowInfo:
    """What a shallow clone lacks: the boundary commits and the date history stops at."""

    boundary: tuple[str, ...]
    oldest_date: dt.datetime | None

    def describe(self) -> str:
        when = f" before {self.oldest_date.date().isoformat()}" if self.oldest_date else ""
        return (
            f"shallow clone: history{when} is missing (cut at {len(self.boundary)} boundary commit(s) "
            f"{', '.join(s[:7] for s in self.boundary[:3])}); run `git fetch --unshallow` for the full history"
        )


@dataclass(frozen=True, slots=True)
class CommittedDocument:
    """A file as last committed: its path, bytes and the commit that last had that content."""

    path: str
    data: bytes
    commit: str
    deleted: bool = False
