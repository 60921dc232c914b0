"""The draft-order pages as court staff see them."""

from __future__ import annotations

import io

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from sealing import order_flow, order_jobs
from sealing.order_models import DraftOrder, DraftStatus
from sealing.views.orders import orders_to_review
from tests.orders.conftest import build_motion, rule_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_draft(cast, django_capture_on_commit_callbacks) -> DraftOrder:
    """A draft with one item still undecided (its preview not rendered)."""
    built = build_motion(cast, rule=False)
    rule_all(built, leave_open=1)
    with django_capture_on_commit_callbacks(execute=False):
        draft = order_flow.create_draft(None, built.motion, actor=cast.clerk)
    draft.refresh_from_db()
    return draft


def test_draft_page_marks_undecided_items_and_offers_no_sending(cast, open_draft):
    order_jobs.render_order(open_draft.pk)
    open_draft.refresh_from_db()

    response = cast.client("clerk").get(reverse("orders:draft", args=[open_draft.pk]))

    html = response.content.decode()
    assert "Undecided items" in html
    assert (
        "Opposition to Motion for Temporary Restraining Order (#24), p. 2:2-11: no ruling yet"
        in html
    )
    assert 'id="send-to-judge"' not in html
    assert "lists 1 undecided item" in html
    assert html.count('class="page"') == open_draft.page_count


def test_sending_with_an_undecided_item_is_refused_with_the_reason(cast, open_draft):
    client = cast.client("clerk")

    response = client.post(reverse("orders:send", args=[open_draft.pk]), follow=True)

    assert "1 item still needs a ruling" in response.content.decode()
    open_draft.refresh_from_db()
    assert open_draft.status == DraftStatus.DRAFTING


def test_judge_edits_a_section_in_the_browser_as_a_new_version(
    cast, open_draft, django_capture_on_commit_callbacks
):
    client = cast.client("judge")
    url = reverse("orders:edit", args=[open_draft.pk])
    form = client.get(url)
    assert 'name="introduction"' in form.content.decode()
    data = {
        section.key: section.text
        for section in order_flow.drafting.editable_sections(open_draft.motion, {})
    }
    data["introduction"] = "The Court has the parties' joint motion (#45) before it."

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, data)

    new = open_draft.motion.draft_orders.order_by("-version").first()
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:draft", args=[new.pk])
    assert new.version == 2
    assert new.content == {
        "introduction": "The Court has the parties' joint motion (#45) before it."
    }
    assert new.created_by == cast.judge


def test_emptying_a_section_is_refused(cast, open_draft):
    response = cast.client("judge").post(
        reverse("orders:edit", args=[open_draft.pk]), {"introduction": "  "}
    )

    assert response.status_code == 200
    assert "cannot be empty" in response.content.decode()
    assert open_draft.motion.draft_orders.count() == 1


def test_status_partial_polls_while_the_files_are_prepared(cast, open_draft):
    DraftOrder.objects.filter(pk=open_draft.pk).update(render_status="working")

    html = cast.client("judge").get(reverse("orders:status", args=[open_draft.pk]))

    assert b"data-poll=" in html.content
    assert b"Preparing the PDF and .docx" in html.content


def test_judge_sees_the_count_of_orders_to_review(cast, open_draft):
    DraftOrder.objects.filter(pk=open_draft.pk).update(status=DraftStatus.SENT_TO_JUDGE)
    request = RequestFactory().get("/")
    request.user = cast.judge

    context = orders_to_review(request)
    html = render_to_string(
        "partials/nav_extra_orders.html", {**context, "is_judge": True}
    )

    assert context == {"orders_to_review_count": 1}
    assert "Orders to review (1)" in html
    request.user = cast.clerk
    assert orders_to_review(request) == {}


