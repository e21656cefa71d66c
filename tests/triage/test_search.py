"""The queue's search: a ticket and the text, both, for the HTML queue and the API alike."""

import pytest

from complaints.tickets import InvalidTicket, normalize_ticket
from complaints.triage import selectors
from complaints.triage.filters import CaseFilters
from tests.factories import CaseFactory, official


def found(user, text: str) -> set[str]:
    return set(selectors.case_list_for_user(user=user, filters=CaseFilters(q=text)).values_list("ticket", flat=True))


def test_a_word_that_reads_as_a_ticket_is_still_searched_in_the_text(ref):
    assert normalize_ticket("Moeldoko")  # 1 in 32 eight-letter words carries a valid check symbol
    case = CaseFactory(description="Pejabat membagikan foto bersama Moeldoko di akun pribadinya.")
    CaseFactory(description="Laporan lain tanpa nama itu.")
    assert found(official("vera", "verifikator"), "Moeldoko") == {case.ticket}


def test_a_word_whose_ticket_exists_finds_both_the_ticket_and_the_text(ref):
    by_ticket = CaseFactory(ticket=normalize_ticket("Moeldoko"))
    by_text = CaseFactory(asn_name="Moeldoko")
    assert found(official("vera", "verifikator"), "moeldoko") == {by_ticket.ticket, by_text.ticket}


@pytest.mark.parametrize("word", ["Gibran", "Prabowo", "kampanye"])
def test_a_word_that_is_not_a_ticket_searches_the_text(ref, word):
    with pytest.raises(InvalidTicket):
        normalize_ticket(word)
    case = CaseFactory(description=f"Unggahan tentang {word} di akun dinas.")
    assert found(official("vera", "verifikator"), word) == {case.ticket}


def test_the_api_queue_finds_the_text_of_a_ticket_like_word(client, ref):
    case = CaseFactory(asn_agency="Kantor Staf Moeldoko")
    client.force_login(official("vera", "verifikator"))
    body = client.get("/api/v1/cases/", {"q": "MOELDOKO"}).json()
    assert [row["ticket"] for row in body["results"]] == [case.ticket]
