"""CLI: backlog, export, triage — stdout carries only data, errors are one stderr line + exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewkit.cli import main
from reviewkit.track import link_locally, track_documents
from reviewkit.track.records import Ledger
from reviewkit.track.triage import TRIAGE_FILENAME, load_triage
from tests.track_builders import two_round_history


@pytest.fixture
def reviews(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A reviews folder; the ledger comes from built documents (the CLI plumbing is under test here)."""
    folder = tmp_path / "reviews"
    folder.mkdir()
    docs = two_round_history()

    def fake_build(repo: Path | None, reviews: Path, **_: object) -> Ledger:
        from reviewkit.track.triage import load_triage

        return track_documents(docs, link_locally(docs), triage=load_triage(reviews))

    monkeypatch.setattr("reviewkit.track.build_ledger", fake_build)  # ledger_for looks it up when called
    return folder


def test_backlog_json(reviews: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backlog", "--reviews", str(reviews), "--format", "json", "--group-by", "none"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == 2
    assert data["groups"][0]["items"][0]["title"].startswith("Dockerfile HEALTHCHECK")


def test_backlog_markdown_default(reviews: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backlog", "--reviews", str(reviews)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("# Backlog: 2 open issue(s)")
    assert "triage" not in out.err  # nothing triaged, nothing to explain


def test_triage_then_backlog_drops_the_issue(reviews: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["backlog", "--reviews", str(reviews), "--format", "json", "--group-by", "none"])
    key = json.loads(capsys.readouterr().out)["groups"][0]["items"][0]["key"]
    code = main(
        [
            "triage",
            key,
            "--status",
            "accepted-risk",
            "--note",
            "single box",
            "--owner",
            "ops",
            "--reviews",
            str(reviews),
        ]
    )
    out = capsys.readouterr()
    assert code == 0 and out.out == "" and key in out.err
    (entry,) = load_triage(reviews)
    assert (entry.key, entry.status.value if entry.status else None, entry.owner) == (key, "accepted-risk", "ops")
    main(["backlog", "--reviews", str(reviews), "--format", "json", "--group-by", "none"])
    out = capsys.readouterr()
    assert key not in out.out
    assert "1 issue(s) closed by a triage decision are not listed" in out.err


def test_malformed_triage_file_is_exit_2_with_line(reviews: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reviews / TRIAGE_FILENAME).write_text('["RK-1"]\nstatus = \n', encoding="utf-8")
    assert main(["backlog", "--reviews", str(reviews)]) == 2
    err = capsys.readouterr().err
    assert f"{TRIAGE_FILENAME}:2" in err and "Traceback" not in err


def test_triage_usage_errors(reviews: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "RK-1a2b3c4d", "--reviews", str(reviews)]) == 2
    assert "nothing to record" in capsys.readouterr().err
    assert main(["triage", "RK-1a2b3c4d", "--status", "duplicate", "--reviews", str(reviews)]) == 2
    assert "--duplicate-of" in capsys.readouterr().err
    assert main(["triage", "RK-1a2b3c4d", "--status", "bogus", "--reviews", str(reviews)]) == 2


@pytest.mark.parametrize("args", [["RK-nonexist"], ["rk 1a2b"], ["RK-1a2b3c4d", "--duplicate-of", "1a2b"], [" "]])
def test_triage_refuses_what_is_not_an_issue_key(
    reviews: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["triage", *args, "--status", "duplicate", "--reviews", str(reviews)]) == 2
    assert "is not an issue key" in capsys.readouterr().err
    assert not (reviews / TRIAGE_FILENAME).exists()


def test_export_defectdojo_to_stdout_and_parquet_needs_output(
    reviews: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--reviews", str(reviews), "--format", "defectdojo"]) == 0
    assert len(json.loads(capsys.readouterr().out)["findings"]) == 3
    assert main(["export", "--reviews", str(reviews), "--format", "parquet"]) == 2
    assert "-o" in capsys.readouterr().err
    target = tmp_path / "issues.parquet"
    assert main(["export", "--reviews", str(reviews), "--format", "parquet", "-o", str(target)]) == 0
    assert target.read_bytes()[:4] == b"PAR1"
    assert capsys.readouterr().out == ""


def test_missing_reviews_folder_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backlog", "--reviews", str(tmp_path / "nope")]) == 2
    assert "reviews folder not found" in capsys.readouterr().err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("backlog", "export", "triage"):
        assert main([command, "--help"]) == 0
        assert "Example:" in capsys.readouterr().out


def _review(reviewer: str, fid: str, title: str) -> str:
    return (
        f"# {reviewer} Review\n\n**Reviewer**: {reviewer}\n**Date**: 2026-02-20\n\n## Findings\n\n### HIGH\n\n"
        f"#### {fid}: {title}\n`src/app.py:3` has the problem.\n"
    )


def test_status_rows_gain_key_consensus_and_triage(git_repo, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    g = git_repo("repo")
    g.commit("code", {"src/app.py": "a = 1\nb = 2\nc = compute()\n"})
    g.commit(
        "reviews",
        {
            "reviews/r1/grok-review.md": _review("Grok 4", "H-001", "Session store has no lock"),
            "reviews/r1/gemini-review.md": _review("Gemini", "F-3", "Session store lock missing"),
        },
    )
    args = ["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews"), "--format", "json"]
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)["findings"]
    assert len(rows) == 2 and rows[0]["key"] == rows[1]["key"]
    assert [(r["consensus"], r["consensus_of"], r["triage"]) for r in rows] == [(2, 2, None), (2, 2, None)]
    key = rows[0]["key"]
    assert main(["triage", key, "--status", "false-positive", "--reviews", str(g.path / "reviews")]) == 0
    capsys.readouterr()
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)["findings"]
    assert {r["triage"] for r in rows} == {"false-positive"}
