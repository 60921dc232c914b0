"""The demo case: a software company suing its former business partners.

Modeled on the situation of the seed order (D. Nev. 2011): a complaint whose
paragraphs describe trade secrets, answer and counterclaims with allegations the
plaintiff calls false, a TRO motion with declarations and exhibits, a hearing
transcript, a discovery motion, and a pending joint motion to seal. Every PDF is
generated here on pleading paper, so it carries real text on real lines.

Everything is fictional. ``load_demo`` is idempotent: a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction

from filings.access import CLERK_GROUP, JUDGE_GROUP
from filings.intake import store_file
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
from filings.pdf.pleading import (
    Cover,
    Filing,
    Heading,
    NumberedParagraph,
    PageBreak,
    Paragraph,
    render_pleading,
)

DEMO_PASSWORD = "sealing-demo-2026"  # noqa: S105 - printed for the demo on purpose
CASE_NUMBER = "2:26-cv-01234-ABC-GWF"
OTHER_CASE_NUMBER = "2:26-cv-00587-RCJ-GWF"
COURT_LINE = "UNITED STATES DISTRICT COURT\nDISTRICT OF NEVADA"

PLAINTIFF = "LUMINA SOFTWARE, INC., a Nevada corporation"
DEFENDANTS = (
    "HARROW GROUP, LLC, a Delaware limited liability company; DANIEL HARROW, an "
    "individual; and MERIDIAN DATA PARTNERS, LLC"
)
CAPTION = [f"{PLAINTIFF},", "Plaintiff,", "v.", f"{DEFENDANTS},", "Defendants."]

PLAINTIFF_COUNSEL = [
    "Rebecca A. Sloane (Nev. Bar No. 8841)",
    "SLOANE & VEGA LLP",
    "3800 Howard Hughes Parkway, Suite 900",
    "Las Vegas, Nevada 89169",
    "Attorneys for Plaintiff Lumina Software, Inc.",
]
DEFENSE_COUNSEL = [
    "Marcus T. Okafor (Nev. Bar No. 10217)",
    "OKAFOR BRANDT PLLC",
    "1 East Liberty Street, Suite 600",
    "Reno, Nevada 89501",
    "Attorneys for Defendants",
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    email: str


USERS = [
    DemoUser(
        "clerk",
        "Dana",
        "Whitfield",
        "Clerk (courtroom deputy / law clerk)",
        "clerk@nvd.example",
    ),
    DemoUser("judge", "George", "Foley", "Magistrate judge", "chambers@nvd.example"),
    DemoUser(
        "lumina.attorney",
        "Rebecca",
        "Sloane",
        "Attorney for the plaintiff",
        "rsloane@sloanevega.example",
    ),
    DemoUser(
        "harrow.attorney",
        "Marcus",
        "Okafor",
        "Attorney for the defendants",
        "mokafor@okaforbrandt.example",
    ),
    DemoUser(
        "other.attorney",
        "Alice",
        "Chen",
        "Attorney in another case",
        "achen@chenlaw.example",
    ),
]


# --- the text of the filings ---------------------------------------------------------

# Paragraphs of the complaint. The ones the joint motion asks to seal (¶¶ 25-26,
# 31-34, 37-39) describe Lumina's pricing model, source code and customers.
COMPLAINT_PARAGRAPHS = {
    1: "Plaintiff Lumina Software, Inc. (\u201cLumina\u201d) brings this action to stop its former "
    "reseller and consultants from using Lumina's confidential source code, pricing and "
    "customer information to build a competing product.",
    2: "Lumina is a Nevada corporation with its principal place of business in Las Vegas, "
    "Nevada. Lumina develops and licenses analytics software used by regional hospitals "
    "and casino resorts.",
    3: "Defendant Harrow Group, LLC (\u201cHarrow Group\u201d) is a Delaware limited liability "
    "company that resold Lumina's software in eleven western states from 2022 to 2025.",
    4: "Defendant Daniel Harrow is the managing member of Harrow Group and resides in "
    "Henderson, Nevada.",
    5: "Defendant Meridian Data Partners, LLC (\u201cMeridian\u201d) is a company formed by "
    "Mr. Harrow in October 2025, after Lumina ended the reseller relationship.",
    6: "This Court has jurisdiction under 28 U.S.C. \u00a7 1331 because Lumina's claims under "
    "the Defend Trade Secrets provisions and the Lanham Act arise under federal law, and "
    "supplemental jurisdiction over the state-law claims under 28 U.S.C. \u00a7 1367.",
    7: "Venue is proper in this District because the defendants reside here and a "
    "substantial part of the events giving rise to the claims occurred here.",
}
# The factual allegations between the jurisdictional paragraphs and the claims,
# ¶¶ 8-40, around the paragraphs the joint motion asks to seal.
_COMPLAINT_FACTS = {
    8: "Lumina has invested more than nine years and substantial sums in developing its "
    "analytics platform, which it licenses under written agreements that restrict "
    "disclosure.",
    9: "Under the Reseller Agreement of March 2022, Harrow Group agreed to keep Lumina's "
    "confidential information secret and to use it only to resell Lumina's products.",
    10: "Section 9 of the Reseller Agreement requires Harrow Group, when the agreement "
    "ends, to return or destroy every copy of Lumina's confidential information and to "
    "certify in writing that it has done so.",
    11: "Section 11 forbids Harrow Group, during the agreement and for two years after it, "
    "to sell a competing product to any customer it served as Lumina's reseller.",
    12: "Lumina gave Harrow Group access to its partner portal, its price books and, for "
    "integration work, limited portions of its source code repository.",
    13: "Throughout the relationship Lumina marked its price books, technical manuals and "
    "source files as confidential and proprietary.",
    14: "From 2022 to 2025 Harrow Group resold Lumina's platform to hospitals and casino "
    "resorts across its territory and earned a commission on every renewal.",
    15: "In 2024 Mr. Harrow asked for broader repository access, stating that two hospital "
    "customers needed custom interfaces.",
    16: "Lumina granted that access for a period of ninety days under a written amendment "
    "that limited it to the interface modules.",
    17: "The amendment also required Harrow Group to keep a log of every file it "
    "downloaded. Harrow Group never delivered that log.",
    18: "In the spring of 2025 Mr. Harrow told Lumina's sales staff that Harrow Group was "
    "considering other options, and asked for the renewal dates of several customers.",
    19: "In the weeks before the agreement ended, Lumina's security team noticed unusual "
    "activity on the repository account assigned to Mr. Harrow and opened an inquiry.",
    20: "Lumina ended the Reseller Agreement on September 30, 2025, and demanded the return "
    "of all confidential materials within ten days.",
    21: "Harrow Group certified in writing that it had returned or destroyed those "
    "materials.",
    22: "That certification was false. Harrow Group kept copies of Lumina's price books, "
    "technical manuals and source files on servers it continued to control.",
    23: "Within weeks, Mr. Harrow formed Meridian and moved to it Harrow Group's customer "
    "relationships, its sales staff and the servers that held Lumina's files.",
    24: "Meridian now markets an analytics product to the same hospitals and resorts, with "
    "sales materials that describe features only Lumina's platform offers.",
    27: "Lumina does not disclose its pricing model to customers, who see only a quoted "
    "annual fee, and shares its price books only with resellers bound to keep them "
    "confidential.",
    28: "A competitor holding the pricing model and the price book could underbid Lumina "
    "for every customer coming up for renewal, at no cost to itself.",
    29: "The platform's value lies chiefly in its scoring engine, which flags billing "
    "anomalies for hospital auditors and unusual patterns of play for casino compliance "
    "staff.",
    30: "Lumina limits access to the scoring engine's source code to its own engineers "
    "and, for interface work only, to named members of a reseller's staff.",
    35: "Meridian could not have built a comparable engine in the months between its "
    "formation and its launch without Lumina's source files.",
    36: "Lumina also keeps its customer relationships confidential: who buys which modules, "
    "at what price, and when each contract comes up for renewal.",
    40: "Lumina has lost renewals, suffered price erosion and lost goodwill with customers "
    "who were told that Meridian's product is Lumina's successor.",
}
_COMPLAINT_SECRETS = {
    25: "Lumina's pricing model computes each customer's license fee from bed count, "
    "transaction volume and a regional multiplier of 1.37 for the Las Vegas market, a "
    "formula Lumina has never published.",
    26: "The price book Harrow Group retained lists Lumina's floor prices for each of its "
    "forty-two enterprise customers, including the discount of 31 percent granted to "
    "Desert Springs Regional Medical Center.",
    31: "Lumina's scoring engine ranks anomalies with a proprietary weighting algorithm, "
    "internally called QUILL, which combines seven signals in an order that took Lumina "
    "four years to tune.",
    32: "The QUILL source files that Mr. Harrow downloaded on August 14, 2025 include the "
    "module quill_weights.c and the calibration tables for hospital billing data.",
    33: "Those files disclose the exact thresholds at which QUILL flags a claim for manual "
    "review, which Lumina's customers rely on to detect billing fraud.",
    34: "Meridian's product, launched in January 2026, uses the same seven signals in the "
    "same order, with calibration tables that match Lumina's to the fourth decimal place.",
    37: "Lumina's customer list identifies the decision makers at each hospital and resort "
    "customer, their renewal dates, and the modules each has declined to buy.",
    38: "Since January 2026, Meridian has approached nineteen of those customers within "
    "sixty days of their renewal dates, offering the declined modules at a discount.",
    39: "Three customers, including the Silver Mesa Resort, have told Lumina that Meridian "
    "quoted them prices below Lumina's confidential floor prices.",
}
_COMPLAINT_CLAIMS = [
    "Lumina repeats and incorporates the allegations above.",
    "Lumina's pricing model, source code and customer information are trade secrets: they "
    "derive independent economic value from not being generally known, and Lumina takes "
    "reasonable measures to keep them secret.",
    "The defendants acquired those trade secrets under a duty to keep them secret and used "
    "them without Lumina's consent.",
    "As a direct result, Lumina has lost at least three customers and faces the loss of "
    "others, in amounts to be proven at trial.",
    "The defendants' misappropriation was willful and malicious, entitling Lumina to "
    "exemplary damages and attorney's fees.",
    "Harrow Group breached the Reseller Agreement by retaining and using Lumina's "
    "confidential information after termination.",
    "Unless enjoined, the defendants will continue to use Lumina's trade secrets, causing "
    "irreparable harm for which damages are not an adequate remedy.",
]


def complaint_paragraphs() -> dict[int, str]:
    paragraphs = dict(COMPLAINT_PARAGRAPHS)
    for number in range(8, 41):
        paragraphs[number] = _COMPLAINT_SECRETS.get(number) or _COMPLAINT_FACTS[number]
    for offset, text in enumerate(_COMPLAINT_CLAIMS):
        paragraphs[41 + offset] = text
    paragraphs[48] = (
        "Lumina is entitled to a preliminary and permanent injunction and to the return of "
        "every copy of its confidential information in the defendants' possession."
    )
    return paragraphs


# Counterclaims: ¶¶ 52-60 and 62-64 quote Lumina's contracts (confidential business
# information); ¶¶ 65 and 71 are the allegations Lumina calls false and defamatory,
# for which the joint motion's showing is only broad allegations of harm.
_ANSWER_RESPONSE = [
    "Defendants admit the allegations of this paragraph.",
    "Defendants lack knowledge or information sufficient to form a belief about the truth "
    "of the allegations of this paragraph and therefore deny them.",
    "Defendants deny the allegations of this paragraph.",
    "This paragraph states legal conclusions to which no response is required; to the "
    "extent a response is required, Defendants deny them.",
]
_COUNTERCLAIMS = {
    49: "Counter-claimant Harrow Group resold Lumina's software for three years and "
    "generated more than $4.1 million in license revenue for Lumina.",
    50: "Lumina terminated the Reseller Agreement without the ninety days' notice that "
    "section 14.2 of that agreement requires.",
    51: "Lumina then withheld commissions of $212,400 earned on renewals that Harrow Group "
    "had negotiated before the termination.",
    52: "Section 6.1 of the Reseller Agreement set Harrow Group's commission at 22 percent of "
    "first-year license fees and 9 percent of renewals.",
    53: "Lumina's confidential side letter with Desert Springs Regional Medical Center fixed "
    "that customer's renewal price at $318,000 a year through 2029.",
    54: "Lumina's agreement with Silver Mesa Resort grants the resort a most-favored-customer "
    "price that Lumina must match within thirty days of any lower offer.",
    55: "Lumina's 2025 price book lowered the floor price for casino customers by 18 percent "
    "without telling its resellers.",
    56: "Under Lumina's support terms, each hospital customer receives a four-hour response "
    "commitment priced at 14 percent of its annual fee.",
    57: "Lumina's internal margin on hospital licenses exceeded 71 percent in 2025.",
    58: "Lumina's agreement with Great Basin Health allows that customer to audit Lumina's "
    "source code escrow once a year.",
    59: "Lumina paid a competing reseller, Sierra Systems, a special commission of 30 percent "
    "on four accounts that Harrow Group had developed.",
    60: "Those four accounts were worth $1.2 million in first-year fees.",
    61: "Harrow Group performed all of its obligations under the Reseller Agreement.",
    62: "Lumina's renewal forecast for 2026 projected the loss of six named hospital "
    "customers to price competition.",
    63: "Lumina's board minutes of June 2025 record a plan to replace resellers with a direct "
    "sales team by the end of that year.",
    64: "That plan allotted $2.3 million to recruiting Harrow Group's own sales staff.",
    65: "Lumina's chief executive officer told a customer at a trade show in May 2025 that "
    "Mr. Harrow had been \u201cfired for stealing\u201d from a previous employer.",
    66: "That statement was false, and Lumina knew it was false when it was made.",
    67: "Lumina repeated similar statements to at least two other customers.",
    68: "Harrow Group lost the business of those customers as a result.",
    69: "Lumina's statements were made with malice and were not privileged.",
    70: "Harrow Group has been damaged in an amount to be proven at trial.",
    71: "Lumina's vice president of sales told the Nevada Hospital Association that Harrow "
    "Group was under criminal investigation, which was untrue.",
    72: "Lumina's conduct breached the implied covenant of good faith and fair dealing.",
    73: "Harrow Group is entitled to the commissions Lumina withheld, with interest.",
    74: "Harrow Group is entitled to damages for defamation and interference with "
    "prospective economic advantage.",
    75: "Harrow Group requests a trial by jury on all counterclaims so triable.",
}


def answer_paragraphs() -> dict[int, str]:
    paragraphs = {n: _ANSWER_RESPONSE[n % len(_ANSWER_RESPONSE)] for n in range(1, 49)}
    paragraphs.update(_COUNTERCLAIMS)
    return paragraphs


def _pleading(
    title: str, counsel: list[str], sections: list, *, cover: Cover | None = None
) -> bytes:
    return render_pleading(
        Filing(
            court=COURT_LINE,
            case_number=CASE_NUMBER,
            caption_left=CAPTION,
            title=title,
            counsel_block=counsel,
            sections=sections,
            cover=cover,
        )
    )


def _numbered(
    paragraphs: dict[int, str], footnotes: dict[int, str] | None = None
) -> list:
    footnotes = footnotes or {}
    return [
        NumberedParagraph(n, text, (footnotes[n],) if n in footnotes else ())
        for n, text in sorted(paragraphs.items())
    ]


def complaint_pdf() -> bytes:
    paragraphs = complaint_paragraphs()
    sections: list = [Heading("PARTIES, JURISDICTION AND VENUE")]
    sections += _numbered({n: t for n, t in paragraphs.items() if n <= 7})
    sections.append(Heading("FACTS COMMON TO ALL CLAIMS"))
    sections += _numbered({n: t for n, t in paragraphs.items() if 8 <= n <= 40})
    sections.append(Heading("CLAIMS FOR RELIEF"))
    sections += _numbered({n: t for n, t in paragraphs.items() if n >= 41})
    return _pleading(
        "COMPLAINT FOR MISAPPROPRIATION OF TRADE SECRETS, BREACH OF CONTRACT AND INJUNCTIVE RELIEF",
        PLAINTIFF_COUNSEL,
        sections,
    )


def answer_pdf() -> bytes:
    paragraphs = answer_paragraphs()
    sections: list = [Heading("ANSWER")]
    sections += _numbered({n: t for n, t in paragraphs.items() if n <= 48})
    sections += [PageBreak(), Heading("COUNTERCLAIMS")]
    sections += _numbered({n: t for n, t in paragraphs.items() if n >= 49})
    return _pleading("ANSWER AND COUNTERCLAIMS", DEFENSE_COUNSEL, sections)


_TRO_ARGUMENT = [
    "Lumina asks the Court to restrain the defendants from using or disclosing its pricing "
    "model, its QUILL source code and its customer information until the Court can hear a "
    "motion for a preliminary injunction.",
    "A temporary restraining order is warranted where the movant shows a likelihood of "
    "success on the merits, a likelihood of irreparable harm, that the balance of "
    "hardships tips in its favor, and that an injunction is in the public interest.",
    "Lumina is likely to succeed. The forensic review described in the Raman Declaration "
    "shows that Mr. Harrow downloaded 1,184 QUILL source files on August 14, 2025, six "
    "weeks before the termination, from an address registered to Meridian.",
    "Meridian's calibration tables match Lumina's to the fourth decimal place for every one "
    "of the 212 billing codes Lumina tested. Independent development does not produce "
    "identical constants.",
    "The harm is irreparable. Each customer Meridian takes with Lumina's floor prices is a "
    "multi-year relationship that damages cannot restore, and the disclosure of the QUILL "
    "thresholds would let billing fraud evade Lumina's customers' controls.",
    "The balance of hardships favors Lumina: the order asks only that the defendants stop "
    "using what they certified they had destroyed.",
    "The public interest favors protecting trade secrets and the integrity of hospital "
    "billing controls.",
]
_TRO_FOOTNOTES = {
    2: "Lumina does not rely on the Stipulated Protective Order for any of the relief "
    "requested here.",
    4: "The comparison tables are attached to the Raman Declaration as Exhibit 1; the "
    "thresholds themselves are filed under seal.",
}


def tro_pdf() -> bytes:
    sections: list = [
        Heading("MEMORANDUM OF POINTS AND AUTHORITIES"),
        Heading("I. INTRODUCTION"),
    ]
    for index, text in enumerate(_TRO_ARGUMENT, start=1):
        if index == 2:
            sections.append(Heading("II. ARGUMENT"))
        note = _TRO_FOOTNOTES.get(index)
        sections.append(Paragraph(text, (note,) if note else ()))
        sections.append(Paragraph(_TRO_ARGUMENT[(index + 2) % len(_TRO_ARGUMENT)]))
    return _pleading(
        "PLAINTIFF'S EMERGENCY MOTION FOR TEMPORARY RESTRAINING ORDER",
        PLAINTIFF_COUNSEL,
        sections,
        cover=Cover(
            (
                "PLAINTIFF LUMINA SOFTWARE, INC.'S",
                "EMERGENCY MOTION FOR TEMPORARY RESTRAINING ORDER",
                "AND MEMORANDUM OF POINTS AND AUTHORITIES",
                f"Case No. {CASE_NUMBER}",
                "FILED UNDER SEAL PURSUANT TO LR 10-5(b)",
            )
        ),
    )


def declaration_pdf(
    name: str, title: str, counsel: list[str], facts: list[str]
) -> bytes:
    paragraphs = {
        1: f"I am the {title}. I have personal knowledge of the facts stated in this "
        "declaration and, if called as a witness, could and would testify competently to them.",
    }
    for number, text in enumerate(facts, start=2):
        paragraphs[number] = text
    paragraphs[len(paragraphs) + 1] = (
        "I declare under penalty of perjury under the laws of the United States that the "
        "foregoing is true and correct."
    )
    sections = _numbered(paragraphs) + [Paragraph(f"/s/ {name}")]
    return _pleading(f"DECLARATION OF {name.upper()}", counsel, sections)


RAMAN_FACTS = [
    "Lumina's QUILL engine weights seven signals in a fixed order; the order and the "
    "weights are recorded only in the module quill_weights.c.",
    "On August 14, 2025, the account issued to Harrow Group downloaded 1,184 files from "
    "the QUILL repository, including quill_weights.c and all calibration tables.",
    "The download came from the address 198.51.100.23, which public registration records "
    "associate with Meridian Data Partners.",
    "I compared Meridian's published calibration tables with Lumina's. For all 212 billing "
    "codes tested, the values match to the fourth decimal place.",
    "If the QUILL thresholds became public, anyone submitting hospital claims could keep "
    "each claim just under the review threshold and avoid detection.",
    "Lumina restricts repository access to twenty-three engineers and requires two-factor "
    "authentication for every download.",
    "Lumina's price book is distributed only through the partner portal, which records "
    "every download by user and date.",
    "Replacing a lost hospital customer costs Lumina, on average, eighteen months of sales "
    "effort.",
]
HARROW_FACTS = [
    "Meridian's product was designed from published research on claims analytics, "
    "including the 2023 Hospital Billing Integrity study.",
    "The download of August 14, 2025 was made at Lumina's request, to prepare a custom "
    "interface for Great Basin Health.",
    "Meridian has never possessed Lumina's price book. Meridian's prices are set from its "
    "own costs, which are lower because it has no legacy code to maintain.",
    "Three of the nineteen customers Lumina names approached Meridian, not the other way "
    "around.",
    "Meridian's calibration tables were produced by its own engineers between November "
    "2025 and January 2026, as the commit history shows.",
]


def exhibit_pdf(title: str, paragraphs: list[str]) -> bytes:
    return render_pleading(
        Filing(
            court="",
            case_number="",
            caption_left=(),
            title=title,
            sections=[Paragraph(p) for p in paragraphs],
            line_numbers=False,
            page_number_style="page-of",
        )
    )


ARCHITECTURE_MEMO = [
    "CONFIDENTIAL \u2014 LUMINA SOFTWARE INTERNAL. QUILL scoring engine, architecture "
    "summary, revision 14.",
    "Signal order: (1) provider outlier rate, (2) code pair frequency, (3) weekend "
    "admission ratio, (4) modifier density, (5) readmission interval, (6) payer mix "
    "shift, (7) charge master drift.",
    "Weights (rev. 14): 0.31, 0.22, 0.14, 0.11, 0.09, 0.08, 0.05. Review threshold: a "
    "composite score of 0.7425 or more routes the claim to manual review.",
    "Calibration: tables are refit quarterly on de-identified claims from the six pilot "
    "hospitals; the refit procedure is described in the QUILL Operations Manual, ch. 4.",
] * 3
CUSTOMER_AGREEMENT = [
    "SOFTWARE LICENSE AND SERVICES AGREEMENT between Lumina Software, Inc. and Desert "
    "Springs Regional Medical Center.",
    "2.1 License fee. Customer shall pay an annual license fee of $318,000, which Lumina "
    "shall not increase before December 31, 2029.",
    "2.4 Discount. In consideration of Customer's reference commitment, Lumina grants a "
    "discount of 31 percent from its list price for all modules.",
    "7.2 Confidentiality. The pricing terms of this Agreement are Lumina's confidential "
    "information and shall not be disclosed to any third party.",
] * 2

TRANSCRIPT_LINES = [
    (
        "THE COURT",
        "We are on the record in Lumina Software against Harrow Group. This is "
        "the hearing on the plaintiff's emergency motion for a temporary restraining order.",
    ),
    ("MS. SLOANE", "Good morning, Your Honor. Rebecca Sloane for the plaintiff."),
    ("MR. OKAFOR", "Marcus Okafor for the defendants, Your Honor."),
    (
        "THE COURT",
        "Ms. Sloane, tell me why the calibration tables could not have been "
        "developed independently.",
    ),
    (
        "MS. SLOANE",
        "Because they match to the fourth decimal for every code we tested, "
        "and the review threshold of 0.7425 appears in Meridian's configuration file "
        "exactly as it appears in ours.",
    ),
    (
        "THE COURT",
        "Mr. Okafor, does your client dispute that the threshold is the same?",
    ),
    (
        "MR. OKAFOR",
        "We dispute its significance, Your Honor. A threshold in that range is "
        "common in the published literature.",
    ),
    ("THE COURT", "Is there any published source that uses that exact figure?"),
    ("MR. OKAFOR", "Not that exact figure, Your Honor."),
    (
        "MS. SLOANE",
        "Your Honor, the Desert Springs agreement sets a renewal price of "
        "three hundred eighteen thousand dollars, and Meridian quoted two hundred ninety "
        "thousand within a week of its renewal date.",
    ),
    (
        "THE COURT",
        "Before I take the matter under submission, let us turn to the bond. Ms. "
        "Sloane, what does the plaintiff propose?",
    ),
    (
        "MS. SLOANE",
        "A bond of fifty thousand dollars, Your Honor, which covers the defendants' "
        "costs of setting aside the disputed code for the life of the order.",
    ),
    (
        "MR. OKAFOR",
        "That figure is too low. My clients would have to suspend work for several "
        "hospital customers while the order is in place.",
    ),
    (
        "THE COURT",
        "Both sides will file short declarations on the amount of the bond by Friday, "
        "no more than five pages each.",
    ),
    (
        "MS. SLOANE",
        "Your Honor, some of the exhibits we would cite are covered by the parties' "
        "proposed protective order.",
    ),
    (
        "THE COURT",
        "Then file them under seal with a motion to seal, and file public versions "
        "with the confidential portions redacted. The parties should confer first and "
        "file one joint motion if they can.",
    ),
    ("MR. OKAFOR", "We will confer this week, Your Honor."),
    (
        "THE COURT",
        "Turning to scheduling. The parties will submit a joint discovery plan within "
        "twenty-one days, and I will set a Rule 16 conference after that.",
    ),
    (
        "MS. SLOANE",
        "The plaintiff would ask for expedited discovery limited to the defendants' "
        "source code repositories.",
    ),
    (
        "MR. OKAFOR",
        "We oppose expedited discovery, Your Honor, but we will address it in the "
        "discovery plan.",
    ),
    (
        "THE COURT",
        "Raise it there. Is there anything further from either side? Hearing nothing, "
        "I will take the matter under submission and issue a written order. We are in "
        "recess.",
    ),
    ("MR. OKAFOR", "Thank you, Your Honor."),
    ("MS. SLOANE", "Thank you, Your Honor."),
    (
        "THE COURT",
        "The proceedings concluded. I certify that the foregoing is a correct "
        "transcript from the record of proceedings in the above-entitled matter.",
    ),
]


def transcript_pdf() -> bytes:
    sections: list = [
        Heading("TRANSCRIPT OF PROCEEDINGS"),
        Heading("HEARING ON MOTION FOR TEMPORARY RESTRAINING ORDER"),
    ]
    for speaker, text in TRANSCRIPT_LINES:
        sections.append(Paragraph(f"{speaker}: {text}"))
    return _pleading(
        "TRANSCRIPT OF PROCEEDINGS",
        ["Reported by: Linda K. Ames, RMR, CRR", "Official Court Reporter"],
        sections,
    )


def simple_pdf(title: str, counsel: list[str], paragraphs: list[str]) -> bytes:
    return _pleading(title, counsel, [Paragraph(p) for p in paragraphs])


# --- the docket ----------------------------------------------------------------------


@dataclass
class DemoDocument:
    description: str
    make_pdf: object  # () -> bytes
    access: str = Access.PUBLIC


@dataclass
class DemoEntry:
    number: int
    filed_on: date
    kind: str
    text: str
    filer: str | None  # "plaintiff" | "defendant" | None for the court
    documents: list[DemoDocument] = field(default_factory=list)
    nature: str = "other"
    dispositive: bool | None = None
    dispositive_basis: str = ""


SEALED = Access.PROVISIONALLY_SEALED


def demo_docket() -> list[DemoEntry]:
    K = DocketEntry.Kind
    return [
        DemoEntry(
            1,
            date(2026, 6, 1),
            K.COMPLAINT,
            "COMPLAINT against Harrow Group, LLC, Daniel Harrow, Meridian Data Partners, LLC (Filing fee $350), filed by Lumina Software, Inc.",
            "plaintiff",
            [DemoDocument("Complaint", complaint_pdf, SEALED)],
            nature="pleading",
        ),
        DemoEntry(
            2,
            date(2026, 6, 1),
            K.OTHER,
            "SUMMONS issued as to Harrow Group, LLC, Daniel Harrow, Meridian Data Partners, LLC.",
            None,
            [
                DemoDocument(
                    "Summons",
                    lambda: simple_pdf(
                        "SUMMONS IN A CIVIL ACTION",
                        [],
                        [
                            "To the defendants: a lawsuit has been filed against you. Within 21 days after service of this summons on you, you must serve on the plaintiff an answer to the complaint or a motion under Rule 12 of the Federal Rules of Civil Procedure."
                        ],
                    ),
                )
            ],
        ),
        DemoEntry(
            12,
            date(2026, 7, 10),
            K.ANSWER,
            "ANSWER to Complaint and COUNTERCLAIM against Lumina Software, Inc. by Harrow Group, LLC, Daniel Harrow, Meridian Data Partners, LLC.",
            "defendant",
            [DemoDocument("Answer and Counterclaims", answer_pdf, SEALED)],
            nature="pleading",
        ),
        DemoEntry(
            20,
            date(2026, 8, 3),
            K.MOTION,
            "EMERGENCY MOTION for Temporary Restraining Order by Plaintiff Lumina Software, Inc. (FILED UNDER SEAL)",
            "plaintiff",
            [
                DemoDocument("Motion for Temporary Restraining Order", tro_pdf, SEALED),
                DemoDocument(
                    "Declaration of Priya Raman",
                    lambda: declaration_pdf(
                        "Priya Raman",
                        "Chief Technology Officer of Lumina Software, Inc.",
                        PLAINTIFF_COUNSEL,
                        RAMAN_FACTS,
                    ),
                    SEALED,
                ),
                DemoDocument(
                    "Exhibit 1 to Raman Declaration (QUILL architecture summary)",
                    lambda: exhibit_pdf("EXHIBIT 1", ARCHITECTURE_MEMO),
                    SEALED,
                ),
                DemoDocument(
                    "Exhibit 2 to Raman Declaration (Desert Springs license agreement)",
                    lambda: exhibit_pdf("EXHIBIT 2", CUSTOMER_AGREEMENT),
                    SEALED,
                ),
            ],
            nature="tro_pi",
            dispositive=True,
            dispositive_basis="A motion for a temporary restraining order seeks relief that is more than tangentially related to the merits of the trade-secret claims.",
        ),
        DemoEntry(
            24,
            date(2026, 8, 10),
            K.OPPOSITION,
            "RESPONSE in Opposition to Motion for Temporary Restraining Order filed by Defendants.",
            "defendant",
            [
                DemoDocument(
                    "Opposition to Motion for Temporary Restraining Order",
                    lambda: simple_pdf(
                        "DEFENDANTS' OPPOSITION TO MOTION FOR TEMPORARY RESTRAINING ORDER",
                        DEFENSE_COUNSEL,
                        [t for _, t in TRANSCRIPT_LINES[3:9]] + HARROW_FACTS,
                    ),
                    SEALED,
                ),
                DemoDocument(
                    "Declaration of Daniel Harrow",
                    lambda: declaration_pdf(
                        "Daniel Harrow",
                        "managing member of Harrow Group, LLC",
                        DEFENSE_COUNSEL,
                        HARROW_FACTS,
                    ),
                    SEALED,
                ),
            ],
            nature="tro_pi",
            dispositive=True,
        ),
        DemoEntry(
            27,
            date(2026, 8, 13),
            K.REPLY,
            "REPLY in Support of Motion for Temporary Restraining Order filed by Plaintiff.",
            "plaintiff",
            [
                DemoDocument(
                    "Reply in Support of Motion for Temporary Restraining Order",
                    lambda: simple_pdf(
                        "PLAINTIFF'S REPLY IN SUPPORT OF MOTION FOR TEMPORARY RESTRAINING ORDER",
                        PLAINTIFF_COUNSEL,
                        _TRO_ARGUMENT[2:6] + RAMAN_FACTS[3:6],
                    ),
                    SEALED,
                )
            ],
            nature="tro_pi",
            dispositive=True,
        ),
        DemoEntry(
            30,
            date(2026, 8, 20),
            K.TRANSCRIPT,
            "TRANSCRIPT of Proceedings: Hearing on Motion for Temporary Restraining Order held on 8/17/2026.",
            None,
            [
                DemoDocument(
                    "Transcript of hearing of August 17, 2026", transcript_pdf, SEALED
                )
            ],
            nature="tro_pi",
            dispositive=True,
        ),
        DemoEntry(
            33,
            date(2026, 9, 8),
            K.MOTION,
            "MOTION to Compel Production of Source Code Commit History by Plaintiff Lumina Software, Inc.",
            "plaintiff",
            [
                DemoDocument(
                    "Motion to Compel",
                    lambda: simple_pdf(
                        "PLAINTIFF'S MOTION TO COMPEL PRODUCTION OF SOURCE CODE COMMIT HISTORY",
                        PLAINTIFF_COUNSEL,
                        HARROW_FACTS[4:] + RAMAN_FACTS[:3],
                    ),
                ),
                DemoDocument(
                    "Declaration of Rebecca A. Sloane",
                    lambda: declaration_pdf(
                        "Rebecca A. Sloane",
                        "counsel of record for Lumina Software, Inc.",
                        PLAINTIFF_COUNSEL,
                        RAMAN_FACTS[1:5],
                    ),
                    SEALED,
                ),
            ],
            nature="discovery",
            dispositive=False,
        ),
        DemoEntry(
            40,
            date(2026, 9, 21),
            K.OTHER,
            "STIPULATED PROTECTIVE ORDER.",
            None,
            [
                DemoDocument(
                    "Stipulated Protective Order",
                    lambda: simple_pdf(
                        "STIPULATED PROTECTIVE ORDER",
                        [],
                        [
                            "The parties may designate as CONFIDENTIAL any material that they in good faith believe contains trade secrets or other confidential research, development or commercial information.",
                            "A designation under this Order does not by itself establish that material may be filed under seal. A party seeking to file designated material under seal must comply with Local Rule 10-5(b) and the standards of Kamakana v. City and County of Honolulu.",
                        ],
                    ),
                )
            ],
        ),
        DemoEntry(
            45,
            date(2026, 11, 6),
            K.MOTION_TO_SEAL,
            "JOINT MOTION to Seal or Redact Portions of Docket Entries 1, 12, 20, 24, 27, 30 and 33 by all parties.",
            "plaintiff",
            [
                DemoDocument(
                    "Joint Motion to Seal or Redact",
                    lambda: simple_pdf(
                        "JOINT MOTION TO SEAL OR REDACT",
                        PLAINTIFF_COUNSEL + DEFENSE_COUNSEL[:2],
                        [
                            "The parties jointly move to seal or redact the portions of the filings listed in the attached table, which contain trade secrets, confidential business information and allegations that the parties agree could be used for libel.",
                            "For each item, the table names the document, the docket number, the portion and the reason, and cites the declaration that supports the request.",
                        ],
                    ),
                ),
                DemoDocument(
                    "Declaration of Priya Raman in Support of Joint Motion to Seal",
                    lambda: declaration_pdf(
                        "Priya Raman",
                        "Chief Technology Officer of Lumina Software, Inc.",
                        PLAINTIFF_COUNSEL,
                        RAMAN_FACTS[4:],
                    ),
                ),
                DemoDocument(
                    "Proposed Order",
                    lambda: simple_pdf(
                        "[PROPOSED] ORDER GRANTING JOINT MOTION TO SEAL",
                        PLAINTIFF_COUNSEL,
                        [
                            "Having considered the Joint Motion to Seal and the supporting declaration, and good cause and compelling reasons appearing, the Court GRANTS the motion."
                        ],
                    ),
                ),
            ],
            nature="procedural",
            dispositive=False,
        ),
    ]


# --- loading -------------------------------------------------------------------------


def _user(spec: DemoUser, group: str | None) -> User:
    user, created = User.objects.get_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": spec.email,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


# The clerk's office sets up courts, judges, cases, parties, counsel and users in the
# admin site; filings, files and the audit log are read-only there.
SETUP_MODELS = ["court", "judge", "case", "party", "counselofrecord", "user"]
READ_ONLY_MODELS = ["docketentry", "document", "documentfile", "auditevent"]


def _grant_setup_permissions(group: Group) -> None:
    codenames = [
        f"{action}_{model}"
        for model in SETUP_MODELS
        for action in ("add", "change", "view")
    ]
    codenames += [f"view_{model}" for model in READ_ONLY_MODELS]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))


@transaction.atomic
def load_demo() -> Case:
    clerk = _user(USERS[0], CLERK_GROUP)
    judge_user = _user(USERS[1], JUDGE_GROUP)
    plaintiff_user = _user(USERS[2], None)
    defense_user = _user(USERS[3], None)
    other_user = _user(USERS[4], None)
    clerk.is_staff = True
    clerk.save(update_fields=["is_staff"])
    _grant_setup_permissions(Group.objects.get(name=CLERK_GROUP))

    court, _ = Court.objects.get_or_create(
        abbreviation="D. Nev.",
        defaults={
            "name": "United States District Court",
            "district": "District of Nevada",
            "circuit_profile": "ninth-label",
            "counsel_may_view_sealed": True,
            "redaction_days": 14,
            "pleading_paper": True,
            "holiday_state": "NV",
        },
    )
    judge, _ = Judge.objects.get_or_create(
        court=court,
        initials="GWF",
        defaults={
            "name": "George W. Foley, Jr.",
            "title": "United States Magistrate Judge",
            "user": judge_user,
        },
    )
    case, created = Case.objects.get_or_create(
        court=court,
        number=CASE_NUMBER,
        defaults={
            "caption": "Lumina Software, Inc. v. Harrow Group, LLC et al.",
            "assigned_judge": judge,
            "filed_on": date(2026, 6, 1),
        },
    )
    if created:
        parties = {
            "plaintiff": Party.objects.create(
                case=case, name="Lumina Software, Inc.", role=Party.Role.PLAINTIFF
            ),
            "defendant": Party.objects.create(
                case=case, name="Harrow Group, LLC", role=Party.Role.DEFENDANT
            ),
        }
        Party.objects.create(case=case, name="Daniel Harrow", role=Party.Role.DEFENDANT)
        Party.objects.create(
            case=case, name="Meridian Data Partners, LLC", role=Party.Role.DEFENDANT
        )
        CounselOfRecord.objects.create(
            case=case,
            party=parties["plaintiff"],
            user=plaintiff_user,
            firm="Sloane & Vega LLP",
        )
        CounselOfRecord.objects.create(
            case=case,
            party=parties["defendant"],
            user=defense_user,
            firm="Okafor Brandt PLLC",
        )
        filers = {"plaintiff": plaintiff_user, "defendant": defense_user}
        entries: dict[int, DocketEntry] = {}
        for spec in demo_docket():
            entry = DocketEntry.objects.create(
                case=case,
                number=spec.number,
                filed_on=spec.filed_on,
                filed_by=filers.get(spec.filer or ""),
                filer=parties.get(spec.filer or ""),
                text=spec.text,
                kind=spec.kind,
                nature=spec.nature,
                dispositive=spec.dispositive,
                dispositive_basis=spec.dispositive_basis,
                relates_to=entries.get(20) if spec.number in (24, 27, 30) else None,
            )
            entries[spec.number] = entry
            for attachment_number, doc in enumerate(spec.documents):
                document = Document.objects.create(
                    entry=entry,
                    attachment_number=attachment_number,
                    description=doc.description,
                    access=doc.access,
                )
                store_file(
                    document,
                    DocumentFile.Role.ORIGINAL,
                    doc.make_pdf(),
                    uploaded_by=filers.get(spec.filer or ""),
                    original_name=f"{doc.description.replace(' ', '_')}_FINAL_v3.pdf",
                )
    _load_other_case(court, judge, other_user)
    _load_motion(case)
    return case


def _load_other_case(court: Court, judge: Judge, attorney: User) -> None:
    case, created = Case.objects.get_or_create(
        court=court,
        number=OTHER_CASE_NUMBER,
        defaults={
            "caption": "Silver Mesa Resort, LLC v. Coyote Ridge Holdings, Inc.",
            "assigned_judge": judge,
            "filed_on": date(2026, 4, 18),
        },
    )
    if not created:
        return
    party = Party.objects.create(
        case=case, name="Silver Mesa Resort, LLC", role=Party.Role.PLAINTIFF
    )
    Party.objects.create(
        case=case, name="Coyote Ridge Holdings, Inc.", role=Party.Role.DEFENDANT
    )
    CounselOfRecord.objects.create(
        case=case, party=party, user=attorney, firm="Chen Law Group"
    )
    for number, text, access, body in [
        (
            1,
            "COMPLAINT for breach of contract filed by Silver Mesa Resort, LLC.",
            Access.PUBLIC,
            "Silver Mesa Resort brings this action for breach of a hotel management agreement.",
        ),
        (
            9,
            "SEALED DECLARATION of Coyote Ridge Holdings' chief financial officer.",
            Access.SEALED,
            "The resort's occupancy fell to 41 percent in the first quarter, and its lender has declared a default that is not public.",
        ),
    ]:
        entry = DocketEntry.objects.create(
            case=case,
            number=number,
            filed_on=date(2026, 4, 18),
            filed_by=attorney,
            filer=party,
            text=text,
            kind=DocketEntry.Kind.OTHER,
        )
        document = Document.objects.create(
            entry=entry, description=text.split(" filed")[0].title(), access=access
        )
        store_file(
            document,
            DocumentFile.Role.ORIGINAL,
            simple_pdf(text, [], [body]),
            uploaded_by=attorney,
            original_name="declaration_cfo_confidential.pdf",
        )


def _load_motion(case: Case) -> None:
    """The pending joint motion to seal and its items, from the sealing app."""
    from sealing.demo import load_demo_motion

    load_demo_motion(case)
