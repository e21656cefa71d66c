"""An official's own findings (temuan; DOMAIN.md): one at a time, or a monitoring team's batch
as a CSV with its screenshots in a ZIP. A finding is a report without a reporter."""

import csv
import io
import zipfile

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import jurisdiction
from ..models import Case
from .forms import ReportForm
from .services import ReportInput

REPORTER_FIELDS = ("anonymous", "reporter_name", "reporter_email", "reporter_phone", "share_identity", "consent")
MAX_BATCH_ROWS = 200  # a day's monitoring of one team; more is split into several uploads
MAX_CSV_BYTES = 2 * 2**20
LIST_SEPARATOR = ";"  # between behaviour codes, and between screenshot names, in one cell


class FindingForm(ReportForm):
    """The report's fields without the reporter's; the region within the official's own."""

    def __init__(self, *args, official=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REPORTER_FIELDS:
            del self.fields[name]
        self.official = official
        if official is not None:
            self.fields["asn_region"].choices = jurisdiction.region_choices(official, self.fields["asn_region"].choices)

    def clean_asn_region(self):
        region = self.cleaned_data["asn_region"]  # looked up by the field
        if self.official is not None and not jurisdiction.covers(self.official, region):
            raise forms.ValidationError(_("Wilayah %(region)s di luar wilayah kerja Anda."), params={"region": region})
        return region

    def clean_reporter(self, data: dict) -> None:
        """A finding has no reporter."""

    def to_input(self, **extra) -> ReportInput:
        return super().to_input(source=Case.Source.TEMUAN, recorded_by=self.official, **extra)


def _dialect_of(text: str):
    """Commas, or the semicolons of a spreadsheet saved in an Indonesian locale, or tabs."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t")
    except csv.Error:  # a single column: nothing to tell
        return csv.excel


class FindingBatchForm(forms.Form):
    """A CSV of findings, a row each with the report's columns and `evidence` naming the row's
    screenshots in the ZIP (several separated by ";"). Every row is checked as a single finding
    is; one bad row refuses the whole upload, with each row's errors."""

    findings = forms.FileField(label=_("Daftar temuan (CSV)"))
    screenshots = forms.FileField(label=_("Tangkapan layar (ZIP)"))

    def __init__(self, *args, official=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.official = official
        self.rows: list[FindingForm] = []
        self.row_errors: dict[int, dict[str, list[str]]] = {}
        self.fields["findings"].help_text = gettext(
            "Baris pertama berisi nama kolom seperti isian laporan (asn_name, asn_agency, asn_region, "
            "platform, incident_date, election, description, behaviours, evidence ...). Paling banyak "
            "%(rows)d baris."
        ) % {"rows": MAX_BATCH_ROWS}
        self.fields["screenshots"].help_text = gettext(
            "Berkas ZIP berisi tangkapan layar yang disebut kolom evidence, masing-masing paling besar %(size)s."
        ) % {"size": filesizeformat(settings.MAX_EVIDENCE_BYTES)}

    def clean_findings(self):
        upload = self.cleaned_data["findings"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("CSV melebihi %(size)s."), params={"size": filesizeformat(MAX_CSV_BYTES)})
        try:
            text = upload.read().decode("utf-8-sig")
            reader = csv.DictReader(io.StringIO(text), dialect=_dialect_of(text))
            self._columns_check(reader.fieldnames or [])
            rows = list(reader)
        except (UnicodeDecodeError, csv.Error):
            raise forms.ValidationError(_("Berkas temuan harus CSV dengan pengodean UTF-8.")) from None
        if not rows:
            raise forms.ValidationError(_("CSV tidak berisi satu baris temuan pun."))
        if len(rows) > MAX_BATCH_ROWS:
            raise forms.ValidationError(
                _("CSV berisi %(count)d baris; paling banyak %(limit)d."),
                params={"count": len(rows), "limit": MAX_BATCH_ROWS},
            )
        return rows

    @staticmethod
    def _columns_check(header: list[str]) -> None:
        """Refuse a header with a column the form does not know, or without a required one."""
        fields = FindingForm().fields
        columns = [name.strip() for name in header]
        unknown = [name for name in columns if name and name not in fields]
        missing = [name for name, field in fields.items() if field.required and name not in columns]
        problems = []
        if unknown:
            problems.append(
                gettext("Kolom tidak dikenal: %(unknown)s. Kolom yang dikenal: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(fields)}
            )
        if missing:
            problems.append(gettext("Kolom wajib tidak ada: %(missing)s.") % {"missing": ", ".join(missing)})
        if problems:
            raise forms.ValidationError(problems)

    def clean_screenshots(self):
        upload = self.cleaned_data["screenshots"]
        limit = MAX_BATCH_ROWS * settings.MAX_EVIDENCE_FILES * settings.MAX_EVIDENCE_BYTES
        try:
            archive = zipfile.ZipFile(upload)
            members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        except zipfile.BadZipFile:
            raise forms.ValidationError(_("Berkas tangkapan layar harus ZIP.")) from None
        if sum(info.file_size for info in members.values()) > limit:  # declared sizes: a bomb stops here
            raise forms.ValidationError(_("Isi ZIP terlalu besar."))
        return archive, members

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        archive, members = data["screenshots"]
        for number, row in enumerate(data["findings"], start=2):  # row 1 is the header
            files, missing = self._files_of(row, archive, members)
            form = FindingForm(self._fields_of(row), {"evidence": files}, official=self.official)
            errors = {} if form.is_valid() else {field: list(messages) for field, messages in form.errors.items()}
            if missing:
                errors["evidence"] = [
                    gettext("Tidak ada di ZIP, atau lebih besar dari %(size)s: %(names)s.")
                    % {"size": filesizeformat(settings.MAX_EVIDENCE_BYTES), "names": ", ".join(missing)}
                ]
            if errors:
                self.row_errors[number] = errors
            else:
                self.rows.append(form)
        if self.row_errors:
            raise forms.ValidationError(
                ngettext_lazy(
                    "%(count)d baris tidak valid; tidak ada temuan yang disimpan. Perbaiki lalu unggah lagi.",
                    "%(count)d baris tidak valid; tidak ada temuan yang disimpan. Perbaiki lalu unggah lagi.",
                    "count",
                ),
                params={"count": len(self.row_errors)},
            )
        return data

    @staticmethod
    def _fields_of(row: dict) -> dict:
        fields = {key.strip(): (value or "").strip() for key, value in row.items() if key}
        fields["behaviours"] = [
            code.strip() for code in fields.get("behaviours", "").split(LIST_SEPARATOR) if code.strip()
        ]
        return fields

    @staticmethod
    def _files_of(row: dict, archive: zipfile.ZipFile, members: dict) -> tuple[list, list[str]]:
        """Return the row's screenshots read from the ZIP, and the names that are not there."""
        names = [name.strip() for name in (row.get("evidence") or "").split(LIST_SEPARATOR) if name.strip()]
        files, missing = [], []
        for name in names:
            info = members.get(name)
            if info is None or info.file_size > settings.MAX_EVIDENCE_BYTES:
                missing.append(name)
            else:
                files.append(SimpleUploadedFile(name, archive.read(info)))
        return files, missing

    def to_inputs(self) -> list[ReportInput]:
        return [form.to_input() for form in self.rows]
