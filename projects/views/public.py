"""The project page anyone may read, and the files on it, streamed only to those who may see them.

Everyone sees what, where, why, when, the phases, milestones, contact and public documents. The project's
households, its contractors and the corporation's staff see more on the same page: news with photos, the
documents for households (staff: also the staff documents) and the commitments. Files are never served from
MEDIA_URL: a file someone may not see answers 404, as if it did not exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.text import slugify
from PIL import Image, UnidentifiedImageError

from renovatie.uploads import stream_upload
from tenants.permissions import viewer_for

from ..models import UpdatePhoto
from ..permissions import ProjectRole, project_role
from ..selectors import project_page, projects_for_pages, visible_documents
from ..uploads import IMAGE_TYPES


def project_detail(request, slug):
    viewer = viewer_for(request)
    project = get_object_or_404(projects_for_pages(household=viewer.household), slug=slug)
    role = project_role(viewer, project)
    page = project_page(project, role, household=viewer.household)
    return render(
        request,
        "projects/public/project_detail.html",
        {"project": project, "page": page, "insider": role >= ProjectRole.HOUSEHOLD},
    )


def document_file(request, slug, document_id):
    project = get_object_or_404(projects_for_pages(), slug=slug)
    role = project_role(viewer_for(request), project)
    document = get_object_or_404(visible_documents(project, role), pk=document_id)
    is_pdf = document.content_type == "application/pdf"
    extension = "pdf" if is_pdf else document.content_type.rsplit("/", 1)[-1]
    return stream_upload(
        document.file,
        document.content_type,
        filename=f"{slugify(document.title) or 'document'}.{extension}",
        as_attachment=is_pdf,
        public=document.visibility == "public",
    )


def update_photo(request, slug, photo_id):
    project = get_object_or_404(projects_for_pages(), slug=slug)
    if project_role(viewer_for(request), project) < ProjectRole.HOUSEHOLD:
        raise Http404
    photo = get_object_or_404(UpdatePhoto, pk=photo_id, update__project=project)
    return stream_upload(photo.image, _image_type(photo.image), as_attachment=False, public=False)


def _image_type(field_file):
    """The content type of a stored photo, read from its content (the uploader chose its name)."""
    try:
        with field_file.open("rb"), Image.open(field_file) as image:
            kind = image.format
    except (FileNotFoundError, UnidentifiedImageError, OSError) as error:
        raise Http404 from error
    if kind not in IMAGE_TYPES:
        raise Http404
    return IMAGE_TYPES[kind]


urlpatterns = [
    path("projecten/<slug:slug>/", project_detail, name="project_detail"),
    path("projecten/<slug:slug>/documenten/<int:document_id>/", document_file, name="project_document"),
    path("projecten/<slug:slug>/fotos/<int:photo_id>/", update_photo, name="project_photo"),
]
