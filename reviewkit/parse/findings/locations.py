"""Code locations written in review prose: ``path:line``, ``path:a-b``, ``path`` lines a-b, ``file.py:symbol``.

Absolute paths are cut to repository-relative ones at the first well-known
top-level folder (``src/``, ``tests/`` …) or after ``…/projects/<name>/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewkit.model import Location

_EXT = (
    r"py|pyi|md|ya?ml|toml|json|txt|cfg|ini|in|lock|sh|ts|tsx|js|jsx|mjs|html|css|scss|sql|rs|go|java|rb"
    r"|env|example|conf|tf|ipynb|csv|xml|dockerignore|gitignore"
    r"|sol|vy|cairo|move|cpp|hpp|cc|cs|c|h|kts?|swift|php|scala|dart|vue|svelte|exs?|lua|zig|mdx|proto|gradle"
    r"|bats|bash|zsh|ps1|psm1|bat|cmd|pl|pm|erl|hs|mli?|fsx?|cljs?|groovy|nix|hcl|tfvars|j2|jinja2?|ejs|hbs|pug"
    r"|less|sass|graphql|gql|prisma|rego|rst|adoc|properties|plist|xaml|csproj|sln|mts|cts|cjs|astro|twig|erb"
    r"|tex|rake|gemspec|bzl|cmake|mk|tsv|cxx|hxx|cu|m|mm|r|jl|nim|cr|v|sv|vhdl?"
)
_BARE_FILES = r"Dockerfile|Makefile|Procfile|\.env(?:\.\w+)?|\.dockerignore|\.gitignore|CODEOWNERS"
_PATH = rf"(?:~|\.{{0,2}}/)?(?:[\w.@+-]+/)*(?:[\w.@+-]*\.(?:{_EXT})|{_BARE_FILES})"
_LINES = r"~?\d{1,6}(?:\s*[-–]\s*~?\d{1,6})?"
LOCATION = re.compile(
    rf"(?<![\w/.@-])(?P<path>{_PATH})(?![\w/])"
    rf"(?:"
    rf":{{1,2}}\s?(?P<lines>{_LINES})(?!\w|\.\d)"
    rf"|:{{1,2}}\s?(?P<symbol>~?[A-Za-z_][\w.]*)"
    rf"|[`'\")]?,?\s*\(?(?:lines?|L)\s*(?P<lines2>{_LINES})"
    rf"|[`'\"]?\s*\(\s*(?P<symbol2>[A-Za-z_]\w*(?:\.\w+)*)(?:\(\))?\s*\)"
    rf")?"
    rf"(?:[`'\"]?,?\s*\(\s*(?:lines?|L)\s*(?P<lines3>{_LINES})\s*\))?",
)
_BACKSLASH_PATH = re.compile(rf"(?<![\w\\])(?:[\w.@+-]+\\)+[\w.@+-]*\.(?:{_EXT})(?![\w\\])")
_LINE_RANGE = re.compile(r"~?(\d+)(?:\s*[-–]\s*~?(\d+))?")
_KNOWN_TOP = frozenset(
    {
        "src",
        "tests",
        "test",
        "docs",
        "doc",
        "scripts",
        "app",
        "lib",
        "config",
        "deploy",
        "infra",
        "static",
        "frontend",
        "backend",
        "boilerplate",
        "data",
        "knowledge-base",
        "notebooks",
        "assignment",
        "research",
        ".github",
        "packages",
        "cmd",
        "pkg",
        "internal",
    }
)
_CONTAINERS = frozenset({"projects", "repos", "code", "work", "dev", "git", "workspace", "workspaces", "github"})
_NOT_FILES = re.compile(
    r"^(?:e\.g|i\.e|etc|vs|v\d[\w.]*|\d[\d.]*"
    r"|(?:next|node|vue|react|express|nuxt|angular|ember|backbone|three|chart|d3|socket\.io|moment)\.js)$",
    re.IGNORECASE,
)  # "Next.js" / "Node.js" are products, not files


_PERMALINK = re.compile(
    r"https?://github\.com/[\w.-]+/[\w.-]+/blob/[\w.-]+/(?P<path>[^\s#)\]>?]+)(?:#L(?P<start>\d+)(?:C\d+)?(?:-#?L?(?P<end>\d+))?)?"
)
"""``github.com/o/r/blob/<sha>/src/Vault.sol#L10-L20`` → ``src/Vault.sol`` lines 10-20."""


def repo_relative(path: str) -> str:
    """Cut an absolute path to a repository-relative one when its root is recognisable."""
    if not path.startswith(("/", "~")):
        return path.removeprefix("./")
    parts = [p for p in path.split("/") if p and p != "~"]
    if len(parts) > 3 and parts[0] in ("home", "Users"):
        parts = parts[2:]  # /home/<user>/…
    for i, part in enumerate(parts[:-2]):
        if part in _CONTAINERS:
            return "/".join(parts[i + 2 :])
    for i, part in enumerate(parts[:-1]):
        if part in _KNOWN_TOP and (i > 0 or len(parts) <= 3):  # /src/Vault.sol: from the repository root
            return "/".join(parts[i:])
    return "/".join(parts[-1:])


