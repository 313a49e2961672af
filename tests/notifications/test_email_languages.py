"""E-mail speaks the reader's language for Turkish and Arabic readers too, and Arabic mail reads right to left."""

import pytest
from django.core import mail
from django.utils import translation

from notifications.tasks import send_daily_digests

from .conftest import TenantProfileFactory, committed
from .test_digests import html_of
from .test_recipients import post_news

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("tr", "ltr")])
def test_the_digest_is_in_the_readers_language_and_direction(project, households, staff_user, language, direction):
    reader = TenantProfileFactory(household=households[0], language=language, display_name="Mohamed").user
    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    (message,) = [message for message in mail.outbox if message.to == [reader.email]]
    with translation.override(language):
        news = translation.gettext("News about %(project)s: %(title)s") % {
            "project": project.name,
            "title": "Steigers komen maandag",
        }
    assert news in message.body
    assert f'<html lang="{language}" dir="{direction}">' in html_of(message)


def test_an_arabic_digest_is_not_in_dutch_or_english(project, households, staff_user):
    reader = TenantProfileFactory(household=households[0], language="ar", display_name="Mohamed").user
    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    (message,) = [message for message in mail.outbox if message.to == [reader.email]]
    assert message.subject.startswith("ملخصك من منصة التجديد")
    assert "Nieuws over" not in message.body and "News about" not in message.body
