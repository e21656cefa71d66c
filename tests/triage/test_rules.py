"""The role rules written down in permissions.py: who may act on a claimed case, and what the
koordinator's stepping in does and does not grant."""

import pytest

from complaints import errors, permissions
from complaints.models import Behaviour, Case
from complaints.permissions import Role
from complaints.triage import actions, workflow
from tests.factories import CaseFactory, official


@pytest.fixture
def claimed(ref):
    vera = official("vera", Role.VERIFIKATOR)
    case = CaseFactory()
    workflow.perform("claim", case=case, by=vera)
    return Case.objects.get(pk=case.pk), vera


@pytest.mark.parametrize(
    ("action", "body"), [("verify", {}), ("reject", {"reason": "spam"}), ("request_info", {"note": "Kapan?"})]
)
def test_only_the_assignee_or_a_koordinator_reviews_a_claimed_case(claimed, action, body):
    case, vera = claimed
    rudi = official("rudi", Role.VERIFIKATOR)
    assert action not in actions.available_actions(case, rudi)
    with pytest.raises(errors.NotAllowed) as refused:
        workflow.perform(action, case=case, by=rudi, **body)
    assert "vera" in refused.value.message  # says who handles it
    assert action in actions.available_actions(case, vera)
    kartika = official("kartika", Role.KOORDINATOR)
    assert action in actions.available_actions(case, kartika)
    workflow.perform(action, case=case, by=kartika, **body)  # a koordinator may step in


def test_the_rule_lends_no_permission_a_role_lacks(claimed):
    case, vera = claimed
    analis = official("anwar", Role.ANALIS)
    assert not permissions.claimed_by_another(case, analis, permissions.CLASSIFY)  # not a verifier's step
    assert actions.available_actions(case, analis) == []  # but an analis still may not verify
    workflow.perform("verify", case=case, by=vera)
    verified = Case.objects.get(pk=case.pk)
    assert actions.available_actions(verified, analis) == ["classify"]  # classifying is any analyst's
    kartika = official("kartika", Role.KOORDINATOR)
    assert "classify" in actions.available_actions(verified, kartika)  # the koordinator role holds CLASSIFY
    workflow.perform(
        "classify", case=verified, by=analis, category="disiplin", behaviour=Behaviour.objects.get(code="LAINNYA")
    )


def test_a_case_found_no_violation_tells_the_reporter_so_not_that_a_violation_was_classified(ref):
    case = CaseFactory(status="verified")
    outcome = workflow.perform(
        "classify",
        case=case,
        by=official("anwar", Role.ANALIS),
        category="bukan_pelanggaran",
        behaviour=Behaviour.objects.get(code="LAINNYA"),
    )
    assert "bukan pelanggaran" in outcome.event.public_note
    assert outcome.case.legal_basis == "" and outcome.case.severity == ""


def test_reclassify_keeps_the_old_and_new_values_in_the_timeline(ref):
    analis = official("anwar", Role.ANALIS)
    case = CaseFactory(status="verified")
    behaviour = Behaviour.objects.get(code="MEDSOS_KAMPANYE")
    workflow.perform("classify", case=case, by=analis, category="disiplin", behaviour=behaviour, severity="berat")
    outcome = workflow.perform(
        "reclassify", case=case, by=analis, category="kode_etik", behaviour=behaviour, severity="pernyataan_terbuka"
    )
    assert outcome.case.status == "classified" and outcome.case.category == "kode_etik"
    assert "PP 42/2004" in outcome.case.legal_basis and "PP 94/2021" not in outcome.case.legal_basis
    for change in ("category: disiplin → kode_etik", "severity: berat → pernyataan_terbuka"):
        assert change in outcome.event.internal_note
    with pytest.raises(errors.Conflict):
        workflow.perform(
            "reclassify", case=CaseFactory(status="verified"), by=analis, category="kode_etik", behaviour=behaviour
        )


def test_a_reclassification_that_changes_nothing_is_refused_and_a_real_one_makes_open_pages_stale(ref):
    analis, koordinator = official("anwar", Role.ANALIS), official("kiki", Role.KOORDINATOR)
    case = CaseFactory(status="verified")
    behaviour = Behaviour.objects.get(code="MEDSOS_KAMPANYE")
    workflow.perform("classify", case=case, by=analis, category="disiplin", behaviour=behaviour, severity="berat")
    seen = case.events.last().pk
    with pytest.raises(errors.Invalid, match="tidak berubah"):
        workflow.perform("reclassify", case=case, by=analis, category="disiplin", behaviour=behaviour, severity="berat")
    assert case.events.last().pk == seen  # nothing recorded
    workflow.perform("reclassify", case=case, by=analis, category="disiplin", behaviour=behaviour, severity="sedang")
    with pytest.raises(errors.Conflict, match="telah berubah"):  # the koordinator's page shows the old sanction
        workflow.perform(
            "reclassify", case=case, by=koordinator, seen_event=seen, category="kode_etik", behaviour=behaviour
        )
