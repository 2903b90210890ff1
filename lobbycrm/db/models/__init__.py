"""The ORM models. A model's module is imported when one of its names is first asked for:
`from lobbycrm.db.models import Person` builds Person, Tag and what they refer to, not the
twenty other classes, so a command that only lists persons starts some 35 ms sooner. The ORM
loads every model before it configures its mappers (base.py); code that needs every table or
every mapped class asks `metadata()` or `mappers()`, never Base.metadata or Base.registry
(a house rule, tests/test_architecture.py)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData
from sqlalchemy.orm import Mapper

from lobbycrm.db.models.base import Base, Timestamped, UTCDateTime, utcnow

if TYPE_CHECKING:
    from lobbycrm.db.models.audit import ChangeLog, Versioned
    from lobbycrm.db.models.campaign import (
        Campaign,
        SignatureCount,
        campaign_dossier,
        campaign_partner,
    )
    from lobbycrm.db.models.dossier import Dossier, Motion
    from lobbycrm.db.models.event import Event, Reminder, event_person
    from lobbycrm.db.models.indexes import person_list_index
    from lobbycrm.db.models.interaction import Interaction
    from lobbycrm.db.models.mailing import Cosigner, Mailing, MailingVersion
    from lobbycrm.db.models.organisation import ORG_KINDS, Organisation
    from lobbycrm.db.models.outreach import (
        OUTBOX_STATUSES,
        RECIPIENT_STATUSES,
        MailingRecipient,
        OutboxMessage,
    )
    from lobbycrm.db.models.person import ContactPoint, Person
    from lobbycrm.db.models.recycle_bin import BinEntry
    from lobbycrm.db.models.role import Role
    from lobbycrm.db.models.setting import Setting
    from lobbycrm.db.models.stance import Stance
    from lobbycrm.db.models.tag import Tag, organisation_tag, person_tag

# name -> the module (in this package) that defines it
_WHERE: dict[str, str] = {
    "BinEntry": "recycle_bin",
    "Campaign": "campaign",
    "ChangeLog": "audit",
    "ContactPoint": "person",
    "Cosigner": "mailing",
    "Dossier": "dossier",
    "Event": "event",
    "Interaction": "interaction",
    "Mailing": "mailing",
    "MailingRecipient": "outreach",
    "MailingVersion": "mailing",
    "Motion": "dossier",
    "ORG_KINDS": "organisation",
    "OUTBOX_STATUSES": "outreach",
    "Organisation": "organisation",
    "OutboxMessage": "outreach",
    "Person": "person",
    "RECIPIENT_STATUSES": "outreach",
    "Reminder": "event",
    "Role": "role",
    "Setting": "setting",
    "SignatureCount": "campaign",
    "Stance": "stance",
    "Tag": "tag",
    "Versioned": "audit",
    "campaign_dossier": "campaign",
    "campaign_partner": "campaign",
    "event_person": "event",
    "organisation_tag": "tag",
    "person_list_index": "indexes",
    "person_tag": "tag",
}
_MODULES = sorted(set(_WHERE.values()))


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def load_all() -> None:
    """Import every model's module (each once; Python keeps them)."""
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")


def metadata() -> MetaData:
    """Every table of LobbyCRM (Base.metadata with every model loaded)."""
    load_all()
    return Base.metadata


def mappers() -> frozenset[Mapper[Any]]:
    """Every mapped class's mapper (Base.registry with every model loaded)."""
    load_all()
    return Base.registry.mappers


__all__ = [
    "ORG_KINDS",
    "OUTBOX_STATUSES",
    "RECIPIENT_STATUSES",
    "Base",
    "BinEntry",
    "Campaign",
    "ChangeLog",
    "ContactPoint",
    "Cosigner",
    "Dossier",
    "Event",
    "Interaction",
    "Mailing",
    "MailingRecipient",
    "MailingVersion",
    "Motion",
    "Organisation",
    "OutboxMessage",
    "Person",
    "Reminder",
    "Role",
    "Setting",
    "SignatureCount",
    "Stance",
    "Tag",
    "Timestamped",
    "UTCDateTime",
    "Versioned",
    "campaign_dossier",
    "campaign_partner",
    "event_person",
    "mappers",
    "metadata",
    "organisation_tag",
    "person_list_index",
    "person_tag",
    "utcnow",
]
