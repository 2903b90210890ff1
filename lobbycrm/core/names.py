"""Dutch personal names: display, sorting, salutations and parsing (rules in DOMAIN.md).

Sources for the rules: Onze Taal ("Hoofdletters in achternamen", "Aanhef"), the Taalunie's
taaladvies.net ("Tussenvoegsels in achternamen", "Hoofdletters in namen") and the Haal Centraal
BRP "adressering" feature files (aanschrijfwijze, aanhef, gebruikInLopendeTekst):

- a particle (tussenvoegsel) takes a capital only when nothing precedes it: "mevrouw Van der
  Sluis", but "A. van der Sluis" and "Jongsma-van der Sluis";
- `'t`, `'s` and `d'` stay lower case always; `d'` (and `l'`) join the surname without a space:
  "Geachte mevrouw d'Ancona,", "Geachte heer 't Hart,";
- foreign particles (el, al, da, di, le, la, ...) follow the same rule: "de heer El Hamdaoui";
- IJ is one letter: initials "IJ.", not "I.J.";
- titles go in the address block, never in the salutation; at the start of an address line
  the title takes a capital ("Dr. S. Fadil");
- the salutation of a double surname uses the whole name unless the person's own form of
  address (aanschrijfnaam) says otherwise;
- sorting is on the main surname, particles (and 't) ignored: "Hattem, A. van".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from lobbycrm.core.enums import Gender

# Particle words (tussenvoegsels) as they occur in Dutch and Flemish surnames, and the
# foreign ones the BRP lists as voorvoegsels. Multi-word particles are runs of these words.
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
        "les",
        "lo",
        "du",
        "des",
        "da",
        "dal",
        "di",
        "del",
        "della",
        "dello",
        "do",
        "dos",
        "das",
        "el",
        "al",
        "ul",
        "ben",
        "bin",
        "l'",
        "d'",
        "von",
        "zu",
        "vom",
        "zum",
        "zur",
        "am",
        "vande",
        "vanden",
        "vander",
        "'s",
        "s",
    }
)

# Particles that stay lower case even where nothing precedes them.
_ALWAYS_LOWER = frozenset({"'t", "'s", "d'"})
# Particles that join the surname without a space: d'Ancona, l'Ortye.
_JOINED = frozenset({"d'", "l'"})

# Titles written before the name ("mr. dr. A. van Hattem").
PRE_TITLES = {
    "mr": "mr.",
    "dr": "dr.",
    "drs": "drs.",
    "ir": "ir.",
    "ing": "ing.",
    "prof": "prof.",
    "bc": "bc.",
    "ds": "ds.",
    "mgr": "mgr.",
    "kand": "kand.",
}
# Titles written after the name ("J. Jansen MSc"), in their usual spelling.
POST_TITLES = {
    "bsc": "BSc",
    "msc": "MSc",
    "ma": "MA",
    "ba": "BA",
    "phd": "PhD",
    "llm": "LLM",
    "llb": "LLB",
    "mba": "MBA",
    "mpa": "MPA",
}
TITLE_WORDS = frozenset(
    {*PRE_TITLES, *(f"{t}." for t in PRE_TITLES), *POST_TITLES, *(f"{t}." for t in POST_TITLES)}
)

# Words before a name that say how to address the person, and the gender they imply.
PREFIXES: dict[tuple[str, ...], str] = {
    ("de", "heer"): Gender.MAN.value,
    ("heer",): Gender.MAN.value,
    ("dhr.",): Gender.MAN.value,
    ("dhr",): Gender.MAN.value,
    ("meneer",): Gender.MAN.value,
    ("mevrouw",): Gender.VROUW.value,
    ("mevr.",): Gender.VROUW.value,
    ("mevr",): Gender.VROUW.value,
    ("mw.",): Gender.VROUW.value,
    ("mw",): Gender.VROUW.value,
}

_INITIAL_TOKEN = re.compile(r"^(?:(?:IJ|[A-ZÀ-Þ][a-zà-ÿ]{0,2})\.)+$|^(?:IJ|[A-ZÀ-Þ])$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
# A particle glued to the surname: d'Ancona, D'Ancona, l'Ortye.
_GLUED = re.compile(r"^([dDlL])'(?=\w)")


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


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A full name split into parts, with the gender its prefix ("mevrouw") implies."""

    parts: NameParts
    gender: str = ""  # "" when no prefix said it


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


