from django.contrib.auth import views as auth_views
from django.urls import path

from . import (
    agency_views,
    converters,  # noqa: F401 (registers the "id" and "ticket" path converters)
    official_views,
    views,
)

urlpatterns = [
    path("", views.landing, name="landing"),
    path("lapor/", views.report_create, name="report-create"),
    path("lapor/terkirim/", views.report_receipt, name="report-receipt"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:ticket>/", views.status_detail, name="status-detail"),
    path("status/<str:ticket>/balas/", views.status_reply, name="status-reply"),
    path("instansi/<str:token>/", agency_views.agency_page, name="agency"),
    path("instansi/<str:token>/berkas/", agency_views.agency_dossier, name="agency-dossier"),
    path("petugas/", official_views.queue, name="official-queue"),
    path("petugas/masuk/", official_views.LoginView.as_view(), name="login"),
    path("petugas/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("petugas/kasus/<ticket:ticket>/", official_views.case_detail, name="official-case"),
    path(
        "petugas/kasus/<ticket:ticket>/tindakan/<str:action>/", official_views.case_action, name="official-case-action"
    ),
    path("petugas/kasus/<ticket:ticket>/identitas/", official_views.case_identity, name="official-case-identity"),
    path(
        "petugas/kasus/<ticket:ticket>/penerusan/<id:forwarding_id>/kirim-ulang/",
        official_views.forwarding_resend,
        name="official-forwarding-resend",
    ),
    path(
        "petugas/kasus/<ticket:ticket>/penerusan/<id:forwarding_id>/surat/",
        official_views.forwarding_letter,
        name="official-forwarding-letter",
    ),
    path(
        "petugas/kasus/<ticket:ticket>/penerusan/<id:forwarding_id>/berkas/",
        official_views.forwarding_dossier,
        name="official-forwarding-dossier",
    ),
    path(
        "petugas/kasus/<ticket:ticket>/bukti/<id:evidence_id>/<str:variant>/",
        official_views.case_evidence,
        name="official-case-evidence",
    ),
]
