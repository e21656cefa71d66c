"""Who looked at what: every view of a case page, an evidence file, a dossier or an export."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case


class AccessLog(models.Model):
    """One look by an official. It names what was looked at, never the reporter's identity."""

    class Kind(models.TextChoices):
        CASE = "case", _("Halaman kasus")
        EVIDENCE = "evidence", _("Berkas bukti")
        DOSSIER = "dossier", _("Berkas penerusan")
        LETTER = "letter", _("Surat keputusan instansi")
        EXPORT = "export", _("Ekspor")

    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True, editable=False)
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("petugas")
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="accesses", verbose_name=_("kasus")
    )
    detail = models.CharField(_("rincian"), max_length=300, blank=True)
    address = models.GenericIPAddressField(_("alamat"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("catatan akses")
        verbose_name_plural = _("catatan akses")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.official_id} {self.kind} {self.case_id or ''}"
