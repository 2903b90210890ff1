"""The people section: a lazily loaded list, filters, detail pane and the person editor."""

from lobbycrm.ui.people.section import PeopleSection, create_section

__all__ = ["PeopleSection", "create_section"]
