"""Finding rows by what a user types: organisation names, tags, ids."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lobbycrm.core.errors import AmbiguousError, NotFoundError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import MAX_ID, is_id_text
from lobbycrm.db.models import Base, Organisation, Tag

T = TypeVar("T", bound=Base)


def get_or_fail(s: Session, model: type[T], ident: int, what: str) -> T:
    if not isinstance(ident, int) or isinstance(ident, bool) or not 1 <= ident <= MAX_ID:
        # 0, -3 or 2^64 can't be an id; said the same way as a missing row, never an overflow.
        raise NotFoundError(what, ident)
    row = s.get(model, ident)
    if row is None:
        raise NotFoundError(what, ident)
    return row


def find_organisation(s: Session, name: str, kind: str | None = None) -> Organisation:
    """By id ('#12' or '12'), exact name or short name, case-insensitive; must be unambiguous."""
    text = name.strip()
    if is_id_text(text):
        org = s.get(Organisation, int(text.lstrip("#")))
        if org is not None:
            return org
    key = text.casefold()
    stmt = select(Organisation).where(
        or_(func.lower(Organisation.name) == key, func.lower(Organisation.short_name) == key)
    )
    if kind:
        stmt = stmt.where(Organisation.kind == kind)
    found = list(s.scalars(stmt))
    if not found:
        # SQLite's lower() only folds ASCII; compare in Python for names with accents.
        found = [
            o
            for o in s.scalars(
                select(Organisation).where(Organisation.kind == kind)
                if kind
                else select(Organisation)
            )
            if o.name.casefold() == key or o.short_name.casefold() == key
        ]
    if not found:
        raise NotFoundError(_("organisation"), name)
    if len(found) > 1:
        exact = [o for o in found if o.name == text or o.short_name == text]
        if len(exact) == 1:
            return exact[0]
        raise AmbiguousError(
            _("organisation"), name, [f"#{o.id} {o.name} ({o.kind})" for o in found]
        )
    return found[0]


def normalise_tag(name: str) -> str:
    return " ".join(name.split()).lower()


def tag_for(s: Session, name: str) -> Tag:
    key = normalise_tag(name)
    tag = s.scalar(select(Tag).where(Tag.name == key))
    if tag is None:
        tag = Tag(name=key)
        s.add(tag)
        s.flush()
    return tag
