"""Dimension keys written with a trailing dot (issue 11, item 2): ``D1. Architecture`` is key D1."""

from __future__ import annotations

from reviewkit.parse import parse_text

DOC = """# Review — Round 3

**Reviewer**: Example Model

## Scores

| Dimension | Score |
|---|---|
| D1. Architecture | 7 |
| D2. Testing | 6 |
| D3.5 Odd | 6 |

## Findings

- **[HIGH] F-1**: Cache is shared across tenants
"""


def test_a_key_with_a_trailing_dot_is_split_from_its_name_but_a_decimal_is_not_a_key() -> None:
    doc = parse_text(DOC, path="reviews/r3/review.md")
    assert [(d.key, d.name, d.score) for r in doc.reviews for d in r.dimensions] == [
        ("D1", "Architecture", 7.0),
        ("D2", "Testing", 6.0),
        (None, "D3.5 Odd", 6.0),
    ]
