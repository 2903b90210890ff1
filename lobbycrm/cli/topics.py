"""`lobbycrm help [TOPIC]`: how-to topics with examples for the main jobs, and the examples
under `lobbycrm COMMAND --help`."""

from __future__ import annotations

import argparse
import sys
from typing import NamedTuple

from lobbycrm.core.i18n import N_, _, language


class Topic(NamedTuple):
    nl: str  # the topic's name in each language; both are accepted in both
    en: str
    title: str
    text: str

    def name(self) -> str:
        return self.nl if language() == "nl" else self.en


TOPICS = (
    Topic(
        "debat",
        "debate",
        N_("Plan a plenary debate"),
        N_(
            """1. The dossier and the debate in the agenda, with a reminder a day before:
   lobbycrm dossiers add --title "Uitvoeringswet asiel- en migratiepact" --kamerstuk "36 334" \\
       --chamber "Eerste Kamer"
   lobbycrm events add --title "Plenair debat asielpact" --kind plenary-debate \\
       --start 2026-05-19T13:30 --end 2026-05-19T18:00 --org "Eerste Kamer" --dossier 1 \\
       --reminder 1d
2. The spokespersons and what they were sent:
   lobbycrm people list --portfolio "asiel en migratie" --current
3. Where each party group stands (earlier stances are kept):
   lobbycrm stances set --dossier 1 --org CDA --stance tegen --date 12-05-2026
   lobbycrm stances list --dossier 1
4. The majority count and the briefing for the day itself:
   lobbycrm majority --event 1
   lobbycrm briefing 1 --out briefing.pdf"""
        ),
    ),
    Topic(
        "agenda",
        "calendar",
        N_("Export the agenda to your calendar"),
        N_(
            """An .ics file that Outlook, Thunderbird, Google and Apple Calendar read:
   lobbycrm export ics agenda.ics --from 2026-05-01 --to 2026-07-31
   lobbycrm export ics eerste-kamer.ics --org "Eerste Kamer"
Importing it again updates the entries instead of doubling them; a cancelled debate
(lobbycrm events cancel 3) disappears from the calendar.
A file kept current after every change, for a synced folder your calendar subscribes to:
   lobbycrm feed set ~/Sync/lobbycrm.ics
Reminders of an event (minutes, or 1d, 2u, 30m, "1 dag"):
   lobbycrm events update 3 --reminder 1d --reminder 1u
   lobbycrm events update 3 --remove-reminder 1u
   lobbycrm events update 3 --no-reminders"""
        ),
    ),
    Topic(
        "brief",
        "letter",
        N_("Draft and send a joint letter"),
        N_(
            """1. Your name and organisation under every letter (once):
   lobbycrm letters sender --name "Noor Jansen" --organisation "Amnesty International Nederland" \\
       --email n.jansen@amnesty.nl --place Amsterdam
2. Record the mailing: template, recipients and co-signing organisations:
   lobbycrm letters templates
   lobbycrm letters mailing --template gezamenlijke-brief --to tag:senator --event 1 \\
       --cosigner Amnesty --cosigner UNICEF --name "Brief asielpact"
3. New texts and the partners' answers:
   lobbycrm letters version 1 nieuwe-tekst.txt --note "na overleg"
   lobbycrm letters cosign 1 --org UNICEF --status approved
4. Look at one copy, then write e-mail drafts or PDFs, or send:
   lobbycrm letters render --mailing 1 --preview 12
   lobbycrm letters render --mailing 1 --format eml --out brieven/
   lobbycrm letters send --mailing 1
5. Follow up on who did not answer:
   lobbycrm letters status 1
   lobbycrm letters followup 1 --days 30 --create"""
        ),
    ),
    Topic(
        "importeren",
        "import",
        N_("Import people"),
        N_(
            """From Excel (CSV with commas or semicolons, Dutch or English column names); try it
first with --dry-run, nothing is saved then:
   lobbycrm import csv lijst.csv --dry-run
   lobbycrm import csv lijst.csv --create-orgs
From an address book (vCard) or from Tweede Kamer open data:
   lobbycrm import vcard contacten.vcf
   lobbycrm import tk --online
An import is all or nothing: a rejected row is named with its line and column and nothing is
imported. A person whose e-mail address is known is updated (--on-match skip leaves them).
One person by hand:
   lobbycrm people add --surname Hattem --particle van --first-name Alexander --gender man \\
       --org "Eerste Kamer" --role senator --email a.vanhattem@eerstekamer.nl"""
        ),
    ),
    Topic(
        "scripts",
        "scripts",
        N_("Use the command line in scripts"),
        N_(
            """An add prints the new id alone on standard output; what a command did is said on
standard error:
   id=$(lobbycrm people add --surname Perin-Gopie --first-name Gaby --gender vrouw)
Lists in JSON keep the stored codes (plenary-debate, tegen), whatever the language:
   lobbycrm events list --format json
   lobbycrm people list --format csv > personen.csv
Exit codes: 0 done, 1 refused (nothing was changed), 2 the command line was wrong.
The language: --lang nl|en, else LOBBYCRM_LANG, else the app's preference."""
        ),
    ),
)

