"""Plenary planning in the app: the majority panel, stances, a dossier's motions."""

from lobbycrm.ui.planning.motions import DossierMotionsPanel
from lobbycrm.ui.planning.panel import MajorityDialog, MajorityPanel

__all__ = ["DossierMotionsPanel", "MajorityDialog", "MajorityPanel"]
