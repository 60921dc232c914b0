import pytest

from sealing.standards import (
    PROFILE_CHOICES,
    PROFILES,
    Determination,
    FilingFacts,
    FilingNature,
    Ground,
    MissingFact,
    Standard,
    determine,
    get_profile,
    insufficient_reasons,
)

N = FilingNature


def standard(profile: str, nature: FilingNature, **facts) -> Standard:
    return determine(profile, FilingFacts(nature, **facts)).standard


def codes(determination: Determination) -> set[str]:
    return {finding.code for finding in determination.findings}


# --- The seed order (D. Nev. 2011), decided in Ninth Circuit label mode --------------

SEED_ITEMS = [
    ("Complaint (#1)", N.PLEADING, Standard.GOOD_CAUSE),
    ("Answer and Counterclaims (#94)", N.PLEADING, Standard.GOOD_CAUSE),
    ("Motion to Compel and Appoint Computer Forensics Expert (#86)", N.DISCOVERY,
     Standard.GOOD_CAUSE),
    ("Motion for Order to Show Cause (#129)", N.OTHER, Standard.GOOD_CAUSE),
    ("Motion to Quash Subpoena (#165)", N.DISCOVERY, Standard.GOOD_CAUSE),
    ("Emergency Motion to Compel Defendants to Appear for Deposition (#180)",
     N.DISCOVERY, Standard.GOOD_CAUSE),
    ("Memorandum of Points and Authorities in Support of the Motion for TRO (#12)",
     N.TRO_PI, Standard.COMPELLING_REASONS),
    ("Defendants' Opp. to Order to Show Cause on Preliminary Injunction (#62)",
     N.TRO_PI, Standard.COMPELLING_REASONS),
    ("Transcript of TRO Hearing (#103)", N.TRO_PI, Standard.COMPELLING_REASONS),
]  # fmt: skip


@pytest.mark.parametrize(("document", "nature", "expected"), SEED_ITEMS)
def test_seed_order_sorts_each_filing_into_the_standard_it_applied(
    document, nature, expected
):
    determination = determine("ninth-label", FilingFacts(nature), document=document)
    assert determination.standard == expected
    assert document in determination.explanation
    assert determination.profile == "ninth-label"


def test_seed_tro_papers_are_treated_as_dispositive_citing_dish_network():
    explanation = determine("ninth-label", FilingFacts(N.TRO_PI)).explanation
    assert "treats it as dispositive" in explanation
    assert "Dish Network" in explanation


def test_ninth_label_tro_papers_stay_compelling_even_if_docketed_non_dispositive():
    assert (
        standard("ninth-label", N.TRO_PI, dispositive=False)
        == Standard.COMPELLING_REASONS
    )


# --- Ninth Circuit, label mode ----------------------------------------------------------


@pytest.mark.parametrize("nature", [N.GRAND_JURY, N.PRE_INDICTMENT_WARRANT])
def test_ninth_label_traditionally_secret_natures_stay_sealed(nature):
    determination = determine("ninth-label", FilingFacts(nature))
    assert determination.standard == Standard.TRADITIONALLY_SECRET
    assert "Times Mirror" in determination.explanation


def test_ninth_label_secret_flag_wins_over_a_dispositive_label():
    assert (
        standard("ninth-label", N.OTHER, dispositive=True, traditionally_secret=True)
        == Standard.TRADITIONALLY_SECRET
    )


@pytest.mark.parametrize("nature", [N.SUMMARY_JUDGMENT, N.TRIAL])
def test_ninth_label_unmarked_summary_judgment_and_trial_need_compelling_reasons(
    nature,
):
    assert standard("ninth-label", nature) == Standard.COMPELLING_REASONS


def test_ninth_label_dispositive_label_needs_compelling_reasons_citing_pintos():
    determination = determine("ninth-label", FilingFacts(N.OTHER, dispositive=True))
    assert determination.standard == Standard.COMPELLING_REASONS
    assert "Pintos" in determination.explanation


def test_ninth_label_non_dispositive_label_needs_good_cause():
    determination = determine(
        "ninth-label", FilingFacts(N.DISMISSAL, dispositive=False)
    )
    assert determination.standard == Standard.GOOD_CAUSE
    assert "non-dispositive" in determination.explanation


def test_ninth_label_unmarked_motion_to_dismiss_is_dispositive():
    assert standard("ninth-label", N.DISMISSAL) == Standard.COMPELLING_REASONS


