"""Printing lists as an aligned table, JSON or CSV; nothing reaches a terminal or a spreadsheet
that could act on it (escape sequences, formulas)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from lobbycrm.core.i18n import N_, _

if TYPE_CHECKING:
    from lobbycrm.services.dto import Jsonable

Column = tuple[str, Callable[[dict[str, Any]], object]]

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates that can make text read differently from what it is.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")

# The characters of _UNSAFE that are ASCII, as bytes.
_UNSAFE_ASCII = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])


def terminal_safe(text: str) -> str:
    """Control characters and direction overrides written as visible \\uXXXX escapes."""
    if text.isascii():
        if text.isprintable():
            return text
        # A listing of thousands (megabytes of JSON, every line ending in a line feed): bytes
        # deleted in C tell in a few ms what the expression takes four times as long to.
        plain = text.encode("ascii")
        if len(plain.translate(None, _UNSAFE_ASCII)) == len(plain):
            return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream:
    """Wraps stdout/stderr so no command can print a terminal escape sequence it did not mean
    to: every write goes through `terminal_safe`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _csv_cell(value: object) -> str:
    text = _cell(value)
    # Numbers stay numbers (-3 is not a formula); text from the database is escaped.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text
    from lobbycrm.interchange.csvfile import csv_safe

    return csv_safe(text)


def emit(
    rows: Sequence[dict[str, Any] | Jsonable],
    fmt: str,
    columns: Sequence[Column],
    out: TextIO | None = None,
    empty: str | None = None,
) -> None:
    """Write `rows` (JSON-ready dicts, or the services' dataclasses) in `fmt`; table and CSV
    show `columns` only.

    JSON keeps the stored codes for scripts; table and CSV show what `columns` make of them
    (labels in the interface language). An empty table prints its header and `empty`
    ("geen personen").
    """
    out = out or sys.stdout
    if fmt == "json":
        import json

        from lobbycrm.services.dto import json_default

        # One object a line: written by json's C encoder (indent= falls back to the pure Python
        # one, a third of `people list` on thousands of persons), which takes the dataclasses
        # as they are; one write, since json.dump's many small writes each pass the
        # terminal-safety filter.
        encode = json.JSONEncoder(ensure_ascii=False, default=json_default).encode
        lines = [encode(r) for r in rows]
        out.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
        return
    dicts = [r if isinstance(r, dict) else r.to_json() for r in rows]
    if any(r.get("damaged") for r in dicts):
        # A stored row that can't be shown as it is says so (lobbycrm.core.damaged).
        columns = [*columns, (N_("damaged"), lambda r: r.get("damaged") or "")]
    headers = [_(name) for name, _get in columns]
    if fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows([_csv_cell(get(r)) for _name, get in columns] for r in dicts)
        return
    table = [[" ".join(_cell(get(r)).split()) for _name, get in columns] for r in dicts]
    widths = [max([len(h), *(len(row[i]) for row in table)]) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    for row in table:
        line = "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        out.write(terminal_safe(line) + "\n")
    if not table and empty:
        out.write(empty + "\n")
