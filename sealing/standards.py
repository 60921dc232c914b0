"""Which sealing standard applies to a filing, held as per-circuit data.

A court picks a *profile* (``PROFILES``). Each profile is a small decision table: an
ordered tuple of ``Rule`` rows, the first row whose test matches the filing's facts
decides the standard. ``determine`` is the only function that reads the table, so adding
a circuit (or a district's local variant) means adding data, not ``if`` statements.

Pure Python: no Django, no ORM, no I/O. The legal text here feeds the clerk's checklist
and the draft order's legal-standard section. Quotations are limited to passages the seed
order quotes (plus Lugosch's First Amendment test, as other filings quote it); the rest
is paraphrase with pinpoint citations, which should be cite-checked before real use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class _LabelledChoice(StrEnum):
    """A string enum whose members carry a human label, ready for Django ``choices``."""

    label: str

    def __new__(cls, value: str, label: str) -> _LabelledChoice:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class Standard(_LabelledChoice):
    TRADITIONALLY_SECRET = (
        "traditionally_secret",
        "Traditionally kept secret (no right of access)",
    )
    NO_PRESUMPTION = (
        "no_presumption",
        "Not a judicial document (no presumption of access)",
    )
    GOOD_CAUSE = ("good_cause", "Good cause (Fed. R. Civ. P. 26(c))")
    COMPELLING_REASONS = ("compelling_reasons", "Compelling reasons")
    PRESUMPTION_WEIGHED = (
        "presumption_weighed",
        "Presumption of access weighed against countervailing interests",
    )
    FIRST_AMENDMENT = (
        "first_amendment",
        "Strongest presumption of access (common law and First Amendment)",
    )
    COMMON_LAW_ACCESS = (
        "common_law_access",
        "Common-law right of access (clearly defined and serious injury)",
    )
    BONA_FIDE_CONFIDENTIALITY = (
        "bona_fide_confidentiality",
        "Trade secret or other bona fide long-term confidentiality",
    )


class FilingNature(_LabelledChoice):
    SUMMARY_JUDGMENT = ("summary_judgment", "Summary judgment")
    TRIAL = ("trial", "Trial")
    TRO_PI = ("tro_pi", "Temporary restraining order or preliminary injunction")
    DISMISSAL = ("dismissal", "Motion to dismiss or for judgment on the pleadings")
    DISCOVERY = ("discovery", "Discovery motion")
    IN_LIMINE = ("in_limine", "Motion in limine")
    PROCEDURAL = ("procedural", "Procedural motion (scheduling, extension, ...)")
    PLEADING = ("pleading", "Pleading (complaint, answer, counterclaims)")
    OTHER = ("other", "Other filing")
    GRAND_JURY = ("grand_jury", "Grand-jury material")
    PRE_INDICTMENT_WARRANT = (
        "pre_indictment_warrant",
        "Warrant papers before indictment",
    )


# How a determination names the filing when the caller gives no description.
_NATURE_NOUNS: Mapping[FilingNature, str] = MappingProxyType(
    {
        FilingNature.SUMMARY_JUDGMENT: "the motion for summary judgment",
        FilingNature.TRIAL: "the trial material",
        FilingNature.TRO_PI: (
            "the motion for a temporary restraining order or preliminary injunction"
        ),
        FilingNature.DISMISSAL: "the motion to dismiss",
        FilingNature.DISCOVERY: "the discovery motion",
        FilingNature.IN_LIMINE: "the motion in limine",
        FilingNature.PROCEDURAL: "the procedural motion",
        FilingNature.PLEADING: "the pleading",
        FilingNature.OTHER: "the filing",
        FilingNature.GRAND_JURY: "the grand-jury material",
        FilingNature.PRE_INDICTMENT_WARRANT: "the pre-indictment warrant material",
    }
)

_SECRET_NATURES = frozenset(
    {FilingNature.GRAND_JURY, FilingNature.PRE_INDICTMENT_WARRANT}
)
# Summary judgment and trial *are* the merits; a docket label saying otherwise is a
# data-entry error that must be corrected, not silently obeyed or overruled.
_ALWAYS_DISPOSITIVE = frozenset({FilingNature.SUMMARY_JUDGMENT, FilingNature.TRIAL})


class Ground(_LabelledChoice):
    TRADE_SECRET = (
        "trade_secret",
        "Trade secrets and confidential business information",
    )
    PRIVILEGE = ("privilege", "Attorney-client privilege or work product")
    PRIVACY = ("privacy", "Personal privacy, including Rule 5.2 identifiers")
    DEFAMATORY = (
        "defamatory",
        "Admittedly inaccurate allegations that could be used for libel",
    )
    LAW_ENFORCEMENT = (
        "law_enforcement",
        "Law-enforcement or investigative interests",
    )
    PREVIOUSLY_SEALED = ("previously_sealed", "Already sealed by an earlier order")
    OTHER = ("other", "Other (explain)")


@dataclass(frozen=True)
class FilingFacts:
    """What the clerk knows about the filing an item belongs to.

    ``dispositive`` is the docket's label (None: not marked). ``merits_related`` is
    whether the filing is more than tangentially related to the merits (None: not yet
    decided). ``judicial_document`` is the circuit's threshold question: relevant to
    and useful in the judicial function (2d Cir.), filed with or incorporated into the
    adjudication (3d Cir.), influences or underpins a decision (7th Cir.).
    """

    nature: FilingNature
    dispositive: bool | None = None
    merits_related: bool | None = None
    judicial_document: bool = True
    traditionally_secret: bool = False

    def __post_init__(self) -> None:
        try:
            nature = FilingNature(self.nature)
        except ValueError:
            known = ", ".join(member.value for member in FilingNature)
            raise ValueError(
                f"Unknown filing nature {self.nature!r}; expected one of: {known}."
            ) from None
        object.__setattr__(self, "nature", nature)
        for name in ("dispositive", "merits_related"):
            if getattr(self, name) not in (True, False, None):
                raise ValueError(f"{name} must be True, False or None (not marked).")
        for name in ("judicial_document", "traditionally_secret"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False.")
        if nature in _ALWAYS_DISPOSITIVE and self.dispositive is False:
            raise ValueError(
                f"{nature.label} papers cannot be marked non-dispositive; correct the "
                "docket label or the filing's nature."
            )

    @property
    def is_traditionally_secret(self) -> bool:
        return self.traditionally_secret or self.nature in _SECRET_NATURES


@dataclass(frozen=True)
class Finding:
    """One line of the checklist the clerk completes before recommending a ruling."""

    code: str
    text: str


@dataclass(frozen=True)
class Determination:
    standard: Standard
    explanation: str
    findings: tuple[Finding, ...]
    profile: str


@dataclass(frozen=True)
class Authority:
    citation: str
    rule: str

    def __str__(self) -> str:
        return f"{self.citation} ({self.rule})"


class Check(StrEnum):
    """The fact a decision-table row examines."""

    TRADITIONALLY_CLOSED = "traditionally_closed"
    NOT_JUDICIAL_DOCUMENT = "not_judicial_document"
    NATURE = "nature"
    LABELLED_DISPOSITIVE = "labelled_dispositive"
    LABELLED_NON_DISPOSITIVE = "labelled_non_dispositive"
    UNLABELLED_NATURE = "unlabelled_nature"
    MERITS_RELATED = "merits_related"
    NOT_MERITS_RELATED = "not_merits_related"
    MERITS_UNKNOWN_NATURE = "merits_unknown_nature"
    OTHERWISE = "otherwise"


@dataclass(frozen=True)
class Rule:
    """One row of a profile's decision table.

    ``sentence`` is the reasoning a judge could sign, with ``{document}`` standing for
    the filing; ``authority`` is the citation sentence that follows it.
    """

    check: Check
    standard: Standard
    sentence: str
    authority: str
    natures: frozenset[FilingNature] = frozenset()

    def matches(self, facts: FilingFacts) -> bool:
        match self.check:
            case Check.TRADITIONALLY_CLOSED:
                return facts.is_traditionally_secret
            case Check.NOT_JUDICIAL_DOCUMENT:
                return not facts.judicial_document
            case Check.NATURE:
                return facts.nature in self.natures
            case Check.LABELLED_DISPOSITIVE:
                return facts.dispositive is True
            case Check.LABELLED_NON_DISPOSITIVE:
                return facts.dispositive is False
            case Check.UNLABELLED_NATURE:
                return facts.dispositive is None and facts.nature in self.natures
            case Check.MERITS_RELATED:
                return facts.merits_related is True
            case Check.NOT_MERITS_RELATED:
                return facts.merits_related is False
            case Check.MERITS_UNKNOWN_NATURE:
                return facts.merits_related is None and facts.nature in self.natures
            case Check.OTHERWISE:
                return True
        raise AssertionError(f"unhandled check {self.check!r}")  # pragma: no cover


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    circuit: str
    description: str
    authorities: tuple[Authority, ...]
    standard_texts: Mapping[Standard, str]
    findings: Mapping[Standard, tuple[Finding, ...]]
    accepted_grounds: Mapping[Standard, frozenset[Ground]]
    rules: tuple[Rule, ...]
    # Said when no row decides: which fact the clerk must record first.
    missing_fact: str = ""

    @property
    def standards(self) -> tuple[Standard, ...]:
        """The standards this profile can produce, in decision-table order."""
        return tuple(dict.fromkeys(rule.standard for rule in self.rules))

    def accepts(self, standard: Standard, ground: Ground) -> bool:
        """Whether ``ground``, properly shown, can satisfy ``standard`` here.

        ``Ground.OTHER`` is never accepted categorically: the clerk must explain it.
        """
        if standard not in self.accepted_grounds:
            raise ValueError(f"The {self.name} profile does not use {standard.label}.")
        return ground in self.accepted_grounds[standard]


class MissingFact(ValueError):
    """The profile needs a fact the clerk has not recorded yet."""


def determine(
    profile_code: str, facts: FilingFacts, *, document: str | None = None
) -> Determination:
    """The standard that governs sealing ``facts``'s filing under the given profile.

    ``document`` names the filing in the explanation ("the Reply in Support of TRO
    Motion (#89)"); by default the filing's nature is used.
    """
    profile = get_profile(profile_code)
    if not isinstance(facts, FilingFacts):
        raise TypeError("facts must be a FilingFacts.")
    name = document.strip() if document and document.strip() else None
    name = name or _NATURE_NOUNS[facts.nature]
    for rule in profile.rules:
        if rule.matches(facts):
            return Determination(
                standard=rule.standard,
                explanation=f"{rule.sentence.format(document=name)} {rule.authority}",
                findings=profile.findings[rule.standard],
                profile=profile.code,
            )
    raise MissingFact(profile.missing_fact.format(document=name))


# --- Findings checklists -------------------------------------------------------------

_NARROW = Finding(
    "narrowly_tailored",
    "Narrowly tailored: the request redacts the harmful portion (paragraphs, lines, "
    "a footnote) rather than sealing the whole document.",
)
_DOCUMENT_BY_DOCUMENT = Finding(
    "document_by_document",
    "Finding made for this document (and portion) specifically, not for the motion "
    "or a category of documents as a whole.",
)
_SPECIFIC_HARM = Finding(
    "specific_harm",
    "Specific harm identified: what disclosure would cause, with examples or "
    "articulated reasoning, not broad allegations of harm.",
)
_SECRET_FINDINGS = (
    Finding(
        "secret_category",
        "The material belongs to a category traditionally kept secret "
        "(grand-jury material; warrant papers before indictment).",
    ),
    Finding(
        "secrecy_still_needed",
        "The reason for secrecy still holds (e.g. no indictment yet; the matter has "
        "not already been made public).",
    ),
)
_NINTH_FINDINGS: Mapping[Standard, tuple[Finding, ...]] = MappingProxyType(
    {
        Standard.TRADITIONALLY_SECRET: _SECRET_FINDINGS,
        Standard.GOOD_CAUSE: (
            Finding(
                "particularized_showing",
                "Particularized showing for this document: why this portion, not the "
                "filing in general, needs protection.",
            ),
            _SPECIFIC_HARM,
            Finding(
                "declaration",
                "Supported by a declaration from someone with personal knowledge "
                "(cite it by docket number and paragraph).",
            ),
            _NARROW,
        ),
        Standard.COMPELLING_REASONS: (
            Finding(
                "specific_facts",
                "Specific factual findings support the reason, not hypothesis or "
                "conjecture.",
            ),
            Finding(
                "reason_category",
                "Reason category named: trade secret or business information that "
                "could harm competitive standing, material that could be used for "
                "scandal or libel, privileged material, personal privacy, or another "
                "compelling reason stated.",
            ),
            Finding(
                "outweighs_public_interest",
                "Why the reason outweighs the public's interest in understanding the "
                "judicial process and the general history of access.",
            ),
            _NARROW,
        ),
    }
)
_JUDICIAL_DOCUMENT_2D = Finding(
    "judicial_document",
    "Judicial document: the paper is relevant to the performance of the judicial "
    "function and useful in the judicial process.",
)
_COUNTERVAILING_2D = Finding(
    "countervailing_interests",
    "Countervailing interests named and weighed: privacy of those resisting "
    "disclosure, law enforcement or judicial efficiency, competitive harm.",
)
_SECOND_FINDINGS: Mapping[Standard, tuple[Finding, ...]] = MappingProxyType(
    {
        Standard.TRADITIONALLY_SECRET: _SECRET_FINDINGS,
        Standard.NO_PRESUMPTION: (
            Finding(
                "not_judicial_document",
                "Why the paper is not a judicial document: it is not relevant to the "
                "judicial function or useful in the judicial process (being filed is "
                "not enough).",
            ),
            Finding(
                "confidentiality_basis",
                "The basis for keeping it confidential (e.g. the protective order) "
                "is recorded.",
            ),
        ),
        Standard.FIRST_AMENDMENT: (
            _JUDICIAL_DOCUMENT_2D,
            Finding(
                "weight_strongest",
                "Weight of the presumption: strongest, because the paper bears on "
                "adjudication (summary-judgment papers keep that weight even if the "
                "motion was denied).",
            ),
            _COUNTERVAILING_2D,
            Finding(
                "higher_values",
                "First Amendment: an on-the-record finding that sealing is essential "
                "to preserve higher values.",
            ),
            _NARROW,
            _DOCUMENT_BY_DOCUMENT,
        ),
        Standard.PRESUMPTION_WEIGHED: (
            _JUDICIAL_DOCUMENT_2D,
            Finding(
                "weight_lesser",
                "Weight of the presumption: lesser but real, as for discovery and "
                "in-limine papers; state where on the continuum this paper falls.",
            ),
            _COUNTERVAILING_2D,
            _NARROW,
            _DOCUMENT_BY_DOCUMENT,
        ),
    }
)
_PANSY_GOOD_CAUSE = (
    Finding(
        "serious_injury",
        "Disclosure would work a clearly defined and serious injury, shown "
        "specifically.",
    ),
    Finding(
        "pansy_factors",
        "Pansy factors weighed: privacy interests, legitimate purpose of disclosure, "
        "embarrassment, public health and safety, fairness and efficiency, public "
        "entity or official, public interest.",
    ),
    _NARROW,
)
_THIRD_FINDINGS: Mapping[Standard, tuple[Finding, ...]] = MappingProxyType(
    {
        Standard.TRADITIONALLY_SECRET: _SECRET_FINDINGS,
        Standard.GOOD_CAUSE: _PANSY_GOOD_CAUSE,
        Standard.COMMON_LAW_ACCESS: (
            Finding(
                "kind_courts_protect",
                "The material is the kind of information courts protect (e.g. trade "
                "secrets, personal privacy).",
            ),
            Finding(
                "clearly_defined_injury",
                "Disclosure would work a clearly defined and serious injury to the "
                "movant, with specific examples or articulated reasoning.",
            ),
            Finding(
                "compelling_countervailing_interest",
                "The compelling countervailing interest is stated and outweighs the "
                "presumption of access.",
            ),
            Finding(
                "third_parties_heard",
                "Interested third parties had an opportunity to be heard.",
            ),
            _DOCUMENT_BY_DOCUMENT,
            _NARROW,
        ),
        Standard.FIRST_AMENDMENT: (
            Finding(
                "overriding_interest",
                "An overriding interest, found on the record, that closure is "
                "essential to preserve higher values.",
            ),
            _DOCUMENT_BY_DOCUMENT,
            _NARROW,
        ),
    }
)
_SEVENTH_FINDINGS: Mapping[Standard, tuple[Finding, ...]] = MappingProxyType(
    {
        Standard.TRADITIONALLY_SECRET: _SECRET_FINDINGS,
        Standard.GOOD_CAUSE: (
            Finding(
                "independent_good_cause",
                "The judge's own finding of good cause for this document, not a "
                "party's designation or stipulation.",
            ),
            _SPECIFIC_HARM,
            _NARROW,
        ),
        Standard.BONA_FIDE_CONFIDENTIALITY: (
            Finding(
                "bona_fide_confidentiality",
                "The document is a trade secret or falls in another category of bona "
                "fide long-term confidentiality, explained with reasons and legal "
                "citations.",
            ),
            Finding(
                "not_agreement_alone",
                "The reason does not rest on the parties' agreement or a "
                "protective-order designation.",
            ),
            Finding(
                "separated_from_public_papers",
                "Genuinely secret papers are separated from others in the same "
                "exhibit that can be released without risk (no generic request).",
            ),
            _NARROW,
        ),
    }
)

# --- Which grounds can satisfy which standard ----------------------------------------

_ALL_GROUNDS = frozenset(Ground) - {Ground.OTHER}
# An earlier sealing order made under a lower standard does not carry over to a higher
# one, so "previously sealed" only helps where the standard is good cause or lower.
_SUBSTANTIVE = frozenset(
    {
        Ground.TRADE_SECRET,
        Ground.PRIVILEGE,
        Ground.PRIVACY,
        Ground.DEFAMATORY,
        Ground.LAW_ENFORCEMENT,
    }
)
_NO_SHOWING = frozenset(Ground)

# --- Citations -----------------------------------------------------------------------

_KAMAKANA = "Kamakana v. City & County of Honolulu, 447 F.3d 1172"
_PINTOS = "Pintos v. Pac. Creditors Ass'n, 565 F.3d 1106"
_CAS = "Ctr. for Auto Safety v. Chrysler Grp., LLC, 809 F.3d 1092"
_DISH = "Dish Network L.L.C. v. Sonicview USA, Inc., 2009 WL 2224596"
_BECKMAN = "Beckman Indus., Inc. v. Int'l Ins. Co., 966 F.2d 470"
_FOLTZ = "Foltz v. State Farm Mut. Auto. Ins. Co., 331 F.3d 1122"
_LUGOSCH = "Lugosch v. Pyramid Co. of Onondaga, 435 F.3d 110"
_BROWN = "Brown v. Maxwell, 929 F.3d 41"
_AMODEO_I = "United States v. Amodeo, 44 F.3d 141"
_AMODEO_II = "United States v. Amodeo, 71 F.3d 1044"
_BERNSTEIN = "Bernstein v. Bernstein Litowitz Berger & Grossmann LLP, 814 F.3d 132"
_AVANDIA = "In re Avandia Mktg., Sales Pracs. & Prods. Liab. Litig., 924 F.3d 662"
_LEUCADIA = "Leucadia, Inc. v. Applied Extrusion Techs., Inc., 998 F.2d 157"
_PANSY = "Pansy v. Borough of Stroudsburg, 23 F.3d 772"
_PUBLICKER = "Publicker Indus., Inc. v. Cohen, 733 F.2d 1059"
_BAXTER = "Baxter Int'l, Inc. v. Abbott Lab'ys, 297 F.3d 544"
_CITIZENS_FIRST = (
    "Citizens First Nat'l Bank of Princeton v. Cincinnati Ins. Co., 178 F.3d 943"
)
_PRESS_ENTERPRISE = "Press-Enter. Co. v. Superior Ct., 478 U.S. 1"
_DOUGLAS_OIL = "Douglas Oil Co. of Cal. v. Petrol Stops Nw., 441 U.S. 211"

# Case names and their signals are italicised in the order (the *...* markup of
# sealing.orders). The legal texts below are written plain and marked once, by
# _in_court_style, so that the decision table's sentences stay plain text.
_CASE_NAMES = (
    *(
        re.split(r", (?=\d)", citation, maxsplit=1)[0]
        for citation in (
            _KAMAKANA,
            _PINTOS,
            _CAS,
            _DISH,
            _BECKMAN,
            _FOLTZ,
            _LUGOSCH,
            _BROWN,
            _AMODEO_I,
            _BERNSTEIN,
            _AVANDIA,
            _LEUCADIA,
            _PANSY,
            _PUBLICKER,
            _BAXTER,
            _CITIZENS_FIRST,
            _PRESS_ENTERPRISE,
            _DOUGLAS_OIL,
        )
    ),
    "San Jose Mercury News, Inc. v. U.S. Dist. Ct.",
    "Phillips ex rel. Estates of Byrd v. Gen. Motors Corp.",
    "Times Mirror Co. v. United States",
    "In re Cendant Corp.",
    # Short forms, after a full citation.
    "Kamakana",
    "Beckman Indus.",
    "Beckman",
    "Pintos",
    "Dish Network",
    "Lugosch",
    "Brown",
    "Id.",
)
_CASE_NAME = re.compile(
    r"(?<![\w*])("
    + "|".join(re.escape(name) for name in sorted(_CASE_NAMES, key=len, reverse=True))
    + r")(?![\w*])"
)
# A signal before a case name is italicised with it: "*See Foltz v. ...*".
_SIGNAL = re.compile(r"(?<![\w*])(See also|see also|See|see) \*")


def in_court_style(text: str) -> str:
    """``text`` with the case names this module cites, and their signals, in
    italics; names already marked are left alone."""
    return _SIGNAL.sub(r"*\1 ", _CASE_NAME.sub(r"*\1*", text))


def _in_court_style(texts: Mapping[Standard, str]) -> Mapping[Standard, str]:
    """The legal-standard texts with case names and signals in italics."""
    return MappingProxyType(
        {standard: in_court_style(text) for standard, text in texts.items()}
    )


_GRAND_JURY_SECRET = Rule(
    Check.TRADITIONALLY_CLOSED,
    Standard.TRADITIONALLY_SECRET,
    "Because {document} belongs to a category of proceedings that works only if kept "
    "secret, no right of access attaches and it remains sealed.",
    f"{_PRESS_ENTERPRISE}, 9 (1986); {_DOUGLAS_OIL}, 218-19 (1979); "
    "Fed. R. Crim. P. 6(e).",
)
_GRAND_JURY_TEXT = (
    "Some proceedings work only if they are kept secret; grand-jury proceedings are "
    "the classic example, and no right of access attaches to them. "
    f"{_PRESS_ENTERPRISE}, 9 (1986); {_DOUGLAS_OIL}, 218-19 (1979); "
    "Fed. R. Crim. P. 6(e). Warrant papers "
    "in an investigation that has not led to an indictment are likewise kept sealed "
    "while the investigation remains secret. Such material remains sealed without a "
    "further showing."
)

# --- Ninth Circuit -------------------------------------------------------------------

_NINTH_SECRET = Rule(
    Check.TRADITIONALLY_CLOSED,
    Standard.TRADITIONALLY_SECRET,
    "Because {document} belongs to a category of material traditionally kept secret, "
    "no right of access attaches and it remains sealed.",
    f"{_KAMAKANA}, 1178 (9th Cir. 2006) (citing Times Mirror Co. v. United States, "
    "873 F.2d 1210, 1219 (9th Cir. 1989)).",
)
_NINTH_GOOD_CAUSE_TEXT = (
    "A party seeking to seal material attached to a non-dispositive motion need only "
    f"show good cause under Fed. R. Civ. P. 26(c). {_KAMAKANA}, 1179-80 (9th Cir. "
    "2006). That requires a \u201cparticularized showing of good cause with respect "
    "to any individual document.\u201d San Jose Mercury News, Inc. v. U.S. Dist. Ct., "
    "187 F.3d 1096, 1102 (9th Cir. 1999). \u201c[B]road allegations of harm, "
    "unsubstantiated by specific examples or articulated reasoning, do not satisfy "
    f"the Rule 26(c) test.\u201d {_BECKMAN}, 476 (9th Cir. 1992). If the court finds "
    "that particularized harm will result from disclosure, it balances the public and "
    "private interests to decide whether the material should be sealed. Phillips ex "
    "rel. Estates of Byrd v. Gen. Motors Corp., 307 F.3d 1206, 1211 (9th Cir. 2002). "
    "A protective-order designation does not by itself establish good cause. "
    f"See {_FOLTZ}, 1130-31 (9th Cir. 2003)."
)
# Shared tail of both Ninth Circuit compelling-reasons paragraphs; each paragraph cites
# Kamakana in full before this point, so short forms are correct here.
_NINTH_COMPELLING_TAIL = (
    "Compelling reasons exist where court files might become a vehicle for improper "
    "purposes, such as the release of trade secrets or the circulation of libelous "
    "statements. Kamakana, 447 F.3d at 1179. \u201cThe mere fact that the production "
    "of records may lead to a litigant\u2019s embarrassment, incrimination, or exposure "
    "to further litigation will not, without more, compel the court to seal its "
    "records.\u201d Id."
)
_NINTH_LABEL_COMPELLING_TEXT = (
    "A party seeking to seal documents that are dispositive in nature must meet the "
    f"higher standard of showing compelling reasons. {_PINTOS}, 1115 n.4 (9th Cir. "
    f"2009); {_KAMAKANA}, 1178 (9th Cir. 2006). Requests for a temporary restraining "
    "order or preliminary injunction, and papers opposing them, discuss the merits "
    "and show the public how the court evaluates them, so the Court treats them as "
    f"dispositive for this purpose. See {_DISH}, at *6 (S.D. Cal. July 23, 2009). "
    "The party \u201cmust overcome a strong presumption of access by showing that "
    "compelling reasons supported by specific factual findings outweigh the general "
    "history of access and the public policies favoring disclosure.\u201d Dish "
    "Network, 2009 WL 2224596, at *7 (citing Pintos, 565 F.3d at 1116). The court "
    "must base its decision on a compelling reason and articulate the factual basis "
    "for its ruling without relying on hypothesis or conjecture. Pintos, 565 F.3d at "
    "1116. " + _NINTH_COMPELLING_TAIL
)
_NINTH_MERITS_COMPELLING_TEXT = (
    "The compelling reasons standard applies to material filed with any motion that "
    "is more than tangentially related to the merits of the case, whether or not the "
    f"motion is technically dispositive. {_CAS}, 1101-02 (9th Cir. 2016). The party "
    "must overcome the strong presumption of access with compelling reasons, "
    "supported by specific factual findings, that outweigh the general history of "
    "access and the public policies favoring disclosure. "
    f"{_KAMAKANA}, 1178-79 (9th Cir. 2006). The court must base its decision on a "
    "compelling reason and articulate the factual basis for its ruling without "
    f"relying on hypothesis or conjecture. {_PINTOS}, 1116 (9th Cir. 2009). "
    + _NINTH_COMPELLING_TAIL
)
_NINTH_SECRET_TEXT = (
    "Grand-jury transcripts and warrant materials in the pre-indictment phase of an "
    "investigation have traditionally been kept secret and are not subject to the "
    f"right of access. {_KAMAKANA}, 1178 (9th Cir. 2006) (citing Times Mirror Co. v. "
    "United States, 873 F.2d 1210, 1219 (9th Cir. 1989)). Such material remains "
    "sealed without a further showing."
)
_NINTH_GROUNDS: Mapping[Standard, frozenset[Ground]] = MappingProxyType(
    {
        Standard.TRADITIONALLY_SECRET: _NO_SHOWING,
        Standard.GOOD_CAUSE: _ALL_GROUNDS,
        Standard.COMPELLING_REASONS: _SUBSTANTIVE,
    }
)
_NINTH_AUTHORITIES = (
    Authority(
        f"{_KAMAKANA}, 1178-80 (9th Cir. 2006)",
        "strong presumption of access; compelling reasons for dispositive filings, "
        "good cause for non-dispositive ones; embarrassment alone is not enough",
    ),
    Authority(
        f"{_PINTOS}, 1115-16 (9th Cir. 2009)",
        "compelling reasons need specific factual findings, not hypothesis or "
        "conjecture",
    ),
    Authority(
        f"{_BECKMAN}, 476 (9th Cir. 1992)",
        "broad allegations of harm do not satisfy Rule 26(c)",
    ),
    Authority(
        "San Jose Mercury News, Inc. v. U.S. Dist. Ct., 187 F.3d 1096, 1102 "
        "(9th Cir. 1999)",
        "good cause must be shown document by document",
    ),
    Authority(
        f"{_FOLTZ}, 1130-31 (9th Cir. 2003)",
        "a blanket protective order is not a particularized showing",
    ),
)

NINTH_LABEL = Profile(
    code="ninth-label",
    name="Ninth Circuit \u2014 dispositive label (TRO/PI treated as dispositive)",
    circuit="9th Cir.",
    description=(
        "The seed order's approach (D. Nev. 2011): dispositive filings and their "
        "attachments need compelling reasons, non-dispositive ones good cause; "
        "requests for injunctive relief are treated as dispositive."
    ),
    authorities=(
        *_NINTH_AUTHORITIES,
        Authority(
            f"{_DISH}, at *6-7 (S.D. Cal. July 23, 2009)",
            "a TRO motion is dispositive for sealing purposes because it addresses "
            "the merits",
        ),
    ),
    standard_texts=_in_court_style(
        {
            Standard.TRADITIONALLY_SECRET: _NINTH_SECRET_TEXT,
            Standard.GOOD_CAUSE: _NINTH_GOOD_CAUSE_TEXT,
            Standard.COMPELLING_REASONS: _NINTH_LABEL_COMPELLING_TEXT,
        }
    ),
    findings=_NINTH_FINDINGS,
    accepted_grounds=_NINTH_GROUNDS,
    rules=(
        _NINTH_SECRET,
        Rule(
            Check.NATURE,
            Standard.COMPELLING_REASONS,
            "Because {document} seeks or opposes injunctive relief and so discusses "
            "the merits of the case, the Court treats it as dispositive and the "
            "compelling reasons standard applies.",
            f"{_DISH}, at *6 (S.D. Cal. July 23, 2009); see {_KAMAKANA}, 1179 "
            "(9th Cir. 2006).",
            frozenset({FilingNature.TRO_PI}),
        ),
        Rule(
            Check.NATURE,
            Standard.COMPELLING_REASONS,
            "Because {document} is part of the resolution of the dispute on the "
            "merits, the compelling reasons standard applies.",
            f"{_KAMAKANA}, 1179 (9th Cir. 2006).",
            _ALWAYS_DISPOSITIVE,
        ),
        Rule(
            Check.LABELLED_DISPOSITIVE,
            Standard.COMPELLING_REASONS,
            "Because {document} is a dispositive filing, the compelling reasons "
            "standard applies.",
            f"{_PINTOS}, 1115 n.4 (9th Cir. 2009); {_KAMAKANA}, 1178 (9th Cir. 2006).",
        ),
        Rule(
            Check.LABELLED_NON_DISPOSITIVE,
            Standard.GOOD_CAUSE,
            "Because {document} is a non-dispositive filing, the good cause standard "
            "of Fed. R. Civ. P. 26(c) applies.",
            f"{_KAMAKANA}, 1179-80 (9th Cir. 2006).",
        ),
        Rule(
            Check.UNLABELLED_NATURE,
            Standard.COMPELLING_REASONS,
            "Because {document} seeks to dispose of claims and is dispositive, the "
            "compelling reasons standard applies.",
            f"{_KAMAKANA}, 1178-79 (9th Cir. 2006); see 28 U.S.C. \u00a7 636(b)(1)(A).",
            frozenset({FilingNature.DISMISSAL}),
        ),
        Rule(
            Check.OTHERWISE,
            Standard.GOOD_CAUSE,
            "Because {document} is not a dispositive filing, the good cause standard "
            "of Fed. R. Civ. P. 26(c) applies.",
            f"{_KAMAKANA}, 1179-80 (9th Cir. 2006).",
        ),
    ),
)

NINTH_MERITS = Profile(
    code="ninth-merits",
    name="Ninth Circuit \u2014 relation to the merits (Center for Auto Safety)",
    circuit="9th Cir.",
    description=(
        "Current Ninth Circuit law since 2016: material filed with a motion more than "
        "tangentially related to the merits needs compelling reasons; otherwise good "
        "cause."
    ),
    authorities=(
        *_NINTH_AUTHORITIES,
        Authority(
            f"{_CAS}, 1096-1102 (9th Cir. 2016)",
            "compelling reasons apply to motions more than tangentially related to "
            "the merits, such as a motion for a preliminary injunction",
        ),
    ),
    standard_texts=_in_court_style(
        {
            Standard.TRADITIONALLY_SECRET: _NINTH_SECRET_TEXT,
            Standard.GOOD_CAUSE: _NINTH_GOOD_CAUSE_TEXT,
            Standard.COMPELLING_REASONS: _NINTH_MERITS_COMPELLING_TEXT,
        }
    ),
    findings=_NINTH_FINDINGS,
    accepted_grounds=_NINTH_GROUNDS,
    rules=(
        _NINTH_SECRET,
        Rule(
            Check.MERITS_RELATED,
            Standard.COMPELLING_REASONS,
            "Because {document} is more than tangentially related to the merits, "
            "the compelling reasons standard applies.",
            f"{_CAS}, 1101 (9th Cir. 2016).",
        ),
        Rule(
            Check.NOT_MERITS_RELATED,
            Standard.GOOD_CAUSE,
            "Because {document} is only tangentially related to the merits, the good "
            "cause standard of Fed. R. Civ. P. 26(c) applies.",
            f"{_CAS}, 1097, 1101 (9th Cir. 2016).",
        ),
        Rule(
            Check.MERITS_UNKNOWN_NATURE,
            Standard.COMPELLING_REASONS,
            "Because {document} by its nature is more than tangentially related to "
            "the merits, the compelling reasons standard applies.",
            f"{_CAS}, 1101-02 (9th Cir. 2016).",
            frozenset(
                {
                    FilingNature.TRO_PI,
                    FilingNature.SUMMARY_JUDGMENT,
                    FilingNature.TRIAL,
                    FilingNature.DISMISSAL,
                }
            ),
        ),
        Rule(
            Check.MERITS_UNKNOWN_NATURE,
            Standard.GOOD_CAUSE,
            "Because {document} concerns the conduct of the litigation and is only "
            "tangentially related to the merits, the good cause standard of Fed. R. "
            "Civ. P. 26(c) applies.",
            f"{_CAS}, 1097 (9th Cir. 2016); {_KAMAKANA}, 1179-80 (9th Cir. 2006).",
            frozenset({FilingNature.DISCOVERY, FilingNature.PROCEDURAL}),
        ),
    ),
    missing_fact=(
        "Record whether {document} is more than tangentially related to the merits "
        "(merits_related): the Ninth Circuit's relation-to-the-merits test does not "
        "decide this kind of filing by its nature alone."
    ),
)

# --- Second Circuit ------------------------------------------------------------------

SECOND = Profile(
    code="second",
    name="Second Circuit \u2014 Lugosch / Brown v. Maxwell",
    circuit="2d Cir.",
    description=(
        "Is it a judicial document? If so, weigh the presumption of access (strongest "
        "for papers bearing on adjudication, lesser for discovery and in-limine "
        "papers) against countervailing interests, with First Amendment findings "
        "where that right attaches; document by document."
    ),
    authorities=(
        Authority(
            f"{_LUGOSCH}, 119-21 (2d Cir. 2006)",
            "three steps: judicial document, weight of the presumption, balance; "
            "summary-judgment papers carry the common-law and First Amendment "
            "presumption",
        ),
        Authority(
            f"{_BROWN}, 47-50 (2d Cir. 2019)",
            "summary-judgment papers keep the strongest presumption even if the "
            "motion is denied; discovery and in-limine papers a lesser one; "
            "document-by-document findings",
        ),
        Authority(
            f"{_AMODEO_I}, 145 (2d Cir. 1995)",
            "a judicial document is one relevant to the judicial function and useful "
            "in the judicial process",
        ),
        Authority(
            f"{_AMODEO_II}, 1049-51 (2d Cir. 1995)",
            "weight on a continuum; countervailing interests include privacy and law "
            "enforcement",
        ),
        Authority(
            f"{_BERNSTEIN}, 139-42 (2d Cir. 2016)",
            "a complaint is a judicial document with a strong presumption of access",
        ),
    ),
    standard_texts=_in_court_style(
        {
            Standard.TRADITIONALLY_SECRET: _GRAND_JURY_TEXT,
            Standard.NO_PRESUMPTION: (
                "The mere filing of a paper does not make it a judicial document; to "
                "be one it must be relevant to the performance of the judicial "
                f"function and useful in the judicial process. {_AMODEO_I}, 145 (2d "
                f"Cir. 1995); {_BROWN}, 49 (2d Cir. 2019). No presumption of access "
                "attaches to a paper that is not a judicial document, and it may "
                "remain confidential under the governing protective order."
            ),
            Standard.FIRST_AMENDMENT: (
                "Documents submitted for the Court's decision on summary judgment and "
                "other papers bearing on adjudication are judicial documents to which "
                "a strong presumption of access attaches under both the common law "
                f"and the First Amendment. {_LUGOSCH}, 119-21 (2d Cir. 2006). That "
                "presumption does not weaken because the motion was denied. "
                f"{_BROWN}, 47-48 (2d Cir. 2019). Under the common law the Court "
                "weighs the presumption against countervailing interests, such as the "
                "privacy interests of those resisting disclosure and the danger of "
                f"impairing law enforcement or judicial efficiency. {_AMODEO_II}, "
                "1050 (2d Cir. 1995). Under the First Amendment, documents may be "
                "sealed only if \u201cspecific, on the record findings are made "
                "demonstrating that closure is essential to preserve higher values "
                "and is narrowly tailored to serve that interest.\u201d Lugosch, 435 "
                "F.3d at 120 (internal quotation marks omitted). The Court makes "
                "those findings document by document. Brown, 929 F.3d at 48."
            ),
            Standard.PRESUMPTION_WEIGHED: (
                "Papers filed in connection with discovery disputes or motions in "
                "limine are judicial documents, but the presumption of access to them "
                "is generally somewhat lower than for material introduced at trial or "
                f"in connection with dispositive motions. {_BROWN}, 49-50 (2d Cir. "
                "2019). The weight of the presumption falls on a continuum and is "
                "balanced against countervailing interests, including the privacy "
                "interests of those resisting disclosure and competitive harm. "
                f"{_AMODEO_II}, 1049-51 (2d Cir. 1995). The Court still makes "
                "specific findings for each document. Brown, 929 F.3d at 50."
            ),
        }
    ),
    findings=_SECOND_FINDINGS,
    accepted_grounds=MappingProxyType(
        {
            Standard.TRADITIONALLY_SECRET: _NO_SHOWING,
            Standard.NO_PRESUMPTION: _NO_SHOWING,
            Standard.FIRST_AMENDMENT: _SUBSTANTIVE,
            Standard.PRESUMPTION_WEIGHED: _ALL_GROUNDS,
        }
    ),
    rules=(
        _GRAND_JURY_SECRET,
        Rule(
            Check.NOT_JUDICIAL_DOCUMENT,
            Standard.NO_PRESUMPTION,
            "Because {document} is not relevant to the performance of the judicial "
            "function and useful in the judicial process, it is not a judicial "
            "document and no presumption of access attaches.",
            f"{_LUGOSCH}, 119 (2d Cir. 2006) (quoting {_AMODEO_I}, 145 (2d Cir. "
            "1995)).",
        ),
        Rule(
            Check.NATURE,
            Standard.FIRST_AMENDMENT,
            "Because {document} was submitted for the Court's decision on summary "
            "judgment, the strongest presumption of access attaches under the common "
            "law and the First Amendment, whether or not the motion is granted.",
            f"{_LUGOSCH}, 121 (2d Cir. 2006); {_BROWN}, 47-48 (2d Cir. 2019).",
            frozenset({FilingNature.SUMMARY_JUDGMENT}),
        ),
        Rule(
            Check.NATURE,
            Standard.FIRST_AMENDMENT,
            "Because {document} was filed to be heard or used at trial, the strongest "
            "presumption of access attaches under the common law and the First "
            "Amendment.",
            f"{_LUGOSCH}, 119-20 (2d Cir. 2006); {_BROWN}, 49-50 (2d Cir. 2019).",
            frozenset({FilingNature.TRIAL}),
        ),
        Rule(
            Check.NATURE,
            Standard.FIRST_AMENDMENT,
            "Because {document} frames the claims the Court adjudicates, the strongest "
            "presumption of access attaches under the common law and the First "
            "Amendment.",
            f"{_BERNSTEIN}, 139-42 (2d Cir. 2016).",
            frozenset({FilingNature.PLEADING}),
        ),
        Rule(
            Check.LABELLED_DISPOSITIVE,
            Standard.FIRST_AMENDMENT,
            "Because {document} bears directly on the adjudication of the parties' "
            "substantive rights, the strongest presumption of access attaches under "
            "the common law and the First Amendment.",
            f"{_LUGOSCH}, 119-21 (2d Cir. 2006); {_BROWN}, 49-50 (2d Cir. 2019).",
        ),
        Rule(
            Check.NATURE,
            Standard.FIRST_AMENDMENT,
            "Because {document} asks the Court to adjudicate the parties' substantive "
            "rights, the strongest presumption of access attaches under the common "
            "law and the First Amendment.",
            f"{_LUGOSCH}, 119-21 (2d Cir. 2006); {_BROWN}, 49-50 (2d Cir. 2019).",
            frozenset({FilingNature.TRO_PI, FilingNature.DISMISSAL}),
        ),
        Rule(
            Check.NATURE,
            Standard.PRESUMPTION_WEIGHED,
            "Because {document} was filed in connection with a discovery dispute or "
            "a motion in limine, a presumption of access attaches but carries less "
            "weight than for papers bearing on adjudication.",
            f"{_BROWN}, 49-50 (2d Cir. 2019).",
            frozenset({FilingNature.DISCOVERY, FilingNature.IN_LIMINE}),
        ),
        Rule(
            Check.OTHERWISE,
            Standard.PRESUMPTION_WEIGHED,
            "Because {document} is a judicial document that does not itself "
            "adjudicate the merits, the presumption of access is weighed against "
            "countervailing interests.",
            f"{_AMODEO_II}, 1049-50 (2d Cir. 1995); {_BROWN}, 50 (2d Cir. 2019).",
        ),
    ),
)

# --- Third Circuit -------------------------------------------------------------------

_PANSY_TEXT = (
    "The common-law right of access does not extend to discovery motions and the "
    f"material filed with them, or to material that is not a judicial record. "
    f"{_LEUCADIA}, 165 (3d Cir. 1993); {_AVANDIA}, 670 (3d Cir. 2019). Such material "
    "may be protected on a showing of good cause under Fed. R. Civ. P. 26(c): that "
    "disclosure will work a clearly defined and serious injury to the party seeking "
    "protection, weighed with the factors of " + _PANSY + ", 786-88 (3d Cir. 1994)."
)

THIRD = Profile(
    code="third",
    name="Third Circuit \u2014 In re Avandia",
    circuit="3d Cir.",
    description=(
        "The common-law right of access attaches to judicial records; the movant must "
        "show a clearly defined and serious injury, and the court states the "
        "compelling countervailing interest with document-by-document findings."
    ),
    authorities=(
        Authority(
            f"{_AVANDIA}, 670-73 (3d Cir. 2019)",
            "common-law presumption for judicial records; clearly defined and serious "
            "injury; compelling countervailing interest; document-by-document "
            "findings; Pansy factors do not govern judicial records",
        ),
        Authority(
            "In re Cendant Corp., 260 F.3d 183, 192-94 (3d Cir. 2001)",
            "what makes a judicial record; broad allegations of harm are insufficient",
        ),
        Authority(
            f"{_LEUCADIA}, 165 (3d Cir. 1993)",
            "no common-law right of access to discovery motions and their supporting "
            "materials",
        ),
        Authority(
            f"{_PANSY}, 786-88 (3d Cir. 1994)",
            "good cause for protective orders and its factors",
        ),
        Authority(
            f"{_PUBLICKER}, 1070-73 (3d Cir. 1984)",
            "the First Amendment right of access to civil trials",
        ),
    ),
    standard_texts=_in_court_style(
        {
            Standard.TRADITIONALLY_SECRET: _GRAND_JURY_TEXT,
            Standard.GOOD_CAUSE: _PANSY_TEXT,
            Standard.COMMON_LAW_ACCESS: (
                "The common-law right of access attaches to judicial records, that "
                "is, documents filed with the Court or otherwise incorporated into "
                "its adjudication, and begins with a strong presumption of access. "
                f"{_AVANDIA}, 670-72 (3d Cir. 2019). The party seeking to seal must "
                "show that the material is the kind of information courts will "
                "protect and that disclosure will work a clearly defined and serious "
                "injury to it. Id. at 672. The Court must articulate the compelling, "
                "countervailing interests to be protected and make specific findings "
                "on the record concerning the effects of disclosure, document by "
                "document; broad allegations of harm without specific examples or "
                "articulated reasoning are insufficient. Id. at 672-73 (citing In re "
                "Cendant Corp., 260 F.3d 183, 194 (3d Cir. 2001)). The factors used "
                "for protective orders under Pansy v. Borough of Stroudsburg do not "
                "govern the sealing of judicial records. Id. at 676."
            ),
            Standard.FIRST_AMENDMENT: (
                "The First Amendment right of access attaches to civil trials and "
                f"the record made at them. {_PUBLICKER}, 1070-71 (3d Cir. 1984). "
                "Material within that right may be sealed only on findings that "
                "closure serves an overriding interest, is essential to preserve "
                "higher values and is narrowly tailored, a showing more demanding "
                f"than the common-law standard. Id. at 1073; see {_AVANDIA}, 673 (3d "
                "Cir. 2019)."
            ),
        }
    ),
    findings=_THIRD_FINDINGS,
    accepted_grounds=MappingProxyType(
        {
            Standard.TRADITIONALLY_SECRET: _NO_SHOWING,
            Standard.GOOD_CAUSE: _ALL_GROUNDS,
            Standard.COMMON_LAW_ACCESS: _SUBSTANTIVE,
            Standard.FIRST_AMENDMENT: _SUBSTANTIVE - {Ground.DEFAMATORY},
        }
    ),
    rules=(
        _GRAND_JURY_SECRET,
        Rule(
            Check.NOT_JUDICIAL_DOCUMENT,
            Standard.GOOD_CAUSE,
            "Because {document} is not a judicial record, the common-law right of "
            "access does not attach, and protection depends on good cause under Fed. "
            "R. Civ. P. 26(c).",
            f"{_AVANDIA}, 670 (3d Cir. 2019); {_PANSY}, 786-87 (3d Cir. 1994).",
        ),
        Rule(
            Check.NATURE,
            Standard.FIRST_AMENDMENT,
            "Because {document} is part of a civil trial, the First Amendment right of "
            "access attaches.",
            f"{_PUBLICKER}, 1070-71 (3d Cir. 1984).",
            frozenset({FilingNature.TRIAL}),
        ),
        Rule(
            Check.NATURE,
            Standard.GOOD_CAUSE,
            "Because {document} is a discovery motion or material filed with one, the "
            "common-law right of access does not attach, and protection depends on "
            "good cause under Fed. R. Civ. P. 26(c).",
            f"{_LEUCADIA}, 165 (3d Cir. 1993); {_PANSY}, 786-88 (3d Cir. 1994).",
            frozenset({FilingNature.DISCOVERY}),
        ),
        Rule(
            Check.OTHERWISE,
            Standard.COMMON_LAW_ACCESS,
            "Because {document} is a judicial record, the common-law right of access "
            "attaches, and sealing requires a clearly defined and serious injury that "
            "outweighs the presumption of access.",
            f"{_AVANDIA}, 670-73 (3d Cir. 2019).",
        ),
    ),
)

# --- Seventh Circuit -----------------------------------------------------------------

SEVENTH = Profile(
    code="seventh",
    name="Seventh Circuit \u2014 Baxter v. Abbott",
    circuit="7th Cir.",
    description=(
        "Documents that influence or underpin the decision are public unless they are "
        "trade secrets or have another bona fide long-term confidentiality; generic "
        "joint motions are rejected and the parties' agreement is not enough."
    ),
    authorities=(
        Authority(
            f"{_BAXTER}, 545-48 (7th Cir. 2002)",
            "documents that influence or underpin the decision are public unless "
            "trade secrets or otherwise of bona fide long-term confidentiality; "
            "generic joint motions fail",
        ),
        Authority(
            f"{_CITIZENS_FIRST}, 944-46 (7th Cir. 1999)",
            "the judge must independently find good cause and may not rubber-stamp "
            "the parties' stipulation",
        ),
    ),
    standard_texts=_in_court_style(
        {
            Standard.TRADITIONALLY_SECRET: _GRAND_JURY_TEXT,
            Standard.GOOD_CAUSE: (
                "Secrecy is acceptable before material enters the judicial record. "
                f"{_BAXTER}, 545 (7th Cir. 2002). Material that does not influence or "
                "underpin a judicial decision may be kept confidential on a showing "
                "of good cause under Fed. R. Civ. P. 26(c), which the judge must find "
                "independently rather than accept from the parties. "
                f"{_CITIZENS_FIRST}, 944-46 (7th Cir. 1999)."
            ),
            Standard.BONA_FIDE_CONFIDENTIALITY: (
                "Documents that influence or underpin the judicial decision are open "
                "to public inspection unless they meet the definition of trade "
                "secrets or fall within another category of bona fide long-term "
                f"confidentiality. {_BAXTER}, 545 (7th Cir. 2002). A request to seal "
                "must analyse the propriety of secrecy document by document, with "
                "reasons and legal citations, and separate genuinely secret papers "
                "from others that can be released; a generic motion reciting that the "
                "parties agreed to secrecy and that the documents are commercially "
                "sensitive does not suffice. Id. at 545-48. The parties' agreement or "
                "a protective-order designation cannot substitute for the judge's own "
                f"determination. {_CITIZENS_FIRST}, 944-46 (7th Cir. 1999)."
            ),
        }
    ),
    findings=_SEVENTH_FINDINGS,
    accepted_grounds=MappingProxyType(
        {
            Standard.TRADITIONALLY_SECRET: _NO_SHOWING,
            Standard.GOOD_CAUSE: _ALL_GROUNDS,
            Standard.BONA_FIDE_CONFIDENTIALITY: _SUBSTANTIVE - {Ground.DEFAMATORY},
        }
    ),
    rules=(
        _GRAND_JURY_SECRET,
        Rule(
            Check.NOT_JUDICIAL_DOCUMENT,
            Standard.GOOD_CAUSE,
            "Because {document} does not influence or underpin a judicial decision, "
            "it may be kept confidential on the Court's own finding of good cause "
            "under Fed. R. Civ. P. 26(c).",
            f"{_BAXTER}, 545 (7th Cir. 2002); {_CITIZENS_FIRST}, 944-46 (7th Cir. "
            "1999).",
        ),
        Rule(
            Check.OTHERWISE,
            Standard.BONA_FIDE_CONFIDENTIALITY,
            "Because {document} may influence or underpin the Court's decision, it "
            "is public unless it is a trade secret or falls within another category "
            "of bona fide long-term confidentiality.",
            f"{_BAXTER}, 545 (7th Cir. 2002).",
        ),
    ),
)

PROFILES: Mapping[str, Profile] = MappingProxyType(
    {
        profile.code: profile
        for profile in (NINTH_LABEL, NINTH_MERITS, SECOND, THIRD, SEVENTH)
    }
)
PROFILE_CHOICES: list[tuple[str, str]] = [
    (profile.code, profile.name) for profile in PROFILES.values()
]


def get_profile(code: str) -> Profile:
    try:
        return PROFILES[code]
    except (KeyError, TypeError):
        known = ", ".join(PROFILES)
        raise KeyError(
            f"Unknown standards profile {code!r}; known profiles: {known}."
        ) from None


# --- Reasons that never suffice ------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """A stated reason that cannot by itself justify sealing, and why."""

    code: str
    text: str


# Words that show a reason has particulars. Their presence silences the "alone" flags
# (designation, agreement, conclusory harm): those reasons fail only when nothing else
# is said.
_PARTICULARS = re.compile(
    r"trade secret|pric(?:e|es|ing)\b|margins?\b|costs?\b|revenue|profit|financ|"
    r"salar|compensation|customer|client|vendor|supplier|licens|royalt|"
    r"source code|algorithm|formula|recipe|schematic|security (?:measure|procedure|"
    r"protocol|practice)|network|password|credential|business (?:plan|model|practice)|"
    r"strateg|forecast|projection|market share|medical|health|diagnos|"
    r"social security|\bssn\b|taxpayer|account numbers?|date of birth|birth ?date|"
    r"\bminor|home address|privileged|attorney-client|work product|informant|"
    r"undercover|investigat|inaccurate|false|untrue|libel|defam|personnel|"
    r"identit(?:y|ies)|names? of|bank",
    re.IGNORECASE,
)
_EMBARRASSMENT = re.compile(
    r"embarrass\w*|incriminat\w*|humiliat\w*|"
    r"(?:further|additional|future|more|other|new) (?:litigation|lawsuits?|suits|"
    r"claims)\b|exposure to (?:\w+ )?litigation",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(r"\b(?:not|no|nor|never|beyond)\b[^.;]{0,25}$", re.I)
_DESIGNATION = re.compile(
    r"protective order|confidentiality (?:order|agreement|designation|stipulation)|"
    r"(?:designated|marked|stamped)\s+(?:as\s+)?[\"'\u2018\u201c]?"
    r"(?:highly |strictly )?"
    r"(?:confidential|attorneys?['\u2019]? eyes only)|attorneys?['\u2019]? eyes only|"
    r"\baeo\b",
    re.IGNORECASE,
)
_AGREEMENT = re.compile(
    r"\bparties (?:have |all )?(?:agree|agreed|consent|consented|stipulate|stipulated)|"
    r"\bstipulat\w*|\bunopposed\b|\b(?:does|do|did) not (?:oppose|object)|"
    r"\bno (?:party )?(?:objection|opposition)|\bno (?:one|party) objects|"
    r"\bwithout objection|\bjoint(?:ly)? (?:motion|request|move|moved|stipulation)",
    re.IGNORECASE,
)
_CONCLUSORY = re.compile(
    r"\b(?:could|may|might|would|will|can)(?: \w+ly)? (?:cause|result in|lead to|"
    r"create|inflict|do)\b(?: \w+){0,3}? (?:harm|injury|damage|prejudice|"
    r"disadvantage)|"
    r"\bcompetitive(?:ly)? (?:harm|disadvantage|injury|damage|sensitive)|"
    r"\bcommercially sensitive|"
    r"\b(?:sensitive|confidential|proprietary)(?:,? (?:and )?(?:sensitive|"
    r"confidential|proprietary))* (?:business |commercial )?information|"
    r"\birreparabl[ey] (?:harm|injur)|\bharm(?:ful)? to (?:its|their|the \w+'?s?) "
    r"(?:business|interests|competitive (?:position|standing))",
    re.IGNORECASE,
)

_FLAG_AUTHORITY: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "embarrassment": {
            "9th Cir.": f"{_KAMAKANA}, 1179 (9th Cir. 2006).",
        },
        "designation_only": {
            "9th Cir.": f"See {_FOLTZ}, 1130-31 (9th Cir. 2003).",
            "2d Cir.": f"See {_LUGOSCH}, 125-26 (2d Cir. 2006).",
            "3d Cir.": f"See {_AVANDIA}, 670-72 (3d Cir. 2019).",
            "7th Cir.": f"{_CITIZENS_FIRST}, 944-46 (7th Cir. 1999).",
        },
        "agreement_only": {
            "9th Cir.": f"See {_KAMAKANA}, 1178-80 (9th Cir. 2006).",
            "7th Cir.": f"{_BAXTER}, 545-48 (7th Cir. 2002).",
        },
        "conclusory_harm": {
            "9th Cir.": f"{_BECKMAN}, 476 (9th Cir. 1992).",
            "3d Cir.": f"{_AVANDIA}, 673 (3d Cir. 2019).",
            "7th Cir.": f"{_BAXTER}, 545-47 (7th Cir. 2002).",
        },
    }
)
_FLAG_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "embarrassment": (
            "Embarrassment, incrimination or exposure to further litigation is not, "
            "without more, a reason to seal court records."
        ),
        "designation_only": (
            "A confidentiality designation under a protective order is not a sealing "
            "order: the movant must still show why this document meets the standard."
        ),
        "agreement_only": (
            "The parties' agreement, a stipulation or the absence of opposition does "
            "not justify sealing: the public's right of access is not the parties' "
            "to waive, and the Court must decide for itself."
        ),
        "conclusory_harm": (
            "Broad or conclusory allegations of harm, without specific examples or "
            "articulated reasoning (what information, what harm, to whom), do not "
            "suffice."
        ),
    }
)


def _flag(code: str, circuit: str) -> Flag:
    authorities = _FLAG_AUTHORITY[code]
    citation = authorities.get(circuit, authorities["9th Cir."])
    return Flag(code, f"{_FLAG_TEXT[code]} {citation}")


def _mentions_embarrassment(reason: str) -> bool:
    for match in _EMBARRASSMENT.finditer(reason):
        # "not merely to avoid embarrassment" disclaims the reason; don't flag it.
        if not _NEGATION_BEFORE.search(reason[: match.start()]):
            return True
    return False


def insufficient_reasons(
    stated_reason: str, *, profile_code: str | None = None
) -> list[Flag]:
    """Flags for parts of a stated reason that can never by themselves justify sealing.

    Keyword-based triage for the clerk, not a ruling: a flag means "look here". The
    citation follows the profile's circuit (Ninth Circuit by default).
    """
    if not isinstance(stated_reason, str):
        raise TypeError("stated_reason must be a string.")
    circuit = get_profile(profile_code).circuit if profile_code else "9th Cir."
    reason = " ".join(stated_reason.split())
    if not reason:
        return [Flag("no_reason", "No reason is stated for sealing this item.")]
    flags = []
    if _mentions_embarrassment(reason):
        flags.append(_flag("embarrassment", circuit))
    if not _PARTICULARS.search(reason):
        if _DESIGNATION.search(reason):
            flags.append(_flag("designation_only", circuit))
        if _AGREEMENT.search(reason):
            flags.append(_flag("agreement_only", circuit))
        if _CONCLUSORY.search(reason):
            flags.append(_flag("conclusory_harm", circuit))
    return flags
