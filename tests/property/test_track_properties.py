"""Hypothesis invariants of tracking: stable keys, order-free consensus, triage round trip."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewkit.model import Document, Severity, TriageEntry, TriageStatus
from reviewkit.track import link_locally, track_documents
from reviewkit.track.triage import dump_triage, parse_triage
from tests.track_builders import F, review_doc

_WORDS = ["cache", "lock", "retry", "timeout", "secret", "probe", "queue", "index", "token", "stream", "leak", "race"]
_FILES = ["app.py", "store.py", "graph.py", "Dockerfile", None]
_REVIEWERS = ["grok", "gemini", "gpt", "deepseek"]

finding_specs = st.builds(
    lambda words, path, sev, n: F(f"F{n}", " ".join(words), sev, path),
    st.lists(st.sampled_from(_WORDS), min_size=2, max_size=5),
    st.sampled_from(_FILES),
    st.sampled_from(list(Severity)),
    st.integers(1, 99),
)


@st.composite
def histories(draw: st.DrawFn, min_rounds: int = 1, max_rounds: int = 4) -> list[Document]:
    docs = []
    for r in range(draw(st.integers(min_rounds, max_rounds))):
        for reviewer in draw(st.lists(st.sampled_from(_REVIEWERS), min_size=1, max_size=3, unique=True)):
            specs = draw(st.lists(finding_specs, max_size=4))
            docs.append(review_doc(f"r{r:02d}/{reviewer}.md", reviewer, specs, date=dt.date(2026, 1, 1 + r)))
    return docs


def _keys(docs: list[Document]) -> dict[tuple[str, int], str]:
    ledger = track_documents(docs, link_locally(docs))
    return {(f.document, f.finding.line): f.key for f in ledger.findings}


@settings(max_examples=60, deadline=None)
@given(histories(min_rounds=1, max_rounds=3), histories(min_rounds=1, max_rounds=1))
def test_adding_a_round_never_changes_existing_keys(history: list[Document], extra: list[Document]) -> None:
    later = [d.model_copy(update={"path": d.path.replace("r00/", "r99/"), "reviews": tuple(
        rv.model_copy(update={"date": dt.date(2026, 6, 1)}) for rv in d.reviews
    )}) for d in extra]  # fmt: skip
    before = _keys(history)
    after = _keys([*history, *later])
    assert {k: after[k] for k in before} == before


@settings(max_examples=60, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_grouping_does_not_depend_on_document_order(history: list[Document], rnd: object) -> None:
    shuffled = list(history)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _keys(shuffled) == _keys(history)


@settings(max_examples=60, deadline=None)
@given(history=histories())
def test_a_group_holds_two_findings_of_one_reviewer_only_as_a_flagged_repeat(history: list[Document]) -> None:
    ledger = track_documents(history, link_locally(history))
    seen = set()
    for f in ledger.findings:
        slot = (f.key, f.round_key, f.reviewer_norm)
        if slot in seen:
            same_slot = [g for g in ledger.findings if (g.key, g.round_key, g.reviewer_norm) == slot]
            assert any(flag.startswith("repeat:") for g in same_slot for flag in g.flags)
        seen.add(slot)
        assert 1 <= f.consensus <= f.consensus_of


_text = st.one_of(st.none(), st.text(max_size=40))
entries = st.builds(
    TriageEntry,
    key=st.text(min_size=1, max_size=20),
    status=st.one_of(st.none(), st.sampled_from(list(TriageStatus))),
    duplicate_of=_text,
    deferred_to=_text,
    owner=_text,
    note=_text,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(entries, max_size=8, unique_by=lambda e: e.key))
def test_triage_round_trip(items: list[TriageEntry]) -> None:
    text = dump_triage(items)
    assert parse_triage(text) == sorted(items, key=lambda e: e.key)
    assert dump_triage(parse_triage(text)) == text


def _recorded(docs: list[Document], index: dict[str, list[str]] | None = None) -> tuple[dict, dict[str, list[str]]]:
    from reviewkit.track.keyindex import numbered_identities, updated_index

    ledger = track_documents(docs, link_locally(docs), key_index=index)
    rows = [(f.round_key, f.reviewer_norm, f.finding.id, f.finding.title) for f in ledger.findings]
    members = list(zip((f.key for f in ledger.findings), numbered_identities(rows), strict=True))
    keys = {(f.document, f.finding.line): f.key for f in ledger.findings}
    return keys, updated_index(index or {}, members)


@settings(max_examples=80, deadline=None)
@given(histories(min_rounds=1, max_rounds=3), st.lists(finding_specs, min_size=1, max_size=4), st.integers(0, 2))
def test_adding_a_document_to_a_round_never_changes_existing_keys(
    history: list[Document], specs: list[F], at_round: int
) -> None:
    # RK-002: a late review whose name sorts first used to re-key the issues it restated
    rounds = sorted({d.path.split("/")[0] for d in history})
    folder = rounds[min(at_round, len(rounds) - 1)]
    day = next(rv.date for d in history if d.path.startswith(folder + "/") for rv in d.reviews)
    late = review_doc(f"{folder}/aaa-claude.md", "claude", specs, date=day)
    before, index = _recorded(history)
    after, _ = _recorded([*history, late], index)
    assert {k: after[k] for k in before} == before


@settings(max_examples=40, deadline=None)
@given(histories(min_rounds=1, max_rounds=3))
def test_renaming_round_folders_never_changes_existing_keys(history: list[Document]) -> None:
    before, index = _recorded(history)
    renamed = [d.model_copy(update={"path": "renamed-" + d.path}) for d in history]
    after, _ = _recorded(renamed, index)
    assert {(doc.removeprefix("renamed-"), line): key for (doc, line), key in after.items()} == before
