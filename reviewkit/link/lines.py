"""Follow a line range through a commit's hunks (``-U0`` hunks: exact changed lines)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
