"""Possible duplicate persons (shared e-mail, same name key) and merging two into one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _
from lobbycrm.db.models import ContactPoint, Interaction, Person, Role, event_person, person_tag
from lobbycrm.services.changes import Changes
from lobbycrm.services.lookup import get_or_fail
from lobbycrm.services.people import name_parts, refresh_derived

REASONS = {
    "email": N_("same e-mail address"),
    "name": N_("same name"),
    "initials": N_("same surname and initials"),
}


@dataclass(frozen=True)
class DuplicatePair:
    keep_id: int  # the older row: the suggested one to keep
    keep_name: str
    other_id: int
    other_name: str
    reason: str  # key of REASONS
    detail: str  # the shared e-mail address or name


def _initials_key(surname: str, particle: str, initials: str) -> str:
    return f"{names.fold(surname)}|{names.fold(particle)}|{names.normalize_initials(initials)}"


class DuplicateService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def candidates(self, limit: int = 500) -> list[DuplicatePair]:
        """Pairs worth a look (at most `limit`), each pair once, strongest reason first."""
        found: dict[tuple[int, int], DuplicatePair] = {}
        with self._sessions() as s:
            shared = (
                select(ContactPoint.value_key)
                .where(ContactPoint.value_key != "", ContactPoint.person_id.is_not(None))
                .group_by(ContactPoint.value_key)
                .having(func.count(func.distinct(ContactPoint.person_id)) > 1)
            )
            groups: dict[str, list[int]] = {}
            for key, pid in s.execute(
                select(ContactPoint.value_key, ContactPoint.person_id)
                .where(ContactPoint.value_key.in_(shared))
                .order_by(ContactPoint.person_id)
            ):
                if pid is not None and pid not in groups.setdefault(key, []):
                    groups[key].append(pid)
            same_key = select(Person.sort_key).group_by(Person.sort_key).having(func.count() > 1)
            by_name: dict[str, list[int]] = {}
            for sort_key, pid in s.execute(
                select(Person.sort_key, Person.id)
                .where(Person.sort_key.in_(same_key))
                .order_by(Person.id)
            ):
                by_name.setdefault(sort_key, []).append(pid)
            surnames = select(Person.surname).group_by(Person.surname).having(func.count() > 1)
            by_initials: dict[str, list[int]] = {}
            for pid, surname, particle, initials in s.execute(
                select(Person.id, Person.surname, Person.particle, Person.initials)
                .where(Person.surname.in_(surnames), Person.initials != "")
                .order_by(Person.id)
            ):
                by_initials.setdefault(_initials_key(surname, particle, initials), []).append(pid)
            by_typed = self._typed_whole(s)
            label: dict[int, str] = {}

            def name(pid: int) -> str:
                if pid not in label:
                    label[pid] = names.display_name(name_parts(s.get_one(Person, pid)))
                return label[pid]

            reasons = (
                ("email", groups),
                ("name", by_name),
                ("name", by_typed),
                ("initials", by_initials),
            )
            for reason, groups_of in reasons:
                for detail, ids in groups_of.items():
                    # Each later row paired with the oldest: n-1 pairs per group, not n².
                    first = ids[0]
                    for other in ids[1:]:
                        if len(found) >= limit:
                            return list(found.values())
                        if (first, other) not in found:
                            shown = detail if reason == "email" else name(first)
                            found[(first, other)] = DuplicatePair(
                                first, name(first), other, name(other), reason, shown
                            )
        return list(found.values())

    def _typed_whole(self, s: Session, limit: int = 5000) -> dict[str, list[int]]:
        """Persons whose whole name was typed into the surname field ('mr. drs. J.P. van der
        Berg') grouped with those entered in parts, by names.name_key."""
        whole = list(
            s.execute(
                select(Person.id, Person.surname)
                .where(
                    Person.particle == "",
                    Person.initials == "",
                    Person.first_name == "",
                    Person.titles == "",
                    or_(Person.surname.contains(" "), Person.surname.contains(".")),
                )
                .order_by(Person.id)
                .limit(limit)
            )
        )
        keys: dict[int, str] = {}
        surnames: set[str] = set()
        for pid, surname in whole:
            if names.looks_like_full_name(surname) or " " in surname:
                parsed = names.parse_name(surname).parts
                keys[pid] = names.name_key(parsed)
                surnames.add(parsed.surname)
        if not keys:
            return {}
        groups: dict[str, list[int]] = {}
        rows = s.execute(
            select(Person.id, Person.surname, Person.particle, Person.initials, Person.first_name)
            .where(Person.surname.in_(sorted(surnames)))
            .order_by(Person.id)
            .limit(limit)
        )
        for pid, surname, particle, initials, first in rows:
            parts = names.NameParts(surname, particle, initials, first)
            keys.setdefault(pid, names.name_key(parts))
        for pid in sorted(keys):
            if keys[pid] and keys[pid].split("|")[2]:
                groups.setdefault(keys[pid], []).append(pid)
        return {k: ids for k, ids in groups.items() if len(ids) > 1}

    def merge(self, keep_id: int, other_id: int) -> Changes:
        """Fold `other` into `keep`: every role, contact point, tag, interaction and event link
        of both stays; empty name fields of `keep` are filled from `other`; `other` goes."""
        if keep_id == other_id:
            raise ValidationError(_("person"), str(keep_id), _("cannot be merged with itself"))
        with self._sessions.begin() as s:
            keep = get_or_fail(s, Person, keep_id, _("person"))
            other = get_or_fail(s, Person, other_id, _("person"))
            if not (keep.particle or keep.initials or keep.first_name or keep.titles) and (
                names.looks_like_full_name(keep.surname)
            ):
                # The kept row had its whole name in the surname field: split it first.
                parsed = names.parse_name(keep.surname).parts
                keep.surname, keep.particle = parsed.surname, parsed.particle
                keep.initials, keep.first_name = parsed.initials, parsed.first_name
                keep.titles = parsed.titles
            for attr in ("titles", "initials", "first_name", "particle"):
                if not getattr(keep, attr) and getattr(other, attr):
                    setattr(keep, attr, getattr(other, attr))
            if keep.gender == "onbekend":
                keep.gender = other.gender
            if other.notes.strip() and other.notes.strip() not in keep.notes:
                keep.notes = "\n\n".join(filter(None, [keep.notes.strip(), other.notes.strip()]))
            have = {(c.kind, c.value.casefold()) for c in keep.contacts}
            for c in list(other.contacts):
                if (c.kind, c.value.casefold()) in have:
                    continue
                have.add((c.kind, c.value.casefold()))
                c.is_primary = c.is_primary and not any(
                    k.kind == c.kind and k.is_primary for k in keep.contacts
                )
                s.execute(
                    update(ContactPoint)
                    .where(ContactPoint.id == c.id)
                    .values(person_id=keep_id, is_primary=c.is_primary)
                )
            roles = {
                (r.organisation_id, r.role, r.portfolio, r.start_date, r.end_date)
                for r in keep.roles
            }
            for r in other.roles:
                if (r.organisation_id, r.role, r.portfolio, r.start_date, r.end_date) not in roles:
                    s.execute(update(Role).where(Role.id == r.id).values(person_id=keep_id))
            s.execute(
                update(Interaction)
                .where(Interaction.person_id == other_id)
                .values(person_id=keep_id)
            )
            for table, column in ((person_tag, "tag_id"), (event_person, "event_id")):
                mine = set(s.scalars(select(table.c[column]).where(table.c.person_id == keep_id)))
                for value in s.scalars(
                    select(table.c[column]).where(table.c.person_id == other_id)
                ):
                    if value not in mine:
                        s.execute(insert(table).values({"person_id": keep_id, column: value}))
            s.flush()
            s.expire_all()
            s.execute(delete(Person).where(Person.id == other_id))
            keep = s.get_one(Person, keep_id)
            refresh_derived(keep)
            return Changes.of("person", "role", "tag", "interaction", "event", ids=(keep_id,))
