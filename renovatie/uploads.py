"""Uploaded files leave the site only through views that first check who may see them (never MEDIA_URL)."""

from django.http import FileResponse, Http404


def stream_upload(field_file, content_type, *, as_attachment, public, filename=""):
    """Send a stored upload with the content type the upload check recorded, never sniffed as HTML."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type, as_attachment=as_attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=3600"
    return response
