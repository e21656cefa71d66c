"""The citizen's report form: the one validation shared by `/lapor/` and `POST /api/v1/reports/`."""

import datetime
import functools
import re

from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import cache
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from ..errors import Invalid
from ..evidence.validation import check_evidence
from ..formfields import SingleLineField, StrictBooleanField
from ..models import Behaviour, Election, Platform, Region
from . import staging
from .services import ReportInput

IDENTITY_FIELDS = ("reporter_name", "reporter_email", "reporter_phone")  # kept out of error reports
NAME_MAX = 200  # names, agencies and positions
DESCRIPTION_MAX = 5000  # a screen or two of text; the screenshots carry the rest
DESCRIPTION_MIN = 20
PHONE_RE = re.compile(r"^\+?[0-9]{8,15}$")  # ASCII digits only: \d also matches other scripts' digits
EARLIEST_INCIDENT = datetime.date(2000, 1, 1)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Up to MAX_EVIDENCE_FILES images; cleaning decodes and checks each one."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload is not None]
        if not uploads and not self.required:
            return []
        return check_evidence(uploads)


REGION_CHOICES_SECONDS = 3600  # the regions are reference data: loaded once, renamed rarely


def _region_choices():
    """Return each province's own government first, then its kabupaten/kota, grouped by
    province, so the list works without JavaScript (a provincial civil servant belongs to the
    province: Pemprov Banten is `36`).

    Kept in the cache per language (and per number of regions, so a load shows at once): built
    from 552 rows, they were a fifth of a report's time on the server.
    """
    key = f"region-choices:{get_language()}:{Region.objects.count()}"
    return cache.get_or_set(key, _region_choices_built, REGION_CHOICES_SECONDS)


def _region_choices_built():
    groups: dict[str, list[tuple[str, str]]] = {}
    for region in Region.objects.select_related("parent").order_by("code"):
        if region.level == Region.Level.PROVINCE:
            groups[region.name] = [(region.code, gettext("Pemerintah Provinsi %(name)s") % {"name": region.name})]
        else:
            groups[region.parent.name].append((region.code, region.name))
    return [("", gettext("— pilih wilayah —")), *groups.items()]


@functools.lru_cache(maxsize=16)
def _texts(language: str, files: int, size: int) -> dict:
    """The report form's texts made from its settings, per language (made once: a tenth of the
    form's cost at every report)."""
    texts = {
        name: {
            "max_length": gettext("%(label)s: paling banyak %%(limit_value)d karakter (sekarang %%(show_value)d).")
            % {"label": field.label},
            "min_length": gettext("%(label)s: paling sedikit %%(limit_value)d karakter (sekarang %%(show_value)d).")
            % {"label": field.label},
        }
        for name, field in ReportForm.base_fields.items()
    }
    texts["description_help"] = gettext(
        "Siapa, melakukan apa, kapan dan di mana. Paling sedikit %(min)d, paling banyak %(max)s karakter."
    ) % {"min": DESCRIPTION_MIN, "max": intcomma(DESCRIPTION_MAX)}
    texts["evidence_help"] = gettext(
        "1 sampai %(count)d gambar JPEG, PNG atau WebP, masing-masing paling besar %(size)s. "
        "Kirim berkas aslinya, tanpa dipotong atau diedit."
    ) % {"count": files, "size": filesizeformat(size)}
    return texts


