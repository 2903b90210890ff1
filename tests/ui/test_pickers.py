"""Search-as-you-type pickers: matches come from a LIMITed query and picking sets the id."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lobbycrm.bootstrap import Context
from lobbycrm.ui.pickers import SearchPicker


def test_person_picker_offers_matches_and_remembers_the_choice(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    choices = demo_ctx.services.choices
    picker = SearchPicker(choices.people, choices.person, limit=5)
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    qtbot.keyClicks(picker, "hattem")
    qtbot.waitUntil(lambda: picker.model.rowCount() > 0)
    labels = [c.label for c in picker.model.choices]
    assert any("Van Hattem" in label or "van Hattem" in label for label in labels)
    assert picker.current_id() is None
    popup = picker.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.choice_made) as blocker:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    chosen = blocker.args[0]
    assert picker.current_id() == chosen
    assert picker.text() == picker.current_choice().label  # type: ignore[union-attr]
    # Typing again forgets the choice until a new one is made.
    with qtbot.waitSignal(picker.choice_cleared):
        qtbot.keyClicks(picker, "x")
    assert picker.current_id() is None
    picker.set_current(chosen)
    assert picker.current_id() == chosen


def test_choice_service_limits_and_filters(demo_ctx: Context) -> None:
    choices = demo_ctx.services.choices
    assert len(choices.people("", limit=3)) == 3
    groups = choices.organisations("cda", kinds=("party-group",))
    assert groups and all("CDA" in c.label or "CDA" in c.detail for c in groups)
    assert choices.organisations("zzzz-nothing") == []
    assert choices.person(10**6) is None
    events = choices.events("", limit=4)
    assert 0 < len(events) <= 4
    assert choices.mailings("", limit=1)
    assert choices.dossiers("pact") or choices.dossiers("")


def test_saved_notice_names_the_file_and_opens_it(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMainWindow, QPushButton

    from lobbycrm.ui.feedback import announce_saved

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window = QMainWindow()
    qtbot.addWidget(window)
    child = QPushButton(window)
    target = tmp_path / "agenda-2026.ics"
    target.write_text("x", encoding="utf-8")
    notice = announce_saved(child, "Agenda opgeslagen", target)
    assert notice is not None and "agenda-2026.ics" in notice.label.text()
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(notice.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target), str(tmp_path)]


def test_default_file_names_say_what_and_when() -> None:
    import datetime as dt

    from lobbycrm.core.filenames import dated_name

    name = dated_name("briefing", dt.date(2026, 5, 19), "Eerste Kamer", suffix=".pdf")
    assert name == "briefing-2026-05-19-eerste-kamer.pdf"
    assert dated_name("agenda", None, "2026", suffix=".ics") == "agenda-2026.ics"
    assert dated_name("brief", None, "Zoë & José", suffix=".eml") == "brief-zoe-jose.eml"
