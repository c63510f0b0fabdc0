"""Helpers shared by the command modules: output formats, JSON out, progress."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_INPUT_ERROR = 2


class DataFormat(StrEnum):
    table = "table"
    json = "json"


def emit_json(data: Any, out: Path | None = None) -> None:
    """Write ``data`` as JSON to ``out`` or stdout (and nothing else to stdout)."""
    chunks = json.JSONEncoder(indent=2, ensure_ascii=False, default=str).iterencode(data)
    if out is None:
        _write_chunks(chunks, sys.stdout)
        return
    with out.open("w", encoding="utf-8") as stream:
        _write_chunks(chunks, stream)


def _write_chunks(chunks: Iterable[str], stream: Any) -> None:
    """The encoder's chunks written in batches: the whole text (and its million pieces) is never held at once."""
    batch: list[str] = []
    for chunk in chunks:
        batch.append(chunk)
        if len(batch) >= 4096:
            stream.write("".join(batch))
            batch.clear()
    batch.append("\n")
    stream.write("".join(batch))


def progress(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Yield ``items``, drawing a progress bar on stderr only when it is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


STAGE_LABELS = {
    "parse": "parsing reviews",
    "history": "reading history (commits)",
    "anchors": "anchoring reviews",
    "scan": "linking fixes (commits scanned)",
    "report": "drawing the report",
}
"""What each stage of ``on_progress(stage, done, total)`` is called on the bar."""

StageProgress = Callable[[str, int, int], None]


@contextmanager
def stage_progress() -> Iterator[StageProgress | None]:
    """A callback ``(stage, done, total)`` drawing one bar per long stage (history read, linking, report) on
    stderr when it is a terminal; None otherwise, so pipes, files and CI logs get nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress, TaskID

    with Progress(transient=True, console=_stderr_console()) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in STAGE_LABELS:  # the quick bookkeeping steps ("link", "track") get no bar
                return
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGE_LABELS[stage], total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        yield update


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def note(message: str) -> None:
    """One line of human information on stderr."""
    print(message, file=sys.stderr)
