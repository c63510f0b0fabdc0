"""Helpers shared by the command modules: output formats, JSON out, progress."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
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
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


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


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def note(message: str) -> None:
    """One line of human information on stderr."""
    print(message, file=sys.stderr)
