"""The Qt widgets: a thin layer over the services."""

from lobbycrm.core.none_refs import keep_none_alive

keep_none_alive()  # see lobbycrm.core.none_refs
