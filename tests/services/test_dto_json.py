"""to_json gives what dataclasses.asdict gives, with dates as ISO text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.enums import Gender


def _reference(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _reference(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_reference(v) for v in value]
    return value


def test_every_detail_of_the_demo_as_json(demo_ctx: Context) -> None:
    details = demo_ctx.services.people.details()
    assert len(details) > 20
    assert any(d.roles for d in details) and any(d.contacts for d in details)
    for d in details:
        got = d.to_json()
        assert got == _reference(dataclasses.asdict(d))
        json.dumps(got)  # nothing left that JSON cannot hold
        assert isinstance(got["created_at"], str)
        assert all(isinstance(r["start"], str | None) for r in got["roles"])


def test_the_encoder_writes_what_to_json_gives(demo_ctx: Context) -> None:
    """emit hands the dataclasses to json's encoder with json_default: the same text as the
    dicts of to_json, for every person of the demo and for values to_json converts."""
    from lobbycrm.services.dto import json_default

    encode = json.JSONEncoder(ensure_ascii=False, default=json_default).encode
    details = demo_ctx.services.people.details()
    for d in details:
        assert encode(d) == json.dumps(d.to_json(), ensure_ascii=False)
    odd = [
        Gender.VROUW,
        (1, dt.date(2026, 5, 12)),
        dt.datetime(2026, 12, 8, 1, 2, 3, tzinfo=dt.UTC),
    ]
    assert encode(odd) == '["vrouw", [1, "2026-05-12"], "2026-12-08T01:02:03+00:00"]'
    with pytest.raises(TypeError):
        encode([object()])


def test_enum_values_stay_their_text() -> None:
    from lobbycrm.services.dto import _jsonable

    assert _jsonable([Gender.VROUW, (1, dt.date(2026, 5, 12))]) == ["vrouw", [1, "2026-05-12"]]
    assert json.dumps(_jsonable({"g": Gender.MAN})) == '{"g": "man"}'


def test_keys_in_field_order_for_any_number_of_fields() -> None:
    from lobbycrm.services.dto import Jsonable

    @dataclasses.dataclass(frozen=True)
    class Nothing(Jsonable):
        pass

    @dataclasses.dataclass(frozen=True)
    class One(Jsonable):
        when: dt.date

    @dataclasses.dataclass(frozen=True)
    class Three(Jsonable):
        z: int
        a: list[One]
        m: Nothing

    value = Three(1, [One(dt.date(2026, 12, 8))], Nothing())
    assert Nothing().to_json() == {}
    assert One(dt.date(2026, 12, 8)).to_json() == {"when": "2026-12-08"}
    got = value.to_json()
    assert got == {"z": 1, "a": [{"when": "2026-12-08"}], "m": {}}
    assert list(got) == ["z", "a", "m"]  # as the class declares them, for people reading JSON
