"""Uploads are judged by what they contain, not by their name, and by size; and whatever was stored can never act
as a page of this site: a photo is shown as a photo, everything else is downloaded, nosniff, in a sandbox."""

import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from django.utils import translation
from PIL import Image

from advice.uploads import check_pdf_or_text
from feedback.models import Post, Thread, ThreadPhoto
from projects.uploads import MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, check_document, check_image
from renovatie.uploads import UPLOAD_POLICY, stream_upload
from tests.factories import project_in_execution, tenant

ROOT = Path(__file__).resolve().parent.parent
EXE = b"MZ\x90\x00\x03" + b"\x00" * 64 + b"This program cannot be run in DOS mode"  # a Windows program
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def png(size=(4, 4)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("check", "name", "content", "claimed"),
    [
        (check_image, "vakantie.jpg", EXE, "image/jpeg"),
        (check_image, "lek.svg", SVG, "image/svg+xml"),
        (check_image, "foto.png", HTML, "image/png"),
        (check_document, "brief.pdf", HTML, "application/pdf"),
        (check_document, "plattegrond.svg", SVG, "image/svg+xml"),
        (check_document, "setup.pdf", EXE, "application/pdf"),
        (check_pdf_or_text, "notulen.txt", EXE, "text/plain"),
    ],
    ids=["exe-as-jpg", "svg-photo", "html-as-png", "html-as-pdf", "svg-document", "exe-as-pdf", "exe-as-text"],
)
def test_a_file_is_refused_for_what_it_contains_whatever_its_name(check, name, content, claimed):
    with pytest.raises(ValidationError) as refused:
        check(upload(name, content, claimed))
    assert refused.value.messages[0].strip()


def test_a_real_photo_is_accepted_by_its_content_even_with_a_wrong_name():
    assert check_image(upload("foto.pdf", png(), "application/pdf")) == "image/png"


@pytest.mark.parametrize(
    ("check", "limit", "message"),
    [
        (check_image, MAX_IMAGE_BYTES, "A photo may be at most 10 MB."),
        (check_document, MAX_DOCUMENT_BYTES, "A document may be at most 20 MB."),
        (check_pdf_or_text, MAX_DOCUMENT_BYTES, "A document may be at most 20 MB."),
    ],
)
def test_a_file_over_the_size_cap_is_refused_with_the_cap_in_words(check, limit, message):
    oversize = upload("groot.pdf", b"%PDF-1.4\n" + b"0" * limit, "application/pdf")
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        check(oversize)


@pytest.mark.django_db
def test_a_problem_report_with_an_exe_renamed_as_jpg_saves_nothing_and_says_why(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    settings.LANGUAGE_CODE = "en"
    project = project_in_execution(homes=2)
    client.force_login(tenant(project.home_plans.first().household))
    counts = (Thread.objects.count(), Post.objects.count(), ThreadPhoto.objects.count())

    response = client.post(
        f"/projecten/{project.slug}/gesprekken/nieuw/",
        {
            "kind": "problem",
            "title": "Lekkage",
            "body": "Water in de badkamer",
            "photo_1": upload("lekkage.jpg", EXE),
            "description_1": "De badkamer",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert re.search(r"(not a photo|Upload a valid image)", response.content.decode())
    assert (Thread.objects.count(), Post.objects.count(), ThreadPhoto.objects.count()) == counts


class Stored:
    """A stored file as a FileField gives it to stream_upload."""

    def __init__(self, content):
        self.content = content

    def open(self, mode):
        return io.BytesIO(self.content)


@pytest.mark.parametrize(
    ("content_type", "asked_inline", "disposition"),
    [
        ("image/png", False, "inline"),
        ("application/pdf", False, "attachment"),
        ("text/plain; charset=utf-8", False, "attachment"),
        ("text/html", False, "attachment"),  # never stored, but even then never shown as a page
        ("image/svg+xml", False, "attachment"),
    ],
)
def test_a_stored_file_is_sent_sandboxed_nosniff_and_only_a_photo_inline(content_type, asked_inline, disposition):
    response = stream_upload(Stored(HTML), content_type, as_attachment=asked_inline, public=False, filename="x")

    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == UPLOAD_POLICY
    assert "sandbox" in UPLOAD_POLICY and "default-src 'none'" in UPLOAD_POLICY


@pytest.mark.django_db
def test_a_photo_served_by_a_page_keeps_its_own_sandbox_policy_not_the_sites(client, settings, tmp_path):
    from feedback import services

    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    project = project_in_execution(homes=2)
    reporter = tenant(project.home_plans.first().household)
    thread = services.start_thread(
        project=project,
        kind=Thread.Kind.PROBLEM,
        title="Scheur",
        body="Een scheur in de muur",
        author=reporter,
        photos=[(upload("scheur.png", png(), "image/png"), "De muur")],
    )
    photo = thread.photos.get()
    client.force_login(reporter)

    response = client.get(f"/gesprekken/{thread.pk}/fotos/{photo.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"] == UPLOAD_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_view_streams_a_file_but_through_the_one_checked_path():
    """FileResponse is used in renovatie/uploads.py only, so every stored file leaves the site with its sandbox,
    nosniff and download rules; and nothing serves the media folder by its address."""
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if any(part in {".venv", "tests", "bench", "migrations", "node_modules"} for part in path.parts):
            continue
        if path != ROOT / "renovatie" / "uploads.py" and "FileResponse" in path.read_text(encoding="utf-8"):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
    with pytest.raises(Resolver404):
        resolve("/media/feedback/scheur.png")
