"""The letters section: template editor with live preview, mailings, co-signers, producing."""

from lobbycrm.ui.letters.section import LettersSection, create_section

__all__ = ["LettersSection", "create_section"]