@pytest.mark.parametrize(
    "nature", [N.DISCOVERY, N.IN_LIMINE, N.PROCEDURAL, N.PLEADING, N.OTHER]
)
def test_ninth_label_unmarked_other_filings_need_good_cause(nature):
    assert standard("ninth-label", nature) == Standard.GOOD_CAUSE


def test_ninth_label_ignores_relation_to_the_merits():
    assert (
        standard("ninth-label", N.DISCOVERY, dispositive=False, merits_related=True)
        == Standard.GOOD_CAUSE
    )


def test_ninth_good_cause_checklist():
    determination = determine("ninth-label", FilingFacts(N.DISCOVERY))
    assert codes(determination) == {
        "particularized_showing",
        "specific_harm",
        "declaration",
        "narrowly_tailored",
    }


def test_ninth_compelling_reasons_checklist():
    determination = determine("ninth-label", FilingFacts(N.TRO_PI))
    assert codes(determination) == {
        "specific_facts",
        "reason_category",
        "outweighs_public_interest",
        "narrowly_tailored",
    }
    specific = next(f for f in determination.findings if f.code == "specific_facts")
    assert "hypothesis or conjecture" in specific.text


# --- Ninth Circuit, relation-to-the-merits mode --------------------------------------------


def test_ninth_merits_explanation_is_a_sentence_a_judge_could_sign():
    determination = determine(
        "ninth-merits",
        FilingFacts(N.TRO_PI, merits_related=True),
        document="the motion for a temporary restraining order",
    )
    assert determination.explanation == (
        "Because the motion for a temporary restraining order is more than "
        "tangentially related to the merits, the compelling reasons standard "
        "applies. Ctr. for Auto Safety v. Chrysler Grp., LLC, 809 F.3d 1092, 1101 "
        "(9th Cir. 2016)."
    )


def test_ninth_merits_recorded_relation_beats_the_docket_label():
    assert (
        standard("ninth-merits", N.OTHER, dispositive=False, merits_related=True)
        == Standard.COMPELLING_REASONS
    )
    assert (
        standard("ninth-merits", N.OTHER, dispositive=True, merits_related=False)
        == Standard.GOOD_CAUSE
    )


def test_ninth_merits_tangential_tro_papers_need_only_good_cause():
    assert (
        standard("ninth-merits", N.TRO_PI, merits_related=False) == Standard.GOOD_CAUSE
    )


@pytest.mark.parametrize("nature", [N.TRO_PI, N.SUMMARY_JUDGMENT, N.TRIAL, N.DISMISSAL])
def test_ninth_merits_unrecorded_relation_follows_merits_natures(nature):
    assert standard("ninth-merits", nature) == Standard.COMPELLING_REASONS


@pytest.mark.parametrize("nature", [N.DISCOVERY, N.PROCEDURAL])
def test_ninth_merits_unrecorded_relation_for_discovery_is_good_cause(nature):
    assert standard("ninth-merits", nature) == Standard.GOOD_CAUSE


@pytest.mark.parametrize("nature", [N.IN_LIMINE, N.PLEADING, N.OTHER])
def test_ninth_merits_asks_for_the_relation_when_nature_does_not_decide(nature):
    with pytest.raises(MissingFact, match="merits_related"):
        determine("ninth-merits", FilingFacts(nature))


def test_ninth_merits_traditionally_secret_stays_sealed():
    assert (
        standard("ninth-merits", N.GRAND_JURY, merits_related=True)
        == Standard.TRADITIONALLY_SECRET
    )


# --- Second Circuit ---------------------------------------------------------------------


def test_second_non_judicial_document_has_no_presumption():
    determination = determine(
        "second", FilingFacts(N.SUMMARY_JUDGMENT, judicial_document=False)
    )
    assert determination.standard == Standard.NO_PRESUMPTION
    assert "Amodeo" in determination.explanation
    assert "not_judicial_document" in codes(determination)


def test_second_summary_judgment_papers_get_strongest_presumption_even_if_denied():
    determination = determine("second", FilingFacts(N.SUMMARY_JUDGMENT))
    assert determination.standard == Standard.FIRST_AMENDMENT
    assert "whether or not the motion is granted" in determination.explanation
    assert "Brown v. Maxwell" in determination.explanation


@pytest.mark.parametrize("nature", [N.TRIAL, N.TRO_PI, N.DISMISSAL])
def test_second_adjudicative_papers_get_strongest_presumption(nature):
    assert standard("second", nature) == Standard.FIRST_AMENDMENT


