"""Commands `export ics`, `import ics` and `feed set|off|show`."""

from __future__ import annotations

import argparse

from lobbycrm.cli.common import (
    ExitCode,
    command,
    context,
    date_arg,
    group,
    readable,
    say,
    writable,
)
from lobbycrm.core import labels
from lobbycrm.core.i18n import _, ngettext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = group(sub, "export")
    p = command(export, "ics", help=_("agenda items to an .ics calendar file"))
    p.add_argument("file", metavar="FILE", help=_("the .ics file to write"))
    p.add_argument("--from", dest="date_from", default=None, metavar="DATE", help=_("from day"))
    p.add_argument("--to", dest="date_to", default=None, metavar="DATE", help=_("up to day"))
    p.add_argument("--kind", default=None, choices=tuple(labels.EVENT_KIND))
    p.add_argument(
        "--org", default=None, help=_("only this organisation (with its committees and groups)")
    )
    p.add_argument("--dossier", type=int, default=None, help=_("only events of this dossier"))
    p.set_defaults(func=cmd_export)

    imp = group(sub, "import")
    p = command(imp, "ics", help=_("events from an .ics calendar file (matched by UID)"))
    p.add_argument("file", metavar="FILE", help=_("the .ics file to read"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.set_defaults(func=cmd_import)

    feed = command(sub, "feed")
    fsub = feed.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(fsub, "set", help=_("keep the calendar feed at PATH"))
    p.add_argument("path", metavar="PATH", help=_("the .ics file to keep current"))
    p.set_defaults(func=cmd_feed_set)
    p = command(fsub, "off", help=_("stop keeping a calendar feed"))
    p.set_defaults(func=cmd_feed_off)
    p = command(fsub, "show", help=_("where the calendar feed is kept"))
    p.set_defaults(func=cmd_feed_show)


def cmd_export(args: argparse.Namespace) -> int:
    from lobbycrm.services.calendar import ExportSelection

    sel = ExportSelection(
        start=date_arg("--from", args.date_from),
        end=date_arg("--to", args.date_to),
        kind=args.kind,
        organisation=args.org,
        dossier_id=args.dossier,
    )
    path = writable(args.file)
    ctx = context(args)
    count = ctx.services.calendar.export(path, sel)
    print(
        ngettext("{n} event written to {path}", "{n} events written to {path}", count).format(
            n=count, path=args.file
        )
    )
    return ExitCode.OK


def cmd_import(args: argparse.Namespace) -> int:
    path = readable(args.file)
    ctx = context(args)
    report = ctx.services.calendar.import_file(path, dry_run=args.dry_run)
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
    target = writable(args.path)
    ctx = context(args)
    ctx.services.calendar.set_feed(target)
    path = ctx.services.calendar.feed_path()
    print(path)
    say(_("calendar feed kept at {path}").format(path=path))
    return ExitCode.OK


def cmd_feed_off(args: argparse.Namespace) -> int:
    context(args).services.calendar.set_feed(None)
    say(_("calendar feed off: the file is no longer updated"))
    return ExitCode.OK


def cmd_feed_show(args: argparse.Namespace) -> int:
    path = context(args).services.calendar.feed_path()
    print(path if path else _("no calendar feed is set"))
    return ExitCode.OK
