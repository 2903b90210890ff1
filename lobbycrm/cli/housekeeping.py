"""Commands `duplicates`, `merge KEEP OTHER` and `bin list|restore|delete-person`."""

from __future__ import annotations

import argparse

from lobbycrm.cli.common import ExitCode, add_format, command, context
from lobbycrm.cli.output import emit
from lobbycrm.core.i18n import N_, _
from lobbycrm.services.duplicates import REASONS

DUPLICATE_COLUMNS = [
    (N_("keep"), lambda r: r["keep_id"]),
    (N_("name"), lambda r: r["keep_name"]),
    (N_("duplicate"), lambda r: r["other_id"]),
    (N_("duplicate name"), lambda r: r["other_name"]),
    (N_("why"), lambda r: r["why"]),
]
BIN_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("deleted"), lambda r: r["deleted_at"]),
    (N_("kind"), lambda r: r["kind"]),
    (N_("name"), lambda r: r["label"]),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = command(sub, "duplicates", help=_("list possible duplicate persons"))
    add_format(p)
    p.set_defaults(func=cmd_duplicates)

    p = command(sub, "merge", help=_("merge person OTHER into person KEEP"))
    p.add_argument("keep", type=int)
    p.add_argument("other", type=int)
    p.set_defaults(func=cmd_merge)

    recycle = command(sub, "bin", help=_("the recycle bin of deleted rows"))
    bsub = recycle.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(bsub, "list", help=_("what is in the bin, newest first"))
    add_format(p)
    p.set_defaults(func=cmd_bin_list)
    p = command(bsub, "restore", help=_("put a row back (the newest by default); prints its id"))
    p.add_argument("id", type=int, nargs="?", default=None)
    p.set_defaults(func=cmd_bin_restore)
    p = command(bsub, "delete", help=_("delete a row into the bin"))
    p.add_argument("kind", choices=("person", "organisation", "dossier", "motion"))
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_bin_delete)


def cmd_duplicates(args: argparse.Namespace) -> int:
    ctx = context(args)
    rows = [
        {
            "keep_id": p.keep_id,
            "keep_name": p.keep_name,
            "other_id": p.other_id,
            "other_name": p.other_name,
            "reason": p.reason,
            "why": f"{_(REASONS[p.reason])}: {p.detail}",
        }
        for p in ctx.services.duplicates.candidates()
    ]
    emit(rows, args.format, DUPLICATE_COLUMNS)
    return ExitCode.OK


def cmd_merge(args: argparse.Namespace) -> int:
    ctx = context(args)
    ctx.services.duplicates.merge(args.keep, args.other)
    print(args.keep)
    return ExitCode.OK


def cmd_bin_list(args: argparse.Namespace) -> int:
    ctx = context(args)
    rows = [
        {"id": e.id, "deleted_at": e.deleted_at.isoformat(), "kind": e.kind, "label": e.label}
        for e in ctx.services.bin.entries()
    ]
    emit(rows, args.format, BIN_COLUMNS)
    return ExitCode.OK


def cmd_bin_restore(args: argparse.Namespace) -> int:
    ctx = context(args)
    print(ctx.services.bin.restore(args.id).ids[0])
    return ExitCode.OK


def cmd_bin_delete(args: argparse.Namespace) -> int:
    ctx = context(args)
    ctx.services.bin.delete(args.kind, args.id)
    return ExitCode.OK