def test_second_complaint_gets_strongest_presumption_citing_bernstein():
    determination = determine("second", FilingFacts(N.PLEADING))
    assert determination.standard == Standard.FIRST_AMENDMENT
    assert "Bernstein" in determination.explanation


def test_second_dispositive_label_gets_strongest_presumption():
    assert standard("second", N.OTHER, dispositive=True) == Standard.FIRST_AMENDMENT


@pytest.mark.parametrize("nature", [N.DISCOVERY, N.IN_LIMINE])
def test_second_discovery_and_in_limine_papers_get_lesser_presumption(nature):
    determination = determine("second", FilingFacts(nature))
    assert determination.standard == Standard.PRESUMPTION_WEIGHED
    assert "less weight" in determination.explanation


@pytest.mark.parametrize("nature", [N.PROCEDURAL, N.OTHER])
def test_second_other_judicial_documents_are_weighed(nature):
    assert standard("second", nature) == Standard.PRESUMPTION_WEIGHED


def test_second_first_amendment_checklist_requires_higher_values_finding():
    determination = determine("second", FilingFacts(N.SUMMARY_JUDGMENT))
    assert {
        "judicial_document",
        "weight_strongest",
        "countervailing_interests",
        "higher_values",
        "narrowly_tailored",
        "document_by_document",
    } == codes(determination)


def test_second_lesser_presumption_checklist_has_no_first_amendment_finding():
    found = codes(determine("second", FilingFacts(N.DISCOVERY)))
    assert "weight_lesser" in found
    assert "higher_values" not in found
    assert "document_by_document" in found


def test_second_grand_jury_material_stays_sealed():
    assert standard("second", N.GRAND_JURY) == Standard.TRADITIONALLY_SECRET


# --- Third Circuit ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "nature", [N.SUMMARY_JUDGMENT, N.TRO_PI, N.IN_LIMINE, N.PLEADING, N.OTHER]
)
def test_third_filed_records_carry_the_common_law_right(nature):
    determination = determine("third", FilingFacts(nature))
    assert determination.standard == Standard.COMMON_LAW_ACCESS
    assert "Avandia" in determination.explanation
    assert "clearly defined and serious injury" in determination.explanation


def test_third_common_law_checklist():
    assert codes(determine("third", FilingFacts(N.SUMMARY_JUDGMENT))) == {
        "kind_courts_protect",
        "clearly_defined_injury",
        "compelling_countervailing_interest",
        "third_parties_heard",
        "document_by_document",
        "narrowly_tailored",
    }


def test_third_discovery_motions_fall_outside_the_right_citing_leucadia():
    determination = determine("third", FilingFacts(N.DISCOVERY))
    assert determination.standard == Standard.GOOD_CAUSE
    assert "Leucadia" in determination.explanation
    assert "pansy_factors" in codes(determination)


def test_third_non_judicial_record_needs_pansy_good_cause():
    determination = determine("third", FilingFacts(N.OTHER, judicial_document=False))
    assert determination.standard == Standard.GOOD_CAUSE
    assert "Pansy" in determination.explanation


def test_third_trial_record_carries_the_first_amendment_right():
    determination = determine("third", FilingFacts(N.TRIAL))
    assert determination.standard == Standard.FIRST_AMENDMENT
    assert "Publicker" in determination.explanation


def test_third_warrant_papers_stay_sealed():
    assert standard("third", N.PRE_INDICTMENT_WARRANT) == Standard.TRADITIONALLY_SECRET


# --- Seventh Circuit --------------------------------------------------------------------


@pytest.mark.parametrize("nature", [N.SUMMARY_JUDGMENT, N.DISCOVERY, N.OTHER])
def test_seventh_papers_that_underpin_a_decision_are_public_unless_bona_fide_secret(
    nature,
):
    determination = determine("seventh", FilingFacts(nature))
    assert determination.standard == Standard.BONA_FIDE_CONFIDENTIALITY
    assert "Baxter" in determination.explanation
    assert {"not_agreement_alone", "separated_from_public_papers"} <= codes(
        determination
    )


def test_seventh_papers_outside_any_decision_need_the_judges_own_good_cause():
    determination = determine(
        "seventh", FilingFacts(N.DISCOVERY, judicial_document=False)
    )
    assert determination.standard == Standard.GOOD_CAUSE
    assert "Citizens First" in determination.explanation
    assert "independent_good_cause" in codes(determination)


