"""Evidence: one screenshot, its sealed original and what processing derives from it."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..storage import get_evidence_storage
from .case import Case

HASH_BANDS = 4  # of the perceptual hash, 16 bits each: each indexed (Meta) and searched (similar.py)


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    """Return the original's path: its own folder, where derived copies will sit beside it.

    The reporter's file name is not used: it may carry a name or a phone number.
    """
    extension = Evidence.EXTENSIONS[instance.mime]
    return f"{instance.uploaded_at:%Y/%m}/{instance.key.hex}/original.{extension}"


class Evidence(models.Model):
    """One screenshot. `original` is the sealed upload: exact bytes, never altered.

    Processing adds, each step with its own state: the sanitized copy (metadata removed) and a
    thumbnail beside the original, a 64-bit perceptual hash (also split into four indexed
    16-bit bands, so similar screenshots are found without scanning every row), and OCR text.
    """

    class State(models.TextChoices):
        # A processing step's state: "Selesai" here is done, not a case closed (models/case.py).
        PENDING = "pending", pgettext_lazy("langkah pemrosesan bukti", "Menunggu")
        DONE = "done", pgettext_lazy("langkah pemrosesan bukti", "Selesai")
        FAILED = "failed", pgettext_lazy("langkah pemrosesan bukti", "Gagal")

    STEPS = ("sanitize", "thumbnail", "phash", "ocr")
    HASH_BANDS = HASH_BANDS

    class Mime(models.TextChoices):
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"
        WEBP = "image/webp", "WebP"

    EXTENSIONS = {Mime.JPEG: "jpg", Mime.PNG: "png", Mime.WEBP: "webp"}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(_("urutan"))
    original = models.FileField(
        _("berkas asli"), storage=get_evidence_storage, upload_to=evidence_upload_to, max_length=255, editable=False
    )
    original_name = models.CharField(_("nama berkas dari pelapor"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 berkas asli"), max_length=64, db_index=True, editable=False)
    mime = models.CharField(_("jenis"), max_length=20, choices=Mime.choices, editable=False)
    size_bytes = models.PositiveIntegerField(_("ukuran (byte)"), editable=False)
    width = models.PositiveIntegerField(_("lebar"), editable=False)
    height = models.PositiveIntegerField(_("tinggi"), editable=False)
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now, editable=False)

    sanitized = models.FileField(
        _("salinan bersih"), storage=get_evidence_storage, max_length=255, blank=True, editable=False
    )
    thumbnail = models.FileField(
        _("gambar kecil"), storage=get_evidence_storage, max_length=255, blank=True, editable=False
    )
    phash = models.CharField(_("hash persepsi"), max_length=16, blank=True, editable=False)
    phash_band0 = models.PositiveIntegerField(null=True, editable=False)
    phash_band1 = models.PositiveIntegerField(null=True, editable=False)
    phash_band2 = models.PositiveIntegerField(null=True, editable=False)
    phash_band3 = models.PositiveIntegerField(null=True, editable=False)
    ocr_text = models.TextField(_("teks OCR"), blank=True, editable=False)
    sanitize_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    thumbnail_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    phash_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    ocr_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    processing_errors = models.JSONField(_("galat pemrosesan"), default=dict, blank=True, editable=False)
    processed_at = models.DateTimeField(_("diproses"), null=True, blank=True, editable=False)
    original_erased_at = models.DateTimeField(
        _("berkas asli dihapus"), null=True, blank=True, editable=False, help_text=_("SHA-256-nya tetap tersimpan.")
    )

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        constraints = [models.UniqueConstraint(fields=["case", "position"], name="evidence_unique_position")]
        # Each band with the whole hash and the case beside it: PostgreSQL checks a candidate's
        # distance on the index alone and fetches only the matches (evidence/similar.py).
        indexes = [
            models.Index(fields=[f"phash_band{band}"], include=["phash", "case"], name=f"evidence_band{band}_cover")
            for band in range(HASH_BANDS)
        ]

    def __str__(self):
        return f"{self.case_id}/{self.position}"

    def processing(self) -> dict[str, str]:
        """Return each step's state, e.g. {"sanitize": "done", ..., "ocr": "failed"}."""
        return {step: getattr(self, f"{step}_state") for step in self.STEPS}

    def derived_name(self, file_name: str) -> str:
        """Return a storage name beside the original, e.g. 2026/11/<key>/sanitized.png."""
        return f"{self.original.name.rsplit('/', 1)[0]}/{file_name}"
