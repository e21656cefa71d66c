"""Ticket numbers and access codes (DESIGN §3).

A ticket is `NTR-XXXX-XXXX`: seven random Crockford base32 symbols and one check symbol.

The check symbol is computed in the finite field GF(32) (polynomial x^5 + x^2 + 1): the
symbol at position i (0-based) has weight alpha^(i+1), the check symbol weight 1, and a valid
ticket sums to zero. Because the weights are distinct and non-zero and a field has no zero
divisors, changing one symbol, or swapping two adjacent different symbols, always changes the
sum. Crockford's own check (mod 37) needs five extra symbols such as `*` and `~`, which do not
belong in a number people write down and read out on the phone.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.translation import gettext as _

from .errors import Invalid

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
# Crockford's decoding: letters that look like digits read as those digits.
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})

PREFIX = "NTR"
RANDOM_SYMBOLS = 7  # 32**7 ≈ 3.4e10 tickets: never guessable at the lookup rate limit
TICKET_SYMBOLS = RANDOM_SYMBOLS + 1
ACCESS_CODE_SYMBOLS = 10  # 50 bits, stored only as a keyed hash (access_code_hash)
ACCESS_HASH_PREFIX = "hmac-sha256"
NO_ACCESS_CODE = "!"  # a finding's: nothing matches it

_POLY = 0b100101  # x^5 + x^2 + 1, primitive over GF(2)


def _gf_mul(a: int, b: int) -> int:
    """Return a·b in GF(32)."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _POLY
    return product


def _weights(count: int) -> list[int]:
    alpha, weight, weights = 2, 1, []
    for _step in range(count):
        weight = _gf_mul(weight, alpha)
        weights.append(weight)
    return weights


_WEIGHTS = _weights(RANDOM_SYMBOLS)


def check_symbol(body: str) -> str:
    """Return the check symbol for seven normalised symbols."""
    total = 0
    for symbol, weight in zip(body, _WEIGHTS, strict=True):
        total ^= _gf_mul(_VALUE[symbol], weight)  # addition in GF(2^n) is XOR
    return ALPHABET[total]


class InvalidTicket(ValueError):
    """The text is not a well-formed ticket: wrong length, a bad symbol or a bad check."""


def _display(symbols: str) -> str:
    return f"{PREFIX}-{symbols[:4]}-{symbols[4:]}"


def generate_ticket() -> str:
    """Return a new random ticket in display form, `NTR-XXXX-XXXX`."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_SYMBOLS))
    return _display(body + check_symbol(body))


def normalize_ticket(text: str) -> str:
    """Return the ticket in display form, or raise InvalidTicket.

    Accepts any case, missing or extra dashes and spaces, the `NTR` prefix or none, and reads
    I and L as 1 and O as 0. Never touches the database.
    """
    compact = "".join(ch for ch in str(text).upper() if ch not in "- \t")
    if compact.startswith(PREFIX) and len(compact) == len(PREFIX) + TICKET_SYMBOLS:
        compact = compact[len(PREFIX) :]
    compact = compact.translate(_ALIASES)
    if len(compact) != TICKET_SYMBOLS or any(ch not in _VALUE for ch in compact):
        raise InvalidTicket(text)
    if check_symbol(compact[:RANDOM_SYMBOLS]) != compact[-1]:
        raise InvalidTicket(text)
    return _display(compact)


def ticket_or_invalid(text: str) -> str:
    """Return the normalised ticket, or raise Invalid naming the field `ticket` (before any query)."""
    try:
        return normalize_ticket(text)
    except InvalidTicket:
        message = _("Nomor tiket tidak valid. Formatnya NTR-XXXX-XXXX.")
        raise Invalid.on_field("ticket", message, code="invalid_ticket") from None


def generate_access_code() -> str:
    """Return a new access code, `XXXXX-XXXXX`, for the reporter to write down."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(ACCESS_CODE_SYMBOLS))
    return f"{code[:5]}-{code[5:]}"


def normalize_access_code(text: str) -> str:
    """Return the access code as it was issued, forgiving case, dashes and look-alikes."""
    compact = "".join(ch for ch in str(text).upper() if ch not in "- \t").translate(_ALIASES)
    return f"{compact[:5]}-{compact[5:]}"


def _access_keys() -> list[bytes]:
    """The keys of the access-code hash: from SECRET_KEY, then its fallbacks (a rotated key)."""
    return [
        hashlib.sha256(b"portal-netralitas access code\0" + str(secret).encode()).digest()
        for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    ]


def _access_digest(code: str, salt: str, key: bytes) -> str:
    return hmac.new(key, f"{salt}\0{code}".encode(), hashlib.sha256).hexdigest()


def access_code_hash(code: str | None) -> str:
    """Return what is stored of an access code: HMAC-SHA256 under a key from SECRET_KEY, salted.

    Not a memory-hard login hash (Argon2 spent 186 to 281 ms and 100 MiB of every submission): a
    password is chosen by a person and guessed from a dictionary, while an access code is 50
    random bits from `secrets`. Online, guesses meet the reply rate limit; offline, a stolen
    database is useless without the key, which lives in the environment, not the database; and
    with the key too, finding one code takes 2^49 HMACs on average, per case (the salt), for an
    attacker who has the server already. Codes issued before are Argon2 hashes: still checked.
    """
    if not code:
        return NO_ACCESS_CODE
    salt = secrets.token_hex(8)
    return f"{ACCESS_HASH_PREFIX}${salt}${_access_digest(code, salt, _access_keys()[0])}"


def access_code_matches(code: str, stored: str) -> bool:
    """Return whether `code` (as typed: normalized here) is the one `stored` was made from."""
    code = normalize_access_code(code)
    if stored.startswith(ACCESS_HASH_PREFIX + "$"):
        _prefix, salt, digest = stored.split("$", 2)
        found = [hmac.compare_digest(_access_digest(code, salt, key), digest) for key in _access_keys()]
        return any(found)
    if stored.startswith(NO_ACCESS_CODE) or not stored:
        return False
    return check_password(code, stored)  # an Argon2 hash from before
