"""Recipient selections in words, with their live count and names, for the recipient builder.

A selection is what `letters --to` takes: a list of selectors that are added together ("or"),
each a `+`-joined run of terms that must all hold ("and"), each term `kind:value` with kind
tag, org, role, portfolio, committee or person. This module reads and writes that text, says
it in words ("Alle senatoren én lid van de commissie Immigratie & Asiel (3)"), counts it and
lists a window of its names with LIMITed queries. The meaning of every term is the one
`LetterService.select` gives it (tests compare the two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    false,
    func,
    intersect,
    or_,
    select,
    union,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import N_, _, getal, ngettext
from lobbycrm.core.validation import amsterdam_today, is_id_text
from lobbycrm.db.models import Organisation, Person, Role, Tag, person_tag
from lobbycrm.services.choices import DEFAULT_LIMIT, Choice
from lobbycrm.services.lookup import find_organisation
from lobbycrm.services.people import name_parts

KINDS = ("tag", "org", "committee", "role", "portfolio", "person")
# The order terms are said in: the phrase that reads best as a start comes first.
_SAID_ORDER = {"tag": 1, "org": 2, "committee": 3, "role": 4, "portfolio": 5, "person": 6}

# Tags and roles whose plural we know: "tag:senator" reads "Alle senatoren".
_PLURALS = {
    "senator": N_("All senators"),
    "kamerlid": N_("All MPs"),
    "woordvoerder": N_("All spokespersons"),
    "griffier": N_("All clerks"),
    "fractievoorzitter": N_("All party group leaders"),
    "burgemeester": N_("All mayors"),
    "wethouder": N_("All aldermen"),
    "raadslid": N_("All councillors"),
    "minister": N_("All ministers"),
    "staatssecretaris": N_("All state secretaries"),
    "journalist": N_("All journalists"),
}
_COMMITTEE_PREFIXES = ("vaste commissie voor ", "vaste commissie ", "commissie voor ", "commissie ")


@dataclass(frozen=True)
class Term:
    kind: str
    value: str

    def text(self) -> str:
        return f"{self.kind}:{self.value}"


Group = tuple[Term, ...]


def usable_value(value: str) -> bool:
    """Whether a value can stand in a selection: the syntax has no quoting for ',' and '+'."""
    return bool(value.strip()) and "," not in value and "+" not in value


def parse(selectors: Sequence[str]) -> list[Group]:
    """The groups of a stored selection; a selector holding commas counts as several."""
    groups: list[Group] = []
    for selector in selectors:
        for part in selector.split(","):
            terms = []
            for raw in part.split("+"):
                kind, _sep, value = raw.partition(":")
                if raw.strip():
                    terms.append(Term(kind.strip().lower(), value.strip()))
            if terms:
                groups.append(tuple(terms))
    return groups


def selector_text(group: Group) -> str:
    return "+".join(t.text() for t in group)


def selection(groups: Sequence[Group]) -> list[str]:
    """The selectors as `letters --to` and the mailing store them, one per group."""
    out: list[str] = []
    for g in groups:
        text = selector_text(g)
        if text and text not in out:
            out.append(text)
    return out


def _said_first(term: Term) -> int:
    """'Alle woordvoerders én bij CDA' rather than 'CDA én met de functie woordvoerder'."""
    if term.kind in ("tag", "role") and term.value.lower() in _PLURALS:
        return 0
    return _SAID_ORDER.get(term.kind, 9)


def _committee_short(name: str) -> str:
    lower = name.lower()
    for prefix in _COMMITTEE_PREFIXES:
        if lower.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


@dataclass(frozen=True)
class GroupWords:
    """One group as the user reads it; `count` is None where it could not be counted."""

    selector: str
    words: str
    count: int | None
    problem: str = ""
    person_id: int | None = None  # a group that is one person added by hand

    def text(self) -> str:
        if self.problem:
            return f"{self.words} ({self.problem})"
        if self.person_id is not None or self.count is None:
            return self.words
        return f"{self.words} ({getal(self.count)})"


class RecipientWordsService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- what a selection means --------------------------------------------------------------

    def _term_ids(self, s: Session, term: Term, today: dt.date) -> Select[int]:
        """The ids a term selects, as LetterService._term selects them; raises LobbyError."""
        kind, value = term.kind, term.value
        if kind not in KINDS or not value:
            raise LobbyError(_("an unknown kind of recipients"))
        if kind == "person":
            if not is_id_text(value):
                raise LobbyError(_("an unknown person"))
            person_id = int(value.removeprefix("#"))
            if s.get(Person, person_id) is None:
                raise LobbyError(_("an unknown person"))
            return select(Person.id).where(Person.id == person_id)
        current = or_(Role.end_date.is_(None), Role.end_date > today)
        if kind == "tag":
            tag_id = s.scalar(
                select(Tag.id).where(Tag.name == " ".join(value.split()).lower()).limit(1)
            )
            if tag_id is None:
                raise LobbyError(_("unknown tag"))
            return select(person_tag.c.person_id).where(person_tag.c.tag_id == tag_id)
        # As PeopleService filters: a current role at the organisation, with the role, or
        # with a portfolio holding the text. Asked from the role table, not person by person.
        if kind in ("org", "committee"):
            org = find_organisation(s, value)
            if kind == "committee" and org.kind != "committee":
                raise LobbyError(_("{name} is not a committee").format(name=org.name))
            cond = Role.organisation_id == org.id
        elif kind == "role":
            cond = func.lower(Role.role) == value.lower()
        else:
            cond = func.lower(Role.portfolio).like(_like(value.lower()), escape="\\")
        return select(Role.person_id).where(cond, current)

    def _ids(
        self, s: Session, groups: Sequence[Group], today: dt.date
    ) -> Select[int] | CompoundSelect[int]:
        """The ids the selection reaches, as one compound query ("and" is INTERSECT, "or" is
        UNION): each term is read from its own table once, not checked person by person."""
        parts: list[Select[int]] = []
        # Persons added one by one (a campaign to 342 clerks) are one part, checked at once.
        by_hand = [g[0] for g in groups if len(g) == 1 and g[0].kind == "person"]
        if by_hand:
            if not all(is_id_text(t.value) for t in by_hand):
                raise LobbyError(_("an unknown person"))
            ids = sorted({int(t.value.removeprefix("#")) for t in by_hand})
            found = 0
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                found += len(list(s.scalars(select(Person.id).where(Person.id.in_(chunk)))))
            if found != len(ids):
                raise LobbyError(_("an unknown person"))
            parts.append(select(Person.id).where(Person.id.in_(ids)))
        for g in groups:
            if len(g) == 1 and g[0].kind == "person":
                continue
            terms = [self._term_ids(s, t, today) for t in g]
            if len(terms) == 1:
                parts.append(terms[0])
            else:
                # SQLite takes no compound inside a compound: the INTERSECT as a subquery.
                both = intersect(*terms).subquery()
                parts.append(select(both.c[0]))
        if not parts:
            return select(Person.id).where(false())
        return parts[0].distinct() if len(parts) == 1 else union(*parts)

    def _where(self, s: Session, groups: Sequence[Group], today: dt.date) -> ColumnElement[bool]:
        return Person.id.in_(self._ids(s, groups, today))

    def _count(self, s: Session, groups: Sequence[Group], today: dt.date) -> int:
        ids = self._ids(s, groups, today).subquery()
        return int(s.scalar(select(func.count()).select_from(ids)) or 0)

    def count(self, selectors: Sequence[str], today: dt.date | None = None) -> int:
        """How many persons the selection reaches (nobody twice); raises LobbyError."""
        day = today or amsterdam_today()
        with self._sessions() as s:
            return self._count(s, parse(selectors), day)

    def names(
        self,
        selectors: Sequence[str],
        offset: int = 0,
        limit: int = DEFAULT_LIMIT,
        today: dt.date | None = None,
    ) -> list[Choice]:
        """A window of the persons reached, in Dutch order; raises LobbyError."""
        day = today or amsterdam_today()
        with self._sessions() as s:
            # The window's ids first (joined, not looked up one by one), then its persons.
            chosen = self._ids(s, parse(selectors), day).subquery()
            window = list(
                s.scalars(
                    select(Person.id)
                    .join(chosen, chosen.c[0] == Person.id)
                    .order_by(Person.sort_key, Person.id)
                    .offset(offset)
                    .limit(limit)
                )
            )
            rows = s.scalars(
                select(Person).where(Person.id.in_(window)).order_by(Person.sort_key, Person.id)
            )
            out = []
            for p in rows:
                parts = name_parts(p)
                out.append(Choice(p.id, names.display_name(parts), names.sort_name(parts)))
            return out

    def groups_with(
        self, selectors: Sequence[str], person_id: int, today: dt.date | None = None
    ) -> list[str]:
        """The selectors that reach this person (to say why someone is on the list)."""
        day = today or amsterdam_today()
        found = []
        with self._sessions() as s:
            for g in parse(selectors):
                try:
                    where = self._where(s, [g], day)
                except LobbyError:
                    continue
                if s.scalar(select(Person.id).where(where, Person.id == person_id).limit(1)):
                    found.append(selector_text(g))
        return found

    def ids(self, selector: str, limit: int, today: dt.date | None = None) -> list[int]:
        """The persons one selector reaches, at most `limit` (to write a group out as names)."""
        day = today or amsterdam_today()
        with self._sessions() as s:
            where = self._where(s, parse([selector]), day)
            stmt = select(Person.id).where(where).order_by(Person.sort_key, Person.id)
            return list(s.scalars(stmt.limit(limit)))

    # --- in words ----------------------------------------------------------------------------

    def _term_words(self, s: Session, term: Term, first: bool) -> str:
        kind, value = term.kind, term.value
        if kind == "person":
            p = s.get(Person, int(value.removeprefix("#"))) if is_id_text(value) else None
            name = names.display_name(name_parts(p)) if p is not None else _("an unknown person")
            return name if first else _("and {name}").format(name=name)
        if kind in ("org", "committee"):
            try:
                org = find_organisation(s, value)
                name = org.name
            except LobbyError:
                name = value
            if kind == "committee":
                short = _committee_short(name)
                if first:
                    return _("Members of the committee {name}").format(name=short)
                return _("and member of the committee {name}").format(name=short)
            return name if first else _("and at {name}").format(name=name)
        if kind == "tag":
            plural = _PLURALS.get(value.lower())
            if first and plural:
                return _(plural)
            if first:
                return _("Everyone tagged ‘{tag}’").format(tag=value)
            return _("and tagged ‘{tag}’").format(tag=value)
        if kind == "role":
            plural = _PLURALS.get(value.lower())
            if first and plural:
                return _(plural)
            if first:
                return _("Everyone with the role ‘{role}’").format(role=value)
            return _("and with the role ‘{role}’").format(role=value)
        if kind == "portfolio":
            if first:
                return _("Everyone with the portfolio ‘{portfolio}’").format(portfolio=value)
            return _("and with the portfolio ‘{portfolio}’").format(portfolio=value)
        return _("an unknown kind of recipients")

    def describe(self, selector: str, today: dt.date | None = None) -> GroupWords:
        """One selector in words with its count; a broken one says what is wrong, never
        raises (a stored mailing may name a tag or organisation that is gone)."""
        day = today or amsterdam_today()
        groups = parse([selector])
        if not groups:
            return GroupWords(selector, _("nobody"), 0)
        group = tuple(sorted(groups[0], key=_said_first))
        with self._sessions() as s:
            words = " ".join(self._term_words(s, t, i == 0) for i, t in enumerate(group))
            person_id = None
            if len(group) == 1 and group[0].kind == "person" and is_id_text(group[0].value):
                person_id = int(group[0].value.removeprefix("#"))
            try:
                count = self._count(s, [group], day)
            except LobbyError as exc:
                return GroupWords(selector, words, None, str(exc), person_id)
        return GroupWords(selector, words, count, "", person_id)

    def describe_all(self, selectors: Sequence[str]) -> list[GroupWords]:
        """Every selector in words. Persons added one by one (a campaign to 342 clerks) are
        named from one query per 500, not one each."""
        one_by_one: dict[str, int] = {}
        for sel in selectors:
            g = parse([sel])
            if (
                len(g) == 1
                and len(g[0]) == 1
                and g[0][0].kind == "person"
                and is_id_text(g[0][0].value)
            ):
                one_by_one[sel] = int(g[0][0].value.removeprefix("#"))
        known: dict[int, str] = {}
        ids = sorted(set(one_by_one.values()))
        with self._sessions() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for p in s.scalars(select(Person).where(Person.id.in_(chunk))):
                    known[p.id] = names.display_name(name_parts(p))
        out = []
        for sel in selectors:
            found = one_by_one.get(sel)
            if found is not None and found in known:
                out.append(GroupWords(sel, known[found], 1, "", found))
            else:
                out.append(self.describe(sel))
        return out

    def summary(self, selectors: Sequence[str], names_shown: int = 3) -> str:
        """The whole selection in one line: 'Alle senatoren (19) of A. Jansen en 5 anderen'."""
        described = self.describe_all(selection(parse(selectors)))
        groups = [d.text() for d in described if d.person_id is None]
        persons = [d.words for d in described if d.person_id is not None]
        if persons:
            shown = persons[:names_shown]
            rest = len(persons) - len(shown)
            if rest:
                more = ngettext("{n} other", "{n} others", rest).format(n=getal(rest))
                groups.append(_("{names} and {more}").format(names=", ".join(shown), more=more))
            elif len(shown) > 1:
                groups.append(
                    _("{names} and {last}").format(names=", ".join(shown[:-1]), last=shown[-1])
                )
            else:
                groups.append(shown[0])
        if not groups:
            return _("nobody")
        return f" {_('or')} ".join(groups)

    # --- what can be ticked ------------------------------------------------------------------

    def tags(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        """Tags holding the typed text, by name."""
        stmt = select(Tag).order_by(Tag.name).limit(limit)
        if text.strip():
            stmt = stmt.where(Tag.name.like(_like(text.strip().lower()), escape="\\"))
        with self._sessions() as s:
            return [Choice(t.id, t.name) for t in s.scalars(stmt)]

    def roles(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        """Roles (functions) holding the typed text, as written most often first."""
        return self._distinct(Role.role, text, limit)

    def portfolios(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        return self._distinct(Role.portfolio, text, limit)

    def _distinct(self, col: InstrumentedAttribute[str], text: str, limit: int) -> list[Choice]:
        key = func.lower(col)
        stmt = (
            select(key, func.min(col), func.count())
            .where(col != "")
            .group_by(key)
            .order_by(key)
            .limit(limit)
        )
        if text.strip():
            stmt = stmt.where(key.like(_like(text.strip().lower()), escape="\\"))
        with self._sessions() as s:
            return [
                Choice(i, shown, ngettext("{n} person", "{n} persons", n).format(n=getal(n)))
                for i, (_key, shown, n) in enumerate(s.execute(stmt))
            ]

    def organisations(
        self, text: str, committees: bool, limit: int = DEFAULT_LIMIT
    ) -> list[Choice]:
        """Organisations (or only committees) holding every typed word, by name."""
        words = text.lower().split()
        stmt = select(Organisation).order_by(Organisation.name, Organisation.id).limit(limit)
        for w in words:
            stmt = stmt.where(
                or_(
                    func.lower(Organisation.name).like(_like(w), escape="\\"),
                    func.lower(Organisation.short_name).like(_like(w), escape="\\"),
                )
            )
        if committees:
            stmt = stmt.where(Organisation.kind == "committee")
        else:
            stmt = stmt.where(Organisation.kind != "committee")
        with self._sessions() as s:
            return [Choice(o.id, o.name, o.short_name) for o in s.scalars(stmt)]

    def org_value(self, org_id: int) -> str:
        """How the selection names an organisation: its name when that finds it back, else
        its number."""
        with self._sessions() as s:
            org = s.get(Organisation, org_id)
            if org is None:
                return f"#{org_id}"
            if usable_value(org.name):
                try:
                    if find_organisation(s, org.name).id == org_id:
                        return org.name
                except LobbyError:
                    pass
            return f"#{org_id}"


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
