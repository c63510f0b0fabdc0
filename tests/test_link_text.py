"""Text normalisation and fingerprints."""

from __future__ import annotations

import pytest

from reviewkit.link.fingerprint import fingerprints, referenced_lines
from reviewkit.link.text import (
    content_hash,
    id_tokens,
    normalise_title,
    reviewer_key,
    round_number,
    round_numbers,
    title_words,
    words,
)
from reviewkit.model import Finding, Location, ResolvedLocation


def test_rounds_and_ids_in_messages() -> None:
    assert round_numbers("R47 fix C11, round 48 and Round-049; not PR12a or r2d2") == {"47", "48", "49"}
    assert round_number("prod-r16") == "16" and round_number("16") == "16" and round_number("final") is None
    assert {"C-001", "D1-M002"} <= id_tokens("fix(C-001): D1-M002 too")
    assert "D2-M001" not in id_tokens("fix D2-m001")


def test_words_split_identifiers_stem_and_drop_stopwords() -> None:
    assert words("The rateLimit middleware is missing a redis_timeout") == {
        "rate",
        "limit",
        "middle",
        "redis",
        "timeou",
    }
    assert words("compared") == words("comparison") == {"compar"}
    assert words("orders") == words("order") == {"order"}
    assert title_words("Hard-coded key — src/shop/config.py:21 (see config.py)") == {"hard", "coded", "key", "see"}


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash(["  x = 1", "", "y  =  2 "]) == content_hash(["x = 1", "y = 2"])
    assert content_hash(["x = 1"]) != content_hash(["x = 2"])
    assert content_hash(["", "  "]) is None


def test_fingerprints_have_no_line_numbers() -> None:
    finding = Finding(
        id="C-001",
        title="C-001: Rate limiter leaks 42 tokens!",
        line=1,
        end_line=2,
        locations=(Location(path="graph.py", symbol="chat_stream"),),
    )
    at_10 = ResolvedLocation(path="src/graph.py", start=10, end=11, symbol="chat_stream", resolved=True)
    at_50 = at_10.model_copy(update={"start": 50, "end": 51})
    text_a = "\n" * 9 + "def chat_stream():\n    pass\n"
    text_b = "\n" * 49 + "def chat_stream():\n        pass\n"
    fa = fingerprints(finding, (at_10,), referenced_lines(text_a, at_10))
    fb = fingerprints(finding, (at_50,), referenced_lines(text_b, at_50))
    assert fa == fb
    assert fa.path_symbol == "src/graph.py:chat_stream"
    assert fa.title == normalise_title(finding.title) == "rate limiter leaks tokens"


def test_snippets_stand_in_when_no_lines() -> None:
    finding = Finding(title="eval", snippets=("eval(x)",), line=1, end_line=1)
    assert fingerprints(finding, (), []).content == content_hash(["eval(x)"])


def test_reviewer_key() -> None:
    assert reviewer_key("GPT-5.2 Codex (via Azure)") == "gpt"
    assert reviewer_key("Grok 4") == "grok"
    assert reviewer_key(None) is None


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [""],
        ["    return compute_value(x)  ", "}", "\tif (a && b) { return; }", "x = 1"],
        ["naïve_ünïcode_value = 1234", "\u00a0\u2003spaced_out_identifier()\u3000", "a\x0cb\x1cc = d_e_f_g_h_i"],
        ["short", "a_very_long_line_with_words(1, 2, 3)", "a_very_long_line_with_words(1, 2, 3)"],
        ["{}{}{}{}{}{}{}{}{}{}", "résumé_étagère_coûté()", "x\r= compute_value_of_this()"],
    ],
)
def test_significant_keys_match_the_per_line_rule(lines: list[str]) -> None:
    from reviewkit.link.text import code_key, is_significant_code, significant_keys

    assert significant_keys(lines) == {code_key(x) for x in lines if is_significant_code(x)}
