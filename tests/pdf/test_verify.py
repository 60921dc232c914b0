"""The verification gate catches the classic bad redactions."""

from __future__ import annotations

import io

import pdfplumber
import pikepdf
import pypdfium2
import pytest

from filings.pdf import verify as verify_module
from filings.pdf.forking import can_fork
from filings.pdf.geometry import Region
from filings.pdf.redact import apply, rect_box, redact_pdf
from filings.pdf.sanitize import sanitize_pdf
from filings.pdf.verify import (
    PARALLEL_MIN_PAGES,
    OriginalReading,
    _pdfminer_frames,
    _read_or_reason,
    _visible_frames,
    pdfplumber_shift,
    plumber_chars,
    region_frame,
    unchanged_pages,
    verify_redaction,
)
from tests.pdf.redact_factory import build_pdf, text_ops, text_pdf, word_region

LINE = "Public words then SECRETWORD and more public"


def _box_only(pdf: bytes, region) -> bytes:
    """The Manafort mistake: a black box drawn over text that is still there."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        height = float(page.mediabox[3])
        box = (
            f"q 0 g {region.x0} {height - region.bottom} "
            f"{region.x1 - region.x0} {region.bottom - region.top} re f Q"
        )
        page.contents_add(doc.make_stream(box.encode()))
        out = io.BytesIO()
        doc.save(out)
    return sanitize_pdf(out.getvalue())


def test_black_box_over_live_text_fails_on_that_page():
    pdf = text_pdf([(72, 700, LINE)])
    region = word_region(pdf, "SECRETWORD")
    report = verify_redaction(pdf, _box_only(pdf, region), [region])
    assert not report.passed
    reasons = " ".join(report.page_failures[1])
    assert "pdfplumber finds" in reasons and "pdfium finds" in reasons


def test_secret_in_metadata_is_a_document_failure():
    pdf = text_pdf([(72, 700, LINE)])
    region = word_region(pdf, "SECRETWORD")
    clean = redact_pdf(pdf, [region]).pdf
    with pikepdf.open(io.BytesIO(clean)) as doc:
        doc.docinfo["/Subject"] = "about SECRETWORD"
        out = io.BytesIO()
        doc.save(out)
    report = verify_redaction(pdf, out.getvalue(), [region])
    assert any("secretword" in f.lower() for f in report.document_failures)
    assert any("information dictionary" in f for f in report.document_failures)


def test_words_outside_the_region_must_survive_in_place():
    pdf = text_pdf([(72, 700, LINE)])
    region = word_region(pdf, "SECRETWORD")
    shifted = text_pdf([(72, 700, "Public words then"), (260, 650, "and more public")])
    report = verify_redaction(pdf, shifted, [region])
    assert any("moved or vanished" in r for r in report.page_failures[1])


def test_secret_repeated_outside_the_region_is_not_a_leak():
    pdf = text_pdf([(72, 700, "Acme pays SECRETWORD"), (72, 600, "SECRETWORD again")])
    region = word_region(pdf, "SECRETWORD", occurrence=0)
    result = redact_pdf(pdf, [region])
    assert result.verified
    with pdfplumber.open(io.BytesIO(result.pdf)) as doc:
        assert "SECRETWORD again" in doc.pages[0].extract_text()


def test_true_redaction_passes():
    pdf = text_pdf([(72, 700, LINE)])
    region = word_region(pdf, "SECRETWORD")
    result = redact_pdf(pdf, [region], label="REDACTED")
    report = verify_redaction(pdf, result.pdf, [region], label="REDACTED")
    assert report.passed, report.summary()


RESHAPED_PAGES = [
    (0, (0, 0, 612, 792), None),
    (90, (0, 0, 612, 792), None),
    (180, (20, 30, 632, 822), (40, 50, 600, 800)),
    (270, (-10, 15, 602, 807), None),
    (90, (0, 0, 712, 892), (50, 40, 662, 832)),
]


@pytest.mark.parametrize(("rotate", "mediabox", "cropbox"), RESHAPED_PAGES)
def test_region_frame_agrees_with_pdfplumber_and_pdfium(rotate, mediabox, cropbox):
    pdf = text_pdf(
        [(100, 400, "Marker")], rotate=rotate, mediabox=mediabox, cropbox=cropbox
    )
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        frame = region_frame(doc.pages[0])
        dx, dy = pdfplumber_shift(doc.pages[0])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        c = doc.pages[0].chars[0]
        char = (c["x0"] + dx, c["top"] + dy, c["x1"] + dx, c["bottom"] + dy)
    document = pypdfium2.PdfDocument(pdf)
    textpage = document[0].get_textpage()
    left, bottom, right, top = textpage.get_charbox(0, loose=True)
    textpage.close()
    document.close()
    x0, y0, x1, y1 = rect_box(frame, left, bottom, right, top)
    # pdfium's loose boxes and pdfminer's differ a little across the baseline.
    assert abs(x0 - char[0]) < 3 and abs(x1 - char[2]) < 3
    assert abs(y0 - char[1]) < 3 and abs(y1 - char[3]) < 3
    # The glyph origin sits on an edge of pdfplumber's box.
    ox, oy = apply(frame, 100, 400)
    assert char[0] - 0.01 <= ox <= char[2] + 0.01
    assert char[1] - 0.01 <= oy <= char[3] + 0.01


@pytest.mark.parametrize(("rotate", "mediabox", "cropbox"), RESHAPED_PAGES)
def test_regions_from_the_layout_reader_hit_the_same_words(rotate, mediabox, cropbox):
    from filings.pdf.layout import analyze

    # Text turned against /Rotate, so that it reads upright on screen.
    a, b, c, d = {0: (1, 0, 0, 1), 90: (0, 1, -1, 0), 180: (-1, 0, 0, -1)}.get(
        rotate, (0, -1, 1, 0)
    )
    content = f"BT /F1 12 Tf {a} {b} {c} {d} 300 420 Tm (keep LAYOUTSECRET keep2) Tj ET"
    pdf = build_pdf(
        [content.encode()], rotate=rotate, mediabox=mediabox, cropbox=cropbox
    )
    words = [w for line in analyze(pdf).pages[0].lines for w in line.words]
    (word,) = [w for w in words if w.text == "LAYOUTSECRET"]
    region = Region(1, word.x0, word.top, word.x1, word.bottom)
    result = redact_pdf(pdf, [region], coordinates="visible")
    assert result.raster_pages == []
    with pdfplumber.open(io.BytesIO(result.pdf)) as doc:
        text = doc.pages[0].extract_text()
    assert "LAYOUTSECRET" not in text and "keep" in text and "keep2" in text


def test_unchanged_copy_fails_every_check_it_should():
    pdf = build_pdf([text_ops([(72, 700, LINE)])])
    region = word_region(pdf, "SECRETWORD")
    report = verify_redaction(pdf, pdf, [region])
    assert 1 in report.page_failures


@pytest.mark.parametrize(("rotate", "mediabox", "cropbox"), RESHAPED_PAGES)
def test_gate_reads_the_same_chars_as_pdfplumber(rotate, mediabox, cropbox):
    pdf = text_pdf(
        [(100, 400, "Marker text"), (100, 380, "Second")],
        rotate=rotate,
        mediabox=mediabox,
        cropbox=cropbox,
    )
    ours = plumber_chars(pdf, [1])[1]
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        dx, dy = pdfplumber_shift(doc.pages[0])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        theirs = doc.pages[0].chars
    assert [c["text"] for c in ours] == [c["text"] for c in theirs]
    for a, b in zip(ours, theirs, strict=True):
        assert abs(a["x0"] - (b["x0"] + dx)) < 0.01
        assert abs(a["bottom"] - (b["bottom"] + dy)) < 0.01


def test_leaked_letters_spelling_the_label_are_still_caught():
    pdf = text_pdf([(72, 700, "Public words then READ and more public")])
    region = word_region(pdf, "READ")
    report = verify_redaction(pdf, _box_only(pdf, region), [region], label="READ")
    assert any("finds 'READ'" in r for r in report.page_failures[1])


# ---------------------------------------------------- speed without blind spots


def _pages_with_secrets(count: int) -> bytes:
    return build_pdf(
        [
            text_ops([(72, 700, f"Public page {n} then SECRET{n:02d}X and more")])
            for n in range(1, count + 1)
        ]
    )


def _boxes_only(pdf: bytes, regions: list[Region]) -> bytes:
    """Black boxes drawn over live text on every region's page."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for region in regions:
            page = doc.pages[region.page - 1]
            height = float(page.mediabox[3])
            box = (
                f"q 0 g {region.x0} {height - region.bottom} "
                f"{region.x1 - region.x0} {region.bottom - region.top} re f Q"
            )
            page.contents_add(doc.make_stream(box.encode()))
        out = io.BytesIO()
        doc.save(out)
    return sanitize_pdf(out.getvalue())


