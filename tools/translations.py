"""Extract the interface's messages and report those without a Dutch translation.

Usage: python tools/translations.py [--write-missing FILE.po]
Each feature keeps its own catalogue in resources/translations/nl/LC_MESSAGES/<feature>.po.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "resources" / "translations" / "nl" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> dict[str, str]:
    """msgid -> first place it occurs."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "lobbycrm"), keywords=KEYWORDS, comment_tags=()
    ):
        key = message if isinstance(message, str) else message[0]
        if key:
            found.setdefault(key, f"lobbycrm/{filename}:{lineno}")
    return found


def translated() -> set[str]:
    done: set[str] = set()
    for path in CATALOGUES.glob("*.po"):
        with path.open("rb") as fh:
            for m in read_po(fh, locale="nl"):
                key = m.id if isinstance(m.id, str) else m.id[0]
                if key and m.string and not m.fuzzy:
                    done.add(key)
    return done


def missing() -> dict[str, str]:
    have = translated()
    return {k: v for k, v in extracted().items() if k not in have}


def main() -> int:
    gaps = missing()
    if len(sys.argv) == 3 and sys.argv[1] == "--write-missing":
        cat = Catalog(locale="nl")
        for key, where in gaps.items():
            cat.add(key, "", locations=[(where.split(":")[0], int(where.split(":")[1]))])
        with open(sys.argv[2], "wb") as fh:
            write_po(fh, cat)
    for key, where in gaps.items():
        print(f"{where}: {key}")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
