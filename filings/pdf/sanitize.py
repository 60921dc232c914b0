"""Strip hidden data from a public version of a filing, by allow-list.

Metadata, annotations and sticky notes, form fields, attachments, scripts and
actions, bookmarks, page piece dictionaries, thumbnails and private keys all
survive a "redaction" that only paints boxes; each has leaked sealed material
in real filings. A list of what to remove is never complete (a producer may
embed the unredacted original under a key of its own, or LibreOffice its
source document under /AdditionalStreams), so ``sanitize_pdf`` works the other
way round: it walks the document from its catalog and keeps, in every
dictionary, only the keys a public PDF needs to be drawn, as the PDF
specification (ISO 32000-2) defines them for that kind of dictionary. Every
other key goes, and with it whatever it referred to: the file is written fresh,
with only the objects still reachable and no earlier revisions.

What is kept, and why it is safe:

- the page tree, each page's boxes, rotation, content and resources;
- fonts (with their widths, encodings, ToUnicode maps and font programs),
  images (pixels, masks and colour spaces only), Form XObjects, patterns,
  shadings, graphics states, colour spaces and functions;
- optional content (layers): their on/off state decides what is drawn, so
  dropping them would change the page outside the regions;
- in a marked-content property list (``/Properties``) only what makes it a
  layer reference; a plain property list is emptied (its /ActualText, /Alt,
  /E or /AF could repeat redacted words) but stays, so that every ``BDC`` in
  the content still names an entry;
- in the catalog only /Type, /Pages, /Version, /Lang, /PageLayout, /PageMode
  and /OCProperties. Everything else goes: /Names with all its name trees
  (a public filing needs none: attachments and scripts must go; named
  destinations serve only links and bookmarks, which are removed, and their
  names can repeat a redacted heading), /Dests, /Outlines, /AcroForm,
  /Metadata, the structure tree, /OutputIntents (an ICC profile, and text),
  /AdditionalStreams, /DPartRoot, /PieceInfo, /AF, actions, and private keys.

``disallowed`` runs the same walk without changing anything and names every
key outside the allow-lists, so the verification gate can hold any output to
them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pikepdf

from filings.pdf.geometry import UnreadablePdf

# A handler checks one value in its place: in "fix" mode it removes what is not
# allowed inside it; it returns False when the value itself cannot stay.
Handler = Callable[["_Walk", object, str], bool]

STREAM_KEYS = ("/Length", "/Filter", "/DecodeParms", "/DL")
# Page modes that would open a panel of what was removed.
_RESET_PAGE_MODES = ("/UseOutlines", "/UseAttachments")


class _Walk:
    """One walk from the catalog; ``fix`` removes, otherwise it only reports."""

    def __init__(self, document: pikepdf.Pdf, *, fix: bool) -> None:
        self.document = document
        self.fix = fix
        self.violations: list[str] = []
        self.visited: set[tuple[int, int]] = set()
        # (object, kind) -> verdict, so a value shared by two places gets the
        # same verdict in both (provisionally True while it is being walked).
        self._done: dict[tuple[tuple[int, int], str], bool] = {}

    # ------------------------------------------------------------ machinery

    def first_visit(self, obj: object, kind: str) -> bool:
        """False when this indirect object was already walked as this kind."""
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            key = (obj.objgen, kind)
            if key in self._done:
                return False
            self._done[key] = True
            self.visited.add(obj.objgen)
        return True

    def verdict(self, obj: object, kind: str) -> bool:
        """The verdict given the first time this object was walked as this kind."""
        return self._done.get((obj.objgen, kind), True)  # type: ignore[union-attr]

    def record(self, obj: object, kind: str, ok: bool) -> bool:
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            self._done[(obj.objgen, kind)] = ok
        return ok

    def dictionary(
        self,
        obj: object,
        where: str,
        kind: str,
        allowed: dict[str, Handler],
        *,
        stream: bool | None = None,
    ) -> bool:
        """Keep only the allowed keys of a dictionary (or stream), each checked.

        ``stream``: True for a stream (its storage keys are allowed too), False
        for a plain dictionary, None for either.
        """
        is_stream = isinstance(obj, pikepdf.Stream)
        if not (is_stream or isinstance(obj, pikepdf.Dictionary)):
            return False
        if stream is not None and stream != is_stream:
            return False
        if not self.first_visit(obj, kind):
            return True
        assert isinstance(obj, pikepdf.Dictionary | pikepdf.Stream)
        for key in list(obj.keys()):
            if is_stream and key in STREAM_KEYS:
                handler = _STREAM_HANDLERS[key]
            else:
                handler = allowed.get(key)
            if handler is not None and handler(self, obj.get(key), f"{where} {key}"):
                continue
            self.reject(obj, key, f"{where} {key}")
        return True

    def reject(self, obj: pikepdf.Object, key: str, where: str) -> None:
        if self.fix:
            del obj[key]
        else:
            self.violations.append(where)

    def array(self, obj: object, where: str, item: Handler) -> bool:
        """An array whose every element passes ``item`` (arrays cannot lose
        elements without changing their meaning, so one bad element drops it)."""
        if not isinstance(obj, pikepdf.Array):
            return False
        kind = f"array_of{item.__name__}"
        if not self.first_visit(obj, kind):
            return self.verdict(obj, kind)
        verdicts = [item(self, value, f"{where}[{i}]") for i, value in enumerate(obj)]
        return self.record(obj, kind, all(verdicts))

    def name_map(self, obj: object, where: str, item: Handler, kind: str) -> bool:
        """A dictionary from resource names to values of one kind."""
        if not isinstance(obj, pikepdf.Dictionary):
            return False
        if not self.first_visit(obj, kind):
            return True
        for key in list(obj.keys()):
            if not item(self, obj.get(key), f"{where} {key}"):
                self.reject(obj, key, f"{where} {key}")
        return True


# ---------------------------------------------------------------- leaf values


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(
        value, bool | int | float | Decimal | pikepdf.Name | pikepdf.String
    )


def leaf(walk: _Walk, value: object, where: str, depth: int = 0) -> bool:
    """Numbers, names, strings, booleans, and arrays of them: nothing they
    refer to can carry more."""
    if _is_scalar(value):
        return True
    if isinstance(value, pikepdf.Array) and depth < 8:
        if isinstance(value, pikepdf.Object) and value.is_indirect:
            walk.visited.add(value.objgen)
        return all(leaf(walk, v, where, depth + 1) for v in value)
    return False


def _name(walk: _Walk, value: object, where: str) -> bool:
    return isinstance(value, pikepdf.Name)


def _skip(walk: _Walk, value: object, where: str) -> bool:
    """/Parent: the node it names is walked from the top of the page tree."""
    return isinstance(value, pikepdf.Dictionary)


def _one_or_array(handler: Handler) -> Handler:
    def check(walk: _Walk, value: object, where: str) -> bool:
        if isinstance(value, pikepdf.Array):
            return walk.array(value, where, handler)
        return handler(walk, value, where)

    check.__name__ = f"one_or_array_of{handler.__name__}"
    return check


def _either(*handlers: Handler) -> Handler:
    def check(walk: _Walk, value: object, where: str) -> bool:
        return any(h(walk, value, where) for h in handlers)

    check.__name__ = "either" + "".join(h.__name__ for h in handlers)
    return check


def _array_of(handler: Handler) -> Handler:
    def check(walk: _Walk, value: object, where: str) -> bool:
        return walk.array(value, where, handler)

    check.__name__ = f"array_of{handler.__name__}"
    return check


def _map_of(handler: Handler, kind: str) -> Handler:
    def check(walk: _Walk, value: object, where: str) -> bool:
        return walk.name_map(value, where, handler, kind)

    check.__name__ = f"map_of{handler.__name__}"
    return check


_STREAM_HANDLERS: dict[str, Handler] = {}


def _binary_stream(walk: _Walk, value: object, where: str) -> bool:
    """A stream that is only data (its storage keys and nothing else)."""
    return walk.dictionary(value, where, "data", {}, stream=True)


# ------------------------------------------------------------ document parts


def _kind(kind: str, *, stream: bool | None) -> Handler:
    """The handler of one kind of dictionary: its keys must be in ALLOWED[kind]."""

    def check(walk: _Walk, value: object, where: str) -> bool:
        return walk.dictionary(value, where, kind, ALLOWED[kind], stream=stream)

    check.__name__ = f"_{kind}"
    return check


def _page_tree(walk: _Walk, node: object, where: str) -> bool:
    if not isinstance(node, pikepdf.Dictionary):
        return False
    if node.get("/Type") == "/Page" or "/Kids" not in node:
        return _PAGE(walk, node, where)
    return _PAGES(walk, node, where)


def _page_mode(walk: _Walk, value: object, where: str) -> bool:
    return isinstance(value, pikepdf.Name) and str(value) not in _RESET_PAGE_MODES


def _xobject(walk: _Walk, value: object, where: str) -> bool:
    if not isinstance(value, pikepdf.Stream):
        return False
    subtype = value.get("/Subtype")
    if subtype == "/Image":
        return _IMAGE(walk, value, where)
    if subtype == "/Form":
        return _FORM(walk, value, where)
    # PostScript XObjects (ignored by every viewer) and unknown kinds.
    return False


def _image_mask(walk: _Walk, value: object, where: str) -> bool:
    # A stencil mask image, or an array of colour-key ranges.
    return leaf(walk, value, where) or _IMAGE(walk, value, where)


def _font(walk: _Walk, value: object, where: str) -> bool:
    if not isinstance(value, pikepdf.Dictionary):
        return False
    subtype = value.get("/Subtype")
    if subtype == "/Type0":
        return _TYPE0_FONT(walk, value, where)
    if subtype == "/Type3":
        return _TYPE3_FONT(walk, value, where)
    return _SIMPLE_FONT(walk, value, where)


def _colour_space(walk: _Walk, value: object, where: str) -> bool:
    """A colour space: a name, or an array whose parts are checked by family."""
    if isinstance(value, pikepdf.Name):
        return True
    if not isinstance(value, pikepdf.Array) or len(value) == 0:
        return False
    if not walk.first_visit(value, "colorspace"):
        return walk.verdict(value, "colorspace")
    return walk.record(value, "colorspace", _colour_space_array(walk, value, where))


def _colour_space_array(walk: _Walk, value: pikepdf.Array, where: str) -> bool:
    family, rest = str(value[0]), list(value)[1:]
    if family in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern") and not rest:
        return True
    if family == "/ICCBased" and len(rest) == 1:
        return _ICC(walk, rest[0], where)
    if family in ("/CalGray", "/CalRGB", "/Lab") and len(rest) == 1:
        return _CIE(walk, rest[0], where)
    if family in ("/Indexed", "/I") and len(rest) == 3:
        base, hival, lookup = rest
        return (
            _colour_space(walk, base, where)
            and leaf(walk, hival, where)
            and (
                isinstance(lookup, pikepdf.String)
                or _binary_stream(walk, lookup, where)
            )
        )
    if family == "/Pattern" and len(rest) == 1:
        return _colour_space(walk, rest[0], where)
    if family == "/Separation" and len(rest) == 3:
        name, alternate, tint = rest
        return (
            isinstance(name, pikepdf.Name)
            and _colour_space(walk, alternate, where)
            and _function(walk, tint, where)
        )
    if family == "/DeviceN" and len(rest) in (3, 4):
        names, alternate, tint = rest[:3]
        return (
            leaf(walk, names, where)
            and _colour_space(walk, alternate, where)
            and _function(walk, tint, where)
            and (len(rest) == 3 or _DEVICEN(walk, rest[3], where))
        )
    return False


def _function(walk: _Walk, value: object, where: str) -> bool:
    if isinstance(value, pikepdf.Name):  # /Identity, /Default in graphics states
        return True
    return walk.dictionary(value, where, "function", ALLOWED["function"])


def _gstate_font(walk: _Walk, value: object, where: str) -> bool:
    return (
        isinstance(value, pikepdf.Array)
        and len(value) == 2
        and _font(walk, value[0], where)
        and leaf(walk, value[1], where)
    )


def _pattern(walk: _Walk, value: object, where: str) -> bool:
    if isinstance(value, pikepdf.Stream):
        return _TILING(walk, value, where)
    return _SHADING_PATTERN(walk, value, where)


def _shading(walk: _Walk, value: object, where: str) -> bool:
    return walk.dictionary(value, where, "shading", ALLOWED["shading"])


def _properties(walk: _Walk, value: object, where: str) -> bool:
    """A marked-content property list named by ``BDC``: a layer reference
    stays what it is; any other list is emptied (it may hold /ActualText,
    /Alt, /E or /AF repeating redacted words) but stays, so the name in the
    content still resolves."""
    if not isinstance(value, pikepdf.Dictionary):
        return False
    kind = value.get("/Type")
    if kind == "/OCG":
        return _OCG(walk, value, where)
    if kind == "/OCMD":
        return _OCMD(walk, value, where)
    return _PROPERTY_LIST(walk, value, where)


def _optional_content(walk: _Walk, value: object, where: str) -> bool:
    if isinstance(value, pikepdf.Dictionary) and value.get("/Type") == "/OCMD":
        return _OCMD(walk, value, where)
    return _OCG(walk, value, where)


def _order(walk: _Walk, value: object, where: str) -> bool:
    """A layer panel's order: layers, and nested arrays of layers and labels."""
    if isinstance(value, pikepdf.String):
        return True
    if isinstance(value, pikepdf.Array):
        return walk.array(value, where, _order)
    return _OCG(walk, value, where)