def _regions(pdf: bytes, pages: range) -> list[Region]:
    return [word_region(pdf, f"SECRET{n:02d}X", page=n) for n in pages]


def test_many_region_pages_are_read_alongside_in_a_child_process():
    pdf = _pages_with_secrets(PARALLEL_MIN_PAGES + 2)
    pages = range(1, PARALLEL_MIN_PAGES + 3)
    regions = _regions(pdf, pages)
    by_page = {r.page: [r] for r in regions}
    frames = _pdfminer_frames(pdf, pages)
    visible = _visible_frames(pdf, pages)
    forks = can_fork()  # before the pool's own thread exists
    reading = OriginalReading(pdf, regions)
    try:
        assert (reading._future is not None) == forks
        parts = reading.result()
        assert parts == _read_or_reason(pdf, frames, visible, by_page)
        assert parts.pages[4].inside == {"SECRET04X"}
        assert parts.pdfium_inside[4] == {"SECRET04X"}
        assert not parts.unreadable
    finally:
        reading.close()


def test_parallel_and_serial_gates_give_the_same_verdicts(monkeypatch):
    pdf = _pages_with_secrets(PARALLEL_MIN_PAGES + 2)
    regions = _regions(pdf, range(1, PARALLEL_MIN_PAGES + 3))
    good = redact_pdf(pdf, regions).pdf
    bad = _boxes_only(pdf, regions)
    parallel = [verify_redaction(pdf, out, regions) for out in (good, bad)]
    monkeypatch.setattr(verify_module, "PARALLEL_MIN_PAGES", 10**6)
    serial = [verify_redaction(pdf, out, regions) for out in (good, bad)]
    assert parallel[0].passed and serial[0].passed
    assert not parallel[1].passed
    assert set(parallel[1].page_failures) == set(range(1, PARALLEL_MIN_PAGES + 3))
    # The same reasons (the child's pages report theirs in another order).
    assert {n: sorted(r) for n, r in parallel[1].page_failures.items()} == {
        n: sorted(r) for n, r in serial[1].page_failures.items()
    }


