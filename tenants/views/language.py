"""Switching the interface language. A tenant's choice is also saved on their profile, so the e-mails and the
bell that are rendered later, without a request, speak the language they chose on the site."""

from django.conf import settings
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from ..models import TenantProfile


@require_POST
def set_language(request):
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        TenantProfile.objects.filter(user=request.user).exclude(language=language).update(language=language)
    return response
