"""Pair precision / recall of cross-reviewer identity against the consensus recorded in fix summaries.

Ground truth: every fix-summary decision that cites findings of several reviewers of its round
(``Grok C1, GPT F10``, matrix columns, ``Gemini-F1/GPT-F11``) says those findings are one problem.
Cited refs are resolved to parsed findings by reviewer + id inside the round folder (``GPT F2`` also
finds a review's ``Finding 2``; a bare id such as ``RAG-001 / GPT-F1`` resolves when exactly one
reviewer of the round uses it).

* a *true pair*: two findings of different reviewers of one round cited by one decision
  (decisions citing a shared finding are joined);
* a *predicted pair*: two such findings given the same issue key by tracking;
* precision counts predicted pairs whose findings are both cited somewhere (others are unjudged),
  recall counts true pairs.

Identity's weights and thresholds were chosen on the rounds not in ``HELD_OUT``; the held-out
rounds are reported separately. The truth is hand-written and not always one-to-one (one finding
cited with two findings of another reviewer, a mistyped id), so no grouping with at most one
finding per reviewer reaches recall 1.0.

Run by hand (the corpus lives beside the checkout):

    .venv/bin/python benchmarks/consensus_eval.py [../shared/corpus/hey-seven/reviews] [--repeats THRESHOLD]

``--repeats`` regroups with ``IdentityTuning.repeat_threshold`` set (off by default): a reviewer's
second finding of one problem may join the group (measured: 0.44, chosen on the tuning rounds).
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from reviewkit.parse.decision_refs import id_variants, normalize_id
from reviewkit.track import build_ledger, link_locally, track_documents
from reviewkit.track.identity import IdentityTuning
from reviewkit.track.records import Ledger

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hey-seven" / "reviews"
MATRIX_ROUNDS = ("prod-r7", "prod-r8", "prod-r14", "prod-r16")
HELD_OUT = ("prod-r4", "prod-r9", "prod-r10", "prod-r14", "prod-r15", "prod-r17")
"""Rounds never used to choose identity's weights and thresholds (tuned on the other rounds)."""

Occurrence = tuple[str, int]  # (document, finding line)


def _resolve(
    index: dict[tuple[str, str, str], list[Occurrence]],
    reviewers: Iterable[str],
    round_key: str,
    reviewer: str | None,
    ref_id: str,
) -> tuple[str | None, list[Occurrence]]:
    """(reviewer, occurrences) a cited id names; a bare id (``RAG-001 / GPT-F1``) must belong to one reviewer."""
    if reviewer is not None:
        variants = id_variants(ref_id, reviewer)
        return reviewer, next((h for v in variants if (h := index.get((round_key, reviewer, v)))), [])
    owners = [(r, hit) for r in sorted(reviewers) if (hit := index.get((round_key, r, normalize_id(ref_id, r))))]
    return owners[0] if len(owners) == 1 else (None, [])


def truth_by_round(ledger: Ledger) -> dict[str, tuple[dict[Occurrence, str], set[frozenset[Occurrence]]]]:
    """Round key → (cited occurrence → reviewer, pairs of occurrences one decision cites together).

    Not transitive: a summary that cites one finding in two rows does not make the rows one problem.
    """
    index: dict[tuple[str, str, str], list[Occurrence]] = defaultdict(list)
    for f in ledger.findings:
        if f.finding.id:
            index[(f.round_key, f.reviewer_norm, normalize_id(f.finding.id, f.reviewer_norm))].append(
                (f.document, f.finding.line)
            )
    rounds = {d: r.key for r in ledger.rounds for d in r.documents}
    reviewers: dict[str, set[str]] = defaultdict(set)
    for f in ledger.findings:
        reviewers[f.round_key].add(f.reviewer_norm)
    out: dict[str, tuple[dict[Occurrence, str], set[frozenset[Occurrence]]]] = {}
    for doc in ledger.documents:
        round_key = rounds.get(doc.path)
        if round_key is None:
            continue
        cited, pairs = out.setdefault(round_key, ({}, set()))
        for decision in doc.decisions:
            hits: list[Occurrence] = []
            for ref in decision.refs:
                reviewer, found = _resolve(index, reviewers.get(round_key, ()), round_key, ref.reviewer, ref.id)
                # an id a reviewer used twice (recaps, per-dimension ids) is not judged
                if reviewer is not None and len(found) == 1:
                    hits.append(found[0])
                    cited[found[0]] = reviewer
            pairs.update(frozenset(p) for p in itertools.combinations(hits, 2) if p[0] != p[1])
    return out


