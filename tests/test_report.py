"""The stakeholder report: facts from hand-built frames, the HTML/markdown layouts, and the demo end to end."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from reviewkit import report
from reviewkit.demo import build_demo
from reviewkit.report import build_facts, layout_html, render_html, render_markdown
from reviewkit.report.facts import ReportFacts, Risk, RoundLine
from reviewkit.report.markdown import layout_markdown
from reviewkit.track import Ledger, build_ledger

LABELS = ["R1", "R2", "R3"]


def _rounds() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "round_key": ["round-01", "round-02", "round-03"],
            "round_label": LABELS,
            "round_order": [0, 1, 2],
            "date": pd.to_datetime(["2026-03-04", "2026-03-10", "2026-03-17"]),
            "anchor_commit": ["a", "b", "c"],
            "n_reviewers": [2, 2, 2],
            "overall_mean_100": [50.0, 60.0, 55.5],
            "raised_critical": [2, 1, 1],
            "raised_high": [1, 1, 0],
            "open_critical": [2, 1, 1],
            "open_high": [1, 1, 0],
            "new": [3, 1, 1],
            "fixed": [0, 2, 1],
            "recurring": [0, 1, 1],
        }
    )


def _issues() -> pd.DataFrame:
    rows = [
        # key, title, severity, path, first, last, consensus, status, fix, regressed_by, triage, age, open
        ("K1", "SQL injection", "critical", "db.py", 0, 2, 2, "regressed", "f" * 40, "r" * 40, None, 3, True),
        ("K2", "Cache race", "critical", "cache.py", 0, 0, 2, "fixed", "c" * 40, None, None, 1, False),
        ("K3", "Timing compare", "high", "auth.py", 0, 1, 2, "fixed", "t" * 40, None, None, 2, False),
        ("K4", "No pagination cap", "medium", "api.py", 0, 2, 1, "open", None, None, "deferred", 3, False),
        ("K5", "Eviction missing", "medium", "cache.py", 2, 2, 1, "open", None, None, None, 1, True),
        ("K6", "Stale docs", "high", None, 1, 2, 2, "open", None, None, None, 2, True),
    ]
    columns = [
        "key",
        "title",
        "severity",
        "path",
        "first_order",
        "last_order",
        "consensus",
        "status",
        "fix_commit",
        "regressed_by",
        "triage",
        "age_rounds",
        "open",
    ]
    return pd.DataFrame(rows, columns=columns)


def _dimensions() -> pd.DataFrame:
    rows = [
        (o, dim, s)
        for o, scores in enumerate([(4, 6), (6, 6), (5, 7)])
        for dim, s in zip(("Sec", "Api"), scores, strict=True)
    ]
    frame = pd.DataFrame(rows, columns=["round_order", "dimension", "score_10"])
    return frame.assign(round_label=[LABELS[o] for o in frame["round_order"]])


@pytest.fixture
def facts() -> ReportFacts:
    return build_facts(_rounds(), _issues(), _dimensions())


def test_headline_states_score_direction_and_open_critical_high(facts: ReportFacts) -> None:
    assert facts.headline == (
        "R3 scored 56/100 (down 4 from R2). 1 CRITICAL and 1 HIGH issues are open; 1 fixed issue(s) came back."
    )
    assert facts.score_delta == pytest.approx(-4.5)


def test_open_counts_leave_out_fixed_and_triaged(facts: ReportFacts) -> None:
    assert facts.open_counts == {"critical": 1, "high": 1, "medium": 1}
    assert facts.triaged == 1


def test_top_risks_put_regressions_first_then_severity(facts: ReportFacts) -> None:
    assert [r.key for r in facts.top_risks] == ["K1", "K6", "K5"]
    first = facts.top_risks[0]
    assert first.regressed and first.consensus == "2 of 2 reviewers"
    assert first.sentence == (
        "SQL injection (db.py): raised by 2 of 2 reviewers, first raised in R1 (2 rounds ago). "
        "It came back after being fixed in fffffff (regression)."
    )
    assert facts.fixed_since[0].sentence == "Timing compare (auth.py): raised by 2 of 2 reviewers, fixed in ttttttt."


def test_changes_since_previous_round(facts: ReportFacts) -> None:
    assert [r.key for r in facts.fixed_since] == ["K3"]  # K2 was fixed earlier, after R1
    assert facts.fixed_since[0].fix_commit == "ttttttt"
    assert [r.key for r in facts.new_in_latest] == ["K5"]
    assert [r.key for r in facts.regressions] == ["K1"]
    assert facts.improved == (("Api", 1.0),) and facts.worsened == (("Sec", -1.0),)
    assert [r.date for r in facts.rounds] == ["2026-03-04", "2026-03-10", "2026-03-17"]


def test_no_rounds_gives_empty_facts() -> None:
    empty = build_facts(_rounds().iloc[0:0], _issues().iloc[0:0], _dimensions().iloc[0:0])
    assert empty.headline == "No review rounds found."
    assert "<h1>" in layout_html(empty, {}, title="t", footer="f")


def test_html_is_self_contained_and_escapes_text() -> None:
    risk = Risk(key="K<1>", title="<script>alert(1)</script>", severity="high", consensus="1 of 1 reviewers")
    facts = ReportFacts(rounds=(RoundLine(label="R1", mean_score=50.0),), latest="R1", top_risks=(risk,))
    page = layout_html(facts, {"trajectory": b"\x89PNG fake"}, title="A & B", footer="made")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<title>A &amp; B</title>" in page
    assert 'src="data:image/png;base64,' in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the page must not load anything"


def test_markdown_has_table_risks_and_no_images(facts: ReportFacts) -> None:
    text = layout_markdown(facts, title="Review status")
    assert text.startswith("# Review status\n\n> R3 scored 56/100")
    assert "| round | date | mean score | CRITICAL raised | HIGH raised | CRITICAL open at end |" in text
    assert "| R2 | 2026-03-10 | 60.0 | 1 | 1 | 1 | 1 | 1 | 2 | 1 |" in text
    assert "- **CRITICAL** SQL injection (db.py): raised by 2 of 2 reviewers" in text
    assert "## What changed since R2" in text and "fixed in ttttttt." in text
    assert "![" not in text and "<img" not in text


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    demo = build_demo(tmp_path_factory.mktemp("report") / "shop")
    return build_ledger(demo.repo, demo.reviews)


def test_render_html_on_the_demo(demo_ledger: Ledger) -> None:
    page = render_html(demo_ledger, title="Shop review")
    assert page.count('src="data:image/png;base64,') == 6
    assert "R4 scored 63/100 (down 4 from R3)" in page
    assert re.search(r"came back after being fixed in [0-9a-f]{7} \(regression\)", page)
    assert "find_orders" in page
    assert len(page) < 2_000_000  # six PNGs, not megabytes of them


def test_render_markdown_on_the_demo(demo_ledger: Ledger) -> None:
    text = render_markdown(demo_ledger)
    assert "| R1 | 2026-03-04 | 46.3 |" in text
    assert "### Came back after a fix" in text and "find_orders" in text


def test_backlog_lists_open_issues_most_urgent_first() -> None:
    view = report.backlog(_issues())
    assert list(view["key"]) == ["K1", "K6", "K5"]
    assert list(report.backlog(_issues(), top=1)["key"]) == ["K1"]


def test_round_changes_label_each_issue_once() -> None:
    changes = report.round_changes(_issues(), _rounds(), "round-02", "round-03")
    assert dict(zip(changes["key"], changes["change"], strict=True)) == {
        "K3": "fixed",
        "K5": "new",
        "K6": "recurring",
        "K4": "recurring",  # triaged (deferred), but still raised again
        "K1": "regressed",
    }


def test_compared_rounds_default_to_the_last_two_and_reject_unknown_ones() -> None:
    assert report.compared_rounds(_rounds()) == ("round-02", "round-03")
    assert report.compared_rounds(_rounds(), ["round-01", "round-03"]) == ("round-01", "round-03")
    with pytest.raises(ValueError, match="round-09"):
        report.compared_rounds(_rounds(), ["round-09"])
    assert report.compared_rounds(_rounds(), ["round-02"]) == (None, "round-02")
    assert list(report.restrict_rounds(_rounds(), ["round-02"])["round_label"]) == ["R2"]
    first = report.round_changes(_issues(), _rounds(), None, "round-01")
    assert set(first["change"]) == {"new"} and set(first["key"]) == {"K1", "K2", "K3", "K4"}


def test_reviewer_agreement_marks_who_raised_what() -> None:
    findings = pd.DataFrame(
        {
            "round_key": ["r2", "r2", "r2", "r1"],
            "reviewer": ["grok", "gpt", "grok", "gpt"],
            "key": ["K1", "K1", "K2", "K3"],
            "title": ["SQL injection", "Injection in search", "Cache race", "Old"],
            "severity": ["critical", "high", "medium", "low"],
        }
    )
    table = report.reviewer_agreement(findings, "r2")
    assert list(table.index) == ["K1", "K2"]
    assert table.loc["K1", "grok"] == "CRITICAL" and table.loc["K1", "gpt"] == "HIGH"
    assert table.loc["K2", "gpt"] == "—" and table.loc["K2", "raised by"] == 1
    assert table.loc["K1", "title"] == "SQL injection"


@pytest.mark.parametrize("name", ["retrospective", "sprint_planning", "stakeholder_report"])
def test_notebooks_are_thin_parameterised_and_stripped(name: str) -> None:
    import nbformat

    from .conftest import REPO_ROOT

    book = nbformat.read(REPO_ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    code = [cell for cell in book.cells if cell.cell_type == "code"]
    parameters = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(parameters) == 1
    assert all(f"{p} = None" in parameters[0].source for p in ("repo", "reviews", "rounds"))
    assert all(not cell.outputs and cell.execution_count is None for cell in code), "outputs must be stripped"
    assert not [cell for cell in code if re.search(r"^\s*(def|class) ", cell.source, re.M)], (
        "logic belongs in the package"
    )


def test_long_histories_are_shortened_in_lists_and_tables() -> None:
    risks = tuple(
        Risk(key=f"K{i}", title=f"Issue {i}", severity="low", consensus="1 of 1 reviewers") for i in range(15)
    )
    rounds = tuple(RoundLine(label=f"R{i}") for i in range(20))
    facts = ReportFacts(rounds=rounds, latest="R19", previous="R18", new_in_latest=risks)
    page = layout_html(facts, {}, title="t", footer="f")
    assert "Issue 9" in page and "Issue 10" not in page and "… and 5 more" in page
    assert "The last 12 of 20 rounds" in page and "<td>R7</td>" not in page and "<td>R8</td>" in page
    text = layout_markdown(facts, title="t")
    assert "- … and 5 more" in text and "| R7 |" not in text and "| R8 |" in text


def test_long_histories_say_what_the_dense_charts_leave_out() -> None:
    facts = ReportFacts(rounds=tuple(RoundLine(label=f"R{i}") for i in range(20)), latest="R19", previous="R18")
    charts = {"open_trend": b"png", "heatmap": b"png"}
    page = layout_html(facts, charts, title="t", footer="f")
    assert "Mean dimension score in the last 12 of 20 rounds" in page
    assert "under each round: new, fixed and recurring" not in page
    short = layout_html(ReportFacts(rounds=(RoundLine(label="R1"),), latest="R1"), charts, title="t", footer="f")
    assert report.CHART_CAPTIONS["heatmap"] in short and report.CHART_CAPTIONS["open_trend"] in short


def test_recent_rounds_keeps_the_last_rounds_by_order() -> None:
    rounds = pd.DataFrame({"round_order": [3, 0, 2, 1]})
    dimensions = pd.DataFrame({"round_order": [0, 1, 1, 2, 3], "score_10": [1.0, 2.0, 3.0, 4.0, 5.0]})
    assert list(report.recent_rounds(dimensions, rounds, 2)["score_10"]) == [4.0, 5.0]


def test_rounds_sharing_a_label_are_named_by_their_folder() -> None:
    rounds = _rounds().assign(round_label=["R1", "R1", "R2"])
    facts = build_facts(rounds, _issues(), _dimensions())
    assert [line.label for line in facts.rounds] == ["round-01", "round-02", "R2"]
    assert (facts.previous, facts.latest) == ("round-02", "R2")


def test_headline_does_not_call_unknown_issues_open() -> None:
    from reviewkit.report.facts import ReportFacts, RoundLine

    line = RoundLine.model_construct(label="R2", mean_score=None)
    unknown = ReportFacts(rounds=(line,), open_counts={"critical": 2, "high": 1}, unknown_open=3)
    assert "not known to be fixed" in unknown.headline and "are open" not in unknown.headline
    mixed = ReportFacts(rounds=(line,), open_counts={"critical": 2, "high": 1}, unknown_open=1)
    assert "issues are open (1 of them with no fix evidence either way)" in mixed.headline


def test_a_shallow_history_is_said_in_the_report_not_hidden() -> None:
    # issue 13: on a shallow clone the report was silent and its tiles looked exact
    from reviewkit.report import render_html, render_markdown
    from reviewkit.track import link_locally, track_documents
    from tests.track_builders import two_round_history

    docs = two_round_history()
    note = "shallow clone: history before 2026-01-01 is missing (cut at 1 boundary commit(s) abc1234)"
    ledger = track_documents(docs, link_locally(docs), warnings=[note])
    assert "Partial history" in render_markdown(ledger) and "Partial history" in render_html(ledger)
    assert "Partial history" not in render_markdown(track_documents(docs, link_locally(docs)))
