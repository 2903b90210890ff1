"""Domain enumerations, stored by their value (a stable lower-case code)."""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    """Form of address: decides 'heer' or 'mevrouw' in a salutation."""

    MAN = "man"
    VROUW = "vrouw"
    ONBEKEND = "onbekend"


class ContactKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS = "address"


class OrgKind(StrEnum):
    CHAMBER = "chamber"
    PARTY_GROUP = "party-group"
    COMMITTEE = "committee"
    MUNICIPALITY = "municipality"
    COUNCIL = "council"
    MINISTRY = "ministry"
    PARTY = "party"
    NGO = "ngo"
    COALITION = "coalition"
    OTHER = "other"


class EventKind(StrEnum):
    PLENARY_DEBATE = "plenary-debate"
    COMMITTEE_DEBATE = "committee-debate"
    LEGISLATIVE_CONSULTATION = "legislative-consultation"
    WRITTEN_ROUND_DEADLINE = "written-round-deadline"
    VOTE = "vote"
    MEETING = "meeting"
    DEADLINE = "deadline"
    OTHER = "other"


class EventStatus(StrEnum):
    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class MotionResult(StrEnum):
    AANGENOMEN = "aangenomen"
    VERWORPEN = "verworpen"
    INGETROKKEN = "ingetrokken"
    AANGEHOUDEN = "aangehouden"
    ONBEKEND = "onbekend"


class ExecutionStatus(StrEnum):
    ONBEKEND = "onbekend"
    NIET_UITGEVOERD = "niet-uitgevoerd"
    IN_UITVOERING = "in-uitvoering"
    UITGEVOERD = "uitgevoerd"


class InteractionKind(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    CALL = "call"
    MEETING = "meeting"
    NOTE = "note"
    REPLY = "reply"
    ACKNOWLEDGEMENT = "acknowledgement"


class DossierStatus(StrEnum):
    OPEN = "open"
    IN_BEHANDELING = "in-behandeling"
    AANGENOMEN = "aangenomen"
    VERWORPEN = "verworpen"
    INGETROKKEN = "ingetrokken"
    GESLOTEN = "gesloten"
