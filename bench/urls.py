"""The project's URL conf plus the served figures' references (issue 14).

Both pass through the project's whole middleware, as every page does; what they leave out is the
product's own work: the floor view runs one SQL query and answers a few bytes, the plain upload
stores the file with Django's default storage and checks nothing.
"""

from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from complaints.models import Case
from portal.urls import handler500  # noqa: F401 (the project's 500 page)
from portal.urls import urlpatterns as project_urlpatterns


@require_GET
def floor(request, ticket: str):
    """Answer a case's status by its ticket: one query, a tiny response."""
    status = Case.objects.filter(ticket=ticket).values_list("status", flat=True).first()
    return HttpResponse(status or "", content_type="text/plain", status=200 if status else 404)


@csrf_exempt  # as the report API, which has no session and so no CSRF token
@require_POST
def plain_upload(request):
    """Store the uploaded file as it came, with no checks: what any upload costs."""
    upload = request.FILES["evidence"]
    name = default_storage.save(f"bench/{upload.name}", upload)
    return JsonResponse({"name": name}, status=201)


urlpatterns = [
    path("bench/floor/<str:ticket>/", floor, name="bench-floor"),
    path("bench/upload/", plain_upload, name="bench-upload"),
    *project_urlpatterns,
]
