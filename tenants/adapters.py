"""allauth adapter: nobody signs up openly (tenants join with the code from their letter, see tenants.views),
a tenant who logs in gets the interface in the language of their profile, and the messages tenants meet
while logging in speak to them formally, in plain words (allauth's own Dutch uses "je")."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from renovatie.ratelimits import failed_logins_message

from .models import TenantProfile


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("This e-mail address and password do not match. Please try again."),
        "incorrect_code": _("This code is not right. Please check the e-mail we sent you."),
        "incorrect_password": _("This password is not right."),
        "enter_current_password": _("Please type your current password."),
        "rate_limited": _("Too many requests at once. Please wait a moment and try again."),
    }

    def __init__(self, request=None):
        super().__init__(request)
        # Written per request, in its language, with the window of the configured rate.
        self.error_messages = {**self.error_messages, "too_many_login_attempts": failed_logins_message()}

    def is_open_for_signup(self, request):
        return False

    def post_login(self, request, user, **kwargs):
        language = TenantProfile.objects.filter(user=user).values_list("language", flat=True).first()
        # The "you are logged in" message is written now, so in the tenant's language, not the login page's.
        with translation.override(language or translation.get_language()):
            response = super().post_login(request, user, **kwargs)
        if language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=not settings.DEBUG)
        return response
