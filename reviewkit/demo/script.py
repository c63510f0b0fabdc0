"""The demo's history as data: each step is one commit, in order.

Code steps write whole files (from ``templates/``) or apply exact ``(old, new)`` edits, which
must match once, so a template that drifts from the code fails loudly instead of silently.
Review steps render the round's review templates against the code of the commit they review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

AUTHORS = {
    "dana": "Dana Okafor",
    "alex": "Alex Brandt",
    "sam": "Sam Ito",
    "priya": "Priya Raman",
}
"""Fixed commit authors (key → name); the email is derived from the key."""


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (which must occur exactly once) by ``new`` in ``path``."""

    path: str
    old: str
    new: str


@dataclass(frozen=True)
class TriageSpec:
    """A human decision about the issue that the finding ``finding_id`` of ``document`` belongs to."""

    document: str
    finding_id: str
    status: str
    owner: str
    note: str
    deferred_to: str | None = None


@dataclass(frozen=True)
class Step:
    """One commit of the demo repository."""

    name: str
    message: str
    when: dt.datetime
    author: str
    files: dict[str, str] = field(default_factory=dict)
    """Repository path → template path (under ``templates/``) copied verbatim."""
    edits: tuple[Edit, ...] = ()
    reviews: tuple[str, ...] = ()
    """Review templates (under ``templates/reviews/``) rendered into ``reviews/``."""
    reviewed: str | None = None
    """Name of the step whose code the reviews in this step review."""
    triage: tuple[TriageSpec, ...] = ()
    """Human decisions to record in the triage file in this commit."""


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=dt.UTC)


_SRC = "src/shop"
_ROUND_FILES = ("grok.md", "gemini.md", "gpt.md")


def _round(n: int, *extra: str) -> tuple[str, ...]:
    return tuple(f"round-{n:02d}/{f}" for f in (*_ROUND_FILES, *extra))


_LAST_DB_LINE = "        return int(cur.lastrowid or 0)\n"
_LAST_API_LINE = '        return 201, {"id": order_id}\n'

CANCEL_DB = """
    def update_status(self, order_id: int, status: str) -> None:
        with closing(self.connect()) as conn:
            self._execute(conn, "UPDATE orders SET status = ? WHERE id = ?", (status, order_id))
            conn.commit()
"""

CANCEL_API = """
    def cancel_order(self, headers: dict[str, str], order_id: int) -> Response:
        if self._customer(headers) is None:
            return 401, {"error": "unauthorised"}
        self.db.update_status(order_id, "cancelled")
        self.cache.invalidate(f"order:{order_id}")
        return 200, {"id": order_id, "status": "cancelled"}
"""

FIND_BOUND = """    def find_orders(self, customer_id: int, status: str) -> list[Order]:
        with closing(self.connect()) as conn:
            rows = self._execute(
                conn,
                "SELECT id, customer_id, status, total_cents FROM orders WHERE customer_id = ? AND status = ?",
                (customer_id, status),
            ).fetchall()
        return [Order(*row) for row in rows]
"""

FIND_REGRESSED = """    def find_orders(self, customer_id: int, status: str) -> list[Order]:
        with closing(self.connect()) as conn:
            query = (
                "SELECT id, customer_id, status, total_cents FROM orders "
                f"WHERE customer_id = {customer_id} AND status = '{status}'"
            )
            rows = self._execute(conn, query).fetchall()
        return [Order(*row) for row in rows]
"""

