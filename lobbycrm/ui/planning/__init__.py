"""Plenary planning in the app: the majority panel, stances, a dossier's motions."""

from lobbycrm.ui.planning.dialog import MajorityDialog
from lobbycrm.ui.planning.motions import DossierMotionsPanel
from lobbycrm.ui.planning.panel import MajorityPanel

__all__ = ["DossierMotionsPanel", "MajorityDialog", "MajorityPanel"]
