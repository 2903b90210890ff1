"""The Campaigns section: petitions, partners, mailings and what councils did."""

from lobbycrm.ui.campaigns.section import create_section

__all__ = ["create_section"]
