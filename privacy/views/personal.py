"""The privacy page (for everyone) and a person's own data: an overview with the download as JSON and as a
printable page, and deleting the account. Nothing here takes an id: a signed-in person only ever gets their own
data. Anonymous visitors go to the login page (except on the privacy page)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from tenants.models import TenantProfile

from ..erasure import account_deletion_refused, delete_account
from ..export import as_json, as_tables, log_export
from ..forms import DeleteAccountForm, ProfileForm


def privacy_page(request):
    return render(request, "privacy/privacy.html", {"retention_years": settings.PRIVACY_RETENTION_DAYS // 365})


@login_required
def my_data(request):
    return render(request, "privacy/my_data.html", {"refusal": account_deletion_refused(request.user)})


@require_GET
@login_required
def my_data_json(request):
    log_export(request.user, "json")
    response = HttpResponse(as_json(request.user), content_type="application/json; charset=utf-8")
    filename = f"mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def my_data_page(request):
    log_export(request.user, "html")
    response = render(request, "privacy/my_data_page.html", {"tables": as_tables(request.user)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def edit_profile(request):
    """Correct the name neighbours see, the language and the accessibility needs (tenants only: 404 otherwise)."""
    profile = get_object_or_404(TenantProfile, user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        translation.activate(profile.language)
        messages.success(request, _("Your details are saved."))
        response = redirect("my_data")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, profile.language, samesite="Lax")
        return response
    return render(request, "privacy/profile.html", {"form": form}, status=400 if form.is_bound else 200)


# Password guesses allowed on the delete form per person: someone at an unlocked screen cannot try many.
DELETE_ATTEMPT_RATE = "5/15m"


@login_required
def delete_my_account(request):
    refusal = account_deletion_refused(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and is_ratelimited(
        request, group="privacy-delete", key="user", rate=DELETE_ATTEMPT_RATE, increment=True
    ):
        form.is_valid()  # shows the other errors too, but nothing is deleted
        form.add_error(None, _("Too many attempts. Wait a quarter of an hour and try again."))
        return render(request, "privacy/delete_account.html", {"form": form, "refusal": refusal}, status=429)
    if request.method == "POST" and refusal is None and form.is_valid():
        delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("home")
    status = 403 if refusal else (400 if form.is_bound else 200)
    return render(request, "privacy/delete_account.html", {"form": form, "refusal": refusal}, status=status)


urlpatterns = [
    path("privacy/", privacy_page, name="privacy"),
    path("mijn-gegevens/", my_data, name="my_data"),
    path("mijn-gegevens/download.json", my_data_json, name="my_data_json"),
    path("mijn-gegevens/overzicht/", my_data_page, name="my_data_page"),
    path("mijn-gegevens/profiel/", edit_profile, name="edit_profile"),
    path("mijn-gegevens/account-verwijderen/", delete_my_account, name="delete_account"),
]
