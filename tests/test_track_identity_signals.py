"""Identity inside a round: the similarity signals, their combination, and one-to-one grouping."""

from __future__ import annotations

import random

import pytest

from reviewkit.track import link_locally, track_documents
from reviewkit.track.fingerprint import Features, bag_of, idents_of
from reviewkit.track.grouping import cluster_pairs
from reviewkit.track.similarity import RoundIndex, Signals, SignalWeights, combine
from tests.track_builders import F, review_doc


def _features(
    title: str = "",
    body: str = "",
    *,
    files: set[str] | None = None,
    spans: set[tuple[str, int, int]] | None = None,
) -> Features:
    return Features(
        title=title.lower(),
        text=title.lower(),
        contents=frozenset(),
        path_symbols=frozenset(),
        files=frozenset(files or ()),
        spans=frozenset(spans or ()),
        idents=idents_of(f"{title}\n{body}"),
        subjects=frozenset(i.replace("_", "") for i in idents_of(title)),
        bag=bag_of(title, body),
    )


def _filler(n: int) -> list[Features]:
    """Unrelated findings that give the round its word and file statistics."""
    topics = ["docker image size", "readme typo", "log level", "cors origins", "rate limit", "ci cache"]
    return [_features(f"{topics[k % len(topics)]} issue {k}", files={f"other{k}.py"}) for k in range(n)]


def test_identifiers_are_code_names_without_leading_underscores() -> None:
    found = idents_of("_get_retriever() uses TTLCache; see ingest_property and getSettings, call flush() once")
    assert {"get_retriever", "ttlcache", "ingest_property", "getsettings", "flush"} <= found
    assert "uses" not in found and "once" not in found


def test_switches_and_routes_are_code_names_file_paths_are_not() -> None:
    found = idents_of("`--timeout=90s` and --no-traffic; /feedback and /sms/webhook are open")
    assert {"--timeout", "--traffic", "/feedback", "/sms/webhook"} <= found  # --no-traffic turns --traffic off
    paths = idents_of("see src/api/app.py, /home/me/projects/app/src/a.py, and/or 1/3, cut at /home/me/proj")
    assert not {i for i in paths if i.startswith("/")}


def test_two_reviewers_quoting_one_setting_agree_on_its_switch_and_value() -> None:
    # "--timeout=90s" in one review, "timeout (90s)" and `--timeout` in another: one Cloud Run setting
    assert "#90" in dict(bag_of("Cloud Run timeout (90s) is tight", ""))
    tight = _features("timeout=90s is tight for the agent", "`--timeout=90s` will 504 long streams")
    misaligned = _features("Cloud Run timeout (90s) vs SSE", "deploy sets --timeout=90s below the stream length")
    index = RoundIndex([tight, misaligned, *_filler(6)])
    assert index.signals(0, 1).idents > 0.3


def test_bag_counts_title_words_more_and_keeps_numbers() -> None:
    bag = dict(bag_of("Stale test count", "README claims 1090 tests"))
    assert bag["stale"] > bag["claim"]
    assert bag["test"] > bag["stale"]  # in the title and in the body
    assert "#1090" in bag


def test_rare_shared_identifier_outweighs_a_common_one() -> None:
    common = "get_settings"
    findings = [
        _features("a", f"{common} and rebuild_index_cache"),
        _features("b", f"{common} then rebuild_index_cache"),
        _features("c", f"{common} here"),
        *[_features(f"x{k}", f"{common} elsewhere") for k in range(4)],
    ]
    index = RoundIndex(findings)
    assert index.signals(0, 1).idents > index.signals(0, 2).idents > 0.0


def test_line_closeness_overlap_nearby_and_other_file() -> None:
    findings = [
        _features("a", spans={("pipeline.py", 100, 120)}),
        _features("b", spans={("pipeline.py", 110, 112)}),
        _features("c", spans={("pipeline.py", 135, 140)}),
        _features("d", spans={("graph.py", 100, 120)}),
    ]
    index = RoundIndex(findings, SignalWeights(line_reach=30))
    assert index.signals(0, 1).lines == 1.0
    assert index.signals(0, 2).lines == 0.5  # 15 lines apart, half way to the reach
    assert index.signals(0, 3).lines == 0.0


def test_text_cosine_finds_the_same_problem_in_other_words() -> None:
    findings = [
        _features("Retriever cache is not thread-safe", "concurrent coroutines rebuild the retriever cache"),
        _features("Race in retriever cache rebuild", "two coroutines rebuild the cache at once"),
        _features("Dockerfile runs as root", "the container user is root"),
        *_filler(6),
    ]
    index = RoundIndex(findings)
    assert index.signals(0, 1).text > 0.3
    assert index.signals(0, 2).text == 0.0


