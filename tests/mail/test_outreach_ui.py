"""E-mail in the app: settings with a test button, sending with progress, the outbox,
answers marked by hand or read from mail, the reminder, and the to-do list in the agenda."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import keyring.core
import pytest
from aiosmtpd.controller import Controller
from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lobbycrm.bootstrap import Context
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.secret_store import KeyringUnavailable
from lobbycrm.services import Changes
from lobbycrm.services.letters import LetterRequest
from lobbycrm.ui.agenda.section import AgendaSection
from lobbycrm.ui.letters.section import LettersSection
from lobbycrm.ui.outreach import sending
from lobbycrm.ui.outreach.settings_dialog import MailSettingsDialog
from lobbycrm.ui.signals import AppSignals
from tests.mail.conftest import Recorder
from tests.mail.helpers import setup_plain


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal questions are answered Yes; what the app tells the user is collected."""
    told: list[str] = []

    def tell(_parent: Any, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        told.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QMessageBox, "warning", tell)
    return told


def test_settings_dialog_checks_fields_tests_and_saves(
    qtbot: Any, demo_ctx: Context, smtp_server: tuple[Controller, Recorder]
) -> None:
    dialog = MailSettingsDialog(demo_ctx)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not dialog.errors["host"].isVisibleTo(dialog)  # nothing typed, nothing wrong yet
    dialog.test_button.click()  # the server is missing: said at the field
    assert dialog.errors["host"].isVisibleTo(dialog) and not save.isEnabled()
    assert "--host" not in dialog.test_result.text() and "(" not in dialog.test_result.text()
    qtbot.keyClicks(dialog.host, "127.0.0.1")
    dialog.security.setCurrentIndex(dialog.security.findData("none"))
    dialog.port.setValue(smtp_server[0].port)
    qtbot.keyClicks(dialog.from_address, "noor@@amnesty")
    assert not save.isEnabled() and dialog.errors["from"].isVisibleTo(dialog)
    dialog.from_address.clear()
    qtbot.keyClicks(dialog.from_address, "noor@amnesty.example")
    assert save.isEnabled()
    dialog.test_button.click()
    assert "127.0.0.1" in dialog.test_result.text() and "Verbonden" in dialog.test_result.text()
    dialog.port.setValue(1)
    dialog.test_button.click()
    refused = dialog.test_result.text()
    assert "Geen verbinding" in refused and "poort" in refused  # what to check, in Dutch
    assert "refused" not in refused and "Errno" not in refused
    dialog.port.setValue(smtp_server[0].port)
    save.click()
    cfg = demo_ctx.services.mail.mail_settings()
    assert (cfg.host, cfg.port, cfg.security) == ("127.0.0.1", smtp_server[0].port, "none")
    assert cfg.from_address == "noor@amnesty.example"


