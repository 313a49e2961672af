"""allauth adapter: nobody signs up openly (tenants join with the code from their letter, see tenants.views),
and a tenant who logs in gets the interface in the language of their profile."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from .models import TenantProfile


class AccountAdapter(DefaultAccountAdapter):
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
