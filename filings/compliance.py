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
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format

from filings import access
from filings.intake import CheckedUpload, store_file
from filings.models import (
    Access,
    AuditEvent,
    CounselOfRecord,
    Document,
    DocumentFile,
    Party,
    PublicVersionDue,
    RedactedSubmission,
    RedactionRun,
)
from filings.pdf.compare import check_public_version
from filings.pdf.geometry import Region, UnreadablePdf
from filings.pdf.inspect import Finding, inspect_pdf, verdict_of
from filings.pdf.pdfium import pdfium_lock
from filings.pdf.portions import (
    Footnote,
    Lines,
    Pages,
    Paragraphs,
    Portion,
    PortionSyntaxError,
    WholeDocument,
    format_portions,
    parse_portions,
)
from filings.redaction import original_of

OPEN_DUE = (PublicVersionDue.Status.DUE, PublicVersionDue.Status.SUBMITTED)
AWAITING_CLERK = (
    RedactedSubmission.Status.CHECKING,
    RedactedSubmission.Status.CHECKED,
    RedactedSubmission.Status.CHECK_FAILED,
)
# Thumbnails: about 43 dpi is enough to see where a finding is, not to read it.
THUMBNAIL_SCALE = 0.6
WITHDRAWN = "Withdrawn by the filer: a corrected version was uploaded."


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
    """Past its date with nothing the clerk could accept: nothing uploaded, or
    only uploads that failed their check."""
    today = today or timezone.localdate()
    if due.due_on >= today:
        return False
    return due.status == PublicVersionDue.Status.DUE or (
        due.status == PublicVersionDue.Status.SUBMITTED and may_upload_now(due)
    )


def dues_for(user: Any) -> QuerySet[PublicVersionDue]:
    """Open dues of the parties the user represents, earliest first."""
    if not user.is_authenticated:
        return PublicVersionDue.objects.none()
    parties = CounselOfRecord.objects.active().filter(user=user).values("party_id")
    # A due without a party falls to whoever filed the original.
    mine = Q(party_id__in=parties) | Q(
        party__isnull=True, document__entry__filer_id__in=parties
    )
    dues = (
        PublicVersionDue.objects.filter(mine, status__in=OPEN_DUE)
        .select_related("document__entry__case", "party", "order_entry")
        .order_by("due_on", "pk")
    )
    return _owing(dues)


def _owing(dues: QuerySet[PublicVersionDue]) -> QuerySet[PublicVersionDue]:
    """Without dues for documents sealed in full: there is nothing to file."""
    whole = [due.pk for due in dues if sealed_in_full(due)]
    return dues.exclude(pk__in=whole) if whole else dues


# ------------------------------------------------------------------ portions, in words


def _merged(portions: list[Portion]) -> list[Portion]:
    """Portions of one kind sorted, with overlapping or adjoining ones joined."""
    out: list[Portion] = []
    for portion in sorted(portions, key=_start_of):
        last = out[-1] if out else None
        if isinstance(portion, Paragraphs | Pages) and type(last) is type(portion):
            if portion.first <= last.last + 1:
                out[-1] = type(portion)(last.first, max(last.last, portion.last))
                continue
        elif isinstance(portion, Lines) and isinstance(last, Lines):
            start = (portion.first_page, portion.first_line)
            end = (last.last_page, last.last_line)
            if start <= (end[0], end[1] + 1):
                stop = max(end, (portion.last_page, portion.last_line))
                out[-1] = Lines(last.first_page, last.first_line, *stop)
                continue
        elif portion == last:
            continue
        out.append(portion)
    return out


def _start_of(portion: Portion) -> tuple[int, ...]:
    if isinstance(portion, Lines):
        return (portion.first_page, portion.first_line)
    if isinstance(portion, Footnote):
        return (portion.page, portion.number)
    if isinstance(portion, Paragraphs | Pages):
        return (portion.first,)
    return ()


