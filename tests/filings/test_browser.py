"""The docket in a real browser: a sealed entry shows, without a link to its file."""

import pytest

from filings.models import Access
from tests import factories
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def docket(cast):
    public = factories.make_document(
        factories.make_entry(
            cast.case, text="COMPLAINT filed by Lumina Software, Inc."
        ),
        description="Complaint",
    )
    sealed = factories.make_document(
        factories.make_entry(cast.case, text="SEALED DECLARATION of Priya Raman."),
        access=Access.SEALED,
        description="Declaration of Priya Raman",
    )
    return public, sealed


def test_clerk_sees_sealed_entry_on_the_docket_and_may_open_it(
    page, live_server, cast, docket, tmp_path
):
    public, sealed = docket
    log_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=cast.case.number).click()
    row = page.locator(f"#entry-{sealed.entry.number}")
    assert "SEALED" in row.inner_text()
    assert row.get_by_role("link").count() == 1  # court staff may open it
    page.screenshot(path=str(tmp_path / "docket-clerk.png"), full_page=True)


def test_public_sees_the_same_docket_without_login_and_without_a_link(
    page, live_server, cast, docket
):
    public, sealed = docket
    page.goto(f"{live_server.url}/cases/{cast.case.pk}/")
    sealed_row = page.locator(f"#entry-{sealed.entry.number}")
    assert "SEALED" in sealed_row.inner_text()
    assert "SEALED DECLARATION of Priya Raman." in sealed_row.inner_text()
    assert sealed_row.get_by_role("link").count() == 0
    public_row = page.locator(f"#entry-{public.entry.number}")
    assert public_row.get_by_role("link").count() == 1
    response = page.request.get(f"{live_server.url}/documents/{sealed.pk}/")
    assert response.status == 404
