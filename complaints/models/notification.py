"""Emails the portal owes someone."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case


class Notification(models.Model):
    """An email the portal owes someone, keyed so that a retried task sends it only once."""

    class Kind(models.TextChoices):
        REPORT_CONFIRMATION = "report_confirmation", _("Tanda terima laporan")
        STATUS_CHANGE = "status_change", _("Perubahan status untuk pelapor")
        REPLY_RECEIVED = "reply_received", _("Jawaban pelapor untuk petugas")
        OVERDUE_DIGEST = "overdue_digest", _("Ringkasan kasus terlambat")
        AGENCY_REMINDER = "agency_reminder", _("Pengingat untuk instansi")

    key = models.CharField(max_length=100, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications")
    kind = models.CharField(_("jenis"), max_length=40, choices=Kind.choices)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")

    def __str__(self):
        return self.key
