"""Resolving review locations against a tree: paths, symbols, line ranges, paths outside the repo."""

from __future__ import annotations

import pytest

from reviewkit.link.locate import match_path, resolve_location, symbol_range
from reviewkit.model import Location

TREE = frozenset({"src/agent/graph.py", "src/api/middleware.py", "src/config.py", "tests/config.py", "Dockerfile"})

GRAPH = """import os


class Router:
    def route(self, state):
        if state:
            return "a"
        return "b"

    def other(self):
        return 1


async def chat_stream(request):
    async for chunk in source():
        yield chunk

    return None


MAX_RETRIES = 3
"""


@pytest.mark.parametrize(
    ("raw", "expected", "how"),
    [
        ("src/agent/graph.py", "src/agent/graph.py", "exact"),
        ("`./src/agent/graph.py`", "src/agent/graph.py", "exact"),
        ("/home/odedbe/projects/hey-seven/src/agent/graph.py", "src/agent/graph.py", "cut"),
        ("/home/odedbe/projects/hey-seven/Dockerfile", "Dockerfile", "cut"),
        ("graph.py", "src/agent/graph.py", "unique file ending in 'graph.py'"),
        ("agent/graph.py", "src/agent/graph.py", "unique file ending in 'agent/graph.py'"),
        ("config.py", None, "ambiguous"),
        ("src/nothere.py", None, "not in the tree"),
        ("../../etc/passwd", None, "outside"),
        ("/etc/shadow", None, "outside"),
        ("~/.ssh/id_rsa", None, "outside"),
    ],
)
def test_match_path(raw: str, expected: str | None, how: str) -> None:
    path, note = match_path(raw, TREE)
    assert path == expected
    assert how in note


def test_paths_outside_the_repository_are_never_read() -> None:
    reads: list[str] = []

    def read(path: str) -> str | None:
        reads.append(path)
        return "x\n"

    for raw in ("../../etc/passwd", "/etc/shadow", "src/../../secret.py"):
        loc = resolve_location(Location(path=raw, start=1, end=1), TREE, read)
        assert not loc.resolved and loc.note and "outside the repository" in loc.note
    assert reads == []


def test_symbol_ranges() -> None:
    assert symbol_range(GRAPH, "chat_stream") == (14, 18)
    assert symbol_range(GRAPH, "Router.route") == (5, 8)
    assert symbol_range(GRAPH, "Router") == (4, 11)
    assert symbol_range(GRAPH, "chat_stream()") == (14, 18)
    assert symbol_range(GRAPH, "MAX_RETRIES") == (21, 21)
    assert symbol_range(GRAPH, "missing") is None


def test_resolve_symbol_and_line_checks() -> None:
    def read(path: str) -> str | None:
        return GRAPH if path == "src/agent/graph.py" else None

    sym = resolve_location(Location(path="graph.py", symbol="chat_stream"), TREE, read)
    assert (sym.path, sym.start, sym.end, sym.resolved) == ("src/agent/graph.py", 14, 18, True)
    past = resolve_location(Location(path="src/agent/graph.py", start=400, end=410), TREE, read)
    assert not past.resolved and past.note and "past the end" in past.note
    cut = resolve_location(Location(path="src/agent/graph.py", start=20, end=90), TREE, read)
    assert cut.resolved and (cut.start, cut.end) == (20, 21) and cut.note and "cut to 21" in cut.note
    unknown_symbol = resolve_location(Location(path="src/agent/graph.py", symbol="nope"), TREE, read)
    assert not unknown_symbol.resolved
    no_path = resolve_location(Location(start=3), TREE, read)
    assert not no_path.resolved and no_path.note == "no file path given"
