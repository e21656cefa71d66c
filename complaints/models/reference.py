"""Reference data: regions, elections and the behaviour catalogue (DOMAIN.md)."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A province or kabupaten/kota, keyed by its Kemendagri code (`36`, `36.73`)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Provinsi")
        REGENCY = "regency", _("Kabupaten/Kota")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self):
        return self.name


class Election(models.Model):
    """An election whose campaign the reported behaviour belongs to.

    Its stages (tahapan) run from long before the campaign to after the result; Bawaslu
    supervises them, and an incident outside them belongs to no election (DOMAIN.md).
    """

    class Type(models.TextChoices):
        PEMILU = "pemilu", _("Pemilu")
        PILKADA = "pilkada", _("Pilkada")

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("nama"), max_length=100)
    type = models.CharField(_("jenis"), max_length=10, choices=Type.choices)
    voting_date = models.DateField(_("hari pemungutan suara"))
    campaign_start = models.DateField(_("awal masa kampanye"))
    campaign_end = models.DateField(_("akhir masa kampanye"))
    stages_start = models.DateField(
        _("awal tahapan"), help_text=_("Hari pertama tahapan pemilihan menurut peraturan KPU.")
    )
    stages_end = models.DateField(_("akhir tahapan"), help_text=_("Hari terakhir tahapan pemilihan."))
    accepts_reports = models.BooleanField(_("menerima laporan"), default=True)

    class Meta:
        ordering = ["-voting_date"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stages_start__lte=models.F("stages_end")), name="election_stages_in_order"
            )
        ]

    def __str__(self):
        return self.name

    def within_stages(self, day) -> bool:
        return self.stages_start <= day <= self.stages_end


class Behaviour(models.Model):
    """An entry of the behaviour catalogue (DOMAIN.md): what the civil servant did."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    typical_sanction = models.CharField(_("sanksi disiplin yang lazim"), max_length=100, blank=True)
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("perilaku")
        verbose_name_plural = _("katalog perilaku")

    def __str__(self):
        # The catalogue's names are in the translation catalogues (reference/loaders.py); one an
        # admin added or changed is shown as written.
        return gettext(self.name)
