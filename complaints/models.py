import uuid

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .fields import IdentityCharField, IdentityEmailField
from .storage import get_evidence_storage
from .tickets import normalize_access_code


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
    """An election whose campaign the reported behaviour belongs to."""

    class Type(models.TextChoices):
        PEMILU = "pemilu", _("Pemilu")
        PILKADA = "pilkada", _("Pilkada")

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("nama"), max_length=100)
    type = models.CharField(_("jenis"), max_length=10, choices=Type.choices)
    voting_date = models.DateField(_("hari pemungutan suara"))
    campaign_start = models.DateField(_("awal masa kampanye"))
    campaign_end = models.DateField(_("akhir masa kampanye"))
    accepts_reports = models.BooleanField(_("menerima laporan"), default=True)

    class Meta:
        ordering = ["-voting_date"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")

    def __str__(self):
        return self.name


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
        return self.name


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X (Twitter)"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    WHATSAPP = "whatsapp", "WhatsApp"
    OTHER = "other", _("Lainnya")


class Role(models.TextChoices):
    """Officials' roles; each is a Group of the same name (a user may hold several)."""

    VERIFIKATOR = "verifikator", _("Verifikator")
    ANALIS = "analis", _("Analis")
    KOORDINATOR = "koordinator", _("Koordinator")
    ADMIN = "admin", _("Admin")


class Category(models.TextChoices):
    KODE_ETIK = "kode_etik", _("Pelanggaran kode etik (PP 42/2004)")
    DISIPLIN = "disiplin", _("Pelanggaran disiplin (PP 94/2021)")
    ETIK_DAN_DISIPLIN = "etik_dan_disiplin", _("Pelanggaran kode etik dan disiplin")
    BUKAN_PELANGGARAN = "bukan_pelanggaran", _("Bukan pelanggaran")


class Severity(models.TextChoices):
    RINGAN = "ringan", _("Ringan")
    SEDANG = "sedang", _("Sedang")
    BERAT = "berat", _("Berat")


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
        CLOSED = "closed", _("Selesai")

    ticket = models.CharField(_("nomor tiket"), max_length=13, unique=True, editable=False)
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
        Region, on_delete=models.PROTECT, related_name="cases", verbose_name=_("kabupaten/kota ASN")
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

    submitted_at = models.DateTimeField(_("dikirim"), default=timezone.now, editable=False, db_index=True)
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
    severity = models.CharField(_("tingkat"), max_length=10, choices=Severity.choices, blank=True)
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
        indexes = [models.Index(fields=["status", "deadline"], name="case_status_deadline")]
        permissions = [
            ("triage_case", _("Memeriksa laporan: mengambil, meminta keterangan, memverifikasi, menolak")),
            ("classify_case", _("Mengklasifikasi pelanggaran")),
            ("coordinate_case", _("Meneruskan dan menutup kasus")),
            ("view_reporter_identity", _("Melihat identitas pelapor")),
            ("download_original_evidence", _("Mengunduh berkas bukti asli")),
        ]

    def __str__(self):
        return self.ticket

    @property
    def is_overdue(self) -> bool:
        return bool(self.deadline and self.status in self.OPEN_STATUSES and self.deadline < timezone.localdate())

    # The state graph of DESIGN §2. Only `workflow` calls these.
    @transition(field=status, source=Status.RECEIVED, target=Status.IN_REVIEW)
    def claim(self):
        pass

    @transition(field=status, source=Status.IN_REVIEW, target=Status.NEEDS_INFO)
    def request_info(self):
        pass

    @transition(field=status, source=Status.NEEDS_INFO, target=Status.IN_REVIEW)
    def resume(self):
        """An official resumes, or the reporter's answer arrives."""

    @transition(field=status, source=Status.IN_REVIEW, target=Status.VERIFIED)
    def verify(self):
        pass

    @transition(field=status, source=Status.IN_REVIEW, target=Status.REJECTED)
    def reject(self):
        pass

    @transition(field=status, source=Status.NEEDS_INFO, target=Status.REJECTED)
    def expire(self):
        """The reporter did not answer in time."""

    @transition(field=status, source=Status.VERIFIED, target=Status.CLASSIFIED)
    def classify(self):
        pass

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
        return check_password(normalize_access_code(code), self.access_code_hash)


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
        PENDING = "pending", _("Menunggu")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    STEPS = ("sanitize", "thumbnail", "phash", "ocr")
    HASH_BANDS = 4  # 16 bits each

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
    phash_band0 = models.PositiveIntegerField(null=True, db_index=True, editable=False)
    phash_band1 = models.PositiveIntegerField(null=True, db_index=True, editable=False)
    phash_band2 = models.PositiveIntegerField(null=True, db_index=True, editable=False)
    phash_band3 = models.PositiveIntegerField(null=True, db_index=True, editable=False)
    ocr_text = models.TextField(_("teks OCR"), blank=True, editable=False)
    sanitize_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    thumbnail_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    phash_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    ocr_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    processing_errors = models.JSONField(_("galat pemrosesan"), default=dict, blank=True, editable=False)
    processed_at = models.DateTimeField(_("diproses"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        constraints = [models.UniqueConstraint(fields=["case", "position"], name="evidence_unique_position")]

    def __str__(self):
        return f"{self.case_id}/{self.position}"

    def processing(self) -> dict[str, str]:
        """Return each step's state, e.g. {"sanitize": "done", ..., "ocr": "failed"}."""
        return {step: getattr(self, f"{step}_state") for step in self.STEPS}

    def derived_name(self, file_name: str) -> str:
        """Return a storage name beside the original, e.g. 2026/11/<key>/sanitized.png."""
        return f"{self.original.name.rsplit('/', 1)[0]}/{file_name}"


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
        FORWARD = "forward", _("Diteruskan ke instansi")
        AGENCY_ACKNOWLEDGED = "agency_acknowledged", _("Instansi menerima berkas")
        AGENCY_OUTCOME = "agency_outcome", _("Instansi melaporkan hasil")
        CLOSE = "close", _("Kasus selesai")
        IDENTITY_VIEWED = "identity_viewed", _("Identitas pelapor dibuka")
        ORIGINAL_DOWNLOADED = "original_downloaded", _("Berkas bukti asli diunduh")

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


class Notification(models.Model):
    """An email the portal owes someone, keyed so that a retried task sends it only once."""

    class Kind(models.TextChoices):
        REPORT_CONFIRMATION = "report_confirmation", _("Tanda terima laporan")
        STATUS_CHANGE = "status_change", _("Perubahan status untuk pelapor")
        REPLY_RECEIVED = "reply_received", _("Jawaban pelapor untuk petugas")
        OVERDUE_DIGEST = "overdue_digest", _("Ringkasan kasus terlambat")

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

    class Meta:
        ordering = ["kind", "region_id", "name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        constraints = [models.UniqueConstraint(fields=["kind", "region", "name"], name="agency_unique_kind_region")]

    def __str__(self):
        return self.name

    def valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


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
    scope = models.CharField(_("cakupan"), max_length=10, choices=Scope.choices, default=Scope.REGION)
    only_while_election_runs = models.BooleanField(
        _("hanya selama tahapan pemilihan"),
        default=False,
        help_text=_("Dari awal kampanye sampai hari pemungutan suara."),
    )

    class Meta:
        ordering = ["category", "pk"]
        verbose_name = _("aturan penerusan")
        verbose_name_plural = _("aturan penerusan")

    def __str__(self):
        return f"{self.get_category_display()} → {', '.join(map(str, self.agency_kinds))}"

    def clean(self):
        kinds = self.agency_kinds
        if not isinstance(kinds, list) or not kinds or any(kind not in Agency.Kind.values for kind in kinds):
            message = _('Isi daftar jenis instansi, misalnya ["kasn", "bkn"]; jenis yang dikenal: %(kinds)s.')
            raise ValidationError({"agency_kinds": message % {"kinds": ", ".join(Agency.Kind.values)}})


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
    discipline_level = models.CharField(_("tingkat hukuman"), max_length=10, choices=Severity.choices, blank=True)
    decision_number = models.CharField(_("nomor keputusan"), max_length=200, blank=True)
    decision_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    outcome_note = models.TextField(_("catatan instansi"), blank=True)
    decision_letter = models.FileField(
        _("surat keputusan (PDF)"), storage=get_evidence_storage, max_length=255, blank=True, editable=False
    )
    outcome_at = models.DateTimeField(_("hasil dilaporkan"), null=True, blank=True)

    class Meta:
        ordering = ["case", "agency__kind"]
        verbose_name = _("penerusan")
        verbose_name_plural = _("penerusan")
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="forwarding_unique_agency")]

    def __str__(self):
        return f"{self.case_id} → {self.agency_id}"
