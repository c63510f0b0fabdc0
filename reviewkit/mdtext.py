"""Text for the markdown that reviewkit writes (backlog and report tables)."""

from __future__ import annotations

__all__ = ["markdown_cell"]


def markdown_cell(text: str) -> str:
    """``text`` safe inside one cell of a markdown table: pipes escaped, line breaks folded."""
    return text.replace("|", "\\|").replace("\n", " ")
