"""``python -m reviewkit``: the same as the ``reviewkit`` console script."""

from reviewkit.cli import run

if __name__ == "__main__":
    run()
