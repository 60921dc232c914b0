"""Strip hidden data from a public version of a filing.

Metadata, annotations and sticky notes, form fields, attachments, scripts and
actions, bookmarks, page piece dictionaries and thumbnails all survive a
"redaction" that only paints boxes; each has leaked sealed material in real
filings. ``sanitize_pdf`` removes them and writes a fresh file: one revision,
no unreferenced objects, no unused resources.
"""

from __future__ import annotations

import io

import pikepdf

from filings.pdf.geometry import UnreadablePdf

# Catalog entries that carry hidden data or run code.
CATALOG_KEYS = (
    "/Metadata",
    "/AcroForm",
    "/OpenAction",
    "/AA",
    "/Outlines",
    "/AF",
    "/PieceInfo",
    "/Collection",
    "/Threads",
    "/SpiderInfo",
    "/Perms",
    "/Legal",
    "/Dests",
)
# Name trees that hold attachments, scripts or jump targets that name content.
NAME_TREES = (
    "/EmbeddedFiles",
    "/JavaScript",
    "/AlternatePresentations",
    "/Renditions",
    "/Dests",
)
# XObject entries that carry other versions of the object or private data:
# /Alternates holds alternate images, which would keep pixels a redaction blanked.
XOBJECT_KEYS = ("/Metadata", "/PieceInfo", "/AF", "/OPI", "/Alternates", "/Thumb")
PAGE_KEYS = ("/Annots", "/AA", "/PieceInfo", "/Thumb", "/AF", "/Metadata", "/B")


def sanitize_pdf(pdf: bytes, *, drop_structure: bool = False) -> bytes:
    """Return a fresh copy of the PDF with its hidden data removed.

    ``drop_structure`` also removes the logical structure tree, whose /Alt and
    /ActualText entries may repeat redacted words; redaction sets it.
    """
    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PasswordError as exc:
        raise UnreadablePdf("the PDF is encrypted; remove its password first") from exc
    except pikepdf.PdfError as exc:
        raise UnreadablePdf(f"not a readable PDF: {exc}") from exc
    with document:
        if document.is_encrypted:
            raise UnreadablePdf("the PDF is encrypted; remove its password first")
        _clean_catalog(document.Root, drop_structure)
        for page in document.pages:
            _clean_page(page.obj)
            _clean_xobjects(page.obj.get("/Resources"), set())
        # An empty trailer /Info would still be written by qpdf; drop it.
        if "/Info" in document.trailer:
            del document.trailer["/Info"]
        document.remove_unreferenced_resources()
        buffer = io.BytesIO()
        document.save(
            buffer,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            fix_metadata_version=False,
            deterministic_id=True,
        )
    return buffer.getvalue()


def _clean_catalog(root: pikepdf.Dictionary, drop_structure: bool) -> None:
    for key in CATALOG_KEYS:
        if key in root:
            del root[key]
    if drop_structure:
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in root:
                del root[key]
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in NAME_TREES:
            if key in names:
                del names[key]
    if "/PageMode" in root and root.PageMode in (
        pikepdf.Name.UseOutlines,
        pikepdf.Name.UseAttachments,
    ):
        root.PageMode = pikepdf.Name.UseNone


def _clean_page(page: pikepdf.Dictionary) -> None:
    for key in PAGE_KEYS:
        if key in page:
            del page[key]


def _clean_xobjects(resources: object, seen: set[tuple[int, int]]) -> None:
    """Form XObjects and images can carry their own metadata and piece info."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    xobjects = resources.get("/XObject")
    if not isinstance(xobjects, pikepdf.Dictionary):
        return
    for _name, xobject in xobjects.items():
        if not isinstance(xobject, pikepdf.Stream):
            continue
        if xobject.is_indirect:
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
        for key in XOBJECT_KEYS:
            if key in xobject:
                del xobject[key]
        _clean_xobjects(xobject.get("/Resources"), seen)
