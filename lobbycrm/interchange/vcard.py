"""vCard 2.1, 3.0 and 4.0 contacts (Thunderbird, Outlook, Google, Apple) to and from persons."""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lobbycrm.core import names
from lobbycrm.core.contentlines import fold_line
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import clean_text
from lobbycrm.interchange.csvfile import CsvError, CsvRow, at, decode


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


@dataclass
class _Prop:
    line: int  # physical line where the property starts
    name: str  # upper case, without group ('item1.EMAIL' -> 'EMAIL')
    params: dict[str, str]  # upper-case keys; bare 2.1 parameters as TYPE or ENCODING
    raw: bytes  # the value as written (folding undone, quoted-printable not yet decoded)
    value: str = ""


_ENCODINGS = {"QUOTED-PRINTABLE": "QUOTED-PRINTABLE", "BASE64": "B", "B": "B", "8BIT": "8BIT"}


def _split_head(head: str) -> tuple[str, dict[str, str]]:
    """'item1.EMAIL;TYPE=INTERNET;PREF' -> ('EMAIL', {'TYPE': 'INTERNET,PREF'})."""
    parts = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    name = (parts[0] if parts else "").split(".")[-1].strip().upper()
    params: dict[str, str] = {}
    for part in parts[1:]:
        key, sep, value = part.partition("=")
        key, value = key.strip().upper(), value.strip().strip('"')
        if not sep:  # vCard 2.1: a bare value ('QUOTED-PRINTABLE', 'WORK', 'PREF')
            key, value = ("ENCODING", key) if key in _ENCODINGS else ("TYPE", key)
        params[key] = f"{params[key]},{value}" if key in params else value
    return name, params


def _colon(line: bytes) -> int:
    """Where the value starts: the first ':' outside double quotes (parameters may quote)."""
    quoted = False
    for i, byte in enumerate(line):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return i
    return -1


def _logical_lines(data: bytes, source: str) -> list[_Prop]:
    """Content lines with folding (RFC 6350 3.2), quoted-printable soft line breaks (vCard 2.1,
    only where the property is quoted-printable) and 2.1 base64 continuation undone."""
    props: list[_Prop] = []
    current: _Prop | None = None
    soft = False  # the previous line ended in a quoted-printable soft line break
    base64 = False  # inside a vCard 2.1 base64 value that ends at a blank line
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw[:-1] if raw.endswith(b"\r") else raw
        if current is not None and (soft or line[:1] in (b" ", b"\t")):
            current.raw += line if soft else line[1:]
        elif current is not None and base64 and line.strip() and _colon(line) < 0:
            current.raw += line.strip()
        elif not line.strip():
            current, base64 = None, False
            soft = False
            continue
        else:
            colon = _colon(line)
            if colon < 0:
                raise CsvError(
                    at(source, number)
                    + ": "
                    + _("not a vCard line (no ':'): {text}").format(
                        text=line[:40].decode("latin-1")
                    )
                )
            name, params = _split_head(line[:colon].decode("latin-1"))
            current = _Prop(number, name, params, line[colon + 1 :])
            props.append(current)
        encoding = _ENCODINGS.get(current.params.get("ENCODING", "").upper(), "")
        soft = encoding == "QUOTED-PRINTABLE" and current.raw.endswith(b"=")
        if soft:
            current.raw = current.raw[:-1]
        base64 = encoding == "B"
    return props


def _decode_values(props: list[_Prop], source: str) -> None:
    """Each value in the character set its writer used: CHARSET where it says so (vCard 2.1),
    else UTF-8 for the whole file or, when no value is UTF-8, Windows-1252. A file mixing the
    two is refused naming the first line that differs."""
    undeclared: list[_Prop] = []
    for p in props:
        encoding = _ENCODINGS.get(p.params.get("ENCODING", "").upper(), "")
        if encoding == "B" or p.name in ("PHOTO", "LOGO", "SOUND", "KEY"):
            p.value = ""  # binary (a photo): not imported
            continue
        if encoding == "QUOTED-PRINTABLE":
            p.raw = quopri.decodestring(p.raw)
        charset = p.params.get("CHARSET", "")
        if charset:
            try:
                p.value = p.raw.decode(charset)
            except LookupError:
                raise CsvError(
                    at(source, p.line)
                    + ": "
                    + _("unknown character set {charset}").format(charset=charset)
                ) from None
            except UnicodeDecodeError:
                raise CsvError(
                    at(source, p.line)
                    + ": "
                    + _("{name} is not {charset} text").format(name=p.name, charset=charset)
                ) from None
        else:
            undeclared.append(p)
    utf8: list[_Prop] = []
    other: list[_Prop] = []
    for p in undeclared:
        if p.raw.isascii():
            continue
        try:
            p.raw.decode("utf-8")
            utf8.append(p)
        except UnicodeDecodeError:
            other.append(p)
    if utf8 and other:
        first = min(other, key=lambda p: p.line)
        raise CsvError(
            at(source, first.line)
            + ": "
            + _(
                "this line is not UTF-8 while {other} is: the file mixes character encodings; "
                "save it again as UTF-8"
            ).format(other=_("line {line}").format(line=utf8[0].line))
        )
    for p in undeclared:
        try:
            p.value = p.raw.decode("utf-8" if not other else "cp1252")
        except UnicodeDecodeError:
            raise CsvError(
                at(source, p.line)
                + ": "
                + _("{name} is neither UTF-8 nor Windows-1252 text").format(name=p.name)
            ) from None


