"""What the committee may upload: the checks of projects.uploads, plus plain text for its own notes.

Packet documents and the advice document are PDFs or photos (projects.uploads.check_document). The committee's own
documents may also be plain text (UTF-8, no control characters but tabs and line breaks), served as text/plain.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from projects.uploads import MAX_DOCUMENT_BYTES, check_document

TEXT_TYPE = "text/plain; charset=utf-8"
_ALLOWED_CONTROL = {"\t", "\n", "\r", "\f"}


def check_pdf_or_text(upload):
    """The content type of a PDF or a plain-text file under the size cap, or a ValidationError."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("A document may be at most 20 MB."))
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Upload a PDF or a plain text file.")) from error
    if not text.strip() or any(ord(char) < 32 and char not in _ALLOWED_CONTROL for char in text):
        raise ValidationError(_("Upload a PDF or a plain text file."))
    return TEXT_TYPE


def check_packet_document(upload):
    """A PDF or a photo, as every project document."""
    return check_document(upload)
