"""The order workflow: draft, send, render, review, approve, enter, take effect."""

from __future__ import annotations

import io
from datetime import date

import docx
import pdfplumber
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from filings import access, notices
from filings.models import (
    Access,
    AuditEvent,
    DocketEntry,
    Document,
    DocumentFile,
    PublicVersionDue,
)
from filings.models import ProcessingStatus as PS
from sealing import demo, order_flow, order_jobs, triage
from sealing.models import MotionState, SealingItem, recording_item_changes
from sealing.order_models import DraftOrder, DraftSource, DraftStatus
from sealing.orders import PAGE_LEFT_MARGIN_PT
from tests import factories
from tests.orders.conftest import DENIAL_REASON, build_motion, rule_all

pytestmark = pytest.mark.django_db

SIGNED_ON = date(2026, 11, 7)  # 14 days later is Saturday, November 21, 2026
DUE = date(2026, 11, 23)


def _prepare_and_send(order_motion, run, *, sealed: bool = False):
    cast = order_motion.cast
    # Only the rendering on the way to the judge runs; the clerk's preview is
    # tested on its own.
    with run(execute=False):
        draft = order_flow.create_draft(None, order_motion.motion, actor=cast.clerk)
    if sealed:
        order_flow.mark_sealed(None, draft, True, actor=cast.clerk)
    with run(execute=True):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    draft.refresh_from_db()
    return draft


def _pdf_text(field) -> str:
    with field.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        return " ".join((page.extract_text() or "") for page in pdf.pages)


def _body_text(field) -> str:
    """The order's text without the pleading paper's line numbers, on one line."""
    with field.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        text = " ".join(
            page.crop((PAGE_LEFT_MARGIN_PT - 4, 0, page.width, page.height))
            .extract_text()
            .replace("\u2011", "-")
            for page in pdf.pages
        )
    return " ".join(text.split())


def test_draft_is_rendered_in_the_background(
    order_motion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = order_flow.create_draft(
            None, order_motion.motion, actor=order_motion.cast.clerk
        )

    draft.refresh_from_db()
    assert draft.version == 1
    assert draft.status == DraftStatus.DRAFTING
    assert draft.render_status == PS.DONE
    assert draft.page_count >= 3
    assert "DRAFT" in _pdf_text(draft.pdf)
    with draft.docx.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    assert any("#20-1" in p.text for p in document.paragraphs)


def test_undecided_items_block_sending_to_the_judge(
    cast, django_capture_on_commit_callbacks
):
    built = build_motion(cast, rule=False)
    rule_all(built, leave_open=1)
    with django_capture_on_commit_callbacks(execute=True):
        draft = order_flow.create_draft(None, built.motion, actor=cast.clerk)

    with pytest.raises(
        order_flow.OrderFlowError, match=r"1 item still needs a ruling: Opposition"
    ):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)

    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFTING
    assert draft.undecided_count == 1


def test_sending_renders_and_puts_the_draft_in_the_judges_queue(
    order_motion, django_capture_on_commit_callbacks
):
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)

    assert draft.status == DraftStatus.SENT_TO_JUDGE
    assert draft.files_ready
    assert draft.sent_by == order_motion.cast.clerk
    assert list(order_flow.judge_queue(order_motion.cast.judge)) == [draft]


