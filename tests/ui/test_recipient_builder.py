"""The recipient builder: ticking makes the command line's selection, said in words, counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QListWidget

from lobbycrm.bootstrap import Context
from lobbycrm.services.letters import LetterRequest
from lobbycrm.services.people import PersonFilter, RoleInput
from lobbycrm.ui.letters.recipient_builder import RecipientBuilder
from lobbycrm.ui.letters.section import LettersSection
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def committee_senators(demo_ctx: Context) -> list[int]:
    """Three senators with a seat on the Senate's asylum committee."""
    senators = demo_ctx.services.people.list(PersonFilter(tag="senator"), limit=3)
    for p in senators:
        demo_ctx.services.people.add_role(p.id, RoleInput("I&A/JBZ", "lid"))
    return [p.id for p in senators]


def _texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def _tick(qtbot, builder: RecipientBuilder, source: str, typed: str, label: str) -> None:  # type: ignore[no-untyped-def]
    builder.source.setCurrentIndex(builder.source.findData(source))
    qtbot.keyClicks(builder.search, typed)
    qtbot.waitUntil(lambda: any(t.startswith(label) for t in _texts(builder.offered)))
    item = next(
        builder.offered.item(i)
        for i in range(builder.offered.count())
        if builder.offered.item(i).text().startswith(label)
    )
    with qtbot.waitSignal(builder.selection_changed):
        item.setCheckState(Qt.CheckState.Checked)


def test_ticking_a_tag_and_a_committee(
    qtbot, demo_ctx: Context, committee_senators: list[int]
) -> None:  # type: ignore[no-untyped-def]
    builder = RecipientBuilder(demo_ctx.services)
    qtbot.addWidget(builder)
    assert builder.selection() == []
    _tick(qtbot, builder, "tag", "sen", "senator")
    assert builder.selection() == ["tag:senator"]
    assert _texts(builder.groups) == ["Alle senatoren (19)"]
    assert builder.count.text() == "<b>19 ontvangers</b>"
    # The next tick narrows the chosen group: "and".
    _tick(qtbot, builder, "committee", "JBZ", "vaste commissie voor Immigratie & Asiel")
    selectors = ["tag:senator+committee:vaste commissie voor Immigratie & Asiel / JBZ-Raad"]
    assert builder.selection() == selectors
    assert _texts(builder.groups) == [
        "Alle senatoren én lid van de commissie Immigratie & Asiel / JBZ-Raad (3)"
    ]
    chosen = demo_ctx.services.letters.select(selectors)
    assert builder.count.text() == f"<b>{len(chosen)} ontvangers</b>"
    assert sorted(committee_senators) == sorted(p.id for p in chosen)
    assert _texts(builder.names) == [
        c.label for c in demo_ctx.services.recipient_words.names(selectors)
    ]
    # A new group adds others: "or". A person ticked by hand is a group of their own.
    builder.new_group_button.click()
    _tick(qtbot, builder, "org", "CDA", "CDA (Eerste Kamer)")
    clerk = demo_ctx.services.people.list(PersonFilter(role="griffier"), limit=1)[0]
    _tick(qtbot, builder, "person", clerk.surname, clerk.display_name)
    assert builder.selection() == [*selectors, "org:CDA (Eerste Kamer)", f"person:{clerk.id}"]
    texts = _texts(builder.groups)
    assert texts[1:] == ["of CDA (Eerste Kamer) (1)", f"of {clerk.display_name}"]
    total = len(demo_ctx.services.letters.select(builder.selection()))
    assert builder.count.text() == f"<b>{total} ontvangers</b>"
    # Recorded, the mailing holds exactly the command line's selection.
    letters = demo_ctx.services.letters
    req = LetterRequest(template="gezamenlijke-brief", selectors=builder.selection())
    mailing = letters.create_mailing(req, "Brief commissie")
    assert letters.mailing(mailing).selectors == builder.selection()


def test_leaving_one_person_out_writes_the_group_out_as_names(
    qtbot, demo_ctx: Context, committee_senators: list[int]
) -> None:  # type: ignore[no-untyped-def]
    builder = RecipientBuilder(demo_ctx.services)
    qtbot.addWidget(builder)
    builder.set_selection(["tag:senator+committee:I&A/JBZ"])
    assert builder.count.text() == "<b>3 ontvangers</b>"
    gone = committee_senators[0]
    assert builder.leave_out(gone, "", ask=False)
    assert builder.selection() == [
        f"person:{i}" for i in _in_order(demo_ctx, committee_senators[1:])
    ]
    assert builder.count.text() == "<b>2 ontvangers</b>"
    assert not any("person:" in t for t in _texts(builder.groups))
    # Someone added by hand is simply taken off.
    assert builder.leave_out(committee_senators[1], "", ask=False)
    assert builder.count.text() == "<b>1 ontvanger</b>"


def _in_order(ctx: Context, ids: list[int]) -> list[int]:
    return [p.id for p in ctx.services.people.get_many(ids)]


def test_a_stored_selection_is_shown_in_words(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    letters = demo_ctx.services.letters
    letters.create_mailing(
        LetterRequest(template="gezamenlijke-brief", selectors=["tag:senator", "org:CDA"]),
        "Brief senaat",
    )
    section = LettersSection(demo_ctx, AppSignals())
    qtbot.addWidget(section)
    panel = section.mailings
    rows = {panel.mailings.item(i).text().split(" — ")[0]: i for i in range(panel.mailings.count())}
    panel.mailings.setCurrentRow(rows["Brief senaat"])
    assert "Alle senatoren (19) of CDA (Eerste Kamer) (1)" in panel.summary.text()
    # The demo's council letter went to eight clerks, one by one: their names, not numbers.
    council = next(k for k in rows if k.startswith("Verzoek griffie"))
    panel.mailings.setCurrentRow(rows[council])
    assert "person:" not in panel.summary.text()
    assert "en 5 anderen" in panel.summary.text()
    # The builder shows a stored selection in the same words.
    builder = RecipientBuilder(demo_ctx.services)
    qtbot.addWidget(builder)
    builder.set_selection(letters.mailing(panel.current_id() or 0).selectors)
    assert len(_texts(builder.groups)) == 8
    assert all(not t.startswith(("person:", "of person:")) for t in _texts(builder.groups))
