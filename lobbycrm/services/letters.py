"""Letters use cases: choose recipients, tailor a template per person, write the copies."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _, datum
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.letters import templates
from lobbycrm.letters.outputs import Copy, Letterhead, build_eml, letter_html
from lobbycrm.services.calendar import kind_label
from lobbycrm.services.campaigns import CampaignService
from lobbycrm.services.dossiers import DossierService
from lobbycrm.services.dto import OrgRow, PersonDetail
from lobbycrm.services.events import EventService
from lobbycrm.services.interactions import InteractionInput, build_interaction
from lobbycrm.services.orgs import OrgService
from lobbycrm.services.people import PeopleService, PersonFilter
from lobbycrm.services.settings import SettingsService

FORMATS = ("eml", "pdf", "html", "txt")
SENDER_KEYS = ("name", "function", "organisation", "email", "place", "address", "phone", "website")
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


@dataclass
class LetterReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    recipients: int = 0


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
        scope = key.split(":")
        if len(scope) == 3 and scope[0] == "group":
            groups.setdefault(scope[1].casefold(), {})[scope[2]] = value
        elif len(scope) == 3 and scope[0] == "person" and scope[1].isdigit():
            persons.setdefault(int(scope[1]), {})[scope[2]] = value
        elif len(scope) == 1 and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key.strip()):
            letter[key.strip()] = value
        else:
            raise ValidationError(
                "--set", item, _("use KEY=VALUE, group:PARTY:KEY=VALUE or person:ID:KEY=VALUE")
            )
    return letter, groups, persons


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
            if not value.isdigit():
                raise ValidationError("--to", term, _("person: takes a person's id"))
            self._people.get(int(value))
            return {int(value)}
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
        found = {p.id for p in self._people.list(f)}
        if kind == "tag" and not found and value.lower() not in self._all_tags():
            raise ValidationError("--to", term, _("unknown tag"))
        return found

    def _all_tags(self) -> set[str]:
        from sqlalchemy import select

        from lobbycrm.db.models import Tag

        with self._sessions() as s:
            return set(s.scalars(select(Tag.name)))

    def select(self, selectors: list[str]) -> list[PersonDetail]:
        """`+` joins terms that must all hold; separate selectors are added together."""
        if not selectors:
            raise ValidationError("--to", "", _("choose at least one recipient selector"))
        chosen: set[int] = set()
        for selector in selectors:
            sets = [self._term(t) for t in selector.split("+") if t.strip()]
            if sets:
                chosen |= set.intersection(*sets)
        return self._people.get_many(sorted(chosen))

    # --- context -------------------------------------------------------------------------

    def sender(self) -> dict[str, Any]:
        values = self._settings.all("sender.")
        sender: dict[str, Any] = {k: values.get(f"sender.{k}", "") for k in SENDER_KEYS}
        sender["organisation"] = {"name": sender["organisation"]}
        return sender

    def set_sender(self, **values: str) -> None:
        for key, value in values.items():
            if key not in SENDER_KEYS:
                raise ValidationError(key, value, _("unknown sender field"))
            self._settings.set(f"sender.{key}", value)

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
        if party is not None:
            if party.organisation_id not in self._org_cache:
                self._org_cache[party.organisation_id] = self._orgs.get(party.organisation_id)
            org = self._org_cache[party.organisation_id]
            party_name = org.short_name or org.name
        return {
            "id": p.id,
            "display_name": p.display_name,
            "formal_name": p.formal_name,
            "salutation": p.salutation,
            "address_line": p.address_line,
            "first_name": p.first_name,
            "initials": p.initials,
            "particle": p.particle,
            "surname": names.surname_alone(names.NameParts(surname=p.surname, particle=p.particle)),
            "gender": p.gender,
            "role": main.role if main else "",
            "organisation": main.organisation if main else "",
            "party": party_name,
            "committee": committee.organisation if committee else "",
            "portfolio": spoke.portfolio if spoke else "",
            "email": p.emails[0] if p.emails else "",
            "address": p.addresses[0].splitlines() if p.addresses else [],
            "tags": p.tags,
        }

    def base_context(self, req: LetterRequest) -> dict[str, Any]:
        ctx: dict[str, Any] = {"sender": self.sender(), "today": dt.date.today()}
        ctx["cosigners"] = []
        for name in req.cosigners:
            org = self._orgs.find(name)
            ctx["cosigners"].append({"name": org.name, "short_name": org.short_name})
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
        }

    # --- producing -----------------------------------------------------------------------

    def copies(self, req: LetterRequest) -> list[Copy]:
        """Every recipient's copy rendered in memory; any error stops before a file exists."""
        template = templates.load(req.template)
        for path in req.attachments:
            if not Path(path).is_file():
                raise ValidationError("--attach", str(path), _("file not found"))
        letter_fields, group_fields, person_fields = _parse_fields(req.fields)
        base = self.base_context(req)
        today = dt.datetime.now(AMSTERDAM).date()
        out: list[Copy] = []
        for p in self.select(req.selectors):
            recipient = self.recipient_context(p)
            fields = {
                **letter_fields,
                **group_fields.get(recipient["party"].casefold(), {}),
                **person_fields.get(p.id, {}),
            }
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
                    attachments=tuple(Path(a) for a in req.attachments),
                )
            )
        return out

    def produce(self, req: LetterRequest) -> LetterReport:
        if req.fmt not in FORMATS:
            raise ValidationError(
                "--format",
                req.fmt,
                _("must be one of: {allowed}").format(allowed=", ".join(FORMATS)),
            )
        if req.out_dir is None:
            raise ValidationError("--out", "", _("an output folder is required"))
        copies = self.copies(req)
        head = self.letterhead()
        out = Path(req.out_dir)
        out.mkdir(parents=True, exist_ok=True)
        report = LetterReport(recipients=len(copies))
        produced: list[tuple[Copy, Path]] = []
        pdf_pages: list[str] = []
        for copy in copies:
            date_text = datum(copy.date)
            if req.fmt == "eml":
                if not copy.to_email:
                    report.skipped.append(_("{name}: no e-mail address").format(name=copy.to_name))
                    continue
                msg = build_eml(copy, head, letter_html(copy, head, date_text, for_print=False))
                target = out / f"{copy.file_stem}.eml"
                target.write_bytes(msg.as_bytes())
            elif req.fmt == "txt":
                target = out / f"{copy.file_stem}.txt"
                target.write_text(f"{copy.subject}\n\n{copy.body}", encoding="utf-8")
            elif req.fmt == "html":
                target = out / f"{copy.file_stem}.html"
                target.write_text(
                    letter_html(copy, head, date_text, for_print=True), encoding="utf-8"
                )
            else:
                from lobbycrm.pdf import write_pdf

                page = letter_html(copy, head, date_text, for_print=True)
                pdf_pages.append(page)
                target = write_pdf(out / f"{copy.file_stem}.pdf", [page], title=copy.subject)
            produced.append((copy, target))
            report.written.append(target)
        if pdf_pages and len(pdf_pages) > 1:
            from lobbycrm.pdf import write_pdf

            report.written.append(
                write_pdf(out / "alle-brieven.pdf", pdf_pages, title=_("All letters"))
            )
        self._log(produced, req)
        return report

    def _log(self, produced: list[tuple[Copy, Path]], req: LetterRequest) -> None:
        """Who got what, when: one interaction per produced copy, in one transaction."""
        now = dt.datetime.now(dt.UTC)
        kind = "email" if req.fmt == "eml" else "letter"
        with self._sessions.begin() as s:
            for copy, path in produced:
                build_interaction(
                    s,
                    InteractionInput(
                        kind=kind,
                        occurred_at=now,
                        person_id=copy.person_id,
                        subject=copy.subject,
                        notes=_("Template {template}, format {fmt}: {file}").format(
                            template=req.template, fmt=req.fmt, file=path.name
                        ),
                        dossier_id=req.dossier_id,
                        event_id=req.event_id,
                    ),
                )