STEPS: tuple[Step, ...] = (
    Step(
        "initial",
        "Initial shop service: config, db, cache, auth and api handlers",
        _at(2, 10),
        "dana",
        files={
            "README.md": "README.md",
            ".gitignore": "gitignore.tmpl",
            **{f"{_SRC}/{m}.py": f"src/shop/{m}.py.tmpl" for m in ("__init__", "config", "db", "cache", "auth", "api")},
        },
    ),
    Step(
        "listing",
        "Add paginated order listing",
        _at(3, 15),
        "alex",
        edits=(Edit(f"{_SRC}/config.py", '"SHOP_PAGE_SIZE", "50"', '"SHOP_PAGE_SIZE", "25"'),),
    ),
    Step("r1", "Add round 1 reviews (Grok, Gemini, GPT)", _at(4, 17), "priya", reviews=_round(1), reviewed="listing"),
    Step(
        "fix-cache-lock",
        "Fix C-001: guard TTLCache with a lock",
        _at(5, 11),
        "dana",
        files={f"{_SRC}/cache.py": "changes/cache_locked.py.tmpl"},
    ),
    Step(
        "fix-sql-params",
        "Use bound parameters in order search",
        _at(5, 16),
        "alex",
        edits=(
            Edit(
                f"{_SRC}/db.py",
                '        query = (\n            "SELECT id, customer_id, status, total_cents FROM orders "\n'
                "            f\"WHERE customer_id = {customer_id} AND status = '{status}'\"\n        )\n"
                "        rows = conn.execute(query).fetchall()\n",
                "        rows = conn.execute(\n"
                '            "SELECT id, customer_id, status, total_cents FROM orders "\n'
                '            "WHERE customer_id = ? AND status = ?",\n'
                "            (customer_id, status),\n        ).fetchall()\n",
            ),
        ),
    ),
    Step(
        "fix-secret",
        "Refuse the development secret key outside debug mode",
        _at(6, 10),
        "alex",
        files={f"{_SRC}/config.py": "changes/config_secret.py.tmpl"},
    ),
    Step("s1", "Add round 1 fix summary", _at(6, 17), "priya", reviews=("round-01/summary.md",), reviewed="listing"),
    Step(
        "retry",
        "Retry when SQLite reports 'database is locked'",
        _at(9, 14),
        "dana",
        edits=(
            Edit(f"{_SRC}/db.py", "import sqlite3\n", "import sqlite3\nimport time\n"),
            Edit(
                f"{_SRC}/db.py",
                "        conn.executescript(SCHEMA)\n        return conn\n",
                "        conn.executescript(SCHEMA)\n        return conn\n\n"
                "    def _execute(self, conn: sqlite3.Connection, sql: str, params: tuple[object, ...] = ()) "
                "-> sqlite3.Cursor:\n"
                "        for attempt in range(5):\n"
                "            try:\n"
                "                return conn.execute(sql, params)\n"
                "            except sqlite3.OperationalError as e:\n"
                '                if "locked" not in str(e) or attempt == 4:\n'
                "                    raise\n"
                '        raise AssertionError("unreachable")\n',
            ),
            Edit(f"{_SRC}/db.py", "        cur = conn.execute(\n", "        cur = self._execute(\n            conn,\n"),
        ),
    ),
    Step("r2", "Add round 2 reviews", _at(10, 17), "priya", reviews=_round(2), reviewed="retry"),
    Step(
        "fix-timing",
        "auth: constant-time signature comparison (GPT G4, Gemini D2-M001)",
        _at(11, 10),
        "alex",
        edits=(
            Edit(
                f"{_SRC}/auth.py",
                "    if signature != expected:\n",
                "    if not hmac.compare_digest(signature, expected):\n",
            ),
        ),
    ),
    Step(
        "fix-backoff",
        "Fix H-002: exponential backoff in the SQLite retry loop",
        _at(11, 15),
        "dana",
        edits=(
            Edit(
                f"{_SRC}/db.py",
                "                    raise\n        raise AssertionError",
                "                    raise\n"
                "                time.sleep(0.05 * 2**attempt)\n"
                "        raise AssertionError",
            ),
        ),
    ),
    Step(
        "fix-closing",
        "Close database connections on every path",
        _at(12, 11),
        "alex",
        files={f"{_SRC}/db.py": "changes/db_closing.py.tmpl"},
    ),
    Step("s2", "Add round 2 fix summary", _at(12, 17), "priya", reviews=("round-02/summary.md",), reviewed="retry"),
    Step(
        "cancel",
        "Add order cancellation endpoint",
        _at(16, 14),
        "sam",
        edits=(
            Edit(f"{_SRC}/db.py", _LAST_DB_LINE, _LAST_DB_LINE + CANCEL_DB),
            Edit(f"{_SRC}/api.py", _LAST_API_LINE, _LAST_API_LINE + CANCEL_API),
        ),
    ),
    Step("r3", "Add round 3 reviews", _at(17, 17), "priya", reviews=_round(3), reviewed="cancel"),
    Step(
        "fix-totals",
        "Validate order totals (F2)",
        _at(18, 10),
        "sam",
        edits=(
            Edit(
                f"{_SRC}/api.py",
                '            return 401, {"error": "unauthorised"}\n        order_id = self.db.add_order(',
                '            return 401, {"error": "unauthorised"}\n        if total_cents <= 0:\n'
                '            return 400, {"error": "total must be positive"}\n        order_id = self.db.add_order(',
            ),
        ),
    ),
    Step(
        "fix-ownership",
        "Check order ownership before cancelling",
        _at(18, 15),
        "sam",
        edits=(
            Edit(
                f"{_SRC}/api.py",
                '        if self._customer(headers) is None:\n            return 401, {"error": "unauthorised"}\n'
                '        self.db.update_status(order_id, "cancelled")\n',
                "        customer = self._customer(headers)\n        if customer is None:\n"
                '            return 401, {"error": "unauthorised"}\n'
                "        order = self.db.get_order(order_id)\n"
                "        if order is None or order.customer_id != customer:\n"
                '            return 404, {"error": "no such order"}\n'
                '        self.db.update_status(order_id, "cancelled")\n',
            ),
        ),
    ),
    Step("s3", "Add round 3 fix summary", _at(19, 16), "priya", reviews=("round-03/summary.md",), reviewed="cancel"),
    Step(
        "triage",
        "Record triage decisions after round 3",
        _at(19, 17),
        "priya",
        triage=(
            TriageSpec(
                "round-01/grok.md",
                "M-001",
                "deferred",
                "alex",
                "Page-size cap needs a product decision; planned for v0.4.",
                deferred_to="round-05",
            ),
            TriageSpec(
                "round-01/gemini.md",
                "D2-m001",
                "accepted-risk",
                "priya",
                "Debug logging is disabled in production and tokens expire after an hour.",
            ),
        ),
    ),
    Step(
        "regression",
        "Restore order search from the v0.2 branch",
        _at(20, 11),
        "sam",
        edits=(Edit(f"{_SRC}/db.py", FIND_BOUND, FIND_REGRESSED),),
    ),
    Step("r4", "Add round 4 reviews", _at(23, 17), "priya", reviews=_round(4), reviewed="regression"),
)
"""The whole history, oldest first."""
