"""House rules checked by the tools: ruff, import-linter layers, mypy strict below ui."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed (pip install -e '.[test]')"
    return found


def test_ruff_clean() -> None:
    r = subprocess.run(
        [_tool("ruff"), "check", "lobbycrm", "tests", "tools", "benchmarks", "main.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_import_contracts() -> None:
    r = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_strict() -> None:
    r = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_package_folder_is_listed_in_pyproject() -> None:
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "lobbycrm").rglob("__init__.py")
    } | {"lobbycrm.resources"}
    assert found == listed


def test_every_message_has_a_dutch_translation() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import translations

    assert translations.missing() == {}


def test_core_never_imports_qt() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "lobbycrm").rglob("*.py")
        if p.parts[len(ROOT.parts) + 1] not in ("ui", "pdf")
        and any(
            line.lstrip().startswith(("import PySide6", "from PySide6"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


def test_days_are_counted_in_amsterdam() -> None:
    """The machine's date (date.today(), QDate.currentDate()) is another day than the
    Netherlands' for part of every day on a machine set to UTC or abroad; the program asks
    core.validation.amsterdam_today (see tests/cli/test_time_zone.py)."""
    machine_date = re.compile(
        r"\bdate\.today\(\)|QDate\.currentDate\(\)|datetime\.now\(\)\.date\(\)"
    )
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (ROOT / "lobbycrm").rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if machine_date.search(line.split("#")[0])
    ]
    assert offenders == []


def test_every_table_is_asked_for_through_the_models_package() -> None:
    """lobbycrm.db.models imports a model's module when one of its names is first used, so
    Base.metadata and Base.registry hold only the models loaded so far: code that goes over
    every table or mapped class (copying a database, erasure, the change log) asks
    models.metadata() or models.mappers(), which load them all."""
    partial = re.compile(r"\bBase\.(metadata|registry)\b")
    models = ROOT / "lobbycrm" / "db" / "models"
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for folder in ("lobbycrm", "tests", "tools", "benchmarks")
        for p in (ROOT / folder).rglob("*.py")
        if models not in p.parents and p != Path(__file__).resolve()
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if partial.search(line.split("#")[0])
    ]
    assert offenders == []


def test_the_orm_finds_every_model_when_only_one_was_imported() -> None:
    """A process that imports one model and queries it: the ORM loads the other models
    before it works out the relationships (a fresh interpreter; this one has them all)."""
    code = (
        "import sys\n"
        "from sqlalchemy import select\n"
        "from lobbycrm.db.models import Person\n"
        "assert 'lobbycrm.db.models.event' not in sys.modules\n"
        "sql = str(select(Person.id).join(Person.roles))\n"
        "print(Person.roles.property.mapper.class_.__name__, 'JOIN role' in sql)\n"
        "assert 'lobbycrm.db.models.event' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Role", "True"]


def test_every_name_the_models_package_offers_resolves() -> None:
    """Each name in lobbycrm.db.models.__all__ is found (the lazy table of names and the
    modules that define them agree), and is the object its module defines."""
    import importlib

    from lobbycrm.db import models

    for name in models.__all__:
        value = getattr(models, name)
        module = models._WHERE.get(name)
        if module is not None:
            defined = importlib.import_module(f"lobbycrm.db.models.{module}")
            assert getattr(defined, name) is value, name
