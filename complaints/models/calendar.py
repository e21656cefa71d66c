"""The calendar of deadlines (DOMAIN.md): days per step and election type, and collective leave.

Both are data an admin keeps: the texts differ on working and calendar days, and collective
leave (cuti bersama) is announced each year by joint decree.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .reference import Election


class DayType(models.TextChoices):
    WORKING = "working", _("hari kerja")
    CALENDAR = "calendar", _("hari kalender")


class DeadlineRule(models.Model):
    """How many days, and which kind, one step of handling has in one type of election."""

    class Step(models.TextChoices):
        REPORT_WINDOW = "report_window", _("Batas pelaporan sejak diketahui")
        INITIAL_REVIEW = "initial_review", _("Pemeriksaan awal (syarat formal dan material)")
        HANDLING = "handling", _("Penanganan sejak diregistrasi")
        HANDLING_EXTENDED = "handling_extended", _("Penanganan bila keterangan tambahan diminta")
        NEEDS_INFO = "needs_info", _("Waktu pelapor menjawab pertanyaan")

    election_type = models.CharField(_("jenis pemilihan"), max_length=10, choices=Election.Type.choices)
    step = models.CharField(_("tahap"), max_length=20, choices=Step.choices)
    days = models.PositiveSmallIntegerField(_("jumlah hari"))
    day_type = models.CharField(_("jenis hari"), max_length=10, choices=DayType.choices)
    source = models.CharField(_("sumber aturan"), max_length=200, blank=True)

    class Meta:
        ordering = ["election_type", "step"]
        verbose_name = _("aturan batas waktu")
        verbose_name_plural = _("aturan batas waktu")
        constraints = [
            models.UniqueConstraint(fields=["election_type", "step"], name="deadline_rule_unique_step"),
            models.CheckConstraint(condition=models.Q(days__gte=1), name="deadline_rule_days_positive"),
        ]

    def __str__(self):
        return (
            f"{self.get_election_type_display()}: {self.get_step_display()} {self.days} {self.get_day_type_display()}"
        )


class CollectiveLeave(models.Model):
    """A day of cuti bersama: not a working day for deadlines."""

    day = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=200)
    source = models.CharField(
        _("dasar"), max_length=200, help_text=_("Misalnya SKB Tiga Menteri tentang cuti bersama.")
    )

    class Meta:
        ordering = ["day"]
        verbose_name = _("cuti bersama")
        verbose_name_plural = _("cuti bersama")

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.name}"
