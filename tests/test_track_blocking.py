"""Blocking: identity compares only findings that share a specific key, so its work grows linearly."""

from __future__ import annotations

from pytest import MonkeyPatch

from reviewkit.track.blocking import block_keys, candidate_pairs
from reviewkit.track.fingerprint import Features, bag_of, idents_of
from reviewkit.track.identity import Occurrence, assign_identity
from reviewkit.track.similarity import RoundIndex


def _features(title: str, body: str = "", files: frozenset[str] = frozenset()) -> Features:
    return Features(
        title=title.lower(),
        text=title.lower(),
        contents=frozenset(),
        path_symbols=frozenset(),
        files=files,
        idents=idents_of(f"{title}\n{body}"),
        bag=bag_of(title, body),
    )


def test_pairs_sharing_a_rare_key_are_candidates_and_strangers_are_not() -> None:
    keys = [{"f:auth.py", "w:token"}, {"f:auth.py"}, {"w:docker"}]
    assert candidate_pairs(keys) == [(0, 1)]


def test_a_key_held_by_more_findings_than_the_cap_proposes_no_pairs() -> None:
    keys = [{"w:error", f"w:rare{k // 2}"} for k in range(10)]  # "error" everywhere, each rare word twice
    assert candidate_pairs(keys, cap=4) == [(2 * k, 2 * k + 1) for k in range(5)]
    assert len(candidate_pairs(keys, cap=10)) == 45


def test_every_round_is_held_to_the_partner_budget_rarest_keys_first() -> None:
    # 40 findings of one file; each also shares a rare word with one other: the file key would name 39 partners
    keys = [{"f:app.py", f"w:rare{k // 2}"} for k in range(40)]
    assert candidate_pairs(keys, budget=8) == [(2 * k, 2 * k + 1) for k in range(20)]
    assert len(candidate_pairs(keys, budget=8, exact=40)) == 40 * 39 // 2  # a round under ``exact``: every pair


def test_block_keys_cover_code_files_identifiers_and_words() -> None:
    keys = block_keys(_features("Retry loop in get_retriever", files=frozenset({"rag.py"})))
    assert {"f:rag.py", "i:get_retriever", "w:retry"} <= keys


def _round(n: int, reviewers: int = 2) -> list[Occurrence]:
    """``n`` findings of one round: pairs of reviewers describing one problem each, every problem distinct."""
    out = []
    for k in range(n):
        problem = k // reviewers
        title = f"unbounded cache_{problem} grows in handler_{problem} module{problem}.py"
        out.append(
            Occurrence(
                round_key="r1",
                reviewer=f"rev{k % reviewers}",
                sort_key=(f"rev{k % reviewers}.md", k),
                seed=f"r1|{k}",
                features=_features(title, "memory leak under load", frozenset({f"module{problem}.py"})),
            )
        )
    return out


def test_identity_scores_a_number_of_pairs_linear_in_the_findings_of_a_round(monkeypatch: MonkeyPatch) -> None:
    scored: list[tuple[int, int]] = []
    original = RoundIndex.score

    def counting(self: RoundIndex, i: int, j: int, floor: float = 0.0, one_reviewer: bool = False) -> float:
        scored.append((i, j))
        return original(self, i, j, floor, one_reviewer)

    monkeypatch.setattr(RoundIndex, "score", counting)
    for n in (300, 3000):
        scored.clear()
        result = assign_identity(_round(n), ["r1"])
        assert result.consensus == [2] * n  # every pair found although most pairs were never compared
        assert len(scored) <= 4 * n  # all pairs would be n * (n - 1) / 2


def test_an_earlier_issue_naming_the_same_identifier_ranks_first_among_same_file_issues() -> None:
    from reviewkit.track.recurrence import IssueIndex, _cross_candidates, _words

    index = IssueIndex()
    for k in range(60):  # sixty earlier issues of one file, alike in words
        index.add(k, [_features("Handler swallows errors", f"handler_{k} catches everything", frozenset({"app.py"}))])
    group = [_features("Errors are swallowed", "handler_45 hides the failure", frozenset({"app.py"}))]
    assert _cross_candidates(index.postings, _words(group))[0] == 45


def test_an_issue_raised_many_times_is_compared_through_its_first_and_latest_occurrences() -> None:
    from reviewkit.track.recurrence import COMPARED_MEMBERS, Group, MatchContext, _group_score

    seen: list[str] = []

    def score(a: Features, b: Features, ctx: MatchContext) -> float | None:
        seen.append(a.title)
        return None

    issue = Group(list(range(10)), {"grok"}, [_features(f"occurrence {k}") for k in range(10)])
    assert len(issue.features) == 10  # every different wording is kept
    _group_score(score, issue, Group([10], {"gpt"}, [_features("new")]), None)  # type: ignore[arg-type]
    assert len(seen) == COMPARED_MEMBERS and seen[0] == "occurrence 0" and seen[-1] == "occurrence 9"
    again = Group([0, 1], {"grok"}, [_features("same words"), _features("same words")])
    assert len(again.features) == 1  # raised again in the same words: nothing new to compare


def test_a_pair_that_cannot_reach_the_floor_is_not_scored_in_full() -> None:
    findings = [
        _features("Retriever cache race", "the retriever cache has no lock", frozenset({"rag.py"})),
        _features("Retriever cache lock missing", "no lock around the retriever cache", frozenset({"rag.py"})),
        _features("Dockerfile runs as root", "the container user", frozenset({"Dockerfile"})),
    ]
    index = RoundIndex(findings)
    assert index.score(0, 1, floor=0.3) == index.score(0, 1) > 0.3  # above the floor: the full score
    assert index.score(0, 2) > 0.0 and index.score(0, 2, floor=0.3) == 0.0  # it could never reach 0.3
