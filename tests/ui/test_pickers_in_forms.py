"""Forms choose organisations, events and mailings by typing, and get what a combo box gave."""

from __future__ import annotations

from lobbycrm.bootstrap import Context


def test_org_picker_answers_like_the_combo_it_replaced(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.ui.record_dialogs import OrgDialog

    orgs = demo_ctx.services.orgs.list()
    child = next(o for o in orgs if o.parent)
    dialog = OrgDialog(demo_ctx.services, child.id)
    qtbot.addWidget(dialog)
    parent = demo_ctx.services.orgs.find(child.parent)
    assert dialog.parent_org.currentData() == f"#{parent.id}"
    assert dialog.parent_org.text() == parent.name
    # The organisation itself is never offered as its own parent.
    assert child.id not in [c.id for c in dialog.parent_org._search(child.name, 20)]
    with qtbot.waitSignal(dialog.parent_org.currentIndexChanged):
        dialog.parent_org.pick(None)
    assert dialog.parent_org.currentData() == ""
