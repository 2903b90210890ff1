"""The agenda section: month and week views, upcoming list, event editing, calendar export."""

from lobbycrm.ui.agenda.export_dialog import calendar_actions, export_action
from lobbycrm.ui.agenda.section import AgendaSection, create_section

__all__ = ["AgendaSection", "calendar_actions", "create_section", "export_action"]