def read_cards(data: bytes, source: str) -> list[CsvRow]:
    """One row per VCARD (2.1, 3.0 or 4.0), in the import's canonical fields; line numbers of
    BEGIN:VCARD."""
    if not data.strip():
        raise CsvError(f"{source}: " + _("the file is empty"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = decode(data, source).encode("utf-8")
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in data:
        decode(data, source)  # names the line
    props = _logical_lines(data, source)
    if not any(p.name == "BEGIN" and p.raw.strip().upper() == b"VCARD" for p in props):
        raise CsvError(f"{source}: " + _("not a vCard file (no BEGIN:VCARD)"))
    _decode_values(props, source)
    rows: list[CsvRow] = []
    card: list[_Prop] | None = None
    start = 0
    for p in props:
        marker = p.value.strip().upper()
        if p.name == "BEGIN" and marker == "VCARD":
            if card is not None:
                raise CsvError(
                    at(source, p.line)
                    + ": "
                    + _("a new card begins before the card of line {line} ends (END:VCARD)").format(
                        line=start
                    )
                )
            card, start = [], p.line
        elif p.name == "END" and marker == "VCARD":
            if card is None:
                raise CsvError(at(source, p.line) + ": " + _("END:VCARD without BEGIN:VCARD"))
            rows.append(_row(card, start))
            card = None
        elif card is not None:
            card.append(p)
    if card is not None:
        raise CsvError(at(source, start) + ": " + _("card without END:VCARD"))
    return rows


def _split_family(family: str) -> tuple[str, str]:
    """'van den Berg' -> ('van den', 'Berg'); "d'Ancona" -> ("d'", 'Ancona'); 'Perin Gopie'
    stays one surname."""
    particle, surname = names.split_surname("", family)
    if particle or not family.split():
        return particle, surname
    # 'Van Hattem' as a family name: the particle written with a capital.
    tokens = family.split()
    lead: list[str] = []
    while len(tokens) > 1 and tokens[0].lower() in names.PARTICLE_WORDS:
        lead.append(tokens.pop(0).lower())
    return " ".join(lead), names.tidy_surname(" ".join(tokens))


def _row(card: list[_Prop], line: int) -> CsvRow:
    props: dict[str, list[_Prop]] = {}
    for p in card:
        props.setdefault(p.name, []).append(p)

    def first(name: str) -> str:
        return props[name][0].value if props.get(name) else ""

    values: dict[str, str] = {}
    columns: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    if props.get("N"):
        # Kept as the writer split them: family;given;additional;prefixes;suffixes.
        n = [*_split(first("N"), ";"), "", "", "", "", ""]
        family, given, prefix = (clean_text(x) for x in (n[0], n[1], n[3]))
        if family:
            values["particle"], values["surname"] = _split_family(family)
            values["first_name"] = given
            values["titles"] = prefix
            columns.update(surname="N", particle="N", first_name="N", titles="N")
    if not values.get("surname") and first("FN").strip():
        values["name"] = clean_text(_unescape(first("FN")))
        columns.update(name="FN")
    emails = [
        clean_text(_unescape(p.value)).removeprefix("mailto:") for p in props.get("EMAIL", [])
    ]
    phones = [clean_text(_unescape(p.value)).removeprefix("tel:") for p in props.get("TEL", [])]
    values["email"] = "; ".join(e for e in emails if e)
    values["phone"] = "; ".join(p for p in phones if p)
    if props.get("ORG"):
        values["organisation"] = clean_text(_split(first("ORG"), ";")[0])
    if props.get("TITLE"):
        values["role"] = clean_text(_unescape(first("TITLE")))
    if props.get("NOTE"):
        values["notes"] = clean_text(_unescape(first("NOTE")), single_line=False)
    if props.get("CATEGORIES"):
        values["tags"] = "; ".join(clean_text(c) for c in _split(first("CATEGORIES"), ","))
    if props.get("GENDER"):
        g = first("GENDER").split(";")[0].strip().upper()
        values["gender"] = {"M": "man", "F": "vrouw"}.get(g, "onbekend")
    columns.update(
        email="EMAIL",
        phone="TEL",
        organisation="ORG",
        role="TITLE",
        notes="NOTE",
        tags="CATEGORIES",
        gender="GENDER",
    )
    columns.setdefault("surname", "N")
    columns.setdefault("name", "FN")
    return CsvRow(line, {k: v for k, v in values.items() if v}, columns, tuple(problems))


def write_cards(people: Iterable[Any], version: str = "4.0") -> bytes:
    """`people` are PersonDetail values; CRLF lines folded at 75 octets."""
    out: list[str] = []
    for p in people:
        # "d'Ancona" joined, "van der Berg" with a space (names.surname_with_particle).
        family = names.surname_with_particle(
            names.NameParts(
                surname=p.surname,
                particle=p.particle,
                particle_is_surname=getattr(p, "particle_is_surname", False),
            ),
            standalone=False,
        )
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
