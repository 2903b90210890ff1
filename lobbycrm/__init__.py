"""LobbyCRM: an offline-first desktop CRM for Dutch NGO lobbyists."""

__version__ = "0.1.0"
