"""Who a case is about, as a key the register groups by (DESIGN §6, `GET /api/v1/officials/`).

One person across cases: by NIP when the reporter gave one; without it, by the name and agency
as written, normalised (letter case, punctuation, academic and religious titles dropped), so
"Drs. H. Ahmad Zaini, M.Pd." of "Dinas Pendidikan Kab. Lombok Timur" and "ahmad zaini" of "dinas
pendidikan kab lombok timur" are one entry. Nothing is merged beyond that: the same name in
another agency, or a name that also appears with a NIP, is shown as a possible match.
"""

import re
import unicodedata

# Titles written before or after a name in Indonesia (gelar), lower case without dots.
TITLES = frozenset(
    "dr drs dra ir h hj kh prof sh se spd sag ssos sip skom sked mt mm mpd msi mh mkes mag msc phd amd apt sst sstp "  # noqa: SIM905
    "ssi mba mpa mkom".split()
)
NIP_PREFIX = "nip:"
NAME_PREFIX = "name:"


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.replace(".", "")).split()


def name_key(name: str) -> str:
    """Return the name without titles, punctuation or letter case: "drs. h. ahmad zaini, m.pd." → "ahmad zaini"."""
    before_comma = name.split(",")[0]  # titles after the name follow a comma: "…, S.Pd., M.Si."
    words = [word for word in _words(before_comma) if word not in TITLES]
    return " ".join(words) or " ".join(_words(name))


def agency_key(agency: str) -> str:
    """Return the agency without punctuation or letter case ("Kab." and "Kab" are one)."""
    return " ".join(_words(agency))


def person_key(*, nip: str, name: str, agency: str) -> str:
    """Return the register's key of the civil servant a case is about."""
    if nip:
        return f"{NIP_PREFIX}{nip}"
    return f"{NAME_PREFIX}{name_key(name)}|{agency_key(agency)}"[:300]