def evaluate(ledger: Ledger) -> dict[str, tuple[int, int, int, int]]:
    """Round key → (true pairs, found true pairs, predicted judged pairs, correct predicted pairs)."""
    key_of = {(f.document, f.finding.line): f.key for f in ledger.findings}
    scores: dict[str, tuple[int, int, int, int]] = {}
    for round_key, (cited, pairs) in truth_by_round(ledger).items():
        items = sorted(cited)
        truth = pred = found = correct = 0
        for a, b in itertools.combinations(items, 2):
            if cited[a] == cited[b]:
                continue  # same reviewer: not a cross-reviewer pair
            same_truth = frozenset((a, b)) in pairs
            same_pred = key_of.get(a) == key_of.get(b)
            truth += same_truth
            found += same_truth and same_pred
            pred += same_pred
            correct += same_truth and same_pred
        if truth or pred:
            scores[round_key] = (truth, found, pred, correct)
    return scores


def _round_number(round_key: str) -> tuple[int, str]:
    digits = "".join(c for c in round_key if c.isdigit())
    return (int(digits) if digits else 0, round_key)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def main(argv: list[str]) -> int:
    repeats: float | None = None
    if "--repeats" in argv:
        at = argv.index("--repeats")
        repeats = float(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    start = time.perf_counter()
    ledger = build_ledger(None, corpus)
    if repeats is not None:
        docs = list(ledger.documents)
        ledger = track_documents(docs, link_locally(docs), tuning=IdentityTuning(repeat_threshold=repeats))
    elapsed = time.perf_counter() - start
    scores = evaluate(ledger)
    print(f"corpus: {corpus}  ({len(ledger.documents)} documents, {len(ledger.findings)} findings, "
          f"{len(ledger.issues)} issues, {elapsed:.1f}s)")  # fmt: skip
    print(f"{'round':<24} {'true':>5} {'found':>5} {'pred':>5} {'ok':>5} {'prec':>6} {'recall':>6}")
    groups: dict[str, list[int]] = {
        name: [0, 0, 0, 0] for name in ("matrix rounds (*)", "tuning rounds", "held-out (h)", "all rounds")
    }
    for round_key in sorted(scores, key=_round_number):
        truth, found, pred, correct = scores[round_key]
        mark = (" *" if round_key in MATRIX_ROUNDS else "") + (" h" if round_key in HELD_OUT else "")
        print(f"{round_key + mark:<24} {truth:>5} {found:>5} {pred:>5} {correct:>5} "
              f"{_ratio(correct, pred):>6} {_ratio(found, truth):>6}")  # fmt: skip
        member = {
            "matrix rounds (*)": round_key in MATRIX_ROUNDS,
            "tuning rounds": round_key not in HELD_OUT,
            "held-out (h)": round_key in HELD_OUT,
            "all rounds": True,
        }
        for name, total in groups.items():
            if member[name]:
                for i, v in enumerate(scores[round_key]):
                    total[i] += v
    for label, (truth, found, pred, correct) in groups.items():
        print(f"{label:<24} {truth:>5} {found:>5} {pred:>5} {correct:>5} "
              f"{_ratio(correct, pred):>6} {_ratio(found, truth):>6}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
