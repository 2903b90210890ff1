"""What a mutating service call changed, so views refresh only what they show."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[str] = field(default_factory=frozenset)
    ids: tuple[int, ...] = ()

    @classmethod
    def of(cls, *kinds: str, ids: tuple[int, ...] = ()) -> Changes:
        return cls(frozenset(kinds), ids)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids + other.ids)
