import functools

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_GET

from .health import healthz


@functools.cache
def _api_docs_views() -> dict:
    # drf_spectacular's views bring django.test and Jinja2 (some 11 MB): loaded by the first
    # request for the schema or the docs, not by every web process.
    from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

    return {"schema": SpectacularAPIView.as_view(), "docs": SpectacularSwaggerSplitView.as_view(url_name="schema")}


@require_GET
def api_schema(request, *args, **kwargs):
    return _api_docs_views()["schema"](request, *args, **kwargs)


@require_GET
def api_docs(request, *args, **kwargs):
    return _api_docs_views()["docs"](request, *args, **kwargs)


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("complaints.api.urls")),
    path("api/schema/", api_schema, name="schema"),
    # Swagger UI's scripts come as files (the split view), its page style too (templates/drf_spectacular).
    path("api/docs/", api_docs, name="api-docs"),
    path("", include("complaints.urls")),
]

handler500 = "complaints.api.errors.server_error"
