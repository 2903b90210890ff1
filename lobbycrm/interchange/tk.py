"""Tweede Kamer open data (OData v4 JSON, as the gegevensmagazijn returns it) from a folder."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import (
    AMSTERDAM,
    check_date,
    check_datetime,
    check_int,
    check_text,
    clean_text,
    parse_date,
    wall_time_exists,
)

ENTITIES = (
    "Persoon",
    "Fractie",
    "FractieZetel",
    "FractieZetelPersoon",
    "Commissie",
    "CommissieZetel",
    "CommissieZetelVastPersoon",
    "Activiteit",
)
BASE_URL = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"


class TkError(ValueError):
    """A file or download is not usable; the message names it (and the record and field)."""


# Larger than any page the gegevensmagazijn returns by far; a bigger file is not its data.
MAX_FILE_BYTES = 200_000_000

# What each field of a record must be: ("text", maximum length, required) for text, "id" for a
# reference to another record, "date", "datetime", "seats", "bool". Fields not listed here
# are not used and not checked.
_ID = ("id", 64, False)
SCHEMA: dict[str, dict[str, tuple[str, int, bool]]] = {
    "Persoon": {
        "Titels": ("text", 100, False),
        "Initialen": ("text", 50, False),
        "Roepnaam": ("text", 100, False),
        "Voornamen": ("text", 200, False),
        "Tussenvoegsel": ("text", 50, False),
        "Achternaam": ("text", 200, True),
        "Geslacht": ("text", 20, False),
    },
    "Fractie": {
        "NaamNL": ("text", 300, False),
        "Afkorting": ("text", 50, False),
        "AantalZetels": ("seats", 150, False),
    },
    "FractieZetel": {"Fractie_Id": _ID},
    "FractieZetelPersoon": {
        "FractieZetel_Id": _ID,
        "Persoon_Id": _ID,
        "Functie": ("text", 100, False),
        "Van": ("date", 0, False),
        "TotEnMet": ("date", 0, False),
    },
    "Commissie": {
        "NaamNL": ("text", 300, False),
        "NaamWebNL": ("text", 300, False),
        "Afkorting": ("text", 50, False),
    },
    "CommissieZetel": {"Commissie_Id": _ID},
    "CommissieZetelVastPersoon": {
        "CommissieZetel_Id": _ID,
        "Persoon_Id": _ID,
        "Functie": ("text", 100, False),
        "Van": ("date", 0, False),
        "TotEnMet": ("date", 0, False),
    },
    "Activiteit": {
        "Soort": ("text", 100, False),
        "Onderwerp": ("text", 5000, False),
        "Locatie": ("text", 1000, False),
        "Status": ("text", 50, False),
        "Voortouwafkorting": ("text", 50, False),
        "Datum": ("date", 0, False),
        "Aanvangstijd": ("datetime", 0, False),
        "Eindtijd": ("datetime", 0, False),
    },
}


def _value(kind: str, limit: int, field: str, value: Any) -> Any:
    """One field's value checked and converted; ValidationError names the field."""
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValidationError(field, value, _("must be true or false"))
        return value
    if kind == "seats":
        return check_int(field, value, minimum=0, maximum=limit)
    if not isinstance(value, str):
        raise ValidationError(field, value, _("must be text"))
    if kind in ("text", "id"):
        return check_text(field, value, max_length=limit)
    text = value.strip()
    if kind == "date":
        return parse_date(field, text[:10])
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(field, value, _("not a valid date and time")) from None
    check_date(field, parsed)
    if parsed.tzinfo is None:
        # Local Dutch time, as the Kamer's own agenda gives it.
        parsed = parsed.replace(tzinfo=AMSTERDAM)
        if not wall_time_exists(parsed):
            raise ValidationError(field, value, _("this local time does not exist (clock change)"))
    return check_datetime(field, parsed)