@lru_cache(maxsize=1024)  # a few particles come back again and again
def clean_particle(text: str | None) -> str:
    """Stored form of a particle: lower case, one kind of apostrophe ("D’" -> "d'")."""
    return _clean(text).translate(_APOSTROPHES).lower()


def _is_ij(chunk: str, i: int) -> bool:
    return chunk[i] in "Ii" and i + 1 < len(chunk) and chunk[i + 1] in "Jj"


@lru_cache(maxsize=4096)  # an import of 100,000 persons asks for the same few initials
def normalize_initials(text: str | None) -> str:
    """'ab' / 'A B' / 'A.B' -> 'A.B.'; 'Th.' and 'Chr.' are multi-letter initials; IJ is
    one letter ('IJ.', 'IJ.A.')."""
    raw = _clean(text)
    if not raw:
        return ""
    parts: list[str] = []
    for chunk in re.split(r"[.\s]+", raw):
        if not chunk:
            continue
        if chunk in ("IJ", "Ij"):
            parts.append("IJ")
        elif len(chunk) <= 3 and chunk[0].isupper() and chunk[1:].islower():
            parts.append(chunk)
        else:
            i = 0
            while i < len(chunk):
                if chunk[i].isupper() and _is_ij(chunk, i):
                    parts.append("IJ")
                    i += 2
                    continue
                if chunk[i].isalpha():
                    parts.append(chunk[i].upper())
                i += 1
    return "".join(f"{p}." for p in parts)


def _initial(word: str) -> str:
    return "IJ." if word[:2].lower() == "ij" else f"{word[0].upper()}."


@lru_cache(maxsize=4096)  # first names come back, as initials do
def initials_from_first_name(first_name: str) -> str:
    """'Karin' -> 'K.', 'Jan Willem' -> 'J.W.', 'IJsbrand' -> 'IJ.'."""
    return "".join(_initial(w) for w in _clean(first_name).replace("-", " ").split() if w)


def capitalise_particle(particle: str) -> str:
    """First word of the particle with a capital: 'van der' -> 'Van der', "in 't" -> "In 't";
    "'t", "'s" and "d'" stay lower case."""
    p = _clean(particle)
    if not p:
        return ""
    if p.split(" ")[0].translate(_APOSTROPHES).lower() in _ALWAYS_LOWER:
        return p
    for i, ch in enumerate(p):
        if ch.isalpha():
            return p[:i] + ch.upper() + p[i + 1 :]
    return p


def _particle_pattern() -> re.Pattern[str]:
    words = sorted((w for w in PARTICLE_WORDS if w.isalpha() and len(w) > 1), key=len)
    return re.compile(r"(?<=-)(" + "|".join(reversed(words)) + r")(?= )", re.IGNORECASE)


_INNER_PARTICLE = _particle_pattern()


def tidy_surname(surname: str) -> str:
    """A particle inside a double surname is lower case: 'Jansen-De Jong' -> 'Jansen-de Jong'."""
    clean = _clean(surname)
    if "-" not in clean:
        return clean  # a particle counts as inner only after a hyphen
    return _INNER_PARTICLE.sub(lambda m: m.group(1).lower(), clean)


def _join(particle: str, surname: str) -> str:
    if not particle:
        return surname
    if particle.split(" ")[-1].lower() in _JOINED:
        return f"{particle}{surname}"
    return f"{particle} {surname}"


