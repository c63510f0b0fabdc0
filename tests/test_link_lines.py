"""Following a referenced line range through -U0 hunks."""

from __future__ import annotations

from reviewkit.link.lines import move_range
from reviewkit.model import Hunk


def hunk(
    old_start: int,
    old_len: int,
    new_start: int,
    new_len: int,
    removed: tuple[str, ...] = (),
    added: tuple[str, ...] = (),
) -> Hunk:
    return Hunk(
        old_start=old_start, old_len=old_len, new_start=new_start, new_len=new_len, removed=removed, added=added
    )


def test_insertion_above_shifts_without_touching() -> None:
    moved = move_range(10, 12, [hunk(2, 0, 3, 3, added=("a", "b", "c"))])
    assert (moved.start, moved.end, moved.touched) == (13, 15, False)


def test_insertion_right_after_the_range_does_not_touch_it() -> None:
    moved = move_range(10, 12, [hunk(12, 0, 13, 1, added=("x",))])
    assert (moved.start, moved.end, moved.touched) == (10, 12, False)


def test_insertion_just_before_the_range_shifts_it() -> None:
    moved = move_range(10, 12, [hunk(9, 0, 10, 2, added=("x", "y"))])
    assert (moved.start, moved.end, moved.touched) == (12, 14, False)


def test_change_inside_is_touched_and_keeps_removed_lines() -> None:
    moved = move_range(10, 12, [hunk(11, 1, 11, 2, removed=("old",), added=("new", "newer"))])
    assert (moved.start, moved.end, moved.touched, moved.removed) == (10, 13, True, ("old",))
    assert not moved.emptied


def test_deletion_of_the_whole_range_empties_it() -> None:
    moved = move_range(10, 11, [hunk(1, 1, 0, 0, removed=("x",)), hunk(9, 4, 7, 0, removed=("a", "b", "c", "d"))])
    assert moved.touched and moved.emptied
    assert moved.removed == ("b", "c")
    assert moved.start == 9


def test_change_below_is_ignored() -> None:
    moved = move_range(10, 12, [hunk(20, 2, 20, 0, removed=("a", "b"))])
    assert (moved.start, moved.end, moved.touched) == (10, 12, False)


def test_the_hunk_index_answers_as_move_range_does() -> None:
    import random

    from reviewkit.link.lines import HunkIndex

    rng = random.Random(12)
    for _ in range(3000):
        hunks, line, new_line = [], 1, 1
        for _ in range(rng.randint(0, 6)):
            line += rng.randint(0, 6)
            old_len, new_len = rng.randint(0, 3), rng.randint(0, 3)
            if old_len == new_len == 0:
                new_len = 1
            new_line = line + (new_line - line)
            hunks.append(hunk(line, old_len, new_line, new_len, tuple(f"r{line + j}" for j in range(old_len))))
            line += old_len
        if rng.random() < 0.1:
            rng.shuffle(hunks)  # out of order: the index falls back
        index = HunkIndex(hunks)
        for _ in range(5):
            start = rng.randint(1, line + 3)
            end = start + rng.randint(0, 8)
            assert index.move(start, end) == move_range(start, end, hunks), (start, end, hunks)
