"""Each home's plan and its parts: work, choices, compensation (with the dated moving allowance rate) and the
temporary home."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.permissions import viewer_for

from ..models import (
    AllowanceRate,
    Appointment,
    ChoiceOption,
    ChoiceTopic,
    Compensation,
    HomeChoice,
    HomePlan,
    TemporaryHome,
    WorkItem,
)
from .scoping import ProjectScopedAdmin, ProjectScopedOptions, ReadOnlyLogMixin, project_filter


class HomePlanAdminForm(forms.ModelForm):
    class Meta:
        model = HomePlan
        fields = ["project", "household", "coach", "must_leave_home", "starts_on", "ends_on", "notes"]

    def clean(self):
        data = super().clean()
        project, household = data.get("project"), data.get("household")
        if project and household and not project.complexes.filter(pk=household.dwelling.complex_id).exists():
            self.add_error("household", _("This home is not in one of the project's complexes."))
        return data


class HomeChoiceAdminForm(forms.ModelForm):
    """An option of the choice itself, and a choice of the home's own project."""

    class Meta:
        model = HomeChoice
        fields = ["home_plan", "topic", "option"]

    def clean(self):
        data = super().clean()
        topic, option = data.get("topic"), data.get("option")
        home_plan = data.get("home_plan") or (self.instance.home_plan if self.instance.home_plan_id else None)
        if topic and option and option.topic_id != topic.pk:
            self.add_error("option", _("Pick one of this choice's own options."))
        if topic and home_plan and topic.project_id != home_plan.project_id:
            self.add_error("topic", _("This choice belongs to another project."))
        return data


class WorkItemInline(ProjectScopedOptions, admin.StackedInline):
    model = WorkItem
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}
    fields = [
        ("kind", "starts_on", "ends_on"),
        "description",
        "tenant_preparation",
        ("days_without_water", "days_without_kitchen", "days_without_shower"),
    ]


class CompensationInline(ProjectScopedOptions, admin.TabularInline):
    model = Compensation
    extra = 0
    fields = ["kind", "description", "amount", "reference_date", "status", "paid_on"]


class TemporaryHomeInline(ProjectScopedOptions, admin.StackedInline):
    model = TemporaryHome
    extra = 0
    fields = ["address", ("moves_in_on", "moves_out_on"), "rent_rule"]


class HomeChoiceInline(ProjectScopedOptions, admin.TabularInline):
    model = HomeChoice
    form = HomeChoiceAdminForm
    extra = 0
    fields = ["topic", "option", "decided_at", "decided_by"]
    readonly_fields = ["decided_at", "decided_by"]


class AppointmentInline(ReadOnlyLogMixin, ProjectScopedOptions, admin.TabularInline):
    model = Appointment
    extra = 0
    fields = ["slot", "status", "tenant_note"]
    readonly_fields = fields
    show_change_link = True


