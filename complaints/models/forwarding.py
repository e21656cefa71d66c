"""Agencies, the rules that route cases to them, and each case's forwarding to one of them."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..storage import get_evidence_storage
from .calendar import DayType
from .case import Case, Category, Severity
from .reference import Behaviour, Region


class Agency(models.Model):
    """An institution that receives cases (DESIGN §5). Data, with validity dates: KASN handed
    neutrality supervision to BKN on 2024-08-23, and the law keeps moving."""

    class Kind(models.TextChoices):
        BAWASLU = "bawaslu", _("Bawaslu")
        BKN = "bkn", _("BKN")
        KASN = "kasn", _("KASN")
        BKD = "bkd", _("BKD/BKPSDM")
        PPK = "ppk", _("Pejabat Pembina Kepegawaian")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        OTHER = "other", _("Lainnya")

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=200)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("wilayah"),
        help_text=_("Kosong untuk instansi nasional."),
    )
    email = models.EmailField(_("email"))
    contact_verified = models.BooleanField(
        _("kontak terverifikasi"), default=False, help_text=_("Belum terverifikasi: koordinator diperingatkan.")
    )
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    succeeded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("dilanjutkan oleh"),
        help_text=_("Instansi yang mengambil alih tugasnya setelah berlaku sampai (KASN → BKN)."),
    )
    response_days = models.PositiveSmallIntegerField(
        _("batas waktu jawaban (hari)"), default=30, help_text=_("Waktu instansi melaporkan hasil penanganan.")
    )
    response_day_type = models.CharField(
        _("jenis hari"), max_length=10, choices=DayType.choices, default=DayType.CALENDAR
    )

    class Meta:
        ordering = ["kind", "region_id", "name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        constraints = [models.UniqueConstraint(fields=["kind", "region", "name"], name="agency_unique_kind_region")]

    def __str__(self):
        return self.name

    # Supervisors may see the reporter's identity with consent; the accused's employer side never.
    SUPERVISORS = (Kind.BAWASLU, Kind.BKN, Kind.KASN)

    def valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    @property
    def is_supervisor(self) -> bool:
        return self.kind in self.SUPERVISORS


class RoutingRule(models.Model):
    """Which kind of agency receives a classified case: data, edited in the admin."""

    class Scope(models.TextChoices):
        REGION = "region", _("Wilayah ASN, lalu provinsinya, lalu nasional")
        NATIONAL = "national", _("Nasional")

    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    behaviour = models.ForeignKey(
        Behaviour, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("perilaku (opsional)")
    )
    agency_kinds = models.JSONField(_("jenis instansi"), help_text=_('Daftar jenis, misalnya ["kasn", "bkn"].'))

    class Window(models.TextChoices):
        ANY = "any", _("Selalu")
        OPEN = "open", _("Hanya selama Bawaslu berwenang")
        CLOSED = "closed", _("Hanya di luar kewenangan Bawaslu")

    scope = models.CharField(_("cakupan"), max_length=10, choices=Scope.choices, default=Scope.REGION)
    bawaslu_window = models.CharField(
        _("waktu berlaku"),
        max_length=10,
        choices=Window.choices,
        default=Window.ANY,
        help_text=_(
            "Bawaslu berwenang bila kejadian dalam tahapan pemilihan dan laporan masuk dalam batas waktu "
            "pelaporan; di luar itu pengaduan netralitas ditangani BKN."
        ),
    )

    class Meta:
        ordering = ["category", "pk"]
        verbose_name = _("aturan penerusan")
        verbose_name_plural = _("aturan penerusan")

    def __str__(self):
        return f"{self.get_category_display()} → {', '.join(map(str, self.agency_kinds))}"

    def applies(self, *, bawaslu_window_open: bool) -> bool:
        return (
            self.bawaslu_window == self.Window.ANY or (self.bawaslu_window == self.Window.OPEN) == bawaslu_window_open
        )

    def clean(self):
        kinds = self.agency_kinds
        if not isinstance(kinds, list) or not kinds or any(kind not in Agency.Kind.values for kind in kinds):
            message = _('Isi daftar jenis instansi, misalnya ["kasn", "bkn"]; jenis yang dikenal: %(kinds)s.')
            raise ValidationError({"agency_kinds": message % {"kinds": ", ".join(Agency.Kind.values)}})


ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


class Forwarding(models.Model):
    """A case sent to one agency: its dossier, the email's delivery, and what the agency did."""

    class Delivery(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    class Outcome(models.TextChoices):
        NO_VIOLATION = "no_violation", _("Pelanggaran tidak terbukti")
        MORAL_SANCTION = "moral_sanction", _("Sanksi moral")
        DISCIPLINE_SANCTION = "discipline_sanction", _("Hukuman disiplin")
        OTHER = "other", _("Lainnya")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="forwardings")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="forwardings")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # the email's idempotency key
    # The agency's link carries this key: a resend gives a new one, so every older link stops working.
    link_key = models.UUIDField(default=uuid.uuid4, editable=False)
    link_revoked_at = models.DateTimeField(_("tautan dicabut"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("diteruskan"), default=timezone.now, editable=False)
    dossier = models.FileField(
        _("berkas PDF"), storage=get_evidence_storage, max_length=255, blank=True, editable=False
    )
    dossier_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    delivery = models.CharField(_("pengiriman"), max_length=10, choices=Delivery.choices, default=Delivery.QUEUED)
    delivery_error = models.TextField(_("galat pengiriman"), blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("diterima instansi"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=30, choices=Outcome.choices, blank=True)
    discipline_level = models.CharField(
        _("tingkat hukuman"), max_length=10, choices=Severity.choices[2:], blank=True
    )  # ringan, sedang, berat, ptdh: the discipline levels
    decision_number = models.CharField(_("nomor keputusan"), max_length=200, blank=True)
    decision_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    outcome_note = models.TextField(_("catatan instansi"), blank=True)
    decision_letter = models.FileField(
        _("surat keputusan (PDF)"), storage=get_evidence_storage, max_length=255, blank=True, editable=False
    )
    outcome_at = models.DateTimeField(_("hasil dilaporkan"), null=True, blank=True)
    due_on = models.DateField(_("batas jawaban instansi"), null=True, blank=True)
    competent_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("berwenang pada tanggal kejadian"),
        help_text=_("Instansi yang berwenang saat kejadian, bila tugasnya kini dilanjutkan instansi ini."),
    )

    class Meta:
        ordering = ["case", "agency__kind"]
        verbose_name = _("penerusan")
        verbose_name_plural = _("penerusan")
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="forwarding_unique_agency")]
        indexes = [models.Index(fields=["sent_at"], name="forwarding_sent_at")]  # the dashboard's fingerprint

    def __str__(self):
        return f"{self.case_id} → {self.agency_id}"

    @property
    def letter_number(self) -> str:
        """The dossier's number, as a government letter is numbered: sequence/sender/month/year."""
        made = timezone.localtime(self.created_at)
        return f"{self.pk:05d}/PNA/{ROMAN_MONTHS[made.month - 1]}/{made.year}"