def test_pages_rewritten_byte_for_byte_count_as_unchanged():
    pdf = _pages_with_secrets(3)
    # A fresh file renumbers every object; identity is by content.
    assert unchanged_pages(pdf, sanitize_pdf(pdf), [1, 2, 3]) == {1, 2, 3}


def _edited(pdf: bytes, edit) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        edit(doc)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def test_changed_content_font_or_box_makes_a_page_changed():
    pdf = _pages_with_secrets(3)

    def new_content(doc):
        doc.pages[1].obj.Contents = doc.make_stream(text_ops([(72, 700, "Other")]))

    def new_font(doc):
        doc.pages[1].obj.Resources.Font.F1 = doc.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name.Courier,
            )
        )

    def new_box(doc):
        doc.pages[1].obj.MediaBox = pikepdf.Array([0, 0, 500, 700])

    for edit in (new_content, new_font, new_box):
        assert unchanged_pages(pdf, _edited(pdf, edit), [1, 2, 3]) == {1, 3}


def test_a_shared_form_xobject_edited_in_place_changes_every_page_using_it():
    form_ops = text_ops([(72, 500, "Shared footer text")])

    def add_form(doc):
        form = doc.make_stream(
            form_ops,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 612, 792],
            Resources=pikepdf.Dictionary(Font=doc.pages[0].Resources.Font),
        )
        for page in doc.pages:
            page.obj.Resources.XObject = pikepdf.Dictionary(Fm1=form)
            page.contents_add(doc.make_stream(b"/Fm1 Do"))

    pdf = _edited(_pages_with_secrets(3), add_form)

    def edit_form(doc):
        form = doc.pages[0].Resources.XObject.Fm1
        form.write(text_ops([(72, 500, "Shared footer SECRET01X")]))

    assert unchanged_pages(pdf, pdf, [2, 3]) == {2, 3}
    assert unchanged_pages(pdf, _edited(pdf, edit_form), [2, 3]) == set()


