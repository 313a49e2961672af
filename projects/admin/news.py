"""News with photos, documents and promises; additions go through the services, which check uploads and emit."""

from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from tenants.models import Membership, Organisation
from tenants.permissions import viewer_for

from .. import services
from ..models import Commitment, Document, Update, UpdatePhoto
from ..uploads import check_document, check_image
from .scoping import ProjectScopedAdmin, ProjectScopedOptions, adopt, owners_for, project_filter, stored_file


class UpdatePhotoForm(forms.ModelForm):
    class Meta:
        model = UpdatePhoto
        fields = ["image", "description"]
        widgets = {"image": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})}

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image and "image" in self.changed_data:
            check_image(image)
        return image


class UpdatePhotoInline(ProjectScopedOptions, admin.StackedInline):
    model = UpdatePhoto
    form = UpdatePhotoForm
    extra = 1
    fields = ["stored_photo", "image", "description"]
    readonly_fields = ["stored_photo"]

    @admin.display(description=_("stored photo"))
    def stored_photo(self, photo):
        return stored_file(photo.image)


@admin.register(Update)
class UpdateAdmin(ProjectScopedAdmin):
    list_display = ["title", "project", "organisation", "author", "published_at"]
    list_filter = [project_filter(), project_filter("organisation")]
    search_fields = ["title", "body", "project__name"]
    list_select_related = ["project", "organisation", "author"]
    fields = ["project", "organisation", "title", "body", "author", "published_at"]
    readonly_fields = ["author", "published_at"]
    inlines = [UpdatePhotoInline]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        update = services.post_update(
            obj.project, author=request.user, organisation=obj.organisation, title=obj.title, body=obj.body
        )
        adopt(obj, update)


@admin.register(UpdatePhoto)
class UpdatePhotoAdmin(ProjectScopedAdmin):
    form = UpdatePhotoForm
    corporation_path = "update__project__corporation"
    list_display = ["description", "update"]
    list_filter = [project_filter("update__project")]
    search_fields = ["description", "update__title"]
    list_select_related = ["update"]
    fields = ["update", "stored_photo", "image", "description"]
    readonly_fields = ["stored_photo"]
    stored_photo = UpdatePhotoInline.stored_photo


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["project", "title", "file", "visibility"]
        widgets = {"file": forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"})}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and "file" in self.changed_data:
            check_document(upload)
        return upload


@admin.register(Document)
class DocumentAdmin(ProjectScopedAdmin):
    form = DocumentAdminForm
    list_display = ["title", "project", "visibility", "content_type", "file_size", "uploaded_at"]
    list_filter = ["visibility", project_filter()]
    search_fields = ["title", "project__name"]
    list_select_related = ["project"]
    readonly_fields = ["stored_file", "content_type", "file_size", "uploaded_by", "uploaded_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["project", "title", "file", "visibility"]
        return ["project", "title", "visibility", "stored_file", "content_type", "file_size", "uploaded_by"]

    @admin.display(description=_("file"))
    def stored_file(self, document):
        return stored_file(document.file)

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, document):
        return filesizeformat(document.size)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        document = services.add_document(
            obj.project,
            uploaded_by=request.user,
            title=obj.title,
            upload=form.cleaned_data["file"],
            visibility=obj.visibility,
        )
        adopt(obj, document)


class CommitmentAdminForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["project", "title", "description", "owner", "organisation", "due_on"]

    def clean(self):
        data = super().clean()
        owner, organisation = data.get("owner"), data.get("organisation")
        if owner and organisation and not Membership.objects.filter(user=owner, organisation=organisation).exists():
            self.add_error("owner", _("The owner must be a member of the organisation."))
        return data


@admin.register(Commitment)
class CommitmentAdmin(ProjectScopedAdmin):
    """Promises are recorded here or on the dashboard; kept or broken is recorded on the dashboard, with a note."""

    form = CommitmentAdminForm
    list_display = ["title", "project", "owner", "organisation", "due_on", "status", "late"]
    list_filter = ["status", project_filter(), "due_on"]
    search_fields = ["title", "description", "owner__email", "project__name"]
    list_select_related = ["project", "owner", "organisation"]
    fields = [
        "project",
        "title",
        "description",
        "owner",
        "organisation",
        "due_on",
        "status",
        "resolved_on",
        "resolution_note",
    ]
    readonly_fields = ["status", "resolved_on", "resolution_note"]

    @admin.display(description=_("late"), boolean=True)
    def late(self, commitment):
        return commitment.is_late

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = owners_for(request)
        elif db_field.name == "organisation":
            organisations = Organisation.objects.exclude(kind=Organisation.Kind.TENANT_ORGANISATION)
            if not request.user.is_superuser:
                organisations = organisations.filter(corporation__in=viewer_for(request).staff_corporation_ids)
            kwargs["queryset"] = organisations
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        commitment = services.record_commitment(
            obj.project,
            title=obj.title,
            description=obj.description,
            owner=obj.owner,
            organisation=obj.organisation,
            due_on=obj.due_on,
            by=request.user,
        )
        adopt(obj, commitment)