def test_approval_enters_the_order_and_its_rulings_take_effect(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(None, draft, actor=cast.judge, signed_on=SIGNED_ON)

    # On the docket: a new public order entry after the motion.
    assert entry.number == 46
    assert entry.kind == DocketEntry.Kind.ORDER
    assert entry.filed_on == SIGNED_ON
    assert "Redacted versions due by 11/23/2026" in entry.text
    document = entry.documents.get()
    assert document.access == Access.PUBLIC
    original = document.files.get(role=DocumentFile.Role.ORIGINAL)
    signed_text = _pdf_text(original.file)
    assert "/s/ Grace W. Foley" in signed_text
    assert "DRAFT" not in signed_text
    assert "no later than Monday, November 23, 2026" in _body_text(original.file)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ENTERED
    assert draft.entry == entry
    assert draft.signature == "/s/ Grace W. Foley"
    # Granted items' documents are sealed; each owes a public version.
    for ref in ("1", "12", "20", "20-1", "24"):
        assert order_motion.document(ref).access == Access.SEALED, ref
    dues = {d.document.docket_ref: d for d in PublicVersionDue.objects.all()}
    assert sorted(dues) == ["1", "12", "20", "20-1", "24"]
    assert {d.due_on for d in dues.values()} == {DUE}
    assert dues["12"].party == cast.defendant
    assert dues["1"].party == cast.plaintiff
    assert dues["12"].portions_text == "¶ 52"
    assert all(d.order_entry == entry for d in dues.values())
    # The motion is decided and waits for the redacted versions.
    motion = order_motion.motion
    motion.refresh_from_db()
    assert motion.state == MotionState.REDACTIONS_DUE
    assert motion.next_deadline == DUE
    assert list(motion.state_changes.values_list("to_state", flat=True))[-2:] == [
        MotionState.DECIDED,
        MotionState.REDACTIONS_DUE,
    ]
    # The public sees the order on the docket and may read it.
    public = cast.client("public")
    assert (
        "ORDER granting in part and denying in part"
        in public.get(reverse("filings:docket", args=[cast.case.pk])).content.decode()
    )
    assert access.can_view_file(AnonymousUser(), original)
    # Counsel of record get a notice of electronic filing.
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert sorted(notice.to) == ["dcounsel@firm.example", "pcounsel@firm.example"]
    assert "NOTICE OF ELECTRONIC FILING" in notice.body
    assert "Docket entry: 46" in notice.body
    assert f"The docket: http://testserver/cases/{cast.case.pk}/\n" in notice.body
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.SEAL, object_type="filings.Document"
        ).count()
        == 5
    )


