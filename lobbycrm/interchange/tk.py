"""Tweede Kamer open data (OData v4 JSON, as the gegevensmagazijn returns it) from a folder."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from lobbycrm.core.i18n import _

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
    """A file or download is not usable; the message names it."""


def read_folder(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Rows per entity from `Entity.json` and paged `Entity-2.json` files; deleted rows skipped."""
    folder = Path(folder)
    if not folder.is_dir():
        raise TkError(_("{path}: not a folder").format(path=folder))
    data: dict[str, list[dict[str, Any]]] = {e: [] for e in ENTITIES}
    found = False
    for entity in ENTITIES:
        pattern = re.compile(rf"^{entity}(?:[-_ ]?\d+)?\.json$", re.IGNORECASE)
        for path in sorted(p for p in folder.iterdir() if pattern.match(p.name)):
            found = True
            try:
                payload = json.loads(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise TkError(
                    f"{path}: " + _("not valid JSON ({error})").format(error=exc)
                ) from None
            rows = payload.get("value") if isinstance(payload, dict) else None
            if not isinstance(rows, list):
                raise TkError(f"{path}: " + _("no 'value' list (not an OData response)"))
            for i, row in enumerate(rows):
                if not isinstance(row, dict) or "Id" not in row:
                    raise TkError(f"{path}: " + _("row {n} has no Id").format(n=i + 1))
                if not row.get("Verwijderd"):
                    data[entity].append(row)
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
            except (urllib.error.URLError, TimeoutError, OSError, json.JSONDecodeError) as exc:
                raise TkError(
                    _("could not download {url}: {error} (is this machine online?)").format(
                        url=url, error=exc
                    )
                ) from None
            (folder / f"{entity}-{page}.json").write_text(json.dumps(payload), encoding="utf-8")
            url = payload.get("@odata.nextLink")
            page += 1
