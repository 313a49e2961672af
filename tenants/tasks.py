from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_welcome_email(user_id):
    """Tell a newly activated tenant, in their own language, what the platform is and how to log in."""
    user = get_user_model().objects.select_related("tenant_profile__household__dwelling").get(pk=user_id)
    profile = user.tenant_profile
    with translation.override(profile.language):
        context = {"profile": profile, "site_url": settings.SITE_URL}
        subject = render_to_string("tenants/email/welcome_subject.txt", context).strip()
        body = render_to_string("tenants/email/welcome.txt", context)
    send_mail(subject, body, None, [user.email])