class _Pieces(NamedTuple):
    """What every form of one name is made of, worked out once (a listing of thousands of
    persons makes six forms of each, an import of 100,000 three)."""

    first_name: str  # as written, spaces tidied
    initials: str  # 'A.B.'
    inside: str  # surname with its particle inside a name: 'van Hattem' ('A. van Hattem')
    alone: str  # the surname standing alone: 'Van Hattem' ('Geachte heer Van Hattem,')
    particle: str  # spaces tidied, case as stored
    surname: str  # without its particle, a particle inside a double name lower case
    belgian: bool  # the particle is part of the surname (and there is one)


def _pieces(parts: NameParts) -> _Pieces:
    particle = _clean(parts.particle)
    surname = tidy_surname(parts.surname)
    if parts.particle_is_surname:
        inside = alone = _join(capitalise_particle(particle), _clean(parts.surname))
    else:
        inside = _join(particle.lower(), surname)
        alone = _join(capitalise_particle(particle), surname)
    return _Pieces(
        _clean(parts.first_name),
        normalize_initials(parts.initials),
        inside,
        alone,
        particle,
        surname,
        parts.particle_is_surname and bool(particle),
    )


def surname_with_particle(parts: NameParts, standalone: bool) -> str:
    """Surname with its particle: capitalised when standing alone (salutations), else lower."""
    pieces = _pieces(parts)
    return pieces.alone if standalone else pieces.inside


def display_name(parts: NameParts) -> str:
    """'Alexander van Hattem'; 'A. van Hattem' without a first name; surname alone otherwise."""
    return _display_name(_pieces(parts))


def _display_name(p: _Pieces) -> str:
    given = p.first_name or p.initials
    return f"{given} {p.inside}" if given else p.alone


def split_titles(titles: str) -> tuple[str, str]:
    """Titles before the name and titles after it: 'mr. dr. MSc' -> ('mr. dr.', 'MSc')."""
    if not titles:
        return "", ""
    before: list[str] = []
    after: list[str] = []
    for word in _clean(titles).split(" "):
        if not word:
            continue
        key = word.lower().rstrip(".")
        if key in POST_TITLES:
            after.append(POST_TITLES[key])
        else:
            before.append(word)
    return " ".join(before), " ".join(after)


def normalize_titles(text: str | None) -> str:
    """Titles in their usual spelling: 'Mr Drs' -> 'mr. drs.', 'prof.dr.' -> 'prof. dr.',
    'msc' -> 'MSc'; words that are no known title are kept as written."""
    if not text:
        return ""
    out: list[str] = []
    for word in _clean(text).split(" "):
        if not word:
            continue
        pre = _title_words(word)
        if pre is not None:
            out.extend(pre)
        elif word.lower().rstrip(".") in POST_TITLES:
            out.append(POST_TITLES[word.lower().rstrip(".")])
        else:
            out.append(word)
    return " ".join(out)


def formal_name(parts: NameParts) -> str:
    """Titles, initials (or first name), particle, surname: 'mr. dr. A. van Hattem'."""
    return _formal_name(_pieces(parts), parts.titles)


def _formal_name(p: _Pieces, titles: str) -> str:
    given = p.initials or p.first_name
    before, after = split_titles(titles)
    words = (before, given, p.inside if given else p.alone, after)
    return " ".join(w for w in words if w)


def surname_alone(parts: NameParts) -> str:
    """The surname standing alone: 'Van Hattem', 'Van den Bijsterveld-ter Horst', "'t Hart"."""
    return _pieces(parts).alone


def sort_name(parts: NameParts) -> str:
    """Dutch list form, main surname first and particle after: 'Hattem, A. van'."""
    return _sort_name(_pieces(parts))


def _sort_name(p: _Pieces) -> str:
    given = p.initials or p.first_name
    if p.belgian:
        head, tail = p.alone, given
    else:
        head = p.surname
        tail = " ".join(w for w in (given, p.particle.lower()) if w)
    return f"{head}, {tail}" if tail else head


