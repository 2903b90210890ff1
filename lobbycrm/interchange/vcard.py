"""vCard 3.0 and 4.0 contacts (Thunderbird, Outlook, Google, Apple) to and from persons."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lobbycrm.core.contentlines import fold_line
from lobbycrm.core.i18n import _
from lobbycrm.interchange.csvfile import CsvError, CsvRow, decode


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _split(value: str, sep: str) -> list[str]:
    """Split on `sep` where it is not escaped."""
    return [_unescape(p) for p in re.split(rf"(?<!\\){re.escape(sep)}", value)]


def read_cards(data: bytes, source: str) -> list[CsvRow]:
    """One row per VCARD, in the import's canonical fields; line numbers of BEGIN:VCARD."""
    text = decode(data, source)
    # Unfold continuation lines (RFC 6350 3.2); quoted-printable soft breaks as Outlook writes.
    lines = re.sub(r"\r?\n[ \t]", "", text).replace("=\r\n", "").splitlines()
    if not any(ln.strip().upper() == "BEGIN:VCARD" for ln in lines):
        raise CsvError(f"{source}: " + _("not a vCard file (no BEGIN:VCARD)"))
    rows: list[CsvRow] = []
    card: dict[str, list[str]] | None = None
    start = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if ":" not in line:
            raise CsvError(
                f"{source}: " + _("line {line}: {error}").format(line=number, error=line[:40])
            )
        head, value = line.split(":", 1)
        name = head.split(";")[0].split(".")[-1].upper()
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            card, start = {}, number
            continue
        if name == "END" and value.strip().upper() == "VCARD":
            if card is None:
                raise CsvError(
                    f"{source}: " + _("line {line}: {error}").format(line=number, error="END:VCARD")
                )
            rows.append(_row(card, start))
            card = None
            continue
        if card is not None:
            card.setdefault(name, []).append(value)
    if card is not None:
        raise CsvError(
            f"{source}: "
            + _("line {line}: {error}").format(line=start, error=_("card without END:VCARD"))
        )
    return rows


def _row(card: dict[str, list[str]], line: int) -> CsvRow:
    values: dict[str, str] = {}
    n = _split(card["N"][0], ";") + [""] * 5 if card.get("N") else []
    family, given, prefix = (n[0], n[1], n[3]) if n else ("", "", "")
    full = " ".join(p for p in (given, family) if p.strip()) or _unescape(card.get("FN", [""])[0])
    if full.strip():
        values["name"] = full.strip()
    if prefix.strip():
        values["titles"] = prefix.strip()
    emails = [_unescape(v).strip() for v in card.get("EMAIL", [])]
    phones = [_unescape(v).strip() for v in card.get("TEL", []) if v.strip()]
    values["email"] = "; ".join(e.removeprefix("mailto:") for e in emails if e)
    values["phone"] = "; ".join(p.removeprefix("tel:") for p in phones)
    if card.get("ORG"):
        values["organisation"] = _split(card["ORG"][0], ";")[0].strip()
    if card.get("TITLE"):
        values["role"] = _unescape(card["TITLE"][0]).strip()
    if card.get("NOTE"):
        values["notes"] = _unescape(card["NOTE"][0]).strip()
    if card.get("CATEGORIES"):
        values["tags"] = "; ".join(_split(card["CATEGORIES"][0], ","))
    if card.get("GENDER"):
        g = card["GENDER"][0].split(";")[0].strip().upper()
        values["gender"] = {"M": "man", "F": "vrouw"}.get(g, "onbekend")
    columns = {
        "name": "N",
        "titles": "N",
        "email": "EMAIL",
        "phone": "TEL",
        "organisation": "ORG",
        "role": "TITLE",
        "notes": "NOTE",
        "tags": "CATEGORIES",
        "gender": "GENDER",
        "surname": "N",
    }
    return CsvRow(line, {k: v for k, v in values.items() if v}, columns)


def write_cards(people: Iterable[Any], version: str = "4.0") -> bytes:
    """`people` are PersonDetail values; CRLF lines folded at 75 octets."""
    out: list[str] = []
    for p in people:
        family = " ".join(x for x in (p.particle, p.surname) if x)
        lines = [
            "BEGIN:VCARD",
            f"VERSION:{version}",
            f"N:{_escape(family)};{_escape(p.first_name)};;{_escape(p.titles)};",
            f"FN:{_escape(p.display_name)}",
        ]
        for i, e in enumerate(p.emails):
            pref = (";PREF=1" if version == "4.0" else ";TYPE=INTERNET,PREF") if i == 0 else ""
            lines.append(f"EMAIL{pref}:{e}")
        lines.extend(f"TEL:{t}" for t in p.phones)
        current = [r for r in p.roles if r.current]
        if current:
            lines.append(f"ORG:{_escape(current[0].organisation)}")
            lines.append(f"TITLE:{_escape(current[0].role)}")
        if p.notes:
            lines.append(f"NOTE:{_escape(p.notes)}")
        if p.tags:
            lines.append("CATEGORIES:" + ",".join(_escape(t) for t in p.tags))
        if version == "4.0" and p.gender in ("man", "vrouw"):
            lines.append("GENDER:" + ("M" if p.gender == "man" else "F"))
        lines.append("END:VCARD")
        out.extend(lines)
    return b"".join(fold_line(line) for line in out)
