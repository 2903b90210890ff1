"""Letters use cases: choose recipients, tailor a template per person, write the copies."""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import difflib
import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import damaged, names
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.files import FileProblem, file_problem
from lobbycrm.core.i18n import _, datum
from lobbycrm.core.validation import amsterdam_today, check_date, check_text, is_id_text
from lobbycrm.db.audit import bulk_insert
from lobbycrm.db.models import (
    Cosigner,
    Dossier,
    Event,
    Interaction,
    Mailing,
    MailingRecipient,
    MailingVersion,
    Person,
)
from lobbycrm.letters import templates
from lobbycrm.letters.fields import FieldInfo, field_values, missing_fields
from lobbycrm.letters.layout import (
    MARGIN_MM,
    SENDER_PLACEHOLDERS,
    LetterPage,
    build_page,
    page_html,
)
from lobbycrm.letters.outputs import Attachment, Copy, Letterhead, draft_eml, letter_html
from lobbycrm.services.audit import get_for_edit
from lobbycrm.services.calendar import kind_label
from lobbycrm.services.campaigns import CampaignService
from lobbycrm.services.changes import Changes
from lobbycrm.services.correspondence import MailingCounts, mailing_counts, replace_drafts
from lobbycrm.services.dossiers import DossierService
from lobbycrm.services.dto import OrgRow, PersonDetail
from lobbycrm.services.events import EventService
from lobbycrm.services.interactions import InteractionInput, build_interaction
from lobbycrm.services.lookup import get_or_fail
from lobbycrm.services.orgs import OrgService
from lobbycrm.services.people import PeopleService, PersonFilter
from lobbycrm.services.settings import SettingsService

FORMATS = ("eml", "pdf", "html", "txt")
SENDER_KEYS = ("name", "function", "organisation", "email", "place", "address", "phone", "website")
COSIGNER_STATUSES = ("invited", "approved", "declined")
SELECTOR_KINDS = ("tag", "org", "role", "portfolio", "committee", "person")


@dataclass(frozen=True)
class LetterRequest:
    template: str
    selectors: list[str]
    fmt: str = "eml"
    out_dir: Path | None = None
    event_id: int | None = None
    dossier_id: int | None = None
    campaign_id: int | None = None
    cosigners: list[str] = field(default_factory=list)
    attachments: list[Path] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # KEY=VALUE, group:NAME:KEY=V, person:ID:K=V
    allow_pending: bool = False  # count co-signers who did not answer as approved


@dataclass
class LetterReport:
    mailing_id: int = 0
    version: int = 0
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    recipients: int = 0


@dataclass(frozen=True)
class CosignerRow:
    organisation: str
    short_name: str
    status: str
    decided_on: dt.date | None
    contact: str


@dataclass(frozen=True)
class MailingRow:
    id: int
    name: str
    template: str
    selectors: list[str]
    fields: list[str]
    attachments: list[str]
    event_id: int | None
    dossier_id: int | None
    campaign_id: int | None
    versions: list[tuple[int, str, dt.datetime]]
    cosigners: list[CosignerRow]
    created_at: dt.datetime
    copies: int  # recipients with a copy (drafted, sent or failed), each counted once
    version: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None
    damaged: str = ""  # why the stored row can't be used as it is (lobbycrm.core.damaged)
    counts: MailingCounts = field(default_factory=MailingCounts)


@dataclass(frozen=True)
class AttachmentRow:
    """A file attached to a mailing, as the app lists it."""

    path: Path
    name: str
    size: int | None  # bytes; None when the file cannot be read
    problem: str = ""  # why it cannot be attached now ("bestand niet gevonden"), else ""


@dataclass(frozen=True)
class MailingItem:
    """One line of the list of mailings."""

    id: int
    name: str
    recipients: int


def _check_out_folder(out: Path) -> None:
    """The output folder exists as a folder or can be made: not a file, nor under one, and
    writable where it will be made."""
    if out.exists():
        if not out.is_dir():
            raise FileProblem(out, _("is a file, not a folder"))
        existing = out
    else:
        existing = next((p for p in out.parents if p.exists()), Path("."))
        if not existing.is_dir():
            raise FileProblem(out, _("a part of the path is not a folder"))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise FileProblem(out, _("no permission"))


def cosigner_names(cosigners: list[CosignerRow], allow_pending: bool) -> list[CosignerRow]:
    """Approved co-signers in order; invited ones too when the user allows it; never declined."""
    pending = [c for c in cosigners if c.status == "invited"]
    if pending and not allow_pending:
        raise LobbyError(
            _(
                "{n} co-signer(s) have not answered yet: {names}. Record their "
                "answer or use --allow-pending."
            ).format(n=len(pending), names=", ".join(c.organisation for c in pending))
        )
    return [
        c for c in cosigners if c.status == "approved" or (allow_pending and c.status == "invited")
    ]


