"""The rendering job behind the previews: whole PNGs, stored once, by content."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from filings.jobs import process_file
from filings.models import ProcessingStatus
from sealing import jobs, regions
from sealing.models import PageImage, PageRendering
from tests.pdf.pleading_factory import rotated_copy
from tests.regions.conftest import add_item, file_document, open_motion


def test_every_page_is_rendered_at_the_page_size_under_its_content_path(short_filed):
    file = short_filed.file

    jobs.render_page_images(file.pk)

    images = list(PageImage.objects.filter(file=file).order_by("page"))
    assert [i.page for i in images] == list(range(1, file.page_count + 1))
    assert images[0].image.name == jobs.page_image_path(file.sha256, 1)
    with default_storage.open(images[0].image.name) as handle:
        picture = Image.open(io.BytesIO(handle.read()))
        assert picture.size == (918, 1188)  # 612 × 792 points at 1.5
    assert PageRendering.objects.get(file=file).status == ProcessingStatus.DONE


def test_rendering_twice_changes_nothing_and_a_half_written_page_is_redone(short_filed):
    file = short_filed.file
    jobs.render_page_images(file.pk)
    first = {i.page: (i.pk, i.image.name) for i in PageImage.objects.filter(file=file)}
    # A crash after writing part of page 2 but before recording it.
    PageImage.objects.filter(file=file, page=2).delete()
    path = jobs.page_image_path(file.sha256, 2)
    default_storage.delete(path)
    default_storage.save(path, ContentFile(b"\x89PNG half"))

    jobs.render_page_images(file.pk)
    jobs.render_page_images(file.pk)

    again = {i.page: i.image.name for i in PageImage.objects.filter(file=file)}
    assert again == {page: name for page, (_, name) in first.items()}
    assert PageImage.objects.get(file=file, page=1).pk == first[1][0]
    with default_storage.open(path) as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (918, 1188)


def test_opening_the_preview_renders_the_pages_once(
    short_filed, django_capture_on_commit_callbacks
):
    item = short_filed.item("¶ 2")
    client = short_filed.cast.client("clerk")

    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(f"/regions/items/{item.pk}/")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = client.get(f"/regions/items/{item.pk}/")

    assert "Rendering page images" in first.content.decode()
    assert callbacks == []
    html = second.content.decode()
    assert f"/regions/files/{short_filed.file.pk}/pages/1.png" in html
    assert "Page images ready" in html


def test_progress_partial_polls_until_the_images_are_ready(short_filed):
    item = short_filed.item("¶ 2")
    client = short_filed.cast.client("clerk")
    PageRendering.objects.create(file=short_filed.file, status=ProcessingStatus.WORKING)

    working = client.get(f"/regions/items/{item.pk}/rendering/").content.decode()
    jobs.render_page_images(short_filed.file.pk)
    done = client.get(f"/regions/items/{item.pk}/rendering/").content.decode()

    assert "data-poll" in working
    assert "data-poll" not in done and "data-reload-when-done" in done


def test_preview_of_an_unprocessed_file_waits_then_locates_once_it_is_done(
    cast, short_pdf, django_capture_on_commit_callbacks
):
    document, file = file_document(cast, short_pdf, process=False)
    item = add_item(open_motion(cast), document, "¶ 2")
    client = cast.client("clerk")

    waiting = client.get(f"/regions/items/{item.pk}/").content.decode()
    polled = client.get(f"/regions/items/{item.pk}/rendering/").content.decode()
    process_file(file.pk)
    ready = client.get(f"/regions/items/{item.pk}/rendering/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/regions/items/{item.pk}/")

    assert "not processed yet (queued)" in waiting
    assert "data-poll" in polled and "being processed" in polled
    assert "data-reload-when-done" in ready
    location = regions.current_location(item)
    assert location.is_located and location.active_regions.count() == 1
    assert PageImage.objects.filter(file=file).count() == file.page_count


def _ink(image: Image.Image, box: tuple[float, float, float, float]) -> int:
    """Dark pixels inside a box given in points."""
    scale = jobs.RENDER_SCALE
    crop = image.convert("L").crop(tuple(round(v * scale) for v in box))
    return sum(crop.point(lambda value: 255 if value < 128 else 0).histogram()[255:])


def test_boxes_and_images_agree_on_a_page_stored_turned(cast, short_pdf):
    document, file = file_document(cast, rotated_copy(short_pdf, 2))
    item = add_item(open_motion(cast), document, "p. 2:5-9")
    [region] = regions.locate_item(item).active_regions

    jobs.render_page_images(file.pk)

    image_row = PageImage.objects.get(file=file, page=2)
    with default_storage.open(image_row.image.name) as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    assert image.size == (918, 1188)  # displayed upright, as the boxes are measured
    assert _ink(image, (region.x0, region.top, region.x1, region.bottom)) > 500
    assert _ink(image, (region.x1 + 2, region.top, 600, region.bottom)) == 0


def test_pages_with_boxes_are_rendered_first(filed, monkeypatch):
    item = filed.item("¶ 30")
    [page] = regions.locate_item(item).pages()
    order: list[int] = []
    render = jobs._render_page
    monkeypatch.setattr(
        jobs, "_render_page", lambda f, pdf, i: order.append(i + 1) or render(f, pdf, i)
    )

    jobs.render_page_images(filed.file.pk)

    assert page > 1
    assert order[0] == page
    assert sorted(order) == list(range(1, filed.file.page_count + 1))
