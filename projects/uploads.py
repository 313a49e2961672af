"""Uploads are checked by what they contain, not by their name, and by size."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def check_image(upload):
    """The content type of a JPEG, PNG or WebP photo under the size cap, or a ValidationError."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("A photo may be at most 10 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("This file is not a photo we can show (use JPEG, PNG or WebP).")) from error
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise ValidationError(_("This file is not a photo we can show (use JPEG, PNG or WebP)."))
    return IMAGE_TYPES[kind]


def check_document(upload):
    """The content type of a PDF or photo under the size cap, or a ValidationError."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("A document may be at most 20 MB."))
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return "application/pdf"
    return check_image(upload)