_FOLD_EXTRA = str.maketrans({"ø": "o", "ß": "ss", "ı": "i", "ł": "l", "æ": "ae", "đ": "d"})


def fold(text: str) -> str:
    """Case- and accent-insensitive form for sorting and searching ('Ömer' -> 'omer')."""
    if text.isascii():
        return text.lower()
    # Word by word (each character folds on its own, and a space is a space), so that the
    # words that come back (first names, places) are folded once.
    return " ".join(w.lower() if w.isascii() else _fold_word(w) for w in text.split(" "))


@lru_cache(maxsize=8192)
def _fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Letters that do not decompose but sort with a base letter in Dutch practice.
    return stripped.translate(_FOLD_EXTRA)


def sort_key(parts: NameParts) -> str:
    """Key that orders people the Dutch way: main surname, then given name, then particle."""
    return _sort_key(_pieces(parts))


def _sort_key(p: _Pieces) -> str:
    # fold lower-cases, so the surname's inner particles (tidy_surname) make no difference.
    surname, particle = fold(p.surname), fold(p.particle)
    given = fold(p.first_name or p.initials)
    if p.belgian and particle:
        surname, particle = f"{particle} {surname}", ""
    # \x1f separates fields so that 'Vries' sorts before 'Vriesema'.
    return "\x1f".join((surname, given, particle))


def listed_forms(parts: NameParts) -> tuple[str, str, str]:
    """display_name, sort_name and sort_key of one name, made from pieces worked out once:
    what a stored person keeps for sorting and searching (an import makes 100,000)."""
    pieces = _pieces(parts)
    return _display_name(pieces), _sort_name(pieces), _sort_key(pieces)


def name_key(parts: NameParts) -> str:
    """What two records of one person share however the name was typed: surname (with its
    particle, case and accents folded) and initials."""
    if not (parts.particle or parts.initials or parts.first_name or parts.titles):
        try:
            parts = parse_full_name(parts.surname)
        except ValueError:
            return ""
    initials = normalize_initials(parts.initials) or initials_from_first_name(parts.first_name)
    return f"{fold(_clean(parts.particle))}|{fold(tidy_surname(parts.surname))}|{initials}"


def salutation(parts: NameParts, gender: Gender | str) -> str:
    """Formal Dutch salutation for one person; titles are never part of it."""
    return _salutation(_pieces(parts), _gender(gender))


def _salutation(p: _Pieces, g: Gender) -> str:
    if g is Gender.MAN:
        return f"Geachte heer {p.alone},"
    if g is Gender.VROUW:
        return f"Geachte mevrouw {p.alone},"
    if p.first_name:
        return f"Geachte {p.first_name} {p.inside},"
    return f"Geachte heer/mevrouw {p.alone},"


# First words of a complete salutation the user typed as their own form of address.
_GREETINGS = frozenset(
    {
        "geachte",
        "zeer",
        "hooggeachte",
        "hooggeleerde",
        "hoogedelgestrenge",
        "weledelgestrenge",
        "hoogwelgeboren",
        "hooggeboren",
        "beste",
        "lieve",
        "dag",
        "hallo",
        "dear",
    }
)


def own_salutation(text: str) -> str:
    """A person's own form of address as a salutation: 'mevrouw Jansen' -> 'Geachte mevrouw
    Jansen,'; a complete one ('Beste Karin') is kept, with a comma at the end."""
    if not text:
        return ""
    own = _clean(text).rstrip(",").strip()
    if not own:
        return ""
    if own.split(" ")[0].lower() not in _GREETINGS:
        own = f"Geachte {own}"
    return f"{own},"


def personal_salutation(parts: NameParts, gender: Gender | str, own: str = "") -> str:
    """The salutation every letter uses: the person's own form of address when stored,
    else the computed one."""
    return own_salutation(own) or salutation(parts, gender)


