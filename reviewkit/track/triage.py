"""Human triage, kept in a committed, merge-friendly TOML file in the reviews folder.

One table per issue key, keys sorted, fields in a fixed order, one ``key = "value"`` per
line — two people triaging different issues touch different lines, so merges do not
conflict. Human decisions always win over computed status (see ``ledger``).

    # reviewkit triage: one table per issue key (edit by hand or with `reviewkit triage`)

    ["RK-1a2b3c4d"]
    status = "accepted-risk"
    owner = "alice"
    note = "single-container deployment; revisit with Redis"

A malformed file is an :class:`~reviewkit.errors.InputError` naming the file and line —
never silently dropped. ``record_triage`` edits the file in place with tomlkit: only the changed
key's table is touched, so comments and hand formatting survive, and it holds a lock on the
folder while it reads, edits and atomically replaces the file, so two ``reviewkit triage`` runs at
once never lose a decision.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

import tomlkit
from pydantic import ValidationError
from tomlkit.items import KeyType, SingleKey

from reviewkit.errors import InputError
from reviewkit.model import TriageEntry, TriageStatus

__all__ = [
    "TRIAGE_FILENAME",
    "dump_triage",
    "load_triage",
    "parse_triage",
    "record_triage",
    "save_triage",
    "update_entry",
]

TRIAGE_FILENAME = "triage.toml"
_FIELDS = ("status", "duplicate_of", "deferred_to", "owner", "note")
_HEADER = "# reviewkit triage: one table per issue key (edit by hand or with `reviewkit triage`)\n"
_TOML_LINE = re.compile(r"line (\d+)")


def _key(key: str) -> SingleKey:
    """``["RK-1a2b3c4d"]``: keys quoted, as the file has always written them."""
    return SingleKey(key, t=KeyType.Basic)


def _value(value: object) -> str:
    return str(value.value if isinstance(value, TriageStatus) else value)


def dump_triage(entries: Iterable[TriageEntry]) -> str:
    """The file text for ``entries``: sorted by key, stable field order, empty fields omitted."""
    doc = tomlkit.document()
    doc.add(tomlkit.comment(_HEADER.removeprefix("# ").rstrip("\n")))
    for entry in sorted(entries, key=lambda e: e.key):
        table = tomlkit.table()
        for name in _FIELDS:
            value = getattr(entry, name)
            if value is not None:
                table.add(name, _value(value))
        doc.add(tomlkit.nl())
        doc.add(_key(entry.key), table)
    return tomlkit.dumps(doc)


def _line_of_key(text: str, key: str) -> int | None:
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped in (f"[{key}]", f'["{key}"]', f"['{key}']"):
            return n
    return None


def parse_triage(text: str, path: str = TRIAGE_FILENAME) -> list[TriageEntry]:
    """Entries of a triage file's ``text``; InputError with the line of the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = _TOML_LINE.search(str(e))
        raise InputError(f"malformed triage file: {e}", path=path, line=int(m.group(1)) if m else None) from e
    entries: list[TriageEntry] = []
    for key, table in data.items():
        line = _line_of_key(text, key)
        if not isinstance(table, dict):
            raise InputError(f'{key!r} must be a table (["{key}"]) of fields', path=path, line=line)
        unknown = sorted(set(table) - set(_FIELDS))
        if unknown:
            raise InputError(
                f"[{key}]: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(_FIELDS)})", path=path, line=line
            )
        if "status" in table and table["status"] not in {s.value for s in TriageStatus}:
            allowed = ", ".join(s.value for s in TriageStatus)
            raise InputError(f"[{key}]: unknown status {table['status']!r} (allowed: {allowed})", path=path, line=line)
        try:
            entries.append(TriageEntry(key=key, **table))
        except ValidationError as e:
            problem = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
            raise InputError(f"[{key}]: {problem}", path=path, line=line) from e
    return sorted(entries, key=lambda e: e.key)


def load_triage(reviews: Path) -> list[TriageEntry]:
    """Entries of ``reviews/triage.toml`` ([] when the file does not exist)."""
    file = reviews / TRIAGE_FILENAME
    if not file.is_file():
        return []
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read triage file: {e}", path=str(file)) from e
    return parse_triage(text, str(file))


def _write_atomically(file: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".triage-", suffix=".toml", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        Path(tmp).replace(file)  # atomic on POSIX and Windows (os.replace)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_triage(reviews: Path, entries: Iterable[TriageEntry]) -> Path:
    """Write the whole triage file for ``entries`` atomically (temp file in the same folder + os.replace)."""
    file = reviews / TRIAGE_FILENAME
    with _locked(reviews):
        _write_atomically(file, dump_triage(entries))
    return file


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` itself (no lock file left behind) for one read-edit-replace."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def record_triage(reviews: Path, change: TriageEntry) -> Path:
    """Merge ``change`` into the triage file in place: only its key's table changes, comments and layout stay.

    Fields left None keep their value. The result is validated before it replaces the file, so a
    malformed file stays an error naming its line and is never overwritten.
    """
    file = reviews / TRIAGE_FILENAME
    with _locked(reviews):
        text = file.read_text(encoding="utf-8") if file.is_file() else _HEADER
        parse_triage(text, str(file))  # refuse to edit what we cannot read
        doc = tomlkit.parse(text)
        table = doc.get(change.key)
        if table is None:
            table = tomlkit.table()
            doc.add(tomlkit.nl())
            doc.add(_key(change.key), table)
        for name in _FIELDS:
            value = getattr(change, name)
            if value is not None:
                table[name] = _value(value)
        edited = tomlkit.dumps(doc)
        parse_triage(edited, str(file))
        _write_atomically(file, edited)
    return file


def update_entry(entries: Iterable[TriageEntry], change: TriageEntry) -> list[TriageEntry]:
    """``entries`` with ``change`` merged into the entry of its key (fields left None keep their value)."""
    by_key = {e.key: e for e in entries}
    old = by_key.get(change.key)
    if old is None:
        by_key[change.key] = change
    else:
        updates = {name: getattr(change, name) for name in _FIELDS if getattr(change, name) is not None}
        by_key[change.key] = old.model_copy(update=updates)
    return sorted(by_key.values(), key=lambda e: e.key)
