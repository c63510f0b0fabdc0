"""The command line: a thin table of subcommands over the library.

Each command module defines one typer command function; ``COMMANDS`` is the
whole list, in the order ``reviewkit --help`` shows them. Exit codes are the
same everywhere: 0 ok, 1 a check failed, 2 usage or input error.

Start-up stays cheap: ``reviewkit --help`` and ``--version`` are answered from this table without
importing typer, pydantic or any command, and a command imports only its own module (``parse``
never loads pandas, matplotlib or git).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewkit.errors import RepositoryNeeded, ReviewkitError

if TYPE_CHECKING:
    import typer

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

SUMMARIES: dict[str, str] = {
    "demo": "Build the built-in example: a small service's git history with four review rounds.",
    "report": "Write the stakeholder report: score trajectory, open CRITICAL/HIGH trend, top risks.",
    "parse": "Parse review documents into findings, scores and metadata.",
    "status": "Show each finding's anchor commit, resolved location, status and fixing commit.",
    "backlog": "Rank open issues by severity, consensus, times raised and age.",
    "triage": "Record won't fix / accepted risk / false positive / duplicate / deferred for an issue.",
    "export": "Export tracked issues (or finding occurrences) for spreadsheets, dataframes or DefectDojo.",
    "check": "Fail when the branch adds an open finding, brings back fixed code or drops a score.",
    "schema": "Print the JSON Schema of `reviewkit parse --format json`.",
}
"""One line per command for ``reviewkit --help`` (a test keeps each the start of its docstring)."""

ROOT_HELP = "Turn code-review rounds into a tracked remediation ledger."
EXIT_CODES = "Exit codes: 0 ok, 1 check failed, 2 usage or input error."


def root_help() -> str:
    """``reviewkit --help``, from the table alone."""
    width = max(len(name) for name, _ in COMMANDS)
    lines = [
        "Usage: reviewkit [OPTIONS] COMMAND [ARGS]...",
        "",
        f"  {ROOT_HELP}",
        "",
        f"  {EXIT_CODES}",
        "",
        "Options:",
        "  --version   Print the version and exit.",
        "  -h, --help  Show this message and exit.",
        "",
        "Commands:",
        *(f"  {name:<{width}}  {SUMMARIES[name]}" for name, _ in COMMANDS),
        "",
        "Run `reviewkit COMMAND --help` for a command's options and an example.",
    ]
    return "\n".join(lines) + "\n"


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


def build_app(only: str | None = None) -> typer.Typer:
    """The typer app; with ``only``, just that command is imported and registered."""
    import typer

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

    def root(
        version: bool = typer.Option(
            False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ) -> None:
        """Turn code-review rounds into a tracked remediation ledger.

        Exit codes: 0 ok, 1 check failed, 2 usage or input error.
        """

    app.callback(invoke_without_command=False)(root)
    for name, target in COMMANDS:
        if only is not None and name != only:
            continue
        module, func = target.split(":")
        app.command(name)(getattr(importlib.import_module(module), func))
    return app


def _show_version(value: bool) -> None:
    import typer

    if value:
        from reviewkit import __version__

        print(f"reviewkit {__version__}")
        raise typer.Exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of exiting."""
    args = complete_optional_values(sys.argv[1:] if argv is None else list(argv))
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(root_help())
        return 0
    if args[0] == "--version":
        from reviewkit import __version__

        print(f"reviewkit {__version__}")
        return 0
    import typer

    known = {name for name, _ in COMMANDS}
    app = build_app(only=args[0] if args[0] in known else None)
    try:
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
