"""Commands `init`, `demo` and `backup`."""

from __future__ import annotations

import argparse

from lobbycrm.cli.common import ExitCode, command, context, say, writable
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = command(sub, "init")
    p.set_defaults(func=cmd_init)
    p = command(sub, "demo")
    p.set_defaults(func=cmd_demo)
    p = command(sub, "backup")
    p.add_argument("file", metavar="FILE", help=_("where the copy goes"))
    p.set_defaults(func=cmd_backup)


def cmd_init(args: argparse.Namespace) -> int:
    from lobbycrm.db.engine import sqlite_path

    ctx = context(args)
    path = sqlite_path(ctx.url)
    print(str(path) if path else ctx.url)
    m = ctx.migration
    if m.backup:
        print(_("backup before upgrade: {path}").format(path=m.backup))
    return ExitCode.OK


def cmd_demo(args: argparse.Namespace) -> int:
    ctx = context(args)
    result = ctx.services.demo.load()
    print(_("demo data loaded: {n} new rows").format(n=result.created))
    return ExitCode.OK


def cmd_backup(args: argparse.Namespace) -> int:
    from lobbycrm.core.files import FileProblem
    from lobbycrm.db.backup import backup_sqlite
    from lobbycrm.db.engine import sqlite_path

    target = writable(args.file)
    ctx = context(args)
    path = sqlite_path(ctx.url)
    if path is None:
        raise LobbyError(_("backup works on a SQLite file; use the database's own tools"))
    if target.resolve() == path.resolve():
        raise FileProblem(target, _("is the database itself; the copy must go elsewhere"))
    try:
        written = backup_sqlite(path, target)
    except OSError as exc:
        raise file_problem(target, exc) from None
    print(written)
    say(_("database copied to {path}").format(path=written))
    return ExitCode.OK
