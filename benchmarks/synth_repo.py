"""Synthetic repository + reviews for the link benchmark, written with ``git fast-import``.

The history looks like a busy project: every commit edits, inserts or deletes lines in
a few of six hundred modules — as many lines and files per commit as a real project's
commits change (``LINES_*``, ``FILES_*``) — files are renamed now and then, and some
commits say which review finding they fix (``R12 fix C-007``). Reviews are anchored at
commits spread over the history; each finding points at real lines of a module at its
anchor and quotes one of them.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reviewkit.model import Document, DocumentKind, Finding, Location, Review

EPOCH = int(dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp())


@dataclass
class _Planned:
    review: int
    fid: str
    path: str
    start: int
    end: int
    quote: str
    title: str
    fixed_at: int | None = None


@dataclass
class _State:
    files: dict[str, list[str]] = field(default_factory=dict)
    version: int = 0

    def line(self, path: str, n: int) -> str:
        self.version += 1
        stem = path.rsplit("/", 1)[-1].removesuffix(".py")
        return f"    result_{stem}_{n} = compute_{stem}(value={self.version}, step={n})"


def _data(out: BinaryIO, payload: bytes) -> None:
    out.write(b"data %d\n" % len(payload))
    out.write(payload)
    out.write(b"\n")


def _commit(out: BinaryIO, mark: int, when: int, message: str, ops: list[bytes]) -> None:
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    out.write(b"committer Bench <bench@example.com> %d +0000\n" % when)
    _data(out, message.encode())
    if mark > 1:
        out.write(b"from :%d\n" % (mark - 1))
    for op in ops:
        out.write(op)


def _modify(path: str, lines: list[str]) -> bytes:
    body = ("\n".join(lines) + "\n").encode()
    return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(body), body)


def build(
    path: Path, *, commits: int, findings: int, reviews: int = 100, files: int = 600, seed: int = 7
) -> tuple[list[Document], dict[tuple[str, str], str]]:
    """Create the repository at ``path``; return the review documents and the planted fixes.

    The fixes map (document path, finding id) to the sha of the commit that fixed it.
    """
    rng = random.Random(seed)
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(path)], check=True)
    state = _State()
    per_review = max(1, findings // reviews)
    anchors = sorted({max(1, (commits * (r + 1)) // (reviews + 2)) for r in range(reviews)})
    planned: dict[int, list[_Planned]] = {}
    open_by_round: list[_Planned] = []
    marks_file = path / ".git" / "bench-marks"
    proc = subprocess.Popen(
        ["git", "fast-import", "--quiet", f"--export-marks={marks_file}"], cwd=path, stdin=subprocess.PIPE
    )
    assert proc.stdin is not None
    out = proc.stdin
    for j in range(files):
        p = f"src/pkg{j % 12}/mod{j}.py"
        state.files[p] = [f"def mod{j}_entry(value):"] + [state.line(p, i) for i in range(1, 120)]
    _commit(out, 1, EPOCH, "initial import", [_modify(p, ls) for p, ls in state.files.items()])
    anchor_set = set(anchors)
    for mark in range(2, commits + 1):
        pos = mark - 1
        ops, message = _random_edits(rng, state), f"change {pos}: adjust modules"
        if open_by_round and rng.random() < 0.25:
            target = open_by_round.pop(rng.randrange(len(open_by_round)))
            ops.append(_fix(state, target))
            message = (  # a third of the fixes do not say which finding they fix
                f"R{target.review + 1} fix {target.fid}: {target.title.lower()}"
                if rng.random() < 0.67
                else f"Harden {target.path.rsplit('/', 1)[-1]}"
            )
            target.fixed_at = mark
        _commit(out, mark, EPOCH + pos * 600, message, ops)
        if pos in anchor_set:
            made = _plan_review(rng, state, len(planned), per_review)
            planned[pos] = made
            open_by_round.extend(made)
    out.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    marks = dict(line.split() for line in marks_file.read_text().splitlines())
    docs = [_document(i, marks[f":{pos + 1}"], items) for i, (pos, items) in enumerate(sorted(planned.items()))]
    truth = {
        (f"round-{p.review + 1}/grok.md", p.fid): marks[f":{p.fixed_at}"]
        for items in planned.values()
        for p in items
        if p.fixed_at is not None
    }
    return docs, truth


LINES_MEDIAN, LINES_SIGMA = 16.0, 1.95
"""Lines changed per commit: log-normal, measured on pytest's first-parent history (median 16, p90 194,
mean 143 by ``git log --numstat``); hey-seven's commits are heavier still (median 274)."""
FILES_MEDIAN, FILES_SIGMA = 2.0, 0.98
"""Files touched per commit: log-normal, measured there too (median 2, p90 7)."""
MAX_LINES = 3000


def _random_edits(rng: random.Random, state: _State) -> list[bytes]:
    """One commit's edits, sized like a real project's: mostly small, now and then very large."""
    ops = []
    n_files = max(1, min(len(state.files), round(rng.lognormvariate(math.log(FILES_MEDIAN), FILES_SIGMA))))
    budget = max(1, min(MAX_LINES, round(rng.lognormvariate(math.log(LINES_MEDIAN), LINES_SIGMA))))
    for path in rng.sample(list(state.files), n_files):
        lines = state.files[path]
        todo = max(1, budget // n_files)
        while todo > 0:
            size = min(todo, rng.randint(1, 40))
            todo -= size
            kind = rng.random()
            at = rng.randrange(1, len(lines))
            if kind < 0.4:
                for k in range(size):
                    if at + k < len(lines):
                        lines[at + k] = state.line(path, at + k)
            elif kind < 0.7:
                lines[at:at] = [state.line(path, at + k) for k in range(size)]
            elif len(lines) > 60 + size:
                del lines[at : at + size]
        if rng.random() < 0.002:
            new = path.replace("/mod", "/renamed_mod")
            state.files[new] = state.files.pop(path)
            ops.append(b"R %s %s\n" % (path.encode(), new.encode()))
            path = new
        ops.append(_modify(path, state.files[path]))
    return ops


def _plan_review(rng: random.Random, state: _State, review: int, count: int) -> list[_Planned]:
    made = []
    for k in range(count):
        path = rng.choice(list(state.files))
        lines = state.files[path]
        start = rng.randrange(2, len(lines) - 3)
        end = start + rng.randint(0, 2)
        title = f"Unchecked computation {rng.choice(['overflow', 'timeout', 'race', 'leak'])} in {path.split('/')[-1]}"
        made.append(_Planned(review, f"C-{k + 1:03d}", path, start, end, lines[start - 1].strip(), title))
    return made


def _fix(state: _State, target: _Planned) -> bytes:
    """Rewrite the quoted line where it is now (it may have moved, or its file been renamed)."""
    for path in (target.path, target.path.replace("/mod", "/renamed_mod")):
        for i, line in enumerate(state.files.get(path, [])):
            if line.strip() == target.quote:
                state.files[path][i] = line.replace("compute_", "checked_compute_")
                return _modify(path, state.files[path])
    return b""


def _document(index: int, sha: str, items: list[_Planned]) -> Document:
    findings = tuple(
        Finding(
            id=p.fid,
            title=p.title,
            locations=(Location(path=p.path, start=p.start, end=p.end),),
            snippets=(p.quote,),
            line=10 + i,
            end_line=12 + i,
        )
        for i, p in enumerate(items)
    )
    review = Review(reviewer="Grok", round=f"R{index + 1}", commit=sha[:7], findings=findings)
    return Document(path=f"round-{index + 1}/grok.md", kind=DocumentKind.REVIEW, reviews=(review,))