def test_seventh_grand_jury_material_stays_sealed():
    assert standard("seventh", N.GRAND_JURY) == Standard.TRADITIONALLY_SECRET


# --- Registry and inputs ----------------------------------------------------------------


def test_profile_choices_list_every_profile_for_a_choices_field():
    assert [code for code, _ in PROFILE_CHOICES] == [
        "ninth-label",
        "ninth-merits",
        "second",
        "third",
        "seventh",
    ]
    assert all(name for _, name in PROFILE_CHOICES)


@pytest.mark.parametrize("code", list(PROFILES))
def test_every_standard_a_profile_can_reach_has_text_findings_and_grounds(code):
    profile = get_profile(code)
    assert profile.authorities
    for reached in profile.standards:
        assert profile.findings[reached]
        assert reached in profile.accepted_grounds
        text = profile.standard_texts[reached]
        assert "F.3d" in text or "U.S." in text


def test_unknown_profile_is_a_clear_key_error():
    with pytest.raises(KeyError, match="known profiles: ninth-label"):
        get_profile("fourth")
    with pytest.raises(KeyError, match="Unknown standards profile"):
        determine("fourth", FilingFacts(N.OTHER))


def test_ninth_label_legal_standard_text_explains_tro_treatment():
    text = get_profile("ninth-label").standard_texts[Standard.COMPELLING_REASONS]
    assert "temporary restraining order" in text
    assert "hypothesis or conjecture" in text


def test_filing_facts_accept_the_stored_string_value_of_a_nature():
    assert FilingFacts("tro_pi").nature is N.TRO_PI


def test_filing_facts_reject_an_unknown_nature_listing_the_choices():
    with pytest.raises(ValueError, match="summary_judgment"):
        FilingFacts("motion_for_pizza")


def test_filing_facts_reject_a_non_boolean_label():
    with pytest.raises(ValueError, match="dispositive"):
        FilingFacts(N.OTHER, dispositive="yes")


def test_summary_judgment_marked_non_dispositive_is_rejected_not_guessed():
    with pytest.raises(ValueError, match="cannot be marked non-dispositive"):
        FilingFacts(N.SUMMARY_JUDGMENT, dispositive=False)


def test_determine_rejects_facts_of_the_wrong_type():
    with pytest.raises(TypeError, match="FilingFacts"):
        determine("second", {"nature": "trial"})


def test_enum_labels_feed_django_choices():
    assert ("good_cause", "Good cause (Fed. R. Civ. P. 26(c))") in Standard.choices()
    assert Standard("compelling_reasons").label == "Compelling reasons"


# --- Grounds ------------------------------------------------------------------------------


def test_ground_labels():
    assert Ground.TRADE_SECRET.label == (
        "Trade secrets and confidential business information"
    )
    assert Ground.DEFAMATORY.label == (
        "Admittedly inaccurate allegations that could be used for libel"
    )
    assert Ground.PREVIOUSLY_SEALED.label == "Already sealed by an earlier order"


def test_ninth_circuit_accepts_trade_secrets_and_libel_as_compelling_reasons():
    profile = get_profile("ninth-label")
    assert profile.accepts(Standard.COMPELLING_REASONS, Ground.TRADE_SECRET)
    assert profile.accepts(Standard.COMPELLING_REASONS, Ground.DEFAMATORY)


def test_earlier_sealing_order_satisfies_good_cause_but_not_compelling_reasons():
    profile = get_profile("ninth-merits")
    assert profile.accepts(Standard.GOOD_CAUSE, Ground.PREVIOUSLY_SEALED)
    assert not profile.accepts(Standard.COMPELLING_REASONS, Ground.PREVIOUSLY_SEALED)


@pytest.mark.parametrize("code", list(PROFILES))
def test_other_ground_is_never_accepted_without_explanation(code):
    profile = get_profile(code)
    for reached in profile.standards:
        if reached is not Standard.TRADITIONALLY_SECRET and (
            reached is not Standard.NO_PRESUMPTION
        ):
            assert not profile.accepts(reached, Ground.OTHER)


def test_seventh_circuit_does_not_treat_libel_risk_as_long_term_confidentiality():
    profile = get_profile("seventh")
    assert not profile.accepts(Standard.BONA_FIDE_CONFIDENTIALITY, Ground.DEFAMATORY)
    assert profile.accepts(Standard.BONA_FIDE_CONFIDENTIALITY, Ground.TRADE_SECRET)


