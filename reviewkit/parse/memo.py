"""Memo tables that live for one document's parse.

Several stages ask the same question of the same text (a heading's lead is read by
the kind signals, the reviewer split and the finding recognizers). Inside
:func:`document_memo`, :func:`memo_table` hands out tables that keep those answers;
they are dropped when the document is done, so nothing is carried from one document
(or one run) to the next. Outside it, :func:`memo_table` returns None and callers
simply compute.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_TABLES: ContextVar[dict[str, dict[Any, Any]] | None] = ContextVar("reviewkit_document_memo", default=None)


@contextmanager
def document_memo() -> Iterator[None]:
    """Keep memo tables for the duration of the ``with`` block (one document)."""
    token = _TABLES.set({})
    try:
        yield
    finally:
        _TABLES.reset(token)


def memo_table(name: str) -> dict[Any, Any] | None:
    """The current document's table ``name`` (empty at first), or None outside :func:`document_memo`."""
    tables = _TABLES.get()
    if tables is None:
        return None
    table = tables.get(name)
    if table is None:
        table = tables[name] = {}
    return table


def memoised(name: str, of: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()``, answered once per document for the objects ``of`` (compared by identity)."""
    table = memo_table(name)
    if table is None:
        return compute()
    key = tuple(id(o) for o in of)
    entry = table.get(key)
    if entry is not None and all(a is b for a, b in zip(entry[0], of, strict=True)):
        return entry[1]  # type: ignore[no-any-return]
    value = compute()
    table[key] = (of, value)  # holding the objects keeps their ids from being reused meanwhile
    return value
