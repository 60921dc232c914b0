"""Regions on pages: the currency passed between locating, redacting and checking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


# --- pdfplumber's coordinates --------------------------------------------------
#
# Regions here are measured from the top-left corner of the page as a viewer
# displays it: inside the crop box, after /Rotate. pdfplumber (which court IT
# staff use to check a file) measures otherwise: x in raw user space and
# ``top`` down from the media box's height, whatever the box's origin, so a
# crop box or a media box not at (0, 0) shifts its numbers from these. The
# command line speaks pdfplumber's convention and converts at the boundary.


@dataclass(frozen=True)
class PageBoxes:
    """A page's media and crop boxes in PDF user space, and its /Rotate."""

    mediabox: tuple[float, float, float, float]
    cropbox: tuple[float, float, float, float]
    rotation: int = 0


def to_pdfplumber(
    region: Region | Mapping[str, Any], page_boxes: PageBoxes | Sequence[PageBoxes]
) -> Region:
    """A region in this toolkit's coordinates -> pdfplumber's (x0, top, x1, bottom).

    ``page_boxes`` is the region's page, or every page of the PDF (as
    ``read_page_boxes`` gives them) to pick it from.
    """
    region, boxes = _region_and_boxes(region, page_boxes)
    to_user = _invert(_user_to_displayed(boxes))
    return _mapped(region, mul(to_user, _user_to_pdfplumber(boxes)))


def from_pdfplumber(
    region: Region | Mapping[str, Any], page_boxes: PageBoxes | Sequence[PageBoxes]
) -> Region:
    """A region in pdfplumber's coordinates -> this toolkit's; inverse of
    ``to_pdfplumber``."""
    region, boxes = _region_and_boxes(region, page_boxes)
    to_user = _invert(_user_to_pdfplumber(boxes))
    return _mapped(region, mul(to_user, _user_to_displayed(boxes)))


def read_page_boxes(pdf: bytes) -> list[PageBoxes]:
    """The boxes of every page, as PDFium reads them (as layout analysis does)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            PageBoxes(
                mediabox=_box(page.get_mediabox()),
                cropbox=_box(page.get_cropbox()),
                rotation=page.get_rotation() % 360,
            )
            for page in (document[i] for i in range(len(document)))
        ]
    finally:
        document.close()


def _box(values: Sequence[float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in values)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _region_and_boxes(
    region: Region | Mapping[str, Any], page_boxes: PageBoxes | Sequence[PageBoxes]
) -> tuple[Region, PageBoxes]:
    if not isinstance(region, Region):
        region = Region.from_dict(region)
    if isinstance(page_boxes, PageBoxes):
        return region, page_boxes
    if not 1 <= region.page <= len(page_boxes):
        raise ValueError(f"page {region.page} is not in a {len(page_boxes)}-page PDF")
    return region, page_boxes[region.page - 1]


def _user_to_displayed(boxes: PageBoxes) -> Matrix:
    """User space -> points from the displayed crop box's top-left corner."""
    cx0, cy0, cx1, cy1 = _box(boxes.cropbox)
    return {
        0: (1.0, 0.0, 0.0, -1.0, -cx0, cy1),
        90: (0.0, 1.0, 1.0, 0.0, -cy0, -cx0),
        180: (-1.0, 0.0, 0.0, 1.0, cx1, -cy0),
        270: (0.0, -1.0, -1.0, 0.0, cy1, cx1),
    }[boxes.rotation % 360]


def _user_to_pdfplumber(boxes: PageBoxes) -> Matrix:
    """User space -> pdfplumber's x and top.

    pdfminer places a page through a matrix that takes the media box's
    origin off (turning it by /Rotate); pdfplumber then adds the box's left
    edge back to x and measures top from the box's height, shifted by its
    own flipped copy of the box. Composed, for a media box (X0, Y0, X1, Y1).
    """
    x0, y0, x1, y1 = _box(boxes.mediabox)
    return {
        0: (1.0, 0.0, 0.0, -1.0, 0.0, y1 - y0),
        90: (0.0, 1.0, 1.0, 0.0, 0.0, -2 * x0),
        180: (-1.0, 0.0, 0.0, 1.0, x0 + x1, -2 * y0),
        270: (0.0, -1.0, -1.0, 0.0, y0 + y1, x1 - x0),
    }[boxes.rotation % 360]


def _invert(matrix: Matrix) -> Matrix:
    a, b, c, d, e, f = matrix
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_)


def _mapped(region: Region, matrix: Matrix) -> Region:
    a, b, c, d, e, f = matrix
    corners = [
        (a * x + c * y + e, b * x + d * y + f)
        for x in (region.x0, region.x1)
        for y in (region.top, region.bottom)
    ]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return Region(region.page, min(xs), min(ys), max(xs), max(ys))
