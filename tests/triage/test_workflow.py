"""The workflow of DESIGN §2: every (state, action, role), concurrency, the timeline."""

import pytest
from django.core import mail

from complaints import errors, permissions
from complaints.models import Agency, Behaviour, Case, CaseEvent, Category, RejectionReason, Reporter
from complaints.permissions import Role
from complaints.triage import actions, classification, duplicates, workflow
from tests.factories import CaseFactory, official
from tests.helpers import race

# The specification, written from DESIGN §2 independently of the code: action → (source
# states, roles that may act, target state). "classified" means classified as a violation;
# "classified_not_violation" as `bukan_pelanggaran`, the only classified case that may close.
SPEC = {
    "claim": ({"received"}, {Role.VERIFIKATOR, Role.KOORDINATOR}, "in_review"),
    "request_info": ({"in_review"}, {Role.VERIFIKATOR, Role.KOORDINATOR}, "needs_info"),
    "resume": ({"needs_info"}, {Role.VERIFIKATOR, Role.KOORDINATOR}, "in_review"),
    "verify": ({"in_review"}, {Role.VERIFIKATOR, Role.KOORDINATOR}, "verified"),
    "reject": ({"in_review"}, {Role.VERIFIKATOR, Role.KOORDINATOR}, "rejected"),
    "classify": ({"verified"}, {Role.ANALIS, Role.KOORDINATOR}, "classified"),
    "reclassify": ({"classified", "classified_not_violation"}, {Role.ANALIS, Role.KOORDINATOR}, "classified"),
    "forward": ({"classified"}, {Role.KOORDINATOR}, "forwarded"),
    "close": ({"classified_not_violation", "forwarded"}, {Role.KOORDINATOR}, "closed"),
}
STATES = [*Case.Status.values, "classified_not_violation"]
BODIES = {
    "request_info": {"note": "Kapan tangkapan layar ini diambil?"},
    "reject": {"reason": RejectionReason.INSUFFICIENT_EVIDENCE, "note": "Bukti tidak menunjukkan pelanggaran."},
    "classify": {"category": Category.DISIPLIN, "severity": "berat"},
    "reclassify": {"category": Category.KODE_ETIK, "severity": "pernyataan_terbuka"},
    "close": {"note": "Kasus selesai ditangani."},
}


def case_in(state: str) -> Case:
    if state == "classified_not_violation":
        return CaseFactory(status="classified", category=Category.BUKAN_PELANGGARAN)
    return CaseFactory(status=state, category=Category.KODE_ETIK if state in ("classified", "forwarded") else "")


def perform(action: str, case: Case, user):
    body = dict(BODIES.get(action, {}))
    if action in ("classify", "reclassify"):
        body["behaviour"] = Behaviour.objects.get(code="MEDSOS_KAMPANYE")
    if action == "forward":
        body["agency_ids"] = [Agency.objects.get_or_create(kind="bkn", name="BKN", email="bkn@instansi.example")[0].pk]
    return workflow.perform(action, case=case, by=user, **body)


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", list(SPEC))
@pytest.mark.parametrize("state", STATES)
def test_every_state_action_and_role(ref, state, action, role):
    sources, roles, target = SPEC[action]
    case = case_in(state)
    user = official(f"petugas-{role}", role)
    before = case.events.count()
    if role not in roles:
        with pytest.raises(errors.NotAllowed):
            perform(action, case, user)
    elif state not in sources:
        with pytest.raises(errors.Conflict):
            perform(action, case, user)
    else:
        outcome = perform(action, case, user)
        assert outcome.case.status == target
        assert Case.objects.get(pk=case.pk).status == target
        event = case.events.last()
        assert (event.action, event.actor, event.to_status) == (action, user, target)
        assert event.from_status == ("classified" if state == "classified_not_violation" else state)
        assert case.events.count() == before + 1
        return
    assert Case.objects.get(pk=case.pk).status == case.status  # nothing changed
    assert case.events.count() == before
    assert action not in actions.available_actions(Case.objects.get(pk=case.pk), user)


@pytest.mark.parametrize("state", STATES)
def test_available_actions_match_the_specification(ref, state):
    koordinator = official("koordinator", Role.KOORDINATOR)
    expected = [action for action, (sources, _roles, _target) in SPEC.items() if state in sources]
    assert actions.available_actions(case_in(state), koordinator) == expected