def test_settings_dialog_says_when_the_keyring_is_unsafe(
    qtbot: Any, demo_ctx: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    keyring.core.init_backend()
    try:
        dialog = MailSettingsDialog(demo_ctx)
        qtbot.addWidget(dialog)
        assert dialog.keyring_note.isVisibleTo(dialog)
        note = dialog.keyring_note.text()
        assert str(tmp_path / "share") in note  # where the password would have gone
        assert "PlaintextKeyring" not in note and "PYTHON_KEYRING_BACKEND" not in note
        assert "letters render" not in note and "concepten" in note  # what to do in the app
        details = dialog.keyring_details
        assert not details.text.isVisibleTo(dialog)
        details.button.click()
        assert details.text.isVisibleTo(dialog)
        assert "keyrings.alt.file.PlaintextKeyring" in details.text.text()
        assert not dialog.password.isEnabled()
    finally:
        monkeypatch.undo()
        keyring.core.init_backend()


def test_send_from_the_app_then_answers_reminder_and_todo(
    qtbot: Any,
    demo_ctx: Context,
    smtp_server: tuple[Controller, Recorder],
    answers: list[str],
    tmp_path: Path,
) -> None:
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    signals = AppSignals()
    letters = LettersSection(demo_ctx, signals)
    agenda = AgendaSection(demo_ctx, signals)
    qtbot.addWidget(letters)
    qtbot.addWidget(agenda)
    mailing = demo_ctx.services.letters.create_mailing(
        LetterRequest(template="gezamenlijke-brief", selectors=["tag:senator"], event_id=1),
        "Brief senatoren",
    )
    signals.data_changed.emit(
        demo_ctx.services.letters.set_cosigner(mailing, "Amnesty", "approved")
    )
    letters.answers.select_mailing(mailing)
    assert letters.answers.current_id() == mailing

    letters.answers.send_button.click()
    assert len(recorder.received) == 19
    assert any("19 berichten verstuurd" in t for t in answers), answers
    outbox = letters.outbox
    assert outbox.table.rowCount() == 19
    assert {outbox.table.item(r, 2).text() for r in range(19)} == {"verstuurd"}
    assert not outbox.send_button.isEnabled()  # nothing waits

    table = letters.answers.table
    assert table.rowCount() == 19
    table.selectRow(0)
    letters.answers.mark_buttons["replied"].click()
    assert table.item(0, 2).text().startswith("beantwoord")
    first_name = table.item(0, 0).text()

    # Read an acknowledgement from the second recipient's address.
    address = table.item(1, 1).text()
    msg = EmailMessage()
    msg["From"] = address
    msg["Subject"] = "Ontvangstbevestiging"
    msg["Date"] = format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    msg["Message-ID"] = "<ack-1@eerstekamer.nl>"
    msg.set_content("Uw brief is ontvangen.")
    (tmp_path / "ack.eml").write_bytes(msg.as_bytes())
    text = letters.answers.import_files([tmp_path / "ack.eml"])
    assert "1 antwoord vastgelegd" in text
    assert table.item(1, 2).text() == "ontvangst bevestigd"
    assert "2 gereageerd (1 beantwoord)" in letters.answers.summary.text()

    # The agenda's to-do list has the follow-ups of the 17 who did not answer.
    todo = agenda.todo
    assert todo.table.rowCount() == 17
    assert first_name not in {todo.table.item(r, 1).text() for r in range(17)}
    todo.table.selectRow(0)
    todo.done_button.click()
    assert todo.table.rowCount() == 16
    # Their follow-up day (30 days on, the configured default) is marked in the month calendar.
    due = amsterdam_today() + dt.timedelta(days=30)
    marked = agenda.calendar.dateTextFormat(QDate(due.year, due.month, due.day))
    assert marked.fontUnderline() and "16 opvolgingen" in marked.toolTip()
    plain = agenda.calendar.dateTextFormat(QDate(due.year, due.month, due.day).addDays(1))
    assert not plain.fontUnderline()

    # The reminder: for exactly the 17 silent ones, then shown in the answers tab.
    result = letters.answers.make_reminder(0)
    assert "17" in result
    reminder = letters.answers.current_id()
    assert reminder != mailing
    assert sorted(demo_ctx.services.letters.mailing(reminder or 0).selectors) == sorted(
        f"person:{r.person_id}"
        for r in demo_ctx.services.replies.recipients(mailing)
        if r.status == "no_answer"
    )


def test_outbox_tab_resumes_after_a_failure(
    qtbot: Any, demo_ctx: Context, smtp_server: tuple[Controller, Recorder], answers: list[str]
) -> None:
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    signals = AppSignals()
    letters = LettersSection(demo_ctx, signals)
    qtbot.addWidget(letters)
    recorder.fail_after = 4
    demo_ctx.services.outbox.queue(
        LetterRequest(
            template="gezamenlijke-brief", selectors=["tag:senator"], event_id=1, allow_pending=True
        )
    )
    signals.data_changed.emit(Changes.of("outbox"))
    outbox = letters.outbox
    assert outbox.send_button.isEnabled()
    outbox.send_button.click()
    assert len(recorder.received) == 4 and any("451" in t for t in answers)
    statuses = [outbox.table.item(r, 2).text() for r in range(outbox.table.rowCount())]
    assert statuses.count("mislukt") == 1 and statuses.count("in de wachtrij") == 14
    recorder.fail_after = None
    outbox.send_button.click()
    assert len(recorder.received) == 19
    assert len(set(recorder.to_addresses())) == 19


def test_no_safe_keyring_offers_drafts(
    qtbot: Any, demo_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_ctx.services.mail.setup(
        host="smtp.example.nl", from_address="noor@amnesty.example", user="noor"
    )
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    keyring.core.init_backend()
    offered: list[KeyringUnavailable] = []
    monkeypatch.setattr(
        sending, "offer_drafts", lambda _c, _s, _p, _m, problem: offered.append(problem)
    )
    try:
        mailing = demo_ctx.services.letters.create_mailing(
            LetterRequest(template="gezamenlijke-brief", selectors=["tag:senator"], event_id=1)
        )
        widget = LettersSection(demo_ctx, AppSignals())
        qtbot.addWidget(widget)
        assert sending.send_mailing(demo_ctx, AppSignals(), widget, mailing) is None
        assert offered and "letters render" not in offered[0].reason
        assert "keyring.backends.null.Keyring" in offered[0].details
        assert demo_ctx.services.outbox.outbox() == []
    finally:
        monkeypatch.undo()
        keyring.core.init_backend()
