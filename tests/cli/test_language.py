"""Every message of the command line in the user's language, argparse's own included, with a
suggestion for a typo; file problems name the file once with the reason in words."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from lobbycrm.cli import run

# Words that give a message away as English or as Dutch (option names such as --title are the
# same in both languages and are not checked).
ENGLISH = re.compile(
    r"\b(usage|error|invalid|choice|argument|arguments|required|did you mean|expected|"
    r"unrecognized|options|positional|show this help|not found|No such|Errno|permission|"
    r"is a folder|choose from|missing|whole number|unknown|more help)\b"
)
DUTCH = re.compile(
    r"\b(gebruik|fout|ongeldige|keuze|bedoelde u|verplicht|onbekende|opties|niet gevonden|"
    r"geen toegang|is een map|kies uit|ontbreekt|geheel getal|meer hulp|argumenten)\b"
)


def cli(*argv: str, lang: str | None = None) -> tuple[int, str, str]:
    """The command line in this process, as `lobbycrm ARGV` runs it (the desktop app aside)."""
    args = [*argv, *(["--lang", lang] if lang else [])]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = run(args)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def message(stderr: str) -> str:
    """The lines that say what is wrong, without the usage synopsis (option names)."""
    lines = stderr.splitlines()
    return "\n".join(x for x in lines if not x.startswith(("gebruik:", "usage:", " ")))


def assert_language(text: str, lang: str) -> None:
    wrong = (ENGLISH if lang == "nl" else DUTCH).findall(text)
    assert not wrong, f"{wrong} in {lang} output:\n{text}"


# (argv, Dutch words expected, English words expected)
USAGE_ERRORS = [
    (
        ["evnets", "list"],
        ["onbekende opdracht 'evnets'", "bedoelde u 'events'?"],
        ["unknown command 'evnets'", "did you mean 'events'?"],
    ),
    (
        ["personen", "list"],
        ["onbekende opdracht 'personen'", "bedoelde u 'people'?"],
        ["unknown command 'personen'", "did you mean 'people'?"],
    ),
    (
        ["events", "lsit"],
        ["onbekende opdracht 'lsit'", "bedoelde u 'list'?"],
        ["unknown command 'lsit'", "did you mean 'list'?"],
    ),
    (["import", "cvs", "x.csv"], ["bedoelde u 'csv'?"], ["did you mean 'csv'?"]),
    (
        ["stances", "set", "--dossier", "1", "--org", "CDA", "--stance", "tgeen"],
        ["ongeldige keuze: 'tgeen'", "bedoelde u 'tegen'?", "kies uit: voor, tegen, twijfel"],
        [
            "invalid choice: 'tgeen'",
            "did you mean 'tegen'?",
            "choose from: voor (for), tegen (against)",
        ],
    ),
    (
        ["stances", "set", "--dossier", "1", "--org", "CDA", "--stance", "agianst"],
        ["bedoelde u 'tegen'?"],
        ["did you mean 'tegen'?"],
    ),
    (["people", "list", "--format", "jsno"], ["bedoelde u 'json'?"], ["did you mean 'json'?"]),
    (
        ["events", "add", "--title", "T", "--kind", "plenary-debat", "--date", "2026-05-19"],
        ["bedoelde u 'plenary-debate'?"],
        ["did you mean 'plenary-debate'?"],
    ),
    (
        ["events", "list", "--knid", "vote"],
        ["onbekende argumenten: --knid", "bedoelde u '--kind'?"],
        ["unrecognized arguments: --knid", "did you mean '--kind'?"],
    ),
    (
        ["people", "show"],
        ["verplicht, maar niet gegeven: ID"],
        ["the following arguments are required: ID"],
    ),
    (
        ["people"],
        ["ACTIE ontbreekt; kies uit: list, add, edit, show, delete"],
        ["ACTION is missing; choose from: list, add, edit, show, delete"],
    ),
    ([], ["OPDRACHT ontbreekt; kies uit: init"], ["COMMAND is missing; choose from: init"]),
    (
        ["people", "show", "abc"],
        ["ID: geen geheel getal: 'abc'"],
        ["argument ID: not a whole number: 'abc'"],
    ),
    (
        ["events", "update", "3", "--reminder", "morgen"],
        ["geen herinneringstijd: 'morgen'"],
        ["not a reminder time: 'morgen'"],
    ),
    (
        ["stances", "set", "--dossier", "1", "--stance", "voor"],
        ["geef een van deze: --person --org"],
        ["one of the arguments --person --org is required"],
    ),
    (
        ["outbox", "settle", "3", "--arrived", "--not-arrived"],
        ["kan niet samen met --arrived"],
        ["not allowed with argument --arrived"],
    ),
    (["people", "list", "--search"], ["verwacht één waarde"], ["expected one argument"]),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("argv", "dutch", "english"), USAGE_ERRORS)
def test_usage_errors_in_the_users_language_with_a_suggestion(
    argv: list[str], dutch: list[str], english: list[str], lang: str
) -> None:
    code, out, err = cli(*argv, lang=lang)
    assert code == 2 and out == ""
    for needle in dutch if lang == "nl" else english:
        assert needle in err, err
    assert_language(message(err), lang)
    assert err.startswith("gebruik: " if lang == "nl" else "usage: ")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_headings_and_texts_in_the_users_language(lang: str) -> None:
    code, out, _err = cli("events", "update", "--help", lang=lang)
    assert code == 0
    if lang == "nl":
        for needle in (
            "gebruik: lobbycrm events update",
            "opties:",
            "argumenten:",
            "deze hulp tonen en stoppen",
            "--title TITEL",
            "--reminder TIJD",
            "herinnering toevoegen",
            "voorbeelden:",
            "lobbycrm help debat",
        ):
            assert needle in out, needle
    else:
        for needle in (
            "usage: lobbycrm events update",
            "options:",
            "positional arguments:",
            "show this help message and exit",
            "--title TITLE",
            "--reminder TIME",
            "add a reminder",
            "examples:",
            "lobbycrm help debate",
        ):
            assert needle in out, needle
    headings = "\n".join(x for x in out.splitlines() if x and not x.startswith(" "))
    assert_language(headings.replace("lobbycrm", ""), lang)
    code, out, _err = cli("--help", lang=lang)
    assert code == 0
    assert ("opdrachten:" if lang == "nl" else "commands:") in out
    assert ("het versienummer tonen" if lang == "nl" else "show program's version") in out


def test_language_from_environment_and_preference(monkeypatch: pytest.MonkeyPatch) -> None:
    from lobbycrm import config

    assert "onbekende opdracht" in cli("evnets")[2]
    config.save(config.Preferences(language="en"))
    assert "unknown command" in cli("evnets")[2]
    monkeypatch.setenv("LOBBYCRM_LANG", "nl")
    assert "onbekende opdracht" in cli("evnets")[2]
    assert "unknown command" in cli("evnets", lang="en")[2]


def file_cases(tmp: Path) -> list[tuple[list[str], Path, str, str]]:
    folder = tmp / "map"
    folder.mkdir()
    blocker = tmp / "een-bestand"
    blocker.write_text("geen map")
    missing = tmp / "nope.csv"
    return [
        (["import", "csv", str(missing)], missing, "bestand niet gevonden", "file not found"),
        (["import", "csv", str(folder)], folder, "is een map", "is a folder"),
        (
            ["import", "vcard", str(tmp / "nope.vcf")],
            tmp / "nope.vcf",
            "bestand niet gevonden",
            "file not found",
        ),
        (["import", "ics", str(folder)], folder, "is een map", "is a folder"),
        (["import", "tk", str(blocker)], blocker, "is geen map", "is not a folder"),
        (
            ["import", "replies", str(tmp / "nope.eml")],
            tmp / "nope.eml",
            "bestand niet gevonden",
            "file not found",
        ),
        (
            ["letters", "version", "3", str(tmp / "nope.txt")],
            tmp / "nope.txt",
            "bestand niet gevonden",
            "file not found",
        ),
        (
            ["export", "ics", str(blocker / "agenda.ics")],
            blocker / "agenda.ics",
            "een deel van het pad is geen map",
            "a part of the path is not a folder",
        ),
        (["export", "csv", str(folder)], folder, "is een map", "is a folder"),
        (
            ["export", "vcard", str(blocker / "x.vcf")],
            blocker / "x.vcf",
            "een deel van het pad is geen map",
            "a part of the path is not a folder",
        ),
        (["feed", "set", str(folder)], folder, "is een map", "is a folder"),
        (["briefing", "1", "--out", str(folder)], folder, "is een map", "is a folder"),
        (["backup", str(folder)], folder, "is een map", "is a folder"),
        (
            ["mail", "setup", "--host", "h", "--from", "a@b.nl", "--cafile", str(tmp / "ca.pem")],
            tmp / "ca.pem",
            "bestand niet gevonden",
            "file not found",
        ),
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_file_problems_name_the_file_once_with_the_reason_in_words(
    tmp_path: Path, lang: str
) -> None:
    db = tmp_path / "db.sqlite"
    for argv, path, dutch, english in file_cases(tmp_path):
        code, _out, err = cli(*argv, "--db", str(db), lang=lang)
        assert code == 1, (argv, err)
        assert err.count(str(path)) == 1, err
        assert (dutch if lang == "nl" else english) in err, err
        assert "Errno" not in err and "Traceback" not in err
        assert_language(err.replace(str(tmp_path), ""), lang)
    # Every problem was found before the database was opened: nothing was created.
    assert not db.exists()


def cli_as_ordinary_user(*argv: str, lang: str) -> tuple[int, str, str]:
    """`cli` run by an ordinary user: as root, in a forked child that gave up root (uid and
    gid 65534, 'nobody'), so file permissions apply to it as they do to a user's session."""
    if os.geteuid() != 0:
        return cli(*argv, lang=lang)
    # Everything the command imports is loaded first: the child may not read /root.
    cli(*argv[:-1], str(Path(argv[-1]).with_name("nonexistent.csv")), lang=lang)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, run, send back the result
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result = json.dumps(cli(*argv, lang=lang)).encode()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(result)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    code, out, err = json.loads(data)
    return int(code), str(out), str(err)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unreadable_file_says_no_permission(tmp_path: Path, lang: str) -> None:
    secret = tmp_path / "lijst.csv"
    secret.write_text("achternaam\nJansen\n")
    secret.chmod(0)
    try:
        code, _out, err = cli_as_ordinary_user("import", "csv", str(secret), lang=lang)
    finally:
        secret.chmod(0o600)
    assert code == 1 and err.count(str(secret)) == 1
    assert ("geen toegang" if lang == "nl" else "no permission") in err


def test_a_real_process_speaks_the_language_asked(tmp_path: Path) -> None:
    env = {**os.environ, "LOBBYCRM_DB": str(tmp_path / "x.sqlite")}
    nl = subprocess.run(
        [sys.executable, "-m", "lobbycrm", "evnets", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert nl.returncode == 2 and "bedoelde u 'events'?" in nl.stderr
    en = subprocess.run(
        [sys.executable, "-m", "lobbycrm", "people", "show", "abc", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert en.returncode == 2 and "not a whole number: 'abc'" in en.stderr
    assert_language(message(en.stderr), "en")
    assert not (tmp_path / "x.sqlite").exists()
