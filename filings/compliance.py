"""Public versions the parties must file: submitting, checking, accepting, returning.

After an order, each party owes a redacted public version of the documents it
filed under seal (a ``PublicVersionDue``). Its attorney uploads one (a
``RedactedSubmission`` holding a "proposed" ``DocumentFile``); a job checks it
against the sealed original and the order; the clerk accepts it (it becomes the
document's public version and the original is sealed) or returns it with
reasons, after which the attorney uploads again. Nothing is deleted: every
upload stays as a version of the document.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from filings import access
from filings.intake import CheckedUpload, store_file
from filings.models import (
    Access,
    AuditEvent,
    CounselOfRecord,
    DocumentFile,
    Party,
    PublicVersionDue,
    RedactedSubmission,
)
from filings.pdf.compare import check_public_version
from filings.pdf.geometry import Region, UnreadablePdf
from filings.pdf.inspect import Finding, inspect_pdf, verdict_of
from filings.pdf.pdfium import pdfium_lock
from filings.redaction import original_of

OPEN_DUE = (PublicVersionDue.Status.DUE, PublicVersionDue.Status.SUBMITTED)
AWAITING_CLERK = (
    RedactedSubmission.Status.CHECKING,
    RedactedSubmission.Status.CHECKED,
    RedactedSubmission.Status.CHECK_FAILED,
)
# Thumbnails: about 43 dpi is enough to see where a finding is, not to read it.
THUMBNAIL_SCALE = 0.6


# ------------------------------------------------------------------ who may do what


def responsible_party(due: PublicVersionDue) -> Party | None:
    """The party that must file: the due's party, else whoever filed the original."""
    return due.party or due.document.entry.filer


def represents(user: Any, party: Party | None) -> bool:
    if party is None or not user.is_authenticated:
        return False
    return CounselOfRecord.objects.active().filter(party=party, user=user).exists()


def may_submit(user: Any, due: PublicVersionDue) -> bool:
    return represents(user, responsible_party(due))


def may_view_due(user: Any, due: PublicVersionDue) -> bool:
    return access.is_court_staff(user) or may_submit(user, due)


def may_view_submission(user: Any, submission: RedactedSubmission) -> bool:
    """Court staff, the filer's counsel, and whoever may see the uploaded file."""
    return (
        access.is_court_staff(user)
        or may_submit(user, submission.due)
        or access.can_view_file(user, submission.file)
    )


def may_see_upload(user: Any, submission: RedactedSubmission) -> bool:
    """The uploaded file, its page images and the text a finding recovered from
    it may be sealed material (boxes over live text): whoever access.py lets see
    the file, and nobody else, however they came to the submission page."""
    return access.can_view_file(user, submission.file)


def may_review(user: Any) -> bool:
    return access.is_court_staff(user)


# ------------------------------------------------------------------ what is due


