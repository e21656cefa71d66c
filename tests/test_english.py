"""The portal in English (issue 15): the catalogue's behaviours are translated where they are
shown, and a word that means two things is translated for each (pgettext)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from complaints.models import Behaviour, Case, Evidence


def test_the_report_form_names_the_behaviours_in_english(client, ref):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("report-create")).content.decode()
    assert "A government agency&#x27;s official account posting political content" in page
    assert "Being a member or official of a political party" in page
    assert "Menjadi anggota atau pengurus partai politik" not in page
    assert Behaviour.objects.filter(is_active=True).count() == 13


def test_each_behaviour_of_the_catalogue_has_its_english_name(ref):
    with translation.override("en"):
        untranslated = [behaviour.code for behaviour in Behaviour.objects.all() if str(behaviour) == behaviour.name]
    assert untranslated == []


def test_a_behaviour_an_admin_wrote_is_shown_as_written(ref):
    added = Behaviour.objects.create(code="LAIN_BARU", name="Perilaku baru dari admin")
    with translation.override("en"):
        assert str(added) == "Perilaku baru dari admin"


def test_a_processing_step_is_done_and_a_case_is_closed(ref):
    with translation.override("en"):
        assert Evidence.State.DONE.label == "Done"
        assert Case.Status.CLOSED.label == "Closed"
    with translation.override("id"):
        assert Evidence.State.DONE.label == Case.Status.CLOSED.label == "Selesai"


def test_counts_take_the_english_plural_and_a_bulk_action_says_what_was_done(client, ref, clock):
    from complaints.permissions import Role
    from tests.factories import CaseFactory, official

    vera = official("vera", Role.VERIFIKATOR)
    client.force_login(vera)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    one, two = (CaseFactory(status="in_review", assignee=vera) for _ in range(2))

    def reject(*cases) -> str:
        body = {"action": "reject", "reason": "spam", "tickets": [c.ticket for c in cases], "next": "/petugas/"}
        return client.post("/petugas/massal/", body, follow=True).content.decode()

    assert "Report rejected: 1 case." in reject(one)  # not "Reject (choose the reason): 1 cases."
    assert "Report rejected: 1 case." in reject(two) and Case.objects.filter(rejection_reason="spam").count() == 2
    with translation.override("en"):
        from django.utils.translation import ngettext

        assert ngettext("%(count)d temuan tercatat.", "%(count)d temuan tercatat.", 1) % {"count": 1} == (
            "1 finding recorded."
        )
        assert ngettext("%(count)d temuan tercatat.", "%(count)d temuan tercatat.", 3) % {"count": 3} == (
            "3 findings recorded."
        )
