from django.contrib.auth import views as auth_views
from django.urls import path

from . import official_views, views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("lapor/", views.report_create, name="report-create"),
    path("lapor/terkirim/", views.report_receipt, name="report-receipt"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:ticket>/", views.status_detail, name="status-detail"),
    path("status/<str:ticket>/balas/", views.status_reply, name="status-reply"),
    path("petugas/", official_views.queue, name="official-queue"),
    path("petugas/masuk/", official_views.LoginView.as_view(), name="login"),
    path("petugas/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("petugas/kasus/<str:ticket>/", official_views.case_detail, name="official-case"),
    path("petugas/kasus/<str:ticket>/tindakan/<str:action>/", official_views.case_action, name="official-case-action"),
    path("petugas/kasus/<str:ticket>/identitas/", official_views.case_identity, name="official-case-identity"),
    path(
        "petugas/kasus/<str:ticket>/bukti/<int:evidence_id>/<str:variant>/",
        official_views.case_evidence,
        name="official-case-evidence",
    ),
]