def test_sealed_order_is_entered_with_a_public_redacted_version(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    draft = _prepare_and_send(
        order_motion, django_capture_on_commit_callbacks, sealed=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(None, draft, actor=cast.judge, signed_on=SIGNED_ON)

    document = entry.documents.get()
    assert document.access == Access.SEALED
    original = document.files.get(role=DocumentFile.Role.ORIGINAL)
    public = document.files.get(role=DocumentFile.Role.PUBLIC_REDACTED)
    assert "QUILL weights module" in _pdf_text(original.file)
    public_text = _body_text(public.file)
    assert "QUILL weights module" not in public_text
    assert DENIAL_REASON in public_text  # denied: about to become public
    assert "[REDACTED]" in public_text
    assert "#20-1" in public_text
    assert access.can_view_file(AnonymousUser(), public)
    assert not access.can_view_file(AnonymousUser(), original)
    assert not access.can_view_file(cast.outsider, original)


def test_only_a_draft_sent_to_the_judge_can_be_signed(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    with django_capture_on_commit_callbacks(execute=True):
        draft = order_flow.create_draft(None, order_motion.motion, actor=cast.clerk)

    with pytest.raises(order_flow.OrderFlowError, match="sent to you"):
        order_flow.approve(None, draft, actor=cast.judge)
    with pytest.raises(order_flow.PermissionDenied):
        order_flow.approve(None, draft, actor=cast.clerk)
    assert not DocketEntry.objects.filter(kind=DocketEntry.Kind.ORDER).exists()


def _change_a_ruling_reason(item) -> None:
    """A ruling changed however it happened (the triage screens may lock them
    while the judge has the draft; the check must not depend on that)."""
    with recording_item_changes():
        SealingItem.objects.filter(pk=item.pk).update(
            ruling_reason="The Court now finds the paragraph harmless."
        )


def test_the_judge_signs_only_the_rulings_the_draft_was_rendered_from(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    motion = order_motion.motion
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    assert draft.rulings_fingerprint == triage.rulings_fingerprint(motion)
    _change_a_ruling_reason(order_motion.item("12", "¶ 65"))

    with pytest.raises(
        order_flow.OrderFlowError,
        match="The rulings changed after this draft was sent; the clerk must "
        "prepare a new version",
    ):
        order_flow.approve(None, draft, actor=cast.judge, signed_on=SIGNED_ON)

    assert not DocketEntry.objects.filter(kind=DocketEntry.Kind.ORDER).exists()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SENT_TO_JUDGE
    page = cast.client("judge").get(reverse("orders:draft", args=[draft.pk]))
    html = page.content.decode()
    assert "The rulings changed after this draft was sent" in html
    assert 'id="approve-sign"' not in html
    # A new version rendered from the rulings as they stand can be signed.
    order_flow.return_to_clerk(None, draft, "Rebuild it.", actor=cast.judge)
    with django_capture_on_commit_callbacks(execute=True):
        second = order_flow.create_draft(None, motion, actor=cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        order_flow.send_to_judge(None, second, actor=cast.clerk)
    second.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(None, second, actor=cast.judge, signed_on=SIGNED_ON)
    original = entry.documents.get().files.get(role=DocumentFile.Role.ORIGINAL)
    assert "Court now finds the paragraph harmless" in _body_text(original.file)


def test_the_rulings_fingerprint_changes_with_any_ruling(order_motion):
    motion = order_motion.motion
    before = triage.rulings_fingerprint(motion)
    assert triage.rulings_fingerprint(motion) == before

    _change_a_ruling_reason(order_motion.item("12", "¶ 71"))

    assert triage.rulings_fingerprint(motion) not in ("", before)


def test_return_with_comments_and_rebuild_keeps_every_version(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    first = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)

    order_flow.return_to_clerk(
        None, first, "Explain the TRO papers more.", actor=cast.judge
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = order_flow.create_draft(None, order_motion.motion, actor=cast.clerk)

    first.refresh_from_db()
    assert first.status == DraftStatus.RETURNED
    assert first.comments.get().text == "Explain the TRO papers more."
    assert first.pdf  # the returned version's files stay
    assert second.version == 2
    assert order_flow.current_draft(order_motion.motion) == second


def test_judges_edit_is_a_new_version_that_stays_with_the_judge(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    first = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    sections = {
        s.key: s.text for s in order_flow.drafting.built_sections(order_motion.motion)
    }
    sections["introduction"] = "The Court has considered the joint motion (#45)."

    with django_capture_on_commit_callbacks(execute=True):
        second = order_flow.edit_sections(None, first, sections, actor=cast.judge)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == DraftStatus.SUPERSEDED
    assert second.source == DraftSource.EDITED
    assert second.content == {
        "introduction": "The Court has considered the joint motion (#45)."
    }
    assert second.status == DraftStatus.SENT_TO_JUDGE
    assert "The Court has considered the joint motion" in _pdf_text(second.pdf)
    with pytest.raises(order_flow.OrderFlowError, match="superseded"):
        order_flow.approve(None, first, actor=cast.judge)


def test_uploaded_docx_is_kept_exactly_as_a_new_version(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    first = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    with first.docx.open("rb") as handle:
        data = handle.read()

    with django_capture_on_commit_callbacks(execute=False):
        second = order_flow.upload_docx(None, first, data, actor=cast.judge)

    with second.uploaded_docx.open("rb") as handle:
        assert handle.read() == data
    assert second.version == 2
    assert second.source == DraftSource.UPLOADED
    with pytest.raises(order_flow.OrderFlowError, match=r"\.docx"):
        order_flow.upload_docx(None, second, b"%PDF-1.7 not a docx", actor=cast.judge)
    with pytest.raises(order_flow.OrderFlowError, match="upload a further revision"):
        order_flow.edit_sections(
            None, second, {"introduction": "New."}, actor=cast.judge
        )


def test_rendering_twice_gives_the_same_order(
    order_motion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = order_flow.create_draft(
            None, order_motion.motion, actor=order_motion.cast.clerk
        )
    draft.refresh_from_db()
    first_text = _pdf_text(draft.pdf)
    first_names = (draft.pdf.name, draft.docx.name)

    order_jobs.render_order(draft.pk)

    draft.refresh_from_db()
    assert draft.render_status == PS.DONE
    assert _pdf_text(draft.pdf) == first_text
    # The same bytes under the same names: no second copy is left in storage.
    assert (draft.pdf.name, draft.docx.name) == first_names
    folder = draft.pdf.name.rsplit("/", 1)[0]
    assert len(draft.pdf.storage.listdir(folder)[1]) == 2


def test_a_failed_rendering_is_recorded_with_its_reason(order_motion):
    draft = DraftOrder.objects.create(
        motion=order_motion.motion, version=1, content={"introduction": "   "}
    )

    with pytest.raises(ValueError, match="introduction"):
        order_jobs.render_order(draft.pk)

    draft.refresh_from_db()
    assert draft.render_status == PS.FAILED
    assert "introduction" in draft.error_message
    assert not draft.pdf


def test_judge_signs_an_uploaded_revision(
    order_motion, django_capture_on_commit_callbacks, today
):
    cast = order_motion.cast
    today(SIGNED_ON)
    first = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    with first.docx.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    intro = next(p for p in document.paragraphs if "This matter is before" in p.text)
    for run in intro.runs[1:]:
        run.text = ""
    intro.runs[0].text = "Chambers rewrote this introduction in Word."
    buffer = io.BytesIO()
    document.save(buffer)
    with django_capture_on_commit_callbacks(execute=True):
        revised = order_flow.upload_docx(
            None, first, buffer.getvalue(), actor=cast.judge
        )
    revised.refresh_from_db()
    assert revised.status == DraftStatus.SENT_TO_JUDGE
    assert "Chambers rewrote this introduction" in _pdf_text(revised.pdf)

    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(None, revised, actor=cast.judge, signed_on=SIGNED_ON)

    signed = " ".join(
        _pdf_text(entry.documents.get().files.get(role="original").file).split()
    )
    assert "Chambers rewrote this introduction in Word." in signed
    assert "/s/ Grace W. Foley" in signed
    assert "DATED this 7th day of November, 2026." in signed
    assert "DRAFT" not in signed
    assert PublicVersionDue.objects.filter(order_entry=entry).count() == 5


def test_a_revision_without_a_signature_block_cannot_be_signed(order_motion):
    document = docx.Document()
    document.add_paragraph("IT IS ORDERED that the motion is granted.")
    buffer = io.BytesIO()
    document.save(buffer)
    order = order_flow.drafting.build_order(
        order_motion.motion, order_date=SIGNED_ON, signature="/s/ Grace W. Foley"
    )

    with pytest.raises(order_flow.OrderFlowError, match="no blank date line"):
        order_flow.sign_docx(buffer.getvalue(), order)


def test_an_edited_ordering_text_states_the_deadline_of_the_signing_day(
    order_motion, django_capture_on_commit_callbacks, today
):
    cast = order_motion.cast
    today(date(2026, 12, 7))  # the judge edits on a Monday ...
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    sections = {
        s.key: s.text
        for s in order_flow.drafting.editable_sections(order_motion.motion, {})
    }
    sections["ordering"] += "\n\nIT IS FURTHER ORDERED that the hearing is vacated."
    with django_capture_on_commit_callbacks(execute=True):
        edited = order_flow.edit_sections(None, draft, sections, actor=cast.judge)
    edited.refresh_from_db()

    today(date(2026, 12, 9))  # ... and signs on the Wednesday.
    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(None, edited, actor=cast.judge)

    signed = _body_text(entry.documents.get().files.get(role="original").file)
    assert "no later than Wednesday, December 23, 2026." in signed
    assert "December 21" not in signed
    assert "the hearing is vacated" in signed
    assert "Redacted versions due by 12/23/2026" in entry.text
    assert {d.due_on for d in PublicVersionDue.objects.filter(order_entry=entry)} == {
        date(2026, 12, 23)
    }


def test_a_typed_deadline_that_is_not_the_dockets_blocks_signing(
    order_motion, django_capture_on_commit_callbacks, today
):
    cast = order_motion.cast
    today(date(2026, 12, 9))
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    sections = {
        s.key: s.text
        for s in order_flow.drafting.editable_sections(order_motion.motion, {})
    }
    sections["ordering"] = sections["ordering"].replace(
        "[due date]", "Monday, December 21, 2026"
    )
    with django_capture_on_commit_callbacks(execute=True):
        edited = order_flow.edit_sections(None, draft, sections, actor=cast.judge)
    edited.refresh_from_db()

    with pytest.raises(order_flow.OrderFlowError, match=r"write “\[due date\]”"):
        order_flow.approve(None, edited, actor=cast.judge)
    assert not DocketEntry.objects.filter(kind=DocketEntry.Kind.ORDER).exists()


def test_an_uploaded_revision_stating_another_deadline_is_not_signed(
    order_motion, django_capture_on_commit_callbacks, today
):
    cast = order_motion.cast
    today(date(2026, 12, 7))  # drafted and revised on a Monday
    first = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    with first.docx.open("rb") as handle:
        data = handle.read()
    with django_capture_on_commit_callbacks(execute=True):
        revised = order_flow.upload_docx(None, first, data, actor=cast.judge)
    revised.refresh_from_db()

    with pytest.raises(order_flow.OrderFlowError) as refused:
        order_flow.approve(None, revised, actor=cast.judge, signed_on=date(2026, 12, 9))

    assert str(refused.value) == (
        "The order states the deadline as “Monday, December 21, 2026”, but "
        "fourteen (14) days from signing on December 9, 2026 is Wednesday, "
        "December 23, 2026 (Fed. R. Civ. P. 6(a)), the date the docket will show. "
        "Upload a revision of the .docx that states one period and the date "
        "counted from it, before signing."
    )
    assert not DocketEntry.objects.filter(kind=DocketEntry.Kind.ORDER).exists()
    # The judge is told on the draft page before pressing "sign".
    today(date(2026, 12, 9))
    page = cast.client("judge").get(reverse("orders:draft", args=[revised.pk]))
    assert "Monday, December 21, 2026" in page.content.decode()
    # Signed the day it was drafted, text and docket agree.
    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(
            None, revised, actor=cast.judge, signed_on=date(2026, 12, 7)
        )
    assert "Redacted versions due by 12/21/2026" in entry.text


def _judge_edits_ordering(order_motion, run, draft, change):
    sections = {
        s.key: s.text
        for s in order_flow.drafting.editable_sections(order_motion.motion, {})
    }
    sections["ordering"] = change(sections["ordering"])
    with run(execute=True):
        edited = order_flow.edit_sections(
            None, draft, sections, actor=order_motion.cast.judge
        )
    edited.refresh_from_db()
    return edited


def test_the_docket_follows_the_period_the_judge_writes(
    order_motion, django_capture_on_commit_callbacks, today
):
    cast = order_motion.cast
    today(date(2026, 12, 9))
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    edited = _judge_edits_ordering(
        order_motion,
        django_capture_on_commit_callbacks,
        draft,
        lambda text: text.replace("[period]", "twenty-one (21) days"),
    )
    page = cast.client("judge").get(reverse("orders:draft", args=[edited.pk]))
    assert "Wednesday, December 30, 2026" in page.content.decode()
    assert "the period the order states" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(None, edited, actor=cast.judge)

    signed = _body_text(entry.documents.get().files.get(role="original").file)
    assert (
        "within twenty-one (21) days of this order, that is, no later than "
        "Wednesday, December 30, 2026." in signed
    )
    assert "public record after Wednesday, December 30, 2026, unless" in signed
    assert "Redacted versions due by 12/30/2026" in entry.text
    assert {d.due_on for d in PublicVersionDue.objects.filter(order_entry=entry)} == {
        date(2026, 12, 30)
    }
    edited.refresh_from_db()
    assert edited.redaction_due == date(2026, 12, 30)
    order_motion.motion.refresh_from_db()
    assert order_motion.motion.next_deadline == date(2026, 12, 30)


@pytest.mark.parametrize(
    ("written", "signs"),
    [
        (
            "twenty-one (21) days of this order, that is, no later than Dec. 30, 2026",
            True,
        ),
        ("21 days of this order, that is, by December 30th, 2026", True),
        ("(21) days of this order, that is, by 12-30-2026", True),
        ("twenty-one (21) days of this order, that is, by Dec. 23, 2026", False),
        ("fourteen (21) days of this order, that is, by [due date]", False),
        ("[period] of this order, that is, by 12-30-2026", False),
    ],
)
def test_a_typed_period_and_date_must_agree_with_each_other(
    order_motion, django_capture_on_commit_callbacks, today, written, signs
):
    today(date(2026, 12, 9))
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    edited = _judge_edits_ordering(
        order_motion,
        django_capture_on_commit_callbacks,
        draft,
        lambda text: text.replace(
            "[period] of this order, that is, no later than [due date]", written
        ),
    )

    problem = order_flow.deadline_problem(edited, date(2026, 12, 9))

    assert (problem is None) is signs, problem
    if not signs:
        with pytest.raises(order_flow.OrderFlowError):
            order_flow.approve(None, edited, actor=order_motion.cast.judge)
        assert not DocketEntry.objects.filter(kind=DocketEntry.Kind.ORDER).exists()


def _docx_with_ordering(data: bytes, changes: dict[str, str]) -> bytes:
    """The .docx with its ordering paragraphs rewritten as chambers would."""
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        text = paragraph.text
        for old, new in changes.items():
            text = text.replace(old, new)
        if text != paragraph.text:
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_uploaded_revision_is_read_for_its_period_as_edited_texts_are(
    order_motion, django_capture_on_commit_callbacks, today
):
    cast = order_motion.cast
    today(date(2026, 12, 2))
    first = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    with first.docx.open("rb") as handle:
        data = _docx_with_ordering(
            handle.read(),
            {
                "fourteen (14) days": "21 days",
                "Wednesday, December 16, 2026": "Dec. 23, 2026",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        revised = order_flow.upload_docx(None, first, data, actor=cast.judge)
    revised.refresh_from_db()

    # Signed a week later, 21 days run to December 30: the text is refused.
    problem = order_flow.deadline_problem(revised, date(2026, 12, 9))
    assert problem is not None and problem.startswith(
        "The order states the deadline as “Dec. 23, 2026”, but twenty-one (21) "
        "days from signing on December 9, 2026 is Wednesday, December 30, 2026"
    )
    # Signed the day it was written, the docket takes the judge's period.
    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(
            None, revised, actor=cast.judge, signed_on=date(2026, 12, 2)
        )
    assert "Redacted versions due by 12/23/2026" in entry.text


def test_a_draft_with_findings_to_be_completed_stays_with_the_clerk(
    cast, django_capture_on_commit_callbacks
):
    built = build_motion(cast, rule=False)
    # Every finding answered "met", none with a note saying what was found.
    factories.grant(list(built.motion.items.all()))
    with django_capture_on_commit_callbacks(execute=True):
        draft = order_flow.create_draft(None, built.motion, actor=cast.clerk)

    with pytest.raises(
        order_flow.OrderFlowError,
        match=r"The findings are still to be completed in: Request to Seal "
        r"Non-Dispositive Documents and Exhibits — Trade Secret",
    ):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    page = cast.client("clerk").get(reverse("orders:draft", args=[draft.pk]))
    html = page.content.decode()
    assert "Findings to be completed" in html
    assert 'id="send-to-judge"' not in html
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFTING


def test_the_sealed_orders_public_version_follows_the_clerks_choices(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    order_flow.return_to_clerk(
        None, draft, "Prepare the public version.", actor=cast.judge
    )
    order_flow.mark_sealed(None, draft, True, actor=cast.clerk)
    raman = order_motion.item("20-1", "¶¶ 2-5")
    order_flow.choose_public_redactions(
        None,
        draft,
        {f"item:{raman.pk}": False, "denial:good_cause:defamatory": True},
        actor=cast.clerk,
    )
    with django_capture_on_commit_callbacks(execute=True):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    draft.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(None, draft, actor=cast.judge, signed_on=SIGNED_ON)

    public = entry.documents.get().files.get(role=DocumentFile.Role.PUBLIC_REDACTED)
    text = _body_text(public.file)
    assert "the QUILL weights module" in text
    assert "As to ¶¶ 65 and 71" not in text
    assert "Lumina's confidential prices" not in text  # findings: the default


def test_only_the_clerk_chooses_and_only_for_a_sealed_order(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    with django_capture_on_commit_callbacks(execute=False):
        draft = order_flow.create_draft(None, order_motion.motion, actor=cast.clerk)

    with pytest.raises(order_flow.OrderFlowError, match="entered as public"):
        order_flow.choose_public_redactions(
            None, draft, {"introduction": True}, actor=cast.clerk
        )
    order_flow.mark_sealed(None, draft, True, actor=cast.clerk)
    with pytest.raises(order_flow.PermissionDenied):
        order_flow.choose_public_redactions(
            None, draft, {"introduction": True}, actor=cast.judge
        )
    with pytest.raises(order_flow.OrderFlowError, match="Not a part of this order"):
        order_flow.choose_public_redactions(
            None, draft, {"item:999999": True}, actor=cast.clerk
        )


@pytest.mark.parametrize("designated", [False, True])
def test_a_paper_no_party_filed_owes_its_public_version_to_a_party(
    cast, django_capture_on_commit_callbacks, designated
):
    built = build_motion(cast, rule=False)
    # The opposition stands in for a hearing transcript: no party filed it.
    DocketEntry.objects.filter(pk=built.entries[24].pk).update(filer=None)
    if designated:
        built.motion.designating_party = cast.defendant
        built.motion.save()
    rule_all(built)
    draft = _prepare_and_send(built, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        order_flow.approve(None, draft, actor=cast.judge, signed_on=SIGNED_ON)

    due = PublicVersionDue.objects.get(document=built.document("24"))
    # The designating party, or else the movant that filed the joint motion.
    assert due.party == (cast.defendant if designated else cast.plaintiff)
    assert all(d.party_id for d in PublicVersionDue.objects.all())


def test_a_sealed_order_cannot_become_an_uploaded_docx_nor_the_reverse(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    sealed = _prepare_and_send(
        order_motion, django_capture_on_commit_callbacks, sealed=True
    )
    with sealed.docx.open("rb") as handle:
        data = handle.read()

    with pytest.raises(order_flow.OrderFlowError, match="quoting sealed material"):
        order_flow.upload_docx(None, sealed, data, actor=cast.judge)
    page = cast.client("judge").get(reverse("orders:draft", args=[sealed.pk]))
    assert 'id="revised-docx"' not in page.content.decode()

    order_flow.return_to_clerk(None, sealed, "Enter it as public.", actor=cast.judge)
    order_flow.mark_sealed(None, sealed, False, actor=cast.clerk)
    with django_capture_on_commit_callbacks(execute=False):
        uploaded = order_flow.upload_docx(None, sealed, data, actor=cast.clerk)
    with pytest.raises(order_flow.OrderFlowError, match="uploaded .docx"):
        order_flow.mark_sealed(None, uploaded, True, actor=cast.clerk)


def test_whether_the_order_is_sealed_is_not_changed_while_the_judge_has_it(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)

    with pytest.raises(order_flow.OrderFlowError, match="with the judge"):
        order_flow.mark_sealed(None, draft, True, actor=cast.clerk)

    draft.refresh_from_db()
    assert not draft.sealed
    page = cast.client("clerk").get(reverse("orders:draft", args=[draft.pk]))
    assert "Mark as quoting sealed material" not in page.content.decode()


def test_the_notice_links_to_the_docket_absolutely(order_motion, settings, rf):
    case = order_motion.cast.case
    entry = order_motion.entries[45]
    path = reverse("filings:docket", args=[case.pk])

    settings.SITE_URL = "https://ecf.nvd.example"
    assert f"The docket: https://ecf.nvd.example{path}\n" in notices.notice_text(
        case, entry
    )
    settings.SITE_URL = ""
    request = rf.get("/orders/", HTTP_HOST="localhost", secure=True)
    assert f"The docket: https://localhost{path}\n" in notices.notice_text(
        case, entry, request
    )
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        notices.notice_text(case, entry)


def test_comments_name_the_judge_as_the_judge_signs(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)
    order_flow.add_comment(None, draft, "Tighten the findings.", actor=cast.judge)

    html = cast.client("clerk").get(reverse("orders:draft", args=[draft.pk]))

    assert "Grace W. Foley · " in html.content.decode()
    assert "Grace Foley" not in html.content.decode()


def test_a_document_sealed_whole_owes_no_redacted_version(
    cast, django_capture_on_commit_callbacks
):
    motion = demo.load_demo_motion(cast.case)
    demo.rule_demo_motion(motion)
    with django_capture_on_commit_callbacks(execute=False):
        draft = order_flow.create_draft(None, motion, actor=cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    draft.refresh_from_db()

    entry = order_flow.approve(None, draft, actor=cast.judge, signed_on=SIGNED_ON)

    documents = {
        d.docket_ref: d for d in Document.objects.filter(entry__case=cast.case)
    }
    for ref in ("20-2", "20-3"):
        assert documents[ref].access == Access.SEALED
    owed = set(
        PublicVersionDue.objects.filter(order_entry=entry).values_list(
            "document__entry__number", "document__attachment_number"
        )
    )
    assert (20, 2) not in owed and (20, 3) not in owed
    assert {(1, 0), (12, 0), (20, 0), (20, 1), (24, 0), (30, 0)} <= owed
    text = _body_text(entry.documents.get().files.get(role="original").file)
    assert (
        "Exhibit 1 to Raman Declaration (#20-2) and Exhibit 2 to Raman Declaration "
        "(#20-3) shall remain sealed in their entirety. The other original filings "
        "listed above shall remain sealed; the parties shall file redacted versions "
        "of them as ordered below." in text
    )
    assert (
        "IT IS FURTHER ORDERED that the filings sealed in their entirety above "
        "(#20-2 and #20-3) shall remain sealed; no redacted versions of them are to "
        "be filed." in text
    )
    assert "redacted versions of the filings at issue, other than those sealed in " in (
        text
    )


def test_an_order_sealing_only_whole_documents_sets_no_redaction_deadline(
    order_motion, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    items = list(order_motion.motion.items.all())
    whole = [i for i in items if i.target.docket_ref == "20-1"]
    with recording_item_changes():
        SealingItem.objects.filter(pk__in=[i.pk for i in whole]).update(
            portions=[{"kind": "document"}], portions_text="entire document"
        )
    triage.update_items(
        None,
        [i for i in items if i not in whole],
        {"ruling": "denied", "ruling_reason": DENIAL_REASON},
    )
    draft = _prepare_and_send(order_motion, django_capture_on_commit_callbacks)

    entry = order_flow.approve(None, draft, actor=cast.judge, signed_on=SIGNED_ON)

    assert not PublicVersionDue.objects.filter(order_entry=entry).exists()
    assert "Redacted versions due" not in entry.text
    assert order_motion.document("20-1").access == Access.SEALED
    order_motion.motion.refresh_from_db()
    assert order_motion.motion.state == MotionState.DECIDED
    text = _body_text(entry.documents.get().files.get(role="original").file)
    assert "IT IS FURTHER ORDERED that the parties shall file redacted" not in text
    assert (
        "IT IS FURTHER ORDERED that the filing sealed in its entirety above (#20-1) "
        "shall remain sealed; no redacted version of it is to be filed." in text
    )
