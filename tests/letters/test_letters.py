"""Letters: sandboxed templates, tailored copies, .eml drafts and PDFs parsed back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from email import message_from_bytes
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default
from pathlib import Path

import pytest
from pypdf import PdfReader

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.letters import templates
from lobbycrm.letters.outputs import Copy, Letterhead, build_eml
from lobbycrm.services.letters import LetterRequest


def debate_id(ctx: Context) -> int:
    return next(
        e.id
        for e in ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )


def campaign_id(ctx: Context) -> int:
    return ctx.services.campaigns.list()[0].id


def request(ctx: Context, out: Path, fmt: str = "eml", **kw: object) -> LetterRequest:
    values: dict[str, object] = dict(
        template="gezamenlijke-brief",
        selectors=["tag:senator"],
        fmt=fmt,
        out_dir=out,
        event_id=debate_id(ctx),
        campaign_id=campaign_id(ctx),
        cosigners=["Amnesty", "UNICEF"],
        allow_pending=True,
    )
    values.update(kw)
    return LetterRequest(**values)  # type: ignore[arg-type]


@pytest.fixture
def second_cda(demo_ctx: Context) -> None:
    """A made-up second CDA spokesperson: the demo's CDA has one confirmed member, and these
    tests need a group of two."""
    from lobbycrm.services.people import PersonInput, RoleInput

    demo_ctx.services.people.add(
        PersonInput(
            surname="Bakker",
            first_name="Anna",
            gender="vrouw",
            initials="A.",
            emails=["anna.bakker@cda.example"],
        ),
        [
            RoleInput("CDA (Eerste Kamer)", "lid"),
            RoleInput("CDA (Eerste Kamer)", "woordvoerder", "asiel en migratie"),
        ],
    )


@pytest.fixture
def sender(demo_ctx: Context) -> None:
    demo_ctx.services.letters.set_sender(
        name="Noor Jansen",
        organisation="Amnesty International",
        email="n.jansen@amnesty.example",
        place="Amsterdam",
    )


def test_template_syntax_error_names_template_and_line() -> None:
    with pytest.raises(LobbyError, match=r"proef: .*4"):
        templates.parse_template("proef", "Onderwerp: x\n\nregel 1\n{% if %}\n")
    with pytest.raises(LobbyError, match="Onderwerp"):
        templates.parse_template("proef", "geen onderwerpregel\n\ntekst")


def test_unknown_variable_names_it_and_the_recipient() -> None:
    t = templates.parse_template("proef", "Onderwerp: x\n\n{{ recipient.bestaat_niet }}")
    with pytest.raises(LobbyError) as info:
        templates.render(t, {"recipient": {"display_name": "A"}}, "Gaby Perin-Gopie")
    assert "bestaat_niet" in str(info.value) and "Gaby Perin-Gopie" in str(info.value)


@pytest.mark.parametrize(
    "evil",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ recipient.__class__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{% include '/etc/passwd' %}",
    ],
)
def test_sandbox_keeps_templates_away_from_python_and_files(evil: str) -> None:
    t = templates.parse_template("boos", f"Onderwerp: x\n\n{evil}")
    with pytest.raises(Exception) as info:
        templates.render(t, {"recipient": {}}, "X")
    assert "root:" not in str(info.value)


def test_builtin_templates_all_parse() -> None:
    names = {t.name for t in templates.available()}
    assert {
        "gezamenlijke-brief",
        "verzoek-griffie",
        "herinnering",
        "position-paper",
        "verkiezingsprogramma",
    } <= names


def test_eml_drafts_for_the_senators(demo_ctx: Context, sender: None, tmp_path: Path) -> None:
    attachment = tmp_path / "Petitie Geen Kind in de Cel.pdf"
    attachment.write_bytes(b"%PDF-1.4 petitie")
    report = demo_ctx.services.letters.produce(
        request(
            demo_ctx,
            tmp_path / "out",
            attachments=[attachment],
            fields=["group:CDA:fractie=Alleen voor het CDA."],
        )
    )
    assert report.recipients == 19 and len(report.written) == 19 and report.skipped == []
    by_to: dict[str, EmailMessage] = {}
    for path in report.written:
        msg = BytesParser(policy=default).parsebytes(path.read_bytes())
        by_to[msg["To"].addresses[0].addr_spec] = msg  # type: ignore[assignment]
    gaby = by_to["gaby.perin-gopie@eerstekamer.example"]
    assert gaby["X-Unsent"] == "1"
    assert gaby["Subject"].startswith("Plenaire behandeling")
    assert gaby["From"].addresses[0].addr_spec == "n.jansen@amnesty.example"
    text = gaby.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert text.startswith("Geachte mevrouw Perin-Gopie,")
    assert "dinsdag 19 mei 2026" in text and "31.805" in text
    assert "Amnesty International Nederland\nUNICEF" in text
    assert "Alleen voor het CDA." not in text
    assert "Geachte mevrouw Perin-Gopie," in gaby.get_body(("html",)).get_content()  # type: ignore[union-attr]
    files = [(a.get_filename(), a.get_content()) for a in gaby.iter_attachments()]
    assert files == [("Petitie Geen Kind in de Cel.pdf", b"%PDF-1.4 petitie")]
    hattem = by_to["alexander.vanhattem@eerstekamer.example"].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert hattem.startswith("Geachte heer Van Hattem,")
    dessing = by_to["johan.dessing@eerstekamer.example"].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert dessing.startswith("Geachte Johan Dessing,")
    cda = by_to["madeleine.vantoorenburg@eerstekamer.example"].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Alleen voor het CDA." in cda
    # Who got what, when: one interaction per copy on the person's timeline.
    person = next(p for p in demo_ctx.services.people.list() if p.surname == "Perin-Gopie")
    latest = demo_ctx.services.interactions.list(person_id=person.id)[0]
    assert latest.kind == "email" and latest.subject == gaby["Subject"]
    assert "gezamenlijke-brief" in latest.notes


@pytest.mark.parametrize(
    ("cosigners", "expected"),
    [
        (["Amnesty", "UNICEF"], "Namens twee maatschappelijke organisaties vragen wij"),
        (["Amnesty"], "Namens Amnesty International Nederland vragen wij"),
        ([], "Namens Amnesty International vragen wij"),  # the sender's own organisation
    ],
)
def test_joint_letter_names_one_signer_and_counts_several(
    demo_ctx: Context, sender: None, tmp_path: Path, cosigners: list[str], expected: str
) -> None:
    copies = demo_ctx.services.letters.copies(request(demo_ctx, tmp_path, cosigners=cosigners))
    assert all(expected in " ".join(c.body.split()) for c in copies)


def test_recipient_without_email_is_skipped_others_written(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    report = demo_ctx.services.letters.produce(
        request(demo_ctx, tmp_path, selectors=["role:griffier+org:I&A/JBZ", "person:1"])
    )
    assert len(report.written) == 1
    assert len(report.skipped) == 1 and "Dragstra" in report.skipped[0]


def test_selectors_union_intersection_nobody_twice(demo_ctx: Context, second_cda: None) -> None:
    letters = demo_ctx.services.letters
    cda = letters.select(["org:CDA+role:woordvoerder"])
    assert [p.surname for p in cda] == ["Bakker", "Toorenburg"]
    both = letters.select(["org:CDA", "tag:senator", "person:1"])
    assert len(both) == 20 == len({p.id for p in both})  # 19 senators and Anna Bakker
    with pytest.raises(ValidationError):
        letters.select(["tag:bestaat-niet"])
    with pytest.raises(ValidationError):
        letters.select(["kleur:rood"])


def test_missing_attachment_refused_before_anything_is_written(
    demo_ctx: Context, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    before = len(demo_ctx.services.interactions.list())
    with pytest.raises(ValidationError):
        demo_ctx.services.letters.produce(
            request(demo_ctx, out, attachments=[tmp_path / "weg.pdf"])
        )
    assert not out.exists()
    assert len(demo_ctx.services.interactions.list()) == before


def test_pdf_copies_and_combined_pdf(
    demo_ctx: Context, sender: None, second_cda: None, tmp_path: Path
) -> None:
    report = demo_ctx.services.letters.produce(
        request(demo_ctx, tmp_path, fmt="pdf", selectors=["org:CDA+role:woordvoerder"])
    )
    combined = tmp_path / "alle-brieven.pdf"
    assert combined in report.written and len(report.written) == 3
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(combined).pages)
    assert "Geachte mevrouw Bakker," in text
    assert "Geachte mevrouw Van Toorenburg," in text
    assert "De heer" not in text and "Mevrouw A. Bakker" in text
    assert "Amsterdam," in text


def test_no_header_injection() -> None:
    copy = Copy(
        person_id=1,
        file_stem="x",
        to_name="Jan\r\nBcc: stiekem@example.org",
        to_email="jan@example.org",
        address_lines=(),
        subject="Hallo\nBcc: b@c.nl",
        body="tekst",
        date=dt.date(2026, 5, 13),
    )
    raw = build_eml(copy, Letterhead(email="a@b.nl", name="A\nCc: x@y.nl"), "<p>x</p>").as_bytes()
    msg = message_from_bytes(raw)
    assert msg["Bcc"] is None and msg["Cc"] is None
    assert msg["Subject"] == "Hallo Bcc: b@c.nl"


def test_joint_letter_cosigners_versions_and_mailing_log(
    demo_ctx: Context, sender: None, second_cda: None, tmp_path: Path
) -> None:
    letters = demo_ctx.services.letters
    strict = request(
        demo_ctx,
        tmp_path / "a",
        allow_pending=False,
        cosigners=["Amnesty", "UNICEF", "VWN"],
        selectors=["org:CDA+role:woordvoerder"],
    )
    with pytest.raises(LobbyError, match="allow-pending"):
        letters.produce(strict)
    assert not (tmp_path / "a").exists()
    mailing = letters.create_mailing(strict, "Brief Geen Kind in de Cel")
    letters.set_cosigner(mailing, "Amnesty", "approved", dt.date(2026, 5, 12), "Noor")
    letters.set_cosigner(mailing, "UNICEF", "declined")
    with pytest.raises(LobbyError, match="VluchtelingenWerk"):
        letters.produce(strict, mailing)
    letters.set_cosigner(mailing, "VWN", "approved")
    _n, text = letters.version_text(mailing)
    assert (
        letters.save_version(
            mailing, text.replace("Met vriendelijke groet,", "Met hartelijke groet,"), "toon"
        )
        == 2
    )
    with pytest.raises(LobbyError):
        letters.save_version(mailing, "Onderwerp: x\n\n{% if %}")
    diff = letters.diff(mailing, 1, 2)
    assert "-Met vriendelijke groet," in diff and "+Met hartelijke groet," in diff
    report = letters.produce(dataclasses.replace(strict, fmt="txt"), mailing)
    assert report.mailing_id == mailing and report.version == 2 and len(report.written) == 2
    body = report.written[0].read_text(encoding="utf-8")
    assert "Met hartelijke groet," in body
    assert "Amnesty International Nederland\nVluchtelingenWerk Nederland" in body
    assert "UNICEF" not in body
    row = letters.mailing(mailing)
    assert row.copies == 2 and [c.status for c in row.cosigners] == [
        "approved",
        "declined",
        "approved",
    ]
    logged = demo_ctx.services.interactions.list(mailing_id=mailing)
    assert len(logged) == 2 and all("versie 2" in i.notes for i in logged)
    # An ad-hoc run records its own mailing too.
    adhoc = letters.produce(request(demo_ctx, tmp_path / "b", selectors=["person:1"]))
    assert adhoc.mailing_id not in (0, mailing) and adhoc.version == 1


def test_draft_eml_writes_the_bytes_the_email_package_writes() -> None:
    """The quick draft writer gives what build_eml(...).as_bytes() gives (a long name and
    subject with accents folded the same way); only the random boundary differs."""
    import re

    from lobbycrm.letters.outputs import draft_eml, letter_html

    copy = Copy(
        person_id=1,
        file_stem="x",
        to_name="Zoë van 't Hoff-Ängström, met een naam die langer is dan één regel",
        to_email="zoe@example.org",
        address_lines=(),
        subject="Gezamenlijke brief over het plenaire debat Kinderrechten op 12 mei 2026 – ë",
        body="Geachte mevrouw,\n\n" + "Tekst met é en ü. " * 40,
        date=dt.date(2026, 5, 12),
    )
    head = Letterhead(organisation="Amnesty", name="Noor Ö", email="noor@example.org")
    page = letter_html(copy, head, "", False)
    ours, message_id = draft_eml(copy, head, page)
    theirs = build_eml(copy, head, page).as_bytes()

    def same_parts(raw: bytes) -> bytes:
        raw = re.sub(rb"={15}\d+==", b"BOUNDARY", raw)
        return re.sub(rb"\n(Date|Message-ID): [^\n]*", b"", raw)

    assert same_parts(ours) == same_parts(theirs)
    assert f"Message-ID: {message_id}".encode() in ours
    parsed = message_from_bytes(ours, policy=default)
    assert parsed["X-Unsent"] == "1"
    assert "Ängström" in str(parsed["To"])
    plain = parsed.get_body(("plain",))
    assert plain is not None and plain.get_content() == copy.body