def test_a_secret_added_to_a_page_without_regions_is_still_caught():
    pdf = _pages_with_secrets(3)
    regions = _regions(pdf, range(1, 2))
    good = redact_pdf(pdf, regions).pdf

    def leak(doc):
        doc.pages[2].contents_add(
            doc.make_stream(text_ops([(72, 300, "copied SECRET01X here")]))
        )

    report = verify_redaction(pdf, _edited(good, leak), regions)
    assert any("pdfium text still has" in r for r in report.page_failures[3])


def test_a_reading_of_other_regions_is_not_reused():
    pdf = _pages_with_secrets(2)
    first, second = _regions(pdf, range(1, 3))
    leaky = _boxes_only(pdf, [second])
    with OriginalReading(pdf, [first]) as reading:
        report = verify_redaction(pdf, leaky, [second], reading=reading)
    assert any("pdfplumber finds" in r for r in report.page_failures[2])


def test_redaction_reuses_one_reading_of_the_original_across_attempts(monkeypatch):
    pdf = _pages_with_secrets(2)
    regions = _regions(pdf, range(1, 3))
    calls = []
    real = verify_module._read_or_reason

    def counted(*args, **kwargs):
        calls.append(args[2].keys())
        return real(*args, **kwargs)

    misses = iter(["1 characters outside the regions moved or vanished"])

    def first_check_fails(expected, chars):
        return next(misses, None)

    monkeypatch.setattr(verify_module, "_read_or_reason", counted)
    monkeypatch.setattr(verify_module, "_missing_survivors", first_check_fails)
    result = redact_pdf(pdf, regions)
    assert result.verified and result.raster_pages  # a second attempt was made
    assert len(calls) == 1


# ------------------------------------------- the scan has no blind spots


def _layer_named(name: str):
    """An edit adding an optional-content layer with this name: a string the
    allow-lists keep, which neither extractor shows."""

    def edit(doc: pikepdf.Pdf) -> None:
        layer = doc.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String(name))
        )
        doc.Root.OCProperties = pikepdf.Dictionary(
            OCGs=[layer], D=pikepdf.Dictionary(ON=[layer])
        )

    return edit


def _scan_failures(report) -> list[str]:
    return [
        r
        for r in [*report.document_failures, *sum(report.page_failures.values(), [])]
        if "holds redacted words" in r
    ]


def test_hex_octal_and_kern_split_text_in_a_pattern_cell_is_found():
    pdf = text_pdf([(72, 700, "Alpha XYZZYSECRET Omega")])
    region = word_region(pdf, "XYZZYSECRET")
    good = redact_pdf(pdf, [region]).pdf

    def hide(doc: pikepdf.Pdf) -> None:
        page = doc.pages[0]
        cell = doc.make_stream(
            b"BT /F1 9 Tf 0 3 Td [(XY) -20 <5a5a59> (S\\105CRET)] TJ ET"
        )
        cell.Type, cell.PatternType, cell.PaintType = pikepdf.Name.Pattern, 1, 1
        cell.TilingType, cell.BBox, cell.XStep, cell.YStep = 1, [0, 0, 60, 14], 60, 14
        cell.Resources = pikepdf.Dictionary(Font=page.Resources.Font)
        page.Resources.Pattern = pikepdf.Dictionary(P0=cell)

    report = verify_redaction(pdf, _edited(good, hide), [region])
    assert any("xyzzysecret" in r for r in report.page_failures.get(1, []))


