"""Dutch personal names: display, sorting, salutations and parsing (rules in DOMAIN.md)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from lobbycrm.core.enums import Gender

# Particle words (tussenvoegsels) as they occur in Dutch and Flemish surnames. Multi-word
# particles are recognised as runs of these words.
PARTICLE_WORDS = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "ter",
        "te",
        "ten",
        "in",
        "'t",
        "’t",
        "t",
        "op",
        "aan",
        "bij",
        "uit",
        "onder",
        "over",
        "voor",
        "tot",
        "la",
        "le",
        "du",
        "des",
        "da",
        "di",
        "del",
        "della",
        "do",
        "dos",
        "el",
        "l'",
        "d'",
        "von",
        "zu",
        "vande",
        "vanden",
        "vander",
        "'s",
        "s",
    }
)

TITLE_WORDS = frozenset(
    {
        "mr.",
        "dr.",
        "drs.",
        "ir.",
        "ing.",
        "prof.",
        "bc.",
        "ds.",
        "mgr.",
        "ds",
        "mr",
        "dr",
        "drs",
        "ir",
        "ing",
        "prof",
        "bsc",
        "msc",
        "ma",
        "phd",
        "llm",
    }
)

_INITIAL_TOKEN = re.compile(r"^(?:[A-ZÀ-Þ][a-zà-ÿ]{0,2}\.)+$|^[A-ZÀ-Þ]$")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name in its parts; never a single full-name string."""

    surname: str
    particle: str = ""
    initials: str = ""
    first_name: str = ""
    titles: str = ""
    # Belgian (Flemish) practice: the particle is part of the surname, always capitalised
    # as written and sorted under the particle.
    particle_is_surname: bool = False


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


@lru_cache(maxsize=4096)  # an import of 100,000 persons asks for the same few initials
def normalize_initials(text: str | None) -> str:
    """'ab' / 'A B' / 'A.B' -> 'A.B.'; 'Th.' and 'Chr.' are kept as multi-letter initials."""
    raw = _clean(text)
    if not raw:
        return ""
    parts: list[str] = []
    for chunk in re.split(r"[.\s]+", raw):
        if not chunk:
            continue
        if len(chunk) <= 3 and chunk[0].isupper() and chunk[1:].islower():
            parts.append(chunk)
        else:
            parts.extend(ch.upper() for ch in chunk if ch.isalpha())
    return "".join(f"{p}." for p in parts)


def initials_from_first_name(first_name: str) -> str:
    """'Karin' -> 'K.', 'Jan Willem' -> 'J.W.' (used when only the roepnaam is known)."""
    return "".join(f"{w[0].upper()}." for w in _clean(first_name).replace("-", " ").split() if w)


def capitalise_particle(particle: str) -> str:
    """First word of the particle with a capital: 'van der' -> 'Van der', "in 't" -> "In 't"."""
    p = _clean(particle)
    if not p:
        return ""
    for i, ch in enumerate(p):
        if ch.isalpha():
            return p[:i] + ch.upper() + p[i + 1 :]
    return p


def _lower_particle(particle: str) -> str:
    return _clean(particle).lower()


def surname_with_particle(parts: NameParts, standalone: bool) -> str:
    """Surname with its particle: capitalised when standing alone (salutations), else lower."""
    surname = _clean(parts.surname)
    particle = _clean(parts.particle)
    if not particle:
        return surname
    if parts.particle_is_surname:
        return f"{capitalise_particle(particle)} {surname}"
    shown = capitalise_particle(particle) if standalone else _lower_particle(particle)
    return f"{shown} {surname}"


def display_name(parts: NameParts) -> str:
    """'Alexander van Hattem'; 'A. van Hattem' without a first name; surname alone otherwise."""
    given = _clean(parts.first_name) or normalize_initials(parts.initials)
    if given:
        return f"{given} {surname_with_particle(parts, standalone=False)}"
    return surname_with_particle(parts, standalone=True)


def formal_name(parts: NameParts) -> str:
    """Titles, initials (or first name), particle, surname: 'mr. dr. A. van Hattem'."""
    given = normalize_initials(parts.initials) or _clean(parts.first_name)
    pieces = [_clean(parts.titles), given]
    if given:
        pieces.append(surname_with_particle(parts, standalone=False))
    else:
        pieces.append(surname_with_particle(parts, standalone=True))
    return " ".join(p for p in pieces if p)


def surname_alone(parts: NameParts) -> str:
    """The surname standing alone: 'Van Hattem', 'Van den Bijsterveld-ter Horst'."""
    return surname_with_particle(parts, standalone=True)


def sort_name(parts: NameParts) -> str:
    """Dutch list form, main surname first and particle after: 'Hattem, A. van'."""
    surname = _clean(parts.surname)
    given = normalize_initials(parts.initials) or _clean(parts.first_name)
    particle = _clean(parts.particle)
    if parts.particle_is_surname and particle:
        head = f"{capitalise_particle(particle)} {surname}"
        tail = given
    else:
        head = surname
        tail = " ".join(p for p in (given, _lower_particle(particle)) if p)
    return f"{head}, {tail}" if tail else head


_FOLD_EXTRA = str.maketrans({"ø": "o", "ß": "ss", "ı": "i", "ł": "l", "æ": "ae", "đ": "d"})


