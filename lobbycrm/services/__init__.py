"""Use cases over the database: each call owns its transaction and returns plain data."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from lobbycrm.services.changes import Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from lobbycrm.services.audit import AuditService
    from lobbycrm.services.briefing import BriefingService
    from lobbycrm.services.calendar import CalendarService
    from lobbycrm.services.campaigns import CampaignService
    from lobbycrm.services.choices import ChoiceService
    from lobbycrm.services.demo import DemoService
    from lobbycrm.services.dossiers import DossierService, MotionService
    from lobbycrm.services.duplicates import DuplicateService
    from lobbycrm.services.events import EventService
    from lobbycrm.services.exports import ExportService
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


class Services:
    """Every service, each made (and its module imported) when it is first used: the app's
    window appears before the modules behind letters, mail, calendars or imports are loaded."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @classmethod
    def create(cls, sessions: sessionmaker[Session]) -> Services:
        return cls(sessions)

    def _refresh_feed(self, changes: Changes | None = None) -> None:
        self.calendar.refresh_feed(changes)

    @cached_property
    def people(self) -> PeopleService:
        from lobbycrm.services.people import PeopleService

        return PeopleService(self._sessions)

    @cached_property
    def orgs(self) -> OrgService:
        from lobbycrm.services.orgs import OrgService

        return OrgService(self._sessions)

    @cached_property
    def events(self) -> EventService:
        from lobbycrm.services.events import EventService

        events = EventService(self._sessions)
        # Every change to the agenda rewrites the calendar feed, when one is set.
        events.listeners.append(self._refresh_feed)
        return events

    @cached_property
    def dossiers(self) -> DossierService:
        from lobbycrm.services.dossiers import DossierService

        return DossierService(self._sessions)

    @cached_property
    def motions(self) -> MotionService:
        from lobbycrm.services.dossiers import MotionService

        return MotionService(self._sessions)

    @cached_property
    def interactions(self) -> InteractionService:
        from lobbycrm.services.interactions import InteractionService

        return InteractionService(self._sessions)

    @cached_property
    def campaigns(self) -> CampaignService:
        from lobbycrm.services.campaigns import CampaignService

        return CampaignService(self._sessions)

    @cached_property
    def settings(self) -> SettingsService:
        from lobbycrm.services.settings import SettingsService

        return SettingsService(self._sessions)

    @cached_property
    def demo(self) -> DemoService:
        from lobbycrm.services.demo import DemoService

        demo = DemoService(self._sessions)
        demo.listeners.append(self._refresh_feed)
        return demo

    @cached_property
    def calendar(self) -> CalendarService:
        from lobbycrm.services.calendar import CalendarService

        return CalendarService(self._sessions, self.events, self.settings)

    @cached_property
    def involved(self) -> InvolvedService:
        from lobbycrm.services.involved import InvolvedService

        return InvolvedService(self._sessions)

    @cached_property
    def letters(self) -> LetterService:
        from lobbycrm.services.letters import LetterService

        return LetterService(
            self._sessions,
            self.people,
            self.orgs,
            self.events,
            self.dossiers,
            self.campaigns,
            self.settings,
        )

    @cached_property
    def search(self) -> SearchService:
        from lobbycrm.services.search import SearchService

        return SearchService(self._sessions)

    @cached_property
    def imports(self) -> ImportService:
        from lobbycrm.services.imports import ImportService

        return ImportService(self._sessions)

    @cached_property
    def exports(self) -> ExportService:
        from lobbycrm.services.exports import ExportService

        return ExportService(self.people)

    @cached_property
    def tk(self) -> TkImportService:
        from lobbycrm.services.tk import TkImportService

        return TkImportService(self._sessions)

    @cached_property
    def planning(self) -> PlanningService:
        from lobbycrm.services.planning import PlanningService

        return PlanningService(self._sessions)

    @cached_property
    def briefing(self) -> BriefingService:
        from lobbycrm.services.briefing import BriefingService

        return BriefingService(
            self.events, self.involved, self.planning, self.interactions, self.motions
        )

    @cached_property
    def bin(self) -> RecycleBinService:
        from lobbycrm.services.recycle_bin import RecycleBinService

        return RecycleBinService(self._sessions)

    @cached_property
    def duplicates(self) -> DuplicateService:
        from lobbycrm.services.duplicates import DuplicateService

        return DuplicateService(self._sessions)

    @cached_property
    def links(self) -> PersonLinksService:
        from lobbycrm.services.person_links import PersonLinksService

        return PersonLinksService(self._sessions)

    @cached_property
    def mail(self) -> MailService:
        from lobbycrm.services.mail_settings import MailService

        return MailService(self._sessions, self.settings)

    @cached_property
    def outbox(self) -> OutboxService:
        from lobbycrm.services.outbox import OutboxService

        return OutboxService(self._sessions, self.letters, self.mail)

    @cached_property
    def replies(self) -> ReplyService:
        from lobbycrm.services.replies import ReplyService

        return ReplyService(self._sessions)

    @cached_property
    def followups(self) -> FollowUpService:
        from lobbycrm.services.followup import FollowUpService

        return FollowUpService(self._sessions, self.letters, self.replies)

    @cached_property
    def choices(self) -> ChoiceService:
        from lobbycrm.services.choices import ChoiceService

        return ChoiceService(self._sessions)

    @cached_property
    def audit(self) -> AuditService:
        from lobbycrm.services.audit import AuditService

        return AuditService(self._sessions)

    @cached_property
    def privacy(self) -> PrivacyService:
        from lobbycrm.services.privacy import PrivacyService

        return PrivacyService(self._sessions, self.letters)

    @cached_property
    def recipient_words(self) -> RecipientWordsService:
        from lobbycrm.services.recipient_words import RecipientWordsService

        return RecipientWordsService(self._sessions)


__all__ = ["Changes", "Services"]