def test_combined_score_content_decides_and_disjoint_files_scale_down() -> None:
    weights = SignalWeights(text=1.0, idents=0.0, files=0.0, title=0.0, disjoint_files=0.5)
    assert combine(Signals(content=1.0), weights) == 1.0
    assert combine(Signals(text=0.8), weights) == 0.8
    assert combine(Signals(text=0.8, disjoint_files=True), weights) == 0.4
    index = RoundIndex([_features("x", files={"a.py"}), _features("y", files={"b.py"}), _features("z")])
    assert index.signals(0, 1).disjoint_files
    assert not index.signals(0, 2).disjoint_files  # one names no file: nothing disagrees


def test_shared_rare_identifiers_soften_the_different_files_penalty() -> None:
    # one setting, named where it is defined (config.py) and where it is read (webhook.py)
    defined = _features("Webhook secret may be empty", "CMS_WEBHOOK_SECRET defaults to ''", files={"config.py"})
    read = _features("Signature check passes with no secret", "CMS_WEBHOOK_SECRET unset", files={"webhook.py"})
    elsewhere = _features("Signature check passes with no secret", "the secret is unset", files={"webhook.py"})
    index = RoundIndex([defined, read, elsewhere, *_filler(6)])
    assert index.signals(0, 1).disjoint_files and index.signals(0, 2).disjoint_files
    assert index.score(0, 1) > 2 * index.score(0, 2)
    weights = SignalWeights(text=1.0, idents=0.0, files=0.0, title=0.0, disjoint_files=0.5)
    assert combine(Signals(text=0.8, idents=0.5, disjoint_files=True), weights) == pytest.approx(0.6)


def test_the_same_code_in_two_different_files_is_an_idiom_not_one_problem() -> None:
    # two findings pointing at one ``@lru_cache(maxsize=1)`` line, in two different modules
    weights = SignalWeights(text=1.0, idents=0.0, files=0.0, title=0.0, disjoint_files=0.5)
    assert combine(Signals(content=1.0, text=0.2, disjoint_files=True), weights) == 0.1
    assert combine(Signals(content=1.0, text=0.2), weights) == 1.0  # one file (or none named): it decides


def test_grouping_is_one_to_one_between_two_reviewers() -> None:
    who = ["gemini", "grok", "grok"]
    groups, notes = cluster_pairs({(0, 1): 0.9, (0, 2): 0.5}, who, threshold=0.3, margin=0.05)
    assert groups == [[0, 1], [2]]
    assert notes == []


def test_two_equally_close_matches_fail_closed_and_are_flagged() -> None:
    who = ["gemini", "grok", "grok", "gpt"]
    scores = {(0, 1): 0.60, (0, 2): 0.59, (0, 3): 0.40}
    groups, notes = cluster_pairs(scores, who, threshold=0.3, margin=0.05)
    assert [0, 1] not in groups and [0, 2] not in groups
    assert [0, 3] in groups  # still free to agree with another reviewer
    assert notes and notes[0][0] == 0 and "ambiguous" in notes[0][1]


def test_a_taken_rival_is_no_rival() -> None:
    # grok's finding 1 already agrees strongly with gemini's finding 3, so it is no rival for gemini's 0
    who = ["gemini", "grok", "grok", "gemini"]
    scores = {(1, 3): 0.95, (0, 1): 0.60, (0, 2): 0.58}
    groups, _ = cluster_pairs(scores, who, threshold=0.3, margin=0.05)
    assert [1, 3] in groups and [0, 2] in groups


def test_grouping_does_not_depend_on_the_order_of_the_scores() -> None:
    who = ["a", "b", "c", "a", "b", "c"]
    rng = random.Random(7)
    scores = {(x, y): round(rng.random(), 2) for x in range(6) for y in range(x + 1, 6) if who[x] != who[y]}
    items = list(scores.items())
    expected = cluster_pairs(scores, who, 0.3, 0.02)
    for _ in range(5):
        rng.shuffle(items)
        assert cluster_pairs(dict(items), who, 0.3, 0.02) == expected
    for group in expected[0]:
        assert len({who[k] for k in group}) == len(group)


def test_reviewers_naming_the_same_code_in_other_words_agree() -> None:
    gemini = [
        F("F1", "get_retriever cache rebuilt concurrently", path="src/rag/pipeline.py", body="_retriever_cache race"),
        F("F2", "Dockerfile base image not pinned", path="Dockerfile", body="python:3.12 floating tag"),
        F("F3", "CORS allows any origin", path="src/api/app.py", body="allow_origins wildcard"),
    ]
    grok = [
        F("C1", "Race condition in retriever singleton", path="pipeline.py", body="get_retriever and _retriever_cache"),
        F("C2", "Health endpoint leaks internals", path="src/api/app.py", body="circuit_breaker_state exposed"),
    ]
    docs = [review_doc("r1/gemini.md", "Gemini", gemini), review_doc("r1/grok.md", "Grok", grok)]
    ledger = track_documents(docs, link_locally(docs))
    key = {f.finding.id: f.key for f in ledger.findings}
    assert key["F1"] == key["C1"]
    assert len({key["F2"], key["F3"], key["C2"], key["F1"]}) == 4


