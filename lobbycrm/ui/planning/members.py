"""A party group's members and their stances, opened by double-clicking the group."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.i18n import _, getal, ngettext
from lobbycrm.services.planning import GroupCount
from lobbycrm.ui.planning.labels import based_on_text, recorded, stance_label
from lobbycrm.ui.planning.models import MembersModel


class MembersDialog(QDialog):
    def __init__(self, group: GroupCount, chamber: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        g = recorded(group)
        self.setWindowTitle(_("{group}: members and stances").format(group=g.name))
        seats = ngettext("{n} seat", "{n} seats", g.seats).format(n=getal(g.seats))
        self.summary = QLabel(
            f"<b>{html.escape(g.full_name or g.name)}</b> ({html.escape(chamber)}), "
            f"{html.escape(seats)}<br>"
            + html.escape(
                _("Stance: {stance} ({based_on})").format(
                    stance=stance_label(g.stance), based_on=based_on_text(g)
                )
            )
        )
        self.summary.setWordWrap(True)
        self.model = MembersModel()
        self.model.set_rows(list(g.members))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setAccessibleName(_("Members and their stances"))
        hint = QLabel(
            _(
                "No current members known: add senators, council members or MPs with a role "
                "in this group."
            )
            if not g.members
            else _("A member's stance counts when the group itself has not stated one.")
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, 380)
