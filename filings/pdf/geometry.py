"""Regions on pages: the currency passed between locating, redacting and checking."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


class UnreadablePdf(Exception):
    """The bytes are not a PDF this toolkit can open (malformed, encrypted, empty)."""


@dataclass(frozen=True)
class Region:
    """A box on one page, in PDF points from the page's top-left corner."""

    page: int  # 1-based index of the page in the PDF
    x0: float
    top: float
    x1: float
    bottom: float

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError(f"page must be 1 or more, not {self.page}")
        if self.x1 < self.x0 or self.bottom < self.top:
            raise ValueError(f"region has negative size: {self}")

    def to_dict(self) -> dict[str, Any]:
        return {
            k: (round(v, 2) if isinstance(v, float) else v)
            for k, v in asdict(self).items()
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Region:
        try:
            return cls(
                page=int(data["page"]),
                x0=float(data["x0"]),
                top=float(data["top"]),
                x1=float(data["x1"]),
                bottom=float(data["bottom"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a region: {data!r} ({exc})") from exc

    def intersects(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        """True when the box overlaps this region by more than a hair."""
        eps = 0.01
        return (
            x0 < self.x1 - eps
            and x1 > self.x0 + eps
            and top < self.bottom - eps
            and bottom > self.top + eps
        )

    def contains_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom
