"""Export of persons as CSV and vCard files, read a window at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lobbycrm.core.files import file_problem, write_atomically
from lobbycrm.core.i18n import _
from lobbycrm.interchange.csvfile import write_rows
from lobbycrm.interchange.vcard import write_cards
from lobbycrm.services.dto import PersonDetail
from lobbycrm.services.people import PeopleService, PersonFilter


class ExportService:
    def __init__(self, people: PeopleService) -> None:
        self._people = people

    def _people_in_windows(
        self, f: PersonFilter | None, progress: Callable[[int, int], bool] | None
    ) -> list[PersonDetail]:
        """Everyone matching `f`, read 1,000 at a time so progress can be shown and cancelled."""
        f = f or PersonFilter()
        total = self._people.count(f)
        out: list[PersonDetail] = []
        while len(out) < total:
            if progress is not None and not progress(len(out), total):
                raise InterruptedError(_("cancelled"))
            window = self._people.list(f, limit=1000, offset=len(out))
            if not window:
                break
            out.extend(window)
        return out

    def export_vcard(
        self,
        path: Path,
        f: PersonFilter | None = None,
        version: str = "4.0",
        progress: Callable[[int, int], bool] | None = None,
    ) -> int:
        """Nothing is written when cancelled: the file is replaced only when complete."""
        people = self._people_in_windows(f, progress)
        try:
            write_atomically(Path(path), write_cards(people, version))
        except OSError as exc:
            raise file_problem(path, exc) from None
        return len(people)

    def export_csv(
        self,
        path: Path,
        f: PersonFilter | None = None,
        comma: bool = False,
        progress: Callable[[int, int], bool] | None = None,
    ) -> int:
        rows = []
        for p in self._people_in_windows(f, progress):
            role = next((r for r in p.roles if r.current), None)
            rows.append(
                [
                    p.titles,
                    p.initials,
                    p.first_name,
                    p.particle,
                    p.surname,
                    p.gender,
                    "; ".join(p.emails),
                    "; ".join(p.phones),
                    role.organisation if role else "",
                    role.role if role else "",
                    role.portfolio if role else "",
                    "; ".join(p.tags),
                    p.notes,
                ]
            )
        try:
            write_atomically(Path(path), write_rows(rows, comma))
        except OSError as exc:
            raise file_problem(path, exc) from None
        return len(rows)
