from django.contrib.auth import views as auth_views
from django.urls import path

from . import converters  # noqa: F401 (registers the "id" and "ticket" path converters)
from .accounts import views as accounts
from .evidence import views as evidence
from .forwarding import views as forwarding
from .incidents import views as incidents
from .intake import tus
from .intake import views as intake
from .oversight import views as oversight
from .triage import views as triage

urlpatterns = [
    path("", intake.landing, name="landing"),
    path("lapor/", intake.report_create, name="report-create"),
    path("lapor/periksa/", intake.report_check, name="report-check"),
    path("lapor/ubah/", intake.report_change, name="report-change"),
    path("lapor/terkirim/", intake.report_receipt, name="report-receipt"),
    path("lapor/unggah/", tus.upload_create, name="upload-create"),
    path("lapor/unggah/<uuid:upload_id>/", tus.upload_detail, name="upload-detail"),
    path("status/", intake.status_lookup, name="status-lookup"),
    path("status/<str:ticket>/", intake.status_detail, name="status-detail"),
    path("status/<str:ticket>/balas/", intake.status_reply, name="status-reply"),
    path("instansi/<str:token>/", forwarding.agency_page, name="agency"),
    path("instansi/<str:token>/berkas/", forwarding.agency_dossier, name="agency-dossier"),
    path("verifikasi/<uuid:key>/", forwarding.dossier_verify, name="dossier-verify"),
    path("statistik/", oversight.public_statistics, name="public-statistics"),
    path("statistik/data.csv", oversight.public_statistics_csv, name="public-statistics-csv"),
    path("petugas/", triage.queue, name="official-queue"),
    path("petugas/dasbor/", oversight.dashboard_view, name="official-dashboard"),
    path("petugas/dasbor/pengingat/<id:agency_id>/", oversight.agency_remind, name="official-agency-remind"),
    path("petugas/asn/", oversight.register_view, name="official-register"),
    path("petugas/ekspor/", oversight.export_view, name="official-export"),
    path("petugas/masuk/", accounts.LoginView.as_view(), name="login"),
    path("petugas/masuk/kode/", accounts.otp_verify, name="otp-verify"),
    path("petugas/verifikasi-dua-langkah/", accounts.otp_enrol, name="otp-enrol"),
    path("petugas/temuan/baru/", intake.finding_create, name="finding-create"),
    path("petugas/temuan/unggah/", intake.finding_batch, name="finding-batch"),
    path("petugas/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("petugas/kasus/<ticket:ticket>/", triage.case_detail, name="official-case"),
    path("petugas/massal/", triage.case_bulk, name="official-bulk"),
    path("petugas/insiden/<id:incident_id>/<str:action>/", incidents.incident_action, name="official-incident-action"),
    path("petugas/kasus/<ticket:ticket>/tindakan/<str:action>/", triage.case_action, name="official-case-action"),
    path("petugas/kasus/<ticket:ticket>/identitas/", triage.case_identity, name="official-case-identity"),
    path(
        "petugas/kasus/<ticket:ticket>/penerusan/<id:forwarding_id>/kirim-ulang/",
        forwarding.forwarding_resend,
        name="official-forwarding-resend",
    ),
    path(
        "petugas/kasus/<ticket:ticket>/penerusan/<id:forwarding_id>/surat/",
        forwarding.forwarding_document,
        {"document": "letter"},
        name="official-forwarding-letter",
    ),
    path(
        "petugas/kasus/<ticket:ticket>/penerusan/<id:forwarding_id>/berkas/",
        forwarding.forwarding_document,
        {"document": "dossier"},
        name="official-forwarding-dossier",
    ),
    path(  # before the files' pattern, whose variant would take "proses-ulang"
        "petugas/kasus/<ticket:ticket>/bukti/<id:evidence_id>/proses-ulang/",
        evidence.case_evidence_reprocess,
        name="official-case-evidence-reprocess",
    ),
    path(
        "petugas/kasus/<ticket:ticket>/bukti/<id:evidence_id>/<str:variant>/",
        evidence.case_evidence,
        name="official-case-evidence",
    ),
]
