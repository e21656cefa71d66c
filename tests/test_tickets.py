import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints.tickets import (
    ALPHABET,
    InvalidTicket,
    check_symbol,
    generate_access_code,
    generate_ticket,
    normalize_access_code,
    normalize_ticket,
)

TICKET_RE = re.compile(r"^NTR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
bodies = st.text(alphabet=ALPHABET, min_size=7, max_size=7)


def _ticket(body: str) -> str:
    symbols = body + check_symbol(body)
    return f"NTR-{symbols[:4]}-{symbols[4:]}"


def test_generated_tickets_are_well_formed_and_valid():
    for _ in range(200):
        ticket = generate_ticket()
        assert TICKET_RE.match(ticket)
        assert normalize_ticket(ticket) == ticket


def test_generated_tickets_are_not_sequential():
    tickets = {generate_ticket() for _ in range(1000)}
    assert len(tickets) == 1000
    assert len({ticket[4:6] for ticket in tickets}) > 100  # spread over the first symbols too


@given(bodies)
def test_lookup_forgives_case_dashes_prefix_and_lookalikes(body):
    ticket = _ticket(body)
    compact = ticket.replace("-", "")
    assert normalize_ticket(compact.lower()) == ticket
    assert normalize_ticket(compact[3:]) == ticket  # without the NTR prefix
    assert normalize_ticket(f"  ntr {compact[3:7]} {compact[7:]} ") == ticket
    typed = compact[3:].replace("1", "I").replace("0", "O")
    assert normalize_ticket(typed) == ticket
    assert normalize_ticket(compact[3:].replace("1", "l")) == ticket


@given(bodies, st.integers(0, 7), st.sampled_from(ALPHABET))
def test_every_single_symbol_substitution_is_detected(body, position, replacement):
    symbols = body + check_symbol(body)
    if symbols[position] == replacement:
        return
    mistyped = symbols[:position] + replacement + symbols[position + 1 :]
    with pytest.raises(InvalidTicket):
        normalize_ticket(mistyped)


@given(bodies, st.integers(0, 6))
def test_every_adjacent_transposition_is_detected(body, position):
    symbols = body + check_symbol(body)
    if symbols[position] == symbols[position + 1]:
        return
    swapped = symbols[:position] + symbols[position + 1] + symbols[position] + symbols[position + 2 :]
    with pytest.raises(InvalidTicket):
        normalize_ticket(swapped)


def test_exhaustive_substitutions_and_transpositions_on_one_ticket():
    """The property above, checked without sampling for one ticket: 8·31 + 7 mistakes."""
    symbols = "7K3MQ9P" + check_symbol("7K3MQ9P")
    for position in range(8):
        for replacement in ALPHABET.replace(symbols[position], ""):
            with pytest.raises(InvalidTicket):
                normalize_ticket(symbols[:position] + replacement + symbols[position + 1 :])
    for position in range(7):
        if symbols[position] != symbols[position + 1]:
            with pytest.raises(InvalidTicket):
                normalize_ticket(
                    symbols[:position] + symbols[position + 1] + symbols[position] + symbols[position + 2 :]
                )


@pytest.mark.parametrize(
    "text",
    ["", "NTR", "NTR-1234-567", "NTR-1234-56789", "NTR-12U4-5678", "NTR-12*4-5678", "<script>", "ABC-DEFG-HJKM"],
)
def test_malformed_tickets_are_refused(text):
    with pytest.raises(InvalidTicket):
        normalize_ticket(text)


def test_access_codes_are_random_and_forgiving():
    codes = {generate_access_code() for _ in range(500)}
    assert len(codes) == 500
    code = next(iter(codes))
    assert re.match(r"^[0-9A-Z]{5}-[0-9A-Z]{5}$", code)
    assert normalize_access_code(code.lower().replace("-", " ")) == code


def test_an_access_code_is_stored_keyed_and_salted_and_matches_as_typed(settings):
    from complaints.tickets import access_code_hash, access_code_matches

    code = generate_access_code()
    stored, again = access_code_hash(code), access_code_hash(code)
    assert stored != again  # salted: equal codes do not show as equal rows
    assert code not in stored and code.replace("-", "") not in stored
    assert access_code_matches(code.lower().replace("-", " "), stored)
    assert not access_code_matches("AAAAA-AAAAA", stored)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-key-" + "k" * 40
    assert access_code_matches(code, stored)  # a rotated key keeps issued codes working
    settings.SECRET_KEY_FALLBACKS = []
    assert not access_code_matches(code, stored)  # without the key a stolen hash tells nothing


def test_codes_issued_with_argon2_still_match_and_a_findings_never_does():
    from django.contrib.auth.hashers import make_password

    from complaints.tickets import access_code_hash, access_code_matches

    assert access_code_matches("abcde-fghjk", make_password("ABCDE-FGHJK"))
    assert access_code_hash(None) == "!"
    assert not access_code_matches("", "!") and not access_code_matches("!", "!")