def test_a_finding_like_one_member_but_not_the_others_is_not_chained_in() -> None:
    from reviewkit.track.grouping import cluster_pairs

    # a (grok) and b (gemini) are one problem; c (gpt) is close to b only
    scores = {(0, 1): 0.9, (1, 2): 0.5, (0, 2): 0.2}
    who = ["grok", "gemini", "gpt"]
    groups, _ = cluster_pairs(scores, who, threshold=0.36, margin=0.02, linkage=0.36)
    assert sorted(map(sorted, groups)) == [[0, 1], [2]]
    chained, _ = cluster_pairs(scores, who, threshold=0.36, margin=0.02, linkage=0.0)
    assert sorted(map(sorted, chained)) == [[0, 1, 2]]


def test_two_restatements_of_one_problem_by_one_reviewer_are_no_rivals() -> None:
    # gemini's 0 is as close to gpt's 1 as to gpt's 2, but 1 and 2 restate one problem
    who = ["gemini", "gpt", "gpt"]
    scores = {(0, 1): 0.60, (0, 2): 0.59}
    apart, notes = cluster_pairs(scores, who, threshold=0.3, margin=0.05)
    assert [0, 1] not in apart and notes  # two different problems would be a guess
    asked: list[tuple[int, int]] = []

    def alike(x: int, y: int) -> bool:
        asked.append((x, y))
        return True

    groups, notes = cluster_pairs(scores, who, 0.3, 0.05, restates=alike)
    assert [0, 1] in groups and notes == []
    assert asked == [(1, 2)]  # asked about the rival only
    unlike, _ = cluster_pairs(scores, who, 0.3, 0.05, restates=lambda x, y: False)
    assert [0, 1] not in unlike


def test_a_title_naming_code_the_other_never_mentions_at_other_lines_is_another_problem() -> None:
    # one file, one retriever, two defects: a missing filter in one function, Python-side filtering in another
    category = _features(
        "Missing category filter in retrieve_with_scores",
        "retrieve_with_scores ignores filter_category; FirestoreRetriever and find_nearest",
        files={"firestore_retriever.py"},
        spans={("firestore_retriever.py", 130, 158)},
    )
    python_side = _features(
        "Property ID filtering is Python-side",
        "FirestoreRetriever filters property_id after find_nearest",
        files={"firestore_retriever.py"},
        spans={("firestore_retriever.py", 62, 128)},
    )
    same_lines = _features(
        "Python-side filtering in retrieve_with_scores",
        "FirestoreRetriever filters property_id after find_nearest in retrieve_with_scores",
        files={"firestore_retriever.py"},
        spans={("firestore_retriever.py", 62, 128)},
    )
    index = RoundIndex([category, python_side, same_lines, *_filler(6)])
    assert index.signals(0, 1).other_subject and index.signals(0, 1).disjoint_lines
    assert not index.signals(0, 2).other_subject  # the other names retrieve_with_scores too
    assert index.signals(1, 2).other_subject and not index.signals(1, 2).disjoint_lines  # the same lines: no
    weights = SignalWeights(text=1.0, idents=0.0, files=0.0, title=0.0, other_subject=0.5)
    assert combine(Signals(text=0.8, disjoint_lines=True, other_subject=True), weights) == pytest.approx(0.4)
    assert combine(Signals(text=0.8, other_subject=True), weights) == pytest.approx(0.8)


def test_a_narrow_finding_whose_names_a_broader_one_repeats_in_another_file_is_that_code() -> None:
    # one reviewer names the middleware, the other the setting's default in config.py and much else besides
    narrow = _features("API key auth can be disabled", "ApiKeyMiddleware passes when API_KEY is empty", files={"a.py"})
    broad = _features(
        "Authentication incomplete",
        "ApiKeyMiddleware skips auth if API_KEY is empty; hmac_compare_digest, get_api_key, rotate_tokens, jwt_claims",
        files={"config.py"},
    )
    one_name = _features("Auth can be disabled", "ApiKeyMiddleware passes when the key is empty", files={"b.py"})
    index = RoundIndex([narrow, broad, one_name, *_filler(6)])
    pair = index.signals(0, 1)
    assert pair.disjoint_files and pair.idents_cover == pytest.approx(1.0) and pair.idents < 0.7
    assert index.score(0, 1) > index.score(0, 1, one_reviewer=True)  # one reviewer's two files: split on purpose
    assert index.signals(2, 1).idents_cover == 0.0  # one shared name is a call, not the same code