def _range(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    m = _LINE_RANGE.match(text)
    if m is None:
        return None, None
    start = int(m.group(1))
    end = int(m.group(2)) if m.group(2) else start
    return start, max(start, end)


_CITATION = re.compile(r"【F:(?P<path>[^†】\s]+)†L(?P<start>\d+)(?:-L(?P<end>\d+))?】")
"""``【F:README.md†L121-L199】``: a file citation as Codex writes them."""


def find_locations(text: str) -> list[Location]:
    """Locations mentioned in ``text``, in order, duplicates (same path+start) dropped."""
    if not text:
        return []
    out: list[Location] = []
    seen: set[tuple[str, int | None]] = set()
    if "【F:" in text:
        for c in _CITATION.finditer(text):
            first = int(c.group("start"))
            if (c.group("path"), first) not in seen:
                seen.add((c.group("path"), first))
                out.append(Location(path=c.group("path"), start=first, end=int(c.group("end") or first)))
        text = _CITATION.sub(" ", text)
    if "/blob/" in text:  # permalinks first: their path and #L lines, then the prose without them
        for p in _PERMALINK.finditer(text):
            start = int(p.group("start")) if p.group("start") else None
            end = int(p.group("end")) if p.group("end") else start
            if (p.group("path"), start) not in seen:
                seen.add((p.group("path"), start))
                out.append(Location(path=p.group("path"), start=start, end=end))
        text = _PERMALINK.sub(" ", text)
    if "\\" in text:  # "TermMax\\contracts\\vault\\Vault.sol": a Windows path is the same path
        text = _BACKSLASH_PATH.sub(lambda b: b.group(0).replace("\\", "/"), text)
    for m in _location_matches(text):
        raw = m.group("path")
        if _NOT_FILES.match(raw) or raw.endswith("."):
            continue
        path = repo_relative(raw)
        start, end = _range(m.group("lines") or m.group("lines2") or m.group("lines3"))
        symbol = m.group("symbol") or m.group("symbol2")
        if symbol is not None:
            symbol = symbol.lstrip("~").rstrip(".") or None
        key = (path, start)
        if key in seen or (start is None and any(p == path for p, _ in seen)):
            continue
        seen.add(key)
        out.append(Location(path=path, start=start, end=end, symbol=symbol))
    return out


_PATH_END = re.compile(rf"(?:\.(?:{_EXT})|{_BARE_FILES})(?![\w/])")
"""Where a path ends: every :data:`LOCATION` match holds one. A plain scan for it is fast."""
_PATH_CHARS = "_~./@+-"  # with letters and digits: the characters of a path (see ``_PATH``)
_AFTER_RUN_START = "~+"  # path characters the look-behind of LOCATION allows just before a path


def _location_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``LOCATION.finditer(text)``, found by trying LOCATION only where one can start.

    Running LOCATION at every position of long prose is slow. A match starts inside the run of path
    characters that holds a path end: at the run's first character, or just after a ``~`` or ``+``
    in it. Those starts are tried in order with an anchored match, so the result is the same.
    """
    pos = 0
    while (hit := _PATH_END.search(text, pos)) is not None:
        end = hit.start()
        start = end
        while start > pos and (text[start - 1].isalnum() or text[start - 1] in _PATH_CHARS):
            start -= 1  # str.isalnum() is exactly re's \w test, bar "_"
        starts = [start]
        if any(c in text[start:end] for c in _AFTER_RUN_START):
            starts += [i + 1 for i in range(start, end) if text[i] in _AFTER_RUN_START]
        for candidate in starts:
            m = LOCATION.match(text, candidate)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = end + 1


def bare_line_range(text: str) -> tuple[int | None, int | None]:
    """``558-563`` / ``~240`` / ``Lines 562-575`` in a table cell or label without a path."""
    m = re.search(r"(?:^|\blines?\s*|\bL)(~?\d+(?:\s*[-–]\s*~?\d+)?)", text.strip(), re.IGNORECASE)
    return _range(m.group(1)) if m else (None, None)


def merge_locations(*groups: list[Location]) -> tuple[Location, ...]:
    """Concatenate location lists in order; a later line number fills an earlier path-only mention."""
    out: list[Location] = []
    for group in groups:
        for loc in group:
            same = [i for i, o in enumerate(out) if o.path == loc.path]
            if any(out[i].start == loc.start or loc.start is None for i in same):
                continue
            name = loc.path
            if loc.start is None and name and "/" not in name and any((o.path or "").endswith("/" + name) for o in out):
                continue  # "Vault.sol" after "src/Vault.sol:10": the file named again by its base name
            bare = [i for i in same if out[i].start is None]
            if bare:
                out[bare[0]] = loc
            else:
                out.append(loc)
    return tuple(out)


LEADING_LOCATION = re.compile(
    rf"^[`'\"]?(?:{LOCATION.pattern})[`'\"]?(?:\s*\((?:lines?\s+)?[\w~ ,.:-]{{1,40}}\))?\s*(?:--|—|–|-|:|\|)\s+"
)


_TRAILING_LOCATION = re.compile(
    rf"\s+(?:--|—|–|-|\|)\s+[`'\"]?(?:{LOCATION.pattern})[`'\"]?(?:\s*\((?:lines?\s+)?[\w~ ,.:-]{{1,40}}\))?\s*$"
)
_PAREN_LOCATION = re.compile(rf"\s*\((?:in\s+|at\s+|see\s+)?[`'\"]?(?:{LOCATION.pattern})[`'\"]?\)\s*$")
"""A location in parentheses closing the title (``Validate webhook signatures (hooks/github.py:21)``)."""


def cut_leading_location(title: str) -> str:
    """``src/a.py:33-34 -- Token not verified`` → ``Token not verified`` (the location is kept elsewhere).

    Only a location that opens the title and is followed by a separator is cut, or one that ends it
    after a dash (``Token not verified — src/a.py:33``), and only when a real title (at least 8
    characters) remains.
    """
    m = LEADING_LOCATION.match(title)
    if m is not None and len(title) - m.end() >= 8:
        return title[m.end() :]
    t = _TRAILING_LOCATION.search(title) or _PAREN_LOCATION.search(title)
    if t is not None and t.start() >= 8:
        return title[: t.start()]
    return title