def test_a_user_with_several_roles_may_do_what_each_allows(ref):
    both = official("serba", Role.VERIFIKATOR, Role.ANALIS)
    case = CaseFactory()
    for action in ("claim", "verify", "classify"):
        perform(action, case, both)
    assert Case.objects.get(pk=case.pk).status == "classified"


def test_classify_prefills_the_legal_basis_and_keeps_an_edit(ref):
    analis = official("analis", Role.ANALIS)
    behaviour = Behaviour.objects.get(code="MEDSOS_INTERAKSI")
    prefilled = workflow.perform(
        "classify", case=CaseFactory(status="verified"), by=analis, category=Category.KODE_ETIK, behaviour=behaviour
    ).case
    assert prefilled.legal_basis == classification.legal_basis_for(Category.KODE_ETIK)
    assert "PP 42/2004" in prefilled.legal_basis and "PP 94/2021" not in prefilled.legal_basis
    assert prefilled.behaviour == behaviour
    edited = workflow.perform(
        "classify",
        case=CaseFactory(status="verified"),
        by=analis,
        category=Category.DISIPLIN,
        behaviour=behaviour,
        legal_basis="PP 94/2021 Pasal 5 huruf n angka 1",
        severity="berat",
    ).case
    assert (edited.legal_basis, edited.severity) == ("PP 94/2021 Pasal 5 huruf n angka 1", "berat")


def test_a_duplicate_points_at_the_case_that_carries_on(ref):
    verifikator = official("verifikator", Role.VERIFIKATOR)
    primary = CaseFactory()
    first_copy = CaseFactory(status="in_review")
    second_copy = CaseFactory(status="in_review")
    workflow.perform(
        "reject",
        case=first_copy,
        by=verifikator,
        reason=RejectionReason.DUPLICATE,
        primary_ticket=primary.ticket.lower(),
    )
    # A duplicate of a duplicate points at the primary itself.
    workflow.perform(
        "reject", case=second_copy, by=verifikator, reason=RejectionReason.DUPLICATE, primary_ticket=first_copy.ticket
    )
    assert Case.objects.get(pk=second_copy.pk).duplicate_of == primary
    assert set(primary.duplicates.values_list("ticket", flat=True)) == {first_copy.ticket, second_copy.ticket}


@pytest.mark.parametrize(
    ("primary_ticket", "message"),
    [("", "tiket laporan utama"), ("NTR-0000-0000", "tidak ditemukan"), ("bukan tiket", "tiket laporan utama")],
)
def test_a_duplicate_needs_a_real_primary(ref, primary_ticket, message):
    case = CaseFactory(status="in_review")
    with pytest.raises(errors.Invalid) as refused:
        workflow.perform(
            "reject",
            case=case,
            by=official("v", Role.VERIFIKATOR),
            reason=RejectionReason.DUPLICATE,
            primary_ticket=primary_ticket,
        )
    assert message in refused.value.fields["primary_ticket"][0]
    assert Case.objects.get(pk=case.pk).status == "in_review"


def test_a_duplicate_of_itself_is_refused(ref):
    case = CaseFactory(status="in_review")
    with pytest.raises(errors.Invalid):
        workflow.perform(
            "reject",
            case=case,
            by=official("v", Role.VERIFIKATOR),
            reason=RejectionReason.DUPLICATE,
            primary_ticket=case.ticket,
        )


def test_four_eyes_the_verifier_may_not_forward(ref, settings):
    koordinator = official("koordinator", Role.KOORDINATOR)
    case = CaseFactory(status="in_review")
    verified = workflow.perform("verify", case=case, by=koordinator).case
    assert verified.verified_by == koordinator
    assert permissions.four_eyes_blocks(verified, koordinator, "forward")
    assert not permissions.four_eyes_blocks(verified, official("lain", Role.KOORDINATOR), "forward")
    settings.FOUR_EYES = False
    assert not permissions.four_eyes_blocks(verified, koordinator, "forward")


def test_a_stale_page_is_refused_and_names_the_change(ref):
    verifikator = official("v", Role.VERIFIKATOR)
    case = CaseFactory()
    seen = case.events.last().pk
    workflow.perform("claim", case=case, by=official("lain", Role.VERIFIKATOR))
    with pytest.raises(errors.Conflict) as refused:
        workflow.perform("claim", case=case, by=verifikator, seen_event=seen)
    assert "telah berubah" in refused.value.message


