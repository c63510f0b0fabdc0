"""The HTML report opened in headless Chromium: the page renders and its charts are visible."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image
from matplotlib.colors import to_rgb

from reviewkit.charts import SEVERITY_COLORS
from reviewkit.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless chromium not installed (CI installs Debian's chromium)"),
]


def _screenshot(page: Path, png: Path, profile: Path) -> None:
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            "--window-size=1200,2000",
            page.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_report_renders_with_charts_visible(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    assert main(["demo", str(tmp_path / "demo"), "--report", str(report)]) == 0
    shot = tmp_path / "shot.png"
    _screenshot(report, shot, tmp_path / "profile")
    pixels = (image.imread(shot)[:, :, :3] * 255).round().astype(np.uint8)
    colours = {tuple(c) for c in pixels.reshape(-1, 3)[::7]}
    assert len(colours) > 200, "the page looks blank"
    critical = np.array([round(255 * c) for c in to_rgb(SEVERITY_COLORS["critical"])], dtype=int)
    close = np.abs(pixels.astype(int) - critical).sum(axis=2) <= 6
    assert close.sum() > 500, "no CRITICAL-coloured bars or badges visible"
