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


# ------------------------------------------- pdfplumber's coordinates (#5)
#
# Inside the toolkit and the app, a region is measured from the top-left
# corner of the page as displayed: the CropBox (else the MediaBox), turned by
# /Rotate. pdfplumber measures from the MediaBox instead (x in user space, top
# from the MediaBox's top), so on a page with a CropBox, or a MediaBox not at
# 0,0, the same box has other numbers. The two differ by a translation on
# every page, whatever its rotation; these convert at the toolkit's edges.

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageBoxes:
    """What places a page on screen: its MediaBox, CropBox and /Rotate."""

    mediabox: Box
    cropbox: Box | None = None
    rotate: int = 0

    def visible_frame(self) -> Matrix:
        """User space to region coordinates (top-left of the displayed CropBox)."""
        cx0, cy0, cx1, cy1 = _normal(self.cropbox or self.mediabox)
        rotate = self.rotate % 360
        if rotate == 90:
            return (0, 1, 1, 0, -cy0, -cx0)
        if rotate == 180:
            return (-1, 0, 0, 1, cx1, -cy0)
        if rotate == 270:
            return (0, -1, -1, 0, cy1, cx1)
        return (1, 0, 0, -1, -cx0, cy1)

    def pdfminer_ctm(self) -> Matrix:
        """The matrix pdfminer starts each page with (PDFPageInterpreter.process_page)."""
        x0, y0, x1, y1 = _normal(self.mediabox)
        rotate = self.rotate % 360
        if rotate == 90:
            return (0, -1, 1, 0, -y0, x1)
        if rotate == 180:
            return (-1, 0, 0, -1, x1, y1)
        if rotate == 270:
            return (0, 1, -1, 0, y1, -x0)
        return (1, 0, 0, 1, -x0, -y0)

    def pdfplumber_frame(self) -> Matrix:
        """User space to pdfplumber's coordinates: pdfminer's rotation of the
        MediaBox, then pdfplumber's flip and offsets (including its odd
        treatment of a MediaBox not at 0,0)."""
        x0, y0, x1, y1 = _normal(self.mediabox)
        rotate = self.rotate % 360
        nx0, ny0, ny1 = (y0, x0, x1) if rotate in (90, 270) else (x0, y0, y1)
        return mul(self.pdfminer_ctm(), (1, 0, 0, -1, nx0, ny1 - 2 * ny0))

    def pdfplumber_shift(self) -> tuple[float, float]:
        """What to add to pdfplumber's (x, top) to get region coordinates."""
        a, b, c, d, e, f = self.pdfplumber_frame()
        # The user-space point pdfplumber puts at (0, 0), in region coordinates.
        det = a * d - b * c
        ux, uy = (-d * e + c * f) / det, (b * e - a * f) / det
        m = self.visible_frame()
        return (m[0] * ux + m[2] * uy + m[4], m[1] * ux + m[3] * uy + m[5])


def _normal(box: Box) -> Box:
    x0, y0, x1, y1 = box
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def from_pdfplumber(region: Region, page_boxes: PageBoxes) -> Region:
    """A region measured by pdfplumber, in the toolkit's own coordinates."""
    dx, dy = page_boxes.pdfplumber_shift()
    return Region(
        region.page,
        region.x0 + dx,
        region.top + dy,
        region.x1 + dx,
        region.bottom + dy,
    )


def to_pdfplumber(region: Region, page_boxes: PageBoxes) -> Region:
    """A region in the toolkit's coordinates, as pdfplumber would measure it."""
    dx, dy = page_boxes.pdfplumber_shift()
    return Region(
        region.page,
        region.x0 - dx,
        region.top - dy,
        region.x1 - dx,
        region.bottom - dy,
    )
