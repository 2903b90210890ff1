"""Commands `import csv` and `export csv`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from lobbycrm.cli.common import (
    ExitCode,
    command,
    context,
    group,
    readable,
    readable_folder,
    writable,
)
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _

if TYPE_CHECKING:
    from lobbycrm.services.imports import ImportReport


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = group(sub, "import")
    p = command(imp, "csv", help=_("persons from a CSV file (Excel: comma or semicolon)"))
    p.add_argument("file", metavar="FILE", help=_("the .csv file to read"))
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
    p.add_argument("file", metavar="FILE", help=_("the .vcf file to read"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.add_argument(
        "--on-match",
        choices=("update", "skip"),
        default="update",
        help=_("a contact whose e-mail matches a person: update them or skip the contact"),
    )
    p.add_argument(
        "--create-orgs", action="store_true", help=_("add organisations that do not exist yet")
    )
    p.set_defaults(func=cmd_import_vcard)

    p = command(imp, "tk", help=_("Tweede Kamer open data (saved OData JSON) from FOLDER"))
    p.add_argument(
        "folder", metavar="FOLDER", nargs="?", default="", help=_("the folder with the JSON files")
    )
    p.add_argument(
        "--online",
        action="store_true",
        help=_("download the same entities from the gegevensmagazijn first"),
    )
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.set_defaults(func=cmd_import_tk)

    exp = group(sub, "export")
    p = command(exp, "vcard", help=_("persons to a vCard file for address books"))
    p.add_argument("file", metavar="FILE", help=_("the .vcf file to write"))
    p.add_argument(
        "--version",
        dest="vcard_version",
        choices=("3.0", "4.0"),
        default="4.0",
        help=_("vCard version: 4.0 (default) or 3.0 for older address books"),
    )
    p.add_argument("--tag", default="", help=_("only persons with this tag"))
    p.add_argument("--org", default="", help=_("only persons with a role at this organisation"))
    p.set_defaults(func=cmd_export_vcard)
    p = command(exp, "csv", help=_("persons to a CSV file for Excel"))
    p.add_argument("file", metavar="FILE", help=_("the .csv file to write"))
    p.add_argument("--comma", action="store_true", help=_("commas instead of semicolons"))
    p.add_argument("--tag", default="", help=_("only persons with this tag"))
    p.add_argument("--org", default="", help=_("only persons with a role at this organisation"))
    p.add_argument("--role", default="", help=_("only persons with this role, e.g. senator"))
    p.add_argument("--current", action="store_true", help=_("only current roles"))
    p.set_defaults(func=cmd_export_csv)


def cmd_import_csv(args: argparse.Namespace) -> int:
    path = readable(args.file)
    ctx = context(args)
    # The command line runs one thread: a large file is read and checked by a second process
    # while this one writes it.
    report = ctx.services.imports.import_csv(
        path, args.dry_run, args.on_match, args.create_orgs, parallel=True
    )
    return _print_report(report)


def cmd_import_tk(args: argparse.Namespace) -> int:
    if not args.folder and not args.online:
        raise ValidationError(_("FOLDER"), "", _("give a folder or --online"))
    folder = Path(".")
    if args.folder:
        folder = Path(args.folder).expanduser() if args.online else readable_folder(args.folder)
    ctx = context(args)
    r = ctx.services.tk.import_folder(folder, args.dry_run, args.online)
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
    path = readable(args.file)
    ctx = context(args)
    report = ctx.services.imports.import_vcard(
        path, args.dry_run, args.on_match, args.create_orgs, parallel=True
    )
    return _print_report(report)


def cmd_export_vcard(args: argparse.Namespace) -> int:
    from lobbycrm.services.people import PersonFilter

    path = writable(args.file)
    ctx = context(args)
    count = ctx.services.exports.export_vcard(
        path, PersonFilter(tag=args.tag, organisation=args.org), args.vcard_version
    )
    print(_("{n} persons written to {path}").format(n=count, path=args.file))
    return ExitCode.OK


def _print_report(report: ImportReport) -> int:
    if report.rejected:
        print(report.refusal())
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
    from lobbycrm.services.people import PersonFilter

    path = writable(args.file)
    ctx = context(args)
    count = ctx.services.exports.export_csv(
        path,
        PersonFilter(tag=args.tag, organisation=args.org, role=args.role, current=args.current),
        args.comma,
    )
    print(_("{n} persons written to {path}").format(n=count, path=args.file))
    return ExitCode.OK