_GENDERS: dict[str, Gender] = {g: g for g in Gender}  # a Gender is its text too ("man")


def _gender(gender: Gender | str) -> Gender:
    """Gender(gender) by a dictionary lookup (a listing asks it for thousands of persons)."""
    found = _GENDERS.get(gender)
    return found if found is not None else Gender(gender)


def _capital_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def address_line(parts: NameParts, gender: Gender | str) -> str:
    """First line of an address block: 'De heer A. van Hattem', 'Mevrouw mr. G. Perin-Gopie',
    'Dr. S. Fadil' (a title opening the line takes a capital)."""
    return _address_line(formal_name(parts), _gender(gender))


def _address_line(formal: str, g: Gender) -> str:
    if g is Gender.MAN:
        return f"De heer {formal}"
    if g is Gender.VROUW:
        return f"Mevrouw {formal}"
    return _capital_first(formal)


class NameForms(NamedTuple):
    """Every form of one person's name a listing shows (see name_forms)."""

    display_name: str
    sort_name: str
    formal_name: str
    salutation: str  # the one letters use: the person's own form of address when stored
    computed_salutation: str
    address_line: str


def name_forms(parts: NameParts, gender: Gender | str, own: str = "") -> NameForms:
    """display_name, sort_name, formal_name, personal_salutation, salutation and
    address_line of one name, made from pieces worked out once."""
    pieces = _pieces(parts)
    g = _gender(gender)
    formal = _formal_name(pieces, parts.titles)
    computed = _salutation(pieces, g)
    return NameForms(
        display_name=_display_name(pieces),
        sort_name=_sort_name(pieces),
        formal_name=formal,
        salutation=own_salutation(own) or computed,
        computed_salutation=computed,
        address_line=_address_line(formal, g),
    )


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
    "eerste kamer der staten-generaal": "Geachte senatoren,",
    "senaat": "Geachte senatoren,",
    "senators": "Geachte senatoren,",
    "tweede kamer": "Geachte Kamerleden,",
    "tweede kamer der staten-generaal": "Geachte Kamerleden,",
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
    if re.match(r"(vaste |tijdelijke |algemene )?commissie\b", key, re.IGNORECASE):
        return f"Geachte leden van de {key[0].lower()}{key[1:]},"
    return f"Geachte leden van {key}," if key else "Geachte heer/mevrouw,"


def body_name(kind: str, name: str, short_name: str = "", full_name: str = "") -> str:
    """How a committee or party group is named in a letter, without article: 'vaste
    commissie voor Immigratie & Asiel / JBZ-Raad', 'CDA-fractie'. The full official name wins
    when set."""
    full = _clean(full_name)
    if kind == "committee":
        text = full or _clean(name)
        if re.search(r"commissie\b", text, re.IGNORECASE):
            return re.sub(
                r"^(Vaste|Tijdelijke|Algemene|Commissie)\b", lambda m: m.group(1).lower(), text
            )
        return f"vaste commissie voor {text}"
    if kind == "party-group":
        if full:
            return re.sub(r"^Fractie\b", "fractie", full)
        base = _clean(short_name) or _clean(name)
        if "fractie" in base.lower():
            return base
        return f"{base}-fractie"
    return full or _clean(name)


def body_salutation(kind: str, name: str, short_name: str = "", full_name: str = "") -> str:
    """'Geachte leden van de vaste commissie voor Immigratie & Asiel / JBZ-Raad,';
    'Geachte leden van de CDA-fractie,'; 'Geachte senatoren,' for the Eerste Kamer."""
    if kind in ("chamber", "council"):
        for candidate in (full_name, name, short_name):
            known = GROUP_SALUTATIONS.get(_clean(candidate).lower())
            if known:
                return known
        if kind == "council":
            return "Geachte raadsleden,"
    return f"Geachte leden van de {body_name(kind, name, short_name, full_name)},"