_PAGES = _kind("pages", stream=False)
_PAGE = _kind("page", stream=False)
_CONTENT = _kind("content", stream=True)
_RESOURCES = _kind("resources", stream=False)
_IMAGE = _kind("image", stream=True)
_FORM = _kind("form", stream=True)
_GROUP = _kind("group", stream=False)
_SIMPLE_FONT = _kind("font", stream=False)
_TYPE3_FONT = _kind("type3font", stream=False)
_TYPE0_FONT = _kind("type0font", stream=False)
_CID_FONT = _kind("cidfont", stream=False)
_CID_SYSTEM_INFO = _kind("cidsysteminfo", stream=False)
_ENCODING = _kind("encoding", stream=False)
_CMAP = _kind("cmap", stream=True)
_FONT_DESCRIPTOR = _kind("fontdescriptor", stream=False)
_FONT_FILE = _kind("fontfile", stream=True)
_ICC = _kind("icc", stream=True)
_CIE = _kind("cie", stream=False)
_DEVICEN = _kind("devicen", stream=False)
_PROCESS = _kind("process", stream=False)
_EXT_GSTATE = _kind("extgstate", stream=False)
_SOFT_MASK = _kind("softmask", stream=False)
_TILING = _kind("tiling", stream=True)
_SHADING_PATTERN = _kind("shadingpattern", stream=False)
_PROPERTY_LIST = _kind("propertylist", stream=False)
_OCG = _kind("ocg", stream=False)
_OCMD = _kind("ocmd", stream=False)
_OC_PROPERTIES = _kind("ocproperties", stream=False)
_OC_CONFIG = _kind("occonfig", stream=False)
_DECODE_PARMS = _kind("decodeparms", stream=False)

