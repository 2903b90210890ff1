"""Exported files are written whole, with the permissions any new file gets."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.files import write_atomically


def test_exports_get_ordinary_permissions(demo_ctx: Context, tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    people = demo_ctx.services.exports
    assert people.export_csv(folder / "personen.csv") > 20
    assert people.export_vcard(folder / "personen.vcf") > 20
    assert demo_ctx.services.calendar.export(folder / "agenda.ics") > 0
    for name in ("personen.csv", "personen.vcf", "agenda.ics"):
        mode = stat.S_IMODE((folder / name).stat().st_mode)
        assert mode == 0o666 & ~umask, (name, oct(mode))  # 0640 with umask 027, not 0600
    assert sorted(p.name for p in folder.iterdir()) == [
        "agenda.ics",
        "personen.csv",
        "personen.vcf",
    ]


def test_replacing_keeps_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "agenda.ics"
    write_atomically(target, b"one")
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["agenda.ics"]


def test_a_folder_is_not_overwritten(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path, b"x")
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(NotADirectoryError):
        write_atomically(blocker / "agenda.ics", b"x")
