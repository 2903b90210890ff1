"""Commands `export ics`, `import ics` and `feed set|off|show`."""

from __future__ import annotations

import argparse
from pathlib import Path

from lobbycrm.cli.common import ExitCode, command, context, date_arg, group
from lobbycrm.core.enums import EventKind
from lobbycrm.core.i18n import _, ngettext
from lobbycrm.services.calendar import ExportSelection


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = group(sub, "export", help=_("write data to a file for other programs"))
    p = command(export, "ics", help=_("agenda items to an .ics calendar file"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="date_from", default=None)
    p.add_argument("--to", dest="date_to", default=None)
    p.add_argument("--kind", default=None, help=", ".join(k.value for k in EventKind))
    p.add_argument("--org", default=None)
    p.add_argument("--dossier", type=int, default=None)
    p.set_defaults(func=cmd_export)

    imp = group(sub, "import", help=_("read data from another program's file"))
    p = command(imp, "ics", help=_("events from an .ics calendar file (matched by UID)"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.set_defaults(func=cmd_import)

    feed = command(sub, "feed", help=_("an .ics file kept current after every change"))
    fsub = feed.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(fsub, "set", help=_("keep the calendar feed at PATH"))
    p.add_argument("path", metavar="PATH")
    p.set_defaults(func=cmd_feed_set)
    p = command(fsub, "off", help=_("stop keeping a calendar feed"))
    p.set_defaults(func=cmd_feed_off)
    p = command(fsub, "show", help=_("where the calendar feed is kept"))
    p.set_defaults(func=cmd_feed_show)


def cmd_export(args: argparse.Namespace) -> int:
    sel = ExportSelection(
        start=date_arg("--from", args.date_from),
        end=date_arg("--to", args.date_to),
        kind=args.kind,
        organisation=args.org,
        dossier_id=args.dossier,
    )
    ctx = context(args)
    count = ctx.services.calendar.export(Path(args.file), sel)
    print(
        ngettext("{n} event written to {path}", "{n} events written to {path}", count).format(
            n=count, path=args.file
        )
    )
    return ExitCode.OK


def cmd_import(args: argparse.Namespace) -> int:
    ctx = context(args)
    report = ctx.services.calendar.import_file(Path(args.file), dry_run=args.dry_run)
    if report.dry_run:
        print(_("Dry run: nothing was changed."))
    print(
        _("added: {a}, updated: {u}, unchanged: {n}, skipped: {s}").format(
            a=len(report.added),
            u=len(report.updated),
            n=len(report.unchanged),
            s=len(report.skipped),
        )
    )
    for label, rows in ((_("added"), report.added), (_("updated"), report.updated)):
        for row in rows:
            print(f"  {label}: {row}")
    skipped = _("skipped")
    for reason in report.skipped:
        print(f"  {skipped}: {reason}")
    return ExitCode.OK


def cmd_feed_set(args: argparse.Namespace) -> int:
    ctx = context(args)
    ctx.services.calendar.set_feed(Path(args.path))
    print(ctx.services.calendar.feed_path())
    return ExitCode.OK


def cmd_feed_off(args: argparse.Namespace) -> int:
    context(args).services.calendar.set_feed(None)
    return ExitCode.OK


def cmd_feed_show(args: argparse.Namespace) -> int:
    path = context(args).services.calendar.feed_path()
    print(path if path else _("no calendar feed is set"))
    return ExitCode.OK