# Which topic a command's --help points to, and the examples it shows.
_COMMAND_TOPIC = {
    "events": "debat",
    "dossiers": "debat",
    "stances": "debat",
    "majority": "debat",
    "briefing": "debat",
    "export": "agenda",
    "feed": "agenda",
    "letters": "brief",
    "mail": "brief",
    "import": "importeren",
    "people": "importeren",
}
_EXAMPLES = {
    "events add": (
        'lobbycrm events add --title "Plenair debat asielpact" --kind plenary-debate '
        '--start 2026-05-19T13:30 --org "Eerste Kamer" --dossier 1 --reminder 1d',
        'lobbycrm events add --title "Inbreng schriftelijke ronde" '
        "--kind written-round-deadline --date 2026-05-12",
    ),
    "events update": (
        "lobbycrm events update 3 --start 2026-05-26T13:30 --end 2026-05-26T18:00",
        "lobbycrm events update 3 --reminder 1d --reminder 1u",
        "lobbycrm events update 3 --remove-reminder 1u",
        "lobbycrm events update 3 --no-reminders",
    ),
    "events list": (
        "lobbycrm events list --from 2026-05-01 --kind plenary-debate",
        "lobbycrm events list --dossier 1 --format json",
    ),
    "export ics": (
        "lobbycrm export ics agenda.ics --from 2026-05-01 --to 2026-07-31",
        'lobbycrm export ics eerste-kamer.ics --org "Eerste Kamer"',
    ),
    "feed set": ("lobbycrm feed set ~/Sync/lobbycrm.ics",),
    "import csv": (
        "lobbycrm import csv lijst.csv --dry-run",
        "lobbycrm import csv lijst.csv --create-orgs --on-match skip",
    ),
    "import vcard": ("lobbycrm import vcard contacten.vcf --dry-run",),
    "import tk": ("lobbycrm import tk --online", "lobbycrm import tk ~/Downloads/tk/"),
    "people add": (
        "lobbycrm people add --surname Hattem --particle van --first-name Alexander "
        '--gender man --org "Eerste Kamer" --role senator --tag senator',
    ),
    "people edit": (
        'lobbycrm people edit 12 --salutation "mevrouw Jansen"',
        "lobbycrm people edit 12 --email nieuw@example.org --if-version 3",
    ),
    "dossiers edit": ('lobbycrm dossiers edit 1 --chamber "Eerste Kamer" --kamerstuk 36334',),
    "people list": (
        'lobbycrm people list --portfolio "asiel en migratie" --current',
        "lobbycrm people list --tag senator --format csv",
    ),
    "stances set": (
        "lobbycrm stances set --dossier 1 --org CDA --stance tegen --date 12-05-2026",
        "lobbycrm stances set --dossier 1 --person 12 --stance voor",
    ),
    "majority": ("lobbycrm majority --event 1", "lobbycrm majority --dossier 1 --format json"),
    "briefing": ("lobbycrm briefing 1 --out briefing.pdf",),
    "letters mailing": (
        "lobbycrm letters mailing --template gezamenlijke-brief --to tag:senator --event 1 "
        "--cosigner Amnesty --cosigner UNICEF",
    ),
    "letters render": (
        "lobbycrm letters render --mailing 1 --preview 12",
        "lobbycrm letters render --mailing 1 --format pdf --out brieven/",
    ),
    "letters send": ("lobbycrm letters send --mailing 1",),
}


def find_topic(word: str) -> Topic | None:
    key = word.casefold()
    return next((t for t in TOPICS if key in (t.nl, t.en)), None)


def epilog_for(command: str) -> str | None:
    """Examples and the how-to topic under `lobbycrm COMMAND --help`."""
    examples = _EXAMPLES.get(command, ())
    topic = find_topic(_COMMAND_TOPIC.get(command.split(" ")[0], "") if command else "")
    if not examples and topic is None:
        return None
    lines = []
    if examples:
        lines.append(_("examples:"))
        lines.extend(f"  {line}" for line in examples)
    if topic is not None:
        if lines:
            lines.append("")
        more = _("step by step: lobbycrm help {topic} ({title})")
        lines.append(more.format(topic=topic.name(), title=_(topic.title).lower()))
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from lobbycrm.cli.common import command

    p = command(sub, "help")
    p.add_argument(
        "topic",
        nargs="?",
        default=None,
        metavar="TOPIC",
        help=_("a topic ({topics}) or a command").format(
            topics=", ".join(t.name() for t in TOPICS)
        ),
    )
    p.set_defaults(func=cmd_help)


def cmd_help(args: argparse.Namespace) -> int:
    from lobbycrm.cli import COMMANDS, build_parser
    from lobbycrm.cli.common import ExitCode
    from lobbycrm.cli.parser import suggestion

    if args.topic is None:
        print(_("How-to topics (lobbycrm help TOPIC):"))
        width = max(len(t.name()) for t in TOPICS)
        for t in TOPICS:
            print(f"  {t.name().ljust(width)}  {_(t.title)}")
        print()
        print(
            _(
                "Every command explains itself: lobbycrm COMMAND --help "
                "(lobbycrm --help lists them)."
            )
        )
        return ExitCode.OK
    topic = find_topic(args.topic)
    if topic is not None:
        print(_(topic.title))
        print()
        print(_(topic.text))
        return ExitCode.OK
    if args.topic in COMMANDS:
        build_parser(args.topic).parse_args([args.topic, "--help"])
        return ExitCode.OK
    words = [t.name() for t in TOPICS] + [w for t in TOPICS for w in (t.nl, t.en)] + list(COMMANDS)
    close = suggestion(args.topic, words)
    message = _("no topic or command '{word}'").format(word=args.topic)
    if close:
        message += "; " + _("did you mean '{word}'?").format(word=close)
    print(f"lobbycrm help: {_('error')}: {message}", file=sys.stderr)
    print(_("topics: {topics}").format(topics=", ".join(t.name() for t in TOPICS)), file=sys.stderr)
    return ExitCode.USAGE