def test_plain_text_in_a_stream_posing_as_an_icc_profile_is_found():
    pdf = text_pdf([(72, 700, "Alpha XYZZYSECRET Omega")])
    region = word_region(pdf, "XYZZYSECRET")
    good = redact_pdf(pdf, [region]).pdf

    def hide(doc: pikepdf.Pdf) -> None:
        profile = doc.make_stream(b"plain text: XyzzySecret")
        profile.N = 3
        profile.Length1 = 5
        doc.pages[0].Resources.ColorSpace = pikepdf.Dictionary(
            CS0=pikepdf.Array([pikepdf.Name.ICCBased, profile])
        )

    report = verify_redaction(pdf, _edited(good, hide), [region])
    assert _scan_failures(report)


def _srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@pytest.mark.parametrize(("appended", "leaks"), [(b"", False), (b" freely", True)])
def test_true_icc_profiles_are_skipped_but_not_what_follows_them(appended, leaks):
    profile_data = _srgb_profile()
    # lcms writes "No copyright, use freely" into every profile it makes.
    assert b"f\x00r\x00e\x00e\x00l\x00y" in profile_data or b"freely" in profile_data
    pdf = text_pdf([(72, 700, "Alpha freely Omega")])
    region = word_region(pdf, "freely")
    good = redact_pdf(pdf, [region]).pdf

    def add(doc: pikepdf.Pdf) -> None:
        profile = doc.make_stream(profile_data + appended)
        profile.N = 3
        doc.pages[0].Resources.ColorSpace = pikepdf.Dictionary(
            CS0=pikepdf.Array([pikepdf.Name.ICCBased, profile])
        )

    report = verify_redaction(pdf, _edited(good, add), [region])
    assert bool(_scan_failures(report)) == leaks, report.summary()


def test_a_redacted_word_is_exempt_only_as_a_whole_word_any_case():
    pdf = text_pdf(
        [(72, 700, "Visit Falconridge Mall"), (72, 650, "Codename Falcon launch")]
    )
    region = word_region(pdf, "Falcon")
    good = redact_pdf(pdf, [region]).pdf
    for hidden in ("Codename: Falcon, target Q3", "CODENAME FALCON"):
        report = verify_redaction(pdf, _edited(good, _layer_named(hidden)), [region])
        assert _scan_failures(report), hidden
    # A word public elsewhere stays exempt, whatever its case.
    elsewhere = text_pdf([(72, 700, "Visit falcon Mall"), (72, 650, "Falcon launch")])
    region = word_region(elsewhere, "Falcon")
    good = redact_pdf(elsewhere, [region]).pdf
    report = verify_redaction(
        elsewhere, _edited(good, _layer_named("Falcon")), [region]
    )
    assert report.passed, report.summary()


def test_actual_text_pdfium_reads_inside_a_region_counts_as_redacted():
    def prepare(doc: pikepdf.Pdf) -> None:
        page = doc.pages[0]
        page.Resources.Properties = pikepdf.Dictionary(
            MC0=pikepdf.Dictionary(ActualText=pikepdf.String("PLUGHSECRET"))
        )
        page.Contents = doc.make_stream(
            b"BT /F1 12 Tf 72 700 Td (Alpha ) Tj /Span /MC0 BDC (XYZZYSECRET) Tj"
            b" EMC ( Omega) Tj ET"
        )

    pdf = build_pdf([b""], prepare=prepare)
    region = word_region(pdf, "XYZZYSECRET")
    good = redact_pdf(pdf, [region]).pdf
    report = verify_redaction(pdf, _edited(good, _layer_named("PLUGHSECRET")), [region])
    assert any("plughsecret" in r for r in _scan_failures(report))


@pytest.mark.parametrize(("word", "scanned"), [("123", True), ("Bob", False)])
def test_short_words_are_scanned_only_when_they_are_numbers(word, scanned):
    pdf = text_pdf([(72, 700, f"Alpha {word} Omega")])
    region = word_region(pdf, word)
    good = redact_pdf(pdf, [region]).pdf
    report = verify_redaction(pdf, _edited(good, _layer_named(f"x {word} y")), [region])
    assert bool(_scan_failures(report)) == scanned


