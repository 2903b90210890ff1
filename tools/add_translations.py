"""Add Dutch translations to a catalogue: `python tools/add_translations.py CATALOGUE FILE.json`.

FILE.json maps English msgids to Dutch; a plural is
`"singular": ["plural", "Dutch singular", "Dutch plural"]`. The catalogue is created when it
does not exist; existing entries are replaced.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

FOLDER = (
    Path(__file__).resolve().parent.parent / "resources" / "translations" / "nl" / "LC_MESSAGES"
)


def main(name: str, source: str) -> None:
    path = FOLDER / f"{name}.po"
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale="nl")
    else:
        catalog = Catalog(locale="nl", project="LobbyCRM", charset="utf-8")
    pairs = json.loads(Path(source).read_text(encoding="utf-8"))
    for msgid, msgstr in pairs.items():
        if msgid in catalog:
            del catalog[msgid]
        if isinstance(msgstr, list):
            plural, one, many = msgstr
            catalog.add((msgid, plural), (one, many))
        else:
            catalog.add(msgid, msgstr)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False)
    print(f"{path.name}: {len(pairs)} entries")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
