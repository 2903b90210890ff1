"""Is a text the app shows in the chosen language? Catalogues, Qt's catalogues and the data.

A shown text passes when it can be explained, piece by piece, by what the chosen language
allows: the messages of our catalogues (English msgids for English, Dutch msgstrs for Dutch;
`{placeholders}` stand for any allowed text), Qt's own texts as Qt translated them, the words
of the database the app shows (names, titles: taken from the database, never listed by hand),
the language's month and day names, numbers, file names, e-mail addresses and web addresses.
Whatever words remain are reported.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from lobbycrm.bootstrap import Context
from lobbycrm.core import labels
from lobbycrm.core.i18n import datum
from lobbycrm.resources_path import resource_path
from lobbycrm.services.people import PersonFilter
from tests.ui.visible_text import TECHNICAL, Seen, without_mnemonic

# Tokens that only code shows: template syntax, recipient selections, Python reprs.
CODE_TOKENS = ("{%", "{{", "tag:", "person:", "group:", "('", '("', "Traceback")
UNFILLED = re.compile(r"\{[a-z_]+\}|%\(\w+\)s|%s\b|%[1-9]\b")
# Proper names that are the same in every language.
PROPER_NAMES = ("LobbyCRM", "STARTTLS", "SSL/TLS")

_MNEMONIC_LEFT = re.compile(r"&(?=\w)")  # "&Bestand": a mnemonic shown as text
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?[1-9n]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_NOISE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b[a-z]+://\S+"  # web addresses
    r"|\b(?:[a-z0-9-]+\.)+(?:nl|eu|com|org|net|example)\b"  # server names
    r"|(?<!\S)(?:[A-Za-z]:|~)?[\\/]\S*"  # paths
    r"|\S+\.(?:ics|csv|vcf|vcard|pdf|eml|sqlite|txt|json|mbox|po|md|html|png)\b"
    r"|\*\.\w+",  # file filters
    re.IGNORECASE,
)
# Stored selections ("tag:senator", "group:CDA:...") must never pass as data.
_CODE_VALUE = re.compile(r"^\w+:\S")


def normal(text: str) -> str:
    return " ".join(without_mnemonic(text).replace("…", "...").split())


@cache
def _catalogue_pairs(lang: str) -> list[tuple[str, str]]:
    """(English, Dutch) for every message of the app's catalogues and the Qt supplement."""
    pairs: list[tuple[str, str]] = []
    for sub in ("LC_MESSAGES", "qt"):
        folder = resource_path("translations", "nl", sub)
        for path in sorted(folder.glob("*.po")):
            with path.open("rb") as fh:
                for m in read_po(fh, locale="nl"):
                    if not m.id or m.fuzzy:
                        continue
                    ids = [m.id] if isinstance(m.id, str) else list(m.id)
                    strs = [m.string] if isinstance(m.string, str) else list(m.string)
                    for english in ids:
                        for dutch in strs:
                            pairs.append((english, dutch or ""))
    return pairs


def catalogue_texts(lang: str) -> set[str]:
    texts = {
        en if lang == "en" else nl for en, nl in _catalogue_pairs(lang) if (nl or lang == "en")
    }
    # File dialog filters ("CSV (*.csv);;vCard (*.vcf)") are shown one per line.
    return {part for t in texts for part in t.split(";;")}


@cache
def other_language_texts(lang: str) -> set[str]:
    """Texts of the other language that are not also texts of this one (for clear reports)."""
    pairs = _catalogue_pairs(lang)
    mine = {normal(t) for t in catalogue_texts(lang)}
    other = {normal(nl if lang == "en" else en) for en, nl in pairs if nl}
    return {t for t in other - mine if _WORD.search(t) and len(t) > 3}