def merged_portions(text: str) -> str:
    """The court's notation for ``text`` with overlapping portions joined:
    "p. 2:5-10; p. 2:8-10" reads "p. 2:5-10". Text that cannot be read is
    given back as it is."""
    try:
        portions = parse_portions(text)
    except PortionSyntaxError:
        return text
    kinds: dict[str, list[Portion]] = {}
    for portion in portions:
        kind = "pages" if isinstance(portion, Pages | Lines) else portion.kind
        kinds.setdefault(kind, []).append(portion)
    ordered = [
        merged
        for kind in ("document", "paragraphs", "pages", "footnote")
        for merged in _merged(kinds.get(kind, []))
    ]
    # Page ranges and page:line ranges sort among themselves by page.
    return format_portions(ordered) if ordered else text


def sealed_in_full(due: PublicVersionDue) -> bool:
    """A document the order sealed whole owes no public version, whatever
    regions (its whole pages) were located for it."""
    if not due.portions_text.strip():
        return not due.regions  # nothing said, nothing located
    try:
        portions = parse_portions(due.portions_text)
    except PortionSyntaxError:
        return False
    return any(isinstance(p, WholeDocument) for p in portions)


def kept_portions(due: PublicVersionDue) -> str:
    """What the court refused to seal in the due's document, in its notation:
    the text the public version must keep."""
    from sealing.models import SealingItem
    from sealing.regions import DENIED_RULINGS

    items = SealingItem.objects.filter(
        target_id=due.document_id, ruling__in=DENIED_RULINGS
    ).order_by("pk")
    text = "; ".join(dict.fromkeys(i.portions_text for i in items if i.portions_text))
    if text:
        return merged_portions(text)
    if due.denied_regions:
        return pages_of(due.denied_regions)
    return ""


def renderable_dues(document: Document) -> QuerySet[PublicVersionDue]:
    """The document's dues with regions to remove, newest order first."""
    return (
        document.public_versions_due.exclude(regions=[])
        .select_related("order_entry")
        .order_by("-due_on", "-pk")
    )


def pages_of(regions: list[dict]) -> str:
    """ "9 regions on pages 3, 4 and 5" for stored regions."""
    pages = sorted({int(r["page"]) for r in regions if "page" in r})
    count = f"{len(regions)} region{'s' if len(regions) != 1 else ''}"
    if not pages:
        return count
    if len(pages) == 1:
        return f"{count} on page {pages[0]}"
    listed = ", ".join(map(str, pages[:-1])) + f" and {pages[-1]}"
    return f"{count} on pages {listed}"


def due_regions_label(due: PublicVersionDue) -> str:
    """What a due's approved regions are, for the clerk choosing them."""
    order = f"ECF No. {due.order_entry.number}" if due.order_entry_id else "the order"
    portions = merged_portions(due.portions_text) or "the approved portions"
    return (
        f"{portions} — {pages_of(due.regions)} (approved by {order}; public "
        f"version due {date_format(due.due_on, 'M j, Y')})"
    )


def overdue_dues(today: date | None = None) -> QuerySet[PublicVersionDue]:
    today = today or timezone.localdate()
    return _owing(
        PublicVersionDue.objects.filter(
            status=PublicVersionDue.Status.DUE, due_on__lt=today
        )
        .select_related("document__entry__case", "party")
        .order_by("due_on", "pk")
    )


def _not_accepted() -> Q:
    """Uploads whose check failed or could not run: no clerk can accept them."""
    return Q(status=RedactedSubmission.Status.CHECK_FAILED) | Q(
        status=RedactedSubmission.Status.CHECKED, verdict="fail"
    )


