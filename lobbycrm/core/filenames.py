"""Default file names that say what a file holds and when (briefing-2026-05-19-eerste-kamer.pdf)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_length: int = 40) -> str:
    """Lower-case ASCII words joined by hyphens: 'Eerste Kamer' -> 'eerste-kamer'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NOT_SLUG.sub("-", ascii_text).strip("-")
    return words[:max_length].rstrip("-")


def dated_name(what: str, day: dt.date | None, *parts: str, suffix: str) -> str:
    """'briefing', 2026-05-19, 'Eerste Kamer', '.pdf' -> 'briefing-2026-05-19-eerste-kamer.pdf'."""
    pieces = [slug(what)]
    if day is not None:
        pieces.append(day.isoformat())
    pieces.extend(s for s in (slug(p) for p in parts) if s)
    return "-".join(p for p in pieces if p) + suffix
