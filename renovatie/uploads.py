"""Uploaded files leave the site only through views that first check who may see them (never MEDIA_URL).

What people upload is checked by its content when it comes in (projects/uploads.py, advice/uploads.py); on the
way out it can still never act as a page of this site: only a photo is shown in the browser, anything else is a
download, the browser may not guess another type (nosniff), and the response's own Content Security Policy
sandboxes it and allows it no script, style, frame or connection.
"""

from django.http import FileResponse, Http404

INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}
UPLOAD_POLICY = "default-src 'none'; img-src 'self'; sandbox"


def stream_upload(field_file, content_type, *, as_attachment, public, filename=""):
    """Send a stored upload with the content type the upload check recorded, never sniffed as HTML."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    if content_type not in INLINE_TYPES:
        as_attachment = True
    response = FileResponse(handle, content_type=content_type, as_attachment=as_attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = UPLOAD_POLICY
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=3600"
    return response
