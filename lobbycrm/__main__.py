"""Entry point: with a command run the command line, without one open the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from lobbycrm.cli.common import COMMON

    pre, rest = COMMON.parse_known_args(args)
    if not rest:
        import os

        from lobbycrm.ui.app import run_gui

        if getattr(pre, "user", None):
            # Whose name the app's changes carry (read by bootstrap.resolve_author).
            os.environ["LOBBYCRM_USER"] = pre.user

        return run_gui(getattr(pre, "db", None), getattr(pre, "lang", None))
    from lobbycrm.cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
