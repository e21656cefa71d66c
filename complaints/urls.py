from django.urls import path

from . import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("lapor/", views.report_create, name="report-create"),
    path("lapor/terkirim/", views.report_receipt, name="report-receipt"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:ticket>/", views.status_detail, name="status-detail"),
    path("status/<str:ticket>/balas/", views.status_reply, name="status-reply"),
]
