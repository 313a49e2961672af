"""Activation by letter: the code first (rate-limited per address), then the account, then "Mijn renovatie"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from renovatie.ratelimits import wrong_codes_message

from ..forms import AccountDetailsForm, ActivationCodeForm
from ..invitations import InvitationError, redeem
from ..models import Invitation
from ..tasks import send_welcome_email

SESSION_KEY = "activation_invitation_id"


def _attempts(request, *, count_one=False):
    return get_usage(
        request, group="activation-code", key="ip", rate=settings.INVITATION_ATTEMPT_RATE, increment=count_one
    )


def _too_many_attempts(request):
    """Whether this address has used up its wrong codes for now. Only looks: a wrong code counts afterwards."""
    usage = _attempts(request)
    return usage is not None and usage["count"] >= usage["limit"]


def activate(request):
    if request.method == "POST":
        form = ActivationCodeForm(request.POST)
        if _too_many_attempts(request):
            form.is_valid()  # keep what was typed on the page
            form.errors.clear()
            form.add_error(None, wrong_codes_message(settings.INVITATION_ATTEMPT_RATE))
            return render(request, "tenants/activate_code.html", {"form": form}, status=429)
        if form.is_valid():
            request.session[SESSION_KEY] = form.invitation.pk
            return redirect("activate_account")
        _attempts(request, count_one=True)
    else:
        form = ActivationCodeForm(initial={"code": request.GET.get("code", "")})
    return render(request, "tenants/activate_code.html", {"form": form})


def activate_account(request):
    invitation = (
        Invitation.objects.select_related("household__dwelling")
        .filter(pk=request.session.get(SESSION_KEY), used_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        messages.info(request, _("Please enter the code from your letter first."))
        return redirect("activate")
    form = AccountDetailsForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = redeem(
                invitation.pk,
                email=data["email"],
                password=data["password1"],
                display_name=data["display_name"],
                language=data["language"],
            )
        except InvitationError as error:
            form.add_error(None, str(error))
        else:
            del request.session[SESSION_KEY]
            login(request, user, backend="tenants.backends.AuthenticationBackend")
            transaction.on_commit(lambda: send_welcome_email.delay(user.pk), robust=True)
            translation.activate(data["language"])
            messages.success(request, _("Welcome! Your account is ready and linked to your home."))
            response = redirect("my_renovation")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, data["language"], samesite="Lax")
            return response
    return render(request, "tenants/activate_account.html", {"form": form, "dwelling": invitation.household.dwelling})
