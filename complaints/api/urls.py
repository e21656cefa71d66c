from django.urls import path, re_path

from .. import converters  # noqa: F401 (registers the "id" and "ticket" path converters)
from .officials import incidents, oversight
from .officials import views as officials
from .public import views as public

urlpatterns = [
    path("reports/", public.ReportCreateView.as_view(), name="api-report-create"),
    path("reports/<str:ticket>/", public.ReportStatusView.as_view(), name="api-report-status"),
    path("reports/<str:ticket>/replies/", public.ReportReplyView.as_view(), name="api-report-reply"),
    path("challenge/", public.ChallengeView.as_view(), name="api-challenge"),
    path("elections/", public.ElectionListView.as_view(), name="api-elections"),
    path("regions/", public.RegionListView.as_view(), name="api-regions"),
    path("behaviours/", public.BehaviourListView.as_view(), name="api-behaviours"),
    path("auth/token/", officials.TokenView.as_view(), name="api-token"),
    path("public-stats/", public.PublicStatsView.as_view(), name="api-public-stats"),
    path("stats/", oversight.StatsView.as_view(), name="api-stats"),
    path("officials/", oversight.RegisterView.as_view(), name="api-officials"),
    path("cases/", officials.CaseListView.as_view(), name="api-cases"),
    path("cases/export/", oversight.ExportView.as_view(), name="api-cases-export"),  # before a ticket's path
    path("cases/bulk/", incidents.CaseBulkView.as_view(), name="api-cases-bulk"),
    path("incidents/", incidents.IncidentListView.as_view(), name="api-incidents"),
    path(
        "incidents/<id:incident_id>/actions/<str:action>/",
        incidents.IncidentActionView.as_view(),
        name="api-incident-action",
    ),
    path("cases/<ticket:ticket>/", officials.CaseDetailView.as_view(), name="api-case"),
    path("cases/<ticket:ticket>/actions/<str:action>/", officials.CaseActionView.as_view(), name="api-case-action"),
    path("cases/<ticket:ticket>/reporter/", officials.CaseReporterView.as_view(), name="api-case-reporter"),
    path("cases/<ticket:ticket>/dossier/<id:agency_id>/", officials.CaseDossierView.as_view(), name="api-case-dossier"),
    path(
        "cases/<ticket:ticket>/evidence/<id:evidence_id>/<str:variant>/",
        officials.CaseEvidenceView.as_view(),
        name="api-case-evidence",
    ),
    path("agencies/", officials.AgencyListView.as_view(), name="api-agencies"),
    re_path(r"^(?P<path>[\s\S]*)$", public.not_found),  # any path, newlines too
]
