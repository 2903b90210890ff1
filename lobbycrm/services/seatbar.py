"""The seat bar: a chamber's seats coloured by stance with the majority line, as one SVG.

The briefing (HTML inline, PDF through Qt's SVG renderer) and the app's majority panel draw
this same picture, so what the user sees on screen is what they print.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from lobbycrm.core.i18n import _, getal
from lobbycrm.services.majority import MajorityCount, Targets
from lobbycrm.services.majority_words import stance_word

# Dark for, mid-dark against, light undecided and unknown: the order also holds in grey print.
COLOURS = {"voor": "#2e7d32", "tegen": "#c62828", "twijfel": "#f4b400", "onbekend": "#cfcfcf"}
# Light backgrounds behind a stance in tables (lists, the briefing).
LIGHT_COLOURS = {"voor": "#d7f0d9", "tegen": "#f6d5d5", "twijfel": "#fbecc8"}
TEXT_COLOURS = {"voor": "#ffffff", "tegen": "#ffffff", "twijfel": "#1a1a1a", "onbekend": "#1a1a1a"}
# From the left: for, undecided, unknown, against; so the majority line shows how far "for"
# reaches and what lies between it and the line.
ORDER = ("voor", "twijfel", "onbekend", "tegen")

WIDTH = 1000
HEIGHT = 156
_BAR_TOP = 34
_BAR_HEIGHT = 64
_FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
_LABEL_SIZE = 21
_CHAR = 0.62 * _LABEL_SIZE  # a generous average character width


@dataclass(frozen=True)
class Segment:
    label: str  # the party group's short name; '' for seats no group accounts for
    stance: str
    start: int  # seats before this segment
    seats: int
    tried: bool = False  # a stance tried in a scenario, not recorded
    target: bool = False  # among the groups to call first


def segments(m: MajorityCount, targets: Targets | None = None) -> list[Segment]:
    """The bar's pieces from left to right: by stance (for, undecided, unknown, against),
    within a stance the largest group first; unassigned seats close the unknown part."""
    wanted = (
        {g.organisation_id for g in targets.groups} if targets and targets.kind == "win" else set()
    )
    out: list[Segment] = []
    start = 0
    for stance in ORDER:
        for g in m.groups:
            if g.stance != stance or g.seats <= 0:
                continue
            out.append(
                Segment(g.name, stance, start, g.seats, g.tried, g.organisation_id in wanted)
            )
            start += g.seats
        if stance == "onbekend" and m.unassigned:
            out.append(Segment("", "onbekend", start, m.unassigned))
            start += m.unassigned
    return out


def _x(seats: int, total: int, width: float = WIDTH) -> float:
    return width * seats / total if total else 0.0


def _fits(text: str, width: float) -> bool:
    return len(text) * _CHAR + 8 <= width


def description(m: MajorityCount) -> str:
    """The picture in words (for screen readers and the HTML's title)."""
    parts = [f"{stance_word(k)} {getal(m.seats(k))}" for k in ORDER]
    return _("{chamber}: {parts}; majority line at {majority} of {total} seats").format(
        chamber=m.chamber,
        parts=", ".join(parts),
        majority=getal(m.majority),
        total=getal(m.total_seats),
    )


def svg(m: MajorityCount, targets: Targets | None = None, width: int = WIDTH) -> str:
    """The seat bar as a standalone SVG document (also valid inline in HTML5).

    `width` is in the picture's own units (text is 21 units high): a wider picture for a
    wide window keeps the text the same size."""
    total = m.total_seats
    span = max(600, width)
    desc = escape(description(m))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {span} {HEIGHT}" '
        f'width="{span}" height="{HEIGHT}" role="img" aria-label="{desc}" '
        f'font-family="{_FONT}">',
        f"<title>{desc}</title>",
        f'<rect x="0" y="{_BAR_TOP}" width="{span}" height="{_BAR_HEIGHT}" fill="#eeeeee"/>',
    ]
    for seg in segments(m, targets):
        x = _x(seg.start, total, span)
        w = _x(seg.seats, total, span)
        fill = COLOURS[seg.stance]
        out.append(
            f'<rect x="{x:.1f}" y="{_BAR_TOP}" width="{w:.1f}" height="{_BAR_HEIGHT}" '
            f'fill="{fill}" stroke="#ffffff" stroke-width="2"/>'
        )
        if seg.tried:
            out.append(
                f'<rect x="{x + 3:.1f}" y="{_BAR_TOP + 3}" width="{max(0.0, w - 6):.1f}" '
                f'height="{_BAR_HEIGHT - 6}" fill="none" stroke="#111111" stroke-width="3" '
                'stroke-dasharray="9,6"/>'
            )
        if seg.target:
            out.append(
                f'<rect x="{x + 1:.1f}" y="{_BAR_TOP + _BAR_HEIGHT + 3}" '
                f'width="{max(0.0, w - 2):.1f}" height="7" fill="#1a1a1a"/>'
            )
        colour = TEXT_COLOURS[seg.stance]
        middle = x + w / 2
        name = seg.label or _("no group")
        number = getal(seg.seats)
        if _fits(name, w) and _fits(number, w):
            out.append(_text(middle, _BAR_TOP + 28, name, colour, bold=True))
            out.append(_text(middle, _BAR_TOP + 53, number, colour))
        elif _fits(number, w):
            out.append(_text(middle, _BAR_TOP + 40, number, colour))
    # The majority line, with its number above the bar.
    line_x = _x(m.majority, total, span)
    # A black line through the bar (no white halo, which would look like a separator
    # between groups), standing out above and below it.
    out.append(
        f'<line x1="{line_x:.1f}" y1="{_BAR_TOP - 8}" x2="{line_x:.1f}" '
        f'y2="{_BAR_TOP + _BAR_HEIGHT + 12}" stroke="#111111" stroke-width="4"/>'
    )
    label = _("majority: {n}").format(n=getal(m.majority))
    half = len(label) * _CHAR / 2
    label_x = min(max(line_x, half + 2), span - half - 2)
    out.append(_text(label_x, _BAR_TOP - 13, label, "#111111", bold=True))
    # Legend: one swatch and count per stance, then the marks for a scenario and targets.
    y = _BAR_TOP + _BAR_HEIGHT + 26
    items = [
        (
            f'<rect x="{{x:.1f}}" y="{y}" width="24" height="24" fill="{COLOURS[k]}" '
            'stroke="#555555" stroke-width="1"/>',
            f"{stance_word(k)} {getal(m.seats(k))}",
        )
        for k in ORDER
    ]
    if m.is_scenario:
        items.append(
            (
                f'<rect x="{{x:.1f}}" y="{y + 1}" width="24" height="22" fill="none" '
                'stroke="#111111" stroke-width="3" stroke-dasharray="6,4"/>',
                _("tried"),
            )
        )
    if targets and targets.kind == "win" and targets.groups:
        items.append(
            (
                f'<rect x="{{x:.1f}}" y="{y + 8}" width="24" height="7" fill="#1a1a1a"/>',
                _("call first"),
            )
        )
    x = 0.0
    for mark, text in items:
        out.append(mark.format(x=x))
        out.append(_text(x + 32, y + 19, text, "#1a1a1a", anchor="start"))
        x += 32 + len(text) * _CHAR + 36
    out.append("</svg>")
    return "\n".join(out)


def _text(
    x: float, y: float, text: str, colour: str, *, bold: bool = False, anchor: str = "middle"
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{_LABEL_SIZE}" fill="{colour}" '
        f'text-anchor="{anchor}"{weight}>{escape(text)}</text>'
    )
