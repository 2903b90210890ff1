"""iCalendar (RFC 5545) files: export of agenda items and import from other calendars."""

from lobbycrm.ical.export import CalEvent, build_calendar
from lobbycrm.ical.importer import IcsError, ParsedEvent, parse_calendar

__all__ = ["CalEvent", "IcsError", "ParsedEvent", "build_calendar", "parse_calendar"]
