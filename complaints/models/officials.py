"""What belongs to officials beyond their account: the regions they may see."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .reference import Region


class Jurisdiction(models.Model):
    """A region an official works in. An official with none is national (DESIGN §1)."""

    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jurisdictions", verbose_name=_("petugas")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah"),
        help_text=_("Provinsi (semua kabupaten/kotanya ikut) atau kabupaten/kota."),
    )

    class Meta:
        ordering = ["official", "region"]
        verbose_name = _("wilayah kerja")
        verbose_name_plural = _("wilayah kerja")
        constraints = [models.UniqueConstraint(fields=["official", "region"], name="jurisdiction_unique")]

    def __str__(self):
        return f"{self.official} · {self.region}"


class PeriodicRun(models.Model):
    """When a periodic job last ran, so that one run in any process is enough (`run_periodic`)."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tugas berkala")
        verbose_name_plural = _("tugas berkala")

    def __str__(self):
        return self.name