def _template_text(t: templates.LetterTemplate) -> str:
    """The text kept as a mailing's version: the file as written, header comments (its
    description, fields and their defaults) included."""
    return t.source or f"Onderwerp: {t.subject}\n\n{t.body}"


def safe_stem(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-") or "brief"


def _parse_fields(
    items: list[str],
) -> tuple[dict[str, str], dict[str, dict[str, str]], dict[int, dict[str, str]]]:
    letter: dict[str, str] = {}
    groups: dict[str, dict[str, str]] = {}
    persons: dict[int, dict[str, str]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValidationError("--set", item, _("use KEY=VALUE"))
        # A value goes into letters and e-mail: cleaned like any input.
        value = check_text("--set", value, single_line=False, max_length=100_000)
        scope = key.split(":")
        if len(scope) == 3 and scope[0] == "group":
            groups.setdefault(scope[1].casefold(), {})[scope[2]] = value
        elif len(scope) == 3 and scope[0] == "person" and is_id_text(scope[1]):
            persons.setdefault(int(scope[1]), {})[scope[2]] = value
        elif len(scope) == 1 and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key.strip()):
            letter[key.strip()] = value
        else:
            raise ValidationError(
                "--set", item, _("use KEY=VALUE, group:PARTY:KEY=VALUE or person:ID:KEY=VALUE")
            )
    return letter, groups, persons


class MissingFields(LobbyError):
    """Fields the template needs that have no value (for some recipients)."""

    def __init__(self, template: str, missing: list[FieldInfo], who: list[str]) -> None:
        self.missing = missing
        self.who = who
        names = ", ".join(
            f"{f.name} ({f.description})" if f.description else f.name for f in missing
        )
        text = _("{template}: these fields need a value: {names}").format(
            template=template, names=names
        )
        if who:
            text += " — " + _("for: {names}").format(names=", ".join(who[:5]))
            if len(who) > 5:
                text += " " + _("and {n} more").format(n=len(who) - 5)
        super().__init__(text)


def check_fields(
    template: templates.LetterTemplate, values: list[tuple[str, dict[str, str]]]
) -> None:
    """Before anything is produced: every field the template needs has a value for every
    recipient (a value given for some groups or persons only leaves the others missing)."""
    if not template.source:
        return
    missing: dict[str, FieldInfo] = {}
    who: list[str] = []
    everyone = True
    for name, given in values:
        lacking = missing_fields(template.source, given)
        if lacking:
            who.append(name)
            missing.update((f.name, f) for f in lacking)
        else:
            everyone = False
    if missing:
        # Missing for everyone: naming each recipient says nothing.
        raise MissingFields(template.name, list(missing.values()), [] if everyone else who)


def _merge_paths(stored: list[Path], extra: list[Path]) -> list[Path]:
    """The stored paths, then the extra ones not among them (compared as absolute paths)."""
    out = [Path(p) for p in stored]
    seen = {os.path.abspath(p) for p in out}
    for p in extra:
        full = Path(os.path.abspath(Path(p).expanduser()))
        if str(full) not in seen:
            seen.add(str(full))
            out.append(full)
    return out


def remember_attachments(s: Session, mailing_id: int, paths: list[Path]) -> None:
    """Files attached when a mailing was produced are kept with it, for the next run."""
    m = s.get(Mailing, mailing_id)
    if m is None:
        return
    stored, _bad = damaged.text_list(m.attachments)
    merged = [str(p) for p in _merge_paths([Path(x) for x in stored], paths)]
    if merged != stored:
        m.attachments = json.dumps(merged)


def read_attachments(paths: list[Path]) -> tuple[Attachment, ...]:
    """Each attachment read once, before anything is produced or recorded: a missing or
    unreadable file stops everything with its name."""
    out: list[Attachment] = []
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise ValidationError(_("attachment"), str(path), _("file not found"))
        if not p.is_file():
            raise FileProblem(p, _("is a folder, not a file"))
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise file_problem(p, exc) from None
        out.append(Attachment(p.name, data))
    return tuple(out)


class LetterService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        people: PeopleService,
        orgs: OrgService,
        events: EventService,
        dossiers: DossierService,
        campaigns: CampaignService,
        settings: SettingsService,
    ) -> None:
        self._sessions = sessions
        self._people = people
        self._orgs = orgs
        self._events = events
        self._dossiers = dossiers
        self._campaigns = campaigns
        self._settings = settings
        self._org_cache: dict[int, OrgRow] = {}

    # --- recipients ----------------------------------------------------------------------

    def _term(self, term: str) -> set[int]:
        kind, sep, value = term.partition(":")
        kind, value = kind.strip().lower(), value.strip()
        if not sep or kind not in SELECTOR_KINDS or not value:
            raise ValidationError(
                "--to",
                term,
                _("use tag:, org:, role:, portfolio:, committee: or person: followed by a value"),
            )
        if kind == "person":
            if not is_id_text(value):
                raise ValidationError("--to", term, _("person: takes a person's id"))
            self._people.get(int(value.strip().removeprefix("#")))
            return {int(value.strip().removeprefix("#"))}
        if kind == "tag":
            f = PersonFilter(tag=value)
        elif kind in ("org", "committee"):
            org = self._orgs.find(value)
            if kind == "committee" and org.kind != "committee":
                raise ValidationError(
                    "--to", term, _("{name} is not a committee").format(name=org.name)
                )
            f = PersonFilter(organisation=f"#{org.id}", current=True)
        elif kind == "role":
            f = PersonFilter(role=value, current=True)
        else:
            f = PersonFilter(portfolio=value, current=True)
        found = set(self._people.ids(f))
        if kind == "tag" and not found and value.lower() not in self._all_tags():
            raise ValidationError("--to", term, _("unknown tag"))
        return found

    def _all_tags(self) -> set[str]:
        from lobbycrm.db.models import Tag

        with self._sessions() as s:
            return set(s.scalars(select(Tag.name)))

    def select(self, selectors: list[str]) -> list[PersonDetail]:
        """`+` joins terms that must all hold; separate selectors are added together."""
        if not selectors:
            raise ValidationError("--to", "", _("choose at least one recipient selector"))
        chosen: set[int] = set()
        for selector in selectors:
            if not selector.strip():
                raise ValidationError("--to", "", _("a recipient selector must not be empty"))
            sets = [self._term(t) for t in selector.split("+") if t.strip()]
            if sets:
                chosen |= set.intersection(*sets)
        return self._people.get_many(sorted(chosen))

    # --- context -------------------------------------------------------------------------

    def sender(self) -> dict[str, Any]:
        values = self._settings.all("sender.")
        # Never set: a visible placeholder in the letter; set to empty: left out.
        sender: dict[str, Any] = {
            k: values.get(f"sender.{k}", SENDER_PLACEHOLDERS.get(k, "")) for k in SENDER_KEYS
        }
        sender["organisation"] = {"name": sender["organisation"]}
        return sender

    def set_sender(self, **values: str) -> None:
        for key, value in values.items():
            if key not in SENDER_KEYS:
                raise ValidationError(key, value, _("unknown sender field"))
            self._settings.set(f"sender.{key}", check_text(key, value, max_length=300))

    def letterhead(self) -> Letterhead:
        s = self.sender()
        lines = tuple(x for x in (s["address"], s["phone"], s["email"], s["website"]) if x)
        return Letterhead(
            organisation=s["organisation"]["name"],
            name=s["name"],
            function=s["function"],
            email=s["email"],
            place=s["place"],
            lines=lines,
        )

    def recipient_context(self, p: PersonDetail) -> dict[str, Any]:
        current = [r for r in p.roles if r.current]
        party = next((r for r in current if r.organisation_kind == "party-group"), None)
        committee = next((r for r in current if r.organisation_kind == "committee"), None)
        spoke = next((r for r in current if r.role == "woordvoerder" and r.portfolio), None)
        main = next(
            (r for r in current if r.organisation_kind in ("chamber", "council")),
            current[0] if current else None,
        )
        party_name = ""
        party_org = self._org(party.organisation_id) if party is not None else None
        if party_org is not None:
            party_name = party_org.short_name or party_org.name
        committee_org = self._org(committee.organisation_id) if committee is not None else None
        return {
            "id": p.id,
            "display_name": p.display_name,
            "formal_name": p.formal_name,
            "salutation": p.salutation,
            "address_line": p.address_line,
            "first_name": p.first_name,
            "initials": p.initials,
            "particle": p.particle,
            "own_salutation": p.own_salutation,
            "surname": names.surname_alone(names.NameParts(surname=p.surname, particle=p.particle)),
            "gender": p.gender,
            "role": main.role if main else "",
            "organisation": main.organisation if main else "",
            "party": party_name,
            "committee": committee.organisation if committee else "",
            # The person's committee and party group addressed as bodies (names.body_*).
            "committee_salutation": committee_org.salutation if committee_org else "",
            "committee_address": committee_org.address_line if committee_org else "",
            "party_salutation": party_org.salutation if party_org else "",
            "party_address": party_org.address_line if party_org else "",
            "portfolio": spoke.portfolio if spoke else "",
            "email": p.emails[0] if p.emails else "",
            "address": p.addresses[0].splitlines() if p.addresses else [],
            "tags": p.tags,
        }

    def _org(self, org_id: int | None) -> OrgRow | None:
        if org_id is None:
            return None
        if org_id not in self._org_cache:
            self._org_cache[org_id] = self._orgs.get(org_id)
        return self._org_cache[org_id]

    def addressed_body(self, selectors: list[str]) -> OrgRow | None:
        """The committee, party group, chamber or council a letter goes to as a body: the
        selection is that one body (`committee:NAME` or `org:NAME`)."""
        if len(selectors) != 1 or "+" in selectors[0]:
            return None
        kind, sep, value = selectors[0].partition(":")
        if not sep or kind.strip().lower() not in ("committee", "org") or not value.strip():
            return None
        org = self._orgs.find(value.strip())
        if org.kind not in ("committee", "party-group", "chamber", "council"):
            return None
        return org

    def base_context(
        self, req: LetterRequest, cosigners: list[CosignerRow] | None = None
    ) -> dict[str, Any]:
        ctx: dict[str, Any] = {"sender": self.sender(), "today": amsterdam_today()}
        if cosigners is None:
            cosigners = [self._invited(name) for name in req.cosigners]
            cosigners = [dataclasses.replace(c, status="approved") for c in cosigners]
        ctx["cosigners"] = [{"name": c.organisation, "short_name": c.short_name} for c in cosigners]
        body = self.addressed_body(req.selectors)
        if body is not None:
            # A letter to a committee or party group as a body: "Geachte leden van de vaste
            # commissie voor ...," ({{ body.salutation }}), "Aan de leden van de ..." .
            ctx["body"] = {
                "name": body.name,
                "full_name": body.full_name or body.name,
                "kind": body.kind,
                "salutation": body.salutation,
                "address_line": body.address_line,
            }
        ctx["attachments"] = [
            {"name": Path(a).name, "title": Path(a).stem} for a in req.attachments
        ]
        if req.event_id is not None:
            e = self._events.get(req.event_id)
            ctx["event"] = {
                "title": e.title,
                "start": e.start,
                "end": e.end,
                "location": e.location,
                "kind": kind_label(e.kind),
                "organisation": e.organisation or "",
                "all_day": e.all_day,
            }
            if req.dossier_id is None and e.dossier_id:
                ctx["dossier"] = self._dossier(e.dossier_id)
        if req.dossier_id is not None:
            ctx["dossier"] = self._dossier(req.dossier_id)
        if req.campaign_id is not None:
            c = self._campaigns.get(req.campaign_id)
            ctx["campaign"] = {
                "name": c.name,
                "signatures": c.signatures or 0,
                "partners": [{"name": n} for n in c.partners],
            }
        return ctx

    def _dossier(self, dossier_id: int) -> dict[str, Any]:
        d = self._dossiers.get(dossier_id)
        return {
            "title": d.title,
            "kamerstuk": d.kamerstuk,
            "status": d.status,
            "chamber": d.chamber or "",
            "kernboodschap": d.kernboodschap,
            "asks": list(d.asks),
        }

    # --- producing -----------------------------------------------------------------------

    def _invited(self, name: str) -> CosignerRow:
        org = self._orgs.find(name)
        return CosignerRow(org.name, org.short_name, "invited", None, "")

    def copies(
        self,
        req: LetterRequest,
        template: templates.LetterTemplate | None = None,
        cosigners: list[CosignerRow] | None = None,
        preview: bool = False,
    ) -> list[Copy]:
        """Every recipient's copy rendered in memory; any error stops before a file exists.

        A required field without a value stops everything (MissingFields), and so does an
        attachment that cannot be read; in a `preview` the field shows as «name» in the text
        and attachments are not read."""
        template = template or templates.load(req.template)
        attachments = () if preview else read_attachments(req.attachments)
        letter_fields, group_fields, person_fields = _parse_fields(req.fields)
        self._org_cache.clear()  # names read fresh for every run (an edit in between counts)
        base = self.base_context(req, cosigners)
        today = amsterdam_today()
        people = self.select(req.selectors)
        recipients = [(p, self.recipient_context(p)) for p in people]
        values = {
            p.id: {
                **letter_fields,
                **group_fields.get(recipient["party"].casefold(), {}),
                **person_fields.get(p.id, {}),
            }
            for p, recipient in recipients
        }
        if preview:
            for given in values.values():
                for f in missing_fields(template.source, given):
                    given[f.name] = f"«{f.name}»"
        else:
            check_fields(template, [(p.display_name, values[p.id]) for p in people])
        out: list[Copy] = []
        for p, recipient in recipients:
            fields = field_values(template.source, values[p.id])
            rendered = templates.render(
                template, {**base, "recipient": recipient, "fields": fields}, p.display_name
            )
            address = [p.address_line, recipient["organisation"], *recipient["address"]]
            out.append(
                Copy(
                    person_id=p.id,
                    file_stem=f"{safe_stem(p.sort_name)}-{p.id}",
                    to_name=p.display_name,
                    to_email=recipient["email"] or None,
                    address_lines=tuple(a for a in address if a),
                    subject=rendered.subject,
                    body=rendered.body,
                    date=today,
                    attachments=attachments,
                )
            )
        return out

    # --- templates -----------------------------------------------------------------------

    def save_template(self, name: str, text: str) -> Path:
        """Check and store a user template (same name as a built-in overrides it)."""
        clean = check_text(_("name"), name, required=True, max_length=100)
        if not re.fullmatch(r"[\w\- ]+", clean):
            raise ValidationError(_("name"), name, _("use letters, digits, spaces and dashes"))
        templates.parse_template(clean, text)
        folder = templates.user_template_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{clean}.txt"
        path.write_text(text, encoding="utf-8")
        return path

    def preview(self, text: str, req: LetterRequest, person_id: int) -> str:
        """One recipient's copy of an unsaved template text (for the editor's live preview)."""
        template = templates.parse_template(_("draft"), text)
        req = dataclasses.replace(req, selectors=[f"person:{person_id}"], allow_pending=True)
        copy = self.copies(req, template, preview=True)[0]
        return f"{copy.subject}\n\n{copy.body}"

    def preview_page(self, text: str, req: LetterRequest, person_id: int) -> LetterPage:
        """One recipient's copy of an unsaved template text laid out as the printed page."""
        template = templates.parse_template(_("draft"), text)
        req = dataclasses.replace(req, selectors=[f"person:{person_id}"], allow_pending=True)
        return build_page(self.copies(req, template, preview=True)[0], self.letterhead())

    # --- mailings ------------------------------------------------------------------------

    def create_mailing(self, req: LetterRequest, name: str = "", checked: bool = False) -> int:
        """Record a letter: its selection, options, co-signers (invited) and text version 1.
        `checked`: the selection was just used (it is not looked up again)."""
        template = templates.load(req.template)
        if not checked:
            self.select(req.selectors)
        cosigners = [self._orgs.find(n) for n in req.cosigners]
        with self._sessions.begin() as s:
            m = Mailing(
                name=check_text(
                    _("name"), name or f"{template.name} {amsterdam_today()}", max_length=300
                ),
                template=req.template,
                selectors=json.dumps(req.selectors),
                fields=json.dumps(req.fields),
                attachments=json.dumps([str(p) for p in _merge_paths([], req.attachments)]),
                event_id=req.event_id,
                dossier_id=req.dossier_id,
                campaign_id=req.campaign_id,
            )
            m.versions.append(
                MailingVersion(number=1, text=_template_text(template), note=_("first version"))
            )
            seen: set[int] = set()
            for i, org in enumerate(cosigners):
                if org.id not in seen:
                    seen.add(org.id)
                    m.cosigners.append(Cosigner(organisation_id=org.id, position=i))
            s.add(m)
            s.flush()
            return m.id

    def mailings(
        self, *, dossier_id: int | None = None, limit: int | None = None
    ) -> builtins.list[MailingRow]:
        """Mailings newest first, all of them only where a command line asks for a list; the
        app passes a limit (or a dossier)."""
        stmt = select(Mailing.id).order_by(Mailing.id.desc()).limit(limit)
        if dossier_id is not None:
            stmt = stmt.where(Mailing.dossier_id == dossier_id)
        with self._sessions() as s:
            ids = list(s.scalars(stmt))
        return [self.mailing(i) for i in ids]

    def mailing_items(self, search: str = "", limit: int = 200) -> builtins.list[MailingItem]:
        """The newest `limit` mailings whose name holds `search`, with their number of
        recipients (each counted once, however often drafts were made), in one query: what the
        app's list of mailings shows."""
        from sqlalchemy import func

        recipients = (
            select(func.count())
            .select_from(MailingRecipient)
            .where(MailingRecipient.mailing_id == Mailing.id)
            .scalar_subquery()
        )
        stmt = select(Mailing.id, Mailing.name, recipients)
        stmt = stmt.order_by(Mailing.id.desc()).limit(limit)
        for word in search.lower().split():
            stmt = stmt.where(func.lower(Mailing.name).contains(word, autoescape=True))
        with self._sessions() as s:
            return [MailingItem(i, name, int(n or 0)) for i, name, n in s.execute(stmt)]

    def mailing(self, mailing_id: int) -> MailingRow:
        with self._sessions() as s:
            m = get_or_fail(s, Mailing, mailing_id, _("mailing"))
            counts = mailing_counts(s, [mailing_id])[mailing_id]
            selectors, bad_selectors = damaged.text_list(m.selectors)
            fields, bad_fields = damaged.text_list(m.fields)
            attachments, bad_attachments = damaged.text_list(m.attachments)
            problems = [
                _("{what} cannot be read").format(what=what)
                for what, bad in (
                    (_("recipients"), bad_selectors),
                    (_("values"), bad_fields),
                    (_("attachments"), bad_attachments),
                )
                if bad
            ]
            return MailingRow(
                id=m.id,
                name=m.name,
                template=m.template,
                selectors=selectors,
                fields=fields,
                attachments=attachments,
                event_id=m.event_id,
                dossier_id=m.dossier_id,
                campaign_id=m.campaign_id,
                versions=[(v.number, v.note, v.created_at) for v in m.versions],
                cosigners=[
                    CosignerRow(
                        c.organisation.name,
                        c.organisation.short_name,
                        c.status,
                        c.decided_on,
                        c.contact,
                    )
                    for c in m.cosigners
                ],
                created_at=m.created_at,
                copies=counts.recipients,
                version=m.row_version,
                updated_by=m.updated_by,
                updated_at=m.updated_at,
                damaged="; ".join(problems),
                counts=counts,
            )

    def attachments(self, mailing_id: int) -> builtins.list[AttachmentRow]:
        """The files attached to a mailing, each saying whether it can be attached now."""
        rows: builtins.list[AttachmentRow] = []
        for text in self.mailing(mailing_id).attachments:
            path = Path(text)
            try:
                size: int | None = path.stat().st_size
                problem = "" if path.is_file() else _("is a folder, not a file")
                if not problem and not os.access(path, os.R_OK):
                    problem = _("no permission")
            except OSError:
                size, problem = None, _("file not found")
            rows.append(AttachmentRow(path, path.name, size, problem))
        return rows

    def version_text(self, mailing_id: int, number: int | None = None) -> tuple[int, str]:
        with self._sessions() as s:
            m = get_or_fail(s, Mailing, mailing_id, _("mailing"))
            versions = {v.number: v.text for v in m.versions}
        chosen = number if number is not None else max(versions)
        if chosen not in versions:
            raise ValidationError(_("version"), number, _("no such version"))
        return chosen, versions[chosen]

    def save_version(
        self, mailing_id: int, text: str, note: str = "", version: int | None = None
    ) -> int:
        """Keep a new text of the letter (checked first); returns its number. `version` is the
        mailing's version the editor read: refused when a colleague saved meanwhile."""
        with self._sessions.begin() as s:
            m = get_for_edit(s, Mailing, mailing_id, _("mailing"), version)
            templates.parse_template(m.name, text)
            number = max(v.number for v in m.versions) + 1
            m.versions.append(
                MailingVersion(number=number, text=text, note=check_text(_("note"), note))
            )
            return number

    def update_mailing(self, mailing_id: int, req: LetterRequest) -> Changes:
        """Change who gets a recorded letter, its values, event and attachments (the composer
        saves these as the user edits them); co-signers and text versions stay as they are."""
        self.select(req.selectors)
        _parse_fields(req.fields)
        read_attachments(req.attachments)
        if req.event_id is not None:
            self._events.get(req.event_id)
        with self._sessions.begin() as s:
            m = get_or_fail(s, Mailing, mailing_id, _("mailing"))
            m.selectors = json.dumps(req.selectors)
            m.fields = json.dumps(req.fields)
            m.attachments = json.dumps([str(p) for p in _merge_paths([], req.attachments)])
            m.event_id = req.event_id
            return Changes.of("mailing", ids=(mailing_id,))

    def diff(self, mailing_id: int, a: int, b: int) -> str:
        na, ta = self.version_text(mailing_id, a)
        nb, tb = self.version_text(mailing_id, b)
        return "".join(
            difflib.unified_diff(
                ta.splitlines(keepends=True),
                tb.splitlines(keepends=True),
                fromfile=_("version {n}").format(n=na),
                tofile=_("version {n}").format(n=nb),
            )
        )

    def set_cosigner(
        self,
        mailing_id: int,
        organisation: str,
        status: str,
        on: dt.date | None = None,
        contact: str = "",
    ) -> Changes:
        if status not in COSIGNER_STATUSES:
            raise ValidationError(
                _("status"),
                status,
                _("must be one of: {allowed}").format(allowed=", ".join(COSIGNER_STATUSES)),
            )
        org = self._orgs.find(organisation)
        with self._sessions.begin() as s:
            m = get_or_fail(s, Mailing, mailing_id, _("mailing"))
            row = next((c for c in m.cosigners if c.organisation_id == org.id), None)
            if row is None:
                row = Cosigner(organisation_id=org.id, position=len(m.cosigners))
                m.cosigners.append(row)
            row.status = status
            if on is not None:
                check_date(_("date"), on)
            row.decided_on = on or (amsterdam_today() if status != "invited" else None)
            row.contact = check_text(_("contact"), contact, max_length=300)
            return Changes.of("mailing", ids=(mailing_id,))

    def request_for(
        self, mailing_id: int, fmt: str, out_dir: Path | None, allow_pending: bool = False
    ) -> LetterRequest:
        m = self.mailing(mailing_id)
        return LetterRequest(
            template=m.template,
            selectors=m.selectors,
            fmt=fmt,
            out_dir=out_dir,
            event_id=m.event_id,
            dossier_id=m.dossier_id,
            campaign_id=m.campaign_id,
            cosigners=[c.organisation for c in m.cosigners],
            attachments=[Path(p) for p in m.attachments],
            fields=m.fields,
            allow_pending=allow_pending,
        )

    def copies_for_mailing(
        self, mailing_id: int, allow_pending: bool = True, preview: bool = False
    ) -> list[Copy]:
        """Preview: the copies of a stored mailing, rendered from its newest version."""
        req = self.request_for(mailing_id, "txt", None, allow_pending)
        number, text = self.version_text(mailing_id)
        template = templates.parse_template(f"{req.template} v{number}", text)
        chosen = cosigner_names(self.mailing(mailing_id).cosigners, allow_pending)
        return self.copies(req, template, chosen, preview)

    # --- producing -----------------------------------------------------------------------

    def prepare(
        self, req: LetterRequest, mailing_id: int | None = None
    ) -> tuple[LetterRequest, int, int, list[Copy]]:
        """Every copy rendered in memory, before anything is written.

        Without a mailing one is recorded from the request (only once every copy rendered);
        with one, its newest text, selection and co-signers are used. Returns the request in
        effect, the mailing id, the text version and the copies.
        """
        if mailing_id is None:
            chosen = cosigner_names([self._invited(n) for n in req.cosigners], req.allow_pending)
            template = templates.load(req.template)
            copies = self.copies(req, template, chosen)
            return req, self.create_mailing(req, checked=True), 1, copies
        version, text = self.version_text(mailing_id)
        stored = self.request_for(mailing_id, req.fmt, req.out_dir, req.allow_pending)
        # Files attached for this run (--attach) join the mailing's own.
        stored = dataclasses.replace(
            stored, attachments=_merge_paths(stored.attachments, req.attachments)
        )
        chosen = cosigner_names(self.mailing(mailing_id).cosigners, req.allow_pending)
        template = templates.parse_template(f"{stored.template} v{version}", text)
        return stored, mailing_id, version, self.copies(stored, template, chosen)

    def produce(
        self,
        req: LetterRequest,
        mailing_id: int | None = None,
        progress: Callable[[int, int], bool] | None = None,
    ) -> LetterReport:
        """Write every copy. Without a mailing, one is recorded from the request first.

        `progress(done, total)` is called before each copy; returning False cancels: the files
        written so far are removed and nothing is logged.
        """
        if req.fmt not in FORMATS:
            raise ValidationError(
                "--format",
                req.fmt,
                _("must be one of: {allowed}").format(allowed=", ".join(FORMATS)),
            )
        if req.out_dir is None:
            raise ValidationError("--out", "", _("an output folder is required"))
        out = Path(req.out_dir)
        _check_out_folder(out)  # before the mailing is recorded: a failure records nothing
        req, mailing_id, version, copies = self.prepare(req, mailing_id)
        head = self.letterhead()
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise file_problem(out, exc) from None
        report = LetterReport(mailing_id=mailing_id, version=version, recipients=len(copies))
        produced: list[tuple[Copy, Path, str | None]] = []
        pdf_pages: list[str] = []
        for done, copy in enumerate(copies):
            if progress is not None and not progress(done, len(copies)):
                for path in report.written:
                    path.unlink(missing_ok=True)
                raise InterruptedError(_("cancelled"))
            message_id: str | None = None
            if req.fmt == "eml":
                if not copy.to_email:
                    report.skipped.append(_("{name}: no e-mail address").format(name=copy.to_name))
                    continue
                data, message_id = draft_eml(copy, head, letter_html(copy, head, "", False))
                target = out / f"{copy.file_stem}.eml"
                target.write_bytes(data)
            elif req.fmt == "txt":
                target = out / f"{copy.file_stem}.txt"
                target.write_text(f"{copy.subject}\n\n{copy.body}", encoding="utf-8")
            elif req.fmt == "html":
                target = out / f"{copy.file_stem}.html"
                target.write_text(
                    letter_html(copy, head, datum(copy.date), for_print=True), encoding="utf-8"
                )
            else:
                from lobbycrm.pdf.letter import write_letters_pdf

                page = page_html(build_page(copy, head))
                pdf_pages.append(page)
                target = write_letters_pdf(
                    out / f"{copy.file_stem}.pdf", [page], MARGIN_MM, title=copy.subject
                )
            produced.append((copy, target, message_id))
            report.written.append(target)
        if pdf_pages and len(pdf_pages) > 1:
            from lobbycrm.pdf.letter import write_letters_pdf

            report.written.append(
                write_letters_pdf(
                    out / "alle-brieven.pdf", pdf_pages, MARGIN_MM, title=_("All letters")
                )
            )
        self._log(produced, req, mailing_id, version)
        return report

    def _log(
        self,
        produced: list[tuple[Copy, Path, str | None]],
        req: LetterRequest,
        mailing_id: int,
        version: int,
    ) -> None:
        """Who got what, when: one interaction per produced copy, in one transaction."""
        now = dt.datetime.now(dt.UTC)
        kind = "email" if req.fmt == "eml" else "letter"
        with self._sessions.begin() as s:
            remember_attachments(s, mailing_id, req.attachments)
            # Drafts made again replace the earlier drafts: one per recipient, not one a run.
            people = [copy.person_id for copy, _p, _m in produced]
            replace_drafts(s, mailing_id, people)
            if len(produced) > 1:
                self._log_many(s, produced, req, mailing_id, version, now, kind)
                return
            # One query for the people (not one each), and no flush between two copies.
            # (kept referenced: the session only holds them weakly)
            held: list[object] = []
            for start in range(0, len(people), 500):
                chunk = people[start : start + 500]
                held.extend(s.scalars(select(Person).where(Person.id.in_(chunk))))
            if req.event_id is not None:
                held.append(s.get(Event, req.event_id))
            if req.dossier_id is not None:
                held.append(s.get(Dossier, req.dossier_id))
            with s.no_autoflush:
                self._log_copies(s, produced, req, mailing_id, version, now, kind)

    def _log_many(
        self,
        s: Session,
        produced: list[tuple[Copy, Path, str | None]],
        req: LetterRequest,
        mailing_id: int,
        version: int,
        now: dt.datetime,
        kind: str,
    ) -> None:
        """Many copies: one insert of all interactions and one of the new recipients, each
        one change-log entry with the count and the mailing (as an import is logged), instead
        of a row object, a flush and an entry per copy."""
        if req.event_id is not None:
            get_or_fail(s, Event, req.event_id, _("event"))
        if req.dossier_id is not None:
            get_or_fail(s, Dossier, req.dossier_id, _("dossier"))
        listed = set(
            s.scalars(
                select(MailingRecipient.person_id).where(MailingRecipient.mailing_id == mailing_id)
            )
        )
        interactions: list[dict[str, Any]] = []
        recipients: list[dict[str, Any]] = []
        for copy, path, message_id in produced:
            notes = _("Template {template}, version {version}, format {fmt}: {file}").format(
                template=req.template, version=version, fmt=req.fmt, file=path.name
            )
            interactions.append(
                {
                    "person_id": copy.person_id,
                    "subject": check_text(_("subject"), copy.subject),
                    "notes": check_text(_("notes"), notes, single_line=False, max_length=1_000_000),
                    "message_id": message_id,
                }
            )
            if copy.person_id not in listed:
                # New in this mailing: drafted. One already listed keeps their status.
                listed.add(copy.person_id)
                recipients.append({"person_id": copy.person_id})
        stamp = {"created_at": now, "updated_at": now}
        refs: dict[str, int | None] = {"mailing_id": mailing_id, "dossier_id": req.dossier_id}
        same_interaction = {
            "kind": kind,
            "occurred_at": now,
            "organisation_id": None,
            "dossier_id": req.dossier_id,
            "event_id": req.event_id,
            "mailing_id": mailing_id,
            "follow_up_on": None,
            "follow_up_done": False,
            **stamp,
        }
        bulk_insert(s, cast(Table, Interaction.__table__), interactions, same_interaction, refs)
        same_recipient = {
            "mailing_id": mailing_id,
            "status": "drafted",
            "first_sent_at": None,
            "answered_at": None,
            "by_hand": False,
            "note": "",
            "held_org_ids": "",
            **stamp,
        }
        bulk_insert(s, cast(Table, MailingRecipient.__table__), recipients, same_recipient, refs)

    def _log_copies(
        self,
        s: Session,
        produced: list[tuple[Copy, Path, str | None]],
        req: LetterRequest,
        mailing_id: int,
        version: int,
        now: dt.datetime,
        kind: str,
    ) -> None:
        listed = set(
            s.scalars(
                select(MailingRecipient.person_id).where(MailingRecipient.mailing_id == mailing_id)
            )
        )
        for copy, path, message_id in produced:
            build_interaction(
                s,
                InteractionInput(
                    kind=kind,
                    occurred_at=now,
                    person_id=copy.person_id,
                    subject=copy.subject,
                    notes=_("Template {template}, version {version}, format {fmt}: {file}").format(
                        template=req.template, version=version, fmt=req.fmt, file=path.name
                    ),
                    dossier_id=req.dossier_id,
                    event_id=req.event_id,
                    mailing_id=mailing_id,
                    message_id=message_id,
                ),
            )
            if copy.person_id not in listed:
                # New in this mailing: drafted (as mark_recipient would, without a query
                # each). One already listed keeps their status: drafting never moves it.
                listed.add(copy.person_id)
                s.add(
                    MailingRecipient(
                        mailing_id=mailing_id,
                        person_id=copy.person_id,
                        status="drafted",
                        by_hand=False,
                        note="",
                    )
                )
