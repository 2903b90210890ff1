"""Read and write persons as CSV the way Dutch and English Excel write it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lobbycrm.core.i18n import _

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
    """The file is not a usable CSV of persons; the message names the file."""


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]  # canonical field -> text
    columns: dict[str, str]  # canonical field -> the column name as written in the file


def _key(header: str) -> str:
    return "".join(ch for ch in header.strip().lower() if ch.isalnum())


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise CsvError(f"{source}: " + _("the file is empty"))
    if b"\x00" in data[:4096]:
        raise CsvError(f"{source}: " + _("this is not a text file (CSV)"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (gescheiden door lijstscheidingsteken)" as Windows-1252.
        return data.decode("cp1252", errors="replace")


def sniff(data: bytes, source: str) -> tuple[list[str], list[list[str]]]:
    """The header and the first rows, for a mapping dialog's preview."""
    text = decode(data, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    for i, record in enumerate(reader):
        rows.append(record)
        if i >= 10:
            break
    return (rows[0] if rows else []), rows[1:]


def guess_field(header: str) -> str | None:
    return COLUMNS.get(_key(header))


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if "\t" in first and first.count("\t") > max(first.count(";"), first.count(",")):
        delimiter = "\t"
    return delimiter


def read_rows(
    data: bytes, source: str, mapping: dict[str, str | None] | None = None
) -> list[CsvRow]:
    """Rows in canonical fields; `mapping` (column name -> field or None) overrides guesses."""
    text = decode(data, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise CsvError(f"{source}: " + _("no header line ({error})").format(error=exc)) from None
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
    names = {f: header[i] for i, f in enumerate(fields) if f}
    rows: list[CsvRow] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            values: dict[str, str] = {}
            for i, cell in enumerate(record):
                f = fields[i] if i < len(fields) else None
                if f and cell.strip():
                    values[f] = cell.strip()
            rows.append(CsvRow(reader.line_num, values, names))
    except csv.Error as exc:
        raise CsvError(
            f"{source}: " + _("line {line}: {error}").format(line=reader.line_num, error=exc)
        ) from None
    return rows


def write_rows(rows: Iterable[Sequence[str]], comma: bool = False) -> bytes:
    """Semicolons and a BOM by default, so Dutch Excel opens it straight away."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="," if comma else ";", lineterminator="\r\n")
    writer.writerow([h for _f, h in EXPORT_HEADERS])
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
