"""Commands `init`, `demo` and `backup`."""

from __future__ import annotations

import argparse
from pathlib import Path

from lobbycrm.cli.common import ExitCode, command, context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _
from lobbycrm.db.backup import backup_sqlite
from lobbycrm.db.engine import sqlite_path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = command(sub, "init", help=_("create or upgrade the database and print where it is"))
    p.set_defaults(func=cmd_init)
    p = command(sub, "demo", help=_("load the demo data (safe to run twice)"))
    p.set_defaults(func=cmd_demo)
    p = command(sub, "backup", help=_("copy the database to FILE (safe while the app runs)"))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_backup)


def cmd_init(args: argparse.Namespace) -> int:
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
    ctx = context(args)
    path = sqlite_path(ctx.url)
    if path is None:
        raise LobbyError(_("backup works on a SQLite file; use the database's own tools"))
    target = Path(args.file)
    if target.resolve() == path.resolve():
        raise LobbyError(_("FILE: the backup cannot overwrite the database itself"))
    try:
        print(backup_sqlite(path, target))
    except OSError as exc:
        raise file_problem(target, exc) from None
    return ExitCode.OK
