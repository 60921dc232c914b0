"""The icon browsers show in the tab: served locally by WhiteNoise, so no page
logs a 404 for /favicon.ico."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_served_at_the_root_to_everyone(cast):
    response = cast.client("public").get("/favicon.ico")
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert body.startswith(b"\x00\x00\x01\x00")  # an ICO file


def test_every_page_names_its_icons_and_they_are_served(cast):
    page = cast.client("public").get(reverse("filings:case_list")).content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in page
    assert 'href="/static/favicon.svg" type="image/svg+xml"' in page
    response = cast.client("public").get("/static/favicon.svg")
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert body.lstrip().startswith(b"<svg")