def test_pages_reached_directly_inherit_boxes_and_resources_from_the_tree():
    def hoist(doc: pikepdf.Pdf) -> None:
        # Move what pages may inherit up to the page tree's root.
        root = doc.Root.Pages
        first = doc.pages[0].obj
        root.MediaBox, root.Resources, root.Rotate = first.MediaBox, first.Resources, 90
        for page in doc.pages:
            for key in ("/MediaBox", "/Resources"):
                del page.obj[key]

    pdf = build_pdf(
        [text_ops([(72, 700, f"Marker{n}")]) for n in range(1, 4)], prepare=hoist
    )
    # In the file, the pages carry none of it (pikepdf would push it down).
    assert pdf.count(b"/MediaBox") == 1 and pdf.count(b"/Rotate") == 1
    ours = plumber_chars(pdf, [2])[2]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        theirs = doc.pages[1].chars
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        dx, dy = pdfplumber_shift(doc.pages[1])
    assert "".join(c["text"] for c in ours) == "Marker2"
    assert [(c["x0"], c["top"]) for c in ours] == [
        (c["x0"] + dx, c["top"] + dy) for c in theirs
    ]


@pytest.mark.parametrize("parallel", [True, False])
def test_words_public_elsewhere_are_exempt_with_or_without_a_child(
    parallel, monkeypatch
):
    count = PARALLEL_MIN_PAGES + 2
    pages = [
        text_ops(
            [
                (72, 700, f"Public page {n} then SECRET{n:02d}X and more"),
                (72, 600, "Repeated CODEWORD on its own line"),
            ]
        )
        for n in range(1, count + 1)
    ]
    # The last page has no region and names the second secret in public.
    pages.append(text_ops([(72, 700, "Annex naming SECRET02X in public")]))
    pdf = build_pdf(pages)
    # Each region takes its secret and the line with CODEWORD: CODEWORD is
    # public on no region page, SECRET02X on the annex.
    regions = [
        Region(r.page, r.x0, r.top, r.x1 + 200, r.bottom + 100)
        for r in _regions(pdf, range(1, count + 1))
    ]
    if not parallel:
        monkeypatch.setattr(verify_module, "PARALLEL_MIN_PAGES", 10**6)
    good = redact_pdf(pdf, regions).pdf

    def copy_out(word: str):
        def edit(doc: pikepdf.Pdf) -> None:
            doc.pages[count].contents_add(
                doc.make_stream(text_ops([(72, 400, f"copied {word} here")]))
            )

        return edit

    exempt = verify_redaction(pdf, _edited(good, copy_out("SECRET02X")), regions)
    assert exempt.passed, exempt.summary()
    leaked = verify_redaction(pdf, _edited(good, copy_out("CODEWORD")), regions)
    assert any("codeword" in r for r in leaked.page_failures.get(count + 1, []))
    public_nearby = verify_redaction(pdf, _edited(good, copy_out("Public")), regions)
    assert public_nearby.passed, public_nearby.summary()


def _figure_page() -> bytes:
    # "72 100 Td": the operand 100 places the line; the figure 100 is redacted.
    return text_pdf(
        [(72, 700, "Public words then more"), (72, 100, "Paid 100 dollars")]
    )


def test_a_redacted_figure_that_is_also_an_operand_of_the_content_passes():
    pdf = _figure_page()
    region = word_region(pdf, "100")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert b"72 100 Td" in doc.pages[0].Contents.read_bytes()
    result = redact_pdf(pdf, [region])
    assert result.verified and not result.raster_pages
    assert b"100" not in b"".join(
        page.extract_text().encode()
        for page in pdfplumber.open(io.BytesIO(result.pdf)).pages
    )


def test_a_redacted_figure_left_in_a_string_of_the_content_still_fails():
    pdf = _figure_page()
    region = word_region(pdf, "100")
    clean = redact_pdf(pdf, [region]).pdf
    with pikepdf.open(io.BytesIO(clean)) as doc:
        # Invisible text (render mode 3) inside the region: no extractor
        # places a character outside it, only the string scan can see it.
        doc.pages[0].contents_add(
            doc.make_stream(
                f"BT 3 Tr /F1 1 Tf {region.x0 + 1} {792 - region.bottom + 2} Td "
                "(100) Tj ET".encode()
            )
        )
        out = io.BytesIO()
        doc.save(out)
    report = verify_redaction(pdf, out.getvalue(), [region])
    assert not report.passed
    assert any(
        "content (object" in reason and "100" in reason
        for reason in report.page_failures.get(1, []) + report.document_failures
    ), report.summary()
