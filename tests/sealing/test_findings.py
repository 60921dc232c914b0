"""A grant rests on findings: the standard known and every finding of its checklist
met, or the clerk's written reason for granting anyway (Kamakana; Pintos)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sealing import triage
from sealing.models import ItemChange, MotionState, Ruling, SealingItem
from tests import factories

pytestmark = pytest.mark.django_db

CHECKLIST = (
    "particularized_showing",
    "specific_harm",
    "declaration",
    "narrowly_tailored",
)


def _item(motion, line: str = "Complaint (#1), ¶ 7 (Lumina's price book)"):
    (item,) = triage.add_items(None, motion, line, ground="trade_secret")
    return item


def _answers(met: bool | None, **overrides: bool | None) -> dict:
    return {code: {"met": overrides.get(code, met)} for code in CHECKLIST}


def test_a_grant_without_findings_is_refused_naming_the_missing_findings(motion):
    item = _item(motion)

    with pytest.raises(triage.WorkflowError) as refused:
        triage.update_items(None, [item], {"ruling": Ruling.GRANTED})

    message = " ".join(refused.value.messages)
    assert "item 1 (#1 ¶ 7) cannot be granted" in message
    assert "not yet answered: Particularized showing for this document" in message
    assert "Specific harm identified" in message
    item.refresh_from_db()
    assert item.ruling == ""
    assert not ItemChange.objects.filter(item=item).exists()


def test_a_grant_with_a_finding_not_met_is_refused(motion):
    item = _item(motion)

    with pytest.raises(triage.WorkflowError, match="not met: Specific harm"):
        triage.update_items(
            None,
            [item],
            {"ruling": Ruling.GRANTED, "findings": _answers(True, specific_harm=False)},
        )
    with pytest.raises(triage.WorkflowError, match="not met: Particularized"):
        triage.update_items(
            None,
            [item],
            {"ruling": Ruling.GRANTED_IN_PART, "findings": _answers(False)},
        )


def test_a_grant_needs_the_standard_determined(cast, motion):
    cast.court.circuit_profile = "ninth-merits"  # a pleading needs merits_related
    cast.court.save()
    item = _item(motion)
    assert item.standard == ""

    with pytest.raises(triage.WorkflowError, match="standard is not determined"):
        triage.update_items(
            None,
            [item],
            {"ruling": Ruling.GRANTED, "findings_override": "Plainly secret."},
        )


def test_every_finding_met_allows_the_grant(motion):
    item = _item(motion)

    triage.update_items(
        None, [item], {"ruling": Ruling.GRANTED, "findings": _answers(True)}
    )

    item.refresh_from_db()
    assert item.ruling == Ruling.GRANTED


def test_an_override_with_a_written_reason_allows_the_grant_and_is_kept(motion, cast):
    item = _item(motion)
    reason = "The declaration was filed late but shows the harm; the Court grants."

    triage.update_items(
        None,
        [item],
        {"ruling": Ruling.GRANTED, "findings_override": reason},
        actor=cast.clerk,
    )

    item.refresh_from_db()
    assert item.findings_override == reason
    change = ItemChange.objects.get(item=item, field="findings_override")
    assert (change.before, change.after, change.actor) == ("", reason, cast.clerk)
    page = cast.client("judge").get(
        reverse("sealing:item", kwargs={"pk": motion.pk, "item_pk": item.pk})
    )
    assert reason in page.content.decode()


def test_findings_of_a_granted_item_cannot_be_unmet(motion):
    item = _item(motion)
    factories.grant([item])

    with pytest.raises(triage.WorkflowError, match="not met: Narrowly tailored"):
        triage.update_items(
            None, [item], {"findings": {"narrowly_tailored": {"met": False}}}
        )


def test_the_item_form_refuses_a_grant_without_findings(cast, motion):
    item = _item(motion)
    prefix = f"item-{item.pk}"
    url = reverse("sealing:item", kwargs={"pk": motion.pk, "item_pk": item.pk})
    data = {
        f"{prefix}-ground": "trade_secret",
        f"{prefix}-ruling": "granted",
        f"{prefix}-finding_specific_harm": "yes",
        f"{prefix}-finding_declaration": "no",
    }

    response = cast.client("clerk").post(url, data, follow=True)

    page = response.content.decode()
    assert "was not saved" in page
    assert "not yet answered: Particularized showing for this document" in page
    assert "not met: Supported by a declaration" in page
    item.refresh_from_db()
    assert item.ruling == ""

    data[f"{prefix}-findings_override"] = "Declaration cited in the reply (#20-1)."
    cast.client("clerk").post(url, data)

    item.refresh_from_db()
    assert item.ruling == Ruling.GRANTED
    assert item.findings_override == "Declaration cited in the reply (#20-1)."


def test_a_bulk_grant_leaving_findings_as_recorded_is_refused(cast, motion):
    items = triage.add_items(
        None,
        motion,
        "Memorandum in Support of TRO (#12), p. 4:2-23\n"
        "Memorandum in Support of TRO (#12), p. 6:22-25",
        ground="trade_secret",
    )
    key = "compelling_reasons--trade_secret"
    data = {
        "group": key,
        f"bulk-{key}-items": [str(item.pk) for item in items],
        f"bulk-{key}-findings": "",
        f"bulk-{key}-ruling": "granted",
    }

    response = cast.client("clerk").post(
        reverse("sealing:bulk", kwargs={"pk": motion.pk}), data, follow=True
    )

    page = response.content.decode()
    assert "Nothing recorded" in page
    assert "not yet answered: Specific factual findings support the reason" in page
    assert not SealingItem.objects.filter(motion=motion, ruling="granted").exists()

    data[f"bulk-{key}-findings"] = "no"
    cast.client("clerk").post(reverse("sealing:bulk", kwargs={"pk": motion.pk}), data)
    assert not SealingItem.objects.filter(motion=motion, ruling="granted").exists()

    data[f"bulk-{key}-findings"] = "yes"
    cast.client("clerk").post(reverse("sealing:bulk", kwargs={"pk": motion.pk}), data)
    assert SealingItem.objects.filter(motion=motion, ruling="granted").count() == 2


def test_a_motion_with_a_grant_lacking_findings_cannot_be_decided(motion):
    item = _item(motion)
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    # A grant recorded before grants needed findings.
    SealingItem.objects.create(
        motion=motion,
        listed_as=2,
        source_text="Complaint (#1), ¶ 9",
        target=item.target,
        portions=[{"kind": "paragraphs", "first": 9, "last": 9}],
        portions_text="¶ 9",
        ground="trade_secret",
        standard="good_cause",
        ruling=Ruling.GRANTED,
    )
    factories.grant([item])

    with pytest.raises(triage.WorkflowError, match=r"item 2 \(#1 ¶ 9\) cannot be"):
        triage.move_motion(None, motion, MotionState.DECIDED)


def test_granting_on_a_flagged_reason_is_warned_on_the_item(cast, motion):
    item = _item(
        motion,
        "Complaint (#1), ¶ 65 (the parties agree it should be kept confidential "
        "because its disclosure could cause harm)",
    )
    prefix = f"item-{item.pk}"
    data = {f"{prefix}-ground": "trade_secret", f"{prefix}-ruling": "granted"}
    data |= {f"{prefix}-finding_{code}": "yes" for code in CHECKLIST}

    response = cast.client("clerk").post(
        reverse("sealing:item", kwargs={"pk": motion.pk, "item_pk": item.pk}),
        data,
        follow=True,
    )

    page = response.content.decode()
    assert "Granted although the movant relied on reasons" in page  # the message
    assert 'class="warning grant-warning"' in page  # on the item itself
    item.refresh_from_db()
    assert item.ruling == Ruling.GRANTED


@pytest.mark.parametrize("override", [".", "x", "ok", "See decl.", "Granted, see 4."])
def test_a_token_override_does_not_stand_for_the_findings(motion, override):
    item = _item(motion)

    with pytest.raises(triage.WorkflowError, match="at least 5 words"):
        triage.update_items(
            None, [item], {"ruling": Ruling.GRANTED, "findings_override": override}
        )

    item.refresh_from_db()
    assert item.ruling == ""


def test_the_item_form_says_the_rule_for_an_override(cast, motion):
    item = _item(motion)
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    prefix = f"item-{item.pk}"
    url = reverse("sealing:item", kwargs={"pk": motion.pk, "item_pk": item.pk})

    page = cast.client("clerk").get(reverse("sealing:motion", kwargs={"pk": motion.pk}))
    response = cast.client("clerk").post(
        url,
        {
            f"{prefix}-ground": "trade_secret",
            f"{prefix}-ruling": "granted",
            f"{prefix}-findings_override": "x",
        },
        follow=True,
    )

    assert "at least 5 words saying why" in page.content.decode()
    assert "is not a reason the order can state" in response.content.decode()
    item.refresh_from_db()
    assert item.ruling == ""


def test_a_standard_the_courts_profile_does_not_use_cannot_be_granted(cast, motion):
    item = _item(motion)
    assert item.standard == "good_cause"
    # The court's setting changed without re-deriving (e.g. from a shell):
    # the Second Circuit has no good-cause checklist.
    type(cast.court).objects.filter(pk=cast.court.pk).update(circuit_profile="second")
    item = SealingItem.objects.select_related("motion__case__court").get(pk=item.pk)

    with pytest.raises(triage.WorkflowError, match="is not one the court's"):
        triage.update_items(
            None,
            [item],
            {
                "ruling": Ruling.GRANTED,
                "findings": {},
                "findings_override": "The declaration shows every finding plainly.",
            },
        )


def _court_form(court, **changes) -> dict:
    data = {
        "name": court.name,
        "district": court.district,
        "abbreviation": court.abbreviation,
        "circuit_profile": court.circuit_profile,
        "counsel_may_view_sealed": "on",
        "redaction_days": court.redaction_days,
        "pleading_paper": "on",
        "holiday_state": court.holiday_state,
        "order_font": court.order_font,
        "denied_material_becomes_public": "on",
    }
    return {**data, **changes}


def _admin(cast):
    from django.test import Client

    admin = factories.make_user("root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    return client


def test_changing_the_courts_standards_re_derives_open_motions_items(cast, motion):
    item = _item(motion)
    factories.grant([item])
    url = reverse("admin:filings_court_change", args=[cast.court.pk])

    response = _admin(cast).post(url, _court_form(cast.court, circuit_profile="second"))

    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.standard != "good_cause"
    assert item.ruling == ""
    assert item.review_needed
    assert triage.checklist(item, "second")
    change = ItemChange.objects.get(item=item, field="standard")
    assert "standards changed to" in change.context


def test_the_courts_standards_do_not_change_while_a_draft_is_with_the_judge(
    cast, motion
):
    from sealing.order_models import DraftOrder, DraftStatus

    item = _item(motion)
    DraftOrder.objects.create(motion=motion, version=1, status=DraftStatus.RENDERING)
    url = reverse("admin:filings_court_change", args=[cast.court.pk])

    response = _admin(cast).post(url, _court_form(cast.court, circuit_profile="second"))

    assert response.status_code == 200
    assert "ask for them back" in response.content.decode()
    cast.court.refresh_from_db()
    assert cast.court.circuit_profile == "ninth-label"
    item.refresh_from_db()
    assert item.standard == "good_cause"