def _in_chamber(chamber: str) -> str:
    c = _clean(chamber)
    if not c:
        return ""
    return c if c.lower().startswith(("de ", "het ")) else f"de {c}"


def body_address(
    kind: str, name: str, short_name: str = "", full_name: str = "", chamber: str = ""
) -> str:
    """First line of the address block for a body: 'Aan de leden van de CDA-fractie in de
    Eerste Kamer', 'Aan de leden van de vaste commissie voor ... van de Eerste Kamer'."""
    named = body_name(kind, name, short_name, full_name)
    where = _in_chamber(chamber)
    if where and fold(_clean(chamber)) not in fold(named):
        named += f" in {where}" if kind == "party-group" else f" van {where}"
    return f"Aan de leden van de {named}"


def _is_title(token: str) -> bool:
    return token.lower() in TITLE_WORDS


def _title_words(token: str) -> list[str] | None:
    """'prof.dr.' -> ['prof.', 'dr.']; None when the token is not only titles."""
    pieces = [p for p in token.split(".") if p]
    if (
        pieces
        and all(p.lower() in PRE_TITLES for p in pieces)
        and (token.endswith(".") or len(pieces) == 1)
    ):
        return [PRE_TITLES[p.lower()] for p in pieces]
    return None


def _is_initials(token: str) -> bool:
    return bool(_INITIAL_TOKEN.match(token))


def _is_particle(token: str) -> bool:
    return token.translate(_APOSTROPHES).lower() in PARTICLE_WORDS


def _capitalise_word(word: str, first: bool = True) -> str:
    """'janssen-van' -> 'Janssen-van'; 'ijsbrand' -> 'IJsbrand'; particles after a hyphen stay
    lower case."""
    out = []
    for i, piece in enumerate(word.split("-")):
        if i > 0 and _is_particle(piece):
            out.append(piece.lower())
        elif piece[:2].lower() == "ij":
            out.append("IJ" + piece[2:])
        else:
            out.append(piece[:1].upper() + piece[1:])
    return "-".join(out)


def _unglue(tokens: list[str]) -> list[str]:
    """'d'Ancona' -> ["d'", 'Ancona'] so the particle is found."""
    out: list[str] = []
    for t in tokens:
        plain = t.translate(_APOSTROPHES)
        m = _GLUED.match(plain)
        if m and len(plain) > 2:
            out.extend([f"{m.group(1).lower()}'", plain[2:]])
        else:
            out.append(plain if plain.lower() in PARTICLE_WORDS else t)
    return out


def _join_double_surnames(tokens: list[str]) -> list[str]:
    """'Janssen-van der Berg' is one surname: a token ending in '-particle' takes the
    particle words and the word after it along."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        last = t.rsplit("-", 1)[-1] if "-" in t else ""
        if last and _is_particle(last):
            j = i + 1
            while j < len(tokens) - 1 and _is_particle(tokens[j]):
                j += 1
            out.append(" ".join(tokens[i : j + 1]))
            i = j + 1
        else:
            out.append(t)
            i += 1
    return out


def split_prefix(text: str) -> tuple[str, str]:
    """('mevrouw drs. A.J. Jansen') -> ('vrouw', 'drs. A.J. Jansen'); ('', text) without one."""
    tokens = _clean(text).split(" ")
    for words, gender in PREFIXES.items():
        n = len(words)
        if len(tokens) > n and tuple(t.lower() for t in tokens[:n]) == words:
            return gender, " ".join(tokens[n:])
    return "", _clean(text)


def parse_name(text: str) -> ParsedName:
    """A full name typed in one field, with the gender its prefix implies:
    'mevrouw drs. A.J. Jansen-de Jong', 'Hedy d'Ancona', 'Hattem, A. van'."""
    gender, raw = split_prefix(text)
    return ParsedName(parse_full_name(raw), gender)