def data_texts(db: Path) -> set[str]:
    """Every text value stored in the database, except stored codes."""
    codes = {
        code
        for table in vars(labels).values()
        if isinstance(table, dict)
        for code in table
        if isinstance(code, str)
    }
    # A mailing stores the template's file name; the app shows the template's title.
    codes |= {p.stem for p in resource_path("templates").iterdir()}
    out: set[str] = set()
    con = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] != "alembic_version"
        ]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        _add_value(value, codes, out)
    finally:
        con.close()
    # The built-in templates' descriptions are content in the letters' language, like the data.
    from lobbycrm.letters.fields import template_description

    for path in resource_path("templates").iterdir():
        if path.is_file():
            _add_value(template_description(path.read_text(encoding="utf-8")), codes, out)
    return out


def derived_texts(ctx: Context) -> set[str]:
    """What the app makes of the data: names, forms of address, salutations; and the words of
    the letter templates (the user's letters, in the letters' language)."""
    out: set[str] = set()
    people = ctx.services.people
    ids = [r.id for r in people.rows(PersonFilter(), 0, 100_000)]
    for person in people.get_many(ids):
        for value in (
            person.display_name,
            person.sort_name,
            person.formal_name,
            person.salutation,
            person.address_line,
        ):
            _add_value(value, set(), out)
    # Letters are written in Dutch whatever the interface language: their dates too.
    for event in ctx.services.events.list():
        out.add(datum(event.start, "nl"))
    for path in resource_path("templates").iterdir():
        if path.suffix in (".txt", ".html", ".md"):
            source = path.read_text(encoding="utf-8")
            quoted = [
                "".join(q) for tag in _TEMPLATE_TAG.findall(source) for q in _QUOTED.findall(tag)
            ]
            for text in (_TEMPLATE_TAG.sub(" ", source), *quoted):
                out.update(_WORD.findall(text))
    return out


_TEMPLATE_TAG = re.compile(r"\{[%{#].*?[%}#]\}", re.DOTALL)
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")


def _add_value(value: str, codes: set[str], out: set[str]) -> None:
    value = value.strip()
    if not value or value in codes:
        return
    if value[:1] in "[{":
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(parsed, (list, dict)):
            items = parsed.values() if isinstance(parsed, dict) else parsed
            for item in items:
                if isinstance(item, str):
                    _add_value(item, codes, out)
            return
    if _CODE_VALUE.match(value):
        return
    for line in value.splitlines():
        line = " ".join(line.split())
        if line:
            out.add(line)
            words = line.split()
            if len(words) <= 8:  # names and titles: their parts appear on their own too
                out.update(w.strip(",.;:()") for w in words)


def date_words(lang: str) -> set[str]:
    loc = Locale.parse("nl_NL" if lang == "nl" else "en_GB")
    out: set[str] = set()
    for group in (loc.months, loc.days):
        for context in group.values():
            for width in context.values():
                out.update(str(v).rstrip(".") for v in width.values())
    out.update(str(v) for v in loc.periods.values())
    return out


def language_names() -> set[str]:
    """A language offered by name is named in itself ("Nederlands", "English")."""
    return {Locale.parse(code).get_display_name(code) or "" for code in ("nl", "en")}