@admin.register(HomePlan)
class HomePlanAdmin(ProjectScopedAdmin):
    form = HomePlanAdminForm
    list_display = ["household", "project", "must_leave_home", "starts_on", "ends_on", "coach"]
    list_filter = [project_filter(), "must_leave_home"]
    search_fields = [
        "household__dwelling__street",
        "household__dwelling__postcode",
        "household__tenancy_reference",
        "project__name",
    ]
    list_select_related = ["household__dwelling", "project", "coach"]
    autocomplete_fields = ["household", "coach"]
    inlines = [WorkItemInline, HomeChoiceInline, CompensationInline, TemporaryHomeInline, AppointmentInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is HomeChoice:
            for home_choice in formset.save(commit=False):
                if "option" in _changed_fields(formset, home_choice):
                    _stamp_choice(home_choice, request)
                home_choice.save()
            for removed in formset.deleted_objects:
                removed.delete()
            return
        super().save_formset(request, form, formset, change)


def _changed_fields(formset, instance):
    for inline_form in formset.forms:
        if inline_form.instance is instance:
            return inline_form.changed_data
    return []


def _stamp_choice(home_choice, request):
    home_choice.decided_at = timezone.now() if home_choice.option_id else None
    home_choice.decided_by = request.user if home_choice.option_id else None


@admin.register(WorkItem)
class WorkItemAdmin(ProjectScopedAdmin):
    corporation_path = "home_plan__project__corporation"
    list_display = ["kind", "home_plan", "starts_on", "ends_on", "days_without_water", "days_without_shower"]
    list_filter = ["kind", project_filter("home_plan__project")]
    search_fields = [
        "description",
        "home_plan__household__dwelling__street",
        "home_plan__household__dwelling__postcode",
    ]
    list_select_related = ["home_plan__project", "home_plan__household__dwelling"]


class ChoiceOptionInline(ProjectScopedOptions, admin.TabularInline):
    model = ChoiceOption
    extra = 1
    fields = ["label", "description", "extra_cost"]


@admin.register(ChoiceTopic)
class ChoiceTopicAdmin(ProjectScopedAdmin):
    list_display = ["title", "project", "deadline"]
    list_filter = [project_filter()]
    search_fields = ["title", "description", "project__name"]
    list_select_related = ["project"]
    inlines = [ChoiceOptionInline]


@admin.register(ChoiceOption)
class ChoiceOptionAdmin(ProjectScopedAdmin):
    corporation_path = "topic__project__corporation"
    list_display = ["label", "topic", "extra_cost"]
    list_filter = [project_filter("topic__project")]
    search_fields = ["label", "description", "topic__title"]
    list_select_related = ["topic"]


@admin.register(HomeChoice)
class HomeChoiceAdmin(ProjectScopedAdmin):
    form = HomeChoiceAdminForm
    corporation_path = "home_plan__project__corporation"
    list_display = ["home_plan", "topic", "option", "decided_at"]
    list_filter = [
        project_filter("home_plan__project"),
        project_filter("topic"),
        ("option", admin.EmptyFieldListFilter),
    ]
    search_fields = [
        "topic__title",
        "home_plan__household__dwelling__street",
        "home_plan__household__dwelling__postcode",
    ]
    list_select_related = ["home_plan__project", "home_plan__household__dwelling", "topic", "option"]
    autocomplete_fields = ["home_plan"]
    readonly_fields = ["decided_at", "decided_by"]

    def save_model(self, request, obj, form, change):
        if "option" in form.changed_data:
            _stamp_choice(obj, request)
        super().save_model(request, obj, form, change)


# --- Money and the temporary home ----------------------------------------------------------------------------


@admin.register(AllowanceRate)
class AllowanceRateAdmin(admin.ModelAdmin):
    """One dated amount for everyone (see the module docstring for who may change it)."""

    list_display = ["kind", "valid_from", "amount"]
    list_filter = ["kind"]
    search_fields = ["kind", "valid_from"]
    date_hierarchy = "valid_from"

    def has_module_permission(self, request):
        return viewer_for(request).is_staff

    def has_view_permission(self, request, obj=None):
        return viewer_for(request).is_staff

    def has_add_permission(self, request):
        return request.user.is_superuser or bool(viewer_for(request).lead_corporation_ids)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Compensation)
class CompensationAdmin(ProjectScopedAdmin):
    corporation_path = "home_plan__project__corporation"
    list_display = ["__str__", "home_plan", "kind", "amount_owed", "reference_date", "status"]
    list_filter = ["kind", "status", project_filter("home_plan__project")]
    search_fields = [
        "description",
        "home_plan__household__dwelling__street",
        "home_plan__household__dwelling__postcode",
    ]
    list_select_related = ["home_plan__project", "home_plan__household__dwelling"]

    def get_queryset(self, request):
        rate = AllowanceRate.objects.filter(
            kind=AllowanceRate.Kind.MOVING, valid_from__lte=OuterRef("reference_date")
        ).order_by("-valid_from")
        return super().get_queryset(request).annotate(moving_rate=Subquery(rate.values("amount")[:1]))

    @admin.display(description=_("amount (€)"))
    def amount_owed(self, compensation):
        if compensation.amount is not None:
            return compensation.amount
        if compensation.moving_rate is None:
            return _("no rate known for this date yet")
        return compensation.moving_rate


@admin.register(TemporaryHome)
class TemporaryHomeAdmin(ProjectScopedAdmin):
    corporation_path = "home_plan__project__corporation"
    list_display = ["address", "home_plan", "moves_in_on", "moves_out_on", "rent_rule"]
    list_filter = ["rent_rule", project_filter("home_plan__project")]
    search_fields = ["address", "home_plan__household__dwelling__street"]
    list_select_related = ["home_plan__project", "home_plan__household__dwelling"]
    autocomplete_fields = ["home_plan"]