def parse_full_name(text: str) -> NameParts:
    """Split 'mr. A. van Hattem' / 'Karin van den Bijsterveld-ter Horst' / 'Hattem, A. van';
    a prefix ('mevrouw', 'de heer') is dropped (parse_name returns what it says)."""
    raw = _clean(text)
    if not raw:
        raise ValueError("empty name")
    _gender, raw = split_prefix(raw)
    if "," in raw:
        # List form: 'Surname, given particle'.
        head, _, tail = raw.partition(",")
        inner = parse_full_name(f"{tail.strip()} {head.strip()}") if tail.strip() else None
        if inner is not None:
            return inner
        raw = head.strip()
    tokens = _unglue(raw.split(" "))
    if raw == raw.lower():
        # 'martin van rooijen': someone typed it all lower case; capitalise the name words.
        tokens = [
            t if _is_particle(t) or _is_title(t) or _title_words(t) else _capitalise_word(t)
            for t in tokens
        ]
    titles: list[str] = []
    while len(tokens) > 1:
        words = _title_words(tokens[0])
        if words is None:
            break
        titles.extend(words)
        tokens.pop(0)
    after: list[str] = []
    while (
        len(tokens) > 1
        and tokens[-1].rstrip(".").lower() in POST_TITLES
        and (tokens[-1][:1].isupper())
    ):
        after.insert(0, POST_TITLES[tokens.pop().rstrip(".").lower()])
    initials: list[str] = []
    while len(tokens) > 1 and _is_initials(tokens[0]):
        initials.append(tokens.pop(0))
    tokens = _join_double_surnames(tokens)
    first: list[str] = []
    # Given names run until the first particle word or the last token.
    while len(tokens) > 1 and not _is_particle(tokens[0]):
        first.append(tokens.pop(0))
    particle: list[str] = []
    while len(tokens) > 1 and _is_particle(tokens[0]):
        particle.append(tokens.pop(0))
    surname = tidy_surname(" ".join(tokens))
    # A capitalised particle with no given name before it ('Van Rompuy') is still a particle;
    # the caller decides whether it is Belgian.
    given_initials = normalize_initials(" ".join(initials)) or initials_from_first_name(
        " ".join(first)
    )
    return NameParts(
        surname=surname,
        particle=" ".join(clean_particle(p) for p in particle),
        initials=given_initials,
        first_name=" ".join(first),
        titles=" ".join([*titles, *after]),
    )


def split_surname(particle: str, surname: str) -> tuple[str, str]:
    """Particle and surname as stored, when the particle was typed into the surname field:
    ("", "van der Berg") -> ("van der", "Berg"); ("", "d'Ancona") -> ("d'", "Ancona");
    ("", "'t Hart") -> ("'t", "Hart"). A capitalised 'Van Rompuy' is left alone (it may be
    Belgian, where the particle belongs to the surname)."""
    p, s = clean_particle(particle), _clean(surname)
    if p:
        return p, tidy_surname(s)
    m = _GLUED.match(s.translate(_APOSTROPHES))
    if m and len(s) > 2:
        return f"{m.group(1).lower()}'", tidy_surname(s[2:])
    tokens = s.split(" ")
    lead: list[str] = []
    while len(tokens) > 1 and _is_particle(tokens[0]):
        t = tokens[0].translate(_APOSTROPHES)
        if t != t.lower() and t.lower() not in _ALWAYS_LOWER:
            break
        lead.append(tokens.pop(0))
    if lead and "-" not in lead[-1]:
        return " ".join(clean_particle(t) for t in lead), tidy_surname(" ".join(tokens))
    return "", tidy_surname(s)


def looks_like_full_name(text: str) -> bool:
    """A surname field that holds a whole name: a prefix, a title or initials before it
    ('mr. drs. J.P. van der Berg', 'mevrouw Jansen')."""
    gender, rest = split_prefix(text)
    tokens = _clean(rest).split(" ")
    if len(tokens) < 2 and not gender:
        return False
    return bool(gender) or _title_words(tokens[0]) is not None or _is_initials(tokens[0])
