"""What a classification may say (DOMAIN.md, "Classification details"): the sanctions that fit
each category and the legal basis each category cites."""

from django.utils.translation import gettext as _

from ..errors import Invalid
from ..models import Category, Severity

ETHICS = "PP 42/2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS, Pasal 11 huruf c"
DISCIPLINE = "PP 94/2021 tentang Disiplin PNS, Pasal 5 huruf n"
SKB = "SKB Netralitas ASN 22 September 2022"

MORAL = [Severity.PERNYATAAN_TERTUTUP, Severity.PERNYATAAN_TERBUKA]  # a statement, closed or open
DISCIPLINARY = [Severity.RINGAN, Severity.SEDANG, Severity.BERAT, Severity.PTDH]  # PTDH: party membership
SEVERITIES = {
    Category.KODE_ETIK: MORAL,
    Category.DISIPLIN: DISCIPLINARY,
    Category.ETIK_DAN_DISIPLIN: MORAL + DISCIPLINARY,
    Category.BUKAN_PELANGGARAN: [],
}
LEGAL_BASES = {
    Category.KODE_ETIK: f"{ETHICS}; {SKB}",
    Category.DISIPLIN: f"{DISCIPLINE}; {SKB}",
    Category.ETIK_DAN_DISIPLIN: f"{ETHICS}; {DISCIPLINE}; {SKB}",
    Category.BUKAN_PELANGGARAN: "",
}


def legal_basis_for(category: str) -> str:
    """Return the legal basis a category cites, as the analyst's form pre-fills it."""
    return LEGAL_BASES[category]


def severity_check(category: str, severity: str) -> None:
    """Raise Invalid naming the allowed values when `severity` does not fit `category`."""
    allowed = SEVERITIES[category]
    if not severity or severity in allowed:
        return
    if allowed:
        message = _("Tingkat sanksi %(severity)s tidak sesuai kategori %(category)s. Pilih: %(allowed)s.") % {
            "severity": Severity(severity).label if severity in Severity.values else severity,
            "category": Category(category).label,
            "allowed": ", ".join(f"{Severity(code).label} ({code})" for code in allowed),  # the API sends the code
        }
    else:
        message = _("Bukan pelanggaran: kosongkan tingkat sanksi.")
    raise Invalid.on_field("severity", message)