def test_accepts_rejects_a_standard_the_profile_does_not_use():
    with pytest.raises(ValueError, match="does not use"):
        get_profile("seventh").accepts(Standard.COMPELLING_REASONS, Ground.PRIVACY)


# --- Reasons that never suffice --------------------------------------------------------


def flag_codes(reason: str, **kwargs) -> list[str]:
    return [flag.code for flag in insufficient_reasons(reason, **kwargs)]


@pytest.mark.parametrize(
    "reason",
    [
        "Disclosure would embarrass Defendant's senior officers.",
        "The emails could expose the company to further litigation by customers.",
        "The exhibit may incriminate a former employee.",
    ],
)
def test_embarrassment_incrimination_or_further_litigation_is_flagged(reason):
    flags = insufficient_reasons(reason)
    assert [flag.code for flag in flags] == ["embarrassment"]
    assert "Kamakana" in flags[0].text


@pytest.mark.parametrize(
    "reason",
    [
        "Designated confidential under the protective order.",
        "Marked HIGHLY CONFIDENTIAL \u2013 ATTORNEYS\u2019 EYES ONLY by Acme.",
        "Acme designated this document as 'Confidential' pursuant to the "
        "Stipulated Protective Order (ECF No. 42).",
    ],
)
def test_protective_order_designation_alone_is_flagged(reason):
    assert "designation_only" in flag_codes(reason)


@pytest.mark.parametrize(
    "reason",
    [
        "The parties agree the exhibit should be filed under seal.",
        "Stipulated.",
        "Unopposed.",
        "Plaintiff does not oppose sealing.",
    ],
)
def test_parties_agreement_alone_is_flagged(reason):
    assert flag_codes(reason) == ["agreement_only"]


@pytest.mark.parametrize(
    "reason",
    [
        "Public disclosure could cause significant competitive harm to Acme.",
        "Contains commercially sensitive information.",
        "The document contains confidential and proprietary business information.",
        "Disclosure may result in irreparable harm.",
    ],
)
def test_conclusory_allegations_of_harm_are_flagged(reason):
    flags = insufficient_reasons(reason)
    assert [flag.code for flag in flags] == ["conclusory_harm"]
    assert "Beckman" in flags[0].text


@pytest.mark.parametrize(
    "reason",
    [
        "contains pricing terms of customer contracts",
        "discusses Selling Source's business practices, business model and the "
        "agreements between the company and its customers",
        "includes details of security measures taken by Selling Source related to "
        "commercial operations",
        "contains factually incorrect material about the confidential relationships "
        "between Selling Source and a specific client",
        "The parties agree that this allegation is factually inaccurate.",
        "includes details related to attorney-client communications that the Court "
        "previously found should be sealed",
        "Plaintiff's Social Security number and date of birth",
        "Disclosure would cause competitive harm because the exhibit reveals per-unit "
        "pricing and margins that competitors could use to undercut Acme's bids.",
        "Designated confidential under the protective order because it lists Acme's "
        "customers and their contract renewal dates.",
        "Acme seeks sealing not to avoid embarrassment but because the exhibit "
        "reveals customer pricing.",
    ],
)
def test_ordinary_specific_reasons_are_not_flagged(reason):
    assert insufficient_reasons(reason) == []


def test_one_reason_can_fail_in_several_ways():
    reason = "The parties agree that disclosure could cause harm and embarrassment."
    assert flag_codes(reason) == ["embarrassment", "agreement_only", "conclusory_harm"]


def test_embarrassment_is_flagged_even_beside_a_good_reason():
    reason = "Reveals customer pricing and would embarrass the CEO."
    assert flag_codes(reason) == ["embarrassment"]


def test_blank_reason_is_flagged():
    assert flag_codes("   ") == ["no_reason"]


def test_non_string_reason_is_a_type_error():
    with pytest.raises(TypeError):
        insufficient_reasons(None)


def test_flag_citations_follow_the_profile_circuit():
    [designation] = insufficient_reasons(
        "Designated confidential under the protective order.", profile_code="second"
    )
    assert "Lugosch" in designation.text
    [agreement] = insufficient_reasons("Stipulated.", profile_code="seventh")
    assert "Baxter" in agreement.text
    # Circuits without their own entry fall back to the Ninth Circuit authority.
    [embarrassment] = insufficient_reasons("Embarrassing.", profile_code="third")
    assert "Kamakana" in embarrassment.text
