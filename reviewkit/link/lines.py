"""Follow a line range through a commit's hunks (``-U0`` hunks: exact changed lines)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

from reviewkit.model import Hunk


@dataclass(frozen=True, slots=True)
class RangeMove:
    """Where a range went, whether the commit changed lines inside it, and the lines it removed there."""

    start: int
    end: int
    touched: bool
    removed: tuple[str, ...]
    emptied: bool


def _before(h: Hunk, start: int) -> bool:
    if h.old_len == 0:  # pure insertion after line old_start
        return h.old_start < start
    return h.old_start + h.old_len - 1 < start


def _after(h: Hunk, end: int) -> bool:
    if h.old_len == 0:
        return h.old_start >= end
    return h.old_start > end


def move_range(start: int, end: int, hunks: Sequence[Hunk]) -> RangeMove:
    """Map old lines ``start..end`` to the new file; insertions and deletions above shift them."""
    shift_before = 0
    shift_inside = 0
    touched = False
    removed: list[str] = []
    kept_old = end - start + 1
    added_inside = 0
    for h in hunks:
        delta = h.new_len - h.old_len
        if _before(h, start):
            shift_before += delta
        elif _after(h, end):
            continue
        else:
            touched = True
            shift_inside += delta
            added_inside += h.new_len
            for j, text in enumerate(h.removed):
                if start <= h.old_start + j <= end:
                    removed.append(text)
                    kept_old -= 1
    new_start = start + shift_before
    new_end = max(new_start, end + shift_before + shift_inside)
    emptied = touched and kept_old <= 0 and added_inside == 0
    return RangeMove(new_start, new_end, touched, tuple(removed), emptied)


class HunkIndex:
    """One file change's hunks, indexed: following a range costs two bisections, not a pass over every hunk
    (a file that hundreds of findings point at is followed hundreds of times per commit). Same answers as
    :func:`move_range`, which it falls back to for hunks out of order."""

    __slots__ = ("_first", "_hunks", "_last", "_ordered", "_shift")

    def __init__(self, hunks: Sequence[Hunk]) -> None:
        self._hunks = hunks
        self._last = [h.old_start if h.old_len == 0 else h.old_start + h.old_len - 1 for h in hunks]
        """A hunk is before a range starting at ``start`` when its last old line is < start (``_before``)."""
        self._first = [h.old_start + 1 if h.old_len == 0 else h.old_start for h in hunks]
        """… and after a range ending at ``end`` when its first old line is > end (``_after``)."""
        self._ordered = all(a <= b for a, b in pairwise(self._last)) and all(a <= b for a, b in pairwise(self._first))
        self._shift = [0, *accumulate(h.new_len - h.old_len for h in hunks)]

    def move(self, start: int, end: int) -> RangeMove:
        if not self._ordered:
            return move_range(start, end, self._hunks)
        before = bisect_left(self._last, start)  # hunks[:before] end above the range
        after = bisect_right(self._first, end)  # hunks[after:] start below it
        if after < before:
            return move_range(start, end, self._hunks)
        shift = self._shift[before]
        if after == before:
            return RangeMove(start + shift, max(start + shift, end + shift), False, (), False)
        inside = move_range(start, end, self._hunks[before:after])
        return RangeMove(inside.start + shift, inside.end + shift, inside.touched, inside.removed, inside.emptied)
