"""Commands `duplicates`, `merge KEEP OTHER` and `bin list|restore|delete`."""

from __future__ import annotations

import argparse

from lobbycrm.cli.common import ExitCode, add_format, command, context, say
from lobbycrm.cli.output import emit
from lobbycrm.core import labels
from lobbycrm.core.i18n import N_, _

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
    (N_("kind"), lambda r: labels.label(labels.ROW_KIND, r["kind"])),
    (N_("name"), lambda r: r["label"]),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = command(sub, "duplicates")
    add_format(p)
    p.set_defaults(func=cmd_duplicates)

    p = command(sub, "merge")
    p.add_argument("keep", type=int, metavar="KEEP", help=_("the person who stays"))
    p.add_argument("other", type=int, metavar="OTHER", help=_("the person folded into KEEP"))
    p.set_defaults(func=cmd_merge)

    recycle = command(sub, "bin")
    bsub = recycle.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(bsub, "list", help=_("what is in the bin, newest first"))
    add_format(p)
    p.set_defaults(func=cmd_bin_list)
    p = command(bsub, "restore", help=_("put a row back (the newest by default); prints its id"))
    p.add_argument(
        "id", type=int, nargs="?", default=None, metavar="ID", help=_("the bin entry's id")
    )
    p.set_defaults(func=cmd_bin_restore)
    p = command(bsub, "delete", help=_("delete a row into the bin"))
    p.add_argument("kind", choices=tuple(labels.ROW_KIND))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_bin_delete)


def cmd_duplicates(args: argparse.Namespace) -> int:
    from lobbycrm.services.duplicates import REASONS

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
    emit(rows, args.format, DUPLICATE_COLUMNS, empty=_("no possible duplicates"))
    return ExitCode.OK


def cmd_merge(args: argparse.Namespace) -> int:
    ctx = context(args)
    keep = ctx.services.people.get(args.keep).display_name
    ctx.services.duplicates.merge(args.keep, args.other)
    print(args.keep)
    say(
        _("person {other} merged into person {keep}: {name}").format(
            other=args.other, keep=args.keep, name=keep
        )
    )
    return ExitCode.OK


def cmd_bin_list(args: argparse.Namespace) -> int:
    ctx = context(args)
    rows = [
        {"id": e.id, "deleted_at": e.deleted_at.isoformat(), "kind": e.kind, "label": e.label}
        for e in ctx.services.bin.entries()
    ]
    emit(rows, args.format, BIN_COLUMNS, empty=_("the bin is empty"))
    return ExitCode.OK


def cmd_bin_restore(args: argparse.Namespace) -> int:
    ctx = context(args)
    changes = ctx.services.bin.restore(args.id)
    new_id = changes.ids[0]
    print(new_id)
    kind = next((k for k in labels.ROW_KIND if k in changes), "")
    say(_("restored: {kind} {id}").format(kind=labels.label(labels.ROW_KIND, kind), id=new_id))
    return ExitCode.OK


def cmd_bin_delete(args: argparse.Namespace) -> int:
    ctx = context(args)
    ctx.services.bin.delete(args.kind, args.id)
    kind = labels.label(labels.ROW_KIND, args.kind)
    say(
        _("moved to the bin: {kind} {id} (undo: lobbycrm bin restore)").format(
            kind=kind, id=args.id
        )
    )
    return ExitCode.OK