_CONTENTS = _one_or_array(_CONTENT)
_CMAP_OR_NAME = _either(_name, _CMAP)
_OCG_ARRAY = _array_of(_OCG)


def _decode_parms(walk: _Walk, value: object, where: str) -> bool:
    return value is None or _DECODE_PARMS(walk, value, where)


_STREAM_HANDLERS.update(
    {
        "/Length": leaf,
        "/Filter": leaf,
        "/DL": leaf,
        "/DecodeParms": _one_or_array(_decode_parms),
    }
)


def _leaves(*keys: str) -> dict[str, Handler]:
    return dict.fromkeys(keys, leaf)


_INHERITABLE: dict[str, Handler] = {
    "/Resources": _RESOURCES,
    **_leaves("/MediaBox", "/CropBox", "/Rotate"),
}

# The allow-lists, one per kind of dictionary (ISO 32000-2 names the keys;
# the comment says what was left out on purpose). A stream also keeps its
# storage keys (/Length, /Filter, /DecodeParms, /DL), never /F (an external
# file holding the data).
ALLOWED: dict[str, dict[str, Handler]] = {
    # Not /Names, /Dests, /Outlines, /AcroForm, /Metadata, /StructTreeRoot,
    # /MarkInfo, /OutputIntents, /AdditionalStreams, /DPartRoot, /PieceInfo,
    # /AF, /OpenAction, /AA, /URI, /Threads, /SpiderInfo, /Collection, /Perms,
    # /Legal, /Requirements, /ViewerPreferences, /PageLabels, /Extensions.
    "catalog": {
        "/Type": _name,
        "/Pages": _page_tree,
        "/Version": _name,
        "/Lang": leaf,
        "/PageLayout": _name,
        "/PageMode": _page_mode,
        "/OCProperties": _OC_PROPERTIES,
    },
    "pages": {
        "/Type": _name,
        "/Kids": _array_of(_page_tree),
        "/Count": leaf,
        "/Parent": _skip,
        **_INHERITABLE,
    },
    # Not /Annots, /AA, /Metadata, /PieceInfo, /Thumb, /B, /AF, /StructParents,
    # /ID, /PZ, /SeparationInfo, /Tabs, /TemplateInstantiated, /PresSteps,
    # /VP, /OutputIntents, /DPart, /Trans, /Dur, /LastModified, /BoxColorInfo.
    "page": {
        "/Type": _name,
        "/Parent": _skip,
        "/Contents": _CONTENTS,
        "/Group": _GROUP,
        "/UserUnit": leaf,
        **_leaves("/BleedBox", "/TrimBox", "/ArtBox"),
        **_INHERITABLE,
    },
    "content": {},
    "resources": {
        "/Font": _map_of(_font, "fonts"),
        "/XObject": _map_of(_xobject, "xobjects"),
        "/ExtGState": _map_of(_EXT_GSTATE, "extgstates"),
        "/ColorSpace": _map_of(_colour_space, "colorspaces"),
        "/Pattern": _map_of(_pattern, "patterns"),
        "/Shading": _map_of(_shading, "shadings"),
        "/Properties": _map_of(_properties, "properties"),
        "/ProcSet": leaf,
    },
    # Not /Alternates or /OPI (other versions of the picture), /Metadata,
    # /StructParent, /ID, /Name, /Measure, /PtData, /AF.
    "image": {
        "/Type": _name,
        "/Subtype": _name,
        "/ColorSpace": _colour_space,
        "/Intent": _name,
        "/Mask": _image_mask,
        "/SMask": _IMAGE,
        "/OC": _optional_content,
        **_leaves(
            "/Width",
            "/Height",
            "/BitsPerComponent",
            "/ImageMask",
            "/Decode",
            "/Interpolate",
            "/SMaskInData",
            "/Matte",
        ),
    },
    # Not /Ref (a page of another file), /Metadata, /PieceInfo, /OPI,
    # /StructParent(s), /LastModified, /Name, /Measure, /PtData, /AF.
    "form": {
        "/Type": _name,
        "/Subtype": _name,
        "/Resources": _RESOURCES,
        "/Group": _GROUP,
        "/OC": _optional_content,
        **_leaves("/FormType", "/BBox", "/Matrix"),
    },
    "group": {
        "/Type": _name,
        "/S": _name,
        "/CS": _colour_space,
        **_leaves("/I", "/K"),
    },
    "font": {
        "/Type": _name,
        "/Subtype": _name,
        "/Name": _name,
        "/BaseFont": _name,
        "/FontDescriptor": _FONT_DESCRIPTOR,
        "/Encoding": _either(_name, _ENCODING),
        "/ToUnicode": _CMAP_OR_NAME,
        **_leaves("/FirstChar", "/LastChar", "/Widths"),
    },
    "type3font": {
        "/Type": _name,
        "/Subtype": _name,
        "/Name": _name,
        "/FontDescriptor": _FONT_DESCRIPTOR,
        "/Encoding": _either(_name, _ENCODING),
        "/ToUnicode": _CMAP_OR_NAME,
        "/CharProcs": _map_of(_CONTENT, "charprocs"),
        "/Resources": _RESOURCES,
        **_leaves("/FirstChar", "/LastChar", "/Widths", "/FontBBox", "/FontMatrix"),
    },
    "type0font": {
        "/Type": _name,
        "/Subtype": _name,
        "/BaseFont": _name,
        "/Encoding": _CMAP_OR_NAME,
        "/DescendantFonts": _array_of(_CID_FONT),
        "/ToUnicode": _CMAP_OR_NAME,
    },
    "cidfont": {
        "/Type": _name,
        "/Subtype": _name,
        "/BaseFont": _name,
        "/CIDSystemInfo": _CID_SYSTEM_INFO,
        "/FontDescriptor": _FONT_DESCRIPTOR,
        "/CIDToGIDMap": _either(_name, _binary_stream),
        **_leaves("/DW", "/W", "/DW2", "/W2"),
    },
    "cidsysteminfo": _leaves("/Registry", "/Ordering", "/Supplement"),
    "encoding": {"/Type": _name, "/BaseEncoding": _name, "/Differences": leaf},
    "cmap": {
        "/Type": _name,
        "/CMapName": _name,
        "/CIDSystemInfo": _CID_SYSTEM_INFO,
        "/WMode": leaf,
        "/UseCMap": _CMAP_OR_NAME,
    },
    # Not /FD or /Style (CID font extras no renderer needs).
    "fontdescriptor": {
        "/FontFile": _FONT_FILE,
        "/FontFile2": _FONT_FILE,
        "/FontFile3": _FONT_FILE,
        "/CIDSet": _binary_stream,
        **_leaves(
            "/Type",
            "/FontName",
            "/FontFamily",
            "/FontStretch",
            "/FontWeight",
            "/Flags",
            "/FontBBox",
            "/ItalicAngle",
            "/Ascent",
            "/Descent",
            "/Leading",
            "/CapHeight",
            "/XHeight",
            "/StemV",
            "/StemH",
            "/AvgWidth",
            "/MaxWidth",
            "/MissingWidth",
            "/CharSet",
            "/Lang",
        ),
    },
    # Not /Metadata.
    "fontfile": {"/Subtype": _name, **_leaves("/Length1", "/Length2", "/Length3")},
    # Not /Metadata.
    "icc": {"/Alternate": _colour_space, **_leaves("/N", "/Range")},
    "cie": _leaves("/WhitePoint", "/BlackPoint", "/Gamma", "/Matrix", "/Range"),
    # Not /MixingHints.
    "devicen": {
        "/Subtype": _name,
        "/Colorants": _map_of(_colour_space, "colorants"),
        "/Process": _PROCESS,
    },
    "process": {"/ColorSpace": _colour_space, "/Components": leaf},
    "function": {
        "/Functions": _array_of(_function),
        **_leaves(
            "/FunctionType",
            "/Domain",
            "/Range",
            "/Size",
            "/BitsPerSample",
            "/Order",
            "/Encode",
            "/Decode",
            "/C0",
            "/C1",
            "/N",
            "/Bounds",
        ),
    },
    # Not /HT (halftones: printer settings, the default serves).
    "extgstate": {
        "/Font": _gstate_font,
        "/BG": _function,
        "/BG2": _function,
        "/UCR": _function,
        "/UCR2": _function,
        "/TR": _one_or_array(_function),
        "/TR2": _one_or_array(_function),
        "/SMask": _either(_name, _SOFT_MASK),
        **_leaves(
            "/Type",
            "/LW",
            "/LC",
            "/LJ",
            "/ML",
            "/D",
            "/RI",
            "/OP",
            "/op",
            "/OPM",
            "/FL",
            "/SM",
            "/SA",
            "/BM",
            "/CA",
            "/ca",
            "/AIS",
            "/TK",
            "/UseBlackPtComp",
        ),
    },
    "softmask": {
        "/Type": _name,
        "/S": _name,
        "/G": _xobject,
        "/BC": leaf,
        "/TR": _function,
    },
    "tiling": {
        "/Type": _name,
        "/Resources": _RESOURCES,
        **_leaves(
            "/PatternType",
            "/PaintType",
            "/TilingType",
            "/BBox",
            "/XStep",
            "/YStep",
            "/Matrix",
        ),
    },
    "shadingpattern": {
        "/Type": _name,
        "/Shading": _shading,
        "/ExtGState": _EXT_GSTATE,
        **_leaves("/PatternType", "/Matrix"),
    },
    "shading": {
        "/ColorSpace": _colour_space,
        "/Function": _one_or_array(_function),
        **_leaves(
            "/ShadingType",
            "/Background",
            "/BBox",
            "/AntiAlias",
            "/Coords",
            "/Domain",
            "/Extend",
            "/Matrix",
            "/BitsPerCoordinate",
            "/BitsPerComponent",
            "/BitsPerFlag",
            "/Decode",
            "/VerticesPerRow",
        ),
    },
    # A plain marked-content property list keeps nothing (see _properties).
    "propertylist": {},
    # Not /Usage (creator info and more).
    "ocg": {"/Type": _name, "/Name": leaf, "/Intent": leaf},
    # Not /VE (visibility expressions); /P with /OCGs says the same for most.
    "ocmd": {"/Type": _name, "/OCGs": _one_or_array(_OCG), "/P": _name},
    "ocproperties": {"/OCGs": _OCG_ARRAY, "/D": _OC_CONFIG},
    # Not /Name, /Creator, /AS (usage-driven states; /Usage is gone).
    "occonfig": {
        "/BaseState": _name,
        "/ON": _OCG_ARRAY,
        "/OFF": _OCG_ARRAY,
        "/Intent": leaf,
        "/Order": _order,
        "/ListMode": _name,
        "/RBGroups": _array_of(_OCG_ARRAY),
        "/Locked": _OCG_ARRAY,
    },
    "decodeparms": {
        "/JBIG2Globals": _binary_stream,
        **_leaves(
            "/Predictor",
            "/Colors",
            "/BitsPerComponent",
            "/Columns",
            "/EarlyChange",
            "/K",
            "/EndOfLine",
            "/EncodedByteAlign",
            "/Rows",
            "/EndOfBlock",
            "/BlackIs1",
            "/DamagedRowsBeforeError",
            "/ColorTransform",
        ),
    },
}


