"""The Celery app. Settings come from Django's, prefixed CELERY_ (read lazily, so tests can override them)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renovatie.settings")

app = Celery("renovatie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
