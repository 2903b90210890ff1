"""Commands `import csv` and `export csv`."""

from __future__ import annotations

import argparse
from pathlib import Path

from lobbycrm.cli.common import ExitCode, command, context, group
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.services.imports import ImportReport
from lobbycrm.services.people import PersonFilter


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = group(sub, "import", help=_("read data from another program's file"))
    p = command(imp, "csv", help=_("persons from a CSV file (Excel: comma or semicolon)"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.add_argument(
        "--on-match",
        choices=("update", "skip"),
        default="update",
        help=_("a row whose e-mail matches a person: update them or skip the row"),
    )
    p.add_argument(
        "--create-orgs", action="store_true", help=_("add organisations that do not exist yet")
    )
    p.set_defaults(func=cmd_import_csv)

    p = command(imp, "vcard", help=_("contacts from a vCard file (.vcf, 3.0 or 4.0)"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.add_argument("--on-match", choices=("update", "skip"), default="update")
    p.add_argument(
        "--create-orgs", action="store_true", help=_("add organisations that do not exist yet")
    )
    p.set_defaults(func=cmd_import_vcard)

    p = command(imp, "tk", help=_("Tweede Kamer open data (saved OData JSON) from FOLDER"))
    p.add_argument("folder", metavar="FOLDER", nargs="?", default="")
    p.add_argument(
        "--online",
        action="store_true",
        help=_("download the same entities from the gegevensmagazijn first"),
    )
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.set_defaults(func=cmd_import_tk)

    exp = group(sub, "export", help=_("write data to a file for other programs"))
    p = command(exp, "vcard", help=_("persons to a vCard file for address books"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--version", dest="vcard_version", choices=("3.0", "4.0"), default="4.0")
    p.add_argument("--tag", default="")
    p.add_argument("--org", default="")
    p.set_defaults(func=cmd_export_vcard)
    p = command(exp, "csv", help=_("persons to a CSV file for Excel"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--comma", action="store_true", help=_("commas instead of semicolons"))
    p.add_argument("--tag", default="")
    p.add_argument("--org", default="")
    p.add_argument("--role", default="")
    p.add_argument("--current", action="store_true")
    p.set_defaults(func=cmd_export_csv)


def cmd_import_csv(args: argparse.Namespace) -> int:
    ctx = context(args)
    report = ctx.services.imports.import_csv(
        Path(args.file), args.dry_run, args.on_match, args.create_orgs
    )
    return _print_report(report)


def cmd_import_tk(args: argparse.Namespace) -> int:
    if not args.folder and not args.online:
        raise ValidationError("FOLDER", "", _("give a folder or --online"))
    ctx = context(args)
    r = ctx.services.tk.import_folder(Path(args.folder or "."), args.dry_run, args.online)
    if r.dry_run:
        print(_("Dry run: nothing was changed."))
    print(
        _(
            "persons: {pa} added, {pu} updated; organisations: {oa} added; roles: {ra} added, "
            "{re} ended; events: {ea} added, {eu} updated"
        ).format(
            pa=r.persons_added,
            pu=r.persons_updated,
            oa=r.organisations_added,
            ra=r.roles_added,
            re=r.roles_ended,
            ea=r.events_added,
            eu=r.events_updated,
        )
    )
    for item in r.skipped:
        print("  " + _("skipped (refers to a row not in the download): {item}").format(item=item))
    return ExitCode.OK


def cmd_import_vcard(args: argparse.Namespace) -> int:
    ctx = context(args)
    report = ctx.services.imports.import_vcard(
        Path(args.file), args.dry_run, args.on_match, args.create_orgs
    )
    return _print_report(report)


def cmd_export_vcard(args: argparse.Namespace) -> int:
    ctx = context(args)
    count = ctx.services.imports.export_vcard(
        Path(args.file), PersonFilter(tag=args.tag, organisation=args.org), args.vcard_version
    )
    print(_("{n} persons written to {path}").format(n=count, path=args.file))
    return ExitCode.OK


def _print_report(report: ImportReport) -> int:
    if report.rejected:
        print(_("Nothing was imported: {n} rows rejected.").format(n=len(report.rejected)))
        for r in report.rejected:
            print(f"  {r}")
        return ExitCode.ERROR
    if report.dry_run:
        print(_("Dry run: nothing was changed."))
    print(
        _("added: {a}, updated: {u}, unchanged: {n}, skipped: {s}").format(
            a=report.added, u=report.updated, n=report.unchanged, s=report.skipped
        )
    )
    for name in report.created_orgs:
        print("  " + _("new organisation: {name}").format(name=name))
    return ExitCode.OK


def cmd_export_csv(args: argparse.Namespace) -> int:
    ctx = context(args)
    count = ctx.services.imports.export_csv(
        Path(args.file),
        PersonFilter(tag=args.tag, organisation=args.org, role=args.role, current=args.current),
        args.comma,
    )
    print(_("{n} persons written to {path}").format(n=count, path=args.file))
    return ExitCode.OK
