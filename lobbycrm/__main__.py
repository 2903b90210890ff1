"""Entry point: with a command run the command line, without one open the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from lobbycrm.cli.parser import prescan

    pre = prescan(args)
    if not pre.other:
        import os

        from lobbycrm.ui.app import run_gui

        if pre.user:
            # Whose name the app's changes carry (read by bootstrap.resolve_author).
            os.environ["LOBBYCRM_USER"] = pre.user

        return run_gui(pre.db or None, pre.lang or None)
    from lobbycrm.cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