def is_overdue(due: PublicVersionDue, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return due.status == PublicVersionDue.Status.DUE and due.due_on < today


def dues_for(user: Any) -> QuerySet[PublicVersionDue]:
    """Open dues of the parties the user represents, earliest first."""
    if not user.is_authenticated:
        return PublicVersionDue.objects.none()
    parties = CounselOfRecord.objects.active().filter(user=user).values("party_id")
    # A due without a party falls to whoever filed the original.
    mine = Q(party_id__in=parties) | Q(
        party__isnull=True, document__entry__filer_id__in=parties
    )
    return (
        PublicVersionDue.objects.filter(mine, status__in=OPEN_DUE)
        .select_related("document__entry__case", "party", "order_entry")
        .order_by("due_on", "pk")
    )


def overdue_dues(today: date | None = None) -> QuerySet[PublicVersionDue]:
    today = today or timezone.localdate()
    return (
        PublicVersionDue.objects.filter(
            status=PublicVersionDue.Status.DUE, due_on__lt=today
        )
        .select_related("document__entry__case", "party")
        .order_by("due_on", "pk")
    )


def awaiting_review() -> QuerySet[RedactedSubmission]:
    return (
        RedactedSubmission.objects.filter(status__in=AWAITING_CLERK)
        .select_related("due__document__entry__case", "due__party", "submitted_by")
        .order_by("submitted_at", "pk")
    )


# ------------------------------------------------------------------ submitting


def submit(
    due: PublicVersionDue,
    upload: CheckedUpload,
    *,
    user: Any,
    request: HttpRequest | None = None,
    confirmed_findings: bool = False,
) -> RedactedSubmission:
    """Store the upload as a proposed version and queue its check."""
    if not may_submit(user, due):
        raise PermissionDenied("You do not represent the party that must file this.")
    with transaction.atomic():
        due = PublicVersionDue.objects.select_for_update().get(pk=due.pk)
        if not may_upload_now(due):
            raise ValidationError(
                f"This public version is {due.get_status_display().lower()}; "
                "nothing more can be uploaded for it now."
            )
        _withdraw_failed(due, user=user, request=request)
        file = store_file(
            due.document,
            DocumentFile.Role.PROPOSED_REDACTED,
            upload.data,
            uploaded_by=user,
            original_name=upload.name,
            facts=upload.facts,
            request=request,
        )
        submission = RedactedSubmission.objects.create(
            due=due,
            file=file,
            submitted_by=user,
            confirmed_findings=confirmed_findings,
        )
        due.status = PublicVersionDue.Status.SUBMITTED
        due.save(update_fields=["status"])
        access.record(
            request,
            AuditEvent.Action.FILE,
            submission,
            case=due.document.entry.case,
            actor=user,
            stage="submitted",
            document=due.document.docket_ref,
            file=file.pk,
        )
        transaction.on_commit(lambda: enqueue_check(submission.pk))
    return submission


def _failed_check(submission: RedactedSubmission) -> bool:
    return submission.status == RedactedSubmission.Status.CHECK_FAILED or (
        submission.status == RedactedSubmission.Status.CHECKED
        and submission.verdict == "fail"
    )


def may_upload_now(due: PublicVersionDue) -> bool:
    """Due, or every upload awaiting the clerk failed its check: the filer need
    not wait for the clerk to return an upload that can never be accepted."""
    if due.status == PublicVersionDue.Status.DUE:
        return True
    if due.status != PublicVersionDue.Status.SUBMITTED:
        return False
    waiting = list(due.submissions.filter(status__in=AWAITING_CLERK))
    return bool(waiting) and all(_failed_check(s) for s in waiting)


def _withdraw_failed(
    due: PublicVersionDue, *, user: Any, request: HttpRequest | None
) -> None:
    """Uploads that failed their check leave the clerk's queue when replaced."""
    for old in due.submissions.filter(status__in=AWAITING_CLERK):
        old.status = RedactedSubmission.Status.RETURNED
        old.return_reason = "Withdrawn by the filer: a corrected version was uploaded."
        old.save(update_fields=["status", "return_reason"])
        access.record(
            request,
            AuditEvent.Action.CHECK,
            old,
            case=due.document.entry.case,
            actor=user,
            stage="withdrawn by the filer",
        )


CHECK_NOT_QUEUED = (
    "the job queue could not be reached, so the check was not started. The "
    "upload is saved; the clerk's office queues its check again once the queue "
    "is back, or you may upload a corrected version meanwhile."
)


def check_job_id(submission_id: int) -> str:
    return f"check-submission-{submission_id}"


def enqueue_check(submission_id: int) -> bool:
    """Queue the check now (after the upload committed); when the queue cannot be
    reached the submission says so and its filer may upload again."""
    from filings.jobs import check_submission, enqueue_now

    return enqueue_now(
        check_submission,
        submission_id,
        job_id=check_job_id(submission_id),
        job_timeout=900,
        not_queued=lambda: RedactedSubmission.objects.filter(
            pk=submission_id, status=RedactedSubmission.Status.CHECKING
        ).update(
            status=RedactedSubmission.Status.CHECK_FAILED,
            error_message=CHECK_NOT_QUEUED,
        ),
    )


def requeue_check(submission: RedactedSubmission) -> bool:
    """Queue again the check of a submission that was never queued, or whose
    job was lost while it said "checking". Idempotent: False for one that is
    checked, withdrawn, or whose job is waiting or running. Raises if the queue
    cannot be reached."""
    from filings.jobs import job_pending

    if job_pending(check_job_id(submission.pk)):
        return False
    if submission.status == RedactedSubmission.Status.CHECK_FAILED:
        if submission.error_message != CHECK_NOT_QUEUED:
            return False  # the check ran and failed: the clerk returns it
        changed = RedactedSubmission.objects.filter(
            pk=submission.pk,
            status=RedactedSubmission.Status.CHECK_FAILED,
            error_message=CHECK_NOT_QUEUED,
        ).update(status=RedactedSubmission.Status.CHECKING, error_message="")
        if not changed:
            return False
    elif submission.status != RedactedSubmission.Status.CHECKING:
        return False
    access.record(
        None,
        AuditEvent.Action.CHECK,
        submission,
        case=submission.due.document.entry.case,
        stage="check queued again",
    )
    transaction.on_commit(lambda: enqueue_check(submission.pk))
    return True


def lost_checks(*, older_than: timedelta = timedelta(minutes=10)):
    """Submissions whose check was never queued, or still "checking" long after
    upload (their job may have been lost with the queue)."""
    return RedactedSubmission.objects.filter(
        Q(
            status=RedactedSubmission.Status.CHECK_FAILED,
            error_message=CHECK_NOT_QUEUED,
        )
        | Q(
            status=RedactedSubmission.Status.CHECKING,
            submitted_at__lt=timezone.now() - older_than,
        )
    ).select_related("due__document__entry")


# ------------------------------------------------------------------ the check


def _read(file: DocumentFile) -> bytes:
    with file.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != file.sha256:
        raise RuntimeError(
            f"the stored {file.get_role_display().lower()} does not match the "
            "checksum recorded at upload"
        )
    return data


def _regions(items: list[dict]) -> list[Region]:
    return [Region.from_dict(item) for item in items]


def denied_portion_findings(
    findings: list[Finding], denied: list[Region]
) -> list[Finding]:
    """Name over-redaction of text the court refused to seal as such."""
    marked: list[Finding] = []
    for finding in findings:
        if (
            finding.kind == "over_redaction"
            and finding.bbox is not None
            and any(
                r.page == finding.page and r.intersects(*finding.bbox) for r in denied
            )
        ):
            finding = Finding(
                kind="denied_portion_removed",
                page=finding.page,
                bbox=finding.bbox,
                text=finding.text,
                severity="fail",
                message="the court refused to seal this text; it must stay in "
                "the public version",
            )
        marked.append(finding)
    return marked


def page_sizes(pdf: bytes) -> list[list[float]]:
    import pypdfium2 as pdfium

    with pdfium_lock():
        doc = pdfium.PdfDocument(pdf)
        try:
            return [[round(v, 2) for v in doc[i].get_size()] for i in range(len(doc))]
        finally:
            doc.close()


def run_check(submission: RedactedSubmission) -> RedactedSubmission:
    """Inspect the upload and compare it with the sealed original under the order."""
    due = submission.due
    uploaded = _read(submission.file)
    source = original_of(due.document)
    if source is None:
        raise RuntimeError("the document has no original to compare with")
    original = _read(source)
    with pdfium_lock():
        report = check_public_version(
            uploaded, original=original, approved=_regions(due.regions)
        )
        sizes = page_sizes(uploaded)
    findings = denied_portion_findings(report.findings, _regions(due.denied_regions))
    verdict = verdict_of(findings)
    with transaction.atomic():
        submission.status = RedactedSubmission.Status.CHECKED
        submission.verdict = verdict
        submission.error_message = ""
        submission.report = {
            "verdict": verdict,
            "pages": report.pages,
            "page_sizes": sizes,
            "original_file": source.pk,
            "findings": [f.to_dict() for f in findings],
        }
        submission.save(update_fields=["status", "verdict", "error_message", "report"])
        access.record(
            None,
            AuditEvent.Action.CHECK,
            submission,
            case=due.document.entry.case,
            verdict=verdict,
            findings=len(findings),
        )
    return submission


def page_thumbnail(file: DocumentFile, page: int) -> bytes:
    """A small PNG of one page; ValueError for a page the file does not have."""
    import pypdfium2 as pdfium

    data = _read(file)
    with pdfium_lock():
        doc = pdfium.PdfDocument(data)
        try:
            if not 1 <= page <= len(doc):
                raise ValueError(f"the file has no page {page}")
            bitmap = doc[page - 1].render(scale=THUMBNAIL_SCALE)
            # A copy: the image may share the bitmap's memory, freed on closing.
            image = bitmap.to_pil().copy()
            bitmap.close()
        finally:
            doc.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# ------------------------------------------------------------------ the clerk


def accept(
    submission: RedactedSubmission, *, user: Any, request: HttpRequest | None = None
) -> DocumentFile:
    """Make the upload the public version and seal the original."""
    if not may_review(user):
        raise PermissionDenied("Only court staff accept public versions.")
    with transaction.atomic():
        submission = RedactedSubmission.objects.select_for_update().get(
            pk=submission.pk
        )
        due = PublicVersionDue.objects.select_for_update().get(pk=submission.due_id)
        if submission.status != RedactedSubmission.Status.CHECKED:
            raise ValidationError(
                "Only a checked submission awaiting review can be accepted "
                f"(this one is {submission.get_status_display().lower()})."
            )
        if submission.verdict == "fail":
            # A failed check means something sealed is recoverable from the file
            # or the order was not followed; publishing it cannot be undone.
            raise ValidationError(
                "The check failed: return the submission with reasons instead."
            )
        document = due.document
        case = document.entry.case
        uploaded = submission.file
        public = (
            document.files.filter(
                role=DocumentFile.Role.PUBLIC_REDACTED, sha256=uploaded.sha256
            ).first()
            # The submitted file is kept as it was; the public version is a
            # new version of the document with the same bytes.
            or store_file(
                document,
                DocumentFile.Role.PUBLIC_REDACTED,
                _read(uploaded),
                uploaded_by=submission.submitted_by,
                request=request,
            )
        )
        access.change_access(
            request,
            document,
            Access.SEALED,
            actor=user,
            reason="public redacted version accepted",
            submission=submission.pk,
        )
        submission.status = RedactedSubmission.Status.ACCEPTED
        submission.reviewed_by = user
        submission.reviewed_at = timezone.now()
        submission.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        due.status = PublicVersionDue.Status.ACCEPTED
        due.save(update_fields=["status"])
        access.record(
            request,
            AuditEvent.Action.CHECK,
            submission,
            case=case,
            actor=user,
            stage="accepted",
            public_file=public.pk,
            verdict=submission.verdict,
        )
    return public


def return_submission(
    submission: RedactedSubmission,
    reasons: str,
    *,
    user: Any,
    request: HttpRequest | None = None,
) -> RedactedSubmission:
    """Send the upload back; the attorney sees the reasons and uploads again."""
    if not may_review(user):
        raise PermissionDenied("Only court staff return public versions.")
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError("Say why the submission is returned.")
    with transaction.atomic():
        submission = RedactedSubmission.objects.select_for_update().get(
            pk=submission.pk
        )
        due = PublicVersionDue.objects.select_for_update().get(pk=submission.due_id)
        if submission.status not in AWAITING_CLERK:
            raise ValidationError(
                f"This submission is {submission.get_status_display().lower()}; "
                "it can no longer be returned."
            )
        submission.status = RedactedSubmission.Status.RETURNED
        submission.return_reason = reasons
        submission.reviewed_by = user
        submission.reviewed_at = timezone.now()
        submission.save(
            update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"]
        )
        due.status = PublicVersionDue.Status.DUE
        due.save(update_fields=["status"])
        access.record(
            request,
            AuditEvent.Action.CHECK,
            submission,
            case=due.document.entry.case,
            actor=user,
            stage="returned",
            reasons=reasons,
        )
    return submission


@dataclass(frozen=True)
class Marker:
    """A finding's box on a thumbnail, in percent of the page."""

    number: int
    page: int
    left: float
    top: float
    width: float
    height: float
    severity: str


def markers(report: dict) -> dict[int, list[Marker]]:
    """Finding boxes per page, as percentages of the page for a CSS overlay."""
    sizes = report.get("page_sizes") or []
    by_page: dict[int, list[Marker]] = {}
    for number, finding in enumerate(report.get("findings") or [], start=1):
        page, bbox = finding.get("page"), finding.get("bbox")
        if not page or not bbox or page > len(sizes):
            continue
        width, height = sizes[page - 1]
        x0, top, x1, bottom = bbox

        def pct(value: float, total: float) -> float:
            return round(max(0.0, min(100.0, value / total * 100)), 2)

        by_page.setdefault(page, []).append(
            Marker(
                number=number,
                page=page,
                left=pct(x0, width),
                top=pct(top, height),
                width=max(pct(x1 - x0, width), 0.5),
                height=max(pct(bottom - top, height), 0.5),
                severity=finding.get("severity", "review"),
            )
        )
    return by_page


# ------------------------------------------------------------------ intake


@dataclass(frozen=True)
class IntakeFinding:
    """A finding of the inspector on one upload of a public filing."""

    document: str  # "Main document" or "Attachment 2 (Exhibit B)"
    kind: str
    page: int | None
    severity: str
    message: str
    text: str  # shown to the filer only: it is their own upload


def inspect_public_uploads(uploads: list[CheckedUpload]) -> list[IntakeFinding]:
    """Run the inspector on every upload of a filing meant to be public."""
    found: list[IntakeFinding] = []
    for index, upload in enumerate(uploads):
        name = "Main document" if index == 0 else f"Attachment {index}"
        if upload.description:
            name = f"{name} ({upload.description})"
        data = upload.data
        try:
            with pdfium_lock():
                report = inspect_pdf(data)
        except UnreadablePdf as exc:
            found.append(
                IntakeFinding(
                    name,
                    "uninspectable",
                    None,
                    "fail",
                    f"cannot be inspected: {exc}",
                    "",
                )
            )
            continue
        found.extend(
            IntakeFinding(name, f.kind, f.page, f.severity, f.message, f.text)
            for f in report.findings
        )
    return found
