"""Plain frozen data the services hand out; ORM objects never leave the services layer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from operator import attrgetter
from typing import Any

_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)


def _jsonable(value: Any) -> Any:
    kind: type = type(value)
    if kind in _PLAIN_TYPES:  # most values: no isinstance chain
        return value
    reader = _field_reader(kind)
    if reader is not None:
        names, values = reader
        return dict(
            zip(
                names,
                [v if type(v) in _PLAIN_TYPES else _jsonable(v) for v in values(value)],
                strict=True,
            )
        )
    if kind is list or kind is tuple:
        return [v if type(v) in _PLAIN_TYPES else _jsonable(v) for v in value]
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@cache
def _field_reader(
    cls: type,
) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]] | None:
    """The field names of a dataclass and a function that reads their values in one call;
    None for any other type."""
    if not is_dataclass(cls):
        return None
    names = tuple(f.name for f in fields(cls))
    if len(names) > 1:
        return names, attrgetter(*names)
    # attrgetter of one name gives the value, not a tuple (and of none is no getter)
    return names, lambda obj: tuple(getattr(obj, name) for name in names)


def json_default(value: Any) -> Any:
    """What json's encoder is handed for a value it does not know itself (the `default` of
    json.JSONEncoder): a dataclass as a dict of its fields in order, a date as ISO text. The
    encoder writes lists, text and numbers itself, in C: the same JSON as `to_json()` gives,
    in half the time for a list of thousands of persons."""
    kind: type = type(value)
    reader = _field_reader(kind)
    if reader is not None:
        names, values = reader
        return dict(zip(names, values(value), strict=True))
    if isinstance(value, dt.date):  # a datetime is a date too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


class Jsonable:
    def to_json(self) -> dict[str, Any]:
        # Field by field, like dataclasses.asdict but without its deep copies (a list of
        # thousands of persons as JSON spent half its time there).
        return _jsonable(self)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class ContactRow(Jsonable):
    id: int
    kind: str
    label: str
    value: str
    primary: bool


@dataclass(frozen=True)
class RoleRow(Jsonable):
    id: int
    organisation_id: int
    organisation: str
    organisation_kind: str
    role: str
    portfolio: str
    start: dt.date | None
    end: dt.date | None
    current: bool


@dataclass(frozen=True)
class PersonRow(Jsonable):
    """One line of the people list: light enough for windowed loading of 100,000 rows."""

    id: int
    sort_name: str
    display_name: str
    email: str
    functions: str
    tags: str
    damaged: str = ""  # why the stored row can't be shown as it is (lobbycrm.core.damaged)


@dataclass(frozen=True)
class PersonDetail(Jsonable):
    id: int
    display_name: str
    sort_name: str
    formal_name: str
    salutation: str
    address_line: str
    titles: str
    initials: str
    first_name: str
    particle: str
    surname: str
    gender: str
    notes: str
    emails: list[str]
    phones: list[str]
    addresses: list[str]
    contacts: list[ContactRow]
    roles: list[RoleRow]
    tags: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime
    # The row version an editor read (pass it back on update) and who saved it last.
    version: int = 0
    updated_by: str = ""
    damaged: str = ""  # why the stored row can't be shown as it is (lobbycrm.core.damaged)
    # `salutation` is the one letters use: the person's own form of address when stored.
    own_salutation: str = ""
    computed_salutation: str = ""
    particle_is_surname: bool = False

    @property
    def primary_email(self) -> str | None:
        return self.emails[0] if self.emails else None


@dataclass(frozen=True)
class OrgRow(Jsonable):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    parent: str | None
    tk_id: str | None
    cbs_code: str | None
    seats: int | None
    emails: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    version: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None
    # The full official name (empty: not set) and how a letter addresses the body.
    full_name: str = ""
    salutation: str = ""
    address_line: str = ""


@dataclass(frozen=True)
class EventRow(Jsonable):
    id: int
    uid: str
    sequence: int
    title: str
    kind: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None
    all_day: bool
    status: str
    location: str
    description: str
    timezone: str
    organisation_id: int | None
    organisation: str | None
    dossier_id: int | None
    dossier: str | None
    kamerstuk: str | None
    portfolio: str
    reminders: list[int]
    person_ids: list[int]
    updated_at: dt.datetime
    version: int = 0
    updated_by: str = ""
    # Why the stored row can't be shown as it is (empty when it can); it can still be edited
    # or deleted. See lobbycrm.core.damaged.
    damaged: str = ""


@dataclass(frozen=True)
class DossierRow(Jsonable):
    id: int
    title: str
    kamerstuk: str
    chamber_id: int | None
    chamber: str | None
    status: str
    notes: str
    # The key message in a sentence or two, and the concrete asks in order (letters get them
    # as `dossier.kernboodschap` and `dossier.asks`).
    kernboodschap: str = ""
    asks: tuple[str, ...] = ()
    version: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class MotionRow(Jsonable):
    id: int
    title: str
    number: str
    submitters: str
    body_id: int | None
    body: str | None
    dossier_id: int | None
    dossier: str | None
    date: dt.date | None
    result: str
    execution_status: str
    notes: str
    version: int = 0
    # 'day', or only the 'month' or 'year' of `date` is known (see core.partial_dates).
    date_precision: str = "day"
    updated_by: str = ""
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class InteractionRow(Jsonable):
    id: int
    person_id: int | None
    person: str | None
    organisation_id: int | None
    organisation: str | None
    kind: str
    occurred_at: dt.datetime
    subject: str
    notes: str
    dossier_id: int | None
    event_id: int | None
    mailing_id: int | None
    follow_up_on: dt.date | None
    follow_up_done: bool = False
    message_id: str | None = None


@dataclass(frozen=True)
class CampaignRow(Jsonable):
    id: int
    name: str
    notes: str
    dossiers: list[str]
    partners: list[str]
    signatures: int | None
    signature_counts: list[tuple[dt.date, int]]
    version: int = 0
