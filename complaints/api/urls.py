from django.urls import path, re_path

from .. import converters  # noqa: F401 (registers the "id" and "ticket" path converters)
from . import official_views, views

urlpatterns = [
    path("reports/", views.ReportCreateView.as_view(), name="api-report-create"),
    path("reports/<str:ticket>/", views.ReportStatusView.as_view(), name="api-report-status"),
    path("reports/<str:ticket>/replies/", views.ReportReplyView.as_view(), name="api-report-reply"),
    path("auth/token/", official_views.TokenView.as_view(), name="api-token"),
    path("cases/", official_views.CaseListView.as_view(), name="api-cases"),
    path("cases/<ticket:ticket>/", official_views.CaseDetailView.as_view(), name="api-case"),
    path(
        "cases/<ticket:ticket>/actions/<str:action>/", official_views.CaseActionView.as_view(), name="api-case-action"
    ),
    path("cases/<ticket:ticket>/reporter/", official_views.CaseReporterView.as_view(), name="api-case-reporter"),
    path(
        "cases/<ticket:ticket>/dossier/<id:agency_id>/",
        official_views.CaseDossierView.as_view(),
        name="api-case-dossier",
    ),
    path("agencies/", official_views.AgencyListView.as_view(), name="api-agencies"),
    path(
        "cases/<ticket:ticket>/evidence/<id:evidence_id>/<str:variant>/",
        official_views.CaseEvidenceView.as_view(),
        name="api-case-evidence",
    ),
    path("elections/", views.ElectionListView.as_view(), name="api-elections"),
    path("regions/", views.RegionListView.as_view(), name="api-regions"),
    path("behaviours/", views.BehaviourListView.as_view(), name="api-behaviours"),
    re_path(r"^(?P<path>[\s\S]*)$", views.not_found),  # any path, newlines too
]
