"""Read and write persons as CSV the way Dutch and English Excel write it."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from lobbycrm.core.i18n import _
from lobbycrm.core.validation import clean_text, is_clean

# Column names users write, folded to lower case without spaces/dashes/underscores.
COLUMNS: dict[str, str] = {}
for field, aliases in {
    "titles": ("titel", "titels", "title", "titles", "aanhefTitel"),
    "initials": ("voorletters", "initials", "initialen"),
    "first_name": ("voornaam", "roepnaam", "firstname", "givenname", "first"),
    "particle": ("tussenvoegsel", "tussenvoegsels", "particle", "prefix", "infix"),
    "surname": ("achternaam", "surname", "lastname", "familyname", "last"),
    "name": ("naam", "name", "volledigenaam", "fullname"),
    "gender": ("geslacht", "aanspreekvorm", "gender", "aanhef", "sex"),
    "email": ("email", "emailadres", "mail", "emailaddress"),
    "phone": ("telefoon", "telefoonnummer", "phone", "tel", "mobiel", "mobile"),
    "organisation": ("organisatie", "organisation", "organization", "org", "fractie"),
    "role": ("functie", "rol", "role", "function", "jobtitle"),
    "portfolio": ("portefeuille", "portfolio", "onderwerp", "topic"),
    "tags": ("tags", "tag", "labels", "categorieen", "categories"),
    "notes": ("notities", "notes", "opmerkingen", "notitie", "note"),
    "start": ("start", "begindatum", "van", "startdate", "from"),
    "end": ("einde", "einddatum", "tot", "enddate", "to"),
}.items():
    for alias in aliases:
        COLUMNS[alias.lower()] = field

EXPORT_HEADERS = [
    ("titles", "titel"),
    ("initials", "voorletters"),
    ("first_name", "voornaam"),
    ("particle", "tussenvoegsel"),
    ("surname", "achternaam"),
    ("gender", "aanspreekvorm"),
    ("email", "e-mail"),
    ("phone", "telefoon"),
    ("organisation", "organisatie"),
    ("role", "functie"),
    ("portfolio", "portefeuille"),
    ("tags", "tags"),
    ("notes", "notities"),
]


class CsvError(ValueError):
    """The file is not a usable CSV of persons; the message names the file (and the line)."""


class CsvRow(NamedTuple):
    """One row of a file as the import takes it (a tuple: 100,000 of them are made)."""

    line: int
    # canonical field -> text, cleaned as every input is (see validation.clean_text)
    values: dict[str, str]
    columns: dict[str, str]  # canonical field -> the column name as written in the file
    # (column, reason) for values that can't be taken as they are; the import rejects the row.
    problems: tuple[tuple[str, str], ...] = ()


# Fields that may hold several values (joined with '; ') or several lines.
MULTI_VALUED = ("email", "phone", "tags")
MULTI_LINE = ("notes",)
_FORMULA_ESCAPED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def _key(header: str) -> str:
    return "".join(ch for ch in header.strip().lower() if ch.isalnum())


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def at(source: str, line: int | str) -> str:
    """'lijst.csv, regel 3': where a problem is."""
    return f"{source}, " + _("line {line}").format(line=line)


def decode(data: bytes, source: str) -> str:
    """The file's text, its encoding decided for the whole file as its writer wrote it: UTF-8
    (with or without BOM), UTF-16 with BOM (Excel's 'Unicode text'), else Windows-1252 (Excel
    on Windows). A file that mixes encodings, or holds NUL bytes, is refused naming the line."""
    if not data.strip():
        raise CsvError(f"{source}: " + _("the file is empty"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CsvError(
                at(source, "?")
                + ": "
                + _("not valid UTF-16 text ({error})").format(error=exc.reason)
            ) from None
        if "\x00" in text:
            raise CsvError(
                at(source, text.count("\n", 0, text.index("\x00")) + 1)
                + ": "
                + _("contains a NUL character: this is not a text file (CSV)")
            )
        return text
    if b"\x00" in data:
        raise CsvError(
            at(source, _line_of(data, data.index(b"\x00")))
            + ": "
            + _("contains a NUL character: this is not a text file (CSV)")
        )
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = _line_of(data, exc.start)
    # Not UTF-8 throughout. If other lines are UTF-8 with accents, the file mixes encodings:
    # decoding it all as Windows-1252 would garble those lines ('HÃ©lÃ¨ne').
    utf8_line = None
    if not bom:
        for number, line in enumerate(data.split(b"\n"), start=1):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            utf8_line = number
            break
    if bom or utf8_line is not None:
        raise CsvError(
            at(source, first_bad)
            + ": "
            + _(
                "this line is not UTF-8 while {other} is: the file mixes character encodings; "
                "save it again as UTF-8"
            ).format(other=_("the BOM") if bom else _("line {line}").format(line=utf8_line))
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise CsvError(
            at(source, _line_of(data, exc.start))
            + ": "
            + _("byte {byte} is neither UTF-8 nor Windows-1252 text").format(
                byte=f"0x{data[exc.start]:02X}"
            )
        ) from None


def sniff(data: bytes, source: str) -> tuple[list[str], list[list[str]]]:
    """The header and the first rows, for a mapping dialog's preview."""
    text = decode(data, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    try:
        for i, record in enumerate(reader):
            rows.append([clean_text(cell) for cell in record])
            if i >= 10:
                break
    except csv.Error:
        pass  # the preview shows what could be read; the import names the line
    return (rows[0] if rows else []), rows[1:]


def guess_field(header: str) -> str | None:
    return COLUMNS.get(_key(header))


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if "\t" in first and first.count("\t") > max(first.count(";"), first.count(",")):
        delimiter = "\t"
    return delimiter


def _cell(raw: str, multi_line: bool) -> str:
    """A cell as the import takes it: our own export's formula guard undone, then cleaned like
    every input (NFC, no control or invisible characters)."""
    if raw.startswith(_FORMULA_ESCAPED):
        raw = raw[1:]
    return clean_text(raw, single_line=not multi_line)


def read_rows(
    data: bytes, source: str, mapping: dict[str, str | None] | None = None
) -> list[CsvRow]:
    """Rows in canonical fields; `mapping` (column name -> field or None) overrides guesses.

    Quoting errors are refused naming the line: an unclosed quote would otherwise swallow the
    rest of the file into one value. Several columns for one field (two e-mail columns) are all
    kept; a line break in a one-line field (a name) makes the row rejected.
    """
    return list(iter_rows(data, source, mapping))


def iter_rows(
    data: bytes, source: str, mapping: dict[str, str | None] | None = None
) -> Iterator[CsvRow]:
    """`read_rows` one row at a time, as the file is read: a large import checks and writes
    the first rows while the rest is still being read. A problem with the file (its
    encoding, header or quoting) raises CsvError when the reading reaches it."""
    text = decode(data, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = [clean_text(h) for h in next(reader)]
    except StopIteration:
        raise CsvError(f"{source}: " + _("the file is empty")) from None
    except csv.Error as exc:
        raise CsvError(
            at(source, 1) + ": " + _("the header cannot be read ({error})").format(error=exc)
        ) from None
    fields: list[str | None] = [
        mapping[h] if mapping is not None and h in mapping else COLUMNS.get(_key(h)) for h in header
    ]
    if not any(f in ("surname", "name") for f in fields):
        raise CsvError(
            f"{source}: "
            + _(
                "no column for the surname (achternaam/surname) or full name (naam/name); "
                "columns found: {columns}"
            ).format(columns=", ".join(header))
        )
    names: dict[str, str] = {}
    for i, f in enumerate(fields):
        if f:
            names.setdefault(f, header[i])
    width = len(fields)
    # Each field in one column at most: a row whose cells are all clean needs no merging.
    one_column_each = len([f for f in fields if f]) == len({f for f in fields if f})
    start = 2
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if one_column_each:
                # The common case (100,000 rows): every cell already clean (see is_clean) and
                # none starting with the export's formula guard, checked for the whole row at
                # once (a cell may not start or end with a space, nor hold two in a row).
                whole = "\x1f".join(record)
                if (
                    "".join(record).isprintable()
                    and "  " not in whole
                    and " \x1f" not in whole
                    and "\x1f " not in whole
                    and "\x1f'" not in whole
                    and whole[:1] not in (" ", "'")
                    and whole[-1:] != " "
                    # An ASCII cell is clean after the checks above; the others may hold an
                    # invisible character or another normal form.
                    and (whole.isascii() or all(c.isascii() or is_clean(c) for c in record))
                ):
                    if whole.replace("\x1f", ""):
                        clean = {f: c for f, c in zip(fields, record, strict=False) if f and c}
                        yield CsvRow(line, clean, names)
                    continue
            if not any(cell.strip() for cell in record):
                continue
            values: dict[str, str] = {}
            problems: list[tuple[str, str]] = []
            for i, raw in enumerate(record):
                f = fields[i] if i < width else None
                if not f or not raw:
                    continue
                if raw.isascii() and raw.isprintable():
                    # The common case (100,000 rows): nothing to clean but spaces.
                    cell = raw
                    if f in MULTI_LINE:
                        cell = raw.strip(" ")  # as clean_text keeps a note's spacing
                    elif "  " in raw or raw[:1] == " " or raw[-1:] == " ":
                        cell = " ".join(raw.split())
                    if cell[:1] == "'" and cell.startswith(_FORMULA_ESCAPED):
                        cell = cell[1:]
                elif f not in MULTI_LINE and ("\n" in raw or "\r" in raw):
                    problems.append(
                        (
                            header[i],
                            _("a line break inside the value (is a quote not closed?)"),
                        )
                    )
                    continue
                else:
                    cell = _cell(raw, f in MULTI_LINE)
                if not cell:
                    continue
                if f not in values:
                    values[f] = cell
                elif f in MULTI_VALUED:
                    values[f] += "; " + cell
                elif f in MULTI_LINE:
                    values[f] += "\n" + cell
                elif cell != values[f]:
                    problems.append(
                        (
                            header[i],
                            _("differs from column {other} ({a} / {b})").format(
                                other=names[f], a=values[f], b=cell
                            ),
                        )
                    )
            yield CsvRow(line, values, names, tuple(problems))
    except csv.Error as exc:
        reason = str(exc)
        if "unexpected end of data" in reason or "EOF" in reason:
            reason = _('a quote (") is opened here and never closed')
        elif "expected after" in reason:
            reason = _('text directly after a closing quote ("); quote the whole value')
        elif "field larger than field limit" in reason:
            reason = _("a value is too long (is a quote not closed?)")
        raise CsvError(at(source, start) + ": " + reason) from None


def csv_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading =, +, -, @, tab or CR gets a quote; the
    import takes it off again."""
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def write_rows(rows: Iterable[Sequence[str]], comma: bool = False) -> bytes:
    """Semicolons and a BOM by default, so Dutch Excel opens it straight away."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="," if comma else ";", lineterminator="\r\n")
    writer.writerow([h for _f, h in EXPORT_HEADERS])
    # OWASP, CSV injection: a value starting with = + - @ would run as a formula in Excel.
    writer.writerows([[csv_safe(cell) for cell in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
