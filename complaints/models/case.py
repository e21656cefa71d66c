"""A case: the report (or finding), its reporter and its append-only timeline."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from ..fields import IdentityCharField, IdentityEmailField
from ..tickets import access_code_matches
from .reference import Behaviour, Election, Region


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X (Twitter)"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    WHATSAPP = "whatsapp", "WhatsApp"
    OTHER = "other", _("Lainnya")


class Category(models.TextChoices):
    KODE_ETIK = "kode_etik", _("Pelanggaran kode etik (PP 42/2004)")
    DISIPLIN = "disiplin", _("Pelanggaran disiplin (PP 94/2021)")
    ETIK_DAN_DISIPLIN = "etik_dan_disiplin", _("Pelanggaran kode etik dan disiplin")
    BUKAN_PELANGGARAN = "bukan_pelanggaran", _("Bukan pelanggaran")


class Severity(models.TextChoices):
    """The sanction the analyst proposes: moral for the code of ethics, a level for discipline."""

    PERNYATAAN_TERTUTUP = "pernyataan_tertutup", _("Pernyataan secara tertutup (sanksi moral)")
    PERNYATAAN_TERBUKA = "pernyataan_terbuka", _("Pernyataan secara terbuka (sanksi moral)")
    RINGAN = "ringan", _("Ringan")
    SEDANG = "sedang", _("Sedang")
    BERAT = "berat", _("Berat")
    PTDH = "ptdh", _("Pemberhentian tidak dengan hormat")


class RejectionReason(models.TextChoices):
    NOT_ASN = "not_asn", _("Terlapor bukan ASN")
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("Bukti tidak cukup")
    LATE = "late", _("Melewati batas waktu pelaporan")
    OUT_OF_SCOPE = "out_of_scope", _("Di luar kewenangan portal")
    DUPLICATE = "duplicate", _("Laporan ganda")
    SPAM = "spam", _("Laporan tidak serius")
    NO_RESPONSE = "no_response", _("Pelapor tidak menjawab sampai batas waktu")


def _is_violation(case: "Case") -> bool:
    return case.category != Category.BUKAN_PELANGGARAN


def _closable(case: "Case") -> bool:
    """A forwarded case closes once every agency has reported; a classified one only when it is
    not a violation."""
    if case.status == Case.Status.FORWARDED:
        return not case.forwardings.filter(outcome="").exists()
    return case.category == Category.BUKAN_PELANGGARAN


class Case(ConcurrentTransitionMixin, models.Model):
    """A citizen's report and its handling.

    `status` is protected: it changes only through the transitions below, and only
    `workflow` calls them. ConcurrentTransitionMixin makes the save of a transition fail when
    another process changed the status since this instance was read.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("Diterima")
        IN_REVIEW = "in_review", _("Sedang ditinjau")
        NEEDS_INFO = "needs_info", _("Menunggu keterangan pelapor")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")
        CLASSIFIED = "classified", _("Diklasifikasi")
        FORWARDED = "forwarded", _("Diteruskan ke instansi")
        CLOSED = "closed", pgettext_lazy("status kasus", "Selesai")

    class Source(models.TextChoices):
        LAPORAN = "laporan", _("Laporan warga")
        TEMUAN = "temuan", _("Temuan petugas")

    ticket = models.CharField(_("nomor tiket"), max_length=13, unique=True, editable=False)
    source = models.CharField(
        _("asal"), max_length=10, choices=Source.choices, default=Source.LAPORAN, editable=False, db_index=True
    )
    access_code_hash = models.CharField(max_length=200, editable=False)
    status = FSMField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, protected=True, db_index=True
    )

    anonymous = models.BooleanField(_("anonim"), default=False)
    share_identity = models.BooleanField(_("identitas boleh dibagikan ke instansi"), default=False)
    consented_at = models.DateTimeField(_("persetujuan diberikan"), editable=False)

    asn_name = models.CharField(_("nama ASN"), max_length=200)
    asn_nip = models.CharField(_("NIP"), max_length=18, blank=True)
    asn_agency = models.CharField(_("instansi ASN"), max_length=200)
    asn_position = models.CharField(_("jabatan ASN"), max_length=200, blank=True)
    asn_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("wilayah ASN"),
        help_text=_("Kabupaten/kota, atau provinsi untuk ASN pemerintah provinsi."),
    )

    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    post_url = models.URLField(_("tautan unggahan"), max_length=2000, blank=True)
    incident_date = models.DateField(_("tanggal kejadian"))
    known_date = models.DateField(_("tanggal diketahui"))
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="cases", verbose_name=_("pemilihan"))
    behaviours = models.ManyToManyField(
        Behaviour, blank=True, related_name="claimed_in", verbose_name=_("perilaku menurut pelapor")
    )
    description = models.TextField(_("uraian kejadian"))

    # The reported post, canonical (incidents.posts.post_key): the same post by any of its links.
    post_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    incident = models.ForeignKey(
        "complaints.Incident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("insiden"),
    )

    # The register's key of the civil servant (oversight.people): by NIP, else name and agency.
    asn_key = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    asn_name_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)

    submitted_at = models.DateTimeField(_("dikirim"), default=timezone.now, editable=False, db_index=True)
    first_action_at = models.DateTimeField(_("pertama ditangani"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("selesai atau ditolak"), null=True, blank=True, editable=False, db_index=True)
    identity_erased_at = models.DateTimeField(_("identitas dihapus"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    is_late = models.BooleanField(_("melewati batas waktu pelaporan"), default=False)

    # Triage, written by the workflow.
    deadline = models.DateField(_("batas waktu"), null=True, blank=True, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("ditangani oleh"),
    )
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verified_cases",
        verbose_name=_("diverifikasi oleh"),
    )
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices, blank=True)
    behaviour = models.ForeignKey(
        Behaviour,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="classified_cases",
        verbose_name=_("perilaku"),
    )
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    severity = models.CharField(_("tingkat sanksi"), max_length=20, choices=Severity.choices, blank=True)
    rejection_reason = models.CharField(
        _("alasan penolakan"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplikat dari"),
    )

    OPEN_STATUSES = (
        Status.RECEIVED,
        Status.IN_REVIEW,
        Status.NEEDS_INFO,
        Status.VERIFIED,
        Status.CLASSIFIED,
        Status.FORWARDED,  # open until every agency has reported and the case is closed
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        # The queue's order has an index on PostgreSQL too (migration 0015: SQLite has no NULLS LAST).
        indexes = [models.Index(fields=["status", "deadline"], name="case_status_deadline")]
        permissions = [
            ("triage_case", _("Memeriksa laporan: mengambil, meminta keterangan, memverifikasi, menolak")),
            ("classify_case", _("Mengklasifikasi pelanggaran")),
            ("coordinate_case", _("Meneruskan dan menutup kasus")),
            ("view_reporter_identity", _("Melihat identitas pelapor")),
            ("download_original_evidence", _("Mengunduh berkas bukti asli")),
            ("record_finding", _("Mencatat temuan petugas")),
            ("export_cases", _("Mengekspor daftar kasus")),
            ("reprocess_evidence", _("Memproses ulang bukti yang gagal diproses")),
        ]

    def __str__(self):
        return self.ticket

    @property
    def is_overdue(self) -> bool:
        return bool(self.deadline and self.status in self.OPEN_STATUSES and self.deadline < timezone.localdate())

    # The state graph of DESIGN §2. Only `workflow` calls these.
    @transition(field=status, source=Status.RECEIVED, target=Status.IN_REVIEW)
    def claim(self):
        """An official takes a new case into review."""

    @transition(field=status, source=Status.IN_REVIEW, target=Status.NEEDS_INFO)
    def request_info(self):
        """An official asks the reporter a question."""

    @transition(field=status, source=Status.NEEDS_INFO, target=Status.IN_REVIEW)
    def resume(self):
        """An official resumes, or the reporter's answer arrives."""

    @transition(field=status, source=Status.IN_REVIEW, target=Status.VERIFIED)
    def verify(self):
        """The report meets the formal and material requirements."""

    @transition(field=status, source=Status.IN_REVIEW, target=Status.REJECTED)
    def reject(self):
        """The report is refused, with a reason."""

    @transition(field=status, source=[Status.RECEIVED, Status.IN_REVIEW, Status.NEEDS_INFO], target=Status.REJECTED)
    def link_duplicate(self):
        """A report of an incident's post, linked to its primary: it follows the primary's case."""

    @transition(field=status, source=Status.NEEDS_INFO, target=Status.REJECTED)
    def expire(self):
        """The reporter did not answer in time."""

    @transition(field=status, source=Status.VERIFIED, target=Status.CLASSIFIED)
    def classify(self):
        """An analyst records the kind of violation, or that there is none."""

    @transition(field=status, source=Status.CLASSIFIED, target=Status.CLASSIFIED)
    def reclassify(self):
        """The classification is corrected before the case goes on."""

    @transition(field=status, source=Status.CLASSIFIED, target=Status.FORWARDED, conditions=[_is_violation])
    def forward(self):
        """Send a classified violation to the agencies that can act."""

    @transition(
        field=status, source=[Status.CLASSIFIED, Status.FORWARDED], target=Status.CLOSED, conditions=[_closable]
    )
    def close(self):
        """Close a forwarded case, or a classified one that is not a violation."""

    def check_access_code(self, code: str) -> bool:
        """Return whether `code` is this case's access code (constant time, hashed)."""
        return access_code_matches(code, self.access_code_hash)


class Reporter(models.Model):
    """Who reported a case; absent for anonymous reports. Encrypted at rest."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="reporter")
    # The encrypted fields store an empty value as NULL.
    name = IdentityCharField(_("nama pelapor"), max_length=200, blank=True, null=True)
    email = IdentityEmailField(_("email pelapor"), blank=True, null=True)
    phone = IdentityCharField(_("telepon pelapor"), max_length=20, blank=True, null=True)

    class Meta:
        verbose_name = _("pelapor")
        verbose_name_plural = _("pelapor")

    def __str__(self):
        return f"Pelapor {self.case_id}"  # never the identity itself: this reaches logs


class CaseEvent(models.Model):
    """An append-only entry of a case's timeline.

    The public note is what the reporter reads on the status page; the internal note and the
    actor are for officials only.
    """

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Laporan diterima")
        CLAIM = "claim", _("Laporan mulai ditinjau")
        REQUEST_INFO = "request_info", _("Petugas meminta keterangan tambahan")
        REPLY = "reply", _("Pelapor mengirim keterangan tambahan")
        RESUME = "resume", _("Peninjauan dilanjutkan")
        VERIFY = "verify", _("Laporan memenuhi syarat")
        REJECT = "reject", _("Laporan ditolak")
        EXPIRE = "expire", _("Batas waktu menjawab terlewati")
        CLASSIFY = "classify", _("Pelanggaran diklasifikasi")
        RECLASSIFY = "reclassify", _("Klasifikasi diperbaiki")
        FORWARD = "forward", _("Diteruskan ke instansi")
        AGENCY_ACKNOWLEDGED = "agency_acknowledged", _("Instansi menerima berkas")
        AGENCY_OUTCOME = "agency_outcome", _("Instansi melaporkan hasil")
        CLOSE = "close", _("Kasus selesai")
        IDENTITY_VIEWED = "identity_viewed", _("Identitas pelapor dibuka")
        ORIGINAL_DOWNLOADED = "original_downloaded", _("Berkas bukti asli diunduh")
        IDENTITY_ERASED = "identity_erased", _("Identitas pelapor dihapus (masa simpan habis)")
        ORIGINAL_ERASED = "original_erased", _("Berkas bukti asli dihapus (masa simpan habis)")
        AGENCY_REMINDED = "agency_reminded", _("Instansi diingatkan")
        LINK_DUPLICATE = "link_duplicate", _("Digabung dengan laporan utama insiden")
        INCIDENT_JOINED = "incident_joined", _("Dikelompokkan ke insiden")
        INCIDENT_SPLIT = "incident_split", _("Dikeluarkan dari insiden")
        INCIDENT_MERGED = "incident_merged", _("Insiden digabung")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("waktu"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_events",
        verbose_name=_("petugas"),
    )
    action = models.CharField(_("tindakan"), max_length=30, choices=Action.choices)
    is_public = models.BooleanField(_("tampil untuk pelapor"), default=True)
    from_status = models.CharField(_("dari status"), max_length=20, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(_("ke status"), max_length=20, choices=Case.Status.choices)
    public_note = models.TextField(_("catatan publik"), blank=True)
    internal_note = models.TextField(_("catatan internal"), blank=True)
    # The hash chain (complaints.chain): the previous event's hash, and this event's.
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("peristiwa kasus")
        verbose_name_plural = _("linimasa kasus")

    def __str__(self):
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The timeline is append-only: an event is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The timeline is append-only: an event is never deleted.")
