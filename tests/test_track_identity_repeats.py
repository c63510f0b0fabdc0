"""Identity inside a round: a reviewer reporting one problem twice (one finding per symptom)."""

from __future__ import annotations

from reviewkit.track import link_locally, track_documents
from reviewkit.track.grouping import absorb_repeats
from reviewkit.track.identity import IdentityTuning
from tests.track_builders import F, review_doc

# positions: 0 gemini (in the group), 1 grok (in the group), 2 gemini (alone)
WHO = ["gemini", "grok", "gemini"]


def test_a_lone_repeat_joins_the_group_of_its_reviewers_like_finding() -> None:
    groups, notes = absorb_repeats([[0, 1], [2]], {(1, 2): 0.5}, {(0, 2): 0.4}, WHO, threshold=0.44, same_threshold=0.3)
    assert groups == [[0, 1, 2]]
    assert notes == [(2, "repeat: gemini raised this problem twice in the round")]


def test_a_repeat_unlike_its_reviewers_finding_stays_alone() -> None:
    groups, _ = absorb_repeats([[0, 1], [2]], {(1, 2): 0.5}, {(0, 2): 0.1}, WHO, threshold=0.44, same_threshold=0.3)
    assert groups == [[0, 1], [2]]


def test_a_repeat_must_match_every_other_reviewer_of_the_group() -> None:
    who = [*WHO, "gpt"]
    scores = {(1, 2): 0.6, (2, 3): 0.2}
    groups, _ = absorb_repeats([[0, 1, 3], [2]], scores, {(0, 2): 0.5}, who, threshold=0.44, same_threshold=0.3)
    assert groups == [[0, 1, 3], [2]]
    scores[(2, 3)] = 0.45
    groups, _ = absorb_repeats([[0, 1, 3], [2]], scores, {(0, 2): 0.5}, who, threshold=0.44, same_threshold=0.3)
    assert groups == [[0, 1, 2, 3]]


def test_a_repeat_of_two_groups_fails_closed_and_is_flagged() -> None:
    # 0 gemini + 1 grok, 3 gemini + 4 gpt; lone 2 (gemini) restates both
    who = ["gemini", "grok", "gemini", "gemini", "gpt"]
    scores = {(1, 2): 0.6, (2, 4): 0.6}
    same = {(0, 2): 0.5, (2, 3): 0.5}
    groups, notes = absorb_repeats([[0, 1], [2], [3, 4]], scores, same, who, threshold=0.44, same_threshold=0.3)
    assert groups == [[0, 1], [2], [3, 4]]
    assert notes and notes[0][0] == 2 and "ambiguous" in notes[0][1]


def test_two_repeats_of_one_group_fail_closed() -> None:
    who = ["gemini", "grok", "gemini", "gemini"]
    scores = {(1, 2): 0.6, (1, 3): 0.6}
    same = {(0, 2): 0.5, (0, 3): 0.5}
    groups, notes = absorb_repeats([[0, 1], [2], [3]], scores, same, who, threshold=0.44, same_threshold=0.3)
    assert groups == [[0, 1], [2], [3]]
    assert sorted(k for k, _ in notes) == [2, 3]


def test_the_order_of_the_groups_does_not_matter() -> None:
    args = ({(1, 2): 0.5}, {(0, 2): 0.4}, WHO, 0.44, 0.3)
    assert absorb_repeats([[2], [0, 1]], *args) == absorb_repeats([[0, 1], [2]], *args)


def _auth_round() -> list:  # type: ignore[type-arg]
    gemini = [
        F(
            "F1",
            "Feedback endpoint accepts requests without the API key",
            path="src/api/app.py",
            body="ApiKeyMiddleware protects only /chat; /feedback and /sms are open",
        ),
        F(
            "F6",
            "SMS webhook reachable without the API key",
            path="src/api/app.py",
            body="ApiKeyMiddleware protects only /chat; the /sms webhook is open",
        ),
    ]
    grok = [
        F(
            "C1",
            "ApiKeyMiddleware protects only /chat: /feedback and /sms open",
            path="src/api/app.py",
            body="the API key is checked for /chat only; /feedback and /sms accept anyone",
        ),
    ]
    return [review_doc("r1/gemini.md", "Gemini", gemini), review_doc("r1/grok.md", "Grok", grok)]


def test_repeats_join_by_default_and_stay_apart_when_turned_off() -> None:
    docs = _auth_round()
    plain = track_documents(docs, link_locally(docs), tuning=IdentityTuning(repeat_threshold=None))
    assert len({f.key for f in plain.findings}) == 2  # one gemini finding pairs with grok, the other stays alone
    tuned = track_documents(docs, link_locally(docs))
    assert len({f.key for f in tuned.findings}) == 1
    assert {f.consensus for f in tuned.findings} == {2}  # reviewers, not findings, make consensus
    assert any(flag.startswith("repeat:") for f in tuned.findings for flag in f.flags)
