"""All ORM models; importing this package registers every table on `Base.metadata`."""

from lobbycrm.db.models.audit import ChangeLog, Versioned
from lobbycrm.db.models.base import Base, Timestamped, UTCDateTime, utcnow
from lobbycrm.db.models.campaign import Campaign, SignatureCount, campaign_dossier, campaign_partner
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
    "organisation_tag",
    "person_list_index",
    "person_tag",
    "utcnow",
]