def _catalog(walk: _Walk, root: pikepdf.Dictionary) -> None:
    walk.dictionary(root, "catalog", "catalog", ALLOWED["catalog"], stream=False)


# ---------------------------------------------------------------- the entry


def sanitize_pdf(pdf: bytes) -> bytes:
    """Return a fresh copy of the PDF keeping only what a public PDF needs.

    Everything outside the allow-lists goes, the logical structure tree (whose
    /Alt and /ActualText may repeat redacted words) and every annotation
    included. Raises UnreadablePdf for a file that needs a password.
    """
    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PasswordError as exc:
        raise UnreadablePdf(
            "the PDF is encrypted and needs a password to be opened"
        ) from exc
    except pikepdf.PdfError as exc:
        raise UnreadablePdf(f"not a readable PDF: {exc}") from exc
    # An owner password alone (the file opens without one) is dropped: the
    # copy is saved unencrypted.
    with document:
        walk = _Walk(document, fix=True)
        _catalog(walk, document.Root)
        # The trailer keeps only the catalog and the object count: /Info and
        # any private entry go (qpdf writes a fresh /ID).
        for key in list(document.trailer.keys()):
            if key not in ("/Root", "/Size"):
                del document.trailer[key]
        document.remove_unreferenced_resources()
        buffer = io.BytesIO()
        document.save(
            buffer,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            fix_metadata_version=False,
            deterministic_id=True,
        )
    return buffer.getvalue()


