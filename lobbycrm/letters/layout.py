"""The printed letter: one page layout (blocks and HTML) shared by the preview and the PDF."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import lru_cache

from lobbycrm.letters.outputs import Copy, Letterhead

# A4 with the same margins in the preview and the PDF writer.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_MM = 20.0
FONT_FAMILY = "DejaVu Sans"
FONT_PT = 10.5

# Shown where the sender has not been set up yet: plainly not a real value.
SENDER_PLACEHOLDERS = {
    "name": "«Uw naam»",
    "function": "«Uw functie»",
    "organisation": "«Naam van uw organisatie»",
    "address": "«Adres van uw organisatie»",
    "place": "«Plaats»",
}

_CLOSING = re.compile(
    r"^(met\s+(vriendelijke|hartelijke|collegiale|beste)\s+groet(en)?|vriendelijke\s+groet(en)?|"
    r"hoogachtend|met\s+groet(en)?)\b.*[,.]?$",
    re.IGNORECASE,
)
_SALUTATION = re.compile(r"^(geachte|beste|lieve|hooggeachte)\b.*,$", re.IGNORECASE)


@dataclass(frozen=True)
class LetterPage:
    """One recipient's letter as blocks, top to bottom, as printed."""

    organisation: str
    letterhead_lines: tuple[str, ...]
    address: tuple[str, ...]
    place_date: str
    subject: str
    salutation: str
    paragraphs: tuple[str, ...]
    closing: str
    signature: tuple[tuple[str, ...], ...]

    def text(self) -> str:
        """The page as plain text, in print order (for tests and accessibility)."""
        parts = [
            "\n".join((self.organisation, *self.letterhead_lines)),
            "\n".join(self.address),
            self.place_date,
            f"Betreft: {self.subject}",
            self.salutation,
            *self.paragraphs,
            self.closing,
            *("\n".join(block) for block in self.signature),
        ]
        return "\n\n".join(p for p in parts if p)


def letter_date(value: dt.date | dt.datetime) -> str:
    """'12 mei 2026': Dutch letter style, no weekday; a moment counts in Amsterdam."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            from lobbycrm.core.validation import AMSTERDAM

            value = value.astimezone(AMSTERDAM)
        value = value.date()
    return _day_text(value)


@lru_cache(maxsize=256)
def _day_text(day: dt.date) -> str:
    # Kept: every copy of a mailing carries the same date.
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale="nl")


def _paragraphs(body: str) -> list[str]:
    return [p.strip("\n") for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]


def split_body(body: str) -> tuple[str, list[str], str, list[list[str]]]:
    """A rendered body as (salutation, paragraphs, closing, signature blocks).

    The template writes the whole letter, so the parts are found in its text: the salutation
    is a first line like 'Geachte ...,', the closing the last 'Met vriendelijke groet,' and
    what follows it is the signature.
    """
    paragraphs = _paragraphs(body)
    salutation = ""
    if paragraphs:
        first, _sep, rest = paragraphs[0].partition("\n")
        if _SALUTATION.match(first.strip()):
            salutation = first.strip()
            paragraphs[0] = rest.strip()
            if not paragraphs[0]:
                paragraphs.pop(0)
    closing = ""
    signature: list[list[str]] = []
    for i in range(len(paragraphs) - 1, -1, -1):
        first, _sep, rest = paragraphs[i].partition("\n")
        if _CLOSING.match(first.strip()) and len(first) < 60:
            closing = first.strip()
            tail = [rest.strip()] if rest.strip() else []
            blocks = tail + paragraphs[i + 1 :]
            signature = [[ln.strip() for ln in b.split("\n") if ln.strip()] for b in blocks]
            paragraphs = paragraphs[:i]
            break
    return salutation, paragraphs, closing, [b for b in signature if b]


def build_page(copy: Copy, head: Letterhead) -> LetterPage:
    """Lay out one copy: letterhead, address block, place and date, subject, body, signature."""
    salutation, paragraphs, closing, signature = split_body(copy.body)
    if not closing:
        # A template without a closing still ends as a letter does, signed by the sender.
        closing = "Met vriendelijke groet,"
        sender = [head.name, head.function, head.organisation]
        signature = [[x for x in sender if x]] if any(sender) else []
    organisation = head.organisation or SENDER_PLACEHOLDERS["organisation"]
    lines = tuple(
        part.strip() for line in head.lines for part in line.split("\n") if part.strip()
    ) or (SENDER_PLACEHOLDERS["address"],)
    place = head.place or SENDER_PLACEHOLDERS["place"]
    return LetterPage(
        organisation=organisation,
        letterhead_lines=lines,
        address=tuple(copy.address_lines),
        place_date=f"{place}, {letter_date(copy.date)}",
        subject=copy.subject,
        salutation=salutation,
        paragraphs=tuple(paragraphs),
        closing=closing,
        signature=tuple(tuple(b) for b in signature),
    )


def _is_heading(paragraph: str) -> bool:
    """A short single line without closing punctuation reads as an intermediate heading."""
    return (
        "\n" not in paragraph
        and len(paragraph) <= 60
        and not paragraph.rstrip().endswith((".", ",", ":", ";", "!", "?"))
        and not re.match(r"^\d+[.)]\s", paragraph)
    )


def _lines(lines: list[str] | tuple[str, ...]) -> str:
    return "<br>".join(html.escape(x) for x in lines)


def page_html(page: LetterPage) -> str:
    """The page as HTML for Qt's text engine (what the preview shows and the PDF prints)."""
    # Qt's text engine takes margins in pixels at 96 dpi and scales them to the device.
    p = "<p style='margin-top:0px;margin-bottom:{b}px;'>{t}</p>"
    parts = [
        "<html><head><meta charset='utf-8'><style>"
        f"body{{font-family:'{FONT_FAMILY}',Arial,sans-serif;font-size:{FONT_PT}pt;color:#000;}}"
        "</style></head><body>",
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td valign='top'><span style='font-size:15pt;font-weight:bold;color:#1f3a5f;'>"
        f"{html.escape(page.organisation)}</span></td>"
        f"<td valign='top' align='right' style='font-size:8.5pt;color:#444;'>"
        f"{_lines(page.letterhead_lines)}</td></tr></table>",
        "<hr>",
        p.format(b=40, t="&nbsp;"),
        p.format(b=64, t=_lines(page.address) or "&nbsp;"),
        p.format(b=16, t=html.escape(page.place_date)),
        p.format(b=32, t="<b>Betreft:</b> " + html.escape(page.subject)),
    ]
    if page.salutation:
        parts.append(p.format(b=13, t=html.escape(page.salutation)))
    for para in page.paragraphs:
        if _is_heading(para):
            parts.append(p.format(b=4, t=f"<b>{html.escape(para)}</b>"))
        else:
            parts.append(p.format(b=13, t=_lines(para.split("\n"))))
    if page.closing:
        parts.append(p.format(b=48 if page.signature else 13, t=html.escape(page.closing)))
    for i, block in enumerate(page.signature):
        text = _lines(block)
        if i == 0:
            text = f"<b>{html.escape(block[0])}</b>" + (
                "<br>" + _lines(block[1:]) if len(block) > 1 else ""
            )
        parts.append(p.format(b=13, t=text))
    parts.append("</body></html>")
    return "".join(parts)
