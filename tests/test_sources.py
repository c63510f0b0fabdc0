"""Finding and decoding review documents: never raising on content, paths relative to the folder given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewkit.errors import InputError
from reviewkit.sources import MAX_BYTES, collect_sources, decode_document, iter_markdown, read_source


def test_clean_utf8_and_bom() -> None:
    assert decode_document("# Título\n".encode()) == ("# Título\n", None)
    assert decode_document(b"\xef\xbb\xbf# T\n") == ("# T\n", None)


def test_invalid_utf8_names_the_line_and_keeps_the_text() -> None:
    text, problem = decode_document(b"line one\nline two \xff\n")
    assert text.startswith("line one\nline two")
    assert problem is not None and "line 2" in problem


def test_binary_is_refused() -> None:
    text, problem = decode_document(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert text == "" and problem is not None and "binary" in problem


def test_oversized_is_cut() -> None:
    text, problem = decode_document(b"a" * (MAX_BYTES + 10))
    assert len(text) == MAX_BYTES
    assert problem is not None and "larger than" in problem


def test_unreadable_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    source = read_source(tmp_path / "missing.md", "missing.md")
    assert source.text == "" and source.problem is not None and "unreadable" in source.problem


def test_collect_sources_relative_paths_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("z", encoding="utf-8")
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "skip.txt").write_text("no", encoding="utf-8")
    single = tmp_path / "b" / "z.md"
    sources = collect_sources([tmp_path, single])
    assert [s.path for s in sources] == ["a.md", "b/z.md", "z.md"]
    assert all(len(s.sha256) == 64 for s in sources)


def test_missing_path_is_an_input_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope"):
        collect_sources([tmp_path / "nope"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("s", encoding="utf-8")
    root = tmp_path / "reviews"
    root.mkdir()
    (root / "ok.md").write_text("ok", encoding="utf-8")
    (root / "link.md").symlink_to(outside / "secret.md")
    assert [p.name for p in iter_markdown(root)] == ["ok.md"]


def test_bom_is_dropped_even_when_bytes_are_invalid() -> None:
    text, problem = decode_document(b"\xef\xbb\xbf# T\n\xff\n")
    assert text.startswith("# T") and problem is not None


def test_markdown_extensions_are_read_whatever_their_case(tmp_path: Path) -> None:
    for name in ("REVIEW.MD", "notes.Md", "b.markdown", "a.md", "skip.txt", "MD"):
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    assert [s.path for s in collect_sources([tmp_path])] == ["REVIEW.MD", "a.md", "b.markdown", "notes.Md"]
