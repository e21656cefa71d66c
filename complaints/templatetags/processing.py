"""What a screenshot's failed processing means, in plain words for an official (issue 15); the
technical text stays for the admin who can run it again."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STEPS = {
    "sanitize": _("Salinan bersih"),
    "thumbnail": _("Gambar kecil"),
    "phash": _("Hash persepsi"),
    "ocr": _("Teks (OCR)"),
}


@register.filter
def failures(evidence) -> list[tuple[str, str, str]]:
    """Return each failed step of `evidence` as (its name, a plain sentence, the error kept)."""
    failed = []
    for step, error in evidence.processing_errors.items():
        if error.startswith("OcrUnavailable"):
            sentence = _(
                "Pembaca teks (OCR) sedang tidak tersedia di server, jadi teks pada gambar belum dibaca. "
                "Gambarnya tetap dapat dilihat."
            )
        elif step == "ocr":
            sentence = _("Teks pada gambar tidak dapat dibaca otomatis. Bacalah gambarnya langsung.")
        else:
            sentence = _("Langkah ini gagal. Berkas asli tetap utuh dan tetap menjadi bukti.")
        failed.append((STEPS.get(step, step), sentence, error))
    return failed
