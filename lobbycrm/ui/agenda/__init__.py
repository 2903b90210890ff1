"""The agenda section: month and week views, upcoming list, event editing, calendar export."""

from lobbycrm.ui.agenda.export_dialog import export_action
from lobbycrm.ui.agenda.section import AgendaSection, create_section

__all__ = ["AgendaSection", "create_section", "export_action"]
