"""Staff reach tenants' personal data, so every staff member must use two-factor authentication (TOTP)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

from .permissions import viewer_for

# Pages a staff member without TOTP can still reach: setting it up, logging out, switching language.
ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/media/")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_STAFF_2FA
            and not request.path.startswith(ALLOWED_PREFIXES)
            and request.user.is_authenticated
            and (request.user.is_staff or viewer_for(request).is_staff)
            and not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