# Objects qpdf writes for the file's own structure, not reachable from the
# catalog: cross-reference and object streams.
_STRUCTURAL_TYPES = ("/XRef", "/ObjStm")
# The trailer as qpdf writes it, in a cross-reference stream or not.
_TRAILER_KEYS = {"/Root", "/Size", "/ID", "/Type", "/W", "/Index", *STREAM_KEYS}


def disallowed(document: pikepdf.Pdf) -> list[str]:
    """Every key outside the allow-lists, every attached file, and every object
    the catalog does not reach through allowed keys; empty for a clean file."""
    walk = _Walk(document, fix=False)
    _catalog(walk, document.Root)
    found = [f"key not allowed: {where}" for where in walk.violations]
    extra = sorted(set(document.trailer.keys()) - _TRAILER_KEYS)
    found.extend(f"key not allowed: trailer {key}" for key in extra)
    stray = []
    for obj in document.objects:
        if not isinstance(obj, pikepdf.Object):
            continue
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
            if obj.get("/Type") == "/EmbeddedFile":
                found.append(f"object {obj.objgen[0]} is an embedded file")
            if "/EF" in obj:
                found.append(f"object {obj.objgen[0]} holds an attached file (/EF)")
            if obj.get("/Type") in _STRUCTURAL_TYPES and isinstance(
                obj, pikepdf.Stream
            ):
                continue
        if obj.objgen not in walk.visited and _is_container(obj):
            stray.append(obj.objgen[0])
    if stray:
        found.append(
            f"{len(stray)} objects not reached through allowed keys "
            f"(first: object {stray[0]})"
        )
    return found


def _is_container(obj: pikepdf.Object) -> bool:
    return isinstance(
        obj, pikepdf.Stream | pikepdf.Dictionary | pikepdf.Array | pikepdf.String
    )