def _queued_submissions(condition: Q) -> QuerySet[RedactedSubmission]:
    return (
        RedactedSubmission.objects.filter(condition)
        .select_related("due__document__entry__case", "due__party", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def awaiting_review() -> QuerySet[RedactedSubmission]:
    """Uploads the clerk may accept: being checked, or checked without failing."""
    return _queued_submissions(Q(status__in=AWAITING_CLERK) & ~_not_accepted())


def failed_checks() -> QuerySet[RedactedSubmission]:
    """Uploads not accepted by the check, until the filer replaces them or the
    clerk returns them with reasons."""
    return _queued_submissions(_not_accepted())


# ------------------------------------------------------------------ where things stand


@dataclass(frozen=True)
class Standing:
    """Where an upload or a due stands, in the words every screen uses."""

    key: str
    label: str
    tone: str = ""  # "pass", "review", "fail" or "working": how it is shown


CHECKING = Standing("checking", "Being checked", "working")
NOT_ACCEPTED = Standing("not_accepted", "Not accepted — fix and upload again", "fail")
NOT_CHECKED = Standing(
    "not_checked", "Not accepted — the check could not run; upload again", "fail"
)
AWAITING = Standing("awaiting_clerk", "Awaiting the clerk")
ACCEPTED = Standing("accepted", "Accepted — now the public version", "pass")
RETURNED = Standing("returned", "Returned by the clerk — fix and upload again", "fail")
REPLACED = Standing("replaced", "Replaced by a later upload")


def submission_standing(submission: RedactedSubmission) -> Standing:
    status = submission.status
    if status == RedactedSubmission.Status.CHECKING:
        return CHECKING
    if status == RedactedSubmission.Status.CHECK_FAILED:
        return NOT_CHECKED
    if status == RedactedSubmission.Status.ACCEPTED:
        return ACCEPTED
    if status == RedactedSubmission.Status.RETURNED:
        return REPLACED if submission.return_reason == WITHDRAWN else RETURNED
    return NOT_ACCEPTED if submission.verdict == "fail" else AWAITING


def due_standing(
    due: PublicVersionDue, latest: RedactedSubmission | None = None
) -> Standing:
    """The due's standing, from its newest upload (``latest``, looked up when
    not given)."""
    if due.status == PublicVersionDue.Status.ACCEPTED:
        return Standing("accepted", "Accepted", "pass")
    if due.status == PublicVersionDue.Status.EXCUSED:
        return Standing("excused", "Excused by the court")
    if latest is None:
        latest = due.submissions.order_by("-submitted_at", "-pk").first()
    if due.status == PublicVersionDue.Status.DUE:
        if latest is not None and submission_standing(latest) == RETURNED:
            return RETURNED
        return Standing("due", "Due")
    if latest is None:
        return Standing("submitted", "Submitted — awaiting the clerk")
    standing = submission_standing(latest)
    if standing == CHECKING:
        return Standing("checking", "Uploaded — being checked", "working")
    if standing == AWAITING:
        return Standing("awaiting_clerk", "Submitted — awaiting the clerk")
    return standing


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
        if sealed_in_full(due):
            raise ValidationError(
                "The order sealed this document whole; no public version is "
                "filed for it."
            )
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
    not wait for the clerk to return an upload that can never be accepted.
    A document the order sealed whole takes no public version at all."""
    if sealed_in_full(due):
        return False
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
        old.return_reason = WITHDRAWN
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
            finding = replace(
                finding,
                kind="denied_portion_removed",
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


# ------------------------------------------------------------------ findings in plain words


@dataclass(frozen=True)
class FindingKind:
    """What a kind of finding means to the filer, and how to fix it."""

    title: str
    advice: str


_REDACT = (
    "use your PDF editor's Redact tool and then Apply the redactions, or print the "
    "pages to an image"
)
_SANITIZE = (
    "use your PDF editor's Sanitize or Remove Hidden Information command, or print "
    "to a new PDF"
)
_FIVE_TWO = "Fed. R. Civ. P. 5.2 allows only the last four digits: redact the rest."
FINDING_KINDS = {
    "text_under_box": FindingKind(
        "Text is still in the file under a box",
        f"Remove the text itself, not just cover it: {_REDACT}.",
    ),
    "text_under_annotation": FindingKind(
        "Text is still in the file under a highlight or comment",
        f"A highlight, note or text box hides nothing: delete it and {_REDACT}.",
    ),
    "text_under_image": FindingKind(
        "Text is still in the file under a picture",
        f"A picture laid over text leaves the text in the file: {_REDACT}.",
    ),
    "hidden_text": FindingKind(
        "Invisible text is in the file",
        "White, invisible, off-page or microscopic text can still be copied: delete "
        "it from the source document and make the PDF again.",
    ),
    "faint_text": FindingKind(
        "Text is barely visible",
        "If it is meant to be read, nothing needs to change; if it should not be "
        "there, delete it from the source document.",
    ),
    "micro_text": FindingKind(
        "Text is too small to read",
        "Tiny text can still be copied: delete it if it is not meant to be public.",
    ),
    "unapplied_redaction": FindingKind(
        "Redactions were marked but never applied",
        "Marking removes nothing: Apply the redactions in your PDF editor, save, "
        "and upload again.",
    ),
    "metadata": FindingKind(
        "The document properties carry text",
        f"Clear the title, subject, author and keywords: {_SANITIZE}.",
    ),
    "thumbnail": FindingKind(
        "The file keeps page thumbnails",
        f"A thumbnail may show a page before it was redacted: {_SANITIZE}.",
    ),
    "private_data": FindingKind(
        "The file keeps private application data",
        f"Editing programs store copies of content here: {_SANITIZE}.",
    ),
    "embedded_file": FindingKind(
        "A file is attached inside the PDF",
        "Remove the attachment (it may be the unredacted original) and upload again.",
    ),
    "annotation": FindingKind(
        "Comments or notes are in the file",
        "Delete the comments and notes, or flatten them, before filing.",
    ),
    "link": FindingKind(
        "A link points outside the document",
        "Check that the link reveals nothing sealed; remove it if in doubt.",
    ),
    "form_field": FindingKind(
        "Form fields hold values",
        "Clear or flatten the form fields before filing.",
    ),
    "javascript": FindingKind(
        "The file contains scripts", f"Remove the scripts: {_SANITIZE}."
    ),
    "unused_object": FindingKind(
        "Leftover content is hidden in the file",
        f"Content no page shows is still in the file: {_SANITIZE}.",
    ),
    "bookmark": FindingKind(
        "A bookmark may repeat sealed text",
        "Delete or rename the bookmarks so that none repeats what was redacted.",
    ),
    "earlier_revision": FindingKind(
        "Earlier versions are still inside the file",
        "Save a fresh copy (Save As, not Save, or print to a new PDF) so that the "
        "earlier versions are dropped.",
    ),
    "unreadable_structure": FindingKind(
        "Part of the file cannot be read",
        "Make the PDF again from the source document.",
    ),
    "uninspectable": FindingKind(
        "The file cannot be inspected",
        "Make the PDF again from the source document.",
    ),
    "ssn": FindingKind("A full Social Security number is shown", _FIVE_TWO),
    "tin": FindingKind("A full taxpayer identification number is shown", _FIVE_TWO),
    "card_number": FindingKind("A full payment card number is shown", _FIVE_TWO),
    "account_number": FindingKind("A financial account number is shown", _FIVE_TWO),
    "date_of_birth": FindingKind(
        "A full date of birth is shown",
        "Fed. R. Civ. P. 5.2 allows only the year of birth: redact the day and month.",
    ),
    "under_redaction": FindingKind(
        "Text the court sealed is still in the public version",
        f"Remove all of this text, as the order requires: {_REDACT}.",
    ),
    "over_redaction": FindingKind(
        "Text the court did not seal is missing",
        "Put this text back: only the portions the order approves may be removed.",
    ),
    "denied_portion_removed": FindingKind(
        "Text the court refused to seal was removed",
        "Put this text back: the court refused to seal it, so it must stay in the "
        "public version.",
    ),
    "altered_text": FindingKind(
        "The text differs from the sealed original",
        "Outside the approved portions the public version must be the original "
        "word for word: file the same document with only those portions removed.",
    ),
    "altered_graphics": FindingKind(
        "A picture or drawing looks different",
        "Check that no picture, chart or signature outside the approved portions "
        "was removed or changed.",
    ),
}


def finding_kind(kind: str, message: str = "") -> FindingKind:
    """The plain title and advice for a kind; the message for an unknown one."""
    known = FINDING_KINDS.get(kind)
    if known is not None:
        return known
    return FindingKind(kind.replace("_", " ").capitalize(), message)


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


# ------------------------------------------------------------------ versions of a document


@dataclass(frozen=True)
class PublicSource:
    """Where a public redacted version came from, for court staff."""

    submission: RedactedSubmission | None = None
    run: RedactionRun | None = None

    @property
    def description(self) -> str:
        if self.submission is not None:
            s = self.submission
            filer = _person(s.submitted_by)
            text = f"the upload by {filer} of {_when(s.submitted_at)}"
            if s.reviewed_by is not None and s.reviewed_at is not None:
                text += (
                    f", accepted by {_person(s.reviewed_by)} on {_when(s.reviewed_at)}"
                )
            return text
        if self.run is not None:
            run = self.run
            text = f"the court's redaction run of {_when(run.requested_at)}"
            if run.order_entry_id is not None:
                return f"{text}, under the order, ECF No. {run.order_entry.number}"
            if run.requested_by is not None:
                return f"{text}, requested by {_person(run.requested_by)}"
            return text
        return "filed with the docket entry"


@dataclass(frozen=True)
class Version:
    """One row of a document's versions: each stored file listed once."""

    file: DocumentFile
    role: str
    note: str = ""
    in_force: bool = False
    submission: RedactedSubmission | None = None  # the upload it came from
    uploaded_as: str = ""  # the name the filer gave it (court staff see it)


def _person(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else "—"


def _when(moment: Any) -> str:
    return date_format(timezone.localtime(moment), "M j, Y")


def public_version_in_force(document: Document) -> DocumentFile | None:
    """The public redacted version the docket serves: the newest."""
    return (
        document.files.filter(role=DocumentFile.Role.PUBLIC_REDACTED)
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def public_source(file: DocumentFile) -> PublicSource:
    """Where a public redacted version came from: an accepted upload with the
    same bytes, the redaction run that rendered it, or the filing itself."""
    submission = (
        RedactedSubmission.objects.filter(
            due__document_id=file.document_id,
            status=RedactedSubmission.Status.ACCEPTED,
            file__sha256=file.sha256,
        )
        .select_related("submitted_by", "reviewed_by", "file")
        .order_by("-reviewed_at", "-pk")
        .first()
    )
    if submission is not None:
        return PublicSource(submission=submission)
    run = (
        RedactionRun.objects.filter(result=file)
        .select_related("requested_by", "order_entry")
        .order_by("requested_at", "pk")
        .first()
    )
    return PublicSource(run=run)


def versions(user: Any, document: Document, files: list[DocumentFile]) -> list[Version]:
    """The files the user may see, each once: an accepted upload and the public
    version made of its bytes are one row, named by its role on the docket."""
    staff = access.is_court_staff(user)
    in_force = public_version_in_force(document)
    submissions = {
        s.file_id: s
        for s in RedactedSubmission.objects.filter(
            due__document=document
        ).select_related("submitted_by", "reviewed_by", "due")
    }
    public_bytes = {
        f.sha256 for f in files if f.role == DocumentFile.Role.PUBLIC_REDACTED
    }
    rows: list[Version] = []
    for file in files:
        submission = submissions.get(file.pk)
        if (
            submission is not None
            and submission.status == RedactedSubmission.Status.ACCEPTED
            and file.sha256 in public_bytes
        ):
            continue  # shown as the public version it became
        if file.role == DocumentFile.Role.PUBLIC_REDACTED:
            rows.append(_public_row(file, file == in_force, staff))
        elif submission is not None:
            standing = submission_standing(submission)
            rows.append(
                Version(
                    file,
                    "Proposed redacted version",
                    f"Upload of {_when(submission.submitted_at)}: {standing.label}",
                    submission=submission
                    if may_view_submission(user, submission)
                    else None,
                    uploaded_as=file.original_name,
                )
            )
        else:
            sealed = file.role == DocumentFile.Role.ORIGINAL and document.is_sealed
            rows.append(
                Version(
                    file,
                    file.get_role_display(),
                    "Sealed" if sealed else "",
                    uploaded_as=file.original_name,
                )
            )
    # The version on the public record first.
    rows.sort(key=lambda row: not row.in_force)
    return rows


def _public_row(file: DocumentFile, in_force: bool, staff: bool) -> Version:
    if not staff:
        note = "" if in_force else "Superseded by a later public version"
        return Version(file, "Public redacted version", note, in_force=in_force)
    note = "In force: the version the public sees" if in_force else "Superseded"
    source = public_source(file)
    upload = source.submission
    return Version(
        file,
        "Public redacted version",
        f"{note}; from {source.description}",
        in_force=in_force,
        submission=upload,
        uploaded_as=upload.file.original_name if upload else file.original_name,
    )


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

    @property
    def plain(self) -> FindingKind:
        return finding_kind(self.kind, self.message)


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
