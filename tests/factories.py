"""Plain factory functions with keyword defaults; no fixtures files."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import weasyprint
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile

from filings.access import JUDGE_GROUP
from filings.models import (
    Access,
    Case,
    CounselOfRecord,
    Court,
    DocketEntry,
    Document,
    DocumentFile,
    Judge,
    Party,
)
from filings.pdf.facts import read_facts

_seq = itertools.count(1)


def make_pdf(*paragraphs: str, pages: int = 1) -> bytes:
    """A small real PDF whose text layer holds the given paragraphs."""
    body = "".join(
        f"<section style='page-break-after: always'>{''.join(f'<p>{p}</p>' for p in paragraphs)}"
        f"<p>Page {n}</p></section>"
        for n in range(1, pages + 1)
    )
    return weasyprint.HTML(
        string=f"<html><body style='font-family: Liberation Serif'>{body}</body></html>"
    ).write_pdf()


def make_user(
    username: str | None = None, *, groups: tuple[str, ...] = (), **kwargs: Any
) -> User:
    username = username or f"user{next(_seq)}"
    user = User.objects.create_user(
        username=username, password="correct horse battery", **kwargs
    )
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def make_court(**kwargs: Any) -> Court:
    n = next(_seq)
    defaults = {
        "name": "United States District Court",
        "district": "District of Nevada",
        "abbreviation": f"D. Nev. {n}",
        "circuit_profile": "ninth-label",
        "counsel_may_view_sealed": True,
    }
    return Court.objects.create(**{**defaults, **kwargs})


def make_judge(
    court: Court | None = None, *, user: User | None = None, **kwargs: Any
) -> Judge:
    court = court or make_court()
    user = user or make_user(
        groups=(JUDGE_GROUP,), first_name="Grace", last_name="Foley"
    )
    defaults = {
        "name": "Grace W. Foley",
        "title": "United States Magistrate Judge",
        "initials": "GWF",
    }
    return Judge.objects.create(court=court, user=user, **{**defaults, **kwargs})


def make_case(court: Court | None = None, **kwargs: Any) -> Case:
    court = court or make_court()
    n = next(_seq)
    defaults = {
        "number": f"2:10-cv-{n:05d}-ABC-GWF",
        "caption": f"Lumina Software, Inc. v. Harrow Group {n}",
        "filed_on": date(2010, 3, 1),
    }
    return Case.objects.create(court=court, **{**defaults, **kwargs})


def make_party(
    case: Case, name: str = "Lumina Software, Inc.", role: str = Party.Role.PLAINTIFF
) -> Party:
    return Party.objects.create(case=case, name=name, role=role)


def make_counsel(
    case: Case, party: Party | None = None, user: User | None = None
) -> User:
    party = party or make_party(case)
    user = user or make_user()
    CounselOfRecord.objects.create(case=case, party=party, user=user, firm="Firm LLP")
    return user


def make_entry(case: Case, number: int | None = None, **kwargs: Any) -> DocketEntry:
    if number is None:
        number = (
            case.entries.order_by("-number").values_list("number", flat=True).first()
            or 0
        ) + 1
    defaults = {
        "filed_on": date(2010, 4, 1),
        "text": f"ENTRY {number}",
        "kind": DocketEntry.Kind.OTHER,
    }
    return DocketEntry.objects.create(
        case=case, number=number, **{**defaults, **kwargs}
    )


def make_document(
    entry: DocketEntry | None = None,
    *,
    access: str = Access.PUBLIC,
    attachment_number: int = 0,
    description: str = "Declaration",
    pdf: bytes | None = None,
    role: str = DocumentFile.Role.ORIGINAL,
    uploaded_by: User | None = None,
    case: Case | None = None,
) -> Document:
    entry = entry or make_entry(case or make_case())
    document = Document.objects.create(
        entry=entry,
        attachment_number=attachment_number,
        description=description,
        access=access,
    )
    add_file(
        document,
        pdf or make_pdf(f"Text of {description}"),
        role=role,
        uploaded_by=uploaded_by,
    )
    return document


def add_file(
    document: Document,
    pdf: bytes,
    *,
    role: str = DocumentFile.Role.ORIGINAL,
    uploaded_by: User | None = None,
    original_name: str = "secret-merger-terms.pdf",
) -> DocumentFile:
    facts = read_facts(pdf)
    file = DocumentFile(
        document=document,
        role=role,
        sha256=facts.sha256,
        size=facts.size,
        page_count=facts.page_count,
        original_name=original_name,
        uploaded_by=uploaded_by,
    )
    file.file.save("f.pdf", ContentFile(pdf), save=False)
    file.save()
    return file


def grant(items: Any, ruling: str = "granted", **kwargs: Any) -> int:
    """Rule ``items`` granted as a clerk must: every finding met, then the ruling."""
    from sealing import triage

    items = list(items)
    profile = items[0].motion.case.court.circuit_profile
    findings = triage.answer_every_finding(items, profile, met=True)
    return triage.update_items(
        None, items, {"findings": findings, "ruling": ruling}, **kwargs
    )