def test_motion_partial_links_to_the_current_draft(cast, open_draft):
    html = render_to_string(
        "sealing/partials/motion_order.html",
        {"motion": open_draft.motion, "is_court_staff": True, "is_clerk": True},
    )

    assert reverse("orders:draft", args=[open_draft.pk]) in html
    assert "Being drafted by the clerk" in html
    hidden = render_to_string(
        "sealing/partials/motion_order.html",
        {"motion": open_draft.motion, "is_court_staff": False},
    )
    assert "draft" not in hidden.lower()


def test_clerk_chooses_the_public_version_and_previews_it(cast, open_draft):
    order_flow.mark_sealed(None, open_draft, True, actor=cast.clerk)
    client = cast.client("clerk")
    url = reverse("orders:public_version", args=[open_draft.pk])

    page = client.get(url).content.decode()
    assert 'name="mode:findings:good_cause:trade_secret"' in page
    assert '<option value="specifics" selected>' in page
    assert 'id="save-public-version"' in page

    response = client.post(
        url,
        {
            "mode:introduction": "all",
            "mode:findings:good_cause:trade_secret": "none",
            "redact": [],
        },
    )

    assert response.status_code == 302
    open_draft.refresh_from_db()
    assert open_draft.public_redactions["introduction"] == "all"
    assert open_draft.public_redactions["findings:good_cause:trade_secret"] == "none"
    assert open_draft.public_redactions["findings:compelling_reasons:trade_secret"] == (
        "specifics"
    )
    preview = client.get(reverse("orders:public_preview", args=[open_draft.pk]))
    assert preview["Content-Type"] == "application/pdf"
    assert preview["Content-Disposition"].startswith("inline;")
    assert preview.content.startswith(b"%PDF")


def _red_pixels_at_the_top(png: bytes) -> int:
    """Pixels of the red "DRAFT — NOT FOR FILING" header."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    top = image.crop((0, 0, image.width, 60))
    return sum(
        1
        for x in range(top.width)
        for y in range(top.height)
        if (pixel := top.getpixel((x, y)))[0] > 140 and max(pixel[1:]) < 90
    )


def test_after_signing_the_pages_are_the_signed_orders_and_links_go_to_it(
    cast, django_capture_on_commit_callbacks
):
    built = build_motion(cast)
    with django_capture_on_commit_callbacks(execute=True):
        draft = order_flow.create_draft(None, built.motion, actor=cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    draft.refresh_from_db()
    judge = cast.client("judge")
    image = reverse("orders:page_image", args=[draft.pk, 1])
    assert _red_pixels_at_the_top(judge.get(image).content) > 50  # the draft

    entry = order_flow.approve(None, draft, actor=cast.judge)

    html = judge.get(reverse("orders:draft", args=[draft.pk])).content.decode()
    assert "The signed order" in html
    assert ">Preview<" not in html
    response = judge.get(image)
    assert response["Content-Type"] == "image/png"
    assert _red_pixels_at_the_top(response.content) == 0
    document = entry.documents.get()
    motion_part = render_to_string(
        "sealing/partials/motion_order.html",
        {"motion": built.motion, "is_court_staff": True, "is_clerk": True},
    )
    assert "Open the draft order" not in motion_part
    assert (
        f'<a href="{reverse("filings:document", args=[document.pk])}" '
        "data-entered-order>Open the entered order</a>" in motion_part
    )
    assert reverse("orders:download", args=[draft.pk, "signed-pdf"]) in motion_part


def test_the_draft_page_leads_each_role_back_to_its_own_list(cast, open_draft):
    url = reverse("orders:draft", args=[open_draft.pk])
    clerk = cast.client("clerk").get(url).content.decode()
    crumbs = clerk.split('class="crumbs">')[1].split("</p>")[0]
    assert "Motions to seal" in crumbs and "Orders to review" not in crumbs
    DraftOrder.objects.filter(pk=open_draft.pk).update(status=DraftStatus.SENT_TO_JUDGE)
    judge = cast.client("judge").get(url).content.decode()
    crumbs = judge.split('class="crumbs">')[1].split("</p>")[0]
    assert "Orders to review" in crumbs
