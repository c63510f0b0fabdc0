"""Write the demo repository: replay :data:`reviewkit.demo.script.STEPS` as commits."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reviewkit.demo.render import render
from reviewkit.demo.script import AUTHORS, STEPS, Step, TriageSpec
from reviewkit.errors import InputError
from reviewkit.gitio import init_repo
from reviewkit.model import TriageEntry, TriageStatus
from reviewkit.track import TRIAGE_FILENAME, Ledger, build_ledger
from reviewkit.track.triage import dump_triage

REVIEWS_DIR = "reviews"
REVIEWERS = ("grok", "gemini", "gpt")
ROUNDS = ("round-01", "round-02", "round-03", "round-04")


@dataclass(frozen=True)
class DemoInfo:
    """Where the demo is, and the facts tests and notebooks can rely on."""

    repo: Path
    reviews: Path
    rounds: tuple[str, ...]
    reviewers: tuple[str, ...]
    commits: dict[str, str]
    """Step name (see ``script.STEPS``) → full sha."""


def _template(relative: str) -> str:
    return (resources.files("reviewkit.demo") / "templates" / relative).read_text(encoding="utf-8")


def _apply(step: Step, tree: dict[str, str]) -> dict[str, str]:
    """The files ``step`` writes, given the current ``tree`` (which it updates)."""
    written: dict[str, str] = {path: _template(source) for path, source in step.files.items()}
    tree.update(written)
    for edit in step.edits:
        text = tree[edit.path]
        if text.count(edit.old) != 1:
            raise InputError(f"demo step {step.name!r}: edit of {edit.path} does not match exactly once")
        tree[edit.path] = written[edit.path] = text.replace(edit.old, edit.new)
    return written


def build_demo(path: Path) -> DemoInfo:
    """Build the demo repository at ``path`` (created; must be empty or absent)."""
    if path.exists() and any(path.iterdir()):
        raise InputError(f"{path}: not empty; the demo needs an empty or new directory")
    writer = init_repo(path)
    tree: dict[str, str] = {}
    snapshots: dict[str, dict[str, str]] = {}
    shas: dict[str, str] = {}
    for step in STEPS:
        files = _apply(step, tree)
        if step.reviewed is not None:
            code = snapshots[step.reviewed]
            for name in step.reviews:
                files[f"{REVIEWS_DIR}/{name}"] = render(_template(f"reviews/{name}"), code, shas, step.reviewed)
        if step.triage:
            files[f"{REVIEWS_DIR}/{TRIAGE_FILENAME}"] = _triage_text(path, step.triage)
        shas[step.name] = writer.commit(step.message, dict(files), when=step.when, author=AUTHORS[step.author])
        tree.update({k: v for k, v in files.items() if k.startswith(REVIEWS_DIR)})
        snapshots[step.name] = dict(tree)
    return DemoInfo(
        repo=path,
        reviews=path / REVIEWS_DIR,
        rounds=ROUNDS,
        reviewers=REVIEWERS,
        commits=shas,
    )


def _triage_text(repo: Path, specs: tuple[TriageSpec, ...]) -> str:
    """The triage file for ``specs``: issue keys come from tracking the reviews written so far,
    exactly as a user would find them with ``reviewkit backlog`` before running ``reviewkit triage``."""
    ledger = build_ledger(repo, repo / REVIEWS_DIR)
    keys = {(f.document, f.finding.id): f.key for f in ledger.findings}
    entries = []
    for spec in specs:
        key = keys.get((spec.document, spec.finding_id))
        if key is None:
            raise InputError(f"demo triage: no finding {spec.finding_id} in {spec.document}")
        entries.append(
            TriageEntry(
                key=key,
                status=TriageStatus(spec.status),
                owner=spec.owner,
                note=spec.note,
                deferred_to=spec.deferred_to,
            )
        )
    return dump_triage(entries)


def ledger_or_demo(repo: str | Path | None = None, reviews: str | Path | None = None) -> Ledger:
    """The ledger of ``reviews`` (and ``repo``, for fix tracking); the built-in demo's when both are None.

    ``reviews`` defaults to ``repo/reviews``. The demo is built in a fresh temporary directory.
    """
    if repo is None and reviews is None:
        info = build_demo(Path(tempfile.mkdtemp(prefix="reviewkit-demo-")) / "shop")
        repo, reviews = info.repo, info.reviews
    repo_path = Path(repo) if repo is not None else None
    reviews_path = Path(reviews) if reviews is not None else Path(str(repo)) / REVIEWS_DIR
    if not reviews_path.is_dir():
        raise InputError("reviews folder not found", path=str(reviews_path))
    return build_ledger(repo_path, reviews_path)