def check_record(entity: str, row: Any, where: str) -> dict[str, Any] | None:
    """The record with its used fields checked and converted (dates as dates, seats as a
    number, text cleaned); None for a deleted record. Raises TkError naming `where`."""
    if not isinstance(row, dict):
        raise TkError(f"{where}: " + _("not a record (an object with fields)"))
    ident = row.get("Id")
    if not isinstance(ident, str) or not clean_text(ident):
        raise TkError(f"{where}: " + _("Id is missing or not text"))
    try:
        ident = check_text("Id", ident, max_length=64)
    except ValidationError as exc:
        raise TkError(f"{where}: {exc}") from None
    where = f"{where} (Id {ident})"
    deleted = row.get("Verwijderd")
    if deleted not in (None, True, False):
        raise TkError(f"{where}: Verwijderd: " + _("must be true or false"))
    if deleted:
        return None
    out: dict[str, Any] = {"Id": ident}
    for field, (kind, limit, required) in SCHEMA[entity].items():
        value = row.get(field)
        try:
            if value is None or value == "":
                if required:
                    raise ValidationError(field, None, _("must not be empty"))
                out[field] = None
                continue
            out[field] = _value(kind, limit, field, value)
            if required and not out[field]:
                raise ValidationError(field, None, _("must not be empty"))
        except ValidationError as exc:
            raise TkError(f"{where}: {exc}") from None
    return out


def _load(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TkError(
                f"{path}: "
                + _("the file is too large ({mb} MB; at most {max} MB)").format(
                    mb=size // 1_000_000, max=MAX_FILE_BYTES // 1_000_000
                )
            )
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise TkError(str(file_problem(path, exc))) from None
    except UnicodeDecodeError as exc:
        raise TkError(
            f"{path}: " + _("byte {n} is not UTF-8 text").format(n=exc.start + 1)
        ) from None
    except RecursionError:
        raise TkError(f"{path}: " + _("nested too deeply to be Tweede Kamer data")) from None
    except json.JSONDecodeError as exc:
        raise TkError(
            f"{path}: "
            + _("not valid JSON (line {line}, column {column}: {error})").format(
                line=exc.lineno, column=exc.colno, error=exc.msg
            )
        ) from None
    except (ValueError, MemoryError):
        raise TkError(f"{path}: " + _("not valid JSON")) from None


def read_folder(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Rows per entity from `Entity.json` and paged `Entity-2.json` files; deleted rows skipped.

    Every used field is checked (see SCHEMA): a record that is not what the gegevensmagazijn
    writes (seats 'veel', a name that is a number, a date in the year 9999) is refused naming
    the file, the record, its Id and the field.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise TkError(_("{path}: not a folder").format(path=folder))
    data: dict[str, list[dict[str, Any]]] = {e: [] for e in ENTITIES}
    found = False
    for entity in ENTITIES:
        pattern = re.compile(rf"^{entity}(?:[-_ ]?\d+)?\.json$", re.IGNORECASE)
        for path in sorted(p for p in folder.iterdir() if pattern.match(p.name)):
            found = True
            payload = _load(path)
            rows = payload.get("value") if isinstance(payload, dict) else None
            if not isinstance(rows, list):
                raise TkError(f"{path}: " + _("no 'value' list (not an OData response)"))
            for i, row in enumerate(rows):
                where = f"{path.name}, " + _("record {n}").format(n=i + 1)
                checked = check_record(entity, row, where)
                if checked is not None:
                    data[entity].append(checked)
    if not found:
        raise TkError(
            _("{path}: no Tweede Kamer files (expected e.g. Persoon.json, Fractie.json)").format(
                path=folder
            )
        )
    return data


def download(folder: Path, timeout: float = 30.0) -> None:
    """Fetch every entity, following @odata.nextLink, into `folder` as Entity-N.json pages."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for entity in ENTITIES:
        url: str | None = BASE_URL + entity
        page = 1
        while url:
            try:
                with urllib.request.urlopen(url, timeout=timeout) as response:
                    payload = json.loads(response.read().decode("utf-8"))
            except (
                urllib.error.URLError,
                TimeoutError,
                OSError,
                ValueError,
                RecursionError,
            ) as exc:
                # The reason in words ('Name or service not known'), not Python's repr.
                reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
                raise TkError(
                    _("could not download {url}: {error} (is this machine online?)").format(
                        url=url, error=reason
                    )
                ) from None
            if not isinstance(payload, dict):
                raise TkError(f"{url}: " + _("no 'value' list (not an OData response)"))
            (folder / f"{entity}-{page}.json").write_text(json.dumps(payload), encoding="utf-8")
            url = payload.get("@odata.nextLink")
            if url is not None and not (isinstance(url, str) and url.startswith(BASE_URL)):
                # Only the gegevensmagazijn itself: never a file:// or another server.
                raise TkError(
                    _("could not download {url}: {error} (is this machine online?)").format(
                        url=BASE_URL + entity, error=_("the next page is not on the same server")
                    )
                )
            page += 1