def test_the_timeline_is_append_only(ref):
    event = CaseFactory().events.get()
    event.public_note = "diubah"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


def test_status_cannot_be_written_around_the_workflow(ref):
    case = CaseFactory()
    with pytest.raises(AttributeError):
        case.status = Case.Status.CLOSED


def test_a_public_change_emails_the_reporter_after_commit_without_internal_notes(
    ref, django_capture_on_commit_callbacks
):
    case = CaseFactory(status="in_review")
    Reporter.objects.create(case=case, name="Adit", email="adit@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(
            "request_info",
            case=case,
            by=official("budi.verifikator", Role.VERIFIKATOR),
            note="Di akun mana unggahan ini muncul?",
            internal_note="Curiga akun palsu",
        )
    [message] = mail.outbox
    assert message.to == ["adit@example.org"]
    body = message.body + message.alternatives[0][0]
    assert "Di akun mana unggahan ini muncul?" in body
    assert f"/status/{case.ticket}/balas/" in body
    for secret in ("Curiga akun palsu", "budi.verifikator"):
        assert secret not in body


@pytest.mark.django_db(transaction=True)
def test_two_officials_at_once_one_wins_and_one_gets_a_conflict(ref):
    case = CaseFactory(status="in_review")
    first, second = official("v1", Role.VERIFIKATOR), official("v2", Role.VERIFIKATOR)
    results = race(case.pk, ("verify", first, {}), ("reject", second, BODIES["reject"]))
    assert sorted(results.values()) == ["conflict", "ok"]
    winner = next(name for name, result in results.items() if result == "ok")
    assert Case.objects.get(pk=case.pk).status == {"verify": "verified", "reject": "rejected"}[winner]
    assert CaseEvent.objects.filter(case=case).exclude(action="submit").count() == 1


def test_two_cases_cannot_become_duplicates_of_each_other(ref):
    verifikator = official("v", Role.VERIFIKATOR)
    first, second = CaseFactory(status="in_review"), CaseFactory(status="in_review")
    # The second official's page still offered the first case as a primary: it is checked again under the locks.
    workflow.perform(
        "reject", case=first, by=verifikator, reason=RejectionReason.DUPLICATE, primary_ticket=second.ticket
    )
    primary = Case.objects.get(pk=first.pk)
    assert primary.duplicate_of == second
    with pytest.raises(errors.Invalid) as refused:
        workflow.perform(
            "reject", case=second, by=verifikator, reason=RejectionReason.DUPLICATE, primary_ticket=first.ticket
        )
    assert "sudah ditandai sebagai duplikat" in refused.value.fields["primary_ticket"][0]
    assert Case.objects.get(pk=second.pk).status == "in_review"


def test_a_duplicate_marked_between_the_check_and_the_lock_is_refused_under_the_lock(ref, monkeypatch):
    """A colleague marks the pair the other way round after this action's first check passed:
    only the check again under both row locks can see it, and it refuses the cycle."""
    first, second = CaseFactory(status="in_review"), CaseFactory(status="in_review")
    colleague, verifikator = official("rina", Role.VERIFIKATOR), official("v", Role.VERIFIKATOR)
    checked_first = duplicates.primary_for

    def and_meanwhile(case, primary_ticket):
        primary = checked_first(case, primary_ticket)  # passes: nothing is marked yet
        if case.pk == second.pk:
            workflow.perform(
                "reject", case=first, by=colleague, reason=RejectionReason.DUPLICATE, primary_ticket=second.ticket
            )
        return primary

    monkeypatch.setattr(duplicates, "primary_for", and_meanwhile)
    with pytest.raises(errors.Invalid) as refused:
        workflow.perform(
            "reject", case=second, by=verifikator, reason=RejectionReason.DUPLICATE, primary_ticket=first.ticket
        )
    assert "sudah ditandai sebagai duplikat" in refused.value.fields["primary_ticket"][0]
    assert Case.objects.get(pk=first.pk).duplicate_of_id == second.pk
    assert Case.objects.get(pk=second.pk).duplicate_of_id is None
    assert Case.objects.get(pk=second.pk).status == "in_review"
