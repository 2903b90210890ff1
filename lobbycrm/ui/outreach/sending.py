"""Sending a mailing from the app: checks first, then the outbox on a worker thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, getal, language, ngettext
from lobbycrm.secret_store import KeyringUnavailable
from lobbycrm.services import Changes
from lobbycrm.services.outbox import SendReport
from lobbycrm.ui.background import run_with_progress
from lobbycrm.ui.feedback import announce_saved
from lobbycrm.ui.outreach.settings_dialog import MailSettingsDialog, keyring_advice
from lobbycrm.ui.signals import AppSignals


def report_text(report: SendReport) -> str:
    sent = len(report.sent)
    lines = [ngettext("{n} message sent", "{n} messages sent", sent).format(n=sent)]
    lines += [
        _("Not sent to {address}: {reason}").format(address=a, reason=r)
        for _i, a, r in report.failed
    ]
    if report.stopped:
        lines.append(_("Stopped: {reason}").format(reason=report.stopped))
    if report.cancelled:
        lines.append(_("Stopped by you."))
    if report.remaining:
        lines.append(
            ngettext(
                "{n} message waits in the outbox; send it from the Outbox tab.",
                "{n} messages wait in the outbox; send them from the Outbox tab.",
                report.remaining,
            ).format(n=report.remaining)
        )
    if report.interrupted:
        n = len(report.interrupted)
        lines.append(
            ngettext(
                "{n} message was being sent when the program stopped; it may have arrived. "
                "Settle it in the Outbox tab.",
                "{n} messages were being sent when the program stopped; they may have "
                "arrived. Settle them in the Outbox tab.",
                n,
            ).format(n=n)
        )
    return "\n".join(lines)


def show_problem(parent: QWidget, title: str, problem: LobbyError) -> None:
    """A problem in plain words; a keyring problem with what to do and its details."""
    if not isinstance(problem, KeyringUnavailable):
        QMessageBox.warning(parent, title, str(problem))
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(keyring_advice(problem.reason))
    if problem.details:
        box.setDetailedText(problem.details)
        box.setProperty("technicalDetails", True)  # see tests/ui/test_visible_text.py
    box.exec()


def send_outbox(
    ctx: Context, signals: AppSignals, parent: QWidget, ids: list[int] | None = None
) -> SendReport | LobbyError | None:
    """Send the given (or all waiting) outbox messages with progress; show the outcome."""
    configured = ctx.services.mail.mail_settings().configured
    if not configured and not MailSettingsDialog(ctx, parent).exec():
        return None
    outbox = ctx.services.outbox
    result = run_with_progress(
        parent,
        _("Sending..."),
        lambda progress: outbox.send(ids=ids, progress=progress),
        cancel_text=_("Stop"),
        min_duration_ms=0,
    )
    signals.data_changed.emit(Changes.of("outbox", "mailing", "interaction"))
    if isinstance(result, SendReport):
        box = QMessageBox.information if result.ok else QMessageBox.warning
        box(parent, _("Sending"), report_text(result))
    elif isinstance(result, LobbyError):
        show_problem(parent, _("Sending"), result)
    return result  # type: ignore[no-any-return]


def offer_drafts(
    ctx: Context,
    signals: AppSignals,
    parent: QWidget,
    mailing_id: int,
    problem: KeyringUnavailable,
) -> None:
    """No safe place for the password: write the mailing as .eml drafts instead."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Cannot send"))
    box.setText(problem.reason)
    box.setInformativeText(
        _(
            "LobbyCRM can make the messages as e-mail drafts instead: one file per recipient, "
            "which your mail program opens ready to send."
        )
    )
    if problem.details:
        box.setDetailedText(problem.details)
        box.setProperty("technicalDetails", True)  # see tests/ui/test_visible_text.py
    drafts = box.addButton(_("Make e-mail drafts instead..."), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is not drafts:
        return
    folder = QFileDialog.getExistingDirectory(parent, _("Folder for the e-mail drafts"))
    if not folder:
        return
    letters = ctx.services.letters
    try:
        req = letters.request_for(mailing_id, "eml", Path(folder), allow_pending=True)
        report = letters.produce(req, mailing_id)
    except (LobbyError, OSError) as exc:
        QMessageBox.warning(parent, _("E-mail drafts"), str(exc))
        return
    signals.data_changed.emit(Changes.of("mailing", "interaction"))
    n = len(report.written)
    announce_saved(
        parent,
        ngettext(
            "{n} e-mail draft made; open it in your mail program to send it",
            "{n} e-mail drafts made; open them in your mail program to send them",
            n,
        ).format(n=n),
        Path(folder),
    )


def send_mailing(
    ctx: Context,
    signals: AppSignals,
    parent: QWidget,
    mailing_id: int,
    allow_pending: bool | None = None,
    confirm: bool = True,
) -> SendReport | LobbyError | None:
    mail = ctx.services.mail
    cfg = mail.mail_settings()
    if not cfg.configured:
        if not MailSettingsDialog(ctx, parent).exec():
            return None
        cfg = mail.mail_settings()
    if cfg.user:
        problem = mail.keyring_problem()
        if problem is not None:
            offer_drafts(ctx, signals, parent, mailing_id, problem)
            return None
    letters = ctx.services.letters
    pending = [c for c in letters.mailing(mailing_id).cosigners if c.status == "invited"]
    if pending and allow_pending is None:
        answer = QMessageBox.question(
            parent,
            _("Co-signers have not answered"),
            _("{names} have not answered yet. Send anyway and count them as approved?").format(
                names=", ".join(c.organisation for c in pending)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        allow_pending = True
    try:
        req = letters.request_for(mailing_id, "eml", None, bool(allow_pending))
        queued = ctx.services.outbox.queue(req, mailing_id)
    except LobbyError as exc:
        show_problem(parent, _("Sending"), exc)
        return exc
    signals.data_changed.emit(Changes.of("outbox", "mailing"))
    if not queued.queued:
        QMessageBox.information(
            parent,
            _("Sending"),
            _("Nothing new to send: every recipient already has this mailing in the outbox.")
            + ("\n" + "\n".join(queued.skipped) if queued.skipped else ""),
        )
        return None
    if confirm:
        n = len(queued.queued)
        question = ngettext(
            "Send {n} e-mail through {server} now?",
            "Send {n} e-mails through {server} now, {pause} seconds apart?",
            n,
        ).format(n=n, server=cfg.host, pause=getal(cfg.pause, language()))
        if queued.skipped:
            question += (
                "\n\n" + _("Not sent (no e-mail address):") + "\n" + "\n".join(queued.skipped)
            )
        answer = QMessageBox.question(parent, _("Send mailing"), question)
        if answer != QMessageBox.StandardButton.Yes:
            QMessageBox.information(
                parent, _("Sending"), _("The messages wait in the outbox until you send them.")
            )
            return None
    return send_outbox(ctx, signals, parent, queued.queued)
