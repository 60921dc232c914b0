"""The order built from the rulings: every item once, under the right standard
and ground; denials with reasons; alternative grounds as footnotes; the
redaction deadline under Rule 6(a); the same items in the .docx and the PDF."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pdfplumber
import pytest
from django.core.exceptions import ValidationError

from filings import access
from filings.models import Access
from filings.pdf.portions import parse_portions
from sealing import demo, drafting, quoting, triage
from sealing.models import MotionState, Ruling
from sealing.orders import (
    PAGE_LEFT_MARGIN_PT,
    plain_text,
    render_order_docx,
    render_order_pdf,
)
from tests import factories
from tests.orders.conftest import DENIAL_REASON, OrderMotion, build_motion, rule_all

pytestmark = pytest.mark.django_db

GOOD = "Request to Seal Non-Dispositive Documents and Exhibits"
COMPELLING = "Request to Seal Dispositive Documents and Exhibits"
TRADE = "Trade Secret and Proprietary Business Materials"
INACCURATE = "Materials Containing Inaccurate Allegations"
ORDER_DAY = date(2026, 3, 2)  # a Monday; 14 days later is a Monday too
STATED_DENIED = "the parties agree this paragraph should be kept confidential"

# (standard heading, ground heading, ruling, docket ref and portions)
EXPECTED = [
    (GOOD, TRADE, "granted", "#1 ¶¶ 25-26"),
    (GOOD, TRADE, "granted", "#12 ¶ 52"),
    (GOOD, INACCURATE, "denied", "#12 ¶ 65"),
    (GOOD, INACCURATE, "denied", "#12 ¶ 71"),
    (COMPELLING, TRADE, "granted", "#20 p. 1:22-27"),
    (COMPELLING, TRADE, "granted", "#20-1 ¶¶ 2-5"),
    (COMPELLING, INACCURATE, "granted", "#24 p. 2:2-11"),
]


def _order(order_motion: OrderMotion, **kwargs):
    return drafting.build_order(order_motion.motion, order_date=ORDER_DAY, **kwargs)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_item_is_listed_once_under_its_standard_and_ground(order_motion):
    order = _order(order_motion)

    assert drafting.listed_items(order) == EXPECTED
    assert [s.heading for s in order.standard_sections] == [GOOD, COMPELLING]
    assert order.undecided == ()


def test_denied_paragraphs_are_listed_with_the_movants_parenthetical(order_motion):
    order = _order(order_motion)

    denied = [item for _, _, ruling, item in order.items() if ruling == "denied"]
    assert [item.portions for item in denied] == ["¶ 65", "¶ 71"]
    # The Court's reasons follow the list, once (see the denial discussion).
    assert {item.reason for item in denied} == {STATED_DENIED}
    assert "**granted in part and denied in part**" in order.ordering_paragraphs[0]


def test_second_ground_for_the_same_portions_becomes_a_footnote(order_motion):
    order = _order(order_motion)

    complaint = next(item for _, _, _, item in order.items() if item.docket_ref == "#1")
    assert "need not reach" in complaint.footnote
    assert "admittedly inaccurate" in complaint.footnote
    # Listed once, under the first ground only.
    assert [ref for *_, ref in drafting.listed_items(order)].count("#1 ¶¶ 25-26") == 1


def test_granted_items_carry_the_movants_parenthetical(order_motion):
    order = _order(order_motion)

    raman = next(item for _, _, _, item in order.items() if item.docket_ref == "#20-1")
    assert raman.reason == "the QUILL weights module"
    assert raman.document_title == "*Declaration of Priya Raman*"


TRO_PAPERS = (
    "*Emergency Motion for Temporary Restraining Order* (#20) and *Opposition to "
    "Motion for Temporary Restraining Order* (#24)"
)


def test_tro_papers_are_listed_once_as_dispositive(order_motion):
    order = _order(order_motion)

    good, compelling = order.standard_sections
    assert good.treated_as_dispositive_note is None
    assert compelling.treated_as_dispositive_note == (
        "The parties ask the Court to seal material in papers that request "
        f"injunctive relief or argue whether it should be granted: {TRO_PAPERS}. "
        "As stated above, the Court applies the compelling reasons standard to "
        "these papers and to the declarations and exhibits filed with them."
    )
    # The profile's standard already says why: the reason is not given twice.
    assert "treats them as dispositive" in compelling.legal_standard_paragraphs[0]


def test_recorded_dispositive_basis_is_given_once_and_its_motion_listed(
    order_motion,
):
    entry = order_motion.entries[20]
    entry.dispositive_basis = "the TRO motion asks for relief on the merits"
    entry.save()

    note = _order(order_motion).standard_sections[1].treated_as_dispositive_note

    assert f"whether it should be granted: {TRO_PAPERS}. The TRO motion asks for " in (
        note
    )
    assert note.count("relief on the merits") == 1


def test_where_the_standard_does_not_say_why_the_note_does(order_motion):
    items = drafting.motion_items(order_motion.motion)

    note = drafting.dispositive_note(
        order_motion.motion,
        [i for i in items if i.standard == "compelling_reasons"],
        {e.pk: e for e in order_motion.entries.values()},
        {},
        standard_text="The compelling reasons standard applies to material filed "
        "with any motion more than tangentially related to the merits.",
    )

    assert "Requests for injunctive relief, and papers opposing them, involve " in (
        note
    )
    assert note.endswith(
        "The Court therefore applies the compelling reasons standard to these "
        "papers and to the declarations and exhibits filed with them."
    )


def test_legal_standards_come_from_the_courts_profile(order_motion):
    good, compelling = _order(order_motion).standard_sections

    assert "Fed. R. Civ. P. 26(c)" in good.legal_standard_paragraphs[0]
    assert "compelling reasons" in compelling.legal_standard_paragraphs[0]
    assert "Kamakana" in compelling.legal_standard_paragraphs[0]


@pytest.mark.parametrize(
    ("order_day", "state", "due"),
    [
        (date(2026, 3, 2), "", "Monday, March 16, 2026"),
        # 14 days fall on Saturday, November 21, 2026: the next Monday.
        (date(2026, 11, 7), "", "Monday, November 23, 2026"),
        # Labor Day, Monday, September 7, 2026: the Tuesday.
        (date(2026, 8, 24), "", "Tuesday, September 8, 2026"),
        # Thanksgiving: Friday; in Nevada the Friday is Family Day too.
        (date(2026, 11, 12), "", "Friday, November 27, 2026"),
        (date(2026, 11, 12), "NV", "Monday, November 30, 2026"),
    ],
)
def test_redaction_deadline_rolls_past_weekends_and_holidays(
    order_motion, order_day, state, due
):
    court = order_motion.cast.court
    court.holiday_state = state
    court.save()

    order = drafting.build_order(order_motion.motion, order_date=order_day)

    text = " ".join(order.ordering_paragraphs)
    assert (
        f"within fourteen (14) days of this order, that is, no later than {due}."
        in text
    )
    assert "The original, unredacted filings shall remain sealed, and the" in text
    assert "shall become part of the public record after" in text


def test_denied_material_stays_sealed_when_the_court_says_so(order_motion):
    court = order_motion.cast.court
    court.denied_material_becomes_public = False
    court.save()

    text = " ".join(_order(order_motion).ordering_paragraphs)

    assert "remain provisionally sealed pending further order" in text
    assert "public record after" not in text


def test_undecided_items_are_listed_in_the_draft(cast):
    built = build_motion(cast, rule=False)
    rule_all(built, leave_open=2)

    order = drafting.build_order(built.motion, order_date=ORDER_DAY)

    assert order.undecided == (
        "Declaration of Priya Raman (#20-1), ¶¶ 2-5: no ruling yet",
        "Opposition to Motion for Temporary Restraining Order (#24), p. 2:2-11: "
        "no ruling yet",
    )
    assert len(drafting.undecided_items(built.motion)) == 2
    assert built.motion.state == MotionState.UNDER_REVIEW


def test_edited_section_text_replaces_the_built_one(order_motion):
    content = {"introduction": "The Court has read the *joint motion*."}

    order = _order(order_motion, content=content)

    assert order.introduction == ("The Court has read the *joint motion*.",)


def test_changed_content_keeps_only_texts_that_differ(order_motion):
    sections = drafting.built_sections(order_motion.motion)
    submitted = {s.key: s.text for s in sections}
    submitted["ordering"] = "IT IS HEREBY ORDERED that the motion is granted."

    content = drafting.changed_content(order_motion.motion, submitted)

    assert content == {"ordering": "IT IS HEREBY ORDERED that the motion is granted."}


def test_public_version_leaves_out_what_describes_sealed_material(order_motion):
    order = _order(order_motion, public_redacted=True)

    reasons = {ruling: set() for ruling in ("granted", "denied")}
    for *_, ruling, item in order.items():
        reasons[ruling].add(item.reason)
    assert reasons == {"granted": {drafting.REDACTED}, "denied": {STATED_DENIED}}
    good = order.standard_sections[0]
    # The findings keep the request, the balance the Court strikes and the
    # lead-in to the list; what the clerk's notes found about the material goes.
    request, finding = good.ground_sections[0].findings
    assert request.startswith("In the motion (#45), the parties ask the Court")
    assert finding.startswith(
        "[REDACTED] The parties\u2019 interest in protecting trade secrets"
    )
    assert finding.endswith(
        "good cause to redact it to prevent infringement upon trade secrets:"
    )
    assert "QUILL weights" not in finding
    assert good.ground_sections[0].granted_conclusion.startswith(
        "The original filings listed above shall remain sealed"
    )
    # Denials concern material about to become public: their reasons stay.
    assert DENIAL_REASON in good.ground_sections[1].denial_discussion[0]
    assert "Fed. R. Civ. P. 26(c)" in good.legal_standard_paragraphs[0]
    assert "no later than Monday, March 16, 2026" in order.ordering_paragraphs[1]
    assert [ref for *_, ref in drafting.listed_items(order)] == [
        ref for *_, ref in EXPECTED
    ]


def test_the_clerk_chooses_what_the_public_version_leaves_out(order_motion):
    raman = order_motion.item("20-1", "¶¶ 2-5")
    chosen = {
        "introduction": True,
        "findings:good_cause:trade_secret": False,
        f"item:{raman.pk}": False,
    }

    order = _order(order_motion, public_redacted=True, public_redactions=chosen)

    assert order.introduction == (drafting.REDACTED,)
    good, compelling = order.standard_sections
    assert good.ground_sections[0].findings[-1].startswith("Based on the content")
    by_ref = {item.docket_ref: item.reason for *_, item in order.items()}
    assert by_ref["#20-1"] == "the QUILL weights module"
    assert by_ref["#20"] == drafting.REDACTED


def test_public_choices_list_sections_and_items_with_their_defaults(order_motion):
    choices = drafting.public_choices(order_motion.motion, {}, {})

    redacted = {c.key for c in choices if c.redact}
    assert {c.key for c in choices if not c.key.startswith("item:")} >= {
        "introduction",
        "ordering",
        "denial:good_cause:defamatory",
    }
    assert "findings:good_cause:trade_secret" in redacted
    assert "denial:good_cause:defamatory" not in redacted
    denied = order_motion.item("12", "¶ 65")
    item = next(c for c in choices if c.key == f"item:{denied.pk}")
    assert item.label == "Answer and Counterclaims (#12), ¶ 65 — denied"
    assert (item.redact, item.default) == (False, drafting.LEAVE_OUT_NOTHING)
    findings = next(c for c in choices if c.key == "findings:good_cause:trade_secret")
    assert (findings.mode, findings.modes) == (
        drafting.LEAVE_OUT_SPECIFICS,
        (
            drafting.LEAVE_OUT_SPECIFICS,
            drafting.LEAVE_OUT_NOTHING,
            drafting.LEAVE_OUT_ALL,
        ),
    )


def _item_line(item) -> str:
    title = plain_text(item.document_title)
    return _flat(f"{title} ({item.docket_ref}), {item.portions}")


def test_docx_lists_the_same_items(order_motion):
    order = _order(order_motion)

    document = docx.Document(io.BytesIO(render_order_docx(order)))
    text = _flat("\n".join(p.text for p in document.paragraphs))

    for *_, item in order.items():
        assert text.count(_item_line(item)) == 1, _item_line(item)
    assert DENIAL_REASON in text


def test_docx_carries_nothing_of_the_template_but_what_an_order_uses(order_motion):
    import zipfile

    data = render_order_docx(_order(order_motion))
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert not {n for n in names if n.startswith("customXml/")}
    assert "word/stylesWithEffects.xml" not in names
    assert "docProps/thumbnail.jpeg" not in names
    assert {"word/document.xml", "word/styles.xml", "word/footnotes.xml"} <= names
    content_types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    assert (
        b"customXml" not in content_types and b"stylesWithEffects" not in content_types
    )
    assert docx.Document(io.BytesIO(data)).paragraphs  # still opens


def test_pdf_text_layer_lists_the_same_items(order_motion):
    order = _order(order_motion)

    with pdfplumber.open(io.BytesIO(render_order_pdf(order))) as pdf:
        # Leave out the pleading-paper line numbers in the left margin.
        text = "\n".join(
            page.crop(
                (PAGE_LEFT_MARGIN_PT - 4, 0, page.width, page.height)
            ).extract_text()
            for page in pdf.pages
        )
    flat = re.sub(r"\s+", " ", text.replace("\u2011", "-"))

    for *_, item in order.items():
        # A footnote mark may follow the docket reference: "(#1),1 ¶¶ 25-26".
        title = plain_text(item.document_title)
        line = re.escape(_flat(f"{title} ({item.docket_ref}),"))
        line += r"(?:\d+)? " + re.escape(item.portions)
        assert len(re.findall(line, flat)) == 1, line
    assert "no later than Monday, March 16, 2026" in flat
    assert "need not reach" in flat


def test_an_order_denying_everything_sets_no_redaction_deadline(order_motion):
    items = list(order_motion.motion.items.all())
    triage.update_items(
        None, items, {"ruling": Ruling.DENIED, "ruling_reason": DENIAL_REASON}
    )

    order = _order(order_motion)

    text = " ".join(order.ordering_paragraphs)
    assert "is **denied** as stated above" in text
    assert "redacted versions" not in text
    assert (
        "shall become part of the public record after Monday, March 16, 2026, unless "
        "the Court orders otherwise." in text
    )
    assert {ruling for _, _, ruling, _ in order.items()} == {"denied"}


def test_the_ordering_text_names_the_deadline_by_fields_filled_when_printed(
    order_motion,
):
    built = {s.key: s.text for s in drafting.built_sections(order_motion.motion)}

    assert (
        "within [period] of this order, that is, no later than [due date]."
        in (built["ordering"])
    )
    printed = " ".join(_order(order_motion).ordering_paragraphs)
    assert "within fourteen (14) days of this order, that is, no later than " in (
        printed
    )
    assert "[due date]" not in printed


@pytest.mark.parametrize(
    ("text", "disagreement"),
    [
        ("no later than Wednesday, December 23, 2026.", None),
        ("no later than Monday, December 21, 2026.", "Monday, December 21, 2026"),
        # The right day with the wrong weekday is no deadline a party can trust.
        ("no later than Monday, December 23, 2026.", "Monday, December 23, 2026"),
        ("by 12/21/2026.", "12/21/2026"),
        # Dates up to the order's own day are history, not deadlines.
        ("the motion (#45), filed on November 6, 2026, is granted.", None),
        ("within fourteen (14) days of this order.", None),
    ],
)
def test_a_stated_deadline_must_be_the_dockets(text, disagreement):
    found = drafting.deadline_disagreement(
        [f"IT IS ORDERED that {text}"], date(2026, 12, 23), order_date=date(2026, 12, 9)
    )

    assert found == disagreement


def test_the_findings_say_there_is_good_cause_and_there_are_compelling_reasons(
    order_motion,
):
    good, compelling = _order(order_motion).standard_sections

    assert (
        good.ground_sections[0]
        .findings[-1]
        .endswith(
            "Accordingly, the Court finds that the parties have demonstrated that a "
            "particularized harm would result from public disclosure of the following "
            "material and that there is good cause to redact it to prevent infringement "
            "upon trade secrets:"
        )
    )
    assert (
        compelling.ground_sections[0]
        .findings[-1]
        .endswith(
            "Accordingly, the Court finds that the parties have demonstrated that a "
            "particularized harm would result from public disclosure and that there are "
            "compelling reasons to redact the following material to prevent "
            "infringement upon trade secrets:"
        )
    )


def _findings(order_motion, standard: int, ground: int) -> str:
    sections = drafting.built_sections(order_motion.motion)
    findings = [s.text for s in sections if s.key.startswith("findings:")]
    keys = [s.key for s in sections if s.key.startswith("findings:")]
    wanted = {
        (0, 0): "findings:good_cause:trade_secret",
        (0, 1): "findings:good_cause:defamatory",
        (1, 0): "findings:compelling_reasons:trade_secret",
        (1, 1): "findings:compelling_reasons:defamatory",
    }[standard, ground]
    return findings[keys.index(wanted)]


def test_good_cause_findings_state_the_clerks_facts_and_the_balance(order_motion):
    text = _findings(order_motion, 0, 0)

    assert text == (
        "In the motion (#45), the parties ask the Court to seal material in the "
        "following non-dispositive filings as trade secrets and confidential "
        "business information: *Complaint* (#1) and *Answer and Counterclaims* "
        "(#12). "
        "The request is supported by the Raman Decl. in Support of Joint Motion to "
        "Seal (#45).\n\n"
        "Based on the content of this material, the Court finds that the material "
        "sets out Lumina's confidential prices and the QUILL weights, which a "
        "competitor could use to undercut its bids. The parties\u2019 interest in "
        "protecting trade secrets and proprietary business information outweighs "
        "the general public interest in these filings. Accordingly, the Court finds "
        "that the parties have demonstrated that a particularized harm would result "
        "from public disclosure of the following material and that there is good "
        "cause to redact it to prevent infringement upon trade secrets:"
    )


def test_compelling_reasons_findings_weigh_the_public_interest_from_the_notes(
    order_motion,
):
    text = _findings(order_motion, 1, 0)

    assert (
        "Based on the content of this material, the Court finds that the material "
        "sets out Lumina's confidential prices" in text
    )
    assert (
        "Weighing the public\u2019s interest in understanding the judicial process "
        "against the harm disclosure would cause, the Court finds that the public "
        "can follow the dispute from the unredacted briefs without the figures "
        "themselves." in text
    )


def test_without_a_balancing_note_compelling_reasons_name_the_grounds_harm(
    order_motion,
):
    items = [i for i in order_motion.motion.items.all() if i.standard != "good_cause"]
    triage.update_items(
        None,
        items,
        {"findings": {"outweighs_public_interest": {"met": True, "note": ""}}},
    )

    text = _findings(order_motion, 1, 1)

    assert (
        "The Court finds that the public\u2019s interest in understanding the "
        "judicial process is outweighed by the possibility that disclosure of this "
        "material could reasonably result in the use of the material for "
        "scandalous or libelous purposes." in text
    )


def test_notes_become_clauses_and_unmet_or_formal_answers_are_left_out(
    order_motion,
):
    items = [i for i in order_motion.motion.items.all() if i.standard == "good_cause"]
    granted = [i for i in items if i.ruling == Ruling.GRANTED]
    triage.update_items(
        None,
        granted,
        {
            "findings": {
                "particularized_showing": {
                    "met": True,
                    "note": "The price book is kept in a locked folder.",
                },
                "specific_harm": {"met": False, "note": "only a general fear"},
                "narrowly_tailored": {"met": True, "note": "redacts ¶¶ only"},
            },
            # Granted although a finding is not met: the Court says why.
            "findings_override": "the declaration shows the prices are secret",
        },
    )

    text = _findings(order_motion, 0, 0)

    assert (
        "the Court finds that the price book is kept in a locked folder. The "
        "declaration shows the prices are secret. " in text
    )
    assert "general fear" not in text
    assert "redacts" not in text
    # The category of reason is the ground's heading, not a fact found.
    compelling = [i for i in order_motion.motion.items.all() if i not in items]
    triage.update_items(
        None,
        compelling,
        {"findings": {"reason_category": {"met": True, "note": "Trade secrets."}}},
    )
    assert "Trade secrets." not in _findings(order_motion, 1, 0)


def test_without_recorded_facts_the_findings_are_marked_to_be_completed(cast):
    built = build_motion(cast, rule=False)
    # Every finding answered "met", none with a note saying what was found.
    factories.grant(list(built.motion.items.all()))

    sections = drafting.built_sections(built.motion)

    marked = [s.key for s in sections if drafting.FINDINGS_TO_COMPLETE in s.text]
    assert marked == [
        "findings:good_cause:trade_secret",
        "findings:good_cause:defamatory",
        "findings:compelling_reasons:trade_secret",
        "findings:compelling_reasons:defamatory",
    ]
    assert "Based on the content" not in " ".join(s.text for s in sections)


def test_a_denial_states_its_reason_once_with_the_authority(order_motion):
    good = _order(order_motion).standard_sections[0]

    inaccurate = good.ground_sections[1]
    assert inaccurate.denied_lead_in == (
        "The parties have not shown good cause to seal the following material, and "
        "the request is denied as to it:"
    )
    assert inaccurate.denial_discussion == (
        "While the parties have shown good cause to seal other material, the Court "
        "finds that their showing as to ¶¶ 65 and 71 of the *Answer and "
        "Counterclaims* (#12) does not satisfy the good cause standard: broad "
        "allegations of harm unsubstantiated by specific examples; the parties' "
        "agreement alone does not justify sealing. *See Beckman Indus.*, 966 F.2d "
        "at 476. The request is therefore denied as to ¶¶ 65 and 71.",
    )


def test_the_denial_discussion_is_an_editable_section(order_motion):
    key = "denial:good_cause:defamatory"
    sections = {s.key: s for s in drafting.built_sections(order_motion.motion)}
    assert sections[key].label == (
        f"{GOOD} \u2014 {INACCURATE}: why the request is denied"
    )

    order = _order(order_motion, content={key: "The Court is not persuaded."})

    assert order.standard_sections[0].ground_sections[1].denial_discussion == (
        "The Court is not persuaded.",
    )


def test_a_denial_without_prejudice_says_so(order_motion):
    items = [i for i in order_motion.motion.items.all() if i.portions_text == "¶ 65"]
    triage.update_items(None, items, {"ruling": Ruling.DENIED_WITHOUT_PREJUDICE})

    ground = _order(order_motion).standard_sections[0].ground_sections[1]

    assert ground.denial_discussion[0].endswith(
        "The request is therefore denied as to ¶¶ 65 and 71; the denial as to ¶ 65 "
        "is without prejudice to a narrower request supported by a particularized "
        "showing."
    )
    # No stock sentence that would contradict a reason such as overbreadth.
    assert "no showing that specific harm" not in ground.denial_discussion[0]
    assert [item.reason for item in ground.denied] == [
        f"{STATED_DENIED}; denied without prejudice to a narrower request",
        STATED_DENIED,
    ]


def test_the_pdf_explains_the_denials_after_listing_them(order_motion):
    order = _order(order_motion)

    with pdfplumber.open(io.BytesIO(render_order_pdf(order))) as pdf:
        text = "\n".join(
            page.crop(
                (PAGE_LEFT_MARGIN_PT - 4, 0, page.width, page.height)
            ).extract_text()
            for page in pdf.pages
        )
    flat = re.sub(r"\s+", " ", text.replace("\u2011", "-"))

    listed = flat.index("(#12), ¶ 71")
    assert flat.index("as to ¶¶ 65 and 71 of the Answer and Counterclaims") > listed


def _portions(text: str) -> list[dict]:
    return [portion.to_dict() for portion in parse_portions(text)]


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("pp. 1:25-2:7", "p. 2:5-7", True),
        ("pp. 2:5-10, 2:13-15", "p. 2:8-10", True),
        ("pp. 2:5-10, 2:11-15", "p. 2:8-12", True),  # adjacent spans read as one
        ("pp. 2:5-10, 2:13-15", "p. 2:8-14", False),  # lines 11-12 are not asked
        ("p. 2:5-7", "pp. 1:25-2:7", False),
        ("pp. 3-4", "p. 4 n.4", True),
        ("p. 4:1-28", "p. 4 n.4", False),
        ("¶¶ 25-26, 31-34", "¶ 32", True),
        ("¶¶ 25-26", "¶¶ 26-27", False),
        ("¶¶ 25-26", "p. 2:5-7", False),
    ],
)
def test_portions_cover_the_material_they_include(outer, inner, expected):
    assert drafting.covers(_portions(outer), _portions(inner)) is expected
    assert drafting.covers([], _portions(inner))  # the whole document


def test_demo_grants_on_two_grounds_are_listed_once_with_a_footnote(cast):
    motion = demo.load_demo_motion(cast.case)
    demo.rule_demo_motion(motion)
    items = list(motion.items.all())

    order = drafting.build_order(motion, order_date=ORDER_DAY)

    listed = drafting.listed_items(order)
    assert len(listed) == len(items) - 2
    assert (COMPELLING, INACCURATE) not in {(s, g) for s, g, *_ in listed}
    footnotes = {
        f"{item.docket_ref} {item.portions}": item.footnote
        for *_, item in order.items()
        if item.footnote
    }
    assert footnotes == {
        "#20 pp. 2:5-10, 2:13-15": (
            "The parties additionally argue that p. 2:8-10 of the *Emergency Motion "
            "for Temporary Restraining Order* (#20) should be sealed as admittedly "
            "inaccurate allegations that could be used for libelous purposes. "
            "Because the Court has found compelling reasons to seal this material as "
            "trade secrets and confidential business information, the Court need "
            "not reach that argument."
        ),
        "#30 pp. 1:25-2:7": (
            "The parties additionally argue that p. 2:5-7 of the *Transcript of "
            "hearing on the TRO motion* (#30) should be sealed as admittedly "
            "inaccurate allegations that could be used for libelous purposes. "
            "Because the Court has found compelling reasons to seal this material as "
            "trade secrets and confidential business information, the Court need "
            "not reach that argument."
        ),
    }


def test_the_order_says_the_originals_remain_sealed_and_when_versions_are_due(
    order_motion,
):
    order = _order(order_motion)

    assert order.ordering_paragraphs[1] == (
        "IT IS FURTHER ORDERED that the parties shall file redacted versions of the "
        "filings at issue, in accordance with the Court\u2019s directions above and "
        "redacting only the portions the Court has ordered sealed, within fourteen "
        "(14) days of this order, that is, no later than Monday, March 16, 2026. The "
        "original, unredacted filings shall remain sealed, and the redacted versions "
        "shall be the public record of them."
    )
    conclusions = {
        ground.granted_conclusion
        for section in order.standard_sections
        for ground in section.ground_sections
        if ground.granted
    }
    assert conclusions == {
        "The original filings listed above shall remain sealed; the parties shall "
        "file redacted versions of them as ordered below."
    }


def test_case_names_and_filing_titles_are_in_italics(order_motion):
    order = _order(order_motion)

    good, compelling = order.standard_sections
    assert (
        "*Beckman Indus., Inc. v. Int'l Ins. Co.*, 966 F.2d 470"
        in (good.legal_standard_paragraphs[0])
    )
    assert (
        "*See Foltz v. State Farm Mut. Auto. Ins. Co.*, 331"
        in (good.legal_standard_paragraphs[0])
    )
    # A Westlaw star page stays an asterisk.
    assert (
        "*Dish Network*, 2009 WL 2224596, at *7 (citing *Pintos*, 565"
        in (compelling.legal_standard_paragraphs[0])
    )
    titles = {item.docket_ref: item.document_title for *_, item in order.items()}
    assert titles["#1"] == "*Complaint*"
    assert drafting.italic_title("Exhibit 1 to Raman Declaration") == (
        "Exhibit 1 to *Raman Declaration*"
    )


def test_the_caption_runs_on_from_plaintiff_to_defendants(order_motion):
    order = _order(order_motion)

    assert [line.strip() for line in order.caption_parties] == [
        "LUMINA SOFTWARE, INC.,",
        "",
        "Plaintiff,",
        "",
        "vs.",
        "",
        "HARROW GROUP, LLC,",
        "",
        "Defendant.",
    ]


def test_the_order_is_printed_in_the_courts_font(order_motion):
    court = order_motion.cast.court
    court.order_font = "Times New Roman"
    court.full_clean()
    court.save()

    order = _order(order_motion)

    assert order.font_family == "Times New Roman"
    court.order_font = "Serif; } body { color: red"
    with pytest.raises(ValidationError, match="A font family name"):
        court.full_clean()


def test_a_denial_quotes_the_unmet_findings_and_cites_an_authority_once(
    order_motion,
):
    denied = [i for i in order_motion.motion.items.all() if i.ruling == "denied"]
    triage.update_items(
        None,
        denied,
        {
            "findings": {
                "specific_harm": {"met": False, "note": "Broad allegations only"},
                "declaration": {"met": False, "note": "No declaration is filed."},
            },
            "ruling_reason": "only the parties' agreement; Beckman Indus., 966 "
            "F.2d at 476",
        },
    )

    ground = _order(order_motion).standard_sections[0].ground_sections[1]

    discussion = ground.denial_discussion[0]
    # The Court's reason is stated once; the clerk's notes on the checklist are
    # not repeated beside it, and the authority it cites is not cited again.
    assert (
        "does not satisfy the good cause standard: only the parties' agreement; "
        "*Beckman Indus.*, 966 F.2d at 476. The request is therefore denied"
        in (discussion)
    )
    assert "Broad allegations only" not in discussion
    assert "*See Beckman" not in discussion
    assert {item.reason for item in ground.denied} == {STATED_DENIED}

    triage.update_items(None, denied, {"ruling_reason": ""})
    ground = _order(order_motion).standard_sections[0].ground_sections[1]
    assert (
        "does not satisfy the good cause standard: broad allegations only and no "
        "declaration is filed. *See Beckman Indus.*, 966 F.2d at 476."
        in (ground.denial_discussion[0])
    )


def test_a_grants_reason_is_its_parenthetical_when_it_is_one_clause(order_motion):
    price = order_motion.item("12", "¶ 52")
    triage.update_items(
        None, [price], {"ruling_reason": "The rates are Lumina's trade secrets."}
    )

    ground = _order(order_motion).standard_sections[0].ground_sections[0]

    by_ref = {item.docket_ref: item.reason for item in ground.granted}
    assert by_ref["#12"] == "the rates are Lumina's trade secrets"
    assert by_ref["#1"] == "Lumina's pricing formula and floor prices"


def test_a_longer_grant_reason_is_stated_with_the_findings(order_motion):
    price = order_motion.item("12", "¶ 52")
    reason = (
        "The rates are Lumina's trade secrets. A competitor would use them to "
        "undercut its resellers. Beckman Indus., 966 F.2d at 476."
    )
    triage.update_items(None, [price], {"ruling_reason": reason})

    ground = _order(order_motion).standard_sections[0].ground_sections[0]

    by_ref = {item.docket_ref: item.reason for item in ground.granted}
    assert by_ref["#12"] == "the commission rates of the Reseller Agreement"
    assert (
        "As to the *Answer and Counterclaims* (#12), ¶ 52, the rates are Lumina's "
        "trade secrets. A competitor would use them to undercut its resellers. "
        "*Beckman Indus.*, 966 F.2d at 476. The parties\u2019 interest in"
        in ground.findings[-1]
    )


def test_the_signature_page_carries_the_last_ordering_paragraph(cast):
    motion = demo.load_demo_motion(cast.case)
    demo.rule_demo_motion(motion)
    order = drafting.build_order(motion, order_date=date(2026, 12, 9))

    with pdfplumber.open(io.BytesIO(render_order_pdf(order))) as pdf:
        pages = [page.extract_text() for page in pdf.pages]

    signed = next(text for text in pages if "DATED this" in text)
    assert "IT IS FURTHER ORDERED that the material as to which the motion" in (
        " ".join(signed.split())
    )


def test_the_demo_findings_cite_the_motion_once_before_the_filings(cast):
    motion = demo.load_demo_motion(cast.case)
    demo.rule_demo_motion(motion)

    order = drafting.build_order(motion, order_date=ORDER_DAY)

    requests = [
        ground.findings[0]
        for section in order.standard_sections
        for ground in section.ground_sections
    ]
    assert requests[0].startswith(
        "In the motion (#45), the parties ask the Court to seal material in the "
        "following non-dispositive filings as trade secrets and confidential "
        "business information: *Complaint* (#1); *Answer and Counterclaims* (#12); "
        "and *Motion to Compel* (#33). The request"
    )
    assert requests[1] == (
        "In the motion (#45), the parties ask the Court to seal material in the "
        "following non-dispositive filing as admittedly inaccurate allegations that "
        "could be used for libelous purposes: *Answer and Counterclaims* (#12)."
    )
    assert requests[2].startswith(
        "In the motion (#45), the parties ask the Court to seal material in the "
        "following dispositive filings as trade secrets and confidential business "
        "information: *Emergency Motion for Temporary Restraining Order* (#20); "
        "*Opposition to Motion for Temporary Restraining Order* (#24); *Reply in "
        "Support of Motion for Temporary Restraining Order* (#27); and *Transcript "
        "of hearing on the TRO motion* (#30). The request"
    )
    text = " ".join(plain_text(p) for _, p in quoting.order_passages(order))
    assert "). (#45)" not in text


def test_a_note_opening_with_a_one_letter_word_reads_as_a_clause(order_motion):
    items = [i for i in order_motion.motion.items.all() if i.target.docket_ref == "24"]
    triage.update_items(
        None,
        items,
        {
            "findings": {
                "outweighs_public_interest": {
                    "met": True,
                    "note": "A false statement about a non-party adds nothing to "
                    "the public's understanding of the TRO ruling",
                }
            }
        },
    )

    text = _findings(order_motion, 1, 1)

    assert (
        "the Court finds that a false statement about a non-party adds nothing to "
        "the public's understanding of the TRO ruling." in text
    )


@pytest.mark.parametrize(
    ("portions", "cited"),
    [
        ("p. 2:5-10, 2:13-15", "pp. 2:5-10, 2:13-15"),
        ("p. 1:22-27", "p. 1:22-27"),
        ("pp. 1:25-2:7", "pp. 1:25-2:7"),
        ("¶¶ 25-26; p. 4:2-3, 4:7", "¶¶ 25-26; pp. 4:2-3, 4:7"),
        ("p. 4 n.4", "p. 4 n.4"),
        ("entire document", ""),
    ],
)
def test_several_pinpoints_are_cited_as_pages(portions, cited):
    assert drafting.cited_portions(portions) == cited


def test_a_document_filed_publicly_is_sealed_not_kept_sealed(order_motion):
    access.change_access(
        None, order_motion.document("24"), Access.PUBLIC, actor=order_motion.cast.clerk
    )

    order = _order(order_motion)

    good, compelling = order.standard_sections
    assert good.ground_sections[0].granted_conclusion == (
        "The original filings listed above shall remain sealed; the parties shall "
        "file redacted versions of them as ordered below."
    )
    assert compelling.ground_sections[1].granted_conclusion == (
        "The original filings listed above shall be sealed; the parties shall file "
        "redacted versions of them as ordered below."
    )
    assert (
        "The original, unredacted filings shall remain sealed, or be sealed if they "
        "were filed publicly, and the redacted versions" in order.ordering_paragraphs[1]
    )


def test_the_demo_denial_is_stated_once_after_the_list(cast):
    motion = demo.load_demo_motion(cast.case)
    demo.rule_demo_motion(motion)

    order = drafting.build_order(motion, order_date=ORDER_DAY)

    ground = order.standard_sections[0].ground_sections[1]
    stated = (
        "the parties agree this paragraph should be kept confidential because its "
        "disclosure could cause harm"
    )
    assert [(i.portions, i.reason) for i in ground.denied] == [
        ("¶ 65", stated),
        ("¶ 71", stated),
    ]
    assert ground.denial_discussion == (
        "While the parties have shown good cause to seal other material, the Court "
        "finds that their showing as to ¶¶ 65 and 71 of the *Answer and "
        "Counterclaims* (#12) does not satisfy the good cause standard: the parties "
        "offer only their agreement that the paragraphs should be kept confidential "
        "and broad allegations of harm, unsubstantiated by specific examples or "
        "articulated reasoning; that allegations of this kind may embarrass a party "
        "or expose it to further litigation does not justify sealing. *Beckman "
        "Indus.*, 966 F.2d at 476; *Kamakana*, 447 F.3d at 1179. The request is "
        "therefore denied as to ¶¶ 65 and 71.",
    )
    assert "trade secret" not in ground.denial_discussion[0]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("no later than Wednesday, December 30, 2026.", date(2026, 12, 30)),
        ("no later than Dec. 30, 2026.", date(2026, 12, 30)),
        ("no later than Dec 30, 2026.", date(2026, 12, 30)),
        ("by December 30th, 2026,", date(2026, 12, 30)),
        ("by December 30 2026", date(2026, 12, 30)),
        ("by 12-30-2026", date(2026, 12, 30)),
        ("by 12/30/2026", date(2026, 12, 30)),
        ("by 12/30/26", date(2026, 12, 30)),
        ("by 2026-12-30", date(2026, 12, 30)),
        ("by the 30th day of December, 2026", date(2026, 12, 30)),
        ("by 30 December 2026", date(2026, 12, 30)),
        ("by Wed., Dec. 30, 2026", date(2026, 12, 30)),
        ("by Sept. 1, 2026", date(2026, 9, 1)),
        ("by Tuesday, December 30, 2026", None),  # the 30th is a Wednesday
        ("by February 30, 2026", None),
    ],
)
def test_stated_dates_are_read_however_they_are_written(text, read):
    assert drafting.stated_dates(text) == [(drafting.stated_dates(text)[0][0], read)]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("within fourteen (14) days of this order", 14),
        ("within twenty-one (21) days", 21),
        ("within twenty-one days", 21),
        ("within 21 days", 21),
        ("within (21) days", 21),
        ("within 21 calendar days", 21),
        ("within Fourteen (14) days", 14),
        ("within fourteen (21) days", None),
    ],
)
def test_stated_periods_are_read_in_words_and_figures(text, days):
    assert [found for _, found in drafting.stated_periods(text)] == [days]


def test_the_order_counts_its_due_date_from_the_period_it_states(order_motion):
    ordering = next(
        s.text
        for s in drafting.built_sections(order_motion.motion)
        if s.key == "ordering"
    ).replace("[period]", "twenty-one (21) days")

    order = _order(order_motion, content={"ordering": ordering})

    assert (
        "within twenty-one (21) days of this order, that is, no later than Monday, "
        "March 23, 2026." in order.ordering_paragraphs[1]
    )
    assert drafting.ordered_period([ordering]) == 21
    with pytest.raises(drafting.PeriodConflict, match="it must state one"):
        drafting.ordered_period(
            [ordering.replace("within twenty-one", "within 14 days or twenty-one")]
        )


def test_the_demo_orders_public_version_keeps_its_structure(cast):
    motion = demo.load_demo_motion(cast.case)
    demo.rule_demo_motion(motion)

    order = drafting.build_order(motion, order_date=ORDER_DAY, public_redacted=True)

    trade = order.standard_sections[1].ground_sections[0]
    assert trade.findings == (
        "In the motion (#45), the parties ask the Court to seal material in the "
        "following dispositive filings as trade secrets and confidential business "
        "information: *Emergency Motion for Temporary Restraining Order* (#20); "
        "*Opposition to Motion for Temporary Restraining Order* (#24); *Reply in "
        "Support of Motion for Temporary Restraining Order* (#27); and *Transcript "
        "of hearing on the TRO motion* (#30). The request is supported by the Raman "
        "Decl. in Support of Joint Motion to Seal (#45-1).",
        "[REDACTED] Accordingly, the Court finds that the parties have demonstrated "
        "that a particularized harm would result from public disclosure and that "
        "there are compelling reasons to redact the following material to prevent "
        "infringement upon trade secrets:",
    )
    assert {item.reason for item in trade.granted} == {drafting.REDACTED}
    assert trade.granted_conclusion is not None
    # A judge's rewrite of a findings section is kept only where it repeats
    # what the built text keeps.
    key = "findings:compelling_reasons:trade_secret"
    built = next(s.text for s in drafting.built_sections(motion) if s.key == key)
    edited = built.replace("Accordingly,", "The Court adds a sealed fact. Accordingly,")
    order = drafting.build_order(
        motion, content={key: edited}, order_date=ORDER_DAY, public_redacted=True
    )
    assert (
        "sealed fact" not in order.standard_sections[1].ground_sections[0].findings[1]
    )


def test_public_text_keeps_only_what_it_is_given():
    text = "Asked. Secret one. Kept.\n\nSecret two.\n\nKept."

    assert drafting.public_text(text, ["Asked.", "Kept."]) == (
        "Asked. [REDACTED] Kept.\n\n[REDACTED]\n\nKept."
    )


def test_the_granted_part_gives_the_courts_reason_and_the_rest_the_movants(
    order_motion,
):
    reason = "only ¶ 25 states the pricing formula; ¶ 26 is general"
    item = order_motion.item("1", "¶¶ 25-26", "trade_secret")
    triage.update_items(
        None,
        [item],
        {
            "ruling": Ruling.GRANTED_IN_PART,
            "ruling_reason": reason,
            "granted_portions": "¶ 25",
        },
    )

    order = _order(order_motion)

    reasons = {
        (ruling, item.docket_ref, item.portions): item.reason
        for _, _, ruling, item in order.items()
    }
    assert reasons["granted", "#1", "¶ 25"] == reason
    assert (
        reasons["denied", "#1", "¶ 26"] == "Lumina's pricing formula and floor prices"
    )
    denial = order.standard_sections[0].ground_sections[0].denial_discussion[0]
    assert "as to ¶ 26 of the *Complaint* (#1) does not satisfy the good cause" in (
        denial
    )
    assert denial.count(reason) == 1