def fold(text: str) -> str:
    """Case- and accent-insensitive form for sorting and searching ('Ömer' -> 'omer')."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Letters that do not decompose but sort with a base letter in Dutch practice.
    return stripped.translate(_FOLD_EXTRA)


def sort_key(parts: NameParts) -> str:
    """Key that orders people the Dutch way: main surname, then given name, then particle."""
    surname = fold(_clean(parts.surname))
    particle = fold(_clean(parts.particle))
    given = fold(_clean(parts.first_name) or normalize_initials(parts.initials))
    if parts.particle_is_surname and particle:
        surname = f"{particle} {surname}"
        particle = ""
    # \x1f separates fields so that 'Vries' sorts before 'Vriesema'.
    return "\x1f".join((surname, given, particle))


def salutation(parts: NameParts, gender: Gender | str) -> str:
    """Formal Dutch salutation for one person; titles are never part of it."""
    g = Gender(gender)
    alone = surname_alone(parts)
    if g is Gender.MAN:
        return f"Geachte heer {alone},"
    if g is Gender.VROUW:
        return f"Geachte mevrouw {alone},"
    first = _clean(parts.first_name)
    if first:
        return f"Geachte {first} {surname_with_particle(parts, standalone=False)},"
    return f"Geachte heer/mevrouw {alone},"


def address_line(parts: NameParts, gender: Gender | str) -> str:
    """First line of an address block: 'De heer A. van Hattem', 'Mevrouw mr. G. Perin-Gopie'."""
    g = Gender(gender)
    name = formal_name(parts)
    if g is Gender.MAN:
        return f"De heer {name}"
    if g is Gender.VROUW:
        return f"Mevrouw {name}"
    return name


ROLE_SALUTATIONS = {
    "griffier": "Geachte griffier,",
    "fractievoorzitter": "Geachte fractievoorzitter,",
    "burgemeester": "Geachte burgemeester,",
    "minister": "Geachte minister,",
    "staatssecretaris": "Geachte staatssecretaris,",
    "voorzitter": "Geachte voorzitter,",
    "woordvoerder": "Geachte woordvoerder,",
    "senator": "Geachte senator,",
    "kamerlid": "Geachte Kamerlid,",
    "wethouder": "Geachte wethouder,",
    "raadslid": "Geachte raadslid,",
}

GROUP_SALUTATIONS = {
    "eerste kamer": "Geachte senatoren,",
    "senaat": "Geachte senatoren,",
    "senators": "Geachte senatoren,",
    "tweede kamer": "Geachte Kamerleden,",
    "kamerleden": "Geachte Kamerleden,",
    "gemeenteraad": "Geachte raadsleden,",
    "fractievoorzitters": "Geachte fractievoorzitters,",
}


def role_salutation(role: str) -> str:
    """Salutation for a letter to a function, no name: 'Geachte griffier,'."""
    key = _clean(role).lower()
    return ROLE_SALUTATIONS.get(key, f"Geachte {key}," if key else "Geachte heer/mevrouw,")


def group_salutation(group: str) -> str:
    """Salutation for a whole chamber or group: 'Geachte senatoren,' or 'Geachte leden van ...'."""
    key = _clean(group)
    known = GROUP_SALUTATIONS.get(key.lower())
    if known:
        return known
    if key.lower().startswith(("vaste commissie", "commissie")):
        return f"Geachte leden van de {key[0].lower()}{key[1:]},"
    return f"Geachte leden van {key}," if key else "Geachte heer/mevrouw,"


def _is_title(token: str) -> bool:
    return token.lower() in TITLE_WORDS


def _is_initials(token: str) -> bool:
    return bool(_INITIAL_TOKEN.match(token))


def _is_particle(token: str) -> bool:
    return token.lower() in PARTICLE_WORDS


def _capitalise_word(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def parse_full_name(text: str) -> NameParts:
    """Split 'mr. A. van Hattem' / 'Karin van den Bijsterveld-ter Horst' / 'Hattem, A. van'."""
    raw = _clean(text)
    if not raw:
        raise ValueError("empty name")
    if "," in raw:
        # List form: 'Surname, given particle'.
        head, _, tail = raw.partition(",")
        inner = parse_full_name(f"{tail.strip()} {head.strip()}") if tail.strip() else None
        if inner is not None:
            return inner
        raw = head.strip()
    if raw == raw.lower():
        # 'martin van rooijen': someone typed it all lower case; capitalise the name words.
        raw = " ".join(t if _is_particle(t) else _capitalise_word(t) for t in raw.split(" "))
    tokens = raw.split(" ")
    titles: list[str] = []
    while len(tokens) > 1 and _is_title(tokens[0]):
        titles.append(tokens.pop(0))
    initials: list[str] = []
    while len(tokens) > 1 and _is_initials(tokens[0]):
        initials.append(tokens.pop(0))
    first: list[str] = []
    # Given names run until the first particle word or the last token.
    while len(tokens) > 1 and not _is_particle(tokens[0]):
        first.append(tokens.pop(0))
    particle: list[str] = []
    while len(tokens) > 1 and _is_particle(tokens[0]):
        particle.append(tokens.pop(0))
    surname = " ".join(tokens)
    # A capitalised particle with no given name before it ('Van Rompuy') is still a particle;
    # the caller decides whether it is Belgian.
    given_initials = normalize_initials(" ".join(initials)) or initials_from_first_name(
        " ".join(first)
    )
    return NameParts(
        surname=surname,
        particle=" ".join(p.lower() for p in particle),
        initials=given_initials,
        first_name=" ".join(first),
        titles=" ".join(t.lower() if t.endswith(".") else t.lower() + "." for t in titles),
    )
