"""Content lines of iCalendar and vCard: folded at 75 octets, CRLF ends (RFC 5545/6350)."""

from __future__ import annotations


def fold_line(line: str) -> bytes:
    """Fold at 75 octets without splitting a UTF-8 character; CRLF line end."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return raw + b"\r\n"
    out = bytearray()
    limit = 75
    while raw:
        cut = min(limit, len(raw))
        while cut < len(raw) and (raw[cut] & 0xC0) == 0x80:
            cut -= 1
        out += raw[:cut] + b"\r\n"
        raw = raw[cut:]
        if raw:
            out += b" "
            limit = 74
    return bytes(out)
