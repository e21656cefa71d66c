from django.urls import path, re_path

from . import views

urlpatterns = [
    path("reports/", views.ReportCreateView.as_view(), name="api-report-create"),
    path("reports/<str:ticket>/", views.ReportStatusView.as_view(), name="api-report-status"),
    path("elections/", views.ElectionListView.as_view(), name="api-elections"),
    path("regions/", views.RegionListView.as_view(), name="api-regions"),
    path("behaviours/", views.BehaviourListView.as_view(), name="api-behaviours"),
    re_path(r"^(?P<path>.*)$", views.not_found),
]