@dataclass
class Vocabulary:
    lang: str
    exact: set[str] = field(default_factory=set)  # normalised, casefolded
    patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    _known: re.Pattern[str] | None = None

    @classmethod
    def build(cls, lang: str, extra: set[str]) -> Vocabulary:
        vocab = cls(lang)
        texts = catalogue_texts(lang) | extra | set(PROPER_NAMES) | language_names()
        texts |= date_words(lang)
        literal: set[str] = set()
        for text in texts:
            t = normal(text)
            if not t:
                continue
            if _PLACEHOLDER.search(t):
                vocab._add_pattern(t)
            else:
                # A sentence is the same sentence without its full stop (as a label, or
                # where a message built around it took the stop).
                literal.add(t.rstrip(" .:;!?") or t)
        vocab.exact = {t.casefold() for t in literal}
        pieces = sorted((t for t in literal if _WORD.search(t)), key=len, reverse=True)
        vocab._known = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(p) for p in pieces) + r")(?!\w)", re.IGNORECASE
        )
        vocab.patterns.sort(key=lambda p: len(p[1]), reverse=True)
        return vocab

    def _add_pattern(self, text: str) -> None:
        parts = _PLACEHOLDER.split(text)
        literal = "".join(parts)
        if len(_WORD.findall(literal)) == 0:
            return  # "{what}: {name}": says nothing about the language
        holes = len(parts) - 1
        regex = ""
        for i, part in enumerate(parts):
            regex += re.escape(part)
            if i < holes:
                regex += "(.+)"  # greedy: a path holds dots; what it takes is checked too
        longest = max(parts, key=len).casefold()
        self.patterns.append((re.compile(regex, re.IGNORECASE | re.DOTALL), longest))

    def unknown_words(self, text: str, depth: int = 0) -> list[str]:
        """Words of `text` that nothing allowed explains."""
        t = normal(text)
        if not t or t.rstrip(" .:;!?").casefold() in self.exact or depth > 4:
            return []
        folded = t.casefold()
        candidates: list[list[str]] = []
        for regex, longest in self.patterns:
            if longest not in folded:
                continue
            m = regex.fullmatch(t)
            if m:
                candidates.append([w for g in m.groups() for w in self.unknown_words(g, depth + 1)])
                break
        if candidates and not candidates[0]:
            return []
        assert self._known is not None
        known = self._known

        def noise(text: str) -> str:
            return _NOISE.sub(" \x00 ", text)

        def names(text: str) -> str:
            return known.sub(" \x00 ", text)

        def messages(text: str) -> str:
            return self._messages(text, depth)

        # Messages first (their placeholders hold names and paths), names first (a name may
        # contain a message's words), paths first: whichever explains most.
        for steps in (
            (messages, noise, names),
            (names, messages, noise),
            (noise, messages, names),
            (noise, names, messages),
        ):
            rest = t
            for step in steps:
                rest = step(rest)
            candidates.append(_WORD.findall(rest))
        return min(candidates, key=len)

    def _messages(self, t: str, depth: int) -> str:
        """`t` with every catalogue message whose placeholders hold allowed text taken out."""
        rest = t
        for regex, longest in self.patterns:
            if longest not in rest.casefold():
                continue
            found: list[str] = []

            def explain(m: re.Match[str], found: list[str] = found) -> str:
                for g in m.groups():
                    found.extend(self.unknown_words(g, depth + 1))
                return " \x00 "

            new = regex.sub(explain, rest)
            if new != rest and not found:
                rest = new
        return rest


@dataclass(frozen=True)
class Finding:
    problem: str
    seen: Seen

    def __str__(self) -> str:
        s = self.seen
        return f"{self.problem}: {s.shown!r} ({s.what} in {s.where})"


def check(seen: list[Seen], vocab: Vocabulary, data: set[str], other: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    data_folded = {d.casefold() for d in data}
    amp_data = sorted((d for d in data if _MNEMONIC_LEFT.search(d)), key=len, reverse=True)
    for s in seen:
        if s.what == TECHNICAL:
            continue
        tokens = [t for t in CODE_TOKENS if t in s.shown]
        if tokens:
            hits = _data_hit(s, data)
            tokens = [t for t in tokens if t.casefold() not in hits]
        if tokens or UNFILLED.search(s.shown):
            findings.append(Finding("code in the text " + ", ".join(tokens or ["{...}"]), s))
            continue
        if _MNEMONIC_LEFT.search(s.shown):
            rest = s.shown
            for d in amp_data:
                rest = rest.replace(d, " ")
            if _MNEMONIC_LEFT.search(rest):
                findings.append(Finding("stray &", s))
                continue
        if normal(s.shown).casefold() in data_folded:
            continue
        if normal(s.shown) in other:
            findings.append(Finding("other language's text", s))
            continue
        words = vocab.unknown_words(s.shown)
        if words:
            findings.append(Finding("not in the catalogue: " + " ".join(dict.fromkeys(words)), s))
    return findings


def _data_hit(s: Seen, data: set[str]) -> str:
    """Data values (casefolded, joined) that occur in the text: a person named 'None' is fine."""
    return " ".join(d.casefold() for d in data if len(d) > 3 and d in s.shown)
