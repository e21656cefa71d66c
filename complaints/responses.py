from django.http import FileResponse


def private_file(handle, *, content_type: str, filename: str, attachment: bool = False) -> FileResponse:
    """Return a file from private storage: never cached, never sniffed as another type."""
    response = FileResponse(handle, content_type=content_type, as_attachment=attachment, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
