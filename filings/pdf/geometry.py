"""Regions on pages: the currency passed between locating, redacting and checking."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# A PDF transformation matrix [a b c d e f], as the `cm` and `Tm` operators take it.
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mul(m1: Matrix, m2: Matrix) -> Matrix:
    """`m1` then `m2` (PDF row-vector convention: ``m1 × m2``)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


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
