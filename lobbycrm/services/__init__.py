"""Use cases over the database: each call owns its transaction and returns plain data."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.services.audit import AuditService
from lobbycrm.services.briefing import BriefingService
from lobbycrm.services.calendar import CalendarService
from lobbycrm.services.campaigns import CampaignService
from lobbycrm.services.changes import Changes
from lobbycrm.services.choices import ChoiceService
from lobbycrm.services.demo import DemoService
from lobbycrm.services.dossiers import DossierService, MotionService
from lobbycrm.services.duplicates import DuplicateService
from lobbycrm.services.events import EventService
from lobbycrm.services.followup import FollowUpService
from lobbycrm.services.imports import ImportService
from lobbycrm.services.interactions import InteractionService
from lobbycrm.services.involved import InvolvedService
from lobbycrm.services.letters import LetterService
from lobbycrm.services.mail_settings import MailService
from lobbycrm.services.orgs import OrgService
from lobbycrm.services.outbox import OutboxService
from lobbycrm.services.people import PeopleService
from lobbycrm.services.person_links import PersonLinksService
from lobbycrm.services.planning import PlanningService
from lobbycrm.services.privacy import PrivacyService
from lobbycrm.services.recipient_words import RecipientWordsService
from lobbycrm.services.recycle_bin import RecycleBinService
from lobbycrm.services.replies import ReplyService
from lobbycrm.services.search import SearchService
from lobbycrm.services.settings import SettingsService
from lobbycrm.services.tk import TkImportService


@dataclass(frozen=True)
class Services:
    people: PeopleService
    orgs: OrgService
    events: EventService
    dossiers: DossierService
    motions: MotionService
    interactions: InteractionService
    campaigns: CampaignService
    settings: SettingsService
    demo: DemoService
    calendar: CalendarService
    involved: InvolvedService
    letters: LetterService
    search: SearchService
    imports: ImportService
    tk: TkImportService
    planning: PlanningService
    briefing: BriefingService
    bin: RecycleBinService
    duplicates: DuplicateService
    links: PersonLinksService
    mail: MailService
    outbox: OutboxService
    replies: ReplyService
    followups: FollowUpService
    choices: ChoiceService
    audit: AuditService
    privacy: PrivacyService
    recipient_words: RecipientWordsService

    @classmethod
    def create(cls, sessions: sessionmaker[Session]) -> Services:
        events = EventService(sessions)
        settings = SettingsService(sessions)
        calendar = CalendarService(sessions, events, settings)
        demo = DemoService(sessions)
        # Every change to the agenda rewrites the calendar feed, when one is set.
        events.listeners.append(calendar.refresh_feed)
        demo.listeners.append(calendar.refresh_feed)
        people = PeopleService(sessions)
        involved = InvolvedService(sessions)
        planning = PlanningService(sessions)
        interactions = InteractionService(sessions)
        motions = MotionService(sessions)
        orgs = OrgService(sessions)
        dossiers = DossierService(sessions)
        campaigns = CampaignService(sessions)
        letters = LetterService(sessions, people, orgs, events, dossiers, campaigns, settings)
        mail = MailService(sessions, settings)
        replies = ReplyService(sessions)
        return cls(
            people=people,
            orgs=orgs,
            events=events,
            dossiers=dossiers,
            motions=motions,
            interactions=interactions,
            campaigns=campaigns,
            settings=settings,
            demo=demo,
            calendar=calendar,
            involved=involved,
            imports=ImportService(sessions, people),
            tk=TkImportService(sessions),
            planning=planning,
            briefing=BriefingService(events, involved, planning, interactions, motions),
            letters=letters,
            bin=RecycleBinService(sessions),
            duplicates=DuplicateService(sessions),
            search=SearchService(sessions),
            links=PersonLinksService(sessions),
            mail=mail,
            outbox=OutboxService(sessions, letters, mail),
            replies=replies,
            followups=FollowUpService(sessions, letters, replies),
            choices=ChoiceService(sessions),
            audit=AuditService(sessions),
            privacy=PrivacyService(sessions, letters),
            recipient_words=RecipientWordsService(sessions),
        )


__all__ = ["Changes", "Services"]
