"""Printing lists as an aligned table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from lobbycrm.core.i18n import _

Column = tuple[str, Callable[[dict[str, Any]], object]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: Sequence[Column],
    out: TextIO | None = None,
) -> None:
    """Write `rows` (JSON-ready dicts) in `fmt`; table and CSV show `columns` only."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    headers = [_(name) for name, _get in columns]
    table = [[_cell(get(r)) for _name, get in columns] for r in rows]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(table)
        return
    widths = [max([len(h), *(len(row[i]) for row in table)]) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    for row in table:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
