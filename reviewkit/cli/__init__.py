"""The command line: a thin table of subcommands over the library.

Each command module defines one typer command function; ``COMMANDS`` is the
whole list, in the order ``reviewkit --help`` shows them. Exit codes are the
same everywhere: 0 ok, 1 a check failed, 2 usage or input error.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import typer

from reviewkit.errors import RepositoryNeeded, ReviewkitError

COMMANDS: tuple[tuple[str, str], ...] = (
    ("demo", "reviewkit.cli.demo_cmd:demo"),
    ("report", "reviewkit.cli.report_cmd:report"),
    ("parse", "reviewkit.cli.parse_cmd:parse"),
    ("status", "reviewkit.cli.status_cmd:status"),
    ("backlog", "reviewkit.cli.backlog_cmd:backlog"),
    ("triage", "reviewkit.cli.triage_cmd:triage"),
    ("export", "reviewkit.cli.export_cmd:export"),
    ("check", "reviewkit.cli.check_cmd:check"),
    ("schema", "reviewkit.cli.parse_cmd:schema"),
)
"""(command name, "module:function") in help order."""


OPTIONAL_VALUE_OPTIONS: dict[str, str] = {"--reviews-from-git": ""}
"""Options whose value may be left out (``--reviews-from-git [PATHSPEC]``) → the value they then take.

click has no optional-value options; the argv is completed before it sees it."""


def complete_optional_values(args: Sequence[str]) -> list[str]:
    """``args`` with the implied value inserted after a bare optional-value option."""
    out: list[str] = []
    for i, arg in enumerate(args):
        out.append(arg)
        if arg in OPTIONAL_VALUE_OPTIONS:
            following = args[i + 1] if i + 1 < len(args) else None
            if following is None or following.startswith("-"):
                out.append(OPTIONAL_VALUE_OPTIONS[arg])
    return out


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="reviewkit",
        help="Turn code-review rounds into a tracked remediation ledger.\n\n"
        "Exit codes: 0 ok, 1 check failed, 2 usage or input error.",
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback(invoke_without_command=False)(_root)
    for name, target in COMMANDS:
        module, func = target.split(":")
        app.command(name)(getattr(importlib.import_module(module), func))
    return app


def _show_version(value: bool) -> None:
    if value:
        from reviewkit import __version__

        print(f"reviewkit {__version__}")
        raise typer.Exit(0)


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Turn code-review rounds into a tracked remediation ledger.

    Exit codes: 0 ok, 1 check failed, 2 usage or input error.
    """


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of exiting."""
    app = build_app()
    try:
        args = complete_optional_values(sys.argv[1:] if argv is None else list(argv))
        result = app(args=args, standalone_mode=False, prog_name="reviewkit")
    except typer.Exit as e:
        return int(e.exit_code)
    except typer.Abort:
        print("reviewkit: aborted", file=sys.stderr)
        return 2
    except typer.TyperException as e:
        # usage errors (unknown option, bad value): click's own message, exit 2
        show = getattr(e, "show", None)
        if callable(show):
            show(file=sys.stderr)
        else:
            print(f"reviewkit: {e}", file=sys.stderr)
        return 2
    except RepositoryNeeded:
        # the library speaks in parameters; here they are flags
        print(
            "reviewkit: reading reviews from git (--reviews-from-git, or another commit) needs --repo", file=sys.stderr
        )
        return 2
    except ReviewkitError as e:
        print(f"reviewkit: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as e:
        # an output path that cannot be written (missing folder, permissions, full disk): input error, no traceback
        print(f"reviewkit: {_os_error_text(e)}", file=sys.stderr)
        return 2
    except Exception as e:
        # a defect inside a stage must never read as 1 = "the check failed", nor end in a traceback
        if os.environ.get("REVIEWKIT_DEBUG"):
            raise
        print(
            f"reviewkit: internal error: {type(e).__name__}: {e} (set REVIEWKIT_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 2
    return int(result) if isinstance(result, int) else 0


def _os_error_text(error: OSError) -> str:
    """``path: reason`` for a failed file operation."""
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
