"""The package layout promises of the README: one git boundary, cheap imports, small modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "reviewkit"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_gitio_imports_git() -> None:
    importers = [p.relative_to(REPO_ROOT).as_posix() for p in MODULES if "git" in _imported_roots(p)]
    assert importers == ["reviewkit/gitio.py"]


def test_matplotlib_stays_in_charts_and_report() -> None:
    importers = {p.relative_to(PACKAGE).as_posix() for p in MODULES if "matplotlib" in _imported_roots(p)}
    assert importers <= {"charts.py", "report/__init__.py"}


def test_parsing_does_not_load_pandas_matplotlib_or_git() -> None:
    code = (
        "import sys, reviewkit, reviewkit.parse, reviewkit.model;"
        "reviewkit.parse_text('# R1 Review\\n### CRITICAL\\n#### C-001: x');"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'git') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(module: Path) -> None:
    n = len(module.read_text(encoding="utf-8").splitlines())
    assert n <= 400, f"{module} has {n} lines: split it by sub-concept"


def _package_imports(path: Path) -> set[str]:
    """Every ``reviewkit.*`` module ``path`` imports, including imports only made for type checking."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reviewkit"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("reviewkit")}
    return names


def test_parse_modules_import_no_cycle_not_even_for_types() -> None:
    # RK-019: dimensions/overall imported ScoreScope from scores under TYPE_CHECKING while scores imported them
    def name(p: Path) -> str:
        rel = p.relative_to(REPO_ROOT).with_suffix("").as_posix().replace("/", ".")
        return rel.removesuffix(".__init__")

    parse = [p for p in MODULES if "/parse/" in p.as_posix()]
    graph = {name(p): {m for m in _package_imports(p) if m.startswith("reviewkit.parse.")} for p in parse}
    cycles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            mod, trail = stack.pop()
            for nxt in graph.get(mod, ()):
                if nxt == start:
                    cycles.append(" → ".join((*trail, nxt)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*trail, nxt)))
    assert cycles == []


_DISTRIBUTION_OF = {  # import name → distribution name, where they differ
    "git": "gitpython",
    "markdown_it": "markdown-it-py",
    "yaml": "pyyaml",
}


def test_runtime_dependencies_are_what_the_library_imports() -> None:
    # RK-012: notebook, test and parquet packages were runtime dependencies (107 distributions for a CI gate)
    import re
    import tomllib

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {re.split(r"[<>=!~\[ ]", d)[0].lower() for d in project["dependencies"]}
    stdlib = set(sys.stdlib_module_names)
    imported = set().union(*(_imported_roots(p) for p in MODULES)) - stdlib - {"reviewkit", "__future__"}
    needed = {_DISTRIBUTION_OF.get(name, name).lower() for name in imported}
    optional = {"pyarrow"}  # imported by pandas on demand, behind an extra (export --format parquet)
    assert needed - optional <= runtime
    assert runtime <= needed
    for extra in ("notebooks", "parquet", "dev"):
        assert extra in project["optional-dependencies"]


def _modules_after(code: str) -> set[str]:
    out = (
        subprocess.run(
            [sys.executable, "-c", f"import sys\n{code}\nprint('MODULES', ' '.join(sorted(sys.modules)))"],
            check=True,
            capture_output=True,
            text=True,
            cwd=REPO_ROOT,
        )
        .stdout.rsplit("MODULES ", 1)[-1]
        .split()
    )
    return {m.split(".")[0] for m in out}


def test_help_and_version_import_no_command_nor_heavy_library() -> None:
    # issue 12: `reviewkit --help` imported every command module, pandas, matplotlib and GitPython up front
    loaded = _modules_after("from reviewkit.cli import main\nmain(['--help'])\nmain(['--version'])")
    assert not loaded & {"typer", "pydantic", "pandas", "matplotlib", "git"}


def test_parse_command_loads_neither_pandas_nor_matplotlib(tmp_path: Path) -> None:
    doc = tmp_path / "r.md"
    doc.write_text("# Review\n\n### HIGH\n\n#### H-1: Lock missing\n`a.py:3`\n", encoding="utf-8")
    loaded = _modules_after(f"from reviewkit.cli import main\nmain(['parse', {str(doc)!r}, '--format', 'json'])")
    assert not loaded & {"pandas", "matplotlib", "git"}


def test_root_help_summaries_start_their_commands_docstrings() -> None:
    import importlib

    from reviewkit.cli import COMMANDS, SUMMARIES, root_help

    for name, target in COMMANDS:
        module, func = target.split(":")
        doc = " ".join((getattr(importlib.import_module(module), func).__doc__ or "").split())
        words = SUMMARIES[name].rstrip(".").split()
        assert doc.startswith(" ".join(words[:5])), name
        assert f"  {name} " in root_help()
