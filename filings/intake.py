"""Accepting filings: validate, store, audit, and queue processing after commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from filings import access, notices
from filings.models import (
    Access,
    AuditEvent,
    Case,
    DocketEntry,
    Document,
    DocumentFile,
    Party,
    ProcessingStatus,
)
from filings.pdf.facts import PdfFacts, read_facts
from filings.pdf.geometry import UnreadablePdf

NOT_QUEUED = (
    "Not queued for processing: the job queue could not be reached. The filing "
    "is saved; court staff can queue it again."
)


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded PDF that passed the checks.

    Its bytes stay where Django put the upload (a temporary file for anything but
    a small one) and are read when needed, so a filing of many large exhibits is
    never held in memory all at once.
    """

    name: str
    source: UploadedFile = field(repr=False, compare=False)
    facts: PdfFacts
    description: str = ""

    @property
    def data(self) -> bytes:
        self.source.seek(0)
        return self.source.read()


MB = 1024 * 1024


def check_filing_size(files: MultiValueDict) -> None:
    """Refuse a filing whose files together are over ``MAX_FILING_BYTES``; run
    before any of them is read, so that an oversized filing costs no memory."""
    total = sum(upload.size or 0 for key in files for upload in files.getlist(key))
    limit = settings.MAX_FILING_BYTES
    if total > limit:
        raise ValidationError(
            f"The files of this filing come to {total / MB:.1f} MB; one filing may "
            f"carry at most {limit / MB:.0f} MB. File the remaining exhibits as "
            "another docket entry."
        )


def read_upload(upload: UploadedFile, description: str = "") -> CheckedUpload:
    """Read and check one uploaded file; raise ValidationError with the reason."""
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            f"“{upload.name}” is {upload.size / 1024 / 1024:.1f} MB; the limit is "
            f"{limit / 1024 / 1024:.0f} MB. Split the exhibit into several attachments."
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            f"“{upload.name}” is over the {limit // 1024 // 1024} MB limit."
        )
    try:
        facts = read_facts(data)
    except UnreadablePdf as exc:
        raise ValidationError(f"“{upload.name}”: {exc}") from None
    return CheckedUpload(
        name=upload.name or "", source=upload, facts=facts, description=description
    )


def store_file(
    document: Document,
    role: str,
    data: bytes,
    *,
    uploaded_by=None,
    original_name: str = "",
    facts: PdfFacts | None = None,
    request: HttpRequest | None = None,
) -> DocumentFile:
    """Store a new version of ``document`` in ``role``; earlier versions are kept.

    Must run inside a transaction; processing is queued once it commits.
    """
    facts = facts or read_facts(data)
    file = DocumentFile(
        document=document,
        role=role,
        sha256=facts.sha256,
        size=facts.size,
        original_name=original_name[:255],
        uploaded_by=uploaded_by,
        page_count=facts.page_count,
        text_pages=facts.text_pages,
        has_text_layer=facts.text_pages == facts.page_count,
    )
    file.file.save("upload.pdf", ContentFile(data), save=False)
    file.save()
    access.record(
        request,
        AuditEvent.Action.UPLOAD,
        file,
        case=document.entry.case,
        actor=uploaded_by,
        role=role,
        sha256=file.sha256,
        size=file.size,
        document=document.docket_ref,
    )
    transaction.on_commit(lambda: enqueue_processing(file.pk))
    return file


def processing_job_id(file_id: int) -> str:
    return f"process-file-{file_id}"


def enqueue_processing(file_id: int) -> bool:
    """Queue the processing job of a stored file; runs after the upload commits.

    When the queue cannot be reached the filing is already saved, so this must not
    fail the filer's request: the file is marked failed with the reason (its page
    stops waiting) and court staff can queue it again (``requeue_processing``).
    """
    from filings.jobs import enqueue_now, process_file

    return enqueue_now(
        process_file,
        file_id,
        job_id=processing_job_id(file_id),
        job_timeout=900,
        not_queued=lambda: DocumentFile.objects.filter(
            pk=file_id, status=ProcessingStatus.QUEUED
        ).update(status=ProcessingStatus.FAILED, error_message=NOT_QUEUED),
    )


def requeue_processing(
    file: DocumentFile, *, request: HttpRequest | None = None, actor=None
) -> bool:
    """Queue processing again for a file whose job failed, was lost or was never
    queued. Idempotent: a processed file, or one whose job is waiting or running,
    is left alone and False returned. Raises if the queue cannot be reached."""
    from filings.jobs import job_pending

    if file.status == ProcessingStatus.DONE:
        return False
    if job_pending(processing_job_id(file.pk)):
        return False
    DocumentFile.objects.filter(pk=file.pk).update(
        status=ProcessingStatus.QUEUED, error_message=""
    )
    access.record(
        request,
        AuditEvent.Action.PROCESS,
        file,
        case=file.document.entry.case,
        actor=actor,
        requeued=True,
        previous_status=file.status,
    )
    transaction.on_commit(lambda: enqueue_processing(file.pk))
    return True


def lost_processing(*, older_than: timedelta = timedelta(minutes=10)):
    """Files whose processing was never queued, or still "queued" long after
    upload (their job may have been lost with the queue)."""
    return DocumentFile.objects.filter(
        Q(status=ProcessingStatus.FAILED, error_message=NOT_QUEUED)
        | Q(
            status=ProcessingStatus.QUEUED,
            uploaded_at__lt=timezone.now() - older_than,
        )
    ).select_related("document__entry")


@transaction.atomic
def file_entry(
    request: HttpRequest,
    case: Case,
    *,
    filer: Party,
    kind: str,
    text: str,
    nature: str,
    access_level: str,
    main: CheckedUpload,
    attachments: list[CheckedUpload],
) -> DocketEntry:
    """Create a docket entry with its main document and attachments.

    Every upload was checked by the form first, so nothing is stored unless all of
    the files passed.
    """
    if not access.can_file_in(request.user, case):
        raise PermissionError("Only counsel of record may file in this case.")
    if filer.case_id != case.pk:
        raise ValidationError("The filing party is not a party to this case.")
    if access_level not in {Access.PUBLIC, Access.PROVISIONALLY_SEALED}:
        raise ValidationError("A filing is either public or lodged under seal.")
    # Lock the case row so that concurrent filings get consecutive numbers.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    number = (case.entries.aggregate(n=Max("number"))["n"] or 0) + 1
    entry = DocketEntry.objects.create(
        case=case,
        number=number,
        filed_on=timezone.localdate(),
        filed_by=request.user,
        filer=filer,
        text=text,
        kind=kind,
        nature=nature,
    )
    documents = [main, *attachments]
    for attachment_number, upload in enumerate(documents):
        document = Document.objects.create(
            entry=entry,
            attachment_number=attachment_number,
            description=upload.description,
            access=access_level,
        )
        store_file(
            document,
            DocumentFile.Role.ORIGINAL,
            upload.data,
            uploaded_by=request.user,
            original_name=upload.name,
            facts=upload.facts,
            request=request,
        )
    access.record(
        request,
        AuditEvent.Action.FILE,
        entry,
        case=case,
        number=number,
        access=access_level,
        documents=len(documents),
    )
    notices.notify_counsel(request, case, entry)
    return entry