class ReportForm(forms.Form):
    required_css_class = "required"

    # You
    anonymous = StrictBooleanField(
        label=_("Kirim sebagai anonim"),
        required=False,
        help_text=_(
            "Nama, email dan telepon Anda tidak disimpan. Anda tidak akan menerima email "
            "pemberitahuan; pantau laporan dengan nomor tiket."
        ),
    )
    # The browser may fill in the citizen's own details, and never the civil servant's with them.
    reporter_name = SingleLineField(
        label=_("Nama Anda"), max_length=NAME_MAX, required=False, widget=forms.TextInput({"autocomplete": "name"})
    )
    reporter_email = forms.EmailField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput({"autocomplete": "email"}),
        error_messages={"invalid": _("Email tidak valid. Tulis seperti nama@contoh.id.")},
        help_text=_("Untuk tanda terima dan kabar perkembangan laporan."),
    )
    reporter_phone = forms.CharField(
        label=_("Nomor telepon atau WhatsApp"),
        max_length=20,
        required=False,
        widget=forms.TextInput({"type": "tel", "autocomplete": "tel"}),
        help_text=_("Misalnya 0812 3456 7890. Petugas menghubungi bila perlu keterangan."),
    )
    share_identity = StrictBooleanField(
        label=_("Lembaga pengawas (Bawaslu, BKN) boleh melihat identitas saya"),
        required=False,
        help_text=_(
            "Jika tidak dicentang, identitas Anda dihitamkan dalam berkas yang dikirim. Instansi tempat ASN "
            "bekerja (BKD, pejabat kepegawaian, Inspektorat) tidak pernah menerimanya."
        ),
    )

    # The civil servant
    asn_name = SingleLineField(
        label=_("Nama ASN yang dilaporkan"),
        max_length=NAME_MAX,
        widget=forms.TextInput({"autocomplete": "off"}),
        error_messages={"required": _("Isi nama ASN yang dilaporkan, atau nama akun resmi instansinya.")},
    )
    asn_nip = forms.CharField(
        label=_("NIP (Nomor Induk Pegawai)"),
        required=False,
        max_length=40,
        widget=forms.TextInput({"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Jika Anda tahu: 18 digit angka, tertera di kartu pegawai atau situs instansi."),
    )
    asn_agency = SingleLineField(
        label=_("Instansi tempat ASN bekerja"),
        max_length=NAME_MAX,
        help_text=_("Misalnya Dinas Komunikasi dan Informatika Provinsi Banten."),
        error_messages={"required": _("Isi instansi tempat ASN bekerja.")},
    )
    asn_position = SingleLineField(label=_("Jabatan ASN"), max_length=NAME_MAX, required=False)
    # Shown as the provinces' grouped list (`_region_choices`, kept); checked by looking the code up.
    asn_region = forms.ModelChoiceField(
        queryset=Region.objects.all(),
        to_field_name="code",
        label=_("Wilayah tempat ASN bekerja"),
        help_text=_("Kabupaten/kota, atau pemerintah provinsi bila ASN bekerja di instansi provinsi."),
        error_messages={
            "required": _("Pilih wilayah tempat ASN bekerja."),
            "invalid_choice": _("Wilayah dengan kode %(value)s tidak dikenal. Pilih dari daftar."),
        },
    )

    # What happened
    election = forms.ModelChoiceField(
        label=_("Pemilihan"),
        queryset=Election.objects.filter(accepts_reports=True),
        to_field_name="slug",
        empty_label=_("— pilih pemilihan —"),
        error_messages={
            "required": _("Pilih pemilihan yang terkait."),
            "invalid_choice": _("Pemilihan yang dipilih tidak dikenal. Pilih dari daftar."),
        },
    )
    platform = forms.ChoiceField(
        label=_("Tempat pelanggaran terlihat"),
        choices=[("", _("— pilih platform —")), *Platform.choices],
        error_messages={
            "required": _("Pilih tempat pelanggaran terlihat."),
            "invalid_choice": _("Platform %(value)s tidak dikenal. Pilih dari daftar."),
        },
    )
    post_url = forms.URLField(
        label=_("Tautan unggahan"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Alamat unggahan, akun atau video, jika ada."),
        error_messages={"invalid": _("Tautan unggahan harus alamat web lengkap yang diawali https:// atau http://.")},
    )
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"),
        input_formats=["%Y-%m-%d"],  # one unambiguous format: 01/02/2024 reads differently by language
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Isi tanggal kejadian."),
            "invalid": _("Tanggal kejadian tidak valid. Gunakan format TTTT-BB-HH, misalnya 2024-01-27."),
        },
    )
    known_date = forms.DateField(
        label=_("Tanggal Anda mengetahuinya"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Kosongkan jika sama dengan tanggal kejadian."),
        error_messages={"invalid": _("Tanggal diketahui tidak valid. Gunakan format TTTT-BB-HH, misalnya 2024-01-28.")},
    )
    behaviours = forms.ModelMultipleChoiceField(
        label=_("Perbuatan yang dilakukan"),
        queryset=Behaviour.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-input"}),  # a 44 px target
        help_text=_("Pilih yang sesuai, boleh lebih dari satu. Petugas akan menilai ulang."),
        error_messages={"invalid_choice": _("Perbuatan dengan kode %(value)s tidak dikenal.")},
    )
    description = forms.CharField(
        label=_("Ceritakan apa yang terjadi"),
        min_length=DESCRIPTION_MIN,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Ceritakan apa yang terjadi.")},
    )

    # Evidence
    evidence = EvidenceField(label=_("Tangkapan layar"))

    consent = StrictBooleanField(
        label=_("Saya menyatakan laporan ini benar dan menyetujui penggunaan data saya sesuai pernyataan di atas."),
        error_messages={"required": _("Centang pernyataan persetujuan agar laporan dapat dikirim.")},
    )

    def __init__(self, *args, uploads_owner: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploads_owner = uploads_owner  # whose held uploads `uploads` may name (`staging.owner_of`)
        # A callable: read when the form is shown or checked, not walked at every form made.
        self.fields["asn_region"].choices = _region_choices
        self._take_staged()
        texts = _texts(get_language(), settings.MAX_EVIDENCE_FILES, settings.MAX_EVIDENCE_BYTES)
        for name, field in self.fields.items():  # length errors name the field, as the summary shows them alone
            field.error_messages.update(texts[name])
        self.fields["description"].help_text = texts["description_help"]
        self.fields["evidence"].help_text = texts["evidence_help"]

    def _take_staged(self) -> None:
        """Screenshots sent ahead (`uploads`: their ids, from a resumable upload or the check
        page) come first among the evidence, checked like the files sent with the form."""
        self.staged, self._staged_error = [], None
        ids = self.data.getlist("uploads") if hasattr(self.data, "getlist") else self.data.get("uploads") or []
        ids = [ids] if isinstance(ids, str) else list(ids)
        if not ids:
            return
        try:
            self.staged = staging.uploads_kept(ids, owner=self.uploads_owner)
        except Invalid as error:
            self._staged_error = error.message
            return
        files = MultiValueDict()
        for name in self.files:
            files.setlist(name, self.files.getlist(name))
        files.setlist("evidence", staging.uploads_open(self.staged) + files.getlist("evidence"))
        self.files = files

    def clean_asn_nip(self):
        nip = re.sub(r"[\s.\-]", "", self.cleaned_data["asn_nip"])
        if not nip:
            return ""
        if not re.fullmatch(r"[0-9]{18}", nip):
            raise forms.ValidationError(
                ngettext_lazy(
                    "NIP harus tepat 18 digit angka (Anda mengisi %(count)d karakter). Kosongkan jika tidak tahu.",
                    "NIP harus tepat 18 digit angka (Anda mengisi %(count)d karakter). Kosongkan jika tidak tahu.",
                    "count",
                ),
                params={"count": len(nip)},
            )
        try:  # digits 1-8 are the date of birth, 9-14 the year and month of appointment
            datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
            datetime.date(int(nip[8:12]), int(nip[12:14]), 1)
        except ValueError:
            raise forms.ValidationError(
                _("NIP tidak sesuai format: 8 digit pertama adalah tanggal lahir (TTTTBBHH). Periksa kembali.")
            ) from None
        return nip

    def clean_reporter_phone(self):
        phone = re.sub(r"[\s\-().]", "", self.cleaned_data["reporter_phone"])
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Nomor telepon harus 8 sampai 15 angka, boleh diawali +."))
        return phone

    def clean_incident_date(self):
        day = self.cleaned_data["incident_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        if day < EARLIEST_INCIDENT:
            raise forms.ValidationError(_("Tanggal kejadian paling awal 1 Januari 2000."))
        return day

    def clean_known_date(self):
        day = self.cleaned_data["known_date"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal diketahui tidak boleh di masa depan."))
        return day

    def clean(self):
        data = super().clean()
        incident, known, election = data.get("incident_date"), data.get("known_date"), data.get("election")
        if incident and known and known < incident:
            self.add_error("known_date", _("Tanggal diketahui tidak boleh sebelum tanggal kejadian."))
        if incident and election and not election.within_stages(incident):
            self.add_error(
                "incident_date",
                _(
                    "Tanggal kejadian %(day)s di luar tahapan %(election)s (%(start)s sampai %(end)s). "
                    "Periksa tanggalnya, atau pilih pemilihan yang sesuai."
                )
                % {
                    "day": date_format(incident, "j F Y"),
                    "election": election.name,
                    "start": date_format(election.stages_start, "j F Y"),
                    "end": date_format(election.stages_end, "j F Y"),
                },
            )
        self.clean_reporter(data)
        if self._staged_error:  # said instead of "upload at least one"
            self.errors.pop("evidence", None)
            self.add_error("evidence", self._staged_error)
        return data

    def clean_reporter(self, data: dict) -> None:
        """A report that is not anonymous needs a name, and an email or a phone number."""
        if not data.get("anonymous"):
            if not data.get("reporter_name") and "reporter_name" not in self.errors:
                self.add_error("reporter_name", _("Isi nama Anda, atau pilih kirim sebagai anonim."))
            if not (data.get("reporter_email") or data.get("reporter_phone")) and not (
                {"reporter_email", "reporter_phone"} & self.errors.keys()
            ):
                self.add_error("reporter_email", _("Isi email atau nomor telepon agar petugas dapat menghubungi Anda."))

    def to_input(self, **extra) -> ReportInput:
        """Return the validated report for `services.report_submit`."""
        data = self.cleaned_data
        anonymous = data.get("anonymous", False)
        return ReportInput(
            anonymous=anonymous,
            reporter_name="" if anonymous else data.get("reporter_name", ""),
            reporter_email="" if anonymous else data.get("reporter_email", ""),
            reporter_phone="" if anonymous else data.get("reporter_phone", ""),
            share_identity=data.get("share_identity", False) and not anonymous,
            asn_name=data["asn_name"],
            asn_nip=data["asn_nip"],
            asn_agency=data["asn_agency"],
            asn_position=data["asn_position"],
            asn_region=data["asn_region"],
            platform=data["platform"],
            post_url=data["post_url"],
            incident_date=data["incident_date"],
            known_date=data["known_date"] or data["incident_date"],
            election=data["election"],
            behaviours=list(data["behaviours"]),
            description=data["description"],
            evidence=data["evidence"],
            staged=self.staged,
            **extra,
        )


class ReplyForm(forms.Form):
    """The reporter's answer to an official's question: the access code proves who answers."""

    access_code = forms.CharField(
        label=_("Kode akses"),
        max_length=20,
        help_text=_("Kode 10 huruf dan angka dari tanda terima, misalnya 7K3MQ-9P2XA."),
        error_messages={"required": _("Isi kode akses dari tanda terima.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    text = forms.CharField(
        label=_("Jawaban Anda"),
        min_length=5,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tulis jawaban Anda.")},
    )
    evidence = EvidenceField(label=_("Tangkapan layar tambahan"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = gettext(
            "Boleh dikosongkan. Paling banyak %(count)d gambar JPEG, PNG atau WebP, "
            "masing-masing paling besar %(size)s."
        ) % {"count": settings.MAX_EVIDENCE_FILES, "size": filesizeformat(settings.MAX_EVIDENCE_BYTES)}
